"""Test EPUBs made from the tests' own chapters: an AO3-style download and an EPUB 2 book.

``ao3_epub(path)`` writes a book laid out as AO3's EPUB download is (``preface.xhtml``
with the work's ``dl.tags``, summary and notes; a ``div#chapters.userstuff`` per chapter
with its notes; ``afterword.xhtml``). ``epub2(path, pages)`` writes a plain EPUB 2 with an
NCX. Every word here was written for these tests.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from bs4 import BeautifulSoup

CHAPTERS = (
    (
        "Chapter 1: The Lamp",
        [
            "\"Is the lamp lit?\" asked Wren. 'It should be,' she thought.",
            "The harbour was quiet -- too quiet... The gulls had gone inland hours ago.",
            "* * *",
            '"We\'ll see," said Tamsin. "Won\'t we?"',
        ],
        "Thanks for reading this far, truly.",
        "More soon, when the weather turns.",
    ),
    (
        "Chapter 2: The Storm",
        [
            "The wind rose at dusk and did not fall again until morning.",
            '"Hold the door!" Wren shouted. "It\'s coming in!"',
            "Tamsin held it, and the lamp burned on above them both.",
        ],
        "",
        "",
    ),
)
WORK_NOTE = "Written for a prompt about lighthouses and patience."
END_NOTE = "Thank you all for waiting out the storm with me."
SUMMARY = "Two keepers, one lamp, and a storm that will not wait."
TAGS = {
    "Rating:": ["Teen And Up Audiences"],
    "Archive Warning:": ["No Archive Warnings Apply"],
    "Category:": ["Gen"],
    "Fandom:": ["Original Work"],
    "Relationship:": ["Wren &amp; Tamsin"],
    "Characters:": ["Wren", "Tamsin"],
    "Additional Tags:": ["Lighthouses", "Found Family"],
}
URL = "https://archiveofourown.org/works/424242"

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title>
<link rel="stylesheet" type="text/css" href="stylesheet.css"/></head><body>
"""
_TAIL = "</body></html>\n"


def page(title: str, body: str) -> bytes:
    return (_HEAD.format(title=title) + body + _TAIL).encode("utf-8")


def _ps(paragraphs: Sequence[str]) -> str:
    return "".join(f"<p>{p.replace('&', '&amp;')}</p>\n" for p in paragraphs)


def preface() -> bytes:
    tags = ""
    for label, values in TAGS.items():
        links = ", ".join(f'<a href="#">{v}</a>' for v in values)
        tags += f"<dt>{label}</dt><dd>{links}</dd>\n"
    tags += '<dt>Series:</dt><dd>Part 2 of <a href="#">Gull Point</a></dd>\n'
    tags += "<dt>Stats:</dt><dd>Published: 2021-03-04 Completed: 2021-04-05 Words: 120 "
    tags += "Chapters: 2/2</dd>\n"
    body = f"""<div id="preface">
<p class="message">Posted originally on the <a href="https://archiveofourown.org/">Archive of
Our Own</a> at <a href="{URL}">{URL}</a>.</p>
<div class="meta"><dl class="tags">
{tags}</dl>
<h1>The Quiet Tide</h1>
<div class="byline">by <a rel="author" href="https://archiveofourown.org/users/ada">ada_quill</a></div>
<p>Summary</p>
<blockquote class="userstuff"><p>{SUMMARY}</p></blockquote>
<p>Notes</p>
<blockquote class="userstuff"><p>{WORK_NOTE}</p></blockquote>
</div></div>
"""
    return page("Preface", body)


def ao3_chapter(number: int) -> bytes:
    heading, paragraphs, before, after = CHAPTERS[number - 1]
    notes = f'<p>Chapter Notes</p><blockquote class="userstuff"><p>{before}</p></blockquote>'
    end = '<div class="meta group"><p>Chapter End Notes</p><blockquote class="userstuff">'
    end += f"<p>{after}</p></blockquote></div>"
    body = f"""<div id="chapters" class="userstuff">
<div class="meta group"><h2 class="heading">{heading}</h2>{notes if before else ""}</div>
<div class="userstuff">{_ps(paragraphs)}</div>
{end if after else ""}
</div>
"""
    return page(heading, body)


def afterword() -> bytes:
    body = f"""<div id="afterword"><div class="meta"><p>End Notes</p>
<blockquote class="userstuff"><p>{END_NOTE}</p></blockquote></div>
<div id="endnotes"><p>Please <a href="{URL}#comments">drop by the archive and comment</a> to let
the creator know if you enjoyed their work!</p></div></div>
"""
    return page("Afterword", body)


def ao3_epub(path: Path, cover: bytes | None = None) -> Path:
    """An AO3-style EPUB 2 of :data:`CHAPTERS` (with a PNG ``cover`` when given)."""
    pages = [("preface.xhtml", "Preface", preface())]
    pages += [(f"chapter{n}.xhtml", CHAPTERS[n - 1][0], ao3_chapter(n)) for n in (1, 2)]
    pages.append(("afterword.xhtml", "Afterword", afterword()))
    subjects = ["Original Work", "Teen And Up Audiences", "Lighthouses"]
    metadata = {
        "title": "The Quiet Tide",
        "creator": "ada_quill",
        "publisher": "Archive of Our Own",
        "description": f"&lt;p&gt;{SUMMARY}&lt;/p&gt;",
        "identifier": URL,
    }
    return epub2(path, pages, metadata, subjects, cover=cover)


def epub2(
    path: Path,
    pages: Sequence[tuple[str, str, bytes]],
    metadata: dict[str, str],
    subjects: Sequence[str] = (),
    *,
    cover: bytes | None = None,
    extra_meta: str = "",
) -> Path:
    """An EPUB 2 of ``pages`` (name, contents title, bytes) under ``OEBPS/``, with an NCX."""
    items = "".join(
        f'<item id="p{i}" href="{name}" media-type="application/xhtml+xml"/>\n'
        for i, (name, _, _) in enumerate(pages)
    )
    spine = "".join(f'<itemref idref="p{i}"/>\n' for i in range(len(pages)))
    points = "".join(
        f'<navPoint id="n{i}" playOrder="{i + 1}"><navLabel><text>{title}</text></navLabel>'
        f'<content src="{name}"/></navPoint>\n'
        for i, (name, title, _) in enumerate(pages)
    )
    role = ' opf:role="aut"'
    meta = "".join(
        f"<dc:{key}{role if key == 'creator' else ''}>{value}</dc:{key}>\n"
        for key, value in metadata.items()
    )
    meta += "".join(f"<dc:subject>{s}</dc:subject>\n" for s in subjects)
    meta += '<dc:language>en</dc:language>\n<dc:identifier id="uid">test-book-1</dc:identifier>\n'
    if cover is not None:
        meta += '<meta name="cover" content="cover-img"/>\n'
        items += '<item id="cover-img" href="images/cover.png" media-type="image/png"/>\n'
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
{meta}{extra_meta}</metadata>
<manifest>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="css" href="stylesheet.css" media-type="text/css"/>
{items}</manifest>
<spine toc="ncx">
{spine}</spine>
</package>
"""
    ncx = f"""<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head><meta name="dtb:uid" content="test-book-1"/></head>
<docTitle><text>{metadata.get("title", "")}</text></docTitle>
<navMap>
{points}</navMap>
</ncx>
"""
    container = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>
"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        z.writestr("META-INF/container.xml", container, zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", opf, zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/toc.ncx", ncx, zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/stylesheet.css", ".u { text-decoration: underline; }\n")
        for name, _, data in pages:
            z.writestr(f"OEBPS/{name}", data, zipfile.ZIP_DEFLATED)
        if cover is not None:
            z.writestr("OEBPS/images/cover.png", cover)
    return path


def story_words(paragraphs: Sequence[str]) -> list[str]:
    """The words of ``paragraphs``, as a reader sees them (marks and dashes left out)."""
    return words(" ".join(paragraphs))


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.replace("’", "'"))


def book_text(path: Path) -> list[str]:
    """The text of each chapter page of a book fanfmt wrote, in spine order."""
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.search(r"chapter-\d+\.xhtml$", n))
        return [BeautifulSoup(z.read(n), "html.parser").get_text(" ") for n in names]


def is_subsequence(small: Sequence[str], big: Sequence[str]) -> bool:
    """Every item of ``small`` in ``big``, in the same order."""
    it = iter(big)
    return all(any(w == b for b in it) for w in small)
