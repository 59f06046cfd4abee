"""Diagnostics: what the rules noticed but could not be sure of.

``Diagnostic("Q001", "dialogue opened but never closed", line=12)`` prints as
``12:1: Q001 dialogue opened but never closed``.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from fanfmt.record import record

Severity = Literal["info", "warning", "error"]


@record(order=True)
class Diagnostic:
    """One finding, with a stable code and the source line it is about."""

    line: int
    col: int
    code: str
    message: str
    severity: Severity = "warning"
    rule: str = ""


MAX_PER_CODE = 100
"""Findings kept of one code in one chapter; past it they are counted, not kept."""


@record(frozen=False)
class Diagnostics:
    """A collector the rules report into.

    A chapter of a hundred thousand stray quotes would make a hundred thousand findings:
    past :data:`MAX_PER_CODE` of one code they are only counted, and :meth:`sorted` (and
    :attr:`items`) ends with one finding saying how many more there were:
    ``1201:1: Q004 and 4,900 more like this (not listed)``.
    """

    kept: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    overflow: dict[str, Diagnostic] = field(default_factory=dict)
    """Per code, the first finding not kept (where the ones not listed start)."""

    def report(
        self,
        code: str,
        message: str,
        line: int,
        *,
        col: int = 1,
        severity: Severity = "warning",
        rule: str = "",
    ) -> None:
        """Record a finding."""
        count = self.counts[code] = self.counts.get(code, 0) + 1
        if count <= MAX_PER_CODE:
            self.kept.append(Diagnostic(line, col, code, message, severity, rule))
        elif code not in self.overflow:
            self.overflow[code] = Diagnostic(line, col, code, message, severity, rule)

    @property
    def items(self) -> list[Diagnostic]:
        """The findings kept, then one per code saying how many more were not kept."""
        more = [
            Diagnostic(
                d.line,
                d.col,
                d.code,
                f"and {self.counts[d.code] - MAX_PER_CODE:,} more like this (not listed)",
                d.severity,
                d.rule,
            )
            for d in self.overflow.values()
        ]
        return [*self.kept, *more]

    def sorted(self) -> list[Diagnostic]:
        """Findings in source order."""
        return sorted(self.items)
