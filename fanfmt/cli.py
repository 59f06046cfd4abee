"""The command line: a thin shell over the library.

Exit codes: 0 done; 1 some inputs failed; 2 usage or configuration error;
3 an input cannot be read as a chapter; 4 an output cannot be written.
"""

from __future__ import annotations

import sys
from collections import Counter

import click

from fanfmt import __version__
from fanfmt.errors import FanfmtError
from fanfmt.options import (
    DASH_STYLES,
    NOTES_MODES,
    QUOTE_STYLES,
    THOUGHT_STYLES,
    Options,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT = 0, 1, 2, 3, 4


def _rule_names() -> list[str]:
    from fanfmt.rules import DEFAULT_CHAIN

    return DEFAULT_CHAIN.names()


def _fail(exc: FanfmtError) -> None:
    click.echo(f"fanfmt: error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
        click.option("--disable", "disabled", multiple=True, metavar="RULE",
                     help="Switch a rule off (repeatable; see `fanfmt rules`)."),
        click.option("--quotes", type=click.Choice(QUOTE_STYLES), default="auto",
                     show_default=True, help="Dialogue convention of the source."),
        click.option("--thoughts", type=click.Choice(THOUGHT_STYLES), default="auto",
                     show_default=True, help="How the source marks thoughts."),
        click.option("--thought-marks/--no-thought-marks", default=False,
                     help="Keep quote marks around single-quote thoughts (default: italics only)."),
        click.option("--dash-style", type=click.Choice(DASH_STYLES), default="closed",
                     show_default=True, help="Em dashes closed (word—word) or spaced."),
        click.option("--scene-break", default="", metavar="TEXT",
                     help="Show scene breaks as this ornament (e.g. '* * *') instead of a rule."),
        click.option("--notes", type=click.Choice(NOTES_MODES), default="keep",
                     show_default=True, help="Author's notes: keep in place, move to end, omit."),
        click.option("--encoding", default=None, metavar="NAME",
                     help="Read inputs in this encoding instead of detecting it."),
        click.option("--title", default="", help="Story title (overrides the text's)."),
        click.option("--author", default="", help="Story author."),
        click.option("--lang", default="en", show_default=True, help="Language tag."),
        click.option("--templates", "templates", default=None, metavar="DIR",
                     type=click.Path(exists=True, file_okay=False),
                     help="Use templates from DIR before the built-in ones."),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def make_options(**kw: object) -> Options:
    """Flags → :class:`Options`; an unknown rule name is a usage error."""
    disabled = frozenset(kw.pop("disabled", ()) or ())  # type: ignore[call-overload]
    unknown = disabled - set(_rule_names())
    if unknown:
        raise click.BadParameter(
            f"unknown rule {', '.join(sorted(unknown))} (known: {', '.join(_rule_names())})",
            param_hint="--disable",
        )
    return Options(disabled_rules=disabled, **kw)  # type: ignore[arg-type]


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default=None, metavar="PATH",
              help="Output file (- for standard output). Default: INPUT with the format's suffix.")
@click.option("-t", "--to", "to", type=click.Choice(["xhtml", "markdown"]), default=None,
              help="Output format (default: from the output's suffix, else xhtml).")
@click.option("--stylesheet", type=click.Choice(["link", "inline"]), default="link",
              show_default=True, help="XHTML: link fanfmt.css written beside it, or inline it.")
@click.option("-v", "--verbose", is_flag=True, help="Say what was found.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@option_flags
def build(inputs: tuple[str, ...], output: str | None, to: str | None, stylesheet: str,
          verbose: bool, quiet: bool, **flags: object) -> None:
    """Format chapter files (INPUT, or - for standard input).

    \b
    Examples:
      fanfmt build ch7.txt                      # → ch7.xhtml
      fanfmt build ch7.txt -o ch7.md            # Markdown, from the suffix
      fanfmt build ch7.txt --to markdown -o -   # Markdown to standard output
      fanfmt build ch7.txt --disable thoughts   # leave 'single quotes' alone
      fanfmt build ch7.txt -v                   # say what was found
    """
    from fanfmt.build import build_file

    options = make_options(stylesheet=stylesheet, **flags)
    try:
        built = build_file(inputs[0], output, to, options)
    except FanfmtError as exc:
        _fail(exc)
        return
    if built.output == "-":
        sys.stdout.write(built.text)
        sys.stdout.flush()
    elif not quiet:
        click.echo(f"wrote {built.output} ({built.format})", err=built.output == "-")
    if verbose:
        click.echo(describe(built.document), err=True)
        for d in built.diagnostics:
            click.echo(f"{built.source}:{d.line}:{d.col}: {d.code} {d.message}", err=True)


def describe(doc: object) -> str:
    """A summary of what was found in a document (for ``-v``)."""
    from fanfmt.model import AuthorNote, Document, Heading, Legend, Paragraph, Quoted, SceneBreak, Thought
    from fanfmt.walk import count_nodes, iter_paragraphs

    assert isinstance(doc, Document)
    kinds = Counter(type(b).__name__ for b in doc.blocks)
    paragraphs = list(iter_paragraphs(doc))
    dialogue = sum(_count_dialogue(p.children) for p in paragraphs)
    thoughts = sum(count_nodes(p.children, Thought) for p in paragraphs)
    captions = sum(1 for b in doc.blocks if isinstance(b, Paragraph) and b.role == "caption")
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    lines = [
        f"convention: {doc.convention.describe()}",
        f"heading: {doc.meta.chapter or '(none)'}; story title: {doc.meta.title or '(none)'}",
        f"paragraphs: {kinds.get('Paragraph', 0)}; legend: {'yes' if kinds.get(Legend.__name__) else 'no'}",
        f"author's notes: {len(notes)} ({', '.join(n.position for n in notes) or 'none'})",
        f"scene breaks: {kinds.get(SceneBreak.__name__, 0)}; captions: {captions}; "
        f"headings: {kinds.get(Heading.__name__, 0)}",
        f"dialogue spans: {dialogue}; thoughts: {thoughts}",
    ]
    del Quoted
    return "\n".join(lines)


def _count_dialogue(children: tuple[object, ...], inside: bool = False) -> int:
    from fanfmt.model import Emphasis, Quoted, Strong, Thought

    total = 0
    for node in children:
        if isinstance(node, Quoted):
            if node.dialogue and not inside:
                total += 1
            total += _count_dialogue(node.children, inside or node.dialogue)
        elif isinstance(node, Emphasis | Strong | Thought):
            total += _count_dialogue(node.children, inside)
    return total


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


def main() -> None:
    """Entry point for the ``fanfmt`` script."""
    cli(prog_name="fanfmt")
