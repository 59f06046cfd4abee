"""The XHTML writer: EPUB 3 content documents with semantic classes.

* ``Quoted`` → ``<span class="dialogue">“…”</span>``
  (nested: ``<span class="quotation">‘…’</span>``)
* ``Thought`` → ``<em class="thought">…</em>`` (quote marks kept only with ``thought_marks``)
* ``Emphasis`` → ``<em>``; ``Strong`` → ``<strong>``; ``LineBreak`` → ``<br/>``
* blocks and the page come from ``templates/xhtml/chapter.xhtml``
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING

from markupsafe import Markup

from fanfmt.model import Inline, Meta
from fanfmt.options import Options
from fanfmt.template_runtime import builtin_templates
from fanfmt.template_set import templates
from fanfmt.writers._views import Render, generate_page
from fanfmt.writers.inline import XhtmlInlines, chapter_marks, escape_html
from fanfmt.writers.page import Page, has_footnotes
from fanfmt.xmlchars import strip_unsafe

if TYPE_CHECKING:
    from fanfmt.languages import Marks


def render_inlines(children: tuple[Inline, ...], options: Options) -> str:
    """``(Quoted((Text("Hi"),)),)`` → ``<span class="dialogue">“Hi”</span>``."""
    return XhtmlInlines(options).render(children)


def stylesheet_text(options: Options, *, footnotes: bool = False) -> str:
    """The stylesheet, from the template set (user folder first); ``footnotes`` adds the
    rules for footnotes (only pages that have them carry them)."""
    template = templates(options.templates).get_template("fanfmt.css")
    return strip_unsafe(template.render(options=options, footnotes=footnotes))


class XhtmlWriter:
    """EPUB-ready XHTML."""

    name = "xhtml"
    template = "xhtml/chapter.xhtml"
    blocks_template = "xhtml/blocks.xhtml"

    def inlines(self, options: Options, marks: Marks | None = None) -> Render:
        """Inline nodes → XHTML markup."""
        return markup(options, marks)

    def write(
        self, page: Page, options: Options, *, stylesheet_href: str = "fanfmt.css"
    ) -> Iterator[str]:
        """The page a part at a time."""
        notes = has_footnotes(page.blocks.shaped)
        inline_css = (
            stylesheet_text(options, footnotes=notes) if options.stylesheet == "inline" else ""
        )
        return generate_page(
            page,
            options,
            self.template,
            markup(options, chapter_marks(page.meta, page.convention, options)),
            stylesheet_href=stylesheet_href,
            inline_css=Markup(inline_css),
            page_title=page_title(page.meta),
        )


def markup(options: Options, marks: Marks | None = None) -> Render:
    """Inline nodes → markup the templates print as it is (not escaped again)."""
    render = XhtmlInlines(options, marks).render
    return lambda children: Markup(render(children))


def page_title(meta: Meta) -> str:
    """``"Story — Chapter 7: Title"``, or whatever part of it is known (once, when the
    heading is the title).

    With neither, what a saved page's ``<title>`` called it (``"The Knight (1)"``), then the
    file's name, cleaned up: ``/home/me/fics/the_long_road-ch3.txt`` → ``"the long road
    ch3"``; never a path. Standard input gives ``"Chapter"``.
    """
    parts = [p for p in (meta.title, meta.chapter) if p]
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]  # a one-shot's heading is its title: "Farpoint", not twice
    return " \u2014 ".join(parts) or meta.named or name_title(meta.source) or "Chapter"


def name_title(source: str) -> str:
    """A title made of a file's name.

    ``"stories/Jump_Start.part1.txt"`` → ``"Jump Start part1"``; ``"-"`` → ``""``.
    """
    from fanfmt.shown import as_text

    name = PurePath(as_text(source).replace("\\", "/")).name if source and source != "-" else ""
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return " ".join(re.sub(r"[_.\s]+|(?<=\w)-(?=\w)|--+", " ", stem).split()).strip(" -")


__all__ = ["XhtmlWriter", "builtin_templates", "escape_html", "render_inlines"]
