"""A ragged wrap: lines broken off mid-sentence in a file of a line a paragraph.

A paste, a PDF's text or a word processor's export keeps the author's stray line breaks:

* ``"…and the road ahead of him was long"`` / ``"and muddy."`` → one paragraph (a line in
  lower case going on a sentence the line before broke off)
* ``"…talking about the mysterious"`` / ``'"CBM Insider" discussion…'`` → one paragraph (a
  full line stopped on a lower-case word runs on, whatever the next starts with)
* ``"She ran."`` / ``"He followed."`` → two paragraphs, as typed

Only where such breaks are common (:data:`SOFT_BREAKS_SHARE`) does the reader join them,
and lint says so (P008).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from fanfmt.reader.lines import SENTENCE_END_RE, Line

if TYPE_CHECKING:
    from fanfmt.reader.layout import Layout


SOFT_BREAKS_MIN = 3
SOFT_BREAKS_SHARE = 0.2
"""A file whose lines break off a sentence mid-way (``…His name symbolised`` / ``not only``)
this many times, and at this share of its line ends inside blocks, is wrapped, however
ragged its lines (a paste, a PDF's text, a word processor's): a line that goes on a
sentence the last one broke off is more of the same paragraph."""
_SOFT_LINE_MIN = 40
"""One of the two lines of a sentence broken off is at least this long (a song's short
lines, which may start in lower case, are not prose broken off)."""
_FULL_LINE = 60
"""A line this long that stops on a lower-case word runs on into the next, whatever that
one starts with (a title or a line of verse is shorter)."""


def broken_off(prev: Line, line: Line) -> bool:
    """``"…as she always had, and"`` then ``"the rain came down."`` (no blank line between): the
    sentence goes on."""
    if line.blanks_before or SENTENCE_END_RE.search(prev.text) or prev.text.endswith(":"):
        return False
    if heading_line(prev) or heading_line(line):
        return False  # "No Need For a Protector" / "Part 1: The Arrival" / "by Crash"
    if line.text[:1].islower():
        return max(len(prev.text), len(line.text)) >= _SOFT_LINE_MIN
    # a line run to the margin and stopped mid-sentence: "…talking about the mysterious"
    # then '"CBM Insider" discussion…'
    return len(prev.text) >= _FULL_LINE and prev.text[-1].islower() and line.depth <= 1


_HEAD_LINE_MAX = 40


def heading_line(line: Line) -> bool:
    """A short chapter line (``Part 1: The Arrival``) or byline (``by Crash``): no prose
    that a wrap broke off goes on from it, or into it."""
    from fanfmt.patterns import BYLINE
    from fanfmt.rules._chapter import chapter_line

    text = line.text
    if len(text) > _HEAD_LINE_MAX or SENTENCE_END_RE.search(text):
        return False
    return bool(BYLINE.match(text) or chapter_line(text))


def soft_wrapped(lines: list[Line]) -> bool:
    """Do the lines of ``lines`` break sentences off often enough to be a wrap (see
    :data:`SOFT_BREAKS_SHARE`)?"""
    pairs = [(a, b) for a, b in pairwise(lines) if not b.blanks_before]
    broken = sum(1 for a, b in pairs if broken_off(a, b))
    return broken >= SOFT_BREAKS_MIN and broken >= SOFT_BREAKS_SHARE * len(pairs)


def soft_groups(lines: list[Line], layout: Layout) -> list[list[Line]]:
    """``lines`` (a line a paragraph) with each line that goes on a broken-off sentence
    joined to it: ``["It rained, and", "the road was long.", "She ran."]`` →
    ``[["It rained, and", "the road was long."], ["She ran."]]``."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and broken_off(groups[-1][-1], line):
            groups[-1].append(line)
            layout.soft_joins += 1
        else:
            groups.append([line])
    return groups


SENTENCE_BLOCKS_MIN = 4
"""A file with this many blocks of several lines, each line a whole sentence, writes a
sentence a line (semantic line breaks): a block is a paragraph."""
_SENTENCE_LINES_SHARE = 0.8
_PARAGRAPH_MAX_LINES = 12
_PARAGRAPH_MEAN_LINES = 5
"""A paragraph written a sentence a line has a few lines; a block of more is a scene."""
_SPOKEN_SHARE = 0.25
_SENTENCE_LINE_MIN = 30
_OPENERS = frozenset("\"'“‘«„—–-")


def sentence_lines(blocks: list[list[Line]]) -> bool:
    """Is the file written a sentence a line, its paragraphs parted by blank lines?

    ``["It rained.", "The road was long."]`` / ``["She ran."]`` / … (four such blocks
    or more, most lines a whole sentence of some length) → True; a file whose blocks are
    exchanges of speeches, a line each (``"Hi."`` / ``"Hello."``), is no such file."""
    many = [block for block in blocks if len(block) >= 2]
    if len(many) < SENTENCE_BLOCKS_MIN or max(map(len, many)) > _PARAGRAPH_MAX_LINES:
        return False  # (a scene of a line a paragraph is a longer block: no paragraph)
    if sum(map(len, many)) > _PARAGRAPH_MEAN_LINES * len(many):
        return False
    lines = [line for block in many for line in block]
    whole = sum(1 for line in lines if SENTENCE_END_RE.search(line.text))
    long = sum(1 for line in lines if len(line.text) >= _SENTENCE_LINE_MIN)
    exchanges = sum(  # "Hi." / "Hello." / "Well?": speeches, a line each
        1 for block in many if all(line.text.lstrip()[:1] in _OPENERS for line in block[1:])
    )
    return (
        whole >= _SENTENCE_LINES_SHARE * len(lines)
        and long >= _SENTENCE_LINES_SHARE * len(lines)
        and exchanges <= _SPOKEN_SHARE * len(many)
    )
