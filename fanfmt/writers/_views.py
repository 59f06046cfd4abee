"""Block views: what the page templates loop over.

A writer renders inline content to a string; the template decides how each
block looks. ``views(doc, options, render)`` → ``[{"kind": "paragraph", "html": …}, …]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, assert_never, overload

from fanfmt.gcpause import gc_paused
from fanfmt.model import AuthorNote, Block, Document, Heading, Inline, Legend, Paragraph, SceneBreak
from fanfmt.options import Options
from fanfmt.templating import environment

Render = Callable[[tuple[Inline, ...]], str]
View = dict[str, Any]


def _disclaimer(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "disclaimer"


def place_notes(blocks: tuple[Block, ...], options: Options) -> tuple[Block, ...]:
    """Keep author's notes and disclaimers in place, move them to the end, or leave them out.

    ``--notes end``: the chapter, then its disclaimers, then its notes.
    """
    if options.notes == "keep":
        return blocks
    rest = tuple(b for b in blocks if not (isinstance(b, AuthorNote) or _disclaimer(b)))
    if options.notes == "omit":
        return rest
    disclaimers = tuple(b for b in blocks if _disclaimer(b))
    return rest + disclaimers + tuple(b for b in blocks if isinstance(b, AuthorNote))


def _paragraph(p: Paragraph, render: Render) -> View:
    return {"kind": "paragraph", "role": p.role, "content": render(p.children), "line": p.line}


class BlockViews(Sequence[View]):
    """The blocks' views, made when a template reaches them and not kept.

    A sequence (``len``, indexing, ``loop.length`` and looping twice all work) whose
    items are built on demand, so a page never holds every paragraph's markup twice:
    once in the views and once in the output being joined.
    """

    def __init__(self, blocks: tuple[Block, ...], render: Render) -> None:
        self._blocks = blocks
        self._render = render

    def __len__(self) -> int:
        return len(self._blocks)

    @overload
    def __getitem__(self, index: int) -> View: ...
    @overload
    def __getitem__(self, index: slice) -> list[View]: ...
    def __getitem__(self, index: int | slice) -> View | list[View]:
        if isinstance(index, slice):
            return [_view(b, self._render) for b in self._blocks[index]]
        return _view(self._blocks[index], self._render)

    def __iter__(self) -> Iterator[View]:
        render = self._render
        for block in self._blocks:
            yield _view(block, render)


def block_views(doc: Document, options: Options, render: Render) -> BlockViews:
    """One view per block, in reading order (made as the template loops)."""
    return BlockViews(place_notes(doc.blocks, options), render)


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


def render_page(
    doc: Document, options: Options, template: str, render: Render, **extra: Any
) -> str:
    """``template`` rendered with what every page gets (``meta``, ``convention``,
    ``blocks``, ``options``) and the writer's ``extra`` variables."""
    page = environment(options.templates).get_template(template)
    with gc_paused():  # rendering makes no reference cycles
        return page.render(
            meta=doc.meta,
            convention=doc.convention,
            blocks=block_views(doc, options, render),
            options=options,
            **extra,
        )


def render_blocks(doc: Document, options: Options, template: str, render: Render) -> str:
    """Only the blocks, as the ``blocks(views, options)`` macro of ``template`` renders them."""
    macros = environment(options.templates).get_template(template).module
    with gc_paused():  # rendering makes no reference cycles
        return str(macros.blocks(block_views(doc, options, render), options))  # type: ignore[attr-defined]
