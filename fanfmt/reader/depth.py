"""Italics inside italics inside italics: nesting that shows nothing more, flattened.

A word processor's export can wrap a sentence in a thousand ``<em>`` tags, and 5,000
asterisks in Markdown are 2,500 emphases, one inside the other. Nested italics show
as italics, nested bold as bold, so a paragraph whose inline nodes nest deeper than
:data:`MAX_DEPTH` keeps only the first of each kind on the way down; every word stays
where it was::

    Emphasis(Emphasis(Emphasis(Text("deep"))))   (deeper than MAX_DEPTH)
    → Emphasis(Text("deep"))

    Emphasis(Strong(Emphasis(Strong(Text("a")))))   (deeper than MAX_DEPTH)
    → Emphasis(Strong(Text("a")))

A paragraph within the limit (every story there is) comes back as it was. The walk
keeps its own stack, so no depth of input can exhaust Python's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from fanfmt.model import Container, Document, Emphasis, Inline, Paragraph, Quoted, Strong, Thought
from fanfmt.walk import map_paragraphs

MAX_DEPTH = 32
"""The deepest inline nesting the rules and writers are given (they walk it recursively)."""
_CONTAINERS = (Emphasis, Strong, Thought, Quoted)


def flatten_deep(doc: Document) -> Document:
    """``doc`` with every paragraph (and heading part) nested deeper than :data:`MAX_DEPTH`
    flattened (see the module's docstring); ``doc`` itself when none is."""
    return map_paragraphs(doc, _paragraph)


def _paragraph(p: Paragraph) -> Paragraph:
    children = flatten_inlines(p.children)
    return p if children is p.children else replace(p, children=children)


def depth(children: tuple[Inline, ...]) -> int:
    """How deep containers nest below ``children``: ``(Emphasis((Text("a"),)),)`` → 1."""
    deepest = 0
    stack = [(children, 0)]
    while stack:
        nodes, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((n.children, level + 1) for n in nodes if isinstance(n, _CONTAINERS))
    return deepest


@dataclass(slots=True)
class _Frame:
    nodes: tuple[Inline, ...]
    out: list[Inline]
    """Where this frame's nodes go: a new list for a kept container, its parent's for one
    taken away."""
    node: Container | None = None
    """The container being rebuilt (None: its children went to the parent)."""
    kinds: frozenset[type] = field(default_factory=frozenset)
    level: int = 0
    next: int = 0


def flatten_inlines(children: tuple[Inline, ...], limit: int = MAX_DEPTH) -> tuple[Inline, ...]:
    """``children`` flattened when they nest deeper than ``limit`` (the same tuple when not).

    An emphasis or a bold inside another of its kind goes (its nodes stay in its place);
    anything still deeper than ``limit`` goes the same way.
    """
    if not any(isinstance(n, _CONTAINERS) for n in children) or depth(children) <= limit:
        return children
    top: list[Inline] = []
    frames = [_Frame(children, top)]
    while frames:
        frame = frames[-1]
        if frame.next < len(frame.nodes):
            node = frame.nodes[frame.next]
            frame.next += 1
            if not isinstance(node, _CONTAINERS):
                frame.out.append(node)
                continue
            kind = type(node)
            redundant = kind in (Emphasis, Strong) and kind in frame.kinds
            if redundant or frame.level >= limit:
                frames.append(_Frame(node.children, frame.out, None, frame.kinds, frame.level))
            else:
                kinds = frame.kinds | {kind}
                frames.append(_Frame(node.children, [], node, kinds, frame.level + 1))
            continue
        frames.pop()
        if frame.node is not None:
            frames[-1].out.append(replace(frame.node, children=tuple(frame.out)))
    return tuple(top)


__all__ = ["MAX_DEPTH", "depth", "flatten_deep", "flatten_inlines"]
