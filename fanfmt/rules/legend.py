"""Recognise the legend: lines near the top that show the story's conventions.

* ``"Normal speech"`` / ``'Thoughts'`` / ``*Flashback*`` alone on lines before the story → a legend
* ``"Speech" 'Thought' **Jutsu**`` on one line → a legend
* ``Legend:`` / ``Key:`` followed by such lines → a legend
* the quoted words of a legend are examples, not dialogue: no ``dialogue`` span is made for them
* lines of speech in the story (``"I'm thinking!"`` / ``"Think faster."``) are never a legend:
  a legend's entries are labels, and it comes before the story
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.lexicon import CONVENTION_WORDS, VOICE_WORDS
from fanfmt.model import Block, Document, Heading, Legend, Paragraph, is_story
from fanfmt.rules._text import text_of, words
from fanfmt.rules.table import Context

_MARKED = (
    r"\"[^\"]{1,60}\"|'[^']{1,60}'|“[^”]{1,60}”|‘[^’]{1,60}’|\*{1,2}[^*]{1,60}\*{1,2}"
    r"|_[^_]{1,60}_|\[[^\]]{1,60}\]|<[^>]{1,60}>|~[^~]{1,60}~|\([^)]{1,60}\)"
)
MARKED_RE = rx.compile(rf"^(?:{_MARKED})(?:\s*[-=:–—]?\s*[\w /]{{0,30}})?$")
MULTI_RE = rx.compile(rf"^(?:(?:{_MARKED})[\s,;|/-]*){{2,}}$")
TITLE_RE = rx.compile(r"^\W*(?:legend|key|format(?:ting)?|guide)\s*:?\W*$", re.IGNORECASE)
LEGEND_ZONE = 12
"""A legend is looked for in this many blocks after the headings. A zone of its own, not
``_top.TOP_ZONE`` (16 blocks from the top): a legend sits right under the chapter
heading, and looking further would take a story's first lines of speech for one."""


_EXPLAINED_RE = rx.compile(r"[\"”'’*_\])>~](?:\s*[-=:–—]\s*|\s+)\w")
"""A mark followed by what it means: ``"Speech" = talking``, ``*Jutsu* - techniques``."""
_SPOKEN_RE = rx.compile(r"^[\"“'‘*_]\S+(?:\s+\S+)+?[.!?…][\"”'’*_]")
"""``"Think faster."``, ``"I'm thinking!"``: a sentence someone says, not a legend's label."""


def _lower_words(text: str) -> set[str]:
    """``'"Kyuubi" talking'`` → ``{"kyuubi", "talking"}``."""
    return {w.lower() for w in re.split(r"[\W_]+", text) if w}


def _names_voice(text: str) -> bool:
    """``"Tailed Beast/Demonic speak"`` names a way of speaking; ``*Flashback*`` does not."""
    return bool(_lower_words(text) & VOICE_WORDS)


def _is_legend_line(text: str) -> bool:
    if len(text) > 120 or _SPOKEN_RE.match(text):
        return False
    if MULTI_RE.match(text) or MARKED_RE.match(text):
        return bool(_lower_words(text) & CONVENTION_WORDS) and len(words(text)) <= 8
    return False


def apply(doc: Document, ctx: Context) -> Document:
    """Group legend lines found before the story into one :class:`Legend` block."""
    blocks = list(doc.blocks)
    start = 0
    while start < len(blocks) and (
        isinstance(blocks[start], Heading)
        or (isinstance(blocks[start], Paragraph) and not is_story(blocks[start]))
    ):
        start += 1
    chapter_line = False
    for i in range(start, min(len(blocks), start + LEGEND_ZONE)):
        block = blocks[i]
        if isinstance(block, Heading):
            chapter_line = True
            continue
        if not isinstance(block, Paragraph):
            continue
        text = text_of(block)
        titled = bool(TITLE_RE.match(text))
        if not (titled or _is_legend_line(text)):
            if chapter_line and is_story(block):
                break  # the story has begun: a legend comes before it
            continue
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            if not (isinstance(nxt, Paragraph) and _is_legend_line(text_of(nxt))):
                break
            j += 1
        if titled and j == i + 1:
            continue
        if (
            not titled
            and j == i + 1
            and not (
                not re.search(r"[.!?]", text)
                and (i == start or block.gap_before)
                and (MULTI_RE.match(text) or _EXPLAINED_RE.search(text) or _names_voice(text))
            )
        ):
            continue  # one line alone (*Flashback*) is a marker, unless it explains marks
        paragraphs = tuple(b for b in blocks[i:j] if isinstance(b, Paragraph))
        legend: Block = Legend(paragraphs, block.line, block.gap_before)
        return replace(doc, blocks=(*blocks[:i], legend, *blocks[j:]))
    return doc
