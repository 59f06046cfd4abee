"""The machinery of the rule chain: :class:`Rule`, :class:`RuleChain` and :class:`Context`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

from fanfmt.diagnostics import Diagnostics, Severity
from fanfmt.model import Document
from fanfmt.options import Options


@dataclass(slots=True)
class Context:
    """What a rule may read besides the document: options, and where to report findings."""

    options: Options = field(default_factory=Options)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    rule: str = ""
    """The name of the rule now running (filled in by the chain)."""
    changes: list[tuple[str, Document]] | None = None
    """When a list, the chain appends ``(rule, document after it)`` for ``--explain``."""
    more: bool = False
    """True while the chain runs on a piece of the chapter that more pieces follow
    (:mod:`fanfmt.stream`): a rule must not close what the next piece may continue."""
    carry: dict[str, Any] = field(default_factory=dict)
    """What a rule keeps from one piece of the chapter to the next, under its own name."""

    def report(
        self, code: str, message: str, line: int, *, col: int = 1, severity: Severity = "warning"
    ) -> None:
        """Record a finding for the current rule."""
        self.diagnostics.report(code, message, line, col=col, severity=severity, rule=self.rule)


RuleFn = Callable[[Document, Context], Document]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named step of the chain. ``module`` is imported on first use."""

    name: str
    module: str
    enabled: bool = True
    local: bool = False
    """True when the rule looks at each paragraph by itself (anything it needs from earlier
    paragraphs kept in ``Context.carry``): it may then run on the chapter a piece at a time."""

    def load(self) -> ModuleType:
        """The rule's module."""
        return importlib.import_module(self.module)

    @property
    def fn(self) -> RuleFn:
        """The rule's ``apply`` function."""
        fn: RuleFn = self.load().apply
        return fn

    @property
    def summary(self) -> str:
        """First line of the rule module's docstring."""
        doc = self.load().__doc__ or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""


@dataclass(frozen=True, slots=True)
class RuleChain:
    """An ordered, immutable list of rules."""

    rules: tuple[Rule, ...]

    def names(self) -> list[str]:
        """The rule names in order."""
        return [r.name for r in self.rules]

    def _check(self, names: Iterable[str]) -> set[str]:
        wanted = set(names)
        unknown = wanted - set(self.names())
        if unknown:
            raise KeyError(
                f"unknown rule {', '.join(sorted(unknown))}; known: {', '.join(self.names())}"
            )
        return wanted

    def disable(self, names: Iterable[str]) -> RuleChain:
        """A chain with ``names`` switched off (unknown names raise ``KeyError``)."""
        off = self._check(names)
        return RuleChain(
            tuple(replace(r, enabled=r.enabled and r.name not in off) for r in self.rules)
        )

    def only(self, names: Iterable[str]) -> RuleChain:
        """A chain with only ``names`` switched on."""
        on = self._check(names)
        return RuleChain(tuple(replace(r, enabled=r.name in on) for r in self.rules))

    def split(self) -> tuple[RuleChain, RuleChain]:
        """The rules that need the whole chapter, and the local rules after the last of them.

        ``DEFAULT_CHAIN.split()`` → ``(headings … conventions, emphasis … thoughts)``.
        """
        cut = max((i + 1 for i, r in enumerate(self.rules) if r.enabled and not r.local), default=0)
        return RuleChain(self.rules[:cut]), RuleChain(self.rules[cut:])

    def run(self, doc: Document, ctx: Context) -> Document:
        """Run every enabled rule in order."""
        for rule in self.rules:
            if not rule.enabled:
                continue
            ctx.rule = rule.name
            doc = rule.fn(doc, ctx)
            if ctx.changes is not None:
                ctx.changes.append((rule.name, doc))
        ctx.rule = ""
        return doc
