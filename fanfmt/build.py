"""Build one chapter file into one output file: the I/O around :func:`fanfmt.api.convert`.

``build_file("ch7.txt", None, None, Options())`` → writes ``ch7.xhtml`` (and
``fanfmt.css`` beside it) and returns a :class:`Built` report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from fanfmt import rx
from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import NO_WORDS, ConfigError, InputError, OutputError
from fanfmt.files import dated_as_read, read_input, same_file, seen, write_atomic
from fanfmt.options import Options
from fanfmt.record import record
from fanfmt.summary import Summary, Tally
from fanfmt.walk import has_words
from fanfmt.writers import KIT_SUFFIX, SUFFIX_FORMATS, format_suffix, get_writer
from fanfmt.writers.page import has_footnotes

if TYPE_CHECKING:
    from fanfmt.rules.table import Context

_WORD_CHAR_RE = rx.compile(r"[^\W_]")
"""A letter or a digit: a text without one has no words to format (before building its
blocks, which for a file of a million separator lines would take hundreds of MiB)."""


@record()
class Built:
    """What one build did."""

    source: str
    output: str
    """The path written, or ``-`` for standard output."""
    format: str
    summary: Summary
    """What was found in the chapter (``fanfmt build -v`` prints it)."""
    diagnostics: tuple[Diagnostic, ...]
    text: str
    """The output, when it was not written (``write=False``, or standard output with no
    ``stdout`` to write it); empty when it was: it went out a part at a time."""
    notes: tuple[str, ...] = ()
    """What the user should know of what was not written, a line each (a ``fanfmt.css`` of
    their own left alone)."""


def pick_format(to: str | None, output: str | None) -> str:
    """``--to`` wins; else the output's suffix; else XHTML."""
    if to:
        return to
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        double = "".join(Path(output).suffixes[-2:]).lower()
        if double in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[double]
        if suffix in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[suffix]
        raise ConfigError(f"cannot tell the format from {output!r}: use --to")
    return "xhtml"


def default_output(source: str, fmt: str) -> str:
    """``ch7.txt`` → ``ch7.xhtml``; standard input → standard output."""
    if source == "-":
        return "-"
    return str(Path(source).with_suffix(format_suffix(fmt)))


def build_file(
    source: str,
    output: str | None,
    to: str | None,
    options: Options,
    *,
    write: bool = True,
    ctx: Context | None = None,
    stdout: Callable[[Iterable[str]], None] | None = None,
    within: str | None = None,
) -> Built:
    """Read, convert and (atomically) write one chapter.

    For standard output (``-``), ``stdout`` is handed the output's parts as they are made;
    without it, the output comes back whole in ``Built.text``.

    ``ctx`` is the rule chain's context, for callers that want more than the diagnostics
    (``--explain`` sets ``ctx.changes`` to see every rule's work).

    With ``within`` (a batch's output folder), a link that leads the output or its
    stylesheet out of that folder is refused (see :func:`fanfmt.files.confined`).
    """
    from fanfmt.pipeline import prepare
    from fanfmt.reader import input_format

    fmt = pick_format(to, output)
    if fmt == "epub":
        raise ConfigError("an EPUB holds a whole book: use fanfmt.epub.build_epub (or the CLI)")
    out = output or default_output(source, fmt)
    kit = fmt == "ao3" and options.ao3 == "kit" and out != "-" and write
    if kit:
        out = kit_folder(out)
    if source != "-" and out != "-" and same_file(source, out):
        raise OutputError(f"{out}: refusing to overwrite the input")
    css = Path(out).parent / "fanfmt.css"
    if source != "-" and out != "-" and fmt == "xhtml" and same_file(source, css):
        raise OutputError(f"{css}: refusing to overwrite the input with the stylesheet")
    read = seen(source)  # before reading: an edit from now on makes the output stale
    decoded = read_input(source, options.encoding)
    if out == "-" and fmt == "xhtml" and options.stylesheet == "link":
        options = replace(options, stylesheet="inline")
    if _WORD_CHAR_RE.search(decoded.text) is None:  # no letter nor digit: refused at once
        raise InputError(f"{source}: {NO_WORDS}")
    from_format = input_format(source, options.from_format, decoded.text)
    prepared = prepare(decoded.text, options, source=source, from_format=from_format, ctx=ctx)
    repairs = decoded.diagnostics()
    del decoded  # the source text is not needed to render: free it first
    if not has_words(prepared.doc):
        raise InputError(f"{source}: {NO_WORDS}")
    tally = Tally()
    prepared.observe = tally.add  # counted as the paragraphs are finished
    # the chapter is finished a piece at a time as the page is written (fanfmt.pipeline)
    parts: Iterable[str] = () if kit else get_writer(fmt).write(prepared.page(), options)
    text = ""
    notes: tuple[str, ...] = ()
    if kit:
        from fanfmt.writers.ao3kit import kit_files

        files = kit_files(prepared.page(), options)
        _refuse_input(source, out, files)
        dated = partial(dated_as_read, source, read)
        for name, content in files.items():
            write_atomic(Path(out) / name, content, within=within, mtime=dated)
    elif write and out != "-":
        # dated as the chapter was read, so --update compares what was read (fanfmt.batch)
        device = write_atomic(out, parts, within=within, mtime=partial(dated_as_read, source, read))
        if fmt == "xhtml" and options.stylesheet == "link" and not device:
            from fanfmt.stylesheet_file import place_stylesheet
            from fanfmt.writers.xhtml import stylesheet_text

            # often there already, the same; a user's own is left alone (but with --force)
            note = place_stylesheet(
                css,
                stylesheet_text(options),
                stylesheet_text(options, footnotes=True),
                notes=has_footnotes(prepared.doc.blocks),
                force=options.force,
                within=within,
            )
            notes = (note,) if note else ()
    elif write and stdout is not None:
        stdout(parts)
    else:
        text = "".join(parts)
    summary = tally.summary(prepared.doc.meta, prepared.doc.convention, options)
    diagnostics = tuple(prepared.ctx.diagnostics.sorted())
    return Built(source, out, fmt, summary, repairs + diagnostics, text, notes)


def kit_folder(out: str) -> str:
    """Where the AO3 kit goes: ``ch5.ao3.html`` (the single paste's name) → ``ch5.ao3``; any
    other name is the folder itself."""
    suffix = format_suffix("ao3")
    return out[: -len(suffix)] + KIT_SUFFIX if out.lower().endswith(suffix) else out


def _refuse_input(source: str, folder: str, files: dict[str, str]) -> None:
    """No file of a kit may be its input (``-o .`` beside a chapter named ``chapter.html``)."""
    for name in files:
        if source != "-" and same_file(source, Path(folder) / name):
            raise OutputError(f"{Path(folder) / name}: refusing to overwrite the input")


def build_or_rebuild(
    source: str, output: str, to: str, options: Options, root: str = ""
) -> tuple[str, ...]:
    """One job of a batch: a chapter built to ``to``, or (``to="epub"``, an ``.epub`` in) a
    book rebuilt, in place where ``output`` is ``source``. What the user should hear back
    (a stylesheet of theirs left alone) comes back as notes."""
    if to == "epub":  # a book in, a book out
        from fanfmt.epub.rebuild import rebuild_epub

        same = output == source
        rebuild_epub(source, None if same else output, options, in_place=same)
        return ()
    return build_file(source, output, to, options, within=root or None).notes
