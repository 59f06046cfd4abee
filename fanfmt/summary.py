"""What fanfmt found in a chapter, counted (``fanfmt build -v`` prints it).

``summarise(doc).lines()`` →
``["convention: american dialogue, …", "heading: Chapter 7: …", …,
"dialogue spans: 95; thoughts: 14"]``
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field

from fanfmt.model import (
    AuthorNote,
    Block,
    Convention,
    Document,
    Emphasis,
    Heading,
    Inline,
    Legend,
    Meta,
    Paragraph,
    Quoted,
    SceneBreak,
    StoryFacts,
    Strong,
    Thought,
)
from fanfmt.options import Options
from fanfmt.record import record
from fanfmt.walk import count_nodes


@record()
class Summary:
    """Counts of what the rules recognised in one chapter."""

    meta: Meta
    convention: Convention
    paragraphs: int
    legend: bool
    notes: tuple[str, ...]
    """The position of each author's note (``before``, ``after``, ``inline``)."""
    scene_breaks: int
    captions: int
    headings: int
    dialogue: int
    thoughts: int
    origins: tuple[tuple[str, str], ...] = ()
    """Fact → where it came from (``("rating", "--rating")``), when the options are known."""
    facts: StoryFacts | None = None
    """The story's facts with the user's settings over the source's (else ``meta.story``)."""

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        meta = self.meta
        return [
            f"convention: {self.convention.describe()}",
            f"language: {meta.lang} ({meta.lang_found or 'set'})",
            f"heading: {meta.chapter or '(none)'}; story title: {meta.title or '(none)'}",
            f"paragraphs: {self.paragraphs}; legend: {'yes' if self.legend else 'no'}",
            f"author's notes: {len(self.notes)} ({', '.join(self.notes) or 'none'})",
            f"scene breaks: {self.scene_breaks}; captions: {self.captions}; "
            f"headings: {self.headings}",
            f"dialogue spans: {self.dialogue}; thoughts: {self.thoughts}",
            *facts_lines(self.facts or meta.story, dict(self.origins)),
        ]


_SHOWN = 60
"""Characters of a fact's value shown before it is cut with ``…``."""


def stated_facts(story: StoryFacts) -> list[tuple[str, str]]:
    """The facts the source stated, as (name, shown value) pairs, in the model's order.

    ``StoryFacts(rating="T", fandoms=("Naruto",), words=1200)`` →
    ``[("fandoms", "Naruto"), ("rating", "T"), ("words", "1200")]``.
    """
    out: list[tuple[str, str]] = []
    for name in StoryFacts.__dataclass_fields__:
        value = getattr(story, name)
        if not value or name == "stated_by":
            continue
        if name == "summary":
            paras = len(value.split("\n\n"))
            shown = f"{paras} paragraph{'s' if paras != 1 else ''}"
        elif isinstance(value, tuple):
            shown = "; ".join(value) if name == "notes" else ", ".join(value)
        else:
            shown = str(value)
        if len(shown) > _SHOWN:
            shown = shown[: _SHOWN - 1].rstrip() + "…"
        out.append((name.replace("_", " "), shown))
    return out


def facts_lines(story: StoryFacts, origins: Mapping[str, str] | None = None) -> list[str]:
    """``["story facts: rating: T; fandoms: Naruto; words: 1200"]``, or none; with
    ``origins``, where each came from: ``rating: T (fanfmt.toml, line 2)``."""
    facts = stated_facts(story)
    if not facts:
        return []
    where = {k.replace("_", " "): v for k, v in (origins or {}).items()}
    shown = [
        f"{name}: {value}" + (f" ({where[name]})" if name in where else "") for name, value in facts
    ]
    return ["story facts: " + "; ".join(shown)]


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


@record(frozen=False)
class Tally:
    """The counts of a summary, added up a piece of the chapter at a time.

    ``tally.add(piece)`` for each piece of finished blocks, then
    ``tally.summary(meta, convention)``.
    """

    paragraphs: int = 0
    legend: bool = False
    notes: list[str] = field(default_factory=list)
    scene_breaks: int = 0
    captions: int = 0
    headings: int = 0
    dialogue: int = 0
    thoughts: int = 0

    def add(self, blocks: Iterable[Block]) -> None:
        """Count ``blocks`` (finished ones: the dialogue and thoughts are in them)."""
        for block in blocks:
            if isinstance(block, Paragraph):
                self.paragraphs += 1
                self.captions += block.role == "caption"
                self._inlines(block)
            elif isinstance(block, AuthorNote | Legend):
                if isinstance(block, AuthorNote):
                    self.notes.append(block.position)
                else:
                    self.legend = True
                for p in block.paragraphs:
                    self._inlines(p)
            elif isinstance(block, SceneBreak):
                self.scene_breaks += 1
            elif isinstance(block, Heading):
                self.headings += 1

    def _inlines(self, p: Paragraph) -> None:
        self.dialogue += count_dialogue(p.children)
        self.thoughts += count_nodes(p.children, Thought)

    def summary(
        self, meta: Meta, convention: Convention, options: Options | None = None
    ) -> Summary:
        """The counts so far, with what the chapter's ``meta`` and ``convention`` say;
        with ``options``, the story's facts as the user's settings make them, and where
        each came from."""
        facts: StoryFacts | None = None
        where: tuple[tuple[str, str], ...] = ()
        if options is not None:
            from fanfmt.story import origins, story_facts

            facts = story_facts(options, meta.story)
            where = tuple(origins(options, meta.story).items())
        return Summary(
            meta=meta,
            convention=convention,
            paragraphs=self.paragraphs,
            legend=self.legend,
            notes=tuple(self.notes),
            scene_breaks=self.scene_breaks,
            captions=self.captions,
            headings=self.headings,
            dialogue=self.dialogue,
            thoughts=self.thoughts,
            origins=where,
            facts=facts,
        )


def summarise(doc: Document, options: Options | None = None) -> Summary:
    """Count what a finished ``doc`` holds (with ``options``: where each fact came from)."""
    tally = Tally()
    tally.add(doc.blocks)
    return tally.summary(doc.meta, doc.convention, options)
