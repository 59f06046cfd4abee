"""An EPUB in, a fresh EPUB 3 out: every chapter through the HTML reader and the rules.

``rebuild_epub("story.epub", "fixed.epub", Options())`` reads the book
(:func:`fanfmt.reader.epub_in.read_epub`), formats each chapter as any HTML chapter is
formatted (quotes curled, thoughts, breaks, notes), and writes a new book with the old
one's metadata and cover; it returns an :class:`~fanfmt.epub.build.EpubBuild`.

What the user sets wins over what the book says::

    --title, --author, --series, --summary, --cover   → instead of the book's
    --tag                                             → first, then the book's subjects
    --lang (when not the default, en)                 → instead of the book's language

``in_place=True`` writes over the input, atomically: the new book is complete on disk
before it replaces the old one, and the old one stays as it was on any failure. A book
that comes out byte for byte as it went in is not rewritten. The new book keeps the old
one's identifier (``dc:identifier``), so a reader or calibre knows it for the same book.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from fanfmt.epub.build import EpubBuild, SourceChapter
from fanfmt.epub.meta import check_lang
from fanfmt.epub.package import render_book
from fanfmt.epub.split import split_chapters
from fanfmt.errors import NO_WORDS, ConfigError, InputError, OutputError
from fanfmt.files import same_file, write_atomic
from fanfmt.model import Document
from fanfmt.options import Options
from fanfmt.reader.epub_in import EpubBook, read_epub
from fanfmt.story import fill_facts, untyped_tags
from fanfmt.walk import has_words


def rebuild_epub(
    source: str,
    output: str | None,
    options: Options,
    *,
    in_place: bool = False,
    write: bool = True,
    environ: Mapping[str, str] | None = None,
) -> EpubBuild:
    """Read the EPUB ``source`` and write it formatted to ``output`` (see the module).

    ``output`` ``None`` needs ``in_place``; a folder receives ``<name>.epub`` inside it;
    ``-`` leaves the bytes to the caller (in ``book.data``).
    """
    out = _output(source, output, in_place=in_place)
    book = read_epub(source)
    chapters = read_book_chapters(book, options)
    facts = book.facts
    for chapter in chapters:  # what the pages themselves state (an AO3 preface)
        facts = fill_facts(facts, chapter.document.meta.story)
    facts = untyped_tags(facts)
    cover = None
    if options.cover:
        from fanfmt.epub.cover import read_cover

        cover = read_cover(options.cover)
    rendered = render_book(
        [c.document for c in chapters],
        book_options(book, options),
        cover=cover or book.cover,
        fallback_title=Path(source).stem,
        environ=environ,
        facts=facts,
        identifier=book.package.identifier,
        stated_from=[book.facts, *(c.document.meta.story for c in chapters)],
    )
    if write and out != "-" and not (in_place and _unchanged(source, rendered.data)):
        write_atomic(out, rendered.data)
    return EpubBuild(out, tuple(chapters), rendered, options)


def _output(source: str, output: str | None, *, in_place: bool) -> str:
    if in_place:
        if output is not None and not same_file(source, output):
            raise ConfigError("--in-place writes over the input: give no -o with it")
        return source
    if output is None:
        raise ConfigError(f"{source}: name the new book with -o FIXED.epub, or use --in-place")
    out = output
    if out != "-" and (out.endswith(("/", os.sep)) or Path(out).is_dir()):
        out = str(Path(out) / Path(source).name)
    if out != "-" and same_file(source, out):
        raise OutputError(f"{out}: refusing to overwrite the input (use --in-place)")
    return out


def _unchanged(path: str, data: bytes) -> bool:
    try:
        return Path(path).read_bytes() == data
    except OSError:
        return False


def read_book_chapters(book: EpubBook, options: Options) -> list[SourceChapter]:
    """Each chapter of ``book`` read as HTML and normalised (an AO3 download: cut at headings).

    A chapter left without a word (all notes, with ``--notes omit``) is left out; a book
    left without any is an :class:`InputError`.
    """
    from fanfmt.pipeline import normalise

    out: list[SourceChapter] = []
    for chapter in book.chapters:
        where = f"{book.source}:{chapter.name}"
        doc, diagnostics = normalise(chapter.html, options, source=where, from_format="html")
        parts = split_chapters(doc) if book.whole else [doc]
        for n, part in enumerate(parts):
            if not has_words(part):
                continue
            out.append(SourceChapter(where, _titled(part, chapter.title), () if n else diagnostics))
    if not out:
        raise InputError(f"{book.source}: {NO_WORDS}")
    return out


def _titled(doc: Document, title: str) -> Document:
    """The contents' title for a chapter whose page has no heading of its own."""
    if doc.meta.chapter.strip() or not title.strip():
        return doc
    return replace(doc, meta=replace(doc.meta, chapter=" ".join(title.split())))


def book_options(book: EpubBook, options: Options) -> Options:
    """``options`` with what the book says filling what the user left unset (see the module).

    The story's facts (series, summary, tags …) are not options: :func:`render_book` puts
    the user's settings over them (:func:`fanfmt.story.story_facts`).
    """
    lang = options.lang
    if lang == Options().lang and book.package.language:
        try:
            lang = check_lang(book.package.language)
        except ConfigError:
            lang = options.lang  # a language named in words ("English"): keep the default
    return replace(
        options,
        title=options.title or book.title,
        author=options.author or book.author,
        lang=lang,
    )


__all__ = ["book_options", "read_book_chapters", "rebuild_epub"]
