"""A ``<pre>`` of a saved page: its lines as typed, or, when it holds hard-wrapped prose
(an archive of the 1990s kept its stories so), the paragraphs the plain-text reader finds.

* ``<pre>The day was waning when she returned home after her run. She had⏎almost…⏎⏎"Hi"…``
  → a paragraph a blank-line block, its lines joined and its broken words mended
  (``Kaorin-⏎chan`` → ``Kaorin-chan``), extra blank lines a break (an empty part)
* a ``<pre>`` of short lines (a poem, a table, ASCII art) → its lines, each kept
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fanfmt.model import Inline, LineBreak, Text

if TYPE_CHECKING:
    from bs4 import Tag

PROSE_LINES_MIN = 6
PROSE_LINE_CHARS = 50
PROSE_SHARE = 0.6
"""A ``<pre>`` is wrapped prose when this share of its lines, at least
:data:`PROSE_LINES_MIN` of them, run to this many characters."""


def pre_parts(tag: Tag) -> list[list[Inline]]:
    """The paragraphs of a ``<pre>`` as inline runs (an empty run: a scene break), or
    one run of its lines with their line breaks."""
    text = tag.get_text()
    lines = [line for line in text.split("\n") if line.strip()]
    long = sum(1 for line in lines if len(line.rstrip()) >= PROSE_LINE_CHARS)
    if len(lines) < PROSE_LINES_MIN or long < PROSE_SHARE * len(lines):
        return [_lines(text)]
    from fanfmt.reader.layout import Layout
    from fanfmt.reader.paragraphs import plain_paragraphs

    parts: list[list[Inline]] = []
    for p in plain_paragraphs(text, Layout()):
        if p.gap_before and parts:
            parts.append([])  # more blank lines than the text's own: a break
        parts.append(list(p.children))
    return parts


def _lines(text: str) -> list[Inline]:
    out: list[Inline] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(LineBreak())
        if line.strip():
            out.append(Text(line))
    return out
