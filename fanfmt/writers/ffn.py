"""The FanFiction.Net writer: HTML for FFN's document manager, in what it keeps.

FFN keeps paragraphs, bold, italics, underline, strike-through, horizontal rules and the
alignment of a paragraph; it drops headings, lists, links, sizes and colours, and it
deletes a line made only of symbols (``***``, ``~~~``). So this writer uses only:

* ``Thought`` and ``Emphasis`` → ``<em>``; ``Strong`` → ``<strong>``; ``LineBreak`` → ``<br />``
* ``SceneBreak`` → ``<hr />``, always (an ornament such as ``* * *`` would be deleted)
* the heading → a centred bold paragraph (``<p style="text-align:center;">``)
* an author's note → its paragraphs, the first led by a bold ``A/N:``, or by the author's
  own label in bold (``bold_label``); a disclaimer, a byline, the legend → centred paragraphs
* a footnote reference → ``[1]``; each footnote → a paragraph led by ``[1]``
* the page is ``templates/ffn/chapter.html``

``"".join(FfnWriter().write(Page.of(doc), Options()))``
→ ``'<p style="text-align:center;"><strong>Chapter 5: The Drowned Bell</strong></p>\\n<p>…'``
"""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from fanfmt.options import Options
from fanfmt.patterns import NOTE_LABEL
from fanfmt.writers._views import Render, generate_page
from fanfmt.writers.ao3 import unindented_lines
from fanfmt.writers.html import story_view
from fanfmt.writers.inline import FfnInlines
from fanfmt.writers.page import Page

FFN_KEEPS: frozenset[str] = frozenset(
    {"p", "br", "hr", "em", "i", "strong", "b", "u", "s", "strike"}
)
"""The tags FFN's document manager keeps in a story (see docs/targets.md for where this
comes from); it drops every other tag and keeps the words inside."""
ALLOWED_TAGS: frozenset[str] = frozenset({"p", "br", "hr", "em", "strong"})
"""Every tag the default FFN template writes (all of them on FFN's list)."""
ALLOWED_STYLES: frozenset[str] = frozenset({"text-align:center;"})
"""The only ``style`` written: a centred paragraph, as FFN's own editor writes it."""


def bold_label(content: str) -> Markup:
    """A note's paragraph with the author's own label in bold: ``A/N: Thanks`` →
    ``<strong>A/N:</strong> Thanks``; a paragraph with no label (or one that starts with
    markup) is left as it is."""
    text = str(content)
    found = NOTE_LABEL.match(text)
    label = found.group(0).rstrip() if found else ""
    if not label or "<" in label or "&" in label:
        return Markup(text)
    return Markup(f"<strong>{label}</strong>{text[len(label) :]}")


class FfnWriter:
    """HTML for FanFiction.Net's document manager."""

    name = "ffn"
    template = "ffn/chapter.html"
    blocks_template = None

    def inlines(self, options: Options) -> Render:
        """Inline nodes → the markup FFN keeps."""
        render = FfnInlines(options).render
        return lambda children: Markup(render(children))

    def write(self, page: Page, options: Options) -> Iterator[str]:
        """The chapter to upload (there is no page around it), a part at a time."""
        parts = generate_page(
            page,
            options,
            self.template,
            self.inlines(options),
            story=story_view(page, options),
            bold_label=bold_label,
        )
        return unindented_lines(parts)


__all__ = ["ALLOWED_STYLES", "ALLOWED_TAGS", "FFN_KEEPS", "FfnWriter", "bold_label"]
