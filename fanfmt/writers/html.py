"""The HTML writer: one standalone reading page, for a browser or a phone.

* the stylesheet (``templates/html/style.css``) is inlined: the page is one file
* light and dark colours follow the reader's system setting (``prefers-color-scheme``)
* inline markup as in XHTML: ``<span class="dialogue">“…”</span>``, ``<em class="thought">``
* the page is ``templates/html/page.html``; blocks are macros in ``templates/html/blocks.html``

``HtmlWriter().write(doc, Options())`` → ``'<!DOCTYPE html>\\n<html lang="en">…'``
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from fanfmt.model import Document, Heading, Paragraph
from fanfmt.options import Options
from fanfmt.stream import Prepared
from fanfmt.templating import environment
from fanfmt.writers._views import generate_page, render_blocks
from fanfmt.writers.xhtml import markup, page_title


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

    def body(self, doc: Document, options: Options) -> str:
        """Only the blocks, as ``html/blocks.html`` renders them."""
        return render_blocks(doc, options, "html/blocks.html", markup(options))

    def write(self, doc: Document, options: Options) -> str:
        """The whole page, stylesheet inlined."""
        return "".join(self.generate(Prepared.finished(doc, options), options))

    def generate(self, prepared: Prepared, options: Options) -> Iterator[str]:
        """The page a part at a time, finishing the chapter as it goes."""
        return generate_page(
            prepared,
            options,
            self.template,
            markup(options),
            story=story_view(prepared.doc, options),
            page_title=page_title(prepared.doc),
            css=Markup(stylesheet(options)),
        )


__all__ = ["HtmlWriter", "story_view", "stylesheet"]
