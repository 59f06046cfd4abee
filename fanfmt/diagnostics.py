"""Diagnostics: what the rules noticed but could not be sure of.

``Diagnostic("Q001", "dialogue opened but never closed", line=12)`` prints as
``12:1: Q001 dialogue opened but never closed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding, with a stable code and the source line it is about."""

    line: int
    col: int
    code: str
    message: str
    severity: Severity = "warning"
    rule: str = ""


@dataclass(slots=True)
class Diagnostics:
    """A collector the rules report into."""

    items: list[Diagnostic] = field(default_factory=list)

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
        self.items.append(Diagnostic(line, col, code, message, severity, rule))

    def sorted(self) -> list[Diagnostic]:
        """Findings in source order."""
        return sorted(self.items)
