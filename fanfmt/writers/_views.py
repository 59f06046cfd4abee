"""Block views: what the page templates loop over.

A writer renders inline content to a string; the template decides how each
block looks. ``views(doc, options, render)`` → ``[{"kind": "paragraph", "html": …}, …]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, assert_never, overload

from fanfmt.gcpause import gc_paused
from fanfmt.model import AuthorNote, Block, Document, Heading, Inline, Legend, Paragraph, SceneBreak
from fanfmt.options import Options
from fanfmt.stream import Prepared
from fanfmt.templating import environment

Render = Callable[[tuple[Inline, ...]], str]
PART_CHARS = 64_000
"""About how many characters of a page :func:`generate_page` gives at a time."""
View = dict[str, Any]


def _disclaimer(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "disclaimer"


def place_notes(blocks: Iterable[Block], options: Options) -> Iterator[Block]:
    """Keep author's notes and disclaimers in place, move them to the end, or leave them out.

    ``--notes end``: the chapter, then its disclaimers, then its notes.
    """
    if options.notes == "keep":
        yield from blocks
        return
    disclaimers: list[Block] = []
    notes: list[Block] = []
    for block in blocks:
        if isinstance(block, AuthorNote):
            notes.append(block)
        elif _disclaimer(block):
            disclaimers.append(block)
        else:
            yield block
    if options.notes == "end":
        yield from disclaimers
        yield from notes


def _paragraph(p: Paragraph, render: Render) -> View:
    return {"kind": "paragraph", "role": p.role, "content": render(p.children), "line": p.line}


class BlockViews(Sequence[View]):
    """The blocks' views, made when a template reaches them and not kept.

    A sequence (``len``, indexing, ``loop.length`` and looping twice all work) whose
    items are built on demand: looping finishes the chapter a piece at a time
    (:meth:`~fanfmt.stream.Prepared.pieces`), so a page never holds every paragraph's
    nodes, nor every paragraph's markup twice (once in the views and once in the output).
    """

    def __init__(self, prepared: Prepared, options: Options, render: Render) -> None:
        self._prepared = prepared
        self._options = options
        self._render = render
        self._order = tuple(place_notes(prepared.doc.blocks, options))

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> View: ...
    @overload
    def __getitem__(self, index: slice) -> list[View]: ...
    def __getitem__(self, index: int | slice) -> View | list[View]:
        if isinstance(index, slice):
            blocks = self._prepared.finish_blocks(self._order[index])
            return [_view(b, self._render) for b in blocks]
        return _view(self._prepared.finish_blocks((self._order[index],))[0], self._render)

    def __iter__(self) -> Iterator[View]:
        render = self._render
        finished = (block for piece in self._prepared.pieces() for block in piece)
        for block in place_notes(finished, self._options):
            yield _view(block, render)


def block_views(doc: Document, options: Options, render: Render) -> BlockViews:
    """One view per block of a finished ``doc``, in reading order (made as the template loops)."""
    return BlockViews(Prepared.finished(doc, options), options, render)


def _view(block: Block, render: Render) -> View:
    if isinstance(block, Paragraph):  # most blocks: no call but ``render``
        return {
            "kind": "paragraph",
            "role": block.role,
            "content": render(block.children),
            "line": block.line,
        }
    if isinstance(block, Heading):
        return {
            "kind": "heading",
            "number": render(block.number),
            "title": render(block.title),
            "story_title": render(block.story_title),
            "line": block.line,
        }
    if isinstance(block, SceneBreak):
        return {"kind": "scene_break", "marker": block.marker, "line": block.line}
    if isinstance(block, Legend):
        paragraphs = [_paragraph(p, render) for p in block.paragraphs]
        return {"kind": "legend", "paragraphs": paragraphs, "line": block.line}
    if isinstance(block, AuthorNote):
        return {
            "kind": "author_note",
            "position": block.position,
            "marked": block.marked,
            "paragraphs": [_paragraph(p, render) for p in block.paragraphs],
            "line": block.line,
        }
    assert_never(block)


def generate_page(
    prepared: Prepared, options: Options, template: str, render: Render, **extra: Any
) -> Iterator[str]:
    """``template`` rendered a part at a time, with what every page gets (``meta``,
    ``convention``, ``blocks``, ``options``) and the writer's ``extra`` variables.

    A template that loops over ``blocks`` at its top level (as the built-in ones do) comes
    out in parts of about :data:`PART_CHARS` characters; one that hands ``blocks`` to a
    macro comes out in one part, when the macro returns.
    """
    page = environment(options.templates).get_template(template)
    doc = prepared.doc
    views = BlockViews(prepared, options, render)
    pieces = page.generate(
        meta=doc.meta, convention=doc.convention, blocks=views, options=options, **extra
    )
    done = False
    while not done:
        batch: list[str] = []
        size = 0
        with gc_paused():  # rendering makes no reference cycles
            for piece in pieces:  # Jinja's pieces are small: a tag, a paragraph's markup
                batch.append(piece)
                size += len(piece)
                if size >= PART_CHARS:
                    break
            else:
                done = True
        if batch:
            yield "".join(batch)


def render_page(
    doc: Document, options: Options, template: str, render: Render, **extra: Any
) -> str:
    """A finished ``doc`` rendered whole with ``template`` (see :func:`generate_page`)."""
    return "".join(
        generate_page(Prepared.finished(doc, options), options, template, render, **extra)
    )


def render_blocks(doc: Document, options: Options, template: str, render: Render) -> str:
    """Only the blocks, as the ``blocks(views, options)`` macro of ``template`` renders them."""
    macros = environment(options.templates).get_template(template).module
    with gc_paused():  # rendering makes no reference cycles
        views = block_views(doc, options, render)
        return str(macros.blocks(views, options))  # type: ignore[attr-defined]
