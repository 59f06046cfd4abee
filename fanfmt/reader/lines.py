"""The non-blank lines of a plain-text chapter, with their indent and the blank lines before.

``lines("One.\\n\\n  Two.")`` → ``[Line(1, "One.", False, 0), Line(3, "Two.", True, 1)]``

Runs of blanks inside a line read as one space; a line of exactly ``-- `` (a mail
signature's separator) is remembered as such, since stripping would make it ``--``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANKS = " \t\u00a0\u3000\u2002\u2003"
"""The spaces a line may be indented with; a run of them inside a line reads as one space."""
_STRIPPED = BLANKS + "\ufeff"
_SPACES_RE = re.compile(f" [{BLANKS}]+|[{BLANKS[1:]}][{BLANKS}]*")
"""Runs of blanks that are not already one plain space (a lone space is left as it is)."""


@dataclass(slots=True)
class Line:
    """One non-blank line: its 1-based number, text (stripped), indent and blank lines before."""

    number: int
    text: str
    indented: bool
    blanks_before: int
    sig: bool = False
    """The line is ``-- `` exactly: a signature follows."""


def lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[Line] = []
    blanks = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(_STRIPPED)
        if not stripped:
            blanks += 1
            continue
        # ASCII lines without a double space or a tab (most of them) have nothing to collapse
        if not stripped.isascii() or "  " in stripped or "\t" in stripped:
            stripped = _SPACES_RE.sub(" ", stripped)
        out.append(Line(number, stripped, raw[0] in BLANKS, blanks, raw == "-- "))
        blanks = 0
    return out
