"""Mark the markers of a story's parts: they are furniture, not captions or prose.

* ``To be continued…``, ``TBC``, ``(continued in part 3)``, ``cont.`` → furniture
* ``End of Part 1/4``, ``End of Chapter Two``, ``End Part 2`` → furniture
* ``Fin``, ``~FIN~``, ``The End``, ``The End?``, ``‘End’``, ``-30-`` → furniture
* ``Continuará…``, ``À suivre``, ``Fortsetzung folgt``, ``Fim`` → furniture
* ``The end of the road was near.``, ``Finally.`` → story text
* a word count alone as the chapter's first or last line (``900 words``, ``(2,450
  words)``, ``Word count: 1200``) → metadata, a fact about the text, not the story;
  ``Three words.`` or ``900 words`` in the middle of the story → story text
* where the copy came from, in its first or last lines (``Original story on
  fanfiction.net: …``, ``This entry has been edited to conform to Library formatting.``)
  → metadata
* the author's notice closing the chapter (``Copyright 1992 by Dan Reyes. All rights
  reserved. This article may be freely distributed…``, ``Characters belong to their
  creators.``) → a disclaimer, as it would be at the top
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.lexicon import PART_MARKERS_ABROAD
from fanfmt.model import Block, Document, Paragraph
from fanfmt.patterns import DISCLAIMER, SOURCE_LINE, alternatives
from fanfmt.rules._text import text_of
from fanfmt.rules.table import Context

_NUMBER = r"(?:\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?|[ivxlc]{1,6}|[a-z]+(?:-[a-z]+)?)"
_MARKER_RE = rx.compile(
    r"^(?:to\s+be\s+continued|tbc|cont(?:inued|['’]d|\.)?"
    r"|continued\s+(?:in|on|next)\b.{0,40}"
    rf"|end\s+(?:of\s+)?(?:part|chapter|ch\.?|book|section|episode|act)\s+{_NUMBER}"
    r"|(?:the\s+)?end(?:\s+of\s+(?:the\s+)?(?:story|fic|chapter|part))?|fin|finis"
    rf"|{alternatives(PART_MARKERS_ABROAD)})"
    r"\W*$",
    re.IGNORECASE,
)
_DECORATION = "-~*=_#+.:()[]{}<> \t'\"‘’“”"


def is_furniture(text: str) -> bool:
    """``"To be continued..."`` → True; ``"~Fin~"`` → True; ``"Finally."`` → False."""
    if len(text) > 60:
        return False
    core = text.strip().strip(_DECORATION)
    if text.strip() == "-30-":
        return True
    return bool(core) and _MARKER_RE.match(core) is not None


_WORD_COUNT_RE = rx.compile(
    r"^[\W_]{0,3}(?:(?:word\s*count|words|length)\s*[:=\-–]?\s*)?"
    r"(?:about\s+|approx\.?\s+|~\s*|c\.\s*)?\d{1,3}(?:[,.\s]?\d{3})*\+?(?:\s*k)?"
    r"(?:\s+words?)?[\W_]{0,3}$",
    re.IGNORECASE,
)


SOURCE_ROWS = 3
"""Where a copy came from is said in the first or last paragraphs of its text."""
SOURCE_MAX_CHARS = 300
NOTICE_MAX_CHARS = 600
"""A closing notice is short (a disclaimer at the top is held to the same length)."""


_BARE_WORD_RE = rx.compile(r"\W*disclaimers?\b(?!\s*[:\-–—])", re.IGNORECASE)


def is_notice(text: str) -> bool:
    """``"Copyright 1992 by Dan Reyes. All rights reserved."`` → True; ``"Disclaimer: …"``
    → True; ``"Disclaimer is a funny word, she thought."`` → False (the word, unlabelled)."""
    return (
        len(text) < NOTICE_MAX_CHARS
        and DISCLAIMER.match(text) is not None
        and not _BARE_WORD_RE.match(text)
    )


def is_word_count(text: str) -> bool:
    """``"900 words"`` → True; ``"(2,450 words)"`` → True; ``"Words: 1200"`` → True;
    ``"1984"`` → False (a number alone is a year or a title); ``"Three words."`` → False."""
    text = text.strip()
    if len(text) > 40 or not _WORD_COUNT_RE.match(text):
        return False
    return re.search(r"\bwords?\b|\bword\s*count\b|\blength\b", text, re.IGNORECASE) is not None


def apply(doc: Document, ctx: Context) -> Document:
    """Give part markers the ``furniture`` role, and a word count or a source line at an
    edge ``metadata``."""
    out: list[Block] = []
    changed = False
    texts = [i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.role == "text"]
    edges = _chapter_edges(doc.blocks, texts)
    near = {*texts[:SOURCE_ROWS], *texts[-SOURCE_ROWS:]}
    last = texts[-1] if len(texts) > 1 else -1
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph) and block.role == "text":
            text = text_of(block)
            if is_furniture(text):
                block = replace(block, role="furniture")
                changed = True
            elif i in near and len(text) < SOURCE_MAX_CHARS and SOURCE_LINE.match(text):
                block = replace(block, role="metadata")  # "Original story on fanfiction.net"
                changed = True
            elif i in edges and is_word_count(text):
                block = replace(block, role="metadata")
                changed = True
            elif i == last and is_notice(text):
                block = replace(block, role="disclaimer")
                changed = True
        out.append(block)
    return replace(doc, blocks=tuple(out)) if changed else doc


def _chapter_edges(blocks: tuple[Block, ...], texts: list[int]) -> set[int]:
    """The first and last paragraph of each chapter (a whole story has several), and a
    paragraph alone between two break rows at a chapter's end: where a word count stands.

    ``[Heading, "It rained.", "Words: 197", Heading, "900 words", "It snowed."]`` → the
    places of ``"It rained."``, ``"Words: 197"`` and ``"900 words"``, ``"It snowed."``."""
    from fanfmt.model import Heading, SceneBreak
    from fanfmt.rules.scene_breaks import is_separator

    def row(block: Block) -> bool:
        if isinstance(block, SceneBreak):
            return True
        return isinstance(block, Paragraph) and is_separator(text_of(block)) is not None

    edges: set[int] = set()
    runs: list[list[int]] = [[]]  # each chapter's paragraphs, in one pass (linear)
    story = set(texts)
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            runs.append([])
        elif i in story and not row(block):
            runs[-1].append(i)
    for run in runs:
        if run:
            edges.update((run[0], run[-1]))
            for i in run[1:]:  # "* * *" / "Words: 197" / "* * *"
                if row(blocks[i - 1]) and i + 1 < len(blocks) and row(blocks[i + 1]):
                    edges.add(i)
    return edges
