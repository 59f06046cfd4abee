"""The AO3 single paste (``--ao3 single``): one text for the Archive of Our Own's editor.

AO3 keeps a fixed list of tags and attributes (it keeps ``class`` too, for work skins:
the posting kit, :mod:`fanfmt.writers.ao3kit`, uses them; this paste has none), so this
writer uses only what survives, and the text looks right after pasting:

* ``Thought`` and ``Emphasis`` → ``<em>``; ``Strong`` → ``<strong>``; ``LineBreak`` → ``<br />``
* ``Quoted`` → curly quotes in the text (no ``<span>``)
* ``SceneBreak`` → ``<hr />`` (or the ornament in ``<p align="center">``)
* a footnote reference → ``<sup><a name="fnref-1" href="#fn-1">1</a></sup>``; the notes
  → an ``<ol>`` after an ``<hr />``, each ``<li>`` with ``<a name="fn-1">`` and a link back
* author's notes → ``<blockquote>``; one block per line, no blank lines (AO3 would
  turn blank lines into empty paragraphs)
* the page is ``templates/ao3/chapter.html``

``"".join(Ao3Writer().write(Page.of(doc), Options()))``
→ ``'<h2>Chapter 5<br />The Drowned Bell</h2>\\n<p>…'``
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from markupsafe import Markup

from fanfmt.model import Inline
from fanfmt.options import Options
from fanfmt.writers._views import Render, generate_page
from fanfmt.writers.html import story_view
from fanfmt.writers.inline import Ao3Inlines
from fanfmt.writers.page import Page

AO3_KEEPS: frozenset[str] = frozenset({
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre",
    "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
})  # fmt: skip
"""The tags AO3's sanitizer keeps in a work's text; it drops every other tag."""
ALLOWED_TAGS: frozenset[str] = frozenset(
    {"p", "em", "strong", "br", "hr", "blockquote", "h2", "small", "sup", "a", "ol", "li"}
)
"""Every tag the default AO3 templates write (all of them on AO3's own list); ``sup``,
``a``, ``ol`` and ``li`` only for footnotes."""
ALLOWED_ATTRIBUTES: frozenset[str] = frozenset({"align", "href", "name"})
"""The attributes written: ``align``, which AO3 keeps on every tag, and, for footnotes,
``href`` and ``name`` on ``<a>``, which AO3 keeps there."""


def render_inlines(children: tuple[Inline, ...], options: Options) -> str:
    """``(Thought((Text("Run."),)),)`` → ``<em>Run.</em>``; no classes, no spans."""
    return Ao3Inlines(options).render(children)


class Ao3Writer:
    """HTML for AO3's editor."""

    name = "ao3"
    template = "ao3/chapter.html"
    blocks_template = None

    def inlines(self, options: Options) -> Render:
        """Inline nodes → AO3-safe markup."""
        render = Ao3Inlines(options).render
        return lambda children: Markup(render(children))

    def write(self, page: Page, options: Options) -> Iterator[str]:
        """The chapter text to paste (there is no page around it), a part at a time."""
        parts = generate_page(
            page, options, self.template, self.inlines(options), story=story_view(page, options)
        )
        return unindented_lines(parts)


def unindented_lines(parts: Iterable[str]) -> Iterator[str]:
    """Every line of ``parts`` stripped, the blank ones left out, a part at a time.

    ``"".join(unindented_lines(["  <p>a</p>\\n\\n  <p>", "b</p>\\n"]))``
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
