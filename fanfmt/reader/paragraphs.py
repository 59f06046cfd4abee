"""Find paragraphs in plain text, whichever way the author separated them.

* blank-line paragraphs: ``"One.\\n\\nTwo."`` → two paragraphs, no gap
* one paragraph per line: ``"One.\\nTwo.\\n\\nThree."`` → three paragraphs, a gap before "Three."
* hard-wrapped archives (Gutenberg, 72 columns): lines of one block are joined
* indented paragraphs without blank lines: an indented line starts a paragraph
* a ragged wrap (a paste, a PDF's text): ``"It rained, and"`` / ``"the road was long."``, a
  line going on a sentence the last broke off, is one paragraph with it
* a sentence a line (semantic line breaks), blank lines between paragraphs: a block is a
  paragraph (:func:`fanfmt.reader.ragged.sentence_lines`)

A *gap* is blank space beyond the document's normal separation between
paragraphs; the ``scene_breaks`` rule turns gaps inside the story into breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fanfmt import rx
from fanfmt.model import LineBreak, Paragraph, ParagraphRole, Text
from fanfmt.reader.hyphens import join_lines
from fanfmt.reader.indents import (
    indent_inside,
    indent_led,
    indent_led_lines,
    indent_starts_paragraphs,
)
from fanfmt.reader.layout import (
    LABEL_LINE_RE,
    Layout,
    collapse,
    double_spacing,
    form_record,
    header_fields,
    is_script,
    is_stanza,
    quoted_block,
    record_block,
    script_paragraphs,
    separations,
    usual_gap,
)
from fanfmt.reader.lines import SENTENCE_END_RE, Line, unbox
from fanfmt.reader.lines import lines as read_lines
from fanfmt.reader.ragged import (
    broken_off,
    heading_line,
    sentence_lines,
    soft_groups,
    soft_wrapped,
)
from fanfmt.reader.transport import strip_transport
from fanfmt.reader.underlines import drop_underlines
from fanfmt.rules._ornament import is_ornament_row

_Line = Line
_MIN_WRAP = 50
SCRIPT_SPACING = 1
"""In a script, this many blank lines beyond the usual are layout, not a break."""
"""Hard-wrapped text is wrapped at 50 columns or more: shorter lines of one length are
one-line paragraphs, not a wrap."""


def _looks_wrapped(blocks: list[list[_Line]], width: int) -> bool:
    """True when multi-line blocks are hard-wrapped prose rather than separate lines."""
    inner = [
        len(line.text)
        for block in blocks
        if len(block) > 1
        and not header_fields(block)
        and not record_block(block, width)
        and any(len(line.text) >= 0.55 * width for line in block)  # a title block: no say
        for line in _led(block, width)[:-1]
    ]
    if len(inner) < 3 or width > 120:
        return False
    long_enough = sum(1 for n in inner if n >= 0.55 * width)
    return long_enough >= 0.75 * len(inner)


def _led(block: list[_Line], width: int) -> list[_Line]:
    """``block`` without a short line that leads it (a date or a place over its paragraph):
    ``["Monday 3rd May", "It rained all day, and …", "…"]`` → the paragraph's lines."""
    if len(block[0].text) < 0.55 * width and any(len(line.text) >= 0.55 * width for line in block):
        return block[1:]
    return block


def split_paragraphs(text: str) -> Iterator[Paragraph]:
    """Yield the paragraphs of ``text`` with their source lines and gaps."""
    yield from plain_paragraphs(text, Layout())


def plain_paragraphs(text: str, layout: Layout) -> Iterator[Paragraph]:
    """The paragraphs of ``text``; what was decided about its layout goes into ``layout``."""
    lines, layout.transport = strip_transport(read_lines(text))
    lines = unbox(drop_underlines(lines))
    if not lines:
        return
    if double_spacing(lines, wider=0) and _width(lines) >= _MIN_WRAP:
        collapsed = collapse(lines)
        width = _width(collapsed)
        wider = any(line.blanks_before for line in collapsed[1:])
        # paragraphs end at wider gaps, or (none) start at an indent, and the lines are
        # hard-wrapped either way (adjacent=0: the lines that continue one follow full lines)
        if (wider and _looks_wrapped(_blocks(collapsed), width)) or (
            not wider and indent_starts_paragraphs(collapsed, 0, width)
        ):
            lines = collapsed
            layout.double_spaced = True
    seps = separations(lines)
    adjacent = seps.get(0, 0)
    separated = sum(n for k, n in seps.items() if k >= 1)
    width = _width(lines)
    if is_script(lines):
        layout.script = True
        # a blank line between speeches is no break, and nor is one more: a script spaces
        # its cast lists, directions and speeches unevenly; its scenes have titles or marks
        normal = usual_gap(seps) + SCRIPT_SPACING
        for i, part in enumerate(script_paragraphs(lines, width)):
            gap = max(0, part[0].blanks_before - normal) if i else 0
            yield _join(part, gap)
        return
    blocks = _blocks(lines)
    wrapped = separated > 0 and _looks_wrapped(blocks, width)

    if adjacent > separated and not wrapped:
        normal = usual_gap(seps)
        if sentence_lines(blocks):  # a sentence a line: a block is a paragraph
            for index, block in enumerate(blocks):
                yield _join(block, max(0, block[0].blanks_before - normal) if index else 0)
            return
        if _poem(blocks, width):
            for index, block in enumerate(blocks):
                gap = max(0, block[0].blanks_before - normal) if index else 0
                if index and _stanza_block(block):
                    layout.verse_lines += len(block)
                    layout.verse_paragraphs += 1
                    yield _stanza(block, gap)
                else:
                    for i, line in enumerate(block):
                        yield Paragraph(
                            (Text(line.text),), line.number, gap_before=gap if i == 0 else 0
                        )
            return
        if indent_starts_paragraphs(lines, adjacent, width):
            yield from _indented(lines, layout if soft_wrapped(lines) else None)
        elif soft_wrapped(lines):
            for group in soft_groups(lines, layout):
                yield _join(group)
        else:
            for line in lines:
                yield Paragraph((Text(line.text),), line.number, gap_before=line.blanks_before)
        return

    normal = usual_gap(seps)
    soft = not wrapped and soft_wrapped(lines)
    by_sentence = sentence_lines(blocks)
    indents = wrapped and indent_led_lines(blocks)
    # the prose itself is flush (full lines with no indent): blocks set in are set apart
    flush = sum(not line.indented and len(line.text) >= 0.55 * width for line in lines) >= 3
    blocks_of_prose = [b for b in blocks if not record_block(b, width)] if flush else blocks
    if indents and _indents_only(blocks_of_prose, width):
        normal = 0  # indents start its paragraphs: a blank line is a pause, not a paragraph
    # said in lint only where the file's rhythm, not the block itself, cut a block
    layout.indent_rhythm = indents and any(
        indent_inside(block) and not indent_led(block) for block in blocks
    )
    for index, block in enumerate(blocks):
        gap = max(0, block[0].blanks_before - normal) if index else 0
        if by_sentence:  # a sentence a line (no wrap ends its lines so): a block a paragraph
            parts = [block]
        elif wrapped and index == 0 and _header_lines(block, width):
            parts = [[line] for line in block]  # a title, a subtitle, a byline: set as lines
        elif wrapped:
            parts = _wrapped_parts(block, width, indents)
        else:  # a line a paragraph, but a line that goes on a sentence the last one broke off
            parts = soft_groups(block, layout) if soft else [[line] for line in block]
        stanza_width = width if wrapped else 200  # lines not wrapped: any short line
        if index and len(parts) == len(block) > 1 and is_stanza(block, stanza_width):
            layout.verse_lines += len(block)
            layout.verse_paragraphs += 1
            yield _stanza(block, gap)
            continue
        if index and form_record(block):
            yield _stanza(block, gap, "text")  # ``Name:`` / ``Version:`` / ``Notes:``: a record
            continue
        if index and flush and wrapped and record_block(block, width):
            yield _stanza(block, gap, "text")  # a record or an address set in: its lines kept
            continue
        if quoted_block(block):
            yield _stanza(block, gap, "text")  # a post's quoted lines stay the lines they were
            continue
        for i, part in enumerate(parts):
            yield _join(part, gap if i == 0 else 0)


INDENTS_PER_BLANK = 3
"""A file with this many paragraphs started by an indent for each blank line between its
blocks marks its paragraphs by indent alone: its few blank lines are gaps."""


def _indents_only(blocks: list[list[_Line]], width: int) -> bool:
    """Do indents, not blank lines, start the paragraphs of ``blocks``?"""
    blanks = len(blocks) - 1
    indented = sum(len(_wrapped_parts(block, width, True)) - 1 for block in blocks)
    return blanks >= 1 and indented >= INDENTS_PER_BLANK * blanks


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of lines with no blank line between them; an ornament row is a run of its own."""
    blocks: list[list[_Line]] = []
    row_before = False
    for line in lines:
        row = is_ornament_row(line.text)
        if blocks and line.blanks_before == 0 and not row and not row_before:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        row_before = row
    return blocks


def _stanza_block(block: list[_Line]) -> bool:
    return len(block) >= 3 and is_stanza(block, 200)


def _poem(blocks: list[list[_Line]], width: int) -> bool:
    """The whole file is verse: its blocks of three lines or more are stanzas, two at least,
    and they hold most of its lines, which are not hard-wrapped prose. The first block is
    not one: a title and a byline."""
    long_blocks = [block for block in blocks[1:] if len(block) >= 3]
    if _looks_wrapped(blocks, width) or any(indent_led(block) for block in long_blocks):
        return False  # wrapped prose, or prose in indented paragraphs
    if len(long_blocks) < 2 or not all(_stanza_block(block) for block in long_blocks):
        return False
    total = sum(len(block) for block in blocks)
    return sum(len(block) for block in long_blocks) >= 0.7 * total


def _stanza(block: list[_Line], gap: int, role: ParagraphRole = "verse") -> Paragraph:
    """A stanza (or with ``role`` ``text``, a block of set lines): its lines kept, a line
    break between them."""
    children: list[Text | LineBreak] = []
    for line in block:
        if children:
            children.append(LineBreak())
        children.append(Text(line.text))
    return Paragraph(tuple(children), block[0].number, role=role, gap_before=gap)


def _width(lines: list[_Line]) -> int:
    """The wrapping width: the length of the longer lines (95th percentile)."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * 0.95)]


def _wrapped_parts(block: list[_Line], width: int, indents: bool = False) -> list[list[_Line]]:
    """A block of a hard-wrapped text, cut into the paragraphs it holds.

    * wrapped prose (its lines but the last run near the width) → one paragraph
    * an indented short line over flush wrapped prose (a dateline) → a paragraph of its own
    * wrapped prose whose paragraphs start with an indent, no blank line between them →
      a paragraph from each indented line to the next; with ``indents`` (the file's
      blocks, taken together, start paragraphs that way) a block with a single indented
      line is cut there too
    * short lines (verse, a caption of place and time, an address) → one paragraph a line
    * a long run with neither: cut after the short lines that end a sentence
    * header fields (``Rating: PG-13`` / ``Disclaimer: Mulder and Scully belong`` /
      ``to Chris Carter.``) → one paragraph a field, its wrapped lines joined
    """
    parts: list[list[_Line]] = []
    if len(block) == 1:
        return [block]
    if _dateline(block, width):
        # "    Monday 3rd May" over a flush paragraph: a dateline, a paragraph of its own
        return [[block[0]], *_wrapped_parts(block[1:], width, indents)]
    if indent_led(block) or (indents and indent_inside(block)):
        # paragraphs marked by an indent, not by blank lines: an indented line starts one
        for line in block:
            if not parts or (
                line.indented
                and not _hanging([parts[-1][0], line])
                and not broken_off(parts[-1][-1], line)  # " look back." after "He did not"
            ):
                parts.append([line])
            else:
                parts[-1].append(line)
        return parts
    if header_fields(block):
        for line in block:
            if not parts or LABEL_LINE_RE.match(line.text):
                parts.append([line])
            else:
                parts[-1].append(line)
        return parts
    if _hanging(block):
        return [block]
    slack = min(0.75 * width, width - 12)  # wrapping leaves less room than a long word
    if all(len(line.text) < slack for line in block[:-1]):
        return [[line] for line in block]
    if len(block) >= _LONG_BLOCK:
        return _cut_at_short_ends(block, width)
    return [block]


_LONG_BLOCK = 12


_ITEM_RE = rx.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[-*o•+]\s)\s*\S", re.IGNORECASE)
"""``(1)  There is``, ``2. Don't``, ``a) one``, ``o  a point``, ``- a point``: a list item."""


def _hanging(block: list[_Line]) -> bool:
    """A list item with a hanging indent: its first line opens with the item's mark and
    the lines after it all start further in, level with its words.

    ``["(1)  There is a machine", "     whose name spells"]`` → True (one item)
    """
    first, rest = block[0], block[1:]
    return (
        bool(rest)
        and bool(_ITEM_RE.match(first.text))
        and all(line.depth > first.depth for line in rest)
        and len({line.depth for line in rest}) == 1
    )


def _cut_at_short_ends(block: list[_Line], width: int) -> list[list[_Line]]:
    """A long run of wrapped lines with no blank line and no indent: a paragraph ends at
    a line that ends a sentence well short of the width (an archive that marks paragraphs
    only that way). ``["…full line", "…full line", "stand.", "…full line", "end."]``
    → two paragraphs."""
    parts: list[list[_Line]] = [[]]
    for line in block:
        parts[-1].append(line)
        if len(line.text) < 0.7 * width and SENTENCE_END_RE.search(line.text):
            parts.append([])
    return [part for part in parts if part]


HEADER_LINE_WIDTH = 0.8
_CLAUSE_END = (".", ",", ";", ":", "!", "?")


def _header_lines(block: list[_Line], width: int) -> bool:
    """The file's first block is lines set short, none ending a sentence: a title block
    (``"Every Need for a Masquerade"`` / ``by Magus the Dark`` / ``C & C welcome``), not a
    paragraph wrapped short."""
    return len(block) > 1 and all(
        len(line.text) < HEADER_LINE_WIDTH * width
        and not line.text.rstrip("\"”'’*_ ").endswith(_CLAUSE_END)
        for line in block
    )


def _dateline(block: list[_Line], width: int) -> bool:
    """The block opens with a short indented line over flush lines: ``"    Monday 3rd May"``."""
    return (
        len(block) > 1
        and block[0].indented
        and not block[1].indented
        and len(block[0].text) < 0.55 * width
    )


def _indented(lines: list[_Line], soft: Layout | None = None) -> Iterator[Paragraph]:
    """An indented line starts a paragraph; in a ragged wrap (``soft``, where the joins are
    counted), not one that goes on a sentence the line before it broke off (`` his
    powerful…`` after ``His name symbolised``)."""
    current: list[_Line] = []
    row_before = head_before = False
    for line in lines:
        row = is_ornament_row(line.text)
        head = heading_line(line)
        hangs = not line.blanks_before and current and _hanging([current[0], line])
        if soft is not None and current and broken_off(current[-1], line):
            hangs = True
            soft.soft_joins += line.indented
        starts = line.indented or line.blanks_before or row or row_before or head or head_before
        if current and starts and not hangs:
            yield _join(current)
            current = []
        current.append(line)
        row_before, head_before = row, head
    if current:
        yield _join(current)


def _join(block: list[_Line], gap: int | None = None) -> Paragraph:
    """One paragraph of ``block``'s lines, words broken by the wrap mended (:mod:`.hyphens`)."""
    text = join_lines([line.text for line in block])
    gap = block[0].blanks_before if gap is None else gap
    return Paragraph((Text(text),), block[0].number, gap_before=gap)
