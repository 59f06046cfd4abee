"""The AO3 writer: HTML to paste into the Archive of Our Own's HTML editor.

AO3 keeps a fixed list of tags and drops every ``class`` and ``style`` attribute,
so this writer uses only what survives, and the text looks right after pasting:

* ``Thought`` and ``Emphasis`` → ``<em>``; ``Strong`` → ``<strong>``; ``LineBreak`` → ``<br />``
* ``Quoted`` → curly quotes in the text (no ``<span>``)
* ``SceneBreak`` → ``<hr />`` (or the ornament in ``<p align="center">``)
* author's notes → ``<blockquote>``; one block per line, no blank lines (AO3 would
  turn blank lines into empty paragraphs)
* the page is ``templates/ao3/chapter.html``

``Ao3Writer().write(doc, Options())`` → ``'<h2>Chapter 5<br />The Drowned Bell</h2>\\n<p>…'``
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import assert_never

from markupsafe import Markup

from fanfmt.chars import (
    LEFT_SINGLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.model import Document, Emphasis, Inline, LineBreak, Quoted, Strong, Text, Thought
from fanfmt.options import Options
from fanfmt.stream import Prepared
from fanfmt.walk import quote_marks
from fanfmt.writers._views import generate_page
from fanfmt.writers.html import story_view
from fanfmt.writers.xhtml import escape_html

AO3_KEEPS: frozenset[str] = frozenset({
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre",
    "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
})  # fmt: skip
"""The tags AO3's sanitizer keeps in a work's text; it drops every other tag."""
ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "em", "strong", "br", "hr", "blockquote", "h2", "small"}
)
"""Every tag the default AO3 templates write (all of them on AO3's own list)."""
ALLOWED_ATTRIBUTES: frozenset[str] = frozenset({"align"})
"""The only attribute written; AO3 keeps ``align`` on every tag."""

_WHITESPACE_RE = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def render_inlines(children: tuple[Inline, ...], options: Options) -> str:
    """``(Thought((Text("Run."),)),)`` → ``<em>Run.</em>``; no classes, no spans."""
    parts: list[str] = []
    for node in children:
        if isinstance(node, Text):
            text = node.text
            if "\n" in text or "\r" in text:
                # a newline inside a paragraph would become <br> on AO3
                text = _WHITESPACE_RE.sub(" ", text)
            parts.append(escape_html(text))
        elif isinstance(node, Quoted):
            left, right = quote_marks(node)
            inner = render_inlines(node.children, options)
            parts.append(f"{left}{inner}{right}")
        elif isinstance(node, Thought):
            inner = render_inlines(node.children, options)
            if options.thought_marks and node.marker == "single":
                inner = f"{LEFT_SINGLE_QUOTE}{inner}{RIGHT_SINGLE_QUOTE}"
            parts.append(f"<em>{inner}</em>")
        elif isinstance(node, Emphasis):
            parts.append(f"<em>{render_inlines(node.children, options)}</em>")
        elif isinstance(node, Strong):
            parts.append(f"<strong>{render_inlines(node.children, options)}</strong>")
        elif isinstance(node, LineBreak):
            parts.append("<br />")
        else:
            assert_never(node)
    return "".join(parts)


class Ao3Writer:
    """HTML for AO3's editor."""

    name = "ao3"
    extension = ".ao3.html"
    template = "ao3/chapter.html"

    def write(self, doc: Document, options: Options) -> str:
        """The chapter text to paste (there is no page around it)."""
        return "".join(self.generate(Prepared.finished(doc, options), options))

    def generate(self, prepared: Prepared, options: Options) -> Iterator[str]:
        """The chapter a part at a time, finishing it as it goes."""
        parts = generate_page(
            prepared,
            options,
            self.template,
            lambda c: Markup(render_inlines(c, options)),
            story=story_view(prepared.doc, options),
        )
        return _unindented_lines(parts)

    def body(self, doc: Document, options: Options) -> str:
        """The same as :meth:`write`."""
        return self.write(doc, options)


def _unindented_lines(parts: Iterable[str]) -> Iterator[str]:
    """Every line of ``parts`` stripped, the blank ones left out, a part at a time.

    ``"".join(_unindented_lines(["  <p>a</p>\\n\\n  <p>", "b</p>\\n"]))``
    → ``"<p>a</p>\\n<p>b</p>\\n"``
    """
    held = ""  # the start of a line whose end has not come yet
    empty = True
    for part in parts:
        lines = (held + part).splitlines(keepends=True)
        held = lines.pop() if lines and lines[-1].rstrip("\r\n") == lines[-1] else ""
        kept = [line.strip() for line in lines]
        text = "\n".join(line for line in kept if line)
        if text:
            empty = False
            yield text + "\n"
    if held.strip():
        yield held.strip() + "\n"
    elif empty:
        yield "\n"


__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "AO3_KEEPS", "Ao3Writer", "render_inlines"]
