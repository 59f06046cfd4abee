"""The story on a page of a site fanfmt has no reader for: the block that holds its text.

A chapter page of a fiction site (Royal Road, Tapas, an eFiction archive) wraps a few
thousand words of story in menus, sign-in boxes, lists of other stories and a footer.
The story is the one block whose own paragraphs hold most of the page's words:

* ``<div class="chapter-content">`` with 70 ``<p>`` (13,000 letters) on a page of
  17,000 letters → that block is the chapter; the menus and the footer are left out
* the page's own headings above it that its ``<title>`` repeats (``<h2>Hollow
  Frequency</h2>``, ``<h1>Episode 5</h1>`` under ``<title>Episode 5 - Hollow Frequency |
  Royal Road</title>``) → the story's title and the chapter's heading, their words
  matched however each spaces or stops them (``Chapitre 1 : Avant propos`` under
  ``chapitre 1: Avant propos``); a heading the page classes as the chapter's title
  (``<h2 class="chapter-title">``), or one that is a chapter line (``<h2>Chapter 1 -
  Persephone</h2>``), is the chapter's heading even when ``<title>`` omits it
* a heading inside that block, on a page whose header names the chapter (``<h2>December
  22, 2032 — 01:33</h2>`` opening a scene) → a line of the chapter, not a second heading
* a block marked as the author's note (``class="author-note"``) outside it → a note,
  before or after the chapter as it stands on the page
* a page that is all story, or whose text is not in paragraphs → nothing is chosen, and
  the whole body is read as before
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fanfmt.reader.html.dom import class_names, source_line
from fanfmt.reader.html.inlines import inline_content
from fanfmt.rules._text import fold

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

    from fanfmt.reader.html.blocks import Page

MIN_PARAGRAPHS = 5
"""The story block has at least this many paragraphs of its own."""
SHARE = 0.5
"""Its own paragraphs hold at least this share of the page's letters."""
OUTSIDE = 200
"""At least this many letters stand outside it (else the page is the story, read whole)."""
_CONTAINERS = ("div", "article", "section", "main", "td")
_STORY_CLASS_RE = re.compile(
    r"\b(?:chapter[-_]?(?:content|inner|text|body)|story[-_]?(?:text|content|body)"
    r"|(?:entry|post)[-_]?(?:content|body)|prose)\b",
    re.IGNORECASE,
)
"""``<div class="chapter-inner chapter-content">``, ``<div class="prose">``, a blog's
``entry-content``: the block a site names the chapter's."""
_NOTE_CLASS_RE = re.compile(r"author[-_]?notes?$", re.IGNORECASE)


def _letters(node: Tag | BeautifulSoup) -> int:
    return sum(map(str.isalnum, node.get_text()))  # as fast as counting gets in Python


def main_block(soup: BeautifulSoup) -> Tag | None:
    """The block whose own paragraphs hold most of the page's words, if one does."""
    from bs4 import Tag

    best: Tag | None = None
    best_letters = 0
    for tag in soup.find_all(_CONTAINERS):
        paragraphs = [c for c in tag.children if isinstance(c, Tag) and c.name == "p"]
        if len(paragraphs) < MIN_PARAGRAPHS:
            continue
        letters = sum(_letters(p) for p in paragraphs)
        if letters > best_letters:
            best, best_letters = tag, letters
    if best is None:
        return None
    total = _letters(soup)
    if best_letters < total * SHARE:
        return None
    if total - _letters(best) < OUTSIDE and not _STORY_CLASS_RE.search(" ".join(class_names(best))):
        return None  # the page is all story (a block the site names the chapter's is chosen)
    return best


def read_main(soup: BeautifulSoup, page: Page, title: str) -> bool:
    """Read only the story block of an unknown site's page (see the module's docstring)."""
    main = main_block(soup)
    if main is None:
        return False
    where = _position(main)
    named = fold(title)
    heads = [
        h
        for h in soup.find_all(("h1", "h2", "h3"))
        if _position(h) < where
        and main not in h.parents
        and (text := fold(h.get_text()))
        and (text in named or _chapter_classed(h) or _chapter_line(h))
    ]
    if len(heads) >= 2:
        page.story_title = inline_content(heads[-2], page.styles)
    if heads:
        page.heading(inline_content(heads[-1], page.styles), source_line(heads[-1]))
    notes = [
        tag
        for tag in soup.find_all(True)
        if any(_NOTE_CLASS_RE.match(c) for c in class_names(tag))
        and main not in tag.parents
        and not any(any(_NOTE_CLASS_RE.match(c) for c in class_names(p)) for p in tag.parents)
    ]
    for note in notes:
        if _position(note) < where:
            page.note(note)
    if heads:  # the page names its chapter: a heading inside the text is a line of it
        for inner in main.find_all(("h1", "h2", "h3", "h4", "h5", "h6")):
            inner.name = "p"
    page.text(main)
    for note in notes:
        if _position(note) > where:
            page.note(note)
    return True


def _chapter_line(tag: Tag) -> bool:
    """``<h2>Chapter 1 - Persephone</h2>`` over the story block: the chapter's heading, even
    where ``<title>`` names only its number (``WitchWood: Chapter 1``)."""
    from fanfmt.rules._chapter import chapter_line

    return chapter_line(tag.get_text(" ", strip=True)) is not None


def _chapter_classed(tag: Tag) -> bool:
    """``<h2 class="chapter-title">``: the page calls it the chapter's heading."""
    return any("chapter" in c.lower() and "title" in c.lower() for c in class_names(tag))


def _position(tag: Tag) -> tuple[int, int]:
    return (tag.sourceline or 0, tag.sourcepos or 0)
