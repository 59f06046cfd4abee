"""Every diagnostic code fanfmt can report, whoever reports it: rules, the decoder, the checks.

Codes are a family letter and three digits, stable and never reused::

    CODES["Q001"] → Code("Q001", "dialogue-never-closed", "warning", "quotes", "Dialogue …")

Families: A apostrophes, C mixed conventions, E encoding, F damage from dropped
formatting, G guesses, H a site's headers read, M markup left over, P paragraphs, Q quotes,
S story facts, W words.
"""

from __future__ import annotations

from dataclasses import dataclass

from fanfmt.checks.base import REGISTRY
from fanfmt.diagnostics import Severity


@dataclass(frozen=True, slots=True)
class Code:
    """One diagnostic code and what reports it."""

    code: str
    name: str
    severity: Severity
    origin: str
    """The rule that reports it (``quotes``), ``decode``, or ``lint`` for a check."""
    summary: str


RULE_CODES: tuple[Code, ...] = (
    Code("A001", "elision-read-as-quote", "info", "apostrophes",
         "An elision-like quote ('Tis, 'em) was read as an opening quote: the quotation needs it."),
    Code("A002", "apostrophe-not-closing-quote", "info", "quotes",
         "A quote after a word (runnin', dogs') was read as an apostrophe, not a closing quote."),
    Code("A003", "unpaired-quote-read-as-elision", "info", "quotes",
         "An unpaired single quote before a word ('bout, 'ere) was read as an elision."),
    Code("E000", "unreadable-input", "error", "read",
         "The input cannot be read as a chapter (missing, binary, empty): nothing is built."),
    Code("E001", "encoding-guessed", "info", "decode",
         "The file is not UTF-8: its encoding was guessed."),
    Code("E002", "mojibake-repaired", "info", "decode",
         "Text decoded with the wrong encoding somewhere along the way was repaired."),
    Code("E003", "control-characters-removed", "info", "decode",
         "Invisible or control characters were removed."),
    Code("E006", "undecodable-bytes", "info", "decode",
         "Bytes that no encoding explains were read as cp1252 or replaced."),
    Code("M004", "unused-footnote", "info", "read",
         "A footnote is defined and nothing refers to it: it is kept, after the others."),
    Code("H001", "ao3-preface-read", "info", "ao3_preface",
         "The preface of an AO3 download (read as text) was taken apart into the story's facts."),
    Code("P002", "paragraph-cut", "warning", "read",
         "A paragraph of over 100,000 characters was cut at sentence ends into several."),
    Code("Q001", "dialogue-never-closed", "warning", "quotes",
         "Dialogue opened and never closed, and the next paragraph does not continue it."),
    Code("Q002", "unpaired-opening-double-quote", "warning", "quotes",
         "A double quote opens and nothing closes it before the next one opens."),
    Code("Q003", "unpaired-closing-double-quote", "warning", "quotes",
         "A closing double quote that no quote opened."),
    Code("Q004", "unpaired-single-quote", "warning", "quotes",
         "A single quote (not before a word) opens a quotation that nothing closes."),
)  # fmt: skip


def _check_codes() -> tuple[Code, ...]:
    return tuple(Code(c.code, c.name, c.severity, "lint", c.summary) for c in REGISTRY.values())


def all_codes() -> dict[str, Code]:
    """Every code, rules' and checks', sorted by code."""
    import fanfmt.checks  # noqa: F401  (registers the checks)

    codes = {c.code: c for c in RULE_CODES}
    for c in _check_codes():
        if c.code in codes:
            raise ValueError(f"code {c.code} is used twice")
        codes[c.code] = c
    return dict(sorted(codes.items()))
