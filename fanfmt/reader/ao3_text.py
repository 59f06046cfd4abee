"""The preface of an AO3 download read as text: one line, one paragraph.

AO3's preface is a list of labelled lines (``Rating:`` / ``Explicit`` / ``Fandom:`` …),
not prose: joining its lines as a hard-wrapped paragraph would run every field into
the next. ``split_preface(text)`` → the preface's lines as paragraphs, and the text
from where the story starts (blank lines in place of the preface, so the line numbers
of the story stay those of the file)::

    split_preface("T\\nPosted originally on the Archive of Our Own at U.\\nRating:\\nGen\\n"
                  "T\\nby A\\nT\\nIt rained.\\n")
    → ([Paragraph("T"), Paragraph("Posted …"), …, Paragraph("by A")],
       "\\n" * 6 + "T\\nIt rained.\\n")

Text without the preface comes back whole: ``split_preface("Once.")`` → ``([], "Once.")``.
The rule ``ao3_preface`` reads the facts out of these paragraphs.
"""

from __future__ import annotations

import re

from fanfmt import rx
from fanfmt.model import Paragraph, Text
from fanfmt.rules._text import fold

POSTED_RE = rx.compile(r"^\s*posted\s+originally\s+on\s+the\s+archive\s+of\s+our\s+own\b", re.I)
BY_RE = rx.compile(r"^\s*by\s+\S", re.I)
CHAPTER_RE = rx.compile(r"^\s*chapter\s+\d+\b", re.I)
LOOK_LINES = 80
"""``Posted originally…`` is among the first lines."""
PREFACE_LINES = 200
"""The story starts this many lines after it at the latest."""


def _next_text(lines: list[str], i: int) -> int:
    """The index of the first non-blank line from ``i`` (``len(lines)`` when none)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def preface_end(lines: list[str]) -> int:
    """The index of the line where the story starts, or 0 when there is no AO3 preface."""
    posted = next((i for i, line in enumerate(lines[:LOOK_LINES]) if POSTED_RE.match(line)), -1)
    if posted < 1:
        return 0
    t = posted - 1
    while t > 0 and not lines[t].strip():
        t -= 1
    title = fold(lines[t])
    if not title:
        return 0
    last = min(len(lines), posted + PREFACE_LINES)
    for k in range(posted + 1, last):
        if fold(lines[k]) != title:
            continue
        by = _next_text(lines, k + 1)
        if by >= len(lines) or not BY_RE.match(lines[by]):
            continue
        for m in range(by + 1, last):
            if fold(lines[m]) == title or CHAPTER_RE.match(lines[m]):
                return m
        return 0
    return 0


def split_preface(text: str) -> tuple[list[Paragraph], str]:
    """The preface's lines as paragraphs, and the rest of ``text`` (see the module)."""
    lines = text.split("\n")
    end = preface_end(lines)
    if not end:
        return [], text
    head = [
        Paragraph((Text(line.strip()),), line=n)
        for n, line in enumerate(lines[:end], start=1)
        if line.strip()
    ]
    return head, "\n" * end + "\n".join(lines[end:])
