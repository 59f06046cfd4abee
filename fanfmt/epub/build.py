"""Build one EPUB from chapter files: the I/O around :func:`fanfmt.epub.package.render_book`.

``build_epub(["ch1.txt", "ch10.txt", "ch2.txt"], "story.epub", Options())`` reads the
chapters in natural order (ch1, ch2, ch10), writes ``story.epub`` atomically and
returns an :class:`EpubBuild` report. ``write_epub(path, docs, options)`` does the
writing alone, for documents already in hand.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fanfmt.diagnostics import Diagnostic
from fanfmt.epub.cover import read_cover
from fanfmt.epub.package import Book, render_book
from fanfmt.epub.sources import expand_sources
from fanfmt.epub.split import split_chapters
from fanfmt.errors import NO_WORDS, ConfigError, InputError, OutputError
from fanfmt.files import read_input, same_file, write_atomic
from fanfmt.model import Document
from fanfmt.options import Options
from fanfmt.walk import has_words


@dataclass(frozen=True, slots=True)
class SourceChapter:
    """One input file, normalised, with what the rules reported about it."""

    source: str
    document: Document
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class EpubBuild:
    """What :func:`build_epub` did."""

    output: str
    """The path written, or ``-`` when the bytes are for standard output."""
    chapters: tuple[SourceChapter, ...]
    book: Book
    options: Options | None = None
    """What it was built with: ``-v`` says of each chapter's facts where they came from."""
    format: str = "epub"
    """What was written: ``epub``, or ``html`` for a story's one reading page."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """Fallbacks taken (no title, no author …), one line each."""
        return self.book.warnings


def default_output(sources: Sequence[str]) -> str:
    """``ch7.txt`` → ``ch7.epub``; folder ``story/`` → ``story.epub``; stdin → stdout."""
    if len(sources) != 1:
        raise ConfigError("several inputs make one book: name it with -o BOOK.epub")
    source = sources[0]
    if source == "-":
        return "-"
    p = Path(source)
    if p.is_dir():
        base = p if p.name not in ("", ".", "..") else p.resolve()
        return str(base.with_name(base.name + ".epub"))
    return str(p.with_suffix(".epub"))


def read_chapters(sources: Sequence[str], options: Options) -> list[SourceChapter]:
    """Decode and normalise each chapter file (``-`` reads standard input)."""
    from fanfmt.pipeline import normalise
    from fanfmt.reader import input_format

    chapters: list[SourceChapter] = []
    for source in sources:
        decoded = read_input(source, options.encoding)
        fmt = input_format(source, options.from_format, decoded.text)
        doc, diagnostics = normalise(decoded.text, options, source=source, from_format=fmt)
        if not has_words(doc):
            raise InputError(f"{source}: {NO_WORDS}")
        repairs = tuple(
            Diagnostic(1, 1, code, message, "info", "decode") for code, message in decoded.repairs
        )
        # a whole story in one file: a chapter of the book for each chapter heading
        for n, part in enumerate(split_chapters(doc)):
            chapters.append(SourceChapter(source, part, () if n else repairs + diagnostics))
    return chapters


def write_epub(
    path: str | Path,
    chapters: Sequence[Document],
    options: Options,
    *,
    environ: Mapping[str, str] | None = None,
) -> Book:
    """Render ``chapters`` (in the order given) as one EPUB and write it atomically to ``path``."""
    book = render_epub(chapters, options, fallback_title=Path(path).stem, environ=environ)
    write_atomic(path, book.data)
    return book


def render_epub(
    chapters: Sequence[Document],
    options: Options,
    *,
    fallback_title: str = "",
    environ: Mapping[str, str] | None = None,
) -> Book:
    """Like :func:`write_epub` without writing: the book, its bytes in ``book.data``."""
    cover = read_cover(options.cover) if options.cover else None
    return render_book(
        chapters, options, cover=cover, fallback_title=fallback_title, environ=environ
    )


def _natural_output(sources: Sequence[str], suffix: str) -> str:
    """:func:`default_output` with ``suffix``: folder ``story/`` → ``story.html``."""
    out = default_output(sources)
    return out if out == "-" else str(Path(out).with_suffix(suffix))


def _refuse_inputs(files: Sequence[str], out: str) -> None:
    for source in files:
        if source != "-" and out != "-" and same_file(source, out):
            raise OutputError(f"{out}: refusing to overwrite the input")


def book_name(template: str, book: Book, suffix: str = ".epub") -> str:
    """The file name ``[book] name`` gives ``book`` (:func:`fanfmt.naming.book_file_name`)."""
    from fanfmt.naming import book_file_name

    meta, story = book.meta, book.meta.story
    values = {
        "title": meta.title,
        "author": meta.author,
        "series": meta.series,
        "series_index": meta.series_index or "",
        "rating": story.rating,
        "status": story.status,
        "fandom": story.fandoms[0] if story.fandoms else "",
        "language": meta.lang,
        "published": meta.published,
        "updated": meta.updated,
        "words": meta.words,
        "chapters": meta.chapter_count,
    }
    return book_file_name(template, values, suffix)


def build_epub(
    sources: Sequence[str],
    output: str | None,
    options: Options,
    *,
    write: bool = True,
    environ: Mapping[str, str] | None = None,
) -> EpubBuild:
    """Read every chapter of ``sources`` (files and folders, natural order) into one EPUB.

    ``output`` ``None`` names the book after its single input (or, with ``[book] name``,
    by that template, beside where the input's name would put it); a folder (existing,
    or ending in ``/``) receives the book inside it; ``-`` leaves the writing to the caller
    (the bytes are in ``book.data``).
    """

    def render(docs: Sequence[Document], fallback: str) -> Book:
        return render_epub(docs, options, fallback_title=fallback, environ=environ)

    return build_book(sources, output, options, render, write=write)


def build_book(
    sources: Sequence[str],
    output: str | None,
    options: Options,
    render: Callable[[Sequence[Document], str], Book],
    *,
    suffix: str = ".epub",
    write: bool = True,
) -> EpubBuild:
    """Read every chapter of ``sources`` into one book file that ``render`` (chapter
    documents, a fallback title → the book) makes: an EPUB, or with ``suffix`` ``.html``
    a story's reading page. Naming and writing as :func:`build_epub` says."""
    if not sources:
        raise ConfigError("no INPUT given: name the chapter files or a folder holding them")
    out = output or _natural_output(sources, suffix)
    folder_out = out != "-" and (out.endswith(("/", os.sep)) or Path(out).is_dir())
    if folder_out:
        out = str(Path(out) / Path(_natural_output(sources, suffix)).name)
    named = bool(options.book_name) and (output is None or folder_out)
    files = expand_sources(sources)
    _refuse_inputs(files, out)
    chapters = read_chapters(files, options)
    fallback = Path(out).stem if out != "-" else Path(files[0]).stem if files[0] != "-" else ""
    book = render([c.document for c in chapters], fallback)
    if named:
        out = str(Path(out).with_name(book_name(options.book_name, book, suffix)))
        _refuse_inputs(files, out)
    if write and out != "-":
        write_atomic(out, book.data)
    return EpubBuild(out, tuple(chapters), book, options, suffix.lstrip("."))
