"""What decoding gives: the text, the encoding it was read in, and what was repaired."""

from __future__ import annotations

from dataclasses import field

from fanfmt.diagnostics import Diagnostic
from fanfmt.record import record


@record(frozen=False)
class Decoded:
    """The text and what had to be repaired to get it."""

    text: str
    encoding: str
    repairs: list[tuple[str, str]] = field(default_factory=list)
    """``(code, message)`` pairs: E001 encoding guessed, E002 mojibake repaired, E003
    invisible or control characters removed, E006 bytes that could not be decoded as they stood."""
    lines: list[int] = field(default_factory=list)
    """The source line each repair is about (1 for the whole file), parallel to ``repairs``."""

    def report(self, code: str, message: str, line: int = 1) -> None:
        """Record one repair."""
        self.repairs.append((code, message))
        self.lines.append(line)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The repairs as ``info`` diagnostics of the ``decode`` step."""
        lines = self.lines + [1] * (len(self.repairs) - len(self.lines))
        return tuple(
            Diagnostic(line, 1, code, message, "info", "decode")
            for (code, message), line in zip(self.repairs, lines, strict=True)
        )
