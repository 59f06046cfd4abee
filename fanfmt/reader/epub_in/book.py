"""An EPUB → its story pages as HTML for the HTML reader, and everything it says about itself.

``read_epub("story.epub")`` → an :class:`EpubBook`: the package's metadata merged with
the facts of FanFicFare's title page or AO3's preface (the package wins, the pages fill
what it leaves out), the cover image, and the story's pages in spine order, each ready for
:func:`fanfmt.reader.html.read_html`:

* a page the contents lead to starts a chapter; a page they do not (calibre's
  ``_split_001`` parts) continues the chapter before it
* an AO3 download (its ``preface.xhtml``, ``div#chapters``, ``afterword.xhtml``) is one
  page: the AO3 reader finds its chapters, notes and summary as in AO3's HTML download
* the stylesheets a page links are given to the reader, so a class that makes italics
  (``.calibre3 { font-style: italic }``) still does; fanfmt's own ``fanfmt.css`` is not
* covers, title pages, contents and FanFicFare's log page are furniture: left out
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from fanfmt.errors import InputError
from fanfmt.files import read_bytes
from fanfmt.model import StoryFacts
from fanfmt.reader.epub_in.archive import EpubArchive, resolve
from fanfmt.reader.epub_in.furniture import page_kind, title_page_facts
from fanfmt.reader.epub_in.opf import Package, read_package
from fanfmt.story import TYPED, fill_facts, untyped_tags

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    from fanfmt.epub.package import Cover

MAX_CSS_BYTES = 1024 * 1024
_OWN_STYLESHEET = "fanfmt.css"


@dataclass(frozen=True, slots=True)
class EpubChapter:
    """One chapter's pages, joined: ``EpubChapter("OEBPS/ch1.xhtml", "<html>…", "Ch 1")``."""

    name: str
    """The zip name of its first page (for messages)."""
    html: str
    title: str
    """The contents' entry for it, or ``""``."""


@dataclass(frozen=True, slots=True)
class EpubBook:
    """What :func:`read_epub` found."""

    source: str
    package: Package
    facts: StoryFacts
    """The facts of the story: the package's, then those of its title page or preface."""
    title: str
    author: str
    chapters: tuple[EpubChapter, ...]
    cover: Cover | None = None
    whole: bool = False
    """An AO3 download: one page holding every chapter, to be cut at each heading."""
    left_out: tuple[str, ...] = field(default=())
    """The pages left out as furniture (covers, title pages, contents)."""


def is_epub(path: str) -> bool:
    """Whether ``path`` names an EPUB (by its suffix): ``is_epub("a/B.EPUB")`` → True."""
    return path.lower().endswith(".epub")


def read_epub(path: str) -> EpubBook:
    """Read the EPUB at ``path`` (see the module docstring); a bad one is an InputError."""
    data = read_bytes(path)
    if not data.startswith(b"PK"):
        raise InputError(f"{path}: not an EPUB (not a zip archive)")
    archive = EpubArchive(data, path)
    package = read_package(archive)
    return book_from(archive, package)


def book_from(archive: EpubArchive, package: Package) -> EpubBook:
    """The book of an open archive and its package."""
    from bs4 import BeautifulSoup

    facts = StoryFacts()
    title, author = package.title, package.authors[0] if package.authors else ""
    pages: list[tuple[str, BeautifulSoup]] = []
    left_out: list[str] = []
    for name in package.spine:
        soup = BeautifulSoup(_decoded(archive, name), "html.parser")
        kind = page_kind(soup, name)
        if kind == "facts":
            page_facts, page_title, page_author = title_page_facts(soup)
            facts = fill_facts(facts, page_facts)
            title, author = title or page_title, author or page_author
        if kind != "story":
            left_out.append(name)
            continue
        pages.append((name, soup))
    if not pages:
        raise InputError(f"{archive.source}: the EPUB holds no story pages")
    whole = _is_ao3(pages)
    if whole:
        chapters = [EpubChapter(pages[0][0], _joined(archive, pages), "")]
    else:
        chapters = _chapters(archive, pages, package.titles)
    facts = untyped_tags(fill_facts(_package_facts(package), facts))
    facts = replace(facts, stated_by="EPUB")
    return EpubBook(
        source=archive.source,
        package=package,
        facts=facts,
        title=title,
        author=author,
        chapters=tuple(chapters),
        cover=_cover(archive, package),
        whole=whole,
        left_out=tuple(left_out),
    )


def _decoded(archive: EpubArchive, name: str) -> str:
    from fanfmt.reader.decode import decode

    data = archive.read(name)
    try:
        return decode(data).text
    except InputError as exc:
        raise InputError(f"{archive.source}: {name}: {exc}") from None


def _is_ao3(pages: list[tuple[str, BeautifulSoup]]) -> bool:
    """AO3's download: a ``div#preface`` with its ``dl.tags``, or ``div#chapters.userstuff``."""
    for _, soup in pages:
        if soup.select_one("#preface dl.tags") is not None:
            return True
        if soup.select_one("div#chapters.userstuff") is not None:
            return True
    return False


def _chapters(
    archive: EpubArchive, pages: list[tuple[str, BeautifulSoup]], titles: dict[str, str]
) -> list[EpubChapter]:
    groups: list[list[tuple[str, BeautifulSoup]]] = []
    for name, soup in pages:
        if groups and titles and name not in titles:
            groups[-1].append((name, soup))  # a part of the chapter before (calibre's splits)
        else:
            groups.append([(name, soup)])
    return [EpubChapter(g[0][0], _joined(archive, g), titles.get(g[0][0], "")) for g in groups]


def _joined(archive: EpubArchive, pages: list[tuple[str, BeautifulSoup]]) -> str:
    """The pages' bodies in one HTML page, under the styles they link."""
    sheets: dict[str, None] = {}
    bodies: list[str] = []
    for name, soup in pages:
        for link in soup.find_all("link", href=True):
            if "stylesheet" in link.get_attribute_list("rel"):
                sheet = resolve(name, str(link["href"]))
                if sheet and not sheet.endswith(_OWN_STYLESHEET) and archive.has(sheet):
                    sheets[sheet] = None
        for style in soup.find_all("style"):
            sheets[style.get_text()] = None
        body = soup.find("body")
        bodies.append(body.decode_contents() if body is not None else soup.decode_contents())
    css = "\n".join(_css(archive, s) for s in sheets)
    head = f"<head><style>{css}</style></head>" if css.strip() else ""
    return f"<html>{head}<body>{''.join(bodies)}</body></html>"


def _css(archive: EpubArchive, sheet: str) -> str:
    """A stylesheet's text, without anything that could end the ``<style>`` it goes in."""
    if not archive.has(sheet):
        return sheet.replace("<", " ")  # an inline <style>'s own text
    data = archive.read(sheet)[:MAX_CSS_BYTES]
    return data.decode("utf-8", "replace").replace("<", " ")


def _package_facts(package: Package) -> StoryFacts:
    """The package's facts; FanFicFare's status and update subjects are those fields
    (:mod:`fanfmt.reader.epub_in.subjects`), not tags."""
    from fanfmt.reader.epub_in.subjects import sort_subjects

    typed = {name: package.typed.get(name, ()) for name in TYPED}
    subjects = sort_subjects(package.subjects)
    return StoryFacts(
        rating=next(iter(typed["rating"]), ""),
        status=next(iter(typed["status"]), "") or subjects.status,
        language=next(iter(typed["language"]), ""),
        fandoms=typed["fandoms"],
        warnings=typed["warnings"],
        categories=typed["categories"],
        relationships=typed["relationships"],
        characters=typed["characters"],
        series=package.series,
        series_index=package.series_index or 0,
        summary=_summary(package.description),
        published=package.published,
        updated=package.updated or subjects.updated,
        url=package.source,
        tags=subjects.tags,
    )


_MARKUP_RE = re.compile(r"<\s*(?:p|div|br|span|i|em|b|strong)\b", re.IGNORECASE)


def _summary(description: str) -> str:
    """A description as text: calibre's HTML ``<p>…</p>`` → paragraphs apart by a blank line."""
    if not _MARKUP_RE.search(description):
        return description.strip()
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(description, "html.parser")
    blocks = [" ".join(p.get_text().split()) for p in soup.find_all(["p", "div"])]
    text = "\n\n".join(b for b in blocks if b)
    return text or " ".join(soup.get_text().split())


def _cover(archive: EpubArchive, package: Package) -> Cover | None:
    """The package's cover image, if it is a real image (else none: the book is still read)."""
    from fanfmt.epub.cover import PILLOW_FORMATS, raster_problem
    from fanfmt.epub.package import Cover, sniff_image

    if not package.cover:
        return None
    data = archive.read(package.cover)
    media_type = sniff_image(data)
    if media_type in PILLOW_FORMATS:
        return None if raster_problem(data, media_type) else Cover(data, media_type)
    if media_type == "image/svg+xml":
        from fanfmt.epub.svg import NotSvgError, clean_svg

        try:
            svg = clean_svg(data)
        except NotSvgError:
            return None
        return Cover(svg.data, media_type, svg.removed)
    return None


__all__ = ["EpubBook", "EpubChapter", "book_from", "fill_facts", "is_epub", "read_epub"]
