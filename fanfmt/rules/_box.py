"""A disclaimer boxed between two rule lines near the top of a chapter.

* ``-----`` / ``Star Trek is Paramount's; the story is mine.`` / ``-----`` → the
  line in between is a ``disclaimer``; the two rule lines that box it are dropped
  (they are its frame, not a scene break)
* ``-----`` / ``It began at dawn.`` / ``-----`` → left alone: story between two breaks

Used by the ``headings`` rule, last, on the chapter with its headings made; ``front_matter``
decides every other disclaimer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import Block, Paragraph, is_story
from fanfmt.patterns import DISCLAIMER
from fanfmt.rules._ornament import is_ornament_row
from fanfmt.rules._text import text_of

BOX_ROWS = 3
"""A boxed disclaimer is at most this many paragraphs between its two rule lines."""
BOX_MAX_CHARS = 600
"""Each of its paragraphs is shorter."""
OWNERSHIP = rx.compile(
    r"\b(?:property|belongs?\s+to|copyright\w*|trademark\w*|borrow\w*|infring\w*|"
    r"permission|disclaim\w*|(?:no|any)\s+(?:profit|money)|(?:i|we)\s+(?:don['’]?t\s+|do\s+not\s+)?own|"
    r"owns?\s+(?:them|it|all|everything|the\s+characters)|sue)\b",
    re.IGNORECASE,
)
"""Words of an ownership line: ``Paramount owns them``, ``borrowed``, ``no profit``."""


def _rule(block: Block) -> bool:
    return isinstance(block, Paragraph) and is_story(block) and is_ornament_row(text_of(block))


def _ownership(block: Block) -> bool:
    if not (isinstance(block, Paragraph) and is_story(block)):
        return False
    text = text_of(block)
    if len(text) >= BOX_MAX_CHARS:
        return False
    return bool(DISCLAIMER.match(text) or OWNERSHIP.search(text))


def boxed_disclaimer(blocks: list[Block], zone: int) -> list[Block]:
    """The first box of rule lines among the first ``zone`` blocks, its text a disclaimer.

    ``[-----, "Not mine.", -----, story]`` → ``[disclaimer "Not mine.", story]``.
    """
    for start in range(min(len(blocks), zone)):
        block = blocks[start]
        if isinstance(block, Paragraph) and is_story(block) and len(text_of(block).split()) > 15:
            return blocks  # the story has begun: a box further down frames story
        if not _rule(block):
            continue
        for end in range(start + 2, min(len(blocks), start + BOX_ROWS + 2)):
            if _rule(blocks[end]):
                inside = blocks[start + 1 : end]
                if not all(_ownership(b) for b in inside):
                    return blocks
                marked = [replace(b, role="disclaimer") for b in inside if isinstance(b, Paragraph)]
                return [*blocks[:start], *marked, *blocks[end + 1 :]]
        return blocks
    return blocks
