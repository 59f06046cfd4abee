"""How an HTML page spaces its story, as a reader of the page sees it.

* ``<div class="left"><p>…</p></div><div class="right">&nbsp;</div>``, row after row:
  the blank cells of two columns, no blank lines (:func:`blank_cell`)
* a heading left open over the story (``<h4>Rating: Teen</h3><p>…``): a block of the
  story, not a heading (:func:`holds_paragraphs`)
* a chapter pasted as raw text into one ``<p>``, blank lines between its paragraphs:
  the author's paragraphs (:func:`typed_paragraphs`)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fanfmt.model import Inline, LineBreak, Text

if TYPE_CHECKING:
    from bs4 import Tag


_HEADING_MAX_CHARS = 300
"""A heading holding a paragraph and more text than this holds the story, not a title."""


def holds_paragraphs(tag: Tag) -> bool:
    """A heading with paragraphs inside it (``<h4>Rating: Teen</h3><p>…</p><p>…</p>``, the
    heading never closed), or with one long paragraph (``<h1>The Break Up<h1><p>`` and the
    whole story): a block of the story, read as its paragraphs, not one heading."""
    found = tag.find_all(("p", "div"), limit=2)
    return len(found) >= 2 or (bool(found) and len(tag.get_text()) > _HEADING_MAX_CHARS)


_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TYPED_GAPS_MIN = 3
"""A block whose text has this many blank lines typed in it is a chapter pasted whole."""


def typed_paragraphs(buffer: list[Inline]) -> list[Inline]:
    """A chapter pasted as raw text into one ``<p>``, its paragraphs parted by blank lines
    (which a browser shows as one block): each blank line read as ``<br><br>``, so the
    paragraphs are the author's. A block with fewer such lines is left as it is.

    ``[Text("She ran.\n\nHe ran.\n\nIt rained.\n\nThe end.")]`` → four paragraphs."""
    if any(type(n) is LineBreak for n in buffer):
        return buffer  # the author's <br>s part it: its blank lines are the source's layout
    texts = [n for n in buffer if type(n) is Text]
    if sum(len(_BLANK_LINE_RE.findall(n.text)) for n in texts) < _TYPED_GAPS_MIN:
        return buffer
    out: list[Inline] = []
    for node in buffer:
        if type(node) is not Text or "\n" not in node.text:
            out.append(node)
            continue
        for k, piece in enumerate(_BLANK_LINE_RE.split(node.text)):
            if k:
                out.extend((LineBreak(), LineBreak()))
            if piece:
                out.append(Text(piece))
    return out


_ROW_MAX_CELLS = 4


def blank_cell(tag: Tag) -> bool:
    """An empty ``<div>`` beside a sibling ``<div>`` that holds paragraphs: a column's cell
    left blank (``<div class="left"><p>…</p></div><div class="right">&nbsp;</div>``, the
    two alone in their row), no blank line between the story's paragraphs. An empty
    ``<p>`` among ``<p>`` is one, and so is ``<div class="scene-break"></div>`` among them."""
    from bs4 import Tag

    if tag.name != "div" or tag.parent is None:
        return False
    cells: list[Tag] = []
    for child in tag.parent.children:  # a row of two to four cells, and nothing else
        if isinstance(child, Tag):
            if child.name != "div" or len(cells) == _ROW_MAX_CELLS:
                return False
            cells.append(child)
        elif str(child).strip():
            return False
    return any(c is not tag and c.find("p") is not None for c in cells)
