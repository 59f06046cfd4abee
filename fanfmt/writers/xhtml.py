"""The XHTML writer: EPUB 3 content documents with semantic classes.

* ``Quoted`` → ``<span class="dialogue">“…”</span>``
  (nested: ``<span class="quotation">‘…’</span>``)
* ``Thought`` → ``<em class="thought">…</em>`` (quote marks kept only with ``thought_marks``)
* ``Emphasis`` → ``<em>``; ``Strong`` → ``<strong>``; ``LineBreak`` → ``<br/>``
* blocks and the page come from ``templates/xhtml/chapter.xhtml``
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from markupsafe import Markup

from fanfmt.chars import (
    LEFT_SINGLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.model import Document, Emphasis, Inline, LineBreak, Quoted, Strong, Text, Thought
from fanfmt.options import Options
from fanfmt.stream import Prepared
from fanfmt.templating import builtin_templates, environment
from fanfmt.walk import quote_marks
from fanfmt.writers._views import Render, generate_page, render_blocks


def escape_html(text: str) -> str:
    """``"a < b & c"`` → ``"a &lt; b &amp; c"`` (quotes are left alone, as in text they may be)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_inlines(
    children: tuple[Inline, ...], options: Options, in_dialogue: bool = False
) -> str:
    """``(Quoted((Text("Hi"),)),)`` → ``<span class="dialogue">“Hi”</span>``."""
    parts: list[str] = []
    for node in children:
        if isinstance(node, Text):
            parts.append(node.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        elif isinstance(node, Quoted):
            left, right = quote_marks(node)
            inner = render_inlines(node.children, options, in_dialogue or node.dialogue)
            text = f"{left}{inner}{right}"
            if not node.dialogue:
                parts.append(text)
            elif in_dialogue:
                parts.append(f'<span class="quotation">{text}</span>')
            else:
                parts.append(f'<span class="dialogue">{text}</span>')
        elif isinstance(node, Thought):
            inner = render_inlines(node.children, options, True)  # a quote inside: quotation
            if options.thought_marks and node.marker == "single":
                inner = f"{LEFT_SINGLE_QUOTE}{inner}{RIGHT_SINGLE_QUOTE}"
            parts.append(f'<em class="thought">{inner}</em>')
        elif isinstance(node, Emphasis):
            parts.append(f"<em>{render_inlines(node.children, options, in_dialogue)}</em>")
        elif isinstance(node, Strong):
            inner = render_inlines(node.children, options, in_dialogue)
            parts.append(f"<strong>{inner}</strong>")
        elif isinstance(node, LineBreak):
            parts.append("<br/>")
        else:
            assert_never(node)
    return "".join(parts)


def stylesheet_text(options: Options) -> str:
    """The stylesheet, from the template set (user folder first)."""
    return environment(options.templates).get_template("fanfmt.css").render(options=options)


class XhtmlWriter:
    """EPUB-ready XHTML."""

    name = "xhtml"
    extension = ".xhtml"
    template = "xhtml/chapter.xhtml"

    def body(self, doc: Document, options: Options) -> str:
        """Only the blocks, as the chapter template renders them."""
        return render_blocks(doc, options, "xhtml/blocks.xhtml", markup(options))

    def write(self, doc: Document, options: Options, *, stylesheet_href: str = "fanfmt.css") -> str:
        """A whole XHTML page."""
        prepared = Prepared.finished(doc, options)
        return "".join(self.generate(prepared, options, stylesheet_href=stylesheet_href))

    def generate(
        self, prepared: Prepared, options: Options, *, stylesheet_href: str = "fanfmt.css"
    ) -> Iterator[str]:
        """The page a part at a time, finishing the chapter as it goes."""
        inline_css = stylesheet_text(options) if options.stylesheet == "inline" else ""
        return generate_page(
            prepared,
            options,
            self.template,
            markup(options),
            stylesheet_href=stylesheet_href,
            inline_css=Markup(inline_css),
            page_title=page_title(prepared.doc),
        )


def markup(options: Options) -> Render:
    """Inline nodes → markup the templates print as it is (not escaped again)."""
    return lambda children: Markup(render_inlines(children, options))


def page_title(doc: Document) -> str:
    """``"Story — Chapter 7: Title"``, or whatever part of it is known."""
    parts = [p for p in (doc.meta.title, doc.meta.chapter) if p]
    return " \u2014 ".join(parts) or doc.meta.source or "Chapter"


__all__ = ["XhtmlWriter", "builtin_templates", "escape_html", "render_inlines"]
