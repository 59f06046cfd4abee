"""Nodes again, from a flattened paragraph and the spans :func:`.pairing.pair` decided.

* ``"Run," she said.`` + a span over ``0..5`` → ``Quoted(Text("Run,"))``, ``Text(" she said.")``
* a node held out of the text (emphasis, a thought) comes back where its OBJECT stands,
  its own children paired too
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from fanfmt import rx
from fanfmt.chars import LEFT_DOUBLE_QUOTE, LEFT_SINGLE_QUOTE, OBJECT
from fanfmt.model import Emphasis, Inline, Quoted, Strong, Text, Thought
from fanfmt.rules._flat import flatten
from fanfmt.rules.quotes.classify import _QUOTE_RE
from fanfmt.rules.quotes.pairing import _NOTHING, Report, _ignore, _Result, _Span, pair

_SPECIAL_RE = rx.compile(f"[{OBJECT}]")


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
