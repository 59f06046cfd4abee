"""Which quote pairs with which: one pass over a paragraph's quote events, with a stack.

* ``"Run," she said.`` → one span from the first quote to the second
* ``"He said 'no'."`` → a single-quoted span inside the double-quoted one
* ``'Get the dogs' bones,' he said`` → the quote after ``dogs`` is an apostrophe: a later
  quote closes the span
* ``"I went on and on`` → a span left open to the end (``unclosed``)
* ``a 12" record`` → a stray quote after a digit is a prime
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from fanfmt.chars import (
    APOSTROPHE,
    DOUBLE_PRIME,
    LEFT_DOUBLE_QUOTE,
    LEFT_SINGLE_QUOTE,
    PRIME,
    RIGHT_DOUBLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.lexicon import PRONOUNS as _PRONOUNS
from fanfmt.lexicon import SPEECH_VERBS, THOUGHT_VERBS
from fanfmt.model import QuoteKind
from fanfmt.record import record
from fanfmt.rules.quotes.classify import _QUOTE_RE, AMBIG, CLOSE, OPEN, WEAK, _classify, _Event

_TAG_VERBS = SPEECH_VERBS | THOUGHT_VERBS
_MAX_NESTING = 6
"""Quotations inside quotations, at most: deeper than prose ever goes (10,000 levels of
alternating quotes would otherwise build a tree too deep to walk)."""


@record(frozen=False)
class _Span:
    start: int
    end: int
    kind: QuoteKind
    closed: bool


class _Ahead:
    """Look-ahead tables over a paragraph's quote events, built only when a question needs them.

    ``next_closer[k]`` / ``next_open[k]``: index of the next single closer / opener from k;
    ``next_dclose[k]``: of the next double quote that can close; ``remaining_doubles[k]``:
    how many double quotes are left from k.
    """

    def __init__(self, events: list[_Event]) -> None:
        self.events = events

    @cached_property
    def _tables(self) -> tuple[list[int], list[int], list[int], list[int]]:
        events = self.events
        n = len(events)
        next_closer = [n] * (n + 1)
        next_open = [n] * (n + 1)
        next_dclose = [n] * (n + 1)
        remaining = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            e = events[k]
            single = e.kind == "single"
            next_closer[k] = k if single and e.role in (CLOSE, WEAK) else next_closer[k + 1]
            next_open[k] = k if single and e.role == OPEN else next_open[k + 1]
            next_dclose[k] = k if not single and e.role != OPEN else next_dclose[k + 1]
            remaining[k] = remaining[k + 1] + (not single)
        return next_closer, next_open, next_dclose, remaining

    @property
    def next_closer(self) -> list[int]:
        return self._tables[0]

    @property
    def next_open(self) -> list[int]:
        return self._tables[1]

    @property
    def next_dclose(self) -> list[int]:
        return self._tables[2]

    @property
    def remaining_doubles(self) -> list[int]:
        return self._tables[3]


class _Stack:
    """Open quotes, with per-kind indexes so every question is O(1) (amortised)."""

    def __init__(self) -> None:
        self.items: list[_Event] = []
        self.index: dict[str, list[int]] = {"double": [], "single": []}

    def push(self, e: _Event) -> None:
        self.index[e.kind].append(len(self.items))
        self.items.append(e)

    def has(self, kind: str) -> bool:
        return bool(self.index[kind])

    def top(self, kind: str) -> int:
        return self.index[kind][-1]

    def truncate(self, depth: int) -> list[_Event]:
        removed = self.items[depth:]
        del self.items[depth:]
        for positions in self.index.values():
            while positions and positions[-1] >= depth:
                positions.pop()
        return removed

    def below(self, kind: str, depth: int) -> bool:
        """Is there an open quote of ``kind`` below position ``depth``?"""
        positions = self.index[kind]
        return bool(positions) and positions[0] < depth


Report = Callable[[str, str, int], None]
"""Where pairing says what it ran into: ``report(code, message, position in the string)``."""


def _ignore(code: str, message: str, pos: int) -> None:
    del code, message, pos


@record(frozen=False)
class _Result:
    spans: list[_Span]
    glyphs: dict[int, str]
    unclosed: list[QuoteKind]


_NOTHING = _Result([], {}, [])


def pair(s: str, report: Report = _ignore) -> _Result:
    """Decide, for every quote character of ``s``, what it is. Linear in ``len(s)``.

    What cannot be decided for sure is told to ``report`` as it is met (a collector that
    keeps a bounded number, so a paragraph of a million stray quotes stays cheap).
    """
    events = [e for m in _QUOTE_RE.finditer(s) if (e := _classify(s, m.start()))]
    ahead = _Ahead(events)
    stack = _Stack()
    spans: list[_Span] = []
    glyphs: dict[int, str] = {}

    def orphan(e: _Event, opening: bool) -> None:
        if s[e.pos] == "`":
            return  # a backtick that closes nothing stays a backtick
        if not opening and e.pos and s[e.pos - 1].isdigit() and s[e.pos] in "\"'":
            glyphs[e.pos] = DOUBLE_PRIME if e.kind == "double" else PRIME  # 12" record
            return
        if e.kind == "double":
            glyphs[e.pos] = LEFT_DOUBLE_QUOTE if opening else RIGHT_DOUBLE_QUOTE
            if opening:
                report("Q002", "a double quote opens and nothing closes it", e.pos)
            else:
                report("Q003", "a closing double quote that no quote opened", e.pos)
        elif opening:
            nxt = s[e.pos + 1] if e.pos + 1 < len(s) else ""
            if nxt.isalpha():
                glyphs[e.pos] = APOSTROPHE
                report("A003", "unpaired single quote read as an elision", e.pos)
            else:
                glyphs[e.pos] = LEFT_SINGLE_QUOTE
                report("Q004", "unpaired single quote", e.pos)
        else:
            glyphs[e.pos] = RIGHT_SINGLE_QUOTE

    def close(e: _Event, closed: bool = True) -> bool:
        if not stack.has(e.kind):
            return False
        removed = stack.truncate(stack.top(e.kind))
        for inner in removed[1:]:
            orphan(inner, True)
        spans.append(_Span(removed[0].pos, e.pos, e.kind, closed))
        return True

    for k, e in enumerate(events):
        if e.kind == "double":
            role = e.role
            has_double = stack.has("double")
            if role == AMBIG:
                role = CLOSE if has_double else OPEN
            elif (
                role == OPEN
                and has_double
                and stack.items[-1].kind == "single"
                and len(stack.items) < _MAX_NESTING
            ):
                pass  # “… ‘She said, “Dev left.”’ …”: a third level, inside the single quote
            elif role == OPEN and has_double:
                # a second opener: the first never closed (even count left) or this one closes
                if ahead.remaining_doubles[k] % 2 == 0 and s[e.pos] == '"':
                    close(e, closed=False)
                    report("Q002", "a double quote opens and nothing closes it", e.pos)
                    stack.push(e)
                    continue
                role = CLOSE if s[e.pos] == '"' else OPEN
            if role == OPEN:
                if len(stack.items) < _MAX_NESTING:
                    stack.push(e)
                else:  # no story nests quotes this deep: an opener without a closer
                    orphan(e, True)
            elif not close(e):
                orphan(e, False)
            continue
        # single quotes
        if e.role == OPEN:
            innermost_single = bool(stack.items) and stack.items[-1].kind == "single"
            if innermost_single and s[e.pos] == "'" and s[e.pos + 1 : e.pos + 2].isalpha():
                # 'An' you 'eard it…': a quote inside a quote of the same kind is an elision
                glyphs[e.pos] = APOSTROPHE
                report("A003", "unpaired single quote read as an elision", e.pos)
                continue
            if len(stack.items) < _MAX_NESTING:
                stack.push(e)
            else:
                orphan(e, True)
            continue
        if e.role == WEAK:
            if not stack.has("single"):
                glyphs[e.pos] = APOSTROPHE
                continue
            verdict = _weak_is_apostrophe(s, e.pos, k, stack, ahead)
            if verdict:
                glyphs[e.pos] = APOSTROPHE
                if verdict == "guess":
                    report("A002", "read as an apostrophe, not a closing quote", e.pos)
                continue
        if not close(e):
            glyphs[e.pos] = RIGHT_SINGLE_QUOTE
    unclosed: list[QuoteKind] = []
    for d, e in enumerate(stack.items):
        if s[e.pos] == "`":
            continue  # `ls`: a backtick no quote closes is not a quotation
        elision = s[e.pos] == "'" and s[e.pos + 1 : e.pos + 2].isalpha()
        if elision and (stack.below("single", d) or not _looks_open(s, e.pos)):
            glyphs[e.pos] = APOSTROPHE
            report("A003", "unpaired single quote read as an elision", e.pos)
            continue
        spans.append(_Span(e.pos, len(s), e.kind, False))
        unclosed.append(e.kind)
    if "'" in s:
        seen = {e.pos for e in events}
        for i, ch in enumerate(s):
            if ch == "'" and i not in seen:
                glyphs[i] = APOSTROPHE  # a quote standing alone between spaces, or after another
    spans.sort(key=lambda sp: (sp.start, -sp.end))
    return _Result(spans, glyphs, unclosed)


_NEVER_AFTER_POSSESSIVE = frozenset(
    "me him them us it is was were to at in on for with from into again too then now so".split()
)
_APOSTROPHE_WORDS = frozenset("an n o th ol a fo yo jus lil goin nothin somethin".split())


def _weak_is_apostrophe(
    s: str,
    pos: int,
    k: int,
    stack: _Stack,
    ahead: _Ahead,
) -> str:
    """Is the quote after a letter (``dogs'``, ``runnin'``, ``love'``) an apostrophe?

    Only words that end like a plural possessive or a dropped letter can take one;
    then a following lowercase word (``the dogs' bones``) or a later closing quote
    for the open span (``'Get the dogs' bones,' he said``) says apostrophe.
    """
    j = pos
    while j > 0 and s[j - 1].isalpha():
        j -= 1
    word = s[j:pos].lower()
    if not (word.endswith(("s", "in")) or word in _APOSTROPHE_WORDS):
        return ""
    if j >= 2 and s[j - 1] in "'’" and s[j - 2].isalpha():
        return ""  # 'man's' — a word with an apostrophe already takes no second one
    after = s[pos + 1 : pos + 40]
    if after[:1].isspace() and after.lstrip()[:1].isalpha():
        following = [w.strip(",.;:!?…\"'“”‘’").lower() for w in after.split()[:2]]
        first = after.split()[0]
        if first.isupper() and len(first) > 1:
            return ""  # 'AS-IS' WITH …
        if word.endswith("s") and following[0] in _NEVER_AFTER_POSSESSIVE:
            return ""  # 'hello, Mags' me — a possessive is not followed by "me" or "to"
        tag = following[0] in _TAG_VERBS or (
            len(following) > 1
            and following[1] in _TAG_VERBS
            and (following[0] in _PRONOUNS or first[:1].isupper())
        )
        if tag or _closes_scare_quote(s, pos, k, stack, ahead):
            return ""
        return "sure"
    nested_in_double = stack.below("double", stack.top("single"))
    n = len(ahead.next_open) - 1
    bound = min(ahead.next_open[k + 1], ahead.next_dclose[k + 1] if nested_in_double else n)
    return "guess" if ahead.next_closer[k + 1] < bound else ""


_SCARE_QUOTE_WORDS = 5
"""A quotation opened inside a sentence (``the so-called 'demon brothers'``) is a name or a
scare quote: it is this many words long at most."""


def _closes_scare_quote(s: str, pos: int, k: int, stack: _Stack, ahead: _Ahead) -> bool:
    """Does the quote after ``brothers`` close a short quotation opened mid-sentence?

    ``the so-called 'demon brothers' struggled`` → yes: the quote opened after a word, a few
    words back, and nothing later in the paragraph could close it. ``'Get the dogs' bones,'
    he said`` → no: it opened the sentence, and a later quote closes it.
    """
    opener = stack.items[stack.top("single")].pos
    if s[opener] != "'" or _looks_open(s, opener):
        return False
    if ahead.next_closer[k + 1] < len(ahead.events):
        return False
    return len(s[opener + 1 : pos].split()) <= _SCARE_QUOTE_WORDS


def _looks_open(s: str, pos: int) -> bool:
    """An unclosed single quote that starts speech or thought running on (not ``the 'bus``).

    After a sentence, a comma or a colon it opens (``he said, 'and then``); right after a
    word it is an elision the lexicon does not know (``took the 'bus``, ``tell 'ee``).
    """
    before = s[:pos].rstrip()
    return not before or not before[-1].isalnum()
