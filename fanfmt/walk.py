"""Tree helpers so a rule never has to know every node type.

``map_paragraphs(doc, fn)`` rewrites every paragraph, wherever it sits (story,
author's notes, legend); ``plain_text(inlines)`` flattens inline nodes back to
text without quote marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from operator import is_

from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Emphasis,
    Footnotes,
    Heading,
    Inline,
    Legend,
    LineBreak,
    NoteRef,
    Paragraph,
    Quoted,
    SceneBreak,
    Strong,
    Text,
    Thought,
)

ParagraphFn = Callable[[Paragraph], Paragraph]


def map_paragraphs(doc: Document, fn: ParagraphFn, *, legend: bool = True) -> Document:
    """Apply ``fn`` to every paragraph of ``doc``, including those inside notes (and legends).

    A block whose paragraphs ``fn`` returns unchanged (the same objects) is kept as it
    is, and so is ``doc`` when nothing changed at all.
    """
    old = doc.blocks
    blocks = [fn(b) if type(b) is Paragraph else _map_block(b, fn, legend) for b in old]
    if all(map(is_, blocks, old)):
        return doc
    return replace(doc, blocks=tuple(blocks))


def _map_block(block: Block, fn: ParagraphFn, legend: bool) -> Block:
    match block:
        case Paragraph():
            return fn(block)
        case AuthorNote():
            return _map_inner(block, fn)
        case Legend():
            return _map_inner(block, fn) if legend else block
        case Heading():
            return map_heading(block, fn)
        case Footnotes():
            return map_footnotes(block, fn)
        case _:
            return block


def _map_inner(block: AuthorNote | Legend, fn: ParagraphFn) -> AuthorNote | Legend:
    paragraphs = tuple(fn(p) for p in block.paragraphs)
    if all(new is old for new, old in zip(paragraphs, block.paragraphs, strict=True)):
        return block
    return replace(block, paragraphs=paragraphs)


def map_heading(heading: Heading, fn: ParagraphFn) -> Heading:
    """Apply a paragraph function to each part of a heading (number, title, story title)."""

    def part(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return fn(Paragraph(children, heading.line)).children if children else children

    new = replace(
        heading,
        number=part(heading.number),
        title=part(heading.title),
        story_title=part(heading.story_title),
    )
    return heading if new == heading else new


def map_footnotes(block: Footnotes, fn: ParagraphFn) -> Footnotes:
    """Apply a paragraph function to each paragraph of each footnote (``block`` if none changed)."""
    notes = []
    for note in block.notes:
        paragraphs = tuple(fn(p) for p in note.paragraphs)
        same = all(new is old for new, old in zip(paragraphs, note.paragraphs, strict=True))
        notes.append(note if same else replace(note, paragraphs=paragraphs))
    if all(new is old for new, old in zip(notes, block.notes, strict=True)):
        return block
    return replace(block, notes=tuple(notes))


def map_text(doc: Document, fn: Callable[[str], str]) -> Document:
    """Apply ``fn`` to the string of every :class:`Text` node in paragraphs and headings."""
    return map_paragraphs(doc, lambda p: map_paragraph_text(p, fn))


def map_paragraph_text(p: Paragraph, fn: Callable[[str], str]) -> Paragraph:
    """Apply ``fn`` to the string of every :class:`Text` node of ``p`` (``p`` if none changed)."""
    children = map_inlines_text(p.children, fn)
    if children is p.children:
        return p
    return replace(p, children=children)


def map_inlines_text(children: tuple[Inline, ...], fn: Callable[[str], str]) -> tuple[Inline, ...]:
    """Rewrite the text of every :class:`Text` node below ``children``.

    ``children`` itself comes back (the same tuple) when ``fn`` changed no text.
    """

    def leaf(node: Inline) -> Inline:
        if type(node) is not Text:
            return node
        text = fn(node.text)
        return node if text == node.text else Text(text)

    return map_leaves(children, leaf)


def map_leaves(children: tuple[Inline, ...], fn: Callable[[Inline], Inline]) -> tuple[Inline, ...]:
    """``children`` with every node that holds no other (text, a line break, a note
    reference) replaced by ``fn(node)``, at any depth.

    ``children`` itself comes back (the same tuple) when ``fn`` returned every node as it was,
    and so does every container whose nodes did not change.
    """
    out: list[Inline] | None = None
    for i, node in enumerate(children):
        if isinstance(node, Emphasis | Strong | Thought | Quoted):
            inner = map_leaves(node.children, fn)
            new: Inline = node if inner is node.children else replace(node, children=inner)
        else:
            new = fn(node)
        if out is None:
            if new is node:
                continue
            out = list(children[:i])
        out.append(new)
    return children if out is None else tuple(out)


def iter_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every paragraph of ``doc`` in reading order, notes and legend included."""
    for block in doc.blocks:
        match block:
            case Paragraph():
                yield block
            case AuthorNote() | Legend():
                yield from block.paragraphs
            case Footnotes():
                for note in block.notes:
                    yield from note.paragraphs
            case Heading() | SceneBreak():
                pass


def block_inlines(block: Block) -> Iterator[tuple[Inline, ...]]:
    """The inline nodes of each paragraph of ``block`` (each part of a heading), in order."""
    match block:
        case Paragraph():
            yield block.children
        case AuthorNote() | Legend():
            for p in block.paragraphs:
                yield p.children
        case Footnotes():
            for note in block.notes:
                for p in note.paragraphs:
                    yield p.children
        case Heading():
            yield from (block.story_title, block.number, block.title)
        case SceneBreak():
            pass


def has_words(doc: Document) -> bool:
    """Does any paragraph or heading hold a letter or a digit? (``***`` alone does not.)"""
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts = (block.number, block.title, block.story_title)
            if any(any(ch.isalnum() for ch in plain_text(part)) for part in parts):
                return True
    return any(any(ch.isalnum() for ch in plain_text(p.children)) for p in iter_paragraphs(doc))


def plain_text(children: tuple[Inline, ...]) -> str:
    """``(Text("a "), Emphasis((Text("b"),)))`` → ``"a b"`` (no quote marks added; a
    footnote reference is no text)."""
    if len(children) == 1 and type(children[0]) is Text:  # most paragraphs, as read
        return children[0].text
    parts: list[str] = []
    for node in children:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Emphasis | Strong | Thought | Quoted):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
    return "".join(parts)


def note_refs(children: tuple[Inline, ...]) -> Iterator[NoteRef]:
    """Every footnote reference below ``children``, in reading order."""
    for node in children:
        if isinstance(node, NoteRef):
            yield node
        elif isinstance(node, Emphasis | Strong | Thought | Quoted):
            yield from note_refs(node.children)


def count_nodes(children: tuple[Inline, ...], kind: type) -> int:
    """How many nodes of ``kind`` are below ``children`` (nested ones included)."""
    total = 0
    for node in children:
        if isinstance(node, kind):
            total += 1
        if isinstance(node, Emphasis | Strong | Thought | Quoted):
            total += count_nodes(node.children, kind)
    return total
