"""What each quote character of a string can be, from its neighbours alone.

* ``"Run,`` → the first ``"`` opens (nothing before it); ``Run,"`` → it closes
* ``a"b`` → ambiguous (``AMBIG``): only the quotes around it can say
* ``don't`` → no event: a quote between two letters is an apostrophe
* ``dogs' bones`` → ``WEAK``: a closing quote or an apostrophe, decided by :mod:`.pairing`
* a backtick before a word opens a single quotation (a typewriter `` `quote' ``);
  anywhere else it is no quote at all
"""

from __future__ import annotations

from fanfmt import rx
from fanfmt.chars import (
    LEFT_DOUBLE_QUOTE,
    LEFT_SINGLE_QUOTE,
    OBJECT,
    RIGHT_DOUBLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.model import QuoteKind
from fanfmt.record import record

_DASHES = "—–-"
_OPEN_PUNCT = "([{<—–-/" + LEFT_DOUBLE_QUOTE + LEFT_SINGLE_QUOTE
OPEN, CLOSE, AMBIG, WEAK, APOS = "open", "close", "ambig", "weak", "apos"
_QUOTE_RE = rx.compile("[\"'“”‘’`]")


@record(frozen=False)
class _Event:
    pos: int
    kind: QuoteKind
    role: str


def _space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _word(ch: str) -> bool:
    return ch == OBJECT or ch.isalnum()


def _classify(s: str, i: int) -> _Event | None:
    ch = s[i]
    prev = s[i - 1] if i else ""
    nxt = s[i + 1] if i + 1 < len(s) else ""
    if ch == LEFT_DOUBLE_QUOTE:
        return _Event(i, "double", OPEN)
    if ch == RIGHT_DOUBLE_QUOTE:
        return _Event(i, "double", CLOSE)
    if ch == LEFT_SINGLE_QUOTE:
        return _Event(i, "single", OPEN)
    if ch == '"':
        if prev == "":
            return _Event(i, "double", OPEN)
        if nxt == "":
            return _Event(i, "double", CLOSE)
        left = not _space(nxt) and (_space(prev) or prev in _OPEN_PUNCT)
        right = not _space(prev) and (_space(nxt) or not _word(nxt))
        if left and not right:
            return _Event(i, "double", OPEN)
        if right and not left:
            return _Event(i, "double", CLOSE)
        return _Event(i, "double", AMBIG)
    if ch == "`":
        # a typewriter `quote': the backtick only ever opens, before a word
        if _word(nxt) and (_space(prev) or prev in _OPEN_PUNCT or prev in "\"'"):
            return _Event(i, "single", OPEN)
        return None
    if ch in ("'", RIGHT_SINGLE_QUOTE):
        if _word(prev) and _word(nxt):
            return None
        if ch == "'" and prev == "":
            return _Event(i, "single", OPEN)
        if prev in _DASHES and (_space(nxt) or not _word(nxt)):
            return _Event(i, "single", CLOSE)
        if prev in '"”' and i >= 2 and not _space(s[i - 2]) and not _word(nxt):
            return _Event(i, "single", CLOSE)  # …“Run.”’ — nested quotes ending together
        if _space(prev) or prev in _OPEN_PUNCT or prev == '"':
            if ch == RIGHT_SINGLE_QUOTE or _space(nxt):
                return None  # an elision (’em) or a quote standing alone
            return _Event(i, "single", OPEN)
        if _word(nxt):
            return None
        return _Event(i, "single", WEAK if _word(prev) else CLOSE)
    return None
