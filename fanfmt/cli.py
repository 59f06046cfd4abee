"""The command line: a thin shell over the library.

Each command reads its flags into settings (:mod:`fanfmt.flags`), makes one library call
and prints what came of it; ``fanfmt build``'s decisions are :func:`fanfmt.plan.plan_build`.

Exit codes: 0 done (also when the reader of standard output closed it early, as
``| head`` does); 1 some inputs failed; 2 usage or configuration error;
3 an input cannot be read as a chapter; 4 an output cannot be written;
70 an unexpected internal error; 130 interrupted. Every error is one line on
standard error: ``fanfmt: error: <path>: <reason>``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

import click

from fanfmt import __version__
from fanfmt.cli_group import FanfmtGroup, crash
from fanfmt.errors import FanfmtError, one_line
from fanfmt.flags import (
    build_options,
    chapter_options,
    lint_options,
    make_options,
    resolve_options,
    setting_options,
)
from fanfmt.preview_command import preview
from fanfmt.writers import OUTPUT_FORMATS

if TYPE_CHECKING:
    from fanfmt.explain import Change
    from fanfmt.messages import Line

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT = 0, 1, 2, 3, 4


@click.group(
    cls=FanfmtGroup, commands=[preview], context_settings={"help_option_names": ["-h", "--help"]}
)
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
@setting_options("xhtml")
@build_options
@chapter_options
@setting_options("book")
def build(
    inputs: tuple[str, ...],
    output: str | None,
    to: str | None,
    verbose: bool,
    quiet: bool,
    jobs: int | None,
    files_from: TextIO | None,
    update: bool,
    in_place: bool,
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
      fanfmt build story.epub -o fixed.epub     # an EPUB in, a formatted EPUB out
      fanfmt build story.epub --in-place        # … written over the old one
      fanfmt build library/ -o fixed/ -j 2      # one new book per EPUB in library/
      find . -name '*.txt' | fanfmt build --files-from - -o out/ --update
    """
    from fanfmt.batch import BatchReport, Outcome
    from fanfmt.build import Built
    from fanfmt.errors import UsageError
    from fanfmt.files import write_stdout
    from fanfmt.messages import batch_lines, book_lines, book_warnings, built_lines, fresh_lines
    from fanfmt.plan import Explained, plan_build
    from fanfmt.plan import build as run_plan
    from fanfmt.progress import progress

    options = make_options(**flags)
    try:
        work = plan_build(
            inputs,
            output,
            to,
            files_from=files_from,
            explain=explain,
            update=update,
            stylesheet=options.stylesheet,
            in_place=in_place,
            ao3=options.ao3,
            book=options.book_to,
        )
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    source = work.inputs[0] if work.kind == "single" else ""
    try:
        with progress(work, hidden=quiet or not sys.stderr.isatty()) as advance:
            result = run_plan(work, options, workers=jobs, on_outcome=advance, stdout=write_stdout)
    except FanfmtError:
        raise
    except Exception as exc:  # a single chapter's crash names the chapter
        crash(exc, source)
        return
    match result:
        case Outcome():
            _say(fresh_lines(result, quiet=quiet))
        case Explained():
            _say(built_lines(result.built, verbose=verbose, quiet=quiet))
            print_explanation(source, result.changes, err=result.built.output == "-")
        case BatchReport():
            _say(batch_lines(result, verbose=verbose, quiet=quiet))
            if not result.ok:
                sys.exit(EXIT_FAILED)
        case Built():
            _say(built_lines(result, verbose=verbose, quiet=quiet))
        case _:  # a book (its module is imported only to build one)
            _say(book_warnings(result, quiet=quiet))
            if result.output == "-":
                write_stdout([result.book.data])
            _say(book_lines(result, verbose=verbose, quiet=quiet))


def _say(lines: Iterable[Line]) -> None:
    for line in lines:
        click.echo(line.text, err=line.err)


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
@setting_options("xhtml")
@chapter_options
def config_command(path: str | None, **flags: object) -> None:
    """Print the settings in force and where each came from.

    PATH is a chapter or a folder (default: the current folder); the nearest
    fanfmt.toml from there up applies, and flags override it as in `fanfmt build`.
    For a chapter (or an EPUB), the story's facts follow as comments, each with
    where it came from. The output is itself a valid fanfmt.toml.

    \b
    Examples:
      fanfmt config                       # settings for chapters here
      fanfmt config story/ch5.txt         # for one chapter
      fanfmt config --quotes american     # what a flag changes
    """
    from fanfmt.config import format_settings

    resolved = resolve_options(path or os.getcwd(), **flags)
    click.echo(format_settings(resolved), nl=False)
    if path and os.path.isfile(path):
        from fanfmt.source_facts import read_source_facts
        from fanfmt.story import facts_comment

        facts = read_source_facts(path, resolved.options)
        click.echo(facts_comment(facts, resolved.options), nl=False)


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

    written = export_templates(folder, force=force)  # an error: one line, from FanfmtGroup.invoke
    click.echo(f"exported {len(written)} templates to {folder}; build with --templates {folder}")


def _colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


_STYLES: dict[str, dict[str, object]] = {
    "delete": {"fg": "red"},  # explain's roles
    "insert": {"fg": "green"},
    "rule": {"fg": "cyan"},
    "line": {"bold": True},
    "error": {"fg": "red", "bold": True},  # a lint code, by its severity
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "cyan", "bold": True},
}


def _style(text: str, role: str) -> str:
    return click.style(text, **_STYLES.get(role, {}))  # type: ignore[arg-type]


def print_explanation(source: str, changes: Sequence[Change], *, err: bool = False) -> None:
    """Print what every rule changed (``--explain``, ``fanfmt diff``)."""
    from fanfmt.explain import format_changes, plain_style

    style = _style if _colour(sys.stderr if err else sys.stdout) else plain_style
    click.echo(format_changes(source, changes, style), nl=False, err=err)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@chapter_options
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
    from fanfmt.chapters import expand_inputs, folder_problem
    from fanfmt.errors import InputError
    from fanfmt.explain import explain_file

    options = make_options(**flags)
    status = EXIT_OK
    for source in expand_inputs(inputs):
        try:
            if folder_problem(source):
                raise InputError(folder_problem(source))
            changes = explain_file(source, options)
        except FanfmtError as exc:
            click.echo(f"fanfmt: error: {one_line(exc)}", err=True)
            status = max(status, exc.exit_code)
            continue
        print_explanation(source, changes)
    sys.exit(status)


@cli.command()
@click.argument("inputs", nargs=-1, required=False, metavar="INPUT...")
@lint_options
@chapter_options
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
    from fanfmt.lint import (
        code_lines,
        dumps,
        exit_status,
        filter_report,
        format_line,
        lint_file,
        parse_codes,
        summary_line,
    )

    if list_codes:
        click.echo("\n".join(code_lines()))
        return
    if not inputs:
        raise click.UsageError("no INPUT given (chapter files, or - for standard input)")

    try:
        chosen, skipped = parse_codes(select), parse_codes(ignore)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--select/--ignore") from None
    from fanfmt.chapters import expand_inputs

    options = make_options(**flags)
    sources = expand_inputs(inputs)
    reports = [filter_report(lint_file(source, options), chosen, skipped) for source in sources]
    if output_format == "json":
        click.echo(dumps(reports), nl=False)
    else:
        from fanfmt.explain import plain_style

        style = _style if _colour(sys.stdout) else plain_style
        for report in reports:
            for d in report.diagnostics:
                click.echo(format_line(report.path, d, style))
        if not quiet:
            click.echo(summary_line(reports), err=True)
    sys.exit(exit_status(reports))


def main() -> None:
    """Entry point for the ``fanfmt`` script."""
    try:
        cli(prog_name="fanfmt")
    except (Exception, KeyboardInterrupt) as exc:  # outside any command (parsing, start-up)
        crash(exc)
