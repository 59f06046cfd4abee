"""A long page read a slice at a time gives the document the whole page gives.

The slices are made tiny here (and the length from which a page is sliced zero), so
that every page below, the samples and fixtures among them, is read both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fanfmt.reader.html import read_html, stream

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([*ROOT.glob("samples/*.html"), *ROOT.glob("tests/data/html/*.html")])
TYPED = [
    "<html><body>" + "<p>a</p>" * 50 + "</body></html>",
    "<html><head><title>T</title><style>.x{font-style:italic}</style></head><body>"
    + "<p>One <i>two</i> three.</p>\n<p>&nbsp;</p>\n<p>Four<br>five</p>" * 20
    + '<p class="x">six</p><hr><h2>Chapter 2</h2><p>seven</p></body></html>',
    "<body><p>Before.</p>" * 30 + "<nav>menu</nav><p>after</p></body>",
    "<html><body>" + "<p>in</p>" * 40 + "</body></html><p>typed after the body</p>",
    "<html><body>" + "<p>x</p>" * 40 + '<div id="storytext"><p>the story</p></div></body></html>',
    "<html><body><p>unclosed <p>nested " * 30 + "</body></html>",
    "<body>" + "<p>a &amp; b &#1; c</p><!-- note -->" * 30 + "<script>x</script></body>",
    "text before <body>" + "<p>a</p>" * 30,
]


@pytest.mark.parametrize("slice_chars", [1, 9, 64])
@pytest.mark.parametrize("page", [*PAGES, *TYPED], ids=lambda p: getattr(p, "name", None))
def test_a_page_read_a_slice_at_a_time_gives_the_same_document(
    page: Path | str, slice_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = page.read_text(encoding="utf-8") if isinstance(page, Path) else page
    whole = read_html(text)
    monkeypatch.setattr(stream, "STREAM_CHARS", 0)
    monkeypatch.setattr(stream, "SLICE_CHARS", slice_chars)
    assert read_html(text) == whole


def test_the_body_of_a_long_page_is_let_go_as_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tree of a page of short paragraphs never holds more than a slice of them."""
    monkeypatch.setattr(stream, "STREAM_CHARS", 0)
    monkeypatch.setattr(stream, "SLICE_CHARS", 100)
    soup, walk = stream.parse("<html><body>" + "<p>a</p>" * 1000 + "</body></html>")
    assert walk is not None
    assert len(soup.find_all("p")) < 20


def test_a_site_page_is_kept_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "STREAM_CHARS", 0)
    monkeypatch.setattr(stream, "SLICE_CHARS", 10)
    soup, walk = stream.parse('<body><div id="workskin">' + "<p>a</p>" * 100 + "</div></body>")
    assert walk is None
    assert len(soup.find_all("p")) == 100


def test_slices_end_after_an_end_tag() -> None:
    assert stream.slices("<p>a</p><p>b</p>", 3) == [(0, 8), (8, 16)]
    assert stream.slices("no tags at all", 2) == [(0, 14)]
