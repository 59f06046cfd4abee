"""A whole story as one reading page: its title page, its contents, every chapter in order.

``[book] to = "html"`` in a folder's ``fanfmt.toml`` makes ``fanfmt build story/`` this
page instead of an EPUB::

    build_story_page(["story/"], None, Options())   → story.html (one file, styles inlined)

The chapters are read as for a book (:func:`fanfmt.epub.build.read_chapters`: natural
order, at any depth, a file holding several chapters cut at their headings), and the page
says what the book's title page says (:func:`fanfmt.epub.package.book_meta`: title and
author, rating, warnings behind a tap, fandoms … series, stats, summary, source). Each
chapter is the reading page's blocks (``templates/html/blocks.html``) in a
``<section id="chapter-001">``; its footnotes' ids are its own (``chapter-001-fn-1``), so
that two chapters' notes never share one. ``--notes omit|end`` and every other option
work as on a chapter's page. The page is written atomically; ``[book] name`` names it
(``"{author} - {title}.html"``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

from fanfmt.epub.build import EpubBuild, build_book
from fanfmt.epub.meta import BookMeta
from fanfmt.epub.package import Book, Chapter, book_meta, chapter_ids, chapter_title, in_book
from fanfmt.errors import ConfigError
from fanfmt.model import Document, Heading
from fanfmt.options import Options
from fanfmt.template_set import templates
from fanfmt.writers._views import render_blocks
from fanfmt.writers.html import html_markup, stylesheet
from fanfmt.writers.inline import chapter_marks
from fanfmt.writers.page import Page, has_footnotes
from fanfmt.xmlchars import strip_unsafe

TEMPLATE = "html/story.html"
_NOTE_IDS_RE = re.compile(r'\b(id="|href="#)(fn-|fnref-)')


def own_ids(markup: str, prefix: str) -> str:
    """A chapter's footnote ids made its own: ``<a href="#fn-1" id="fnref-1">`` with
    ``chapter-002`` → ``<a href="#chapter-002-fn-1" id="chapter-002-fnref-1">``.

    The author's words are escaped (a ``"`` is ``&#34;``), so only fanfmt's own attributes
    match."""
    return _NOTE_IDS_RE.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", markup)


def render_story_page(docs: Sequence[Document], options: Options, fallback_title: str = "") -> Book:
    """Chapter documents (normalised) → the story's reading page, its bytes in ``data``
    (``files`` is empty: the page is one file)."""
    if not docs:
        raise ConfigError("a story's page needs at least one chapter")
    meta, warnings = book_meta(docs, options, fallback_title)
    chapters: list[Chapter] = []
    for number, (doc, name) in enumerate(zip(docs, chapter_ids(len(docs)), strict=True), 1):
        doc = in_book(doc, options, meta)
        marks = chapter_marks(doc.meta, doc.convention, options)
        blocks = render_blocks(
            Page.of(doc), options, "html/blocks.html", html_markup(options, marks)
        )
        title = chapter_title(doc) or f"Chapter {number}"
        chapters.append(Chapter(name, f"#{name}", title, doc, own_ids(blocks, name)))
    html = _page(meta, chapters, options)
    return Book(meta, tuple(chapters), None, tuple(warnings), (), html.encode("utf-8"))


def _page(meta: BookMeta, chapters: Sequence[Chapter], options: Options) -> str:
    footnotes = any(has_footnotes(c.document.blocks) for c in chapters)
    views = [
        {
            "id": c.id,
            "title": c.title,
            "lang": c.document.meta.lang,
            "headed": any(isinstance(b, Heading) for b in c.document.blocks),
            "blocks": Markup(c.xhtml),
        }
        for c in chapters
    ]
    template = templates(options.templates).get_template(TEMPLATE)
    text = template.render(
        book=meta,
        chapters=views,
        options=options,
        css=Markup(stylesheet(options, footnotes=footnotes)),
    )
    return strip_unsafe(text)


def build_story_page(
    sources: Sequence[str], output: str | None, options: Options, *, write: bool = True
) -> EpubBuild:
    """Read every chapter of ``sources`` into one reading page (see the module), named and
    written as :func:`fanfmt.epub.build.build_epub` names and writes a book."""

    def render(docs: Sequence[Document], fallback: str) -> Book:
        return render_story_page(docs, options, fallback)

    return build_book(sources, output, options, render, suffix=".html", write=write)


__all__ = ["build_story_page", "own_ids", "render_story_page"]
