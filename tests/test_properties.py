"""Properties over generated fanfic-like text: nothing crashes, nothing is lost.

For any chapter made of words, quotes, apostrophes, asterisks, dots, dashes,
markup characters, non-ASCII text and runs of blank lines:

* conversion never raises;
* the XHTML is well-formed XML;
* every word of the input is in the XHTML and in the Markdown (as CommonMark
  renders it), in the same order (words are ``[^\\W_]+`` runs, ’ read as ');
* the Markdown is stable: building fanfmt's own Markdown again gives the same Markdown.

Example counts come from the hypothesis profile (``HYPOTHESIS_PROFILE=ci`` for more).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from fanfmt import convert, pipeline
from fanfmt.build import build_file
from fanfmt.options import Options
from fanfmt.pipeline import prepare
from fanfmt.writers import get_writer

XHTML_NS = "{http://www.w3.org/1999/xhtml}"
WORD_RE = re.compile(r"[^\W_]+")
_MD = MarkdownIt("commonmark")

# Words that cannot, alone or together, make a heading, a scene-break line or a title label.
VOCABULARY = (
    "the a and she he they it was said asked looked at her his hand door light dark "
    "night run Harry Hermione Naruto Sakura Mira Tobin don't can't won't it's o'clock "
    "rock 'em 'cause dogs' runnin' 1984 7 42 3rd café naïve Zoë façade "
    "東京 Привет שלום مرحبا 😀 ñandú e\u0301 Ω ex why"
).split()
MARKS = (
    '"',
    '"',
    "'",
    "'",
    "*",
    "**",
    "_",
    "...",
    "..",
    ". . .",
    "....",
    "--",
    "-",
    "---",
    "\u2014",
    "\u2026",
    ",",
    ".",
    "!",
    "?",
    "?!",
    ":",
    ";",
    "(",
    ")",
    "<",
    ">",
    "&",
    "[",
    "]",
    "#",
    "`",
    "{{",
    "}}",
    "{%",
    "%}",
    "]]>",
    "<!--",
    "-->",
    "\\",
    "~",
    "|",
    "=",
    "+",
    "1.",
    "2)",
    "\u2019",
    "\u201c",
    "\u201d",
    "\u2018",
    "&amp;",
    "<script>",
    "</b>",
    "\u00a0",
)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    tokens = draw(
        st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(MARKS)), max_size=14)
    )
    glue = draw(st.lists(st.sampled_from(["", " ", " ", " "]), min_size=len(tokens)))
    return "".join(t + g for t, g in zip(tokens, glue, strict=False)).strip()


@st.composite
def chapters(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(sentences(), min_size=1, max_size=12))
    out: list[str] = []
    for p in paragraphs:
        indent = draw(st.sampled_from(["", "", "", "    ", "\t", "\u00a0\u00a0"]))
        out.append(indent + p)
        out.append(draw(st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n", "\n\n\n\n", "\r\n\r\n"])))
    return "".join(out)


def rebuild_markdown(markdown: str) -> str:
    """Build fanfmt's own Markdown output again, read as Markdown."""
    return convert(markdown, "markdown", from_format="markdown").text


def words(text: str) -> list[str]:
    """``"Don’t *go*"`` → ``["Don", "t", "go"]``."""
    return WORD_RE.findall(text.replace("\u2019", "'"))


def xhtml_words(page: str) -> list[str]:
    body = ET.fromstring(page.encode("utf-8")).find(f"{XHTML_NS}body")
    assert body is not None
    return words(" ".join(body.itertext()))


def markdown_words(markdown: str) -> list[str]:
    html = _MD.render(markdown)
    return words(" ".join(ET.fromstring(f"<div>{html}</div>".encode()).itertext()))


@given(chapters())
@example("He typed <script>alert(1)</script> & left. ]]> <!-- x --> {{ 7*7 }} {% if 1 %}")
@example("# Not a heading\n\n- not a list\n\n1. not a list\n\n    not code\n\n<div>\n\n[a](b)")
@example("Chapter 1\n\nChapter 2")
@example('</b> ""\n</b> ""\n')  # a repeated line of signs keeps its letters
@example("One.\n\n...~e~...\n\nTwo.\n\n...~e~...\n\nThree.\n")  # an author's own mark
@example("A/N: a note.\n\nStory.\n\nMore story.\n\nA/N: thanks for reading!")
@example("the\n*\n*the*the\n**\nthe\n")  # two plain marks: the same in every output
@example("...\n..\n")  # two rows of dots, no story between: pauses, not breaks, every time
def test_nothing_lost_and_stable(text: str) -> None:
    xhtml = convert(text, "xhtml", from_format="text").text
    markdown = convert(text, "markdown", from_format="text").text
    expected = words(text)
    assert xhtml_words(xhtml) == expected
    assert markdown_words(markdown) == expected
    assert rebuild_markdown(markdown) == markdown


def test_ten_thousand_nested_quotes_keep_every_word() -> None:
    openers = "".join(('"' if i % 2 == 0 else "'") + f"q{i} " for i in range(10_000))
    closers = "".join(("'" if i % 2 else '"') + " " for i in range(10_000))
    text = f"Chapter 1\n\n{openers}{closers}end.\n"
    xhtml = convert(text, "xhtml", from_format="text").text
    markdown = convert(text, "markdown", from_format="text").text
    expected = words(text)
    assert xhtml_words(xhtml) == expected
    assert markdown_words(markdown) == expected


@pytest.mark.parametrize("start", range(8))
def test_alternating_quotes_cut_anywhere_keep_every_word(start: int) -> None:
    """``"a ''b ""a ''b "…`` from any offset (as a cut paragraph may begin) nests no deeper
    than prose does, instead of past the interpreter's recursion limit."""
    text = ("\"a ''b \"" * 2_000)[start:] + "end.\n"
    xhtml = convert(text, "xhtml", from_format="text").text
    assert xhtml_words(xhtml) == words(text)


def streamed_xhtml(text: str) -> str:
    """XHTML as ``fanfmt build`` makes it: the chapter finished a block at a time."""
    old = pipeline.PIECE_CHARS
    pipeline.PIECE_CHARS = 1
    try:
        prepared = prepare(text, Options(), from_format="text")
        return "".join(get_writer("xhtml").write(prepared.page(), Options()))
    finally:
        pipeline.PIECE_CHARS = old


@given(chapters())
def test_finishing_a_block_at_a_time_changes_nothing(text: str) -> None:
    assert streamed_xhtml(text) == convert(text, "xhtml", from_format="text").text


def test_a_megabyte_line_is_built_in_paragraphs_with_every_word(tmp_path: Path) -> None:
    src = tmp_path / "one-line.txt"
    text = "She said, \"Don't go--\" and *ran*... It's fine. " * 25_000  # 1.2 MB, no line break
    src.write_text(text, "utf-8")
    built = build_file(str(src), str(tmp_path / "one-line.xhtml"), None, Options())
    page = (tmp_path / "one-line.xhtml").read_text("utf-8")
    assert xhtml_words(page) == words(text)
    assert built.summary.paragraphs == 12
    assert built.summary.dialogue == 25_000
    assert [d.code for d in built.diagnostics] == ["P002"]
