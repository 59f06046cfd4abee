"""Find paragraphs in plain text, whichever way the author separated them.

* blank-line paragraphs: ``"One.\\n\\nTwo."`` → two paragraphs, no gap
* one paragraph per line: ``"One.\\nTwo.\\n\\nThree."`` → three paragraphs, a gap before "Three."
* hard-wrapped archives (Gutenberg, 72 columns): lines of one block are joined
* indented paragraphs without blank lines: an indented line starts a paragraph

A *gap* is blank space beyond the document's normal separation between
paragraphs; the ``scene_breaks`` rule turns gaps inside the story into breaks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from fanfmt.model import Paragraph, Text

_BLANKS = " \t\u00a0\u3000\u2002\u2003"
"""The spaces a line may be indented with; a run of them inside a line reads as one space."""
_STRIPPED = _BLANKS + "\ufeff"
_SPACES_RE = re.compile(f" [{_BLANKS}]+|[{_BLANKS[1:]}][{_BLANKS}]*")
"""Runs of blanks that are not already one plain space (a lone space is left as it is)."""


@dataclass(slots=True)
class _Line:
    number: int
    text: str
    indented: bool
    blanks_before: int


def _lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[_Line] = []
    blanks = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(_STRIPPED)
        if not stripped:
            blanks += 1
            continue
        # ASCII lines without a double space or a tab (most of them) have nothing to collapse
        if not stripped.isascii() or "  " in stripped or "\t" in stripped:
            stripped = _SPACES_RE.sub(" ", stripped)
        out.append(_Line(number, stripped, raw[0] in _BLANKS, blanks))
        blanks = 0
    return out


def _looks_wrapped(blocks: list[list[_Line]], width: int) -> bool:
    """True when multi-line blocks are hard-wrapped prose rather than separate lines."""
    inner = [
        len(line.text)
        for block in blocks
        if len(block) > 1 and not _header_fields(block)
        for line in block[:-1]
    ]
    if len(inner) < 3 or width > 120:
        return False
    long_enough = sum(1 for n in inner if n >= 0.55 * width)
    return long_enough >= 0.75 * len(inner)


def split_paragraphs(text: str) -> Iterator[Paragraph]:
    """Yield the paragraphs of ``text`` with their source lines and gaps."""
    lines = _lines(text)
    if not lines:
        return
    seps = Counter(min(line.blanks_before, 9) for line in lines[1:])
    adjacent = seps.get(0, 0)
    separated = sum(n for k, n in seps.items() if k >= 1)
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and line.blanks_before == 0:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    width = _width(lines)
    wrapped = separated > 0 and _looks_wrapped(blocks, width)

    if adjacent > separated and not wrapped:
        if _indent_starts_paragraphs(lines, adjacent, width):
            yield from _indented(lines)
        else:
            for line in lines:
                yield Paragraph((Text(line.text),), line.number, gap_before=line.blanks_before)
        return

    normal = max((k for k in seps if k >= 1), key=lambda k: (seps[k], -k), default=1)
    for block in blocks:
        gap = max(0, block[0].blanks_before - normal) if block is not blocks[0] else 0
        if wrapped:
            for i, part in enumerate(_wrapped_parts(block, width)):
                joined = " ".join(line.text for line in part)
                yield Paragraph((Text(joined),), part[0].number, gap_before=gap if i == 0 else 0)
        else:
            for i, line in enumerate(block):
                yield Paragraph((Text(line.text),), line.number, gap_before=gap if i == 0 else 0)


_LABEL_LINE_RE = re.compile(r"^[A-Z][A-Za-z /'’-]{0,24}:\s+\S")
"""``Rating: PG-13``, ``Disclaimer: …`` — a header field, which starts a line of its own."""


def _header_fields(block: list[_Line]) -> bool:
    """Two or more lines of the block are header fields (``Rating: PG-13``)."""
    return sum(1 for line in block if _LABEL_LINE_RE.match(line.text)) >= 2


def _width(lines: list[_Line]) -> int:
    """The wrapping width: the length of the longer lines (95th percentile)."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * 0.95)]


def _wrapped_parts(block: list[_Line], width: int) -> list[list[_Line]]:
    """A block of a hard-wrapped text, cut into the paragraphs it holds.

    * wrapped prose (its lines but the last run near the width) → one paragraph
    * wrapped prose whose paragraphs start with an indent, no blank line between them →
      a paragraph from each indented line to the next
    * short lines (verse, a caption of place and time, an address) → one paragraph a line
    * header fields (``Rating: PG-13`` / ``Disclaimer: Mulder and Scully belong`` /
      ``to Chris Carter.``) → one paragraph a field, its wrapped lines joined
    """
    parts: list[list[_Line]] = []
    if len(block) == 1:
        return [block]
    if block[0].indented and not all(line.indented for line in block):
        # paragraphs marked by an indent, not by blank lines: an indented line starts one
        for line in block:
            if not parts or line.indented:
                parts.append([line])
            else:
                parts[-1].append(line)
        return parts
    if _header_fields(block):
        for line in block:
            if not parts or _LABEL_LINE_RE.match(line.text):
                parts.append([line])
            else:
                parts[-1].append(line)
        return parts
    slack = min(0.75 * width, width - 12)  # wrapping leaves less room than a long word
    if all(len(line.text) < slack for line in block[:-1]):
        return [[line] for line in block]
    return [block]


def _indent_starts_paragraphs(lines: list[_Line], adjacent: int, width: int) -> bool:
    """True when an indented line starts a paragraph and the lines after it continue it.

    Either paragraphs run several lines on average, or the lines that continue one
    (not indented, no blank line before) follow a full line, as hard-wrapped text does::

            "You said it was urgent. Said you knew who killed--"
            "Not here." She glanced over her shoulder. "They're watching. They're
        always watching."
    """
    indented = sum(1 for line in lines if line.indented)
    if not 0.1 * len(lines) <= indented <= 0.9 * len(lines):
        return False
    if adjacent > 3 * indented:
        return True
    if width > 120:
        return False  # one paragraph a line, some of them indented
    before = [
        prev.text for prev, line in pairwise(lines) if not line.indented and not line.blanks_before
    ]
    full = sum(1 for text in before if len(text) >= 0.55 * width)
    return len(before) >= 3 and full >= 0.75 * len(before)


def _indented(lines: list[_Line]) -> Iterator[Paragraph]:
    current: list[_Line] = []
    for line in lines:
        if current and (line.indented or line.blanks_before):
            yield _join(current)
            current = []
        current.append(line)
    if current:
        yield _join(current)


def _join(block: list[_Line]) -> Paragraph:
    text = " ".join(line.text for line in block)
    return Paragraph((Text(text),), block[0].number, gap_before=block[0].blanks_before)
