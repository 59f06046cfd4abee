"""Assemble a book: chapter documents → every file of the EPUB → one reproducible zip.

``render_book([doc1, doc2], Options(author="Me"))`` → a :class:`Book` whose ``data`` is
the ``.epub`` and whose ``files`` are, in zip order::

    mimetype                       application/epub+zip (stored, first)
    META-INF/container.xml         → OEBPS/content.opf
    OEBPS/content.opf              metadata, manifest, spine      (templates/epub/content.opf)
    OEBPS/nav.xhtml                contents: one entry per chapter (templates/epub/nav.xhtml)
    OEBPS/toc.ncx                  the same, for EPUB 2 readers    (templates/epub/toc.ncx)
    OEBPS/fanfmt.css               templates/fanfmt.css
    OEBPS/images/cover.jpg         with --cover, and cover.xhtml  (templates/epub/cover.xhtml)
    OEBPS/titlepage.xhtml          templates/epub/titlepage.xhtml
    OEBPS/chapter-001.xhtml …      the XHTML writer's pages (templates/xhtml/chapter.xhtml)

Every zip entry has the same fixed time, so equal inputs give equal bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from fanfmt.epub.meta import (
    BookMeta,
    book_author,
    book_title,
    check_lang,
    content_identifier,
    modified_time,
)
from fanfmt.errors import ConfigError
from fanfmt.model import Document, Heading, StoryFacts
from fanfmt.options import Options
from fanfmt.story import fill_facts, origins, stated_origins, story_facts, subjects
from fanfmt.templating import environment
from fanfmt.walk import plain_text
from fanfmt.writers.page import Page, has_footnotes
from fanfmt.writers.xhtml import XhtmlWriter, stylesheet_text
from fanfmt.xmlchars import strip_unsafe

MIMETYPE = b"application/epub+zip"
ROOT = "OEBPS"
STYLESHEET = "fanfmt.css"
IMAGE_TYPES: dict[str, str] = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}


@dataclass(frozen=True, slots=True)
class Cover:
    """A cover image and its media type."""

    data: bytes
    media_type: str
    removed: tuple[str, ...] = ()
    """What was taken out of an SVG image (``<script>``, ``onload``), one entry per kind."""

    @property
    def href(self) -> str:
        """``images/cover.png``, relative to the package document."""
        return f"images/cover{IMAGE_TYPES[self.media_type]}"


def sniff_image(data: bytes) -> str | None:
    """The media type of an EPUB core image format from its first bytes, else ``None``.

    Only a guess: :func:`fanfmt.epub.cover.read_cover` checks the image itself.
    """
    head = data[:512].lstrip()
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"<") and b"<svg" in data[:4096]:
        return "image/svg+xml"
    return None


@dataclass(frozen=True, slots=True)
class Chapter:
    """One chapter as it sits in the book."""

    id: str
    href: str
    title: str
    """The entry in the contents: the chapter heading, else ``Chapter N``."""
    document: Document
    xhtml: str


@dataclass(frozen=True, slots=True)
class Book:
    """A rendered book: its metadata, chapters, files and zip bytes."""

    meta: BookMeta
    chapters: tuple[Chapter, ...]
    cover: Cover | None
    warnings: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...]
    data: bytes


def chapter_title(doc: Document) -> str:
    """The chapter's heading as plain text (``Chapter 7: The Smallest Spark``), or ``""``."""
    if doc.meta.chapter.strip():
        return " ".join(doc.meta.chapter.split())
    for block in doc.blocks:
        if isinstance(block, Heading) and (block.number or block.title):
            parts = [plain_text(block.number), plain_text(block.title)]
            return ": ".join(" ".join(p.split()) for p in parts if p.strip())
    return ""


def book_lang(docs: Sequence[Document], options: Options) -> str:
    """The book's language: ``--lang``, else the one most of its chapters are in (the first
    chapter's on a tie)."""
    if options.lang != "auto":
        return options.lang
    from collections import Counter

    counts = Counter(doc.meta.lang for doc in docs)
    return max(counts, key=lambda lang: (counts[lang], -[d.meta.lang for d in docs].index(lang)))


def in_book(doc: Document, options: Options, meta: BookMeta) -> Document:
    """A chapter as the book shows it: the book's title and author (``--title`` wins over
    the title the chapter's text names), and its language unless ``--lang`` sets one."""
    lang = doc.meta.lang if options.lang == "auto" else meta.lang
    return replace(doc, meta=replace(doc.meta, title=meta.title, author=meta.author, lang=lang))


def chapter_ids(count: int) -> list[str]:
    """``3`` → ``["chapter-001", "chapter-002", "chapter-003"]`` (at least three digits)."""
    width = max(3, len(str(count)))
    return [f"chapter-{number:0{width}d}" for number in range(1, count + 1)]


def _chapters(docs: Sequence[Document], options: Options, meta: BookMeta) -> list[Chapter]:
    writer = XhtmlWriter()
    out: list[Chapter] = []
    for number, (doc, name) in enumerate(zip(docs, chapter_ids(len(docs)), strict=True), 1):
        doc = in_book(doc, options, meta)
        title = chapter_title(doc) or f"Chapter {number}"
        xhtml = "".join(writer.write(Page.of(doc), options, stylesheet_href=STYLESHEET))
        out.append(Chapter(name, f"{name}.xhtml", title, doc, xhtml))
    return out


def _identity(meta: BookMeta, chapters: Sequence[Chapter], cover: Cover | None) -> list[bytes]:
    fields = [
        meta.title,
        meta.author,
        meta.lang,
        meta.series,
        str(meta.series_index or ""),
        meta.summary,
        "\n".join(meta.tags),
    ]
    if meta.published or meta.updated or meta.source:
        fields += [meta.published, meta.updated, meta.source]
    parts = [f.encode("utf-8") for f in fields]
    parts.extend(c.xhtml.encode("utf-8") for c in chapters)
    parts.append(cover.data if cover else b"")
    return parts


def render_book(
    docs: Sequence[Document],
    options: Options,
    *,
    cover: Cover | None = None,
    fallback_title: str = "",
    environ: Mapping[str, str] | None = None,
    facts: StoryFacts | None = None,
    identifier: str = "",
    stated_from: Sequence[StoryFacts] = (),
) -> Book:
    """Chapter documents (already normalised) → a whole EPUB 3, in memory.

    ``facts`` gives the dates and the source URL (``dc:date``, ``dc:source``);
    ``identifier`` the book's own (a rebuilt book keeps it), else one is made from
    the content. ``stated_from`` are the facts of each source in the order ``facts`` was
    filled from them, to tell where each came from (default: the chapters').
    """
    if not docs:
        raise ConfigError("an EPUB needs at least one chapter")
    options = replace(options, stylesheet="link")
    meta, warnings = book_meta(
        docs, options, fallback_title, environ=environ, facts=facts, stated_from=stated_from
    )
    chapters = _chapters(docs, options, meta)
    own = " ".join(strip_unsafe(identifier).split())
    meta = replace(meta, identifier=own or content_identifier(_identity(meta, chapters, cover)))
    files = _files(meta, chapters, cover, options)
    return Book(
        meta=meta,
        chapters=tuple(chapters),
        cover=cover,
        warnings=tuple(warnings + _cover_warnings(cover)),
        files=tuple(files),
        data=zip_bytes(files, meta.modified),
    )


def book_meta(
    docs: Sequence[Document],
    options: Options,
    fallback_title: str = "",
    *,
    environ: Mapping[str, str] | None = None,
    facts: StoryFacts | None = None,
    stated_from: Sequence[StoryFacts] = (),
) -> tuple[BookMeta, list[str]]:
    """What a book of ``docs`` says about itself (its identifier left empty), and the
    fallbacks taken (no title, no author): for an EPUB and a story's reading page alike."""
    from fanfmt.shown import as_text

    title, title_warnings = book_title(docs, options, as_text(fallback_title))
    author, author_warnings = book_author(docs, options)
    stated = facts if facts is not None else docs_facts(docs)
    story = story_facts(options, stated)
    meta = BookMeta(
        title=title,
        author=author,
        lang=check_lang(book_lang(docs, options)),
        identifier="",
        modified=modified_time(environ, " ".join(story.updated.split())),
        series=" ".join(story.series.split()),
        series_index=story.series_index or None,
        summary=story.summary.strip(),
        tags=subjects(story),
        published=" ".join(story.published.split()),
        updated=" ".join(story.updated.split()),
        source=" ".join(story.url.split()),
        story=story,
        words=sum(count_words(d) for d in docs),
        chapter_count=len(docs),
        origins=tuple(
            origins(
                options, stated, stated=stated_origins(stated_from or [d.meta.story for d in docs])
            ).items()
        ),
    )
    return meta, title_warnings + author_warnings


def docs_facts(docs: Sequence[Document]) -> StoryFacts:
    """What the chapters' sources state about the story, the first chapter's first."""
    out = StoryFacts()
    for doc in docs:
        out = fill_facts(out, doc.meta.story)
    return out


def count_words(doc: Document) -> int:
    """The words of the story's own paragraphs (not its notes or front matter)."""
    from fanfmt.model import is_story

    return sum(len(plain_text(b.children).split()) for b in doc.blocks if is_story(b))


def _cover_warnings(cover: Cover | None) -> list[str]:
    """``["cover: removed what could run or fetch: <script>, onload"]``, or none."""
    if cover is None or not cover.removed:
        return []
    return [f"cover: removed what could run or fetch: {', '.join(cover.removed)}"]


def _files(
    meta: BookMeta, chapters: Sequence[Chapter], cover: Cover | None, options: Options
) -> list[tuple[str, bytes]]:
    env = environment(options.templates)
    notes = any(has_footnotes(c.document.blocks) for c in chapters)
    context = {
        "book": meta,
        "chapters": chapters,
        "cover": cover,
        "options": options,
        "stylesheet_href": STYLESHEET,
    }

    def page(name: str) -> bytes:
        return strip_unsafe(env.get_template(f"epub/{name}").render(**context)).encode("utf-8")

    files: list[tuple[str, bytes]] = [
        ("mimetype", MIMETYPE),
        ("META-INF/container.xml", page("container.xml")),
        (f"{ROOT}/content.opf", page("content.opf")),
        (f"{ROOT}/nav.xhtml", page("nav.xhtml")),
        (f"{ROOT}/toc.ncx", page("toc.ncx")),
        (f"{ROOT}/{STYLESHEET}", stylesheet_text(options, footnotes=notes).encode("utf-8")),
    ]
    if cover is not None:
        files.append((f"{ROOT}/{cover.href}", cover.data))
        files.append((f"{ROOT}/cover.xhtml", page("cover.xhtml")))
    files.append((f"{ROOT}/titlepage.xhtml", page("titlepage.xhtml")))
    files.extend((f"{ROOT}/{c.href}", strip_unsafe(c.xhtml).encode("utf-8")) for c in chapters)
    return files


def zip_bytes(files: Sequence[tuple[str, bytes]], when: datetime) -> bytes:
    """The zip of ``files`` in order, every entry dated ``when``: ``mimetype`` stored, the rest
    deflated, with fixed permissions, so the bytes depend on nothing but the arguments."""
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3  # Unix, on every platform
            info.external_attr = 0o100644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
