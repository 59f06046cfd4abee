"""What a writer is given: a :class:`Page`, the chapter's meta, convention and blocks.

A writer never runs a rule. The blocks it is handed may be finished only as they are
reached (:mod:`fanfmt.pipeline` hands them so, a long chapter a piece at a time), or be
those of a document finished already::

    Page.of(doc)                 # a finished document
    prepared.page()              # a chapter whose paragraphs are finished as it is written
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from fanfmt.model import AuthorNote, Block, Convention, Document, Footnotes, Meta, Paragraph
from fanfmt.options import Options
from fanfmt.record import record

FinishFn = Callable[[tuple[Block, ...]], tuple[Block, ...]]


class Blocks(Sequence[Block]):
    """A page's blocks in order, finished when they are reached.

    ``shaped`` are the blocks before their paragraphs are finished: of the same kinds,
    roles and lines as the finished ones (what is inside a paragraph is all that finishing
    changes), so a writer may look at them for the page's shape without finishing anything.
    Looping gives the blocks from ``stream`` (a long chapter a piece at a time); indexing
    finishes the blocks asked for by themselves, with ``finish``.
    """

    __slots__ = ("_finish", "_stream", "shaped")

    def __init__(
        self,
        shaped: tuple[Block, ...],
        finish: FinishFn | None = None,
        stream: Callable[[], Iterator[Block]] | None = None,
    ) -> None:
        self.shaped = shaped
        self._finish = finish
        self._stream = stream

    def __len__(self) -> int:
        return len(self.shaped)

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Block]: ...
    def __getitem__(self, index: int | slice) -> Block | Sequence[Block]:
        if isinstance(index, slice):
            blocks = self.shaped[index]
            return self._finish(blocks) if self._finish is not None else blocks
        block = self.shaped[index]
        return self._finish((block,))[0] if self._finish is not None else block

    def __iter__(self) -> Iterator[Block]:
        return self._stream() if self._stream is not None else iter(self.shaped)


@record()
class Page:
    """One chapter as a writer sees it."""

    meta: Meta
    convention: Convention
    blocks: Blocks

    @classmethod
    def of(cls, doc: Document) -> Page:
        """A finished document as a page."""
        return cls(doc.meta, doc.convention, Blocks(doc.blocks))


def has_footnotes(blocks: Sequence[Block]) -> bool:
    """Does a chapter of ``blocks`` have footnotes (so its stylesheet needs their rules)?"""
    return any(isinstance(b, Footnotes) for b in blocks)


def _disclaimer(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "disclaimer"


def place_notes(blocks: Iterable[Block], options: Options) -> Iterator[Block]:
    """Keep author's notes and disclaimers in place, move them to the end, or leave them out.

    ``--notes end``: the chapter, then its disclaimers, then its notes. Footnotes are part
    of the text, kept whatever ``--notes`` says, and always close the chapter (after
    notes moved to the end, which may refer to them).
    """
    if options.notes == "keep":
        yield from blocks
        return
    held: tuple[list[Block], ...] = ([], [], [], [])
    for block in blocks:
        slot = _slot(block)
        if slot == _STORY:
            yield block
        else:
            held[slot].append(block)
    for slot in _slots_after(options):
        yield from held[slot]


_STORY, _DISCLAIMER, _NOTE, _FOOTNOTE = range(4)


def _slot(block: Block) -> int:
    """Where ``block`` goes when notes move: with the story, or with the disclaimers, the
    notes or the footnotes held back for the end."""
    if isinstance(block, AuthorNote):
        return _NOTE
    if _disclaimer(block):
        return _DISCLAIMER
    if isinstance(block, Footnotes):
        return _FOOTNOTE
    return _STORY


def _slots_after(options: Options) -> tuple[int, ...]:
    """The held-back kinds the chapter ends with: all three with ``--notes end``, only the
    footnotes with ``omit`` (footnotes are text, and close the chapter)."""
    return (_DISCLAIMER, _NOTE, _FOOTNOTE) if options.notes == "end" else (_FOOTNOTE,)


def placed_order(shaped: Sequence[Block], options: Options) -> tuple[int, ...]:
    """The indexes of ``shaped`` in the order :func:`place_notes` gives its blocks."""
    if options.notes == "keep":
        return tuple(range(len(shaped)))
    held: tuple[list[int], ...] = ([], [], [], [])
    for i, block in enumerate(shaped):
        held[_slot(block)].append(i)
    return tuple(i for slot in (_STORY, *_slots_after(options)) for i in held[slot])
