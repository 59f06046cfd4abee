"""Rows that underline a title in plain text: they belong to the title, they are no break.

* ``The Ending`` / ``----------`` → the title ``The Ending``, the row gone
* a title block of up to three short lines (a title and its subtitle) over a row → the
  same; the blank lines set above it are its spacing
* a row under a sentence, or under a long block of prose → a row (a scene break)
"""

from __future__ import annotations

from fanfmt.reader.lines import SENTENCE_END_RE, Line
from fanfmt.rules._ornament import is_ornament_row

_UNDERLINED_MAX = 60
"""A line underlined by a row (a section title) is at most this long."""


def drop_underlines(lines: list[Line]) -> list[Line]:
    """``lines`` without the rule rows that underline the short line right above them.

    ``The Ending`` / ``----------`` is a section's title typed the way Markdown's setext
    headings are: the row belongs to the line, it is no scene break. The line after the
    row starts a block of its own (it keeps the row's blank lines before it, at least one).
    The title divides the text itself, so the blank lines set above it are its spacing,
    no break: it keeps one.
    """
    out: list[Line] = []
    pending_gap = -1
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and pending_gap < 0
            and line.blanks_before == 0
            and is_ornament_row(line.text)
            and not is_ornament_row(prev.text)
            and _title_run(out)  # a title (of up to three lines) stands on its own
            and len(set(line.text.replace(" ", ""))) == 1
        ):
            pending_gap = 0
            if prev.blanks_before > 1:
                out[-1] = Line(prev.number, prev.text, prev.indented, 1, prev.sig)
            continue
        if pending_gap >= 0:
            blanks = max(1, line.blanks_before)
            line = Line(line.number, line.text, line.indented, blanks, line.sig)
            pending_gap = -1
        out.append(line)
    return out


_TITLE_RUN_MAX = 3
"""An underlined title block is at most this many lines (a title and its subtitle)."""


def _title_run(out: list[Line]) -> bool:
    """Do the last lines of ``out``, up to a blank line, read as a title block: at most
    :data:`_TITLE_RUN_MAX` short lines, none ending a sentence, after a blank line or at
    the top?"""
    run = 1
    while run < len(out) and out[-run].blanks_before == 0:
        run += 1
    if run > len(out):
        run = len(out)
    block = out[-run:]
    starts = block[0] is out[0] or block[0].blanks_before > 0
    return (
        starts
        and run <= _TITLE_RUN_MAX
        and all(len(line.text) <= _UNDERLINED_MAX for line in block)
        and not SENTENCE_END_RE.search(block[-1].text)
    )
