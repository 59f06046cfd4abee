"""Checks: findings that need no change to the text, reported beside the rules' own.

Each family is one module; each check has a stable code, a severity and a docstring
with an example (``fanfmt lint --list-codes`` lists them all)::

    run_checks(make_chapter(source, read, built), ctx)
    → ctx.diagnostics gains e.g. ``Diagnostic(143, 1, "F001", "quote opens onto a space…")``

``lint`` runs them as it finishes the chapter, a piece at a time
(:func:`run_checks_in_pieces`): only one piece of built blocks is alive at once, as in
``build``; each check's :data:`~fanfmt.checks.base.Scope` says what it is given.

The checks run after the rule chain, on the same :class:`~fanfmt.rules.table.Context`,
so ``lint`` reports exactly what the rules found while building, plus these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from fanfmt.checks import damage, facts, guesses, layout, leftovers, mixed
from fanfmt.checks.base import REGISTRY, Chapter, Check, Finding, Fold, make_chapter
from fanfmt.model import Block
from fanfmt.rules.table import Context

__all__ = [
    "CHECKS",
    "FAMILIES",
    "Chapter",
    "Check",
    "Finding",
    "make_chapter",
    "run_checks",
    "run_checks_in_pieces",
]

FAMILIES = (damage, guesses, mixed, leftovers, layout, facts)
CHECKS: dict[str, Check] = dict(sorted(REGISTRY.items()))
RULE_NAME = "lint"


def run_checks(chapter: Chapter, ctx: Context) -> None:
    """The ``lint`` step: run every check and report what it finds into ``ctx``."""
    previous = ctx.rule
    ctx.rule = RULE_NAME
    try:
        for c in CHECKS.values():
            for found in c.fn(chapter):
                ctx.report(c.code, found.message, found.line, col=found.col, severity=c.severity)
    finally:
        ctx.rule = previous


def run_checks_in_pieces(
    chapter: Chapter, pieces: Iterable[tuple[Block, ...]], ctx: Context
) -> None:
    """Every check, on ``chapter`` (its document as the block rules shaped it) and on the
    built ``pieces`` (in reading order, each dropped once the checks have seen it): the
    same findings as :func:`run_checks` on the whole built chapter, in the memory of one
    piece."""
    previous = ctx.rule
    by_scope = {scope: [c for c in CHECKS.values() if c.scope == scope] for scope in SCOPES}
    folds: list[tuple[Check, Fold]] = []
    for c in by_scope["fold"]:
        assert c.fold is not None
        folds.append((c, c.fold(replace(chapter, document=replace(chapter.document, blocks=())))))
    try:
        for blocks in pieces:
            piece = replace(chapter, document=replace(chapter.document, blocks=blocks))
            ctx.rule = RULE_NAME
            for c in by_scope["piece"]:
                _report(c, c.fn(piece), ctx)
            for _, fold in folds:
                fold.tally(piece)
        ctx.rule = RULE_NAME
        for c in by_scope["chapter"]:
            _report(c, c.fn(chapter), ctx)
        for c, fold in folds:
            _report(c, fold.verdict(), ctx)
    finally:
        ctx.rule = previous


SCOPES = ("chapter", "piece", "fold")


def _report(c: Check, found: Iterable[Finding], ctx: Context) -> None:
    for f in found:
        ctx.report(c.code, f.message, f.line, col=f.col, severity=c.severity)
