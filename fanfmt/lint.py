"""``fanfmt lint``: the problems in a chapter, from the rules that build it and from the checks.

``lint_text('" could have been worse," he said.')`` →
``(Diagnostic(1, 1, "F001", "quote opens onto a space, a word may be missing: \\" could", …),)``

The text goes through the very chain ``build`` runs (same reader, same rules, same
options), so the rules' findings are the build's; the checks in :mod:`fanfmt.checks`
run on the source and the built document, on the same context, as the chapter is
finished a piece at a time (as ``build`` writes it: a long chapter is linted in the
memory of its text and one piece).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fanfmt.diagnostics import Diagnostic, Severity
from fanfmt.errors import InputError
from fanfmt.explain import Style, plain_style
from fanfmt.options import Options
from fanfmt.rules.table import Context

if TYPE_CHECKING:
    from fanfmt.model import Block, Document
    from fanfmt.reader.decode import Decoded

UNREADABLE = "E000"
"""The code of an input that cannot be read as a chapter at all (nothing can be built)."""
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
JSON_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "checks" / "lint.schema.json"
"""The JSON Schema of ``fanfmt lint --format json``."""


@dataclass(frozen=True, slots=True)
class FileReport:
    """What lint found in one input."""

    path: str
    diagnostics: tuple[Diagnostic, ...]

    @property
    def unreadable(self) -> bool:
        """True when the input could not be read as a chapter."""
        return any(d.code == UNREADABLE for d in self.diagnostics)


def lint_text(
    text: str,
    options: Options | None = None,
    *,
    source: str = "",
    from_format: str = "auto",
    repairs: Sequence[Diagnostic] = (),
) -> tuple[Diagnostic, ...]:
    """Lint one decoded chapter: the rules' findings and the checks', in source order.

    :param repairs: what decoding repaired (``Decoded.diagnostics()``), reported with the rest.
    """
    _, found = _linted(text, options, source=source, from_format=from_format, keep=False)
    return tuple(sorted((*repairs, *found)))


def lint_document(
    text: str, options: Options | None = None, *, source: str = "", from_format: str = "auto"
) -> tuple[Document, tuple[Diagnostic, ...]]:
    """The finished document and lint's findings from one run of the chain (no repairs).

    What :func:`lint_text` reports, with the document ``build`` writes from the same text,
    for a caller that shows both (``fanfmt preview``); it holds the whole document.
    """
    doc, found = _linted(text, options, source=source, from_format=from_format, keep=True)
    assert doc is not None
    return doc, found


def _linted(
    text: str, options: Options | None, *, source: str, from_format: str, keep: bool
) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """The rules' and checks' findings, and with ``keep`` the finished document."""
    from fanfmt.checks import make_chapter, run_checks_in_pieces
    from fanfmt.checks.layout import source_layout
    from fanfmt.pipeline import prepare

    options = options or Options()
    ctx = Context(options)
    source_layout(text)  # read now, while the text is all there is in memory
    prepared = prepare(
        text, options, source=source, ctx=ctx, from_format=from_format, keep_read=True
    )
    as_read, prepared.as_read = prepared.as_read, None
    assert as_read is not None
    chapter = make_chapter(text, as_read, prepared.doc)  # (the inline rules change no kind)
    del as_read  # the chapter's source paragraphs hold what the checks read of it
    finished: list[Block] = []
    pieces = prepared.pieces()
    run_checks_in_pieces(chapter, _kept(pieces, finished) if keep else pieces, ctx)
    doc = replace(prepared.doc, blocks=tuple(finished)) if keep else None
    return doc, tuple(sorted(ctx.diagnostics.items))


def _kept(pieces: Iterable[tuple[Block, ...]], into: list[Block]) -> Iterator[tuple[Block, ...]]:
    for piece in pieces:
        into.extend(piece)
        yield piece


def _unreadable(path: str, exc: InputError) -> tuple[Diagnostic, ...]:
    message = str(exc).removeprefix(f"{path}: ")
    return (Diagnostic(1, 1, UNREADABLE, message, "error", "read"),)


def _lint_decoded(source: str, read: Callable[[], Decoded], options: Options | None) -> FileReport:
    """Decode with ``read`` and lint; an unreadable input is one E000 finding."""
    from fanfmt.reader import input_format

    options = options or Options()
    try:
        decoded = read()
    except InputError as exc:
        return FileReport(source, _unreadable(source, exc))
    fmt = input_format(source, options.from_format, decoded.text)
    found = lint_text(
        decoded.text, options, source=source, from_format=fmt, repairs=decoded.diagnostics()
    )
    return FileReport(source, found)


def lint_bytes(data: bytes, options: Options | None = None, *, source: str = "") -> FileReport:
    """Lint a chapter file's bytes (decoded as ``build`` decodes them)."""
    from fanfmt.reader.decode import decode

    encoding = options.encoding if options else None
    return _lint_decoded(source, lambda: decode(data, encoding), options)


def lint_file(path: str, options: Options | None = None) -> FileReport:
    """Lint one chapter file (``-`` for standard input); a folder without a chapter below
    it is one E000 finding saying so."""
    from fanfmt.chapters import folder_problem
    from fanfmt.files import read_input

    problem = folder_problem(path)
    if problem:
        return FileReport(path, _unreadable(path, InputError(problem)))
    encoding = options.encoding if options else None
    return _lint_decoded(path, lambda: read_input(path, encoding), options)


def known_codes() -> dict[str, str]:
    """Every code → its short name."""
    from fanfmt.checks.codes import all_codes

    return {code: c.name for code, c in all_codes().items()}


def code_lines() -> list[str]:
    """``fanfmt lint --list-codes``: ``F001  warning  quote-onto-space  …``, one code a line."""
    from fanfmt.checks.codes import all_codes

    return [
        f"{code}  {info.severity:<7}  {info.name:<30}  {info.summary.replace('``', '')}"
        for code, info in all_codes().items()
    ]


def parse_codes(values: Iterable[str]) -> tuple[str, ...]:
    """``["F,Q001", "W001"]`` → ``("F", "Q001", "W001")``; each a code or a code prefix.

    :raises ValueError: for an entry that starts no known code.
    """
    codes = known_codes()
    out: list[str] = []
    for value in values:
        for item in value.split(","):
            item = item.strip().upper()
            if not item:
                continue
            if not any(code.startswith(item) for code in codes):
                raise ValueError(f"unknown code {item!r} (known: {', '.join(codes)})")
            out.append(item)
    return tuple(out)


def selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """True when ``code`` is reported: selected (all by default) and not ignored.

    An unreadable input (E000) is always reported.
    """
    if code == UNREADABLE:
        return True
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(i) for i in ignore)


def filter_report(report: FileReport, select: Sequence[str], ignore: Sequence[str]) -> FileReport:
    """The report with only the selected codes."""
    kept = tuple(d for d in report.diagnostics if selected(d.code, select, ignore))
    return FileReport(report.path, kept)


def at_least(severity: Severity, threshold: Severity) -> bool:
    """``at_least("error", "warning")`` → True."""
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)


def exit_status(reports: Sequence[FileReport]) -> int:
    """3 when an input could not be read, 1 when a warning or error was found, else 0."""
    if any(r.unreadable for r in reports):
        return 3
    if any(at_least(d.severity, "warning") for r in reports for d in r.diagnostics):
        return 1
    return 0


def format_line(path: str, d: Diagnostic, style: Style = plain_style) -> str:
    """``ch7.txt:143:1: F001 quote opens onto a space… [warning]``.

    ``style(text, role)`` dresses the code, with its severity as the role (``error``,
    ``warning``, ``info``): the CLI colours it on a terminal, as ``explain`` does its changes.
    """
    from fanfmt.shown import printable

    where = printable(path)
    return f"{where}:{d.line}:{d.col}: {style(d.code, d.severity)} {d.message} [{d.severity}]"


def counts(reports: Sequence[FileReport]) -> dict[str, int]:
    """How many findings of each severity."""
    found = Counter(d.severity for r in reports for d in r.diagnostics)
    return {s: found.get(s, 0) for s in SEVERITIES}


def summary_line(reports: Sequence[FileReport]) -> str:
    """``4 warnings, 9 info in 1 file`` (or ``no problems found in 2 files``)."""
    found = counts(reports)
    files = f"{len(reports)} file{'' if len(reports) == 1 else 's'}"
    parts = []
    for severity in reversed(SEVERITIES):
        n = found[severity]
        if n:
            plural = "s" if n != 1 and severity != "info" else ""
            parts.append(f"{n} {severity}{plural}")
    return f"{', '.join(parts)} in {files}" if parts else f"no problems found in {files}"


def to_json(reports: Sequence[FileReport]) -> dict[str, Any]:
    """The ``--format json`` document (its shape: :data:`SCHEMA_PATH`, docs/lint.md)."""
    from fanfmt.shown import unicode_name

    names = known_codes()
    return {
        "version": JSON_VERSION,
        "files": [
            {
                "path": unicode_name(r.path),
                "diagnostics": [
                    {
                        "path": unicode_name(r.path),
                        "line": d.line,
                        "col": d.col,
                        "code": d.code,
                        "name": names.get(d.code, ""),
                        "severity": d.severity,
                        "message": d.message,
                        "rule": d.rule,
                    }
                    for d in r.diagnostics
                ],
            }
            for r in reports
        ],
        "summary": {"files": len(reports), **counts(reports)},
    }


def dumps(reports: Sequence[FileReport]) -> str:
    """:func:`to_json` as text, one stable layout."""
    return json.dumps(to_json(reports), ensure_ascii=False, indent=2) + "\n"
