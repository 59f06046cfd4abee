"""Markdown in and out, through ``fanfmt build``: no word lost, no block made up.

* a paragraph quoted twenty, or a hundred thousand, ``>`` deep keeps every word (the
  depth is flattened; markdown-it would drop what lies past its nesting limit)
* a line after a line break (``<br>``: verse, a letter's lines) that starts as a heading,
  a list item, a quote, a fence or a setext underline would start stays text: the
  Markdown fanfmt writes, read back by markdown-it, has the blocks of the chapter
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from fanfmt.cli import cli

_MD = MarkdownIt("commonmark")


def build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args])


# -- deep quotes ---------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [19, 20, 21, 40, 1_000, 100_000])
def test_a_deeply_quoted_paragraph_keeps_every_word(tmp_path: Path, depth: int) -> None:
    source = tmp_path / "deep.md"
    source.write_text(
        f"Before the quote.\n\n{'>' * depth} Deep words here.\n\nAfter the quote.\n",
        encoding="utf-8",
    )
    result = build(str(source), "-t", "markdown", "-o", "-")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for words in ("Before the quote.", "Deep words here.", "After the quote."):
        assert words in out, out
    assert out.index("Before") < out.index("Deep") < out.index("After")
    assert ">" * 30 not in out  # flattened, not kept as typed


def test_a_deep_quote_with_spaces_and_lazy_lines_keeps_every_word(tmp_path: Path) -> None:
    source = tmp_path / "deep.md"
    source.write_text(
        "Start.\n\n"
        + "> " * 30
        + "First line of it\nand a lazy second line.\n\n"
        + "> " * 25
        + "Another deep one.\n\nEnd.\n",
        encoding="utf-8",
    )
    result = build(str(source), "-t", "markdown", "-o", "-")
    assert result.exit_code == 0, result.output
    for words in ("Start.", "First line of it", "lazy second line.", "Another deep one.", "End."):
        assert words in result.stdout, result.stdout


def test_deeply_nested_lists_keep_every_word(tmp_path: Path) -> None:
    nested = "".join(f"{'  ' * i}- item{i}\n" for i in range(40))
    source = tmp_path / "lists.md"
    source.write_text(f"Start.\n\n{nested}\nEnd.\n", encoding="utf-8")
    result = build(str(source), "-t", "markdown", "-o", "-")
    assert result.exit_code == 0, result.output
    for i in range(40):
        assert f"item{i}" in result.stdout, (i, result.stdout)
    assert "End." in result.stdout


# -- block starts after a line break -------------------------------------------------------

STARTS = (
    "# not a heading",
    "## nor this",
    "- not a list",
    "+ not a list",
    "* not a list",
    "> not a quote",
    "1. not a list",
    "2) not a list",
    "1984. was a year",
    "===",
    "---",
    "```",
    "~~~",
    "***",
    "___",
    "    four spaces",
    "\t# a tab first",
)


def blocks_of(markdown: str) -> list[str]:
    """The block tokens markdown-it reads from ``markdown``: ``["paragraph_open", …]``."""
    return [t.type for t in _MD.parse(markdown) if t.block and t.nesting == 1]


def hard_breaks(markdown: str) -> list[int]:
    """Per paragraph, how many hard line breaks it holds."""
    out = []
    for tok in _MD.parse(markdown):
        if tok.type == "inline":
            out.append(sum(1 for c in tok.children or [] if c.type == "hardbreak"))
    return out


@pytest.mark.parametrize("start", STARTS)
def test_a_line_after_a_line_break_stays_text_in_markdown(tmp_path: Path, start: str) -> None:
    source = tmp_path / "verse.html"
    source.write_text(
        f"<html><body><p>Roses are red,<br>{start}<br>and so on.</p>"
        "<p>The next paragraph is here.</p></body></html>",
        encoding="utf-8",
    )
    result = build(str(source), "-t", "markdown", "-o", "-")
    assert result.exit_code == 0, result.output
    markdown = result.stdout
    assert blocks_of(markdown) == ["paragraph_open", "paragraph_open"], markdown
    assert hard_breaks(markdown) == [2, 0], markdown
    assert "and so on." in _MD.render(markdown)


_LINE_STARTS = st.sampled_from(
    ["", "# ", "- ", "+ ", "> ", "1. ", "3) ", "=", "-", "```", "~~~", "#", "  > ", "\t- "]
)
_WORDS = st.sampled_from(["rose", "red", "violets", "blue", "===", "---", "1.", "#", ">"])


@st.composite
def verse(draw: st.DrawFn) -> list[list[str]]:
    """Paragraphs of lines, each line a block start (maybe) and some words."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        lines = []
        for _ in range(draw(st.integers(2, 5))):
            words = draw(st.lists(_WORDS, min_size=1, max_size=3))
            lines.append(draw(_LINE_STARTS) + " ".join(words))
        paragraphs.append(["word " + lines[0], *lines[1:]])  # the first line: a paragraph
    return paragraphs


@settings(max_examples=60, deadline=None)
@given(verse())
def test_markdown_output_read_back_has_the_same_blocks(paragraphs: list[list[str]]) -> None:
    from html import escape

    body = "".join(
        "<p>" + "<br>".join(escape(line, quote=False) for line in lines) + "</p>"
        for lines in paragraphs
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "v.html")
        source.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
        result = build(str(source), "-t", "markdown", "-o", "-")
    assert result.exit_code == 0, result.output
    markdown = result.stdout
    assert set(blocks_of(markdown)) <= {"paragraph_open", "hr"}, markdown
    kept = [n for n in hard_breaks(markdown) if n]
    assert kept == [len(lines) - 1 for lines in paragraphs if len(lines) > 1], markdown


# -- building the Markdown again --------------------------------------------------------------


@pytest.mark.parametrize(
    "chapter",
    [
        "'emñandú <!--'\n\nShe ran on.\n",  # a thought in single quotes that is no sentence
        "She paused. 'run away' and then she did.\n",
        "'not yet'\n\nShe ran.\n",
        "She paused. 'Not again.' And then she left.\n",  # a sentence: *…* reads back
    ],
)
def test_markdown_built_again_is_the_same_markdown(tmp_path: Path, chapter: str) -> None:
    """A thought in single quotes is written ``*…*`` only where ``*…*`` reads back as a
    thought; else as the italics it is, ``_…_``, which read back as the same italics."""
    source = tmp_path / "ch.txt"
    source.write_text(chapter, encoding="utf-8")
    first = build(str(source), "-t", "markdown", "-o", str(tmp_path / "one.md"))
    assert first.exit_code == 0, first.output
    again = build(str(tmp_path / "one.md"), "-t", "markdown", "-o", str(tmp_path / "two.md"))
    assert again.exit_code == 0, again.output
    one = (tmp_path / "one.md").read_text(encoding="utf-8")
    assert (tmp_path / "two.md").read_text(encoding="utf-8") == one
