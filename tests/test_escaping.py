"""Escaping: markup characters in the text come out as text, in every format.

``<script>``, ``&``, ``]]>``, ``<!--``, ``{{ … }}`` and ``{% … %}`` are never markup and
never evaluated by Jinja; in Markdown, nothing the author typed becomes a list, a
heading, a code block, an HTML block, a link or emphasis fanfmt did not mean.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from fanfmt import Options, convert
from fanfmt.writers import FORMATS

HOSTILE = (
    "He typed <script>alert(1)</script> & left.",
    "The end ]]> of CDATA, <!-- not a comment --> and <![CDATA[ x ]]>.",
    "Jinja {{ 7*7 }} and {% if true %}yes{% endif %} and {# hidden #} and {{ config }}.",
    "Entities &amp; &lt;b&gt; &#65; &copy; stay as typed.",
    "<b>not bold</b> <img src=x onerror=alert(1)> <a href='y'>no link</a>",
)
LITERALS = (
    "<script>alert(1)</script>",
    "&",
    "]]>",
    "<!-- not a comment -->",
    "<![CDATA[ x ]]>",
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "{# hidden #}",
    "{{ config }}",
    "&amp; &lt;b&gt; &#65; &copy;",
    "<b>not bold</b>",
    "<img src=x onerror=alert(1)>",
)
TEXT = "\n\n".join(HOSTILE) + "\n"
_MD = MarkdownIt("commonmark")  # raw HTML on, as most renderers have it


class _Page(HTMLParser):
    """The text and the tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def page(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    parser.close()
    return parser


def visible(fmt: str, output: str) -> _Page:
    """What a reader of ``output`` sees (Markdown rendered as CommonMark first)."""
    return page(_MD.render(output) if fmt == "markdown" else output)


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_in_the_text_is_literal(fmt: str) -> None:
    out = convert(TEXT, fmt, from_format="text").text
    seen = visible(fmt, out)
    shown = " ".join("".join(seen.text).split())
    for literal in LITERALS:
        assert literal in shown, (literal, shown)
    assert not {"script", "img", "b", "a"} & set(seen.tags)
    assert not any("not a comment" in c for c in seen.comments)
    assert "49" not in out  # {{ 7*7 }} was not evaluated


@pytest.mark.parametrize("fmt", ["xhtml"])
def test_xhtml_stays_well_formed(fmt: str) -> None:
    out = convert(TEXT, fmt, from_format="text").text
    root = ET.fromstring(out.encode("utf-8"))
    text = " ".join("".join(root.itertext()).split())
    assert "]]> of CDATA" in text
    assert "<script>alert(1)</script>" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_metadata_is_escaped_and_never_evaluated(fmt: str) -> None:
    options = Options(
        title="<i>T</i> & {{ 7*7 }}", author="A {% raw %}<b>", scene_break="<hr> {{ x }}"
    )
    out = convert("One.\n\n\n\n\nTwo.\n", fmt, options, from_format="text").text
    assert "49" not in out
    seen = visible(fmt, out)
    assert not {"i", "b"} & set(seen.tags)
    if fmt != "markdown":
        assert "<i>" not in out


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("# Not a heading", {"h1"}),
        ("###### Not a heading", {"h6"}),
        ("- not a list", {"ul", "li"}),
        ("+ not a list", {"ul", "li"}),
        ("* not a list", {"ul", "li"}),
        ("1. not a list", {"ol", "li"}),
        ("1984. A year", {"ol", "li"}),
        ("2) not a list", {"ol", "li"}),
        ("> not a quote", {"blockquote"}),
        ("<div>not an HTML block</div>", {"div"}),
        ("<!-- not a comment -->", set()),
        ("```not code", {"pre", "code"}),
        ("`not code` either", {"code"}),
        ("[not a link](http://example.com)", {"a"}),
        ("<http://example.com> is not a link", {"a"}),
        ("![not an image](x.png)", {"img"}),
        ("[ref]: http://example.com", set()),
        ("2 * 3 * 4 and f*ck and a*b*c", {"em"}),
        ("snake_case_name and x_y_z", {"em", "strong"}),
        ("Setext\n===", {"h1"}),
        ("a \\* b \\_ c \\\\ d", {"em"}),
    ],
)
def test_markdown_block_and_inline_syntax_is_escaped(line: str, kinds: set[str]) -> None:
    text = f"Story before.\n\n{line}\n\nStory after.\n"
    markdown = convert(text, "markdown", from_format="text").text
    html = _MD.render(markdown)
    seen = page(html)
    assert not kinds & set(seen.tags), (markdown, html)
    assert set(seen.tags) <= {"p", "em", "strong", "hr"}, (markdown, html)
    words_in = [w for w in line.replace("\\", " ").split() if w.isalpha()]
    shown = "".join(seen.text)
    for word in words_in:
        assert word in shown


def test_markdown_keeps_emphasis_fanfmt_meant() -> None:
    markdown = convert("A *very* bad idea.\n", "markdown", from_format="text").text
    assert _MD.render(markdown) == "<p>A <em>very</em> bad idea.</p>\n"
