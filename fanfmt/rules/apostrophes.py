"""Turn the straight single quotes that are certainly apostrophes (or primes) into ’.

* ``don't``, ``O'Brien``, ``o'clock``, ``Squad's`` → ’ (between two letters)
* ``*Hogwarts*'s`` → ’ (right after emphasis)
* ``'em``, ``'cause``, ``'til``, ``'bout``, ``'kay``, ``'tis``, ``'twas``, ``'round``,
  ``'ello``, ``'im`` … (a lexicon of elisions) → ’ unless the quote must open a span
  for the paragraph to balance: ``'Tis true,' she said`` opens; ``'Get 'em,' he said`` does not
* ``'90s``, ``'07`` → ’; ``rock 'n' roll`` → ``rock ’n’ roll``
* ``General ----'s regiment`` → ``----’s`` (a contraction after a dash)
* ``6'2"`` → ``6′2″`` (feet and inches); ``"Monitor 21""`` → ``“Monitor 21″”``
* a quote after a letter and before a space (``dogs'``, ``runnin'``) is decided by ``quotes``
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.chars import APOSTROPHE, DOUBLE_PRIME, OBJECT, PRIME
from fanfmt.model import Paragraph
from fanfmt.patterns import AFTER_OPENING as _AFTER_OPENING
from fanfmt.patterns import ELISION as ELISION_RE
from fanfmt.rules._flat import map_flat
from fanfmt.rules.table import Context, Where

INTERNAL_RE = rx.compile(rf"'(?:(?<=[^\W_]')|(?<={OBJECT}'))(?=[^\W_])")
N_RE = rx.compile(r"'(?<=\s')n'(?=\s)", re.IGNORECASE)
CONTRACTION_RE = rx.compile(rf"'(?<=[-—–){OBJECT}]')(?=(?:s|t|d|ll|re|ve|m)\b)")
FEET_INCHES_RE = rx.compile(r"(?<=\b\d)'(\d{1,2})\"")
FEET_RE = rx.compile(r"(?<=\b\d)'(?=\d{1,2}\b)")
INCHES_RE = rx.compile(r"(?<=\d)\"(?=\")")
_DIGIT_QUOTE_RE = rx.compile(r"\d['\"]")
OPENER_RE = rx.compile("'" + _AFTER_OPENING + r"(?=\S)")
STRONG_CLOSER_RE = rx.compile(r"'(?:(?<=[.,!?;:…—–\-]')(?![^\W_])|(?<=[^\W_]')(?=\s*$))")


def _balance(text: str, line: int, ctx: Context) -> set[int]:
    """Positions of lexicon elisions that must open a quotation for ``text`` to balance."""
    events: list[tuple[int, str]] = []
    elisions = {m.start() for m in ELISION_RE.finditer(text)}
    if not elisions:
        return set()
    for m in OPENER_RE.finditer(text):
        events.append((m.start(), "e" if m.start() in elisions else "o"))
    for m in STRONG_CLOSER_RE.finditer(text):
        events.append((m.start(), "c"))
    events.sort()
    stack: list[tuple[int, str]] = []
    real: list[int] = []  # indexes in ``stack`` of real (non-elision) openers
    openers: set[int] = set()
    for pos, kind in events:
        if kind in "oe":
            if kind == "o":
                real.append(len(stack))
            stack.append((pos, kind))
            continue
        if real:
            del stack[real.pop() :]
        elif stack:
            openers.add(stack[0][0])
            stack.clear()
    for pos in sorted(openers):
        word = re.match(r"['‘](\w+)", text[pos:])
        shown = word.group(0) if word else "'"
        ctx.report(
            "A001",
            f"{shown!s} read as an opening quote, not an elision (the quotation needs it)",
            line,
            col=pos + 1,
            severity="info",
        )
    return openers


def educate(text: str, *, keep: set[int] | None = None) -> str:
    """Apply the apostrophe rules to one (flattened) string."""
    return _elide(educate_prepass(text), keep)


def _elide(text: str, keep: set[int] | None) -> str:
    """Lexicon elisions → ’, except at the positions in ``keep`` (they open a quotation)."""
    if "'" not in text:
        return text
    matches = [
        m.start() for m in ELISION_RE.finditer(text) if keep is None or m.start() not in keep
    ]
    if not matches:
        return text
    chars = list(text)
    for pos in matches:
        chars[pos] = APOSTROPHE
    return "".join(chars)


def paragraph(p: Paragraph, where: Where, ctx: Context) -> Paragraph:
    """Replace certain apostrophes with ’ and feet/inches marks with primes."""

    def fn(text: str) -> str:
        if "'" not in text and '"' not in text:
            return text
        prepared = educate_prepass(text)
        keep = _balance(prepared, p.line, ctx)
        return _elide(prepared, keep)

    children = map_flat(p.children, fn)
    return p if children is p.children else replace(p, children=children)


def educate_prepass(text: str) -> str:
    """Primes, ``'n'`` and word-internal apostrophes, which never affect balance."""
    if "'" not in text and '"' not in text:
        return text
    if _DIGIT_QUOTE_RE.search(text):
        text = FEET_INCHES_RE.sub(lambda m: f"{PRIME}{m.group(1)}{DOUBLE_PRIME}", text)
        text = FEET_RE.sub(PRIME, text)
        text = INCHES_RE.sub(DOUBLE_PRIME, text)
    if "'" not in text:
        return text
    if "'n'" in text or "'N'" in text:
        text = N_RE.sub(APOSTROPHE + "n" + APOSTROPHE, text)
    text = CONTRACTION_RE.sub(APOSTROPHE, text)
    return INTERNAL_RE.sub(APOSTROPHE, text)
