"""Read ``*asterisk*`` and ``_underscore_`` markup as emphasis, ``**double**`` as strong.

* ``a *very* bad idea`` → a, emphasis(very), bad idea
* ``_Hogwarts_`` → emphasis; ``**Stop!**`` / ``__Stop!__`` → strong;
  ``***never***`` → strong emphasis
* ``f*ck``, ``snake_case``, ``2 * 3 * 4`` and a lone ``*`` stay as typed; so does
  decoration around a marker (``~*~FLASHBACK~*~``)
* markup never spans paragraphs; unpaired markers stay as typed
* a legend line ``*Flashbacks*`` shows in italics, as it will in the story
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import Emphasis, Inline, Paragraph, Strong, Text
from fanfmt.rules.table import Context, Where


def parse(text: str, depth: int = 0) -> tuple[Inline, ...]:
    """``"a *b* c"`` → ``(Text("a "), Emphasis((Text("b"),), "*"), Text(" c"))``.

    Finds the spans one pattern of alternatives would (``***…***``, ``___…___``, ``**…**``,
    ``__…__``, ``*…*``, ``_…_``: the test suite keeps that pattern as the reference), in time
    linear in ``len(text)``: each opener takes the nearest closer after it, and closers
    are never searched for twice (so ``"*a " * 100_000`` is not quadratic).
    """
    if "*" not in text and "_" not in text:
        return (Text(text),) if text else ()
    out: list[Inline] = []
    pos = 0
    for start, end, kind, inner in _spans(text):
        if start > pos:
            out.append(Text(text[pos:start]))
        children = parse(inner, depth + 1) if depth < _MAX_DEPTH else (Text(inner),)
        if kind in ("***", "___"):
            out.append(Strong((Emphasis(children, "*" if kind == "***" else "_"),)))
        elif kind in ("**", "__"):
            out.append(Strong(children))
        else:
            out.append(Emphasis(children, "*" if kind == "*" else "_"))
        pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


_MAX_DEPTH = 20
_KINDS = ("***", "___", "**", "__", "*", "_")


def _spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, marker, inner)`` for each span, left to right, never overlapping.

    Openers are met left to right, and each marker's closer is searched for only past
    the last one found (or not at all once none is left), so every character is
    looked at a bounded number of times, and nothing is kept but the current closers.
    """
    closer: dict[str, int | None] = dict.fromkeys(_KINDS, -1)
    resume = 0
    for m in _CANDIDATE_RE.finditer(text):
        p = m.start()
        if p < resume:
            continue
        for kind in _KINDS:
            size = len(kind)
            if not text.startswith(kind, p) or not _OPENER_RE[kind].match(text, p):
                continue
            j = closer[kind]
            if j is not None and j < p + size + 1:
                found = _CLOSER_RE[kind].search(text, p + size + 1)
                j = closer[kind] = found.start() if found is not None else None
            if j is None:
                continue
            if text.find("\n", p + size, j) != -1:
                continue  # spans never cross a line
            resume = j + size
            yield p, resume, kind, text[p + size : j]
            break


def _opener_re(kind: str) -> re.Pattern[str]:
    mark = re.escape(kind[0])
    return rx.compile(rf"(?<![\w{mark}\\])(?={re.escape(kind)}[^\s{mark}~])")


def _closer_re(kind: str) -> re.Pattern[str]:
    mark = re.escape(kind[0])
    return rx.compile(rf"(?<=[^\s{mark}~])(?={re.escape(kind)}(?![\w{mark}]))")


_OPENER_RE = {kind: _opener_re(kind) for kind in _KINDS}
"""Where each marker may open a span (zero-width, so overlapping ``**``/``*`` are all found)."""
_CLOSER_RE = {kind: _closer_re(kind) for kind in _KINDS}
_CANDIDATE_RE = rx.compile(r"(?<![\w*\\])\*|(?<![\w_\\])_")
"""A marker that is not inside a word nor after the same marker: the only places a span starts."""


def _paragraph(p: Paragraph) -> Paragraph:
    if not any(isinstance(c, Text) and ("*" in c.text or "_" in c.text) for c in p.children):
        return p
    children: list[Inline] = []
    for node in p.children:
        children.extend(parse(node.text) if isinstance(node, Text) else (node,))
    return replace(p, children=tuple(children))


def paragraph(p: Paragraph, where: Where, ctx: Context) -> Paragraph:
    """Turn paired ``*``/``_`` markers into emphasis nodes."""
    return _paragraph(p)
