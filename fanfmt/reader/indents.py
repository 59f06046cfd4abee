"""Paragraphs marked by an indent in plain text, not by blank lines (or by both).

* ``["  The office was empty.", "wrapped on.", "  He sat."]`` → an indent starts each
  paragraph (:func:`indent_led`)
* across a whole archive file, the lines before the indented ones are the short ones: a
  paragraph ended there (:func:`indent_led_lines`)
"""

from __future__ import annotations

from itertools import pairwise

from fanfmt.reader.lines import SENTENCE_END_RE, Line


def indent_led(block: list[Line]) -> bool:
    """An indent, not a blank line, starts the block's paragraphs (a short line may lead).

    ``["8:15 AM", "  The office was empty.", "wrapped on.", "  He sat."]`` → True;
    ``["First paragraph,", "wrapped.", "  Second,", "wrapped.", "  Third."]`` → True;
    a hanging indent (``["- You pay a fee", "  of 20%.", "  calculated …"]``) → False.
    """
    rest = block[1:]
    if not rest or all(line.indented for line in block):
        return False
    if block[0].indented:
        return True
    before_indented = [len(a.text) for a, b in pairwise(block) if b.indented]
    before_flush = [len(a.text) for a, b in pairwise(block) if not b.indented]
    if not before_flush or not (rest[0].indented or len(before_indented) >= 2):
        return False  # a lone indented line may be a URL or a quotation
    # a paragraph ends on a short line: the lines before indented ones are the shorter ones
    # (in a hanging indent, as in a list, the lines before flush ones are)
    return sum(before_indented) * len(before_flush) < sum(before_flush) * len(before_indented)


def indent_inside(block: list[Line]) -> bool:
    """The block starts flush and has an indented line after a flush one."""
    return not block[0].indented and any(b.indented and not a.indented for a, b in pairwise(block))


def indent_led_lines(blocks: list[list[Line]]) -> bool:
    """Across the whole file, an indent inside a block starts a paragraph.

    Many archives mix the two ways: a blank line starts some paragraphs, a two-space
    indent with no blank line the others, and most blocks hold one indented line or
    none, too few for :func:`indent_led` to judge a block alone. Taken together the
    lines before the indented ones are the short ones (a paragraph ended there); in a
    hanging indent (a list) the lines before the flush ones are. Or each indented line
    follows a finished sentence. Three such lines at least, in blocks that start flush.
    """
    before_indented: list[str] = []
    before_flush: list[int] = []
    for block in blocks:
        if len(block) > 2 and block[0].indented and not block[1].indented:
            block = block[1:]  # a dateline over the paragraph
        if len(block) < 2 or block[0].indented:
            continue
        if len(block) > 2 and all(line.indented for line in block[1:]):
            continue  # a hanging indent or a quotation under its first line
        for a, b in pairwise(block):
            if b.indented:
                before_indented.append(a.text)
            else:
                before_flush.append(len(a.text))
    if len(before_indented) < 3 or not before_flush:
        return False
    mean_indented = sum(len(text) for text in before_indented) / len(before_indented)
    if mean_indented < 0.9 * sum(before_flush) / len(before_flush):
        return True
    ended = sum(1 for text in before_indented if SENTENCE_END_RE.search(text))
    return ended >= 0.9 * len(before_indented)  # each indent follows a finished sentence


def indent_starts_paragraphs(lines: list[Line], adjacent: int, width: int) -> bool:
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
    if width > 120:
        return False  # one paragraph a line, some of them indented
    if adjacent > 3 * indented:
        return True
    before = [
        prev.text for prev, line in pairwise(lines) if not line.indented and not line.blanks_before
    ]
    full = sum(1 for text in before if len(text) >= 0.55 * width)
    return len(before) >= 3 and full >= 0.75 * len(before)
