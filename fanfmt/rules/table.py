"""The machinery of the two rule tables: :class:`Context`, :class:`Where`, the rules and tables.

A block rule sees the whole chapter: ``apply(doc, ctx) -> Document``. An inline rule sees
one paragraph at a time and is told where it sits: ``paragraph(p, where, ctx) ->
Paragraph``; a rule that must remember something from one paragraph to the next exports
a ``State`` class instead (:class:`InlineState`), made once per pass over the chapter::

    finisher = Finisher(INLINE_RULES, doc.convention, ctx)
    finisher.block(Paragraph((Text('"Hi," she said.'),)))  # → Paragraph((Quoted(…), …))
    finisher.end()                                         # the chapter is over (Q001)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import field, replace
from types import ModuleType
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypeVar

from fanfmt.diagnostics import Diagnostics, Severity
from fanfmt.model import (
    AuthorNote,
    Block,
    Convention,
    Document,
    Footnotes,
    Heading,
    Legend,
    Paragraph,
    SceneBreak,
)
from fanfmt.options import Options
from fanfmt.record import record
from fanfmt.walk import map_footnotes, map_heading

if TYPE_CHECKING:
    from fanfmt.rules._top import Top


@record(frozen=False)
class Context:
    """What a rule may read besides the document: options, and where to report findings."""

    options: Options = field(default_factory=Options)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    rule: str = ""
    """The name of the rule now running (filled in by the tables)."""
    changes: list[tuple[str, Document]] | None = None
    """When a list, ``(rule, document after it)`` is appended for each rule (``--explain``)."""
    top: tuple[Top, tuple[Block, ...]] | None = None
    """The reading of the chapter's top that ``front_matter`` made, with the blocks it gave:
    ``headings``, the next rule, takes it up when it is handed those very blocks
    (:mod:`fanfmt.rules._top`)."""

    def report(
        self, code: str, message: str, line: int, *, col: int = 1, severity: Severity = "warning"
    ) -> None:
        """Record a finding for the current rule."""
        self.diagnostics.report(code, message, line, col=col, severity=severity, rule=self.rule)


Part = Literal["story", "note", "legend", "heading", "footnote"]
"""Where a paragraph sits: the story, an author's note, the legend, a heading's part, a
footnote."""


@record()
class Where:
    """What an inline rule knows of a paragraph's place: its part and the chapter's convention."""

    part: Part
    convention: Convention


ParagraphFn = Callable[[Paragraph, Where, Context], Paragraph]


class InlineState(Protocol):
    """An inline rule that keeps something from one paragraph to the next (``quotes``)."""

    def paragraph(self, p: Paragraph, where: Where, ctx: Context) -> Paragraph:
        """``p`` finished; the paragraphs come in reading order."""
        ...

    def end(self, ctx: Context) -> None:
        """Nothing continues past here: a scene break, or the end of the chapter."""
        ...


class _Stateless:
    """A rule's ``paragraph`` function, as an :class:`InlineState` that keeps nothing."""

    __slots__ = ("paragraph",)

    def __init__(self, fn: ParagraphFn) -> None:
        self.paragraph = fn

    def end(self, ctx: Context) -> None:
        """Nothing to close."""


@record()
class _Rule:
    name: str
    enabled: bool = True
    implies: tuple[str, ...] = ()
    """Rules switched off with this one: what its name covered before they were rules of
    their own, so an old ``--disable`` keeps its meaning."""

    @property
    def module(self) -> str:
        """``fanfmt.rules.<name>``, imported on first use."""
        return f"fanfmt.rules.{self.name}"

    def load(self) -> ModuleType:
        """The rule's module."""
        return importlib.import_module(self.module)

    @property
    def summary(self) -> str:
        """First line of the rule module's docstring."""
        doc = self.load().__doc__ or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""


@record()
class BlockRule(_Rule):
    """A rule that needs the whole chapter: its module's ``apply(doc, ctx) -> Document``."""

    def apply(self, doc: Document, ctx: Context) -> Document:
        """Run the rule on ``doc``."""
        fn: Callable[[Document, Context], Document] = self.load().apply
        return fn(doc, ctx)


@record()
class InlineRule(_Rule):
    """A rule that looks at one paragraph at a time: its module's ``paragraph`` (or ``State``)."""

    def start(self) -> InlineState:
        """What finishes the paragraphs of one pass over the chapter, in order."""
        module = self.load()
        state: type[InlineState] | None = getattr(module, "State", None)
        return state() if state is not None else _Stateless(module.paragraph)


R = TypeVar("R", BlockRule, InlineRule)


@record()
class RuleTable(Generic[R]):
    """An ordered, immutable list of rules of one kind."""

    rules: tuple[R, ...]

    def names(self) -> list[str]:
        """The rule names in order."""
        return [r.name for r in self.rules]

    def enabled(self) -> tuple[R, ...]:
        """The rules switched on, in order."""
        return tuple(r for r in self.rules if r.enabled)

    def disable(self, names: set[str]) -> RuleTable[R]:
        """A table with ``names`` switched off."""
        return RuleTable(
            tuple(replace(r, enabled=r.enabled and r.name not in names) for r in self.rules)
        )

    def only(self, names: set[str]) -> RuleTable[R]:
        """A table with only ``names`` switched on."""
        return RuleTable(tuple(replace(r, enabled=r.name in names) for r in self.rules))


def run_blocks(table: RuleTable[BlockRule], doc: Document, ctx: Context) -> Document:
    """Run every enabled block rule in order, on the whole chapter."""
    for rule in table.enabled():
        ctx.rule = rule.name
        doc = rule.apply(doc, ctx)
        if ctx.changes is not None:
            ctx.changes.append((rule.name, doc))
    ctx.rule = ""
    return doc


_PARTS: tuple[Part, ...] = ("story", "note", "legend", "heading", "footnote")

BlockFn = Callable[[Paragraph, Part], Paragraph]


def each_paragraph(block: Block, fn: BlockFn) -> Block:
    """``block`` with ``fn`` applied to each of its paragraphs (a heading's parts too), in
    reading order; the same block when ``fn`` changed none of them."""
    match block:
        case Paragraph():
            return fn(block, "story")
        case AuthorNote() | Legend():
            part: Part = "note" if isinstance(block, AuthorNote) else "legend"
            paragraphs = tuple(fn(p, part) for p in block.paragraphs)
            if all(new is old for new, old in zip(paragraphs, block.paragraphs, strict=True)):
                return block
            return replace(block, paragraphs=paragraphs)
        case Heading():
            return map_heading(block, lambda p: fn(p, "heading"))
        case Footnotes():
            return map_footnotes(block, lambda p: fn(p, "footnote"))
        case SceneBreak():
            return block


def _replay(block: Block, paragraphs: list[Paragraph]) -> Block:
    """``block`` rebuilt from ``paragraphs``, given in the order :func:`each_paragraph` visits."""
    given = iter(paragraphs)
    return each_paragraph(block, lambda p, part: next(given))


class Finisher:
    """The inline rules of one pass over a chapter, finishing its blocks in reading order.

    ``stages``, when asked for, keeps each block after each rule (for ``--explain``).
    """

    def __init__(
        self,
        table: RuleTable[InlineRule],
        convention: Convention,
        ctx: Context,
        *,
        stages: bool = False,
    ) -> None:
        self.rules = table.enabled()
        self.states = [rule.start() for rule in self.rules]
        self.where = {part: Where(part, convention) for part in _PARTS}
        self.ctx = ctx
        self.stages: list[list[Block]] | None = [[] for _ in self.rules] if stages else None

    def _paragraph(self, p: Paragraph, part: Part, seen: list[list[Paragraph]] | None) -> Paragraph:
        where = self.where[part]
        ctx = self.ctx
        for i, (rule, state) in enumerate(zip(self.rules, self.states, strict=True)):
            ctx.rule = rule.name
            p = state.paragraph(p, where, ctx)
            if seen is not None:
                seen[i].append(p)
        return p

    def block(self, block: Block) -> Block:
        """``block`` finished by every rule."""
        if isinstance(block, Footnotes):
            self.end()  # the chapter's text is over: nothing in it runs on into its notes
        if isinstance(block, SceneBreak):
            self.end()
            if self.stages is not None:
                for kept in self.stages:
                    kept.append(block)
            return block
        if self.stages is None:
            done = each_paragraph(block, lambda p, part: self._paragraph(p, part, None))
            self.ctx.rule = ""
            return done
        seen: list[list[Paragraph]] = [[] for _ in self.rules]
        done = each_paragraph(block, lambda p, part: self._paragraph(p, part, seen))
        for kept, after in zip(self.stages, seen, strict=True):
            kept.append(_replay(block, after))
        self.ctx.rule = ""
        return done

    def end(self) -> None:
        """The chapter is over: each rule closes what it kept open."""
        for rule, state in zip(self.rules, self.states, strict=True):
            self.ctx.rule = rule.name
            state.end(self.ctx)
        self.ctx.rule = ""

    def record(self, doc: Document) -> None:
        """Append the chapter after each rule to ``ctx.changes`` (when stages were kept)."""
        if self.stages is None or self.ctx.changes is None:
            return
        for rule, kept in zip(self.rules, self.stages, strict=True):
            self.ctx.changes.append((rule.name, replace(doc, blocks=tuple(kept))))
        self.stages = None


@record()
class RuleChain:
    """Both tables: the block rules, then the inline rules. Names are unique across both."""

    block: RuleTable[BlockRule]
    inline: RuleTable[InlineRule]

    @property
    def rules(self) -> tuple[BlockRule | InlineRule, ...]:
        """Every rule, in the order they run."""
        return (*self.block.rules, *self.inline.rules)

    def names(self) -> list[str]:
        """The rule names in order."""
        return [*self.block.names(), *self.inline.names()]

    def _check(self, names: Iterable[str]) -> set[str]:
        wanted = set(names)
        unknown = wanted - set(self.names())
        if unknown:
            raise KeyError(
                f"unknown rule {', '.join(sorted(unknown))}; known: {', '.join(self.names())}"
            )
        return wanted

    def disable(self, names: Iterable[str]) -> RuleChain:
        """Both tables with ``names`` switched off (unknown names raise ``KeyError``)."""
        off = self._check(names)
        off |= {implied for r in self.rules if r.name in off for implied in r.implies}
        return RuleChain(self.block.disable(off), self.inline.disable(off))

    def only(self, names: Iterable[str]) -> RuleChain:
        """Both tables with only ``names`` switched on."""
        on = self._check(names)
        return RuleChain(self.block.only(on), self.inline.only(on))

    def run(self, doc: Document, ctx: Context) -> Document:
        """Every enabled rule on the whole of ``doc``: the block rules, then the inline ones."""
        doc = run_blocks(self.block, doc, ctx)
        finisher = Finisher(self.inline, doc.convention, ctx, stages=ctx.changes is not None)
        blocks = tuple(finisher.block(b) for b in doc.blocks)
        finisher.end()
        finisher.record(doc)
        return replace(doc, blocks=blocks)
