"""Checks: findings that need no change to the text, reported beside the rules' own.

Each family is one module; each check has a stable code, a severity and a docstring
with an example (``fanfmt lint --list-codes`` lists them all)::

    run_checks(make_chapter(source, read, built), ctx)
    → ctx.diagnostics gains e.g. ``Diagnostic(143, 1, "F001", "quote opens onto a space…")``

The checks run after the rule chain, on the same :class:`~fanfmt.rules.table.Context`,
so ``lint`` reports exactly what the rules found while building, plus these.
"""

from __future__ import annotations

from fanfmt.checks import damage, facts, guesses, layout, leftovers, mixed
from fanfmt.checks.base import REGISTRY, Chapter, Check, Finding, make_chapter
from fanfmt.rules.table import Context

__all__ = ["CHECKS", "FAMILIES", "Chapter", "Check", "Finding", "make_chapter", "run_checks"]

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
