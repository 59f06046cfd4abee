"""Build one chapter file into one output file: the I/O around :func:`fanfmt.api.convert`.

``build_file("ch7.txt", None, None, Options())`` → writes ``ch7.xhtml`` (and
``fanfmt.css`` beside it) and returns a :class:`Built` report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import ConfigError, OutputError
from fanfmt.files import read_input, same_file, write_atomic
from fanfmt.model import Document
from fanfmt.options import Options

SUFFIX_FORMATS = {
    ".xhtml": "xhtml",
    ".html": "xhtml",
    ".htm": "xhtml",
    ".md": "markdown",
    ".markdown": "markdown",
}
FORMAT_SUFFIX = {"xhtml": ".xhtml", "markdown": ".md"}


@dataclass(frozen=True, slots=True)
class Built:
    """What one build did."""

    source: str
    output: str
    """The path written, or ``-`` for standard output."""
    format: str
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    text: str


def pick_format(to: str | None, output: str | None) -> str:
    """``--to`` wins; else the output's suffix; else XHTML."""
    if to:
        return to
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[suffix]
        if suffix == ".epub":
            return "epub"
        raise ConfigError(f"cannot tell the format from {output!r}: use --to")
    return "xhtml"


def default_output(source: str, fmt: str) -> str:
    """``ch7.txt`` → ``ch7.xhtml``; standard input → standard output."""
    if source == "-":
        return "-"
    return str(Path(source).with_suffix(FORMAT_SUFFIX.get(fmt, ".xhtml")))


def build_file(
    source: str, output: str | None, to: str | None, options: Options, *, write: bool = True
) -> Built:
    """Read, convert and (atomically) write one chapter."""
    from fanfmt.api import normalise
    from fanfmt.writers import get_writer

    fmt = pick_format(to, output)
    out = output or default_output(source, fmt)
    if source != "-" and out != "-" and same_file(source, out):
        raise OutputError(f"{out}: refusing to overwrite the input")
    decoded = read_input(source, options.encoding)
    if out == "-" and fmt == "xhtml" and options.stylesheet == "link":
        options = replace(options, stylesheet="inline")
    doc, diagnostics = normalise(decoded.text, options, source=source)
    repairs = tuple(
        Diagnostic(1, 1, code, message, "info", "decode") for code, message in decoded.repairs
    )
    writer = get_writer(fmt)
    text = writer.write(doc, options)
    if write and out != "-":
        write_atomic(out, text)
        if fmt == "xhtml" and options.stylesheet == "link":
            from fanfmt.writers.xhtml import stylesheet_text

            write_atomic(Path(out).parent / "fanfmt.css", stylesheet_text(options))
    return Built(source, out, fmt, doc, repairs + diagnostics, text)
