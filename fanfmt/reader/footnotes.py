"""Number a chapter's footnotes and gather them at its end (the Markdown reader's last step).

The reader finds references (``NoteRef(label, 0)``) and definitions (:class:`Definition`)
wherever they are, in any part of a long file; this module settles them:

* references are numbered in the order they first appear (story, then the notes
  themselves): ``b[^z] a[^y]`` → ``NoteRef("z", 1)``, ``NoteRef("y", 2)``; a second
  reference to a note has ``nth=2``
* a reference with no definition is its literal text again: ``[^9]`` → ``Text("[^9]")``
* a definition nothing refers to (or a second one of a label) is kept, numbered after
  the others: no word is lost (:func:`report_unused` reports it, M004)
* the notes become one :class:`~fanfmt.model.Footnotes` block, the chapter's last
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field, replace

from fanfmt import rx
from fanfmt.model import (
    Block,
    Document,
    Footnote,
    Footnotes,
    Inline,
    NoteRef,
    Paragraph,
    Text,
)
from fanfmt.record import record
from fanfmt.walk import map_leaves, map_paragraphs

_RefFn = Callable[[NoteRef], Inline]
Report = Callable[..., None]
"""``ctx.report``: ``report(code, message, line)``."""
_DEFINITION_RE = rx.compile(r"\[\^([^\] \n]+)\]:")
"""What may define a footnote (``[^1]:``); the parser decides what truly does."""


def candidate_labels(text: str) -> set[str]:
    """The labels ``text`` may define: ``"[^1]: a\\n[^x]: b"`` → ``{"1", "x"}``.

    A long file is parsed a part at a time; a reference must know a definition in
    another part exists. A label found here that nothing defines is put back as text.
    """
    return set(_DEFINITION_RE.findall(text)) if "[^" in text else set()


@record(frozen=False)
class Definition:
    """A footnote's definition as read: its label, paragraphs and 1-based line."""

    label: str
    line: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)


def settle_notes(blocks: tuple[Block, ...], found: Sequence[Definition]) -> tuple[Block, ...]:
    """``blocks`` with every reference numbered (or put back as text) and the notes at the end."""
    first: dict[str, Definition] = {}
    for d in found:
        first.setdefault(d.label, d)
    numbers: dict[str, int] = {}
    counts: dict[str, int] = {}
    order: list[Definition] = []

    def ref(node: NoteRef) -> Inline:
        d = first.get(node.label)
        if d is None:
            return Text(f"[^{node.label}]")
        if node.label not in numbers:
            order.append(d)
            numbers[node.label] = len(order)
        counts[node.label] = counts.get(node.label, 0) + 1
        return NoteRef(node.label, numbers[node.label], counts[node.label])

    def paragraph(p: Paragraph) -> Paragraph:
        children = _map_refs(p.children, ref)
        return p if children is p.children else replace(p, children=children)

    doc = map_paragraphs(Document(blocks), paragraph)
    done: list[Footnote] = []
    placed: set[int] = set()
    rest = iter(found)
    while True:
        while len(done) < len(order):
            d = order[len(done)]
            placed.add(id(d))
            paragraphs = tuple(paragraph(p) for p in d.paragraphs)
            done.append(Footnote(d.label, len(done) + 1, paragraphs, 0, d.line))
        left = next((d for d in rest if id(d) not in placed), None)
        if left is None:
            break
        order.append(left)  # kept though nothing refers to it
        if first[left.label] is left:
            numbers[left.label] = len(order)  # a reference from a later note finds it
    notes = tuple(
        replace(n, refs=counts.get(n.label, 0) if first[n.label] is order[i] else 0)
        for i, n in enumerate(done)
    )
    if not notes:
        return doc.blocks
    return (*doc.blocks, Footnotes(notes, notes[0].line))


def report_unused(doc: Document, report: Report) -> None:
    """Report each footnote nothing refers to (M004): kept, but perhaps a reference was lost.

    The reader puts a chapter's footnotes last, so only the last block is looked at.
    """
    last = doc.blocks[-1] if doc.blocks else None
    if not isinstance(last, Footnotes):
        return
    for note in last.notes:
        if note.refs == 0:
            report(
                "M004", f"footnote [^{note.label}] is never referred to", note.line, severity="info"
            )


def _map_refs(children: tuple[Inline, ...], fn: _RefFn) -> tuple[Inline, ...]:
    """``children`` with each :class:`NoteRef` below them replaced by ``fn(ref)`` (neighbouring
    text joined); ``children`` itself when there is none."""
    mapped = map_leaves(children, lambda node: fn(node) if isinstance(node, NoteRef) else node)
    return children if mapped is children else tuple(_join_text(list(mapped)))


def _join_text(nodes: list[Inline]) -> list[Inline]:
    joined: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and joined and isinstance(joined[-1], Text):
            joined[-1] = Text(joined[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            joined.append(node)
    return joined
