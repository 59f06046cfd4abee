"""EPUB 3 books: many chapters → one reproducible ``.epub``.

>>> from fanfmt.epub import build_epub
>>> from fanfmt.options import Options
>>> built = build_epub(["ch1.txt", "ch10.txt", "ch2.txt"], "story.epub",
...                    Options(author="Someone"))                        # doctest: +SKIP
>>> [c.title for c in built.book.chapters]                               # doctest: +SKIP
['Chapter 1: Beginnings', 'Chapter 2: …', 'Chapter 10: …']

* :mod:`fanfmt.epub.sources` — files and folders → chapter files in natural order
* :mod:`fanfmt.epub.meta` — title, author, language, date and identifier of the book
* :mod:`fanfmt.epub.package` — documents → every file of the book → a fixed-time zip
* :mod:`fanfmt.epub.build` — the reading and writing around them
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fanfmt.epub.build import EpubBuild, build_epub, render_epub, write_epub
    from fanfmt.epub.meta import BookMeta
    from fanfmt.epub.package import Book, Chapter, Cover
    from fanfmt.epub.sources import expand_sources, natural_order

_HOMES = {
    "EpubBuild": "build",
    "build_epub": "build",
    "render_epub": "build",
    "write_epub": "build",
    "BookMeta": "meta",
    "Book": "package",
    "Chapter": "package",
    "Cover": "package",
    "expand_sources": "sources",
    "natural_order": "sources",
}
"""Each public name's module, imported on first use: a chapter build that only asks
``fanfmt.epub.library`` whether its inputs are EPUBs loads none of the book writer."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f"fanfmt.epub.{home}"), name)


__all__ = [
    "Book",
    "BookMeta",
    "Chapter",
    "Cover",
    "EpubBuild",
    "build_epub",
    "expand_sources",
    "natural_order",
    "render_epub",
    "write_epub",
]
