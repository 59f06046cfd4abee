"""Mark the markers of a story's parts: they are furniture, not captions or prose.

* ``To be continued…``, ``TBC``, ``(continued in part 3)``, ``cont.`` → furniture
* ``End of Part 1/4``, ``End of Chapter Two``, ``End Part 2`` → furniture
* ``Fin``, ``~FIN~``, ``The End``, ``The End?``, ``-30-`` → furniture
* ``Continuará…``, ``À suivre``, ``Fortsetzung folgt``, ``Fim`` → furniture
* ``The end of the road was near.``, ``Finally.`` → story text
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt.lexicon import PART_MARKERS_ABROAD
from fanfmt.model import Block, Document, Paragraph
from fanfmt.patterns import alternatives
from fanfmt.rules._text import text_of
from fanfmt.rules.table import Context

_NUMBER = r"(?:\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|[ivxlc]{1,6}|[a-z]+(?:-[a-z]+)?)"
_MARKER_RE = re.compile(
    r"^(?:to\s+be\s+continued|tbc|cont(?:inued|['’]d|\.)?"
    r"|continued\s+(?:in|on|next)\b.{0,40}"
    rf"|end\s+(?:of\s+)?(?:part|chapter|ch\.?|book|section|episode|act)\s+{_NUMBER}"
    r"|(?:the\s+)?end(?:\s+of\s+(?:the\s+)?(?:story|fic|chapter|part))?|fin|finis"
    rf"|{alternatives(PART_MARKERS_ABROAD)})"
    r"\W*$",
    re.IGNORECASE,
)
_DECORATION = "-~*=_#+.:()[]{}<> \t"


def is_furniture(text: str) -> bool:
    """``"To be continued..."`` → True; ``"~Fin~"`` → True; ``"Finally."`` → False."""
    if len(text) > 60:
        return False
    core = text.strip().strip(_DECORATION)
    if text.strip() == "-30-":
        return True
    return bool(core) and _MARKER_RE.match(core) is not None


def apply(doc: Document, ctx: Context) -> Document:
    """Give part markers the ``furniture`` role."""
    out: list[Block] = []
    changed = False
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.role == "text" and is_furniture(text_of(block)):
            block = replace(block, role="furniture")
            changed = True
        out.append(block)
    return replace(doc, blocks=tuple(out)) if changed else doc
