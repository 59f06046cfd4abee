"""What ``fanfmt build`` says about what it did, as lines for standard output or error.

``built_lines(built, verbose=False, quiet=False)`` → ``[Line("wrote ch7.xhtml (xhtml)")]``;
with ``verbose``, what was found follows on standard error
(``Line("ch7.txt:3:1: Q001 …", err=True)``). The CLI prints these lines as they are, so
a caller of the library can tell its user the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fanfmt.record import record
from fanfmt.shown import printable

if TYPE_CHECKING:
    from fanfmt.batch import BatchReport, Outcome
    from fanfmt.build import Built
    from fanfmt.diagnostics import Diagnostic
    from fanfmt.epub.build import EpubBuild
    from fanfmt.summary import Summary


@record()
class Line:
    """One line (or a few) to print; ``err``: on standard error."""

    text: str
    err: bool = False


def describe(summary: Summary) -> str:
    """What was found in a chapter (for ``-v``), one finding a line."""
    return "\n".join(summary.lines())


def diagnostic(source: str, d: Diagnostic) -> Line:
    """``ch7.txt:143:1: F001 quote opens onto a space…`` (on standard error)."""
    return Line(f"{printable(source)}:{d.line}:{d.col}: {d.code} {d.message}", err=True)


def built_lines(built: Built, *, verbose: bool = False, quiet: bool = False) -> list[Line]:
    """What one chapter's build wrote and, with ``verbose``, what was found in it."""
    lines = []
    if built.output != "-" and not quiet:
        lines.append(Line(f"wrote {printable(built.output)} ({built.format})"))
    if not quiet:
        lines += [Line(f"fanfmt: warning: {note}", err=True) for note in built.notes]
    if verbose:
        lines.append(Line(describe(built.summary), err=True))
        lines += [diagnostic(built.source, d) for d in built.diagnostics]
    return lines


def fresh_lines(skipped: Outcome, *, quiet: bool = False) -> list[Line]:
    """``up to date: ch7.xhtml``: a chapter ``--update`` had nothing to do for."""
    return [] if quiet else [Line(f"up to date: {printable(skipped.output)}")]


def batch_lines(report: BatchReport, *, verbose: bool = False, quiet: bool = False) -> list[Line]:
    """Every output (``verbose``), every failure (on standard error), then the summary."""
    lines = []
    for outcome in report.outcomes:
        if verbose and outcome.status != "failed":
            action = "wrote" if outcome.status == "built" else "up to date:"
            lines.append(Line(f"{action} {printable(outcome.output)}"))
    if not quiet:  # a folder's stylesheet left alone: said once, not once a chapter
        notes = dict.fromkeys(note for outcome in report.outcomes for note in outcome.notes)
        lines += [Line(f"fanfmt: warning: {note}", err=True) for note in notes]
    for outcome in report.failures:
        where = printable(outcome.source)
        lines.append(Line(f"fanfmt: error: {where}: {printable(outcome.reason)}", err=True))
    if not quiet:
        lines.append(Line(report.summary()))
    return lines


def book_warnings(built: EpubBuild, *, quiet: bool = False) -> list[Line]:
    """The fallbacks a book took (no title, no author …), before the book itself."""
    return [] if quiet else [Line(f"fanfmt: warning: {w}", err=True) for w in built.warnings]


def book_lines(built: EpubBuild, *, verbose: bool = False, quiet: bool = False) -> list[Line]:
    """What was written and, with ``verbose``, each chapter: where it went, what was found."""
    from fanfmt.summary import summarise

    lines = []
    if built.output != "-" and not quiet:
        count = len(built.chapters)
        plural = "" if count == 1 else "s"
        what = f"{built.format}, {count} chapter{plural}"
        lines.append(Line(f"wrote {printable(built.output)} ({what})"))
    if verbose:
        from fanfmt.summary import facts_lines

        meta = built.book.meta
        lines += [Line(line, err=True) for line in facts_lines(meta.story, dict(meta.origins))]
        for chapter, entry in zip(built.chapters, built.book.chapters, strict=True):
            where = printable(chapter.source)
            lines.append(Line(f"{where} → {entry.href}: {printable(entry.title)}", err=True))
            lines.append(Line(describe(summarise(chapter.document, built.options)), err=True))
            lines += [diagnostic(chapter.source, d) for d in chapter.diagnostics]
    return lines


__all__ = [
    "Line",
    "batch_lines",
    "book_lines",
    "book_warnings",
    "built_lines",
    "describe",
    "diagnostic",
    "fresh_lines",
]
