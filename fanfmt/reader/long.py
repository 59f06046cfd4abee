"""Cut paragraphs too long to be paragraphs into pieces a reader (and fanfmt) can handle.

No paragraph of a story runs to 100,000 characters; a text that does has lost its line
breaks (a whole story on one line) or is not prose at all. Left whole, it would be one
``<p>`` that e-readers choke on, and its inline nodes would all be alive at once. It is
cut at sentence ends (else at a space, else anywhere but inside a character) into
paragraphs of at most :data:`MAX_PARAGRAPH_CHARS`, and a P002 warning says so::

    split_long_paragraphs(Document((Paragraph((Text("One. " * 50_000),)),)), report)
    → Document((Paragraph((Text("One. One. … One."),)), Paragraph(…), Paragraph(…)))
      and report("P002", "paragraph of 250,000 characters cut into 3 …", 1)

Only whitespace is left out at a cut: every word stays, in order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import AuthorNote, Block, Document, Inline, Legend, Paragraph, Text

MAX_PARAGRAPH_CHARS = 100_000
"""The longest paragraph kept whole (in characters of text)."""

_MAX_JOINED = 32
"""Combining marks and joiners kept with their character at a cut, at most (a longer run
is not a character anyone reads, and is cut where it falls)."""
_SENTENCE_END_RE = rx.compile(r"[.!?\u2026][\"'\u201d\u2019)\]*_]*\s+")
_SPACE_RE = rx.compile(r"\s+")

Report = Callable[[str, str, int], None]
"""``report(code, message, line)``"""


def split_long_paragraphs(doc: Document, report: Report) -> Document:
    """``doc`` with every paragraph longer than :data:`MAX_PARAGRAPH_CHARS` cut into several."""
    if not any(_long(b) for b in doc.blocks):  # nearly every chapter: nothing to do
        return doc
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            blocks.extend(_split(block, report))
        elif isinstance(block, AuthorNote | Legend):
            inner = tuple(q for p in block.paragraphs for q in _split(p, report))
            blocks.append(replace(block, paragraphs=inner))
        else:
            blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


def _long(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return _size(block.children) > MAX_PARAGRAPH_CHARS
    if isinstance(block, AuthorNote | Legend):
        return any(_long(p) for p in block.paragraphs)
    return False


def _size(children: tuple[Inline, ...]) -> int:
    return sum(len(n.text) if isinstance(n, Text) else 1 for n in children)


def _split(p: Paragraph, report: Report) -> list[Paragraph]:
    size = _size(p.children)
    if size <= MAX_PARAGRAPH_CHARS:
        return [p]
    groups: list[list[Inline]] = [[]]
    room = MAX_PARAGRAPH_CHARS
    for node in p.children:
        if isinstance(node, Text):
            for i, piece in enumerate(cut_text(node.text, room)):
                if i:  # a cut inside the text: a new paragraph
                    groups.append([])
                    room = MAX_PARAGRAPH_CHARS
                if piece:
                    groups[-1].append(Text(piece))
                    room -= len(piece)
            continue
        if room <= 0 and groups[-1]:  # a cut between nodes, only when the paragraph is full
            groups.append([])
            room = MAX_PARAGRAPH_CHARS
        groups[-1].append(node)
        room -= 1
    kept = [g for g in groups if g]
    report(
        "P002",
        f"paragraph of {size:,} characters cut into {len(kept)} "
        f"(at most {MAX_PARAGRAPH_CHARS:,} each)",
        p.line,
    )
    return [
        replace(p, children=tuple(group), gap_before=p.gap_before if i == 0 else 0)
        for i, group in enumerate(kept)
    ]


def cut_text(text: str, room: int) -> Iterator[str]:
    """``text`` in pieces: the first fits in ``room``, the others in a whole paragraph.

    The whitespace at a cut is left out (an empty first piece means "start a new
    paragraph now"); nothing else is.
    """
    start = 0
    while len(text) - start > room:
        end = _cut_at(text, start, start + max(room, 0))
        yield text[start:end].rstrip()
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
        room = MAX_PARAGRAPH_CHARS
    yield text[start:]


def _cut_at(text: str, lo: int, hi: int) -> int:
    """Where to end a piece in ``text[lo:hi]``: after a sentence, else at a space, else at ``hi``.

    A sentence end or a space in the second half of the window counts; a cut never falls
    before a combining mark or a joiner (that would split a character as a reader sees it).
    """
    floor = lo + (hi - lo) // 2
    best = -1
    for m in _SENTENCE_END_RE.finditer(text, floor, hi):
        best = m.end()
    if best > lo:
        return best
    for m in _SPACE_RE.finditer(text, floor, hi):
        best = m.start()
    if best > lo:
        return best
    cut = hi
    while cut > max(lo + 1, hi - _MAX_JOINED) and _joins(text[cut]):
        cut -= 1
    return cut


def _joins(ch: str) -> bool:
    """A character that belongs with the one before it (combining mark, joiner, selector)."""
    return (
        bool(unicodedata.combining(ch))
        or ch in "\u200d\u200c\ufe0e\ufe0f"
        or ("\U000e0100" <= ch <= "\U000e01ef")
    )
