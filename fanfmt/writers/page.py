"""What a writer is given: a :class:`Page`, the chapter's meta, convention and blocks.

A writer never runs a rule. The blocks it is handed may be finished only as they are
reached (:mod:`fanfmt.pipeline` hands them so, a long chapter a piece at a time), or be
those of a document finished already::

    Page.of(doc)                 # a finished document
    prepared.page()              # a chapter whose paragraphs are finished as it is written
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from fanfmt.model import AuthorNote, Block, Convention, Document, Footnotes, Meta, Paragraph
from fanfmt.options import Options

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


@dataclass(frozen=True, slots=True)
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
    disclaimers: list[Block] = []
    notes: list[Block] = []
    footnotes: list[Block] = []
    for block in blocks:
        if isinstance(block, AuthorNote):
            notes.append(block)
        elif _disclaimer(block):
            disclaimers.append(block)
        elif isinstance(block, Footnotes):
            footnotes.append(block)
        else:
            yield block
    if options.notes == "end":
        yield from disclaimers
        yield from notes
    yield from footnotes


def placed_order(shaped: Sequence[Block], options: Options) -> tuple[int, ...]:
    """The indexes of ``shaped`` in the order :func:`place_notes` gives its blocks."""
    if options.notes == "keep":
        return tuple(range(len(shaped)))
    story: list[int] = []
    disclaimers: list[int] = []
    notes: list[int] = []
    footnotes: list[int] = []
    for i, block in enumerate(shaped):
        if isinstance(block, AuthorNote):
            notes.append(i)
        elif _disclaimer(block):
            disclaimers.append(i)
        elif isinstance(block, Footnotes):
            footnotes.append(i)
        else:
            story.append(i)
    if options.notes == "end":
        return (*story, *disclaimers, *notes, *footnotes)
    return (*story, *footnotes)
