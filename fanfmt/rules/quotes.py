"""Pair quotation marks into dialogue spans, across paragraphs, in either convention.

* ``"Run," she said.`` → dialogue(Run,) she said.
* ``"He said 'no'."`` → dialogue with a nested single quotation (american);
  ``'He said "no".'`` → the same with the glyphs swapped (british)
* ``"I went on and on`` + next paragraph ``"and on."`` → a span left open (no closing
  mark) continued by the next paragraph; no continuation → finding Q001
* ``'Get the dogs' bones,' he said`` → the quote after ``dogs`` is an apostrophe (a
  later quote closes the span); ``runnin'`` at the end of a span closes it
* ``“already curly”`` input is kept; mixed curly and straight input is made consistent
* a stray quote that pairs with nothing gets the glyph its position suggests and a finding
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from fanfmt.chars import (
    APOSTROPHE,
    DOUBLE_PRIME,
    LEFT_DOUBLE_QUOTE,
    LEFT_SINGLE_QUOTE,
    OBJECT,
    PRIME,
    RIGHT_DOUBLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.diagnostics import Severity
from fanfmt.lexicon import PRONOUNS as _PRONOUNS
from fanfmt.lexicon import SPEECH_VERBS, THOUGHT_VERBS
from fanfmt.model import (
    Emphasis,
    Inline,
    Paragraph,
    Quoted,
    QuoteKind,
    Strong,
    Text,
    Thought,
)
from fanfmt.rules._flat import flatten
from fanfmt.rules.table import Context, Where

_DASHES = "—–-"
_OPEN_PUNCT = "([{<—–-/" + LEFT_DOUBLE_QUOTE + LEFT_SINGLE_QUOTE
_TAG_VERBS = SPEECH_VERBS | THOUGHT_VERBS
OPEN, CLOSE, AMBIG, WEAK = "open", "close", "ambig", "weak"
_MAX_NESTING = 6
"""Quotations inside quotations, at most: deeper than prose ever goes (10,000 levels of
alternating quotes would otherwise build a tree too deep to walk)."""
_QUOTE_RE = re.compile("[\"'“”‘’`]")
_SPECIAL_RE = re.compile(f"[{OBJECT}]")


@dataclass(slots=True)
class _Event:
    pos: int
    kind: QuoteKind
    role: str


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    kind: QuoteKind
    closed: bool


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


@dataclass(slots=True)
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


class _Builder:
    """Rebuilds nodes from a flattened paragraph and its decided spans.

    A class rather than nested recursive functions, which would refer to themselves and
    leave a reference cycle per paragraph for the garbage collector.
    """

    def __init__(
        self,
        s: str,
        atoms: dict[int, Inline],
        spans: list[_Span],
        glyphs: dict[int, str],
        dialogue: bool,
    ) -> None:
        self.s, self.atoms, self.spans, self.glyphs, self.dialogue = (
            s,
            atoms,
            spans,
            glyphs,
            dialogue,
        )
        self.pos = 0
        objects = [m.start() for m in _SPECIAL_RE.finditer(s)] if atoms else []
        self.cuts = sorted([*glyphs, *objects])

    def text(self, lo: int, hi: int, out: list[Inline]) -> None:
        """Text of ``s[lo:hi]`` with the decided glyphs, nodes where OBJECT stands."""
        s, cuts, atoms = self.s, self.cuts, self.atoms
        buf: list[str] = []
        cursor = lo
        for i in cuts[bisect_left(cuts, lo) : bisect_left(cuts, hi)]:
            buf.append(s[cursor:i])
            cursor = i + 1
            if i in atoms:
                if any(buf):
                    out.append(Text("".join(buf)))
                buf = []
                out.append(atoms[i])
            else:
                buf.append(self.glyphs[i])
        buf.append(s[cursor:hi])
        if any(buf):
            out.append(Text("".join(buf)))

    def level(self, lo: int, hi: int) -> tuple[Inline, ...]:
        """The nodes of ``s[lo:hi]``: text, and a :class:`Quoted` for each span inside."""
        spans = self.spans
        out: list[Inline] = []
        cursor = lo
        while self.pos < len(spans) and spans[self.pos].start < hi:
            span = spans[self.pos]
            self.pos += 1
            self.text(cursor, span.start, out)
            inner = self.level(span.start + 1, span.end)
            curly = self.s[span.start] in (LEFT_SINGLE_QUOTE, LEFT_DOUBLE_QUOTE)
            out.append(Quoted(inner, span.kind, True, span.closed, self.dialogue, curly))
            cursor = span.end + 1 if span.closed else span.end
        self.text(cursor, hi, out)
        return tuple(out)


def _build(
    s: str, atoms: dict[int, Inline], spans: list[_Span], glyphs: dict[int, str], dialogue: bool
) -> tuple[Inline, ...]:
    """Rebuild nodes from ``s`` and the decided spans (well nested, sorted by start)."""
    return _Builder(s, atoms, spans, glyphs, dialogue).level(0, len(s))


def _children(
    children: tuple[Inline, ...], dialogue: bool, report: Report = _ignore
) -> tuple[tuple[Inline, ...], _Result]:
    s, atom_list = flatten(children)
    if not atom_list and _QUOTE_RE.search(s) is None:
        return children, _NOTHING
    positions = [m.start() for m in _SPECIAL_RE.finditer(s)] if atom_list else []
    atoms: dict[int, Inline] = {}
    for i, atom in zip(positions, atom_list, strict=True):
        if isinstance(atom, Emphasis | Strong | Thought | Quoted):
            inner = _children(atom.children, dialogue)[0]
            if inner is not atom.children:
                atom = replace(atom, children=inner)
        atoms[i] = atom
    result = pair(s, report)
    return _build(s, atoms, result.spans, result.glyphs, dialogue), result


def _starts_with_opener(p: Paragraph, kind: QuoteKind) -> bool:
    s, _ = flatten(p.children)
    s = s.lstrip()
    marks = '"“' if kind == "double" else "'‘"
    return bool(s) and s[0] in marks


_UNCLOSED = "dialogue opened here is never closed"


class OpenDialogue:
    """Dialogue a paragraph leaves open, kept until the next paragraph shows whether it goes on.

    ``"It began here,`` / ``"and went on here."``: the next paragraph opens with the same
    mark, so the speech continues (a new paragraph of one speaker). Any other paragraph, a
    scene break or the end of the chapter leaves it unclosed: Q001 at the line it opened.
    """

    __slots__ = ("pending",)

    def __init__(self) -> None:
        self.pending: tuple[QuoteKind, int] | None = None

    def paragraph(self, p: Paragraph, where: Where, ctx: Context) -> Paragraph:
        """Replace straight quotes with dialogue spans and curly glyphs.

        Only the story's own text and captions hold speech: a title quoted in a
        disclaimer, a summary, an author's note, the legend or a heading is not speech.
        """
        if self.pending is not None:
            kind, line = self.pending
            if not _starts_with_opener(p, kind):
                ctx.report("Q001", _UNCLOSED, line)
            self.pending = None
        dialogue = where.part == "story" and p.role in ("text", "caption")

        def report(code: str, message: str, pos: int) -> None:
            severity: Severity = "info" if code.startswith("A") else "warning"
            ctx.report(code, message, p.line, col=pos + 1, severity=severity)

        children, result = _children(p.children, dialogue, report)
        if result.unclosed and dialogue:
            self.pending = (result.unclosed[0], p.line)
        return p if children is p.children else replace(p, children=children)

    def end(self, ctx: Context) -> None:
        """No paragraph can continue the dialogue left open (a scene break, the end)."""
        if self.pending is not None:
            ctx.report("Q001", _UNCLOSED, self.pending[1])
            self.pending = None


State = OpenDialogue
"""What the pipeline keeps of this rule from one paragraph to the next."""
