"""What fanfmt found in a chapter, counted (``fanfmt build -v`` prints it).

``summarise(doc).lines()`` →
``["convention: american dialogue, …", "heading: Chapter 7: …", …,
"dialogue spans: 95; thoughts: 14"]``
"""

from __future__ import annotations

from dataclasses import dataclass

from fanfmt.model import (
    AuthorNote,
    Document,
    Emphasis,
    Heading,
    Inline,
    Legend,
    Paragraph,
    Quoted,
    SceneBreak,
    Strong,
    Thought,
)
from fanfmt.walk import count_nodes, iter_paragraphs


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of what the rules recognised in one chapter."""

    document: Document
    paragraphs: int
    legend: bool
    notes: tuple[str, ...]
    """The position of each author's note (``before``, ``after``, ``inline``)."""
    scene_breaks: int
    captions: int
    headings: int
    dialogue: int
    thoughts: int

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        meta = self.document.meta
        return [
            f"convention: {self.document.convention.describe()}",
            f"heading: {meta.chapter or '(none)'}; story title: {meta.title or '(none)'}",
            f"paragraphs: {self.paragraphs}; legend: {'yes' if self.legend else 'no'}",
            f"author's notes: {len(self.notes)} ({', '.join(self.notes) or 'none'})",
            f"scene breaks: {self.scene_breaks}; captions: {self.captions}; "
            f"headings: {self.headings}",
            f"dialogue spans: {self.dialogue}; thoughts: {self.thoughts}",
        ]


def count_dialogue(children: tuple[Inline, ...], inside: bool = False) -> int:
    """Spans of speech below ``children``; quotations nested in speech do not count."""
    total = 0
    for node in children:
        if isinstance(node, Quoted):
            total += node.dialogue and not inside
            total += count_dialogue(node.children, inside or node.dialogue)
        elif isinstance(node, Emphasis | Strong | Thought):
            total += count_dialogue(node.children, inside)
    return total


def summarise(doc: Document) -> Summary:
    """Count what ``doc`` holds."""
    blocks = doc.blocks
    paragraphs = list(iter_paragraphs(doc))
    return Summary(
        document=doc,
        paragraphs=sum(isinstance(b, Paragraph) for b in blocks),
        legend=any(isinstance(b, Legend) for b in blocks),
        notes=tuple(b.position for b in blocks if isinstance(b, AuthorNote)),
        scene_breaks=sum(isinstance(b, SceneBreak) for b in blocks),
        captions=sum(isinstance(b, Paragraph) and b.role == "caption" for b in blocks),
        headings=sum(isinstance(b, Heading) for b in blocks),
        dialogue=sum(count_dialogue(p.children) for p in paragraphs),
        thoughts=sum(count_nodes(p.children, Thought) for p in paragraphs),
    )
