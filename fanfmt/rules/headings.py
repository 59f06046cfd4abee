"""Find the chapter headings: the chapter line at the top, the story title over it, and later ones.

* ``Story Title`` / ``Chapter 7`` / ``The Smallest Spark`` (three lines) → one heading
  with story title, chapter number and chapter title
* ``Chapter 12: The Long Road`` → number ``Chapter 12``, title ``The Long Road``
* ``Prologue``, ``Epilogue``, ``Chapter Seven``, ``CHAPTER IV.``, ``Ch. 3 - Title`` → headings
* ``Paper Lanterns`` alone over the story, then an A/N or a disclaimer → the story's title
* a later ``Chapter 2`` line standing alone → another heading (whole books, archives)
* … but on a page of one chapter (a saved site page names it), ``Epilogue`` standing alone
  deep in the story → a ``caption``: the title of a section of that chapter
* a heading a reader found (Markdown ``# Chapter 7: Title``, an HTML page's chapter title)
  → number and title split the same way; ``# The End`` → the story's last line
* a disclaimer boxed between two rule lines (``-----``) near the top → a ``disclaimer``,
  the two rule lines dropped

The top of the chapter is read once, for this rule and ``front_matter`` (the byline, the
disclaimer, the header fields): :mod:`fanfmt.rules._top`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fanfmt.model import Document, Heading, Paragraph, Text, is_story
from fanfmt.patterns import AN_LABEL
from fanfmt.rules._box import boxed_disclaimer
from fanfmt.rules._chapter import DECORATION, chapter_line, split_heading
from fanfmt.rules._text import text_of
from fanfmt.rules._titles import part_number, story_over_chapter
from fanfmt.rules._top import TOP_ZONE, Entry, Kind, Top, read_top, unmade
from fanfmt.rules._twins import mark_typed_title, merge_twin_headings
from fanfmt.rules.furniture import is_furniture
from fanfmt.rules.table import Context

STANDALONE_MAX_CHARS = 80
"""A chapter line later in the story (a whole book, an archive) is shorter."""
SECTION_AFTER = 30
"""On a page of one chapter, a chapter line further down than this many blocks (past the
notes and the author's typed heading) is the title of a section: ``Epilogue``."""


def apply(doc: Document, ctx: Context) -> Document:
    """Make the chapter headings."""
    top, marked = _reading(doc, ctx)
    left: Kind | None = None if marked else "front"  # without front_matter: left as typed
    # a page of one chapter (the site named it): a chapter line typed further down, well
    # into the story (``Epilogue`` in the last chapter), heads a section of it
    one_page = sum(isinstance(b, Heading) for b in doc.blocks) == 1
    out = unmade(top.head, left)
    for index, entry in enumerate(top.rest, start=top.start):
        if entry.kind == "front":
            out.extend(unmade((entry,), left))
            continue  # the front matter's, further down: a disclaimer after a legend
        block = entry.block
        if (
            isinstance(block, Heading)
            and _end_marker(block)
            and not _story_goes_on(top.rest[index - top.start + 1 :])
        ):
            out.append(Paragraph(block.title, block.line, "furniture", block.gap_before))
            continue  # "# The End": the story's last line, not a chapter
        if isinstance(block, Heading):
            block = split_heading(block)
        elif is_story(block):
            heading = _standalone_heading(block)
            if heading is not None and one_page and index > SECTION_AFTER:
                out.append(replace(block, role="caption"))  # a section of the page's chapter
                continue
            if heading is not None:
                out.append(heading)
                continue
        out.append(block)
    out = boxed_disclaimer(out, TOP_ZONE)
    out = merge_twin_headings(mark_typed_title(out), lambda p: bool(AN_LABEL.match(text_of(p))))
    out = part_number(story_over_chapter(out, TOP_ZONE), TOP_ZONE)
    return replace(doc, blocks=tuple(out))


def _reading(doc: Document, ctx: Context) -> tuple[Top, bool]:
    """The reading of the top ``front_matter`` handed on with the very blocks it gave, and
    ``True`` (its marks kept); without it (``front_matter`` off), a reading of our own, and
    ``False``: the front matter is left as typed."""
    handed, ctx.top = ctx.top, None
    if handed is not None and handed[1] is doc.blocks:
        return handed[0], True
    return read_top(doc.blocks), False


def _end_marker(heading: Heading) -> bool:
    """A heading the reader found that only says the story ends: ``# The End``, ``<h2>Fin</h2>``."""
    from fanfmt.walk import plain_text

    if heading.number or heading.story_title or not heading.title:
        return False
    return is_furniture(plain_text(heading.title))


_STORY_AFTER_END = 3
"""A ``## The end`` with this many paragraphs of the story after it, one of them speech,
titles a last section; the story has not ended there."""


def _story_goes_on(rest: Sequence[Entry]) -> bool:
    """Does the story go on after an end marker's heading (speech among the paragraphs)?"""
    from fanfmt.patterns import DIALOGUE

    said = [e.block for e in rest if isinstance(e.block, Paragraph) and is_story(e.block)]
    return len(said) >= _STORY_AFTER_END and any(DIALOGUE.search(text_of(p)) for p in said)


def _standalone_heading(block: Paragraph) -> Heading | None:
    text = text_of(block)
    m = chapter_line(text)
    if m is None or len(text) > STANDALONE_MAX_CHARS:
        return None
    if not block.gap_before and m.group("title") and text.lstrip(DECORATION)[:1].islower():
        return None  # "chapter two was…" runs on; "Chapter 2 …" and "第二章 …" are headings
    title = (Text(m.group("title").strip()),) if m.group("title") else ()
    return Heading((Text(m.group("number").strip()),), title, (), block.line, block.gap_before)
