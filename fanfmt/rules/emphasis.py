"""Read ``*asterisk*`` and ``_underscore_`` markup as emphasis, ``**double**`` as strong.

* ``a *very* bad idea`` → a, emphasis(very), bad idea
* ``_Hogwarts_`` → emphasis; ``**Stop!**`` / ``__Stop!__`` → strong
* ``f*ck``, ``snake_case``, ``2 * 3 * 4`` and a lone ``*`` stay as typed
* markup never spans paragraphs; unpaired markers stay as typed
* a legend line ``*Flashbacks*`` shows in italics, as it will in the story
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace

from fanfmt.model import Document, Emphasis, Inline, Paragraph, Strong, Text
from fanfmt.rules.chain import Context
from fanfmt.walk import map_paragraphs

SPAN_RE = re.compile(
    r"(?<![\w*\\])\*\*(?=[^\s*])(?P<s1>.+?)(?<=[^\s*])\*\*(?![\w*])"
    r"|(?<![\w_\\])__(?=[^\s_])(?P<s2>.+?)(?<=[^\s_])__(?![\w_])"
    r"|(?<![\w*\\])\*(?=[^\s*])(?P<e1>.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_\\])_(?=[^\s_])(?P<e2>.+?)(?<=[^\s_])_(?![\w_])"
)
"""What a span is (:func:`parse` finds these spans without running this pattern)."""
_WORD_RE = re.compile(r"\w")


def parse(text: str, depth: int = 0) -> tuple[Inline, ...]:
    """``"a *b* c"`` → ``(Text("a "), Emphasis((Text("b"),), "*"), Text(" c"))``.

    Finds the spans :data:`SPAN_RE` describes, as ``SPAN_RE.finditer`` would, in time
    linear in ``len(text)``: the closers are found once, and each opener takes the
    nearest one after it (so ``"*a " * 100_000`` is not quadratic).
    """
    if "*" not in text and "_" not in text:
        return (Text(text),) if text else ()
    out: list[Inline] = []
    pos = 0
    for start, end, kind, inner in _spans(text):
        if start > pos:
            out.append(Text(text[pos:start]))
        children = parse(inner, depth + 1) if depth < _MAX_DEPTH else (Text(inner),)
        if kind in ("**", "__"):
            out.append(Strong(children))
        else:
            out.append(Emphasis(children, "*" if kind == "*" else "_"))
        pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


_MAX_DEPTH = 20
_KINDS = ("**", "__", "*", "_")


def _spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, marker, inner)`` for each span, left to right, never overlapping."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    closers = {kind: _closers(text, kind) for kind in _KINDS}
    candidates = [m.start() for m in re.finditer("[*_]", text)]
    resume = 0
    for p in candidates:
        if p < resume:
            continue
        for kind in _KINDS:
            size = len(kind)
            mark = kind[0]
            if text[p : p + size] != kind or not _opens(text, p, size, mark):
                continue
            found = closers[kind]
            k = bisect_left(found, p + size + 1)
            if k == len(found):
                continue
            j = found[k]
            nl = bisect_left(newlines, p + size)
            if nl < len(newlines) and newlines[nl] < j:
                continue  # spans never cross a line
            resume = j + size
            yield p, resume, kind, text[p + size : j]
            break


def _opens(text: str, p: int, size: int, mark: str) -> bool:
    before = text[p - 1] if p else ""
    after = text[p + size] if p + size < len(text) else ""
    if before and (before in (mark, "\\") or _WORD_RE.match(before)):
        return False
    return bool(after) and not after.isspace() and after != mark


def _closers(text: str, kind: str) -> list[int]:
    """Where ``kind`` may close a span: after a non-space, not before a word character."""
    size, mark = len(kind), kind[0]
    out: list[int] = []
    for m in re.finditer(re.escape(mark), text):
        j = m.start()
        if text[j : j + size] != kind or j == 0:
            continue
        before = text[j - 1]
        if before.isspace() or before == mark:
            continue
        after = text[j + size] if j + size < len(text) else ""
        if after and (after == mark or _WORD_RE.match(after)):
            continue
        out.append(j)
    return out


def _paragraph(p: Paragraph) -> Paragraph:
    if not any(isinstance(c, Text) and ("*" in c.text or "_" in c.text) for c in p.children):
        return p
    children: list[Inline] = []
    for node in p.children:
        children.extend(parse(node.text) if isinstance(node, Text) else (node,))
    return replace(p, children=tuple(children))


def apply(doc: Document, ctx: Context) -> Document:
    """Turn paired ``*``/``_`` markers into emphasis nodes."""
    return map_paragraphs(doc, _paragraph)
