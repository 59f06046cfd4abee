"""The command line: a thin shell over the library.

Exit codes: 0 done; 1 some inputs failed; 2 usage or configuration error;
3 an input cannot be read as a chapter; 4 an output cannot be written;
70 an unexpected internal error; 130 interrupted. Every error is one line on
standard error: ``fanfmt: error: <path>: <reason>``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, TextIO

import click

from fanfmt import __version__
from fanfmt.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    FanfmtError,
    OutputError,
    describe_unexpected,
    one_line,
)
from fanfmt.options import (
    DASH_STYLES,
    INPUT_FORMATS,
    NOTES_MODES,
    QUOTE_STYLES,
    THOUGHT_STYLES,
    Options,
)
from fanfmt.writers import OUTPUT_FORMATS

if TYPE_CHECKING:
    from pathlib import Path

    from fanfmt.config import Resolved
    from fanfmt.explain import Change
    from fanfmt.rules.table import Context as RuleContext
    from fanfmt.summary import Summary

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT = 0, 1, 2, 3, 4


def _rule_names() -> list[str]:
    from fanfmt.rules import DEFAULT_CHAIN

    return DEFAULT_CHAIN.names()


def _fail(exc: FanfmtError) -> None:
    click.echo(f"fanfmt: error: {one_line(exc)}", err=True)
    sys.exit(exc.exit_code)


def _crash(exc: BaseException, source: str = "") -> None:
    """Any exception fanfmt did not expect: one line, never a traceback, and its own exit code."""
    if isinstance(exc, KeyboardInterrupt):
        click.echo("fanfmt: error: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        # nothing more can reach the reader; keep Python from complaining at exit
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        click.echo("fanfmt: error: -: standard output was closed", err=True)
        sys.exit(EXIT_OUTPUT)
    where = f"{source}: " if source else ""
    click.echo(f"fanfmt: error: {where}{describe_unexpected(exc)}", err=True)
    sys.exit(EXIT_INTERNAL)


def _to_stdout(parts: Iterable[bytes]) -> None:
    """Write the output to standard output as it is made; a full disk is an output error
    (exit 4). An error in making a part is not a write error: it passes up as it is."""
    out = sys.stdout.buffer
    _stdout_step(sys.stdout.flush)  # what was printed before the output goes first
    for part in parts:
        _stdout_step(partial(out.write, part))
    _stdout_step(out.flush)


def _encoded_to_stdout(parts: Iterable[str]) -> None:
    _to_stdout(part.encode("utf-8") for part in parts)


def _stdout_step(step: Callable[[], object]) -> None:
    try:
        step()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"-: cannot write to standard output ({exc.strerror or exc})") from None


class _Cli(click.Group):
    """The command group; an unexpected exception in any command becomes one line (exit 70)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except FanfmtError as exc:
            _fail(exc)
        except (Exception, KeyboardInterrupt) as exc:
            _crash(exc)
        return None


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="fanfmt")
def cli() -> None:
    """Format raw fanfiction chapters into clean XHTML, Markdown and EPUB.

    \b
    Examples:
      fanfmt build chapter.txt                 # → chapter.xhtml (+ fanfmt.css)
      fanfmt build chapter.txt -o chapter.md   # Markdown
      fanfmt build - --to markdown < in.txt    # a pipe
      fanfmt rules                             # what fanfmt changes, in order
    """


def option_flags(f: click.decorators.FC) -> click.decorators.FC:
    """The options shared by commands that read chapters."""
    decorators = [
        click.option(
            "--disable",
            "disabled",
            multiple=True,
            metavar="RULE",
            help="Switch a rule off (repeatable; see `fanfmt rules`).",
        ),
        click.option(
            "--quotes",
            type=click.Choice(QUOTE_STYLES),
            default="auto",
            show_default=True,
            help="Dialogue convention of the source.",
        ),
        click.option(
            "--thoughts",
            type=click.Choice(THOUGHT_STYLES),
            default="auto",
            show_default=True,
            help="How the source marks thoughts.",
        ),
        click.option(
            "--thought-marks/--no-thought-marks",
            default=False,
            help="Keep quote marks around single-quote thoughts (default: italics only).",
        ),
        click.option(
            "--dash-style",
            type=click.Choice(DASH_STYLES),
            default="closed",
            show_default=True,
            help="Em dashes closed (word—word) or spaced.",
        ),
        click.option(
            "--scene-break",
            default="",
            metavar="TEXT",
            help="Show scene breaks as this ornament (e.g. '* * *') instead of a rule.",
        ),
        click.option(
            "--notes",
            type=click.Choice(NOTES_MODES),
            default="keep",
            show_default=True,
            help="Author's notes: keep in place, move to end, omit.",
        ),
        click.option(
            "--encoding",
            default=None,
            metavar="NAME",
            help="Read inputs in this encoding instead of detecting it.",
        ),
        click.option(
            "--from",
            "from_format",
            type=click.Choice(INPUT_FORMATS),
            default="auto",
            show_default=True,
            help="Input format (auto: .md is markdown, .html html, else sniffed).",
        ),
        click.option("--title", default="", help="Story title (overrides the text's)."),
        click.option("--author", default="", help="Story author."),
        click.option("--lang", default="en", show_default=True, help="Language tag."),
        click.option(
            "--templates",
            "templates",
            default=None,
            metavar="DIR",
            type=click.Path(exists=True, file_okay=False),
            help="Use templates from DIR before the built-in ones.",
        ),
        click.option(
            "--config",
            "config",
            default=None,
            metavar="FILE",
            type=click.Path(exists=True, dir_okay=False),
            help="Read settings from FILE (default: the nearest fanfmt.toml "
            "beside the first INPUT or in a folder above it).",
        ),
        click.option("--no-config", is_flag=True, help="Ignore every fanfmt.toml."),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def book_flags(f: click.decorators.FC) -> click.decorators.FC:
    """Story metadata for books (EPUB) and page templates."""
    decorators = [
        click.option("--series", default="", metavar="NAME", help="Series the story belongs to."),
        click.option(
            "--series-index",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help="The story's place in its series.",
        ),
        click.option("--summary", default="", metavar="TEXT", help="Story summary."),
        click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable)."),
        click.option(
            "--cover",
            default=None,
            metavar="IMAGE",
            help="EPUB: cover image (JPEG, PNG, GIF, WebP or SVG).",
        ),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def make_options(start: str | None = None, /, **kw: object) -> Options:
    """Flags → :class:`Options`, over ``fanfmt.toml``, over the defaults (see resolve_options)."""
    return resolve_options(start, **kw).options


def resolve_options(start: str | None = None, /, **kw: object) -> Resolved:
    """Defaults < ``fanfmt.toml`` < the flags given on the command line.

    The file is ``--config FILE``, else the nearest ``fanfmt.toml`` from ``start`` (default:
    the first INPUT's folder, else the current folder) up; ``--no-config`` skips it. A flag
    counts as given when click says it came from the command line. A bad file or an unknown
    rule name is a usage error (exit 2).
    """
    from pathlib import Path

    from fanfmt.config import load_config, resolve
    from fanfmt.config_trust import trusted_config

    config_file = kw.pop("config", None)
    no_config = bool(kw.pop("no_config", False))
    disabled = frozenset(kw.pop("disabled", ()) or ())  # type: ignore[call-overload]
    unknown = disabled - set(_rule_names())
    if unknown:
        raise click.BadParameter(
            f"unknown rule {', '.join(sorted(unknown))} (known: {', '.join(_rule_names())})",
            param_hint="--disable",
        )
    if config_file and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    ctx = click.get_current_context(silent=True)
    flags = {**kw, "disabled_rules": disabled}
    given = {name for name, value in flags.items() if _given(ctx, name, value)}
    try:
        path = Path(str(config_file)) if config_file else None
        start = start or _config_start(ctx)
        if path is None and not no_config:
            path = trusted_config(start, warn=_warn)
            _tell_config(ctx, path, start, found=True)
        else:
            _tell_config(ctx, path, start, found=False)
        config = load_config(path) if path is not None else None
        return resolve(flags, given, config, config_label=path.name if path else "")
    except FanfmtError as exc:
        _fail(exc)
        raise  # not reached: _fail exits


def _warn(message: str) -> None:
    click.echo(f"fanfmt: warning: {message}", err=True)


def _tell_config(ctx: click.Context | None, path: Path | None, start: str, *, found: bool) -> None:
    """``-v`` names the ``fanfmt.toml`` in force; one found above the input's folder is
    always named (but with ``-q``)."""
    from fanfmt.config_trust import config_notice

    if path is None:
        return
    params = ctx.params if ctx is not None else {}
    notice = config_notice(path, start) if found else None
    if notice and not params.get("quiet"):
        click.echo(f"fanfmt: note: {notice}", err=True)
    elif params.get("verbose"):
        click.echo(f"fanfmt: using settings from {path}", err=True)


def _given(ctx: click.Context | None, name: str, value: object) -> bool:
    """Was the flag for Options field ``name`` given (not left at its default)?"""
    from click.core import ParameterSource

    param = "disabled" if name == "disabled_rules" else name
    source = ctx.get_parameter_source(param) if ctx is not None else None
    if source is None:  # not a flag of this command: a value passed in code
        return bool(value != getattr(Options(), name, None))
    return source not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _config_start(ctx: click.Context | None) -> str:
    """Where to look for ``fanfmt.toml``: the first INPUT (not ``-``), else the current folder."""
    inputs = ctx.params.get("inputs", ()) if ctx is not None else ()
    first = next((i for i in inputs or () if isinstance(i, str) and i != "-"), None)
    return first or os.getcwd()


@cli.command()
@click.argument("inputs", nargs=-1, required=False, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="Output file or folder (- for standard output). "
    "Default: beside each INPUT, with the format's suffix.",
)
@click.option(
    "-t",
    "--to",
    "to",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    help="Output format (default: from the output's suffix, else xhtml).",
)
@click.option(
    "--stylesheet",
    type=click.Choice(["link", "inline"]),
    default="link",
    show_default=True,
    help="XHTML: link fanfmt.css written beside it, or inline it.",
)
@click.option("-v", "--verbose", is_flag=True, help="Say what was found.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes for several chapters (default: the CPU count).",
)
@click.option(
    "--files-from",
    type=click.File("r", encoding="utf-8"),
    default=None,
    metavar="FILE",
    help="Read more INPUTs from FILE, one per line (- for stdin).",
)
@click.option(
    "-u",
    "--update",
    is_flag=True,
    help="Skip chapters whose output is already newer than the chapter.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also show every change made, paragraph by paragraph, with its rule.",
)
@option_flags
@book_flags
def build(
    inputs: tuple[str, ...],
    output: str | None,
    to: str | None,
    stylesheet: str,
    verbose: bool,
    quiet: bool,
    jobs: int | None,
    files_from: TextIO | None,
    update: bool,
    explain: bool,
    **flags: object,
) -> None:
    """Format chapter files (INPUT, or - for standard input).

    \b
    Examples:
      fanfmt build ch7.txt                      # → ch7.xhtml
      fanfmt build ch7.txt -o ch7.md            # Markdown, from the suffix
      fanfmt build ch7.txt --to markdown -o -   # Markdown to standard output
      fanfmt build ch7.txt --disable thoughts   # leave 'single quotes' alone
      fanfmt build ch7.txt -v                   # say what was found
      fanfmt build stories/ -o out/ -j 2        # a folder, two worker processes
      fanfmt build ch*.txt -o story.epub        # one EPUB, chapters in natural order
      find . -name '*.txt' | fanfmt build --files-from - -o out/ --update
    """
    if not inputs and files_from is None:
        raise click.UsageError("no INPUT given (a chapter file, a folder, or - for standard input)")
    from fanfmt.files import STDOUT_NAMES

    if output in STDOUT_NAMES:
        output = "-"  # -o /dev/stdout: written as standard output is, not as a file
    options = make_options(stylesheet=stylesheet, **flags)
    if explain and (len(inputs) != 1 or files_from is not None or to == "epub"):
        raise click.UsageError("--explain works on one chapter at a time (see also: fanfmt diff)")
    if (to or ("epub" if (output or "").lower().endswith(".epub") else "")) == "epub":
        build_book(inputs, output, options, verbose=verbose, quiet=quiet)
        return
    if wants_batch(inputs, output, files_from):
        build_batch(
            inputs,
            files_from,
            output,
            to,
            options,
            jobs=jobs,
            update=update,
            verbose=verbose,
            quiet=quiet,
        )
        return
    if update and skip_up_to_date(inputs[0], output, to, quiet=quiet):
        return
    if explain:
        build_explained(inputs[0], output, to, options, verbose=verbose, quiet=quiet)
        return
    build_single(inputs[0], output, to, options, verbose=verbose, quiet=quiet)


def wants_batch(inputs: tuple[str, ...], output: str | None, files_from: TextIO | None) -> bool:
    """Several inputs, a folder, ``--files-from``, or ``-o`` naming a folder → a batch build."""
    if files_from is not None or len(inputs) > 1:
        return True
    if inputs[0] != "-" and os.path.isdir(inputs[0]):
        return True
    if output is None or output == "-":
        return False
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def build_batch(
    inputs: tuple[str, ...],
    files_from: TextIO | None,
    output: str | None,
    to: str | None,
    options: Options,
    *,
    jobs: int | None,
    update: bool,
    verbose: bool,
    quiet: bool,
) -> None:
    """Build many chapters in worker processes: a progress bar on a terminal, then a summary."""
    from fanfmt.batch import Outcome, plan, run

    listed = [line.rstrip("\r\n") for line in files_from] if files_from is not None else []
    sources = [*inputs, *(line for line in listed if line.strip())]
    if "-" in sources:
        raise click.UsageError(
            "- (standard input) cannot be one of several inputs; "
            "--files-from - reads a list of paths from it"
        )
    if output == "-":
        raise click.UsageError("several chapters cannot go to standard output: give -o a folder")
    if (
        output is not None
        and not output.endswith(("/", os.sep))
        and not os.path.isdir(output)
        and os.path.splitext(output)[1]
    ):
        raise click.UsageError(
            f"-o {output} looks like a file, but several chapters are built: "
            f"give a folder (ending in /)"
        )
    fmt = to or "xhtml"
    work = plan(sources, output, to=fmt, update=update)
    hidden = quiet or not sys.stderr.isatty()
    with click.progressbar(
        length=len(work.jobs) + len(work.settled),
        label="building",
        file=sys.stderr,
        hidden=hidden,
        show_pos=True,
        show_percent=True,
    ) as bar:

        def advance(outcome: Outcome) -> None:
            del outcome
            bar.update(1)

        report = run(work, to=fmt, options=options, workers=jobs, on_outcome=advance)
    for outcome in report.outcomes:
        if verbose and outcome.status != "failed":
            action = "wrote" if outcome.status == "built" else "up to date:"
            click.echo(f"{action} {outcome.output}")
    for outcome in report.failures:
        click.echo(f"fanfmt: error: {outcome.source}: {outcome.reason}", err=True)
    if not quiet:
        click.echo(report.summary())
    if not report.ok:
        sys.exit(EXIT_FAILED)


def skip_up_to_date(source: str, output: str | None, to: str | None, *, quiet: bool) -> bool:
    """``--update`` for one chapter: True (and say so) when its output is newer."""
    from pathlib import Path

    from fanfmt.batch import up_to_date
    from fanfmt.build import default_output, pick_format

    if source == "-" or output == "-":
        return False
    try:
        out = output or default_output(source, pick_format(to, output))
    except FanfmtError as exc:
        _fail(exc)
        return True
    if not up_to_date(Path(source), Path(out)):
        return False
    if not quiet:
        click.echo(f"up to date: {out}")
    return True


def build_single(
    source: str,
    output: str | None,
    to: str | None,
    options: Options,
    *,
    verbose: bool,
    quiet: bool,
    ctx: RuleContext | None = None,
) -> None:
    """Build one chapter to one output, printing what was written."""
    from fanfmt.build import build_file

    try:
        built = build_file(source, output, to, options, ctx=ctx, stdout=_encoded_to_stdout)
    except FanfmtError as exc:
        _fail(exc)
        return
    except Exception as exc:
        _crash(exc, source)
        return
    if built.output != "-" and not quiet:
        click.echo(f"wrote {built.output} ({built.format})")
    if verbose:
        click.echo(describe(built.summary), err=True)
        for d in built.diagnostics:
            click.echo(f"{built.source}:{d.line}:{d.col}: {d.code} {d.message}", err=True)


def build_explained(
    source: str, output: str | None, to: str | None, options: Options, *, verbose: bool, quiet: bool
) -> None:
    """``build --explain``: build one chapter, then show what every rule changed.

    The changes go to standard output, or to standard error when the chapter does.
    """
    from fanfmt.explain import explain_changes
    from fanfmt.rules.table import Context

    ctx = Context(options, changes=[])
    build_single(source, output, to, options, verbose=verbose, quiet=quiet, ctx=ctx)
    to_stdout = output == "-" or (output is None and source == "-")
    print_explanation(source, explain_changes(ctx.changes or []), err=to_stdout)


def build_book(
    inputs: tuple[str, ...], output: str | None, options: Options, *, verbose: bool, quiet: bool
) -> None:
    """Build every INPUT (files and folders, natural order) into one EPUB."""
    from fanfmt.epub import build_epub
    from fanfmt.summary import summarise

    try:
        built = build_epub(inputs, output, options)
    except FanfmtError as exc:
        _fail(exc)
        return
    for warning in built.warnings:
        if not quiet:
            click.echo(f"fanfmt: warning: {warning}", err=True)
    if built.output == "-":
        _to_stdout([built.book.data])
    elif not quiet:
        count = len(built.chapters)
        click.echo(f"wrote {built.output} (epub, {count} chapter{'' if count == 1 else 's'})")
    if verbose:
        for chapter, entry in zip(built.chapters, built.book.chapters, strict=True):
            click.echo(f"{chapter.source} → {entry.href}: {entry.title}", err=True)
            click.echo(describe(summarise(chapter.document)), err=True)
            for d in chapter.diagnostics:
                click.echo(f"{chapter.source}:{d.line}:{d.col}: {d.code} {d.message}", err=True)


def describe(summary: Summary) -> str:
    """What was found in a chapter (for ``-v``)."""
    return "\n".join(summary.lines())


@cli.command()
def rules() -> None:
    """List the rule chain, in order, with what each rule does.

    \b
    Examples:
      fanfmt rules
      fanfmt build ch7.txt --disable dashes --disable ellipses
    """
    from fanfmt.rules import DEFAULT_CHAIN

    width = max(len(n) for n in DEFAULT_CHAIN.names())
    for rule in DEFAULT_CHAIN.rules:
        click.echo(f"{rule.name:<{width}}  {rule.summary}")


@cli.command("config")
@click.argument("path", required=False, default=None, metavar="[PATH]")
@click.option(
    "--stylesheet",
    type=click.Choice(["link", "inline"]),
    default="link",
    show_default=True,
    help="XHTML: link fanfmt.css written beside it, or inline it.",
)
@option_flags
def config_command(path: str | None, **flags: object) -> None:
    """Print the settings in force and where each came from.

    PATH is a chapter or a folder (default: the current folder); the nearest
    fanfmt.toml from there up applies, and flags override it as in `fanfmt build`.
    The output is itself a valid fanfmt.toml.

    \b
    Examples:
      fanfmt config                       # settings for chapters here
      fanfmt config story/ch5.txt         # for one chapter
      fanfmt config --quotes american     # what a flag changes
    """
    from fanfmt.config import format_settings

    resolved = resolve_options(path or os.getcwd(), **flags)
    click.echo(format_settings(resolved), nl=False)


@cli.group("templates")
def templates_group() -> None:
    """Your own templates: export the built-in ones, edit them, build with them.

    \b
    Examples:
      fanfmt templates export my-templates
      fanfmt build ch5.txt --to html --templates my-templates
    """


@templates_group.command("export")
@click.argument("folder", metavar="DIR")
@click.option("--force", is_flag=True, help="Overwrite templates already in DIR.")
def templates_export(folder: str, force: bool) -> None:
    """Copy the built-in templates into DIR for editing.

    Build with --templates DIR (or `templates = "DIR"` under [output] in
    fanfmt.toml): any template found in DIR is used before the built-in one.
    """
    from fanfmt.templating import export_templates

    try:
        written = export_templates(folder, force=force)
    except FanfmtError as exc:
        _fail(exc)
        return
    click.echo(f"exported {len(written)} templates to {folder}; build with --templates {folder}")


def _colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_EXPLAIN_STYLES: dict[str, dict[str, object]] = {
    "delete": {"fg": "red"},
    "insert": {"fg": "green"},
    "rule": {"fg": "cyan"},
    "line": {"bold": True},
}


def _explain_style(text: str, role: str) -> str:
    return click.style(text, **_EXPLAIN_STYLES.get(role, {}))  # type: ignore[arg-type]


def print_explanation(source: str, changes: Sequence[Change], *, err: bool = False) -> None:
    """Print what every rule changed (``--explain``, ``fanfmt diff``)."""
    from fanfmt.explain import format_changes, plain_style

    style = _explain_style if _colour(sys.stderr if err else sys.stdout) else plain_style
    click.echo(format_changes(source, changes, style), nl=False, err=err)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@option_flags
def diff(inputs: tuple[str, ...], **flags: object) -> None:
    """Show every change fanfmt would make, paragraph by paragraph, with the rule that makes it.

    Nothing is written. Deletions are shown [-so-] and insertions {+so+}
    (red and green on a terminal); [i:…] is italics, [thought:…] a thought.

    \b
    Examples:
      fanfmt diff ch7.txt
      fanfmt diff ch7.txt --disable quotes | less -R
      fanfmt build ch7.txt --explain            # build, and show the changes
    """
    from fanfmt.explain import explain_file

    options = make_options(**flags)
    status = EXIT_OK
    for source in inputs:
        try:
            changes = explain_file(source, options)
        except FanfmtError as exc:
            click.echo(f"fanfmt: error: {exc}", err=True)
            status = max(status, exc.exit_code)
            continue
        print_explanation(source, changes)
    sys.exit(status)


@cli.command()
@click.argument("inputs", nargs=-1, required=False, metavar="INPUT...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE message [severity]; "
    "json: one document (version, files, summary).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Report only these codes or code prefixes (e.g. F,Q001; repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Do not report these codes or code prefixes (e.g. G,C001; repeatable).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.option("--list-codes", is_flag=True, help="List every code with its severity, then exit.")
@option_flags
def lint(
    inputs: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    quiet: bool,
    list_codes: bool,
    **flags: object,
) -> None:
    """Report problems in chapters: damage from lost formatting, unpaired quotes,
    guesses fanfmt had to make, mixed conventions, typos and leftover markup.

    Findings come from the same rules that build the chapter (same options,
    same fanfmt.toml), plus checks that change nothing. Exit status: 0 when
    nothing at warning level or above is found, 1 when something is, 3 when
    an input cannot be read at all (E000).

    \b
    Examples:
      fanfmt lint ch7.txt
      fanfmt lint ch*.txt --ignore G,C         # no guesses or mixed conventions
      fanfmt lint ch7.txt --select F,Q         # damage and quotes only
      fanfmt lint ch7.txt --format json | jq '.files[].diagnostics[].code'
      fanfmt lint --list-codes                 # every code and what it means
    """
    if list_codes:
        from fanfmt.checks.codes import all_codes

        for code, info in all_codes().items():
            summary = info.summary.replace("``", "")
            click.echo(f"{code}  {info.severity:<7}  {info.name:<30}  {summary}")
        return
    if not inputs:
        raise click.UsageError("no INPUT given (chapter files, or - for standard input)")
    from fanfmt.lint import (
        dumps,
        exit_status,
        filter_report,
        format_line,
        lint_file,
        parse_codes,
        summary_line,
    )

    try:
        chosen, skipped = parse_codes(select), parse_codes(ignore)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--select/--ignore") from None
    options = make_options(**flags)
    reports = [filter_report(lint_file(source, options), chosen, skipped) for source in inputs]
    if output_format == "json":
        click.echo(dumps(reports), nl=False)
    else:
        colour = _colour(sys.stdout)
        for report in reports:
            for d in report.diagnostics:
                line = format_line(report.path, d)
                if colour:
                    head, _, rest = line.partition(f" {d.code} ")
                    code = click.style(d.code, fg=_SEVERITY_COLOURS[d.severity], bold=True)
                    line = f"{head} {code} {rest}"
                click.echo(line)
        if not quiet:
            click.echo(summary_line(reports), err=True)
    sys.exit(exit_status(reports))


def main() -> None:
    """Entry point for the ``fanfmt`` script."""
    try:
        cli(prog_name="fanfmt")
    except (Exception, KeyboardInterrupt) as exc:  # outside any command (parsing, start-up)
        _crash(exc)
