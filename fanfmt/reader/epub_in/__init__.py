"""Read an EPUB 2 or 3 (FanFicFare, AO3, WebToEpub, calibre, fanfmt) without extracting it.

``read_epub("story.epub")`` → an :class:`EpubBook`: metadata, cover and chapters as HTML
pages for the HTML reader. :func:`fanfmt.epub.rebuild.rebuild_epub` makes a new book of it.

* :mod:`.archive` — the zip, in memory, with size, ratio and name limits (nothing extracted)
* :mod:`.opf` — ``container.xml`` → the package: metadata, spine, contents, cover
* :mod:`.furniture` — covers, title pages, contents pages; FanFicFare's title page facts
* :mod:`.book` — the story's pages in order, grouped into chapters
"""

from __future__ import annotations

from fanfmt.reader.epub_in.book import EpubBook, EpubChapter, is_epub, read_epub
from fanfmt.reader.epub_in.opf import Package

__all__ = ["EpubBook", "EpubChapter", "Package", "is_epub", "read_epub"]
