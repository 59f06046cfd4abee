"""The HTML writer: one standalone reading page, for a browser or a phone.

* the stylesheet (``templates/html/style.css``) is inlined: the page is one file
* light and dark colours follow the reader's system setting (``prefers-color-scheme``)
* inline markup as in XHTML: ``<span class="dialogue">“…”</span>``, ``<em class="thought">``
* the page is ``templates/html/page.html``; blocks are macros in ``templates/html/blocks.html``

``HtmlWriter().write(doc, Options())`` → ``'<!DOCTYPE html>\\n<html lang="en">…'``
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from fanfmt.gcpause import gc_paused
from fanfmt.model import Document, Heading, Paragraph
from fanfmt.options import Options
from fanfmt.templating import environment
from fanfmt.writers._views import BlockViews, block_views
from fanfmt.writers.xhtml import page_title, render_inlines


def story_view(doc: Document, options: Options) -> dict[str, Any]:
    """What templates know about the story as a whole (the ``story`` variable).

    ``title_in_text`` is true when the chapter's own heading already shows the story title,
    ``author_in_text`` when a byline in the chapter already names the author.
    """
    return {
        "title": doc.meta.title,
        "author": doc.meta.author,
        "language": doc.meta.lang,
        "series": options.series,
        "series_index": options.series_index,
        "summary": options.summary,
        "summary_paragraphs": [p.strip() for p in options.summary.split("\n\n") if p.strip()],
        "tags": list(options.tags),
        "cover": options.cover,
        "title_in_text": any(isinstance(b, Heading) and b.story_title for b in doc.blocks),
        "author_in_text": any(isinstance(b, Paragraph) and b.role == "byline" for b in doc.blocks),
    }


def stylesheet(options: Options) -> str:
    """The reading page's stylesheet, from the template set (user folder first)."""
    return environment(options.templates).get_template("html/style.css").render(options=options)


class HtmlWriter:
    """A standalone HTML5 reading page."""

    name = "html"
    extension = ".html"
    template = "html/page.html"

    def _views(self, doc: Document, options: Options) -> BlockViews:
        return block_views(doc, options, lambda c: Markup(render_inlines(c, options)))

    def body(self, doc: Document, options: Options) -> str:
        """Only the blocks, as ``html/blocks.html`` renders them."""
        macros = environment(options.templates).get_template("html/blocks.html").module
        with gc_paused():  # rendering makes no reference cycles
            views = self._views(doc, options)
            return str(macros.blocks(views, options))  # type: ignore[attr-defined]

    def write(self, doc: Document, options: Options) -> str:
        """The whole page, stylesheet inlined."""
        page = environment(options.templates).get_template(self.template)
        css = Markup(stylesheet(options))
        with gc_paused():  # rendering makes no reference cycles
            return page.render(
                meta=doc.meta,
                convention=doc.convention,
                blocks=self._views(doc, options),
                options=options,
                story=story_view(doc, options),
                page_title=page_title(doc),
                css=css,
            )


__all__ = ["HtmlWriter", "story_view", "stylesheet"]
