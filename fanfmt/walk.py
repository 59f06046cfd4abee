"""Tree helpers so a rule never has to know every node type.

``map_paragraphs(doc, fn)`` rewrites every paragraph, wherever it sits (story,
author's notes, legend); ``plain_text(inlines)`` flattens inline nodes back to
text without quote marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Emphasis,
    Heading,
    Inline,
    Legend,
    LineBreak,
    Paragraph,
    Quoted,
    SceneBreak,
    Strong,
    Text,
    Thought,
)

ParagraphFn = Callable[[Paragraph], Paragraph]


def map_paragraphs(doc: Document, fn: ParagraphFn, *, legend: bool = True) -> Document:
    """Apply ``fn`` to every paragraph of ``doc``, including those inside notes (and legends)."""
    blocks: list[Block] = []
    for block in doc.blocks:
        match block:
            case Paragraph():
                blocks.append(fn(block))
            case AuthorNote():
                blocks.append(replace(block, paragraphs=tuple(fn(p) for p in block.paragraphs)))
            case Legend():
                if legend:
                    paragraphs = tuple(fn(p) for p in block.paragraphs)
                    blocks.append(replace(block, paragraphs=paragraphs))
                else:
                    blocks.append(block)
            case Heading():
                blocks.append(map_heading(block, fn))
            case SceneBreak():
                blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


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


def map_text(doc: Document, fn: Callable[[str], str]) -> Document:
    """Apply ``fn`` to the string of every :class:`Text` node in paragraphs and headings."""

    def para(p: Paragraph) -> Paragraph:
        return replace(p, children=map_inlines_text(p.children, fn))

    return map_paragraphs(doc, para)


def map_inlines_text(children: tuple[Inline, ...], fn: Callable[[str], str]) -> tuple[Inline, ...]:
    """Rewrite the text of every :class:`Text` node below ``children``."""
    out: list[Inline] = []
    for node in children:
        match node:
            case Text():
                new = fn(node.text)
                out.append(node if new == node.text else Text(new))
            case Emphasis() | Strong() | Thought() | Quoted():
                out.append(replace(node, children=map_inlines_text(node.children, fn)))
            case LineBreak():
                out.append(node)
    return tuple(out)


def iter_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every paragraph of ``doc`` in reading order, notes and legend included."""
    for block in doc.blocks:
        match block:
            case Paragraph():
                yield block
            case AuthorNote() | Legend():
                yield from block.paragraphs
            case Heading() | SceneBreak():
                pass


def plain_text(children: tuple[Inline, ...]) -> str:
    """``(Text("a "), Emphasis((Text("b"),)))`` → ``"a b"`` (no quote marks added)."""
    parts: list[str] = []
    for node in children:
        match node:
            case Text():
                parts.append(node.text)
            case Emphasis() | Strong() | Thought() | Quoted():
                parts.append(plain_text(node.children))
            case LineBreak():
                parts.append("\n")
    return "".join(parts)


def count_nodes(children: tuple[Inline, ...], kind: type) -> int:
    """How many nodes of ``kind`` are below ``children`` (nested ones included)."""
    total = 0
    for node in children:
        if isinstance(node, kind):
            total += 1
        if isinstance(node, Emphasis | Strong | Thought | Quoted):
            total += count_nodes(node.children, kind)
    return total


_GLYPHS = {"double": ("\u201c", "\u201d"), "single": ("\u2018", "\u2019")}


def display_text(children: tuple[Inline, ...]) -> str:
    """Text as a reader sees it: ``(Quoted((Text("Hi"),)),)`` → ``"“Hi”"``."""
    parts: list[str] = []
    for node in children:
        match node:
            case Text():
                parts.append(node.text)
            case Quoted():
                left, right = _GLYPHS[node.kind]
                inner = display_text(node.children)
                parts.append(f"{left if node.opened else ''}{inner}{right if node.closed else ''}")
            case Emphasis() | Strong() | Thought():
                parts.append(display_text(node.children))
            case LineBreak():
                parts.append(" ")
    return "".join(parts)
