"""The HTML writer: one standalone reading page, for a browser or a phone.

* the stylesheet (``templates/html/style.css``) is inlined: the page is one file
* light and dark colours follow the reader's system setting (``prefers-color-scheme``)
* inline markup as in XHTML: ``<span class="dialogue">“…”</span>``, ``<em class="thought">``;
  a footnote reference is ``<sup class="noteref"><a href="#fn-1" id="fnref-1">1</a></sup>``
* the page is ``templates/html/page.html``; blocks are macros in ``templates/html/blocks.html``

``"".join(HtmlWriter().write(Page.of(doc), Options()))`` → ``'<!DOCTYPE html>\\n<html lang="en">…'``
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from fanfmt.model import Heading, Paragraph
from fanfmt.options import Options
from fanfmt.template_set import templates
from fanfmt.walk import plain_text
from fanfmt.writers._views import Render, generate_page
from fanfmt.writers.inline import HtmlInlines, chapter_marks
from fanfmt.writers.page import Page, has_footnotes
from fanfmt.writers.xhtml import page_title
from fanfmt.xmlchars import strip_unsafe

if TYPE_CHECKING:
    from fanfmt.languages import Marks


def story_view(page: Page, options: Options) -> dict[str, Any]:
    """What templates know about the story as a whole (the ``story`` variable).

    The series, summary and tags are the story's facts with the user's settings over the
    source's (:func:`fanfmt.story.story_facts`); ``rows`` the other facts a title page
    shows (rating, archive warnings, fandoms …), ``stats`` the dates and counts.
    ``title_in_text`` is true when the chapter's own heading already shows the story title,
    ``author_in_text`` when a byline in the chapter already names the author.
    """
    from fanfmt.story import stats, story_facts, title_rows

    meta, shaped = page.meta, page.blocks.shaped  # the shape is known before finishing
    facts = story_facts(options, meta.story)
    return {
        "title": meta.title,
        "author": meta.author,
        "language": meta.lang,
        "series": facts.series,
        "series_index": facts.series_index or None,
        "summary": facts.summary,
        "summary_paragraphs": [p.strip() for p in facts.summary.split("\n\n") if p.strip()],
        "tags": list(facts.tags),
        "rows": [r for r in title_rows(facts) if r.name != "tags"],
        "stats": stats(facts) if meta.story else [],
        "cover": options.cover,
        "title_in_text": any(_shows_title(b, meta.title) for b in shaped),
        "author_in_text": any(_names_author(b, meta.author) for b in shaped),
    }


def _names_author(block: object, author: str) -> bool:
    """A byline in the text that names the author: ``By Wren`` → True; the story's title
    typed again in the byline's row (``Team 8``) → False, so the page still names them."""
    if not isinstance(block, Paragraph) or block.role != "byline":
        return False
    from fanfmt.patterns import BYLINE

    text = plain_text(block.children)
    return bool(BYLINE.match(text.strip())) or (
        bool(author) and set(_fold(author)) <= set(_fold(text))
    )


def _shows_title(block: object, title: str) -> bool:
    """A heading with the story title, or one whose only title is the story's (a one-shot),
    or the title typed again in a byline's row.

    ``Heading(title=(Text("Rain"),))`` with the story ``Rain`` → True."""
    if isinstance(block, Paragraph) and block.role == "byline":
        return bool(title) and _fold(plain_text(block.children)) == _fold(title)
    if not isinstance(block, Heading):
        return False
    if block.story_title:
        return True
    return bool(title) and not block.number and _fold(plain_text(block.title)) == _fold(title)


def _fold(text: str) -> list[str]:
    """``"Keeper’s Daughter"`` → ``["keeper", "s", "daughter"]``."""
    return re.findall(r"[^\W_]+", text.casefold())


def stylesheet(options: Options, *, footnotes: bool = False) -> str:
    """The reading page's stylesheet, from the template set (user folder first);
    ``footnotes`` adds the rules for footnotes."""
    template = templates(options.templates).get_template("html/style.css")
    return strip_unsafe(template.render(options=options, footnotes=footnotes))


def html_markup(options: Options, marks: Marks | None = None) -> Render:
    """Inline nodes → reading-page markup the templates print as it is."""
    render = HtmlInlines(options, marks).render
    return lambda children: Markup(render(children))


class HtmlWriter:
    """A standalone HTML5 reading page."""

    name = "html"
    template = "html/page.html"
    blocks_template = "html/blocks.html"

    def inlines(self, options: Options, marks: Marks | None = None) -> Render:
        """Inline nodes → the same markup as XHTML's (footnote references as ``<sup>``)."""
        return html_markup(options, marks)

    def write(self, page: Page, options: Options) -> Iterator[str]:
        """The page a part at a time, stylesheet inlined."""
        marks = chapter_marks(page.meta, page.convention, options)
        return reading_page(page, options, html_markup(options, marks))


def reading_page(page: Page, options: Options, render: Render) -> Iterator[str]:
    """The reading page with inline content rendered by ``render`` (``fanfmt preview``
    marks where each paragraph starts in the source with its own)."""
    return generate_page(
        page,
        options,
        HtmlWriter.template,
        render,
        story=story_view(page, options),
        page_title=page_title(page.meta),
        css=Markup(stylesheet(options, footnotes=has_footnotes(page.blocks.shaped))),
    )


__all__ = ["HtmlWriter", "html_markup", "reading_page", "story_view", "stylesheet"]
