"""Which files make the book, and in which order.

Chapters are read in natural order, so numbers count as numbers::

    natural_order(["ch10.txt", "ch2.txt", "ch1.txt"])  → ["ch1.txt", "ch2.txt", "ch10.txt"]
    expand_sources(["story/"])                         → ["story/ch1.txt", "story/ch2.md", …]

A folder stands for the chapter files anywhere below it (:mod:`fanfmt.chapters`: ``.txt``,
``.text``, ``.md``, ``.markdown``, hidden ones and a folder's own ``README``, ``LICENSE`` or
``CHANGELOG`` left out), the same files ``build DIR -o out/``, ``lint DIR`` and ``diff DIR``
read; a file named on its own is always read. The same file named twice is read once.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fanfmt.chapters import (
    CHAPTER_SUFFIXES,
    NOT_CHAPTERS,
    natural_key,
    natural_order,
    no_chapters_message,
    walk_folder,
)
from fanfmt.errors import InputError


def _folder_chapters(folder: Path) -> list[str]:
    try:
        found = [str(p) for p in walk_folder(folder)]
    except OSError as exc:
        raise InputError(f"{folder}: cannot read the folder ({exc.strerror})") from None
    if not found:
        raise InputError(f"{folder}: {no_chapters_message()}")
    return found


def expand_sources(sources: Iterable[str]) -> list[str]:
    """Files and folders (``-`` for standard input) → chapter files: the files named in
    natural order, then each folder's chapters in the order :func:`walk_folder` gives."""
    files: list[str] = []
    folders: list[str] = []
    for source in sources:
        if source != "-" and Path(source).is_dir():
            folders.extend(_folder_chapters(Path(source)))
        else:
            files.append(source)
    seen: set[str] = set()
    unique: list[str] = []
    for name in [*natural_order(files), *folders]:
        identity = name if name == "-" else str(Path(name).resolve())
        if identity not in seen:
            seen.add(identity)
            unique.append(name)
    return unique


__all__ = [
    "CHAPTER_SUFFIXES",
    "NOT_CHAPTERS",
    "expand_sources",
    "natural_key",
    "natural_order",
]
