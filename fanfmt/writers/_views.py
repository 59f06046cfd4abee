"""Block views: what the page templates loop over.

A writer renders inline content to a string; the template decides how each
block looks. ``BlockViews(page, options, render)`` → ``[{"kind": "paragraph", "content": …}, …]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, assert_never, overload

from fanfmt.gcpause import gc_paused
from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Footnote,
    Footnotes,
    Heading,
    Inline,
    Legend,
    Paragraph,
    SceneBreak,
    Text,
)
from fanfmt.options import Options
from fanfmt.template_set import templates
from fanfmt.walk import block_inlines, note_refs
from fanfmt.writers.inline import BACK_LINK, note_id, ref_id
from fanfmt.writers.page import Page, place_notes, placed_order
from fanfmt.xmlchars import strip_unsafe

Render = Callable[[tuple[Inline, ...]], str]
PART_CHARS = 64_000
"""About how many characters of a page :func:`generate_page` gives at a time."""
View = dict[str, Any]
Shown = dict[int, str]


def _paragraph(p: Paragraph, render: Render) -> View:
    return {"kind": "paragraph", "role": p.role, "content": render(p.children), "line": p.line}


class BlockViews(Sequence[View]):
    """The blocks' views, made when a template reaches them and not kept.

    A sequence (``len``, indexing, ``loop.length`` and looping twice all work) whose
    items are built on demand: looping goes through the page's blocks as they are
    finished (a long chapter a piece at a time, :mod:`fanfmt.pipeline`), so a page never
    holds every paragraph's nodes, nor every paragraph's markup twice (once in the views
    and once in the output).
    """

    def __init__(self, page: Page, options: Options, render: Render) -> None:
        self._blocks = page.blocks
        self._options = options
        self._render = render
        self._order = placed_order(page.blocks.shaped, options)
        self._shown = _shown_refs(page.blocks.shaped, self._order)

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> View: ...
    @overload
    def __getitem__(self, index: slice) -> list[View]: ...
    def __getitem__(self, index: int | slice) -> View | list[View]:
        if isinstance(index, slice):
            return [_view(self._blocks[i], self._render, self._shown) for i in self._order[index]]
        return _view(self._blocks[self._order[index]], self._render, self._shown)

    def __iter__(self) -> Iterator[View]:
        render, shown = self._render, self._shown
        for block in place_notes(self._blocks, self._options):
            yield _view(block, render, shown)


def _shown_refs(shaped: Sequence[Block], order: tuple[int, ...]) -> Shown:
    """For each footnote the page refers to, the id of its first reference the page shows
    (a note referred to only from an author's note left out has none to link back to)."""
    shown: dict[int, str] = {}
    if not any(isinstance(b, Footnotes) for b in shaped):
        return shown
    for i in order:
        for inlines in block_inlines(shaped[i]):
            for ref in note_refs(inlines):
                shown.setdefault(ref.number, ref_id(ref.number, ref.nth))
    return shown


def block_views(doc: Document, options: Options, render: Render) -> BlockViews:
    """One view per block of a finished ``doc``, in reading order (made as the template loops)."""
    return BlockViews(Page.of(doc), options, render)


def _view(block: Block, render: Render, shown: Shown | None = None) -> View:
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
        return {
            "kind": "scene_break",
            "marker": block.marker,
            "shown": render((Text(block.marker),)) if block.shown else "",
            "line": block.line,
        }
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
    if isinstance(block, Footnotes):
        notes = [_note(n, render, shown or {}) for n in block.notes]
        return {"kind": "footnotes", "notes": _own_labels(notes)}
    assert_never(block)


def _own_labels(notes: list[View]) -> list[View]:
    """A label the author gave twice (two ``[^1]:`` definitions) is given once: the second
    note is ``1-2`` (its number), so that a Markdown reader shows both notes."""
    seen: set[str] = set()
    for note in notes:
        label = note["label"]
        while label in seen:
            label = f"{label}-{note['number']}"
        seen.add(label)
        note["label"] = label
    return notes


def _note(note: Footnote, render: Render, shown: Shown) -> View:
    """One footnote: ``number``, ``label``, ``id`` (``fn-1``), ``paragraphs``, and
    ``backref`` (``fnref-1``, the reference to link back to; ``""`` when none is shown)."""
    return {
        "number": note.number,
        "label": note.label,
        "id": note_id(note.number),
        "backref": shown.get(note.number, ""),
        "back": BACK_LINK,
        "paragraphs": [_paragraph(p, render) for p in note.paragraphs],
        "line": note.line,
    }


def generate_page(
    page: Page, options: Options, template: str, render: Render, **extra: Any
) -> Iterator[str]:
    """``template`` rendered a part at a time, with what every page gets (``meta``,
    ``convention``, ``blocks``, ``options``) and the writer's ``extra`` variables.

    A template that loops over ``blocks`` at its top level (as the built-in ones do) comes
    out in parts of about :data:`PART_CHARS` characters; one that hands ``blocks`` to a
    macro comes out in one part, when the macro returns.
    """
    views = BlockViews(page, options, render)
    pieces = (
        templates(options.templates)
        .get_template(template)
        .generate(
            meta=page.meta, convention=page.convention, blocks=views, options=options, **extra
        )
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
            # the last guard: no character XML forbids leaves a writer (fanfmt.xmlchars)
            yield strip_unsafe("".join(batch))


def render_blocks(page: Page, options: Options, template: str, render: Render) -> str:
    """Only the blocks, as the ``blocks(views, options)`` macro of ``template`` renders them."""
    macros = templates(options.templates).get_template(template).module
    with gc_paused():  # rendering makes no reference cycles
        views = BlockViews(page, options, render)
        return strip_unsafe(str(macros.blocks(views, options)))
