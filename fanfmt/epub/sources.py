"""Which files make the book, and in which order.

Chapters are read in natural order, so numbers count as numbers::

    natural_order(["ch10.txt", "ch2.txt", "ch1.txt"])  → ["ch1.txt", "ch2.txt", "ch10.txt"]
    expand_sources(["story/"])                         → ["story/ch1.txt", "story/ch2.md", …]

A folder stands for the chapter files directly inside it (``.txt``, ``.text``, ``.md``,
``.markdown``), less hidden files and a folder's own ``README``, ``LICENSE`` or
``CHANGELOG``; a file named on its own is always read. The same file named twice is
read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from fanfmt.errors import InputError

CHAPTER_SUFFIXES: frozenset[str] = frozenset({".txt", ".text", ".md", ".markdown"})
NOT_CHAPTERS: frozenset[str] = frozenset({"readme", "license", "licence", "changelog"})
"""File stems a folder holds beside its chapters."""
_DIGITS_RE = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[str | int, ...], str]:
    """``"Ch10.txt"`` → ``(("ch", 10, ".txt"), "Ch10.txt")``: digit runs compare as numbers.

    Text parts sit at even positions and numbers at odd ones, so two keys always
    compare part by part; the name itself breaks ties (``ch01`` and ``ch1``).
    """
    parts = _DIGITS_RE.split(name.casefold())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), name


def natural_order(names: Iterable[str]) -> list[str]:
    """``["ch10", "ch2"]`` → ``["ch2", "ch10"]``."""
    return sorted(names, key=natural_key)


def _folder_chapters(folder: Path) -> list[str]:
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"{folder}: cannot read the folder ({exc.strerror})") from None
    found = [
        str(p)
        for p in entries
        if p.suffix.lower() in CHAPTER_SUFFIXES
        and not p.name.startswith(".")
        and p.stem.casefold() not in NOT_CHAPTERS
        and p.is_file()
    ]
    if not found:
        suffixes = ", ".join(sorted(CHAPTER_SUFFIXES))
        raise InputError(f"{folder}: no chapter files ({suffixes}) in this folder")
    return found


def expand_sources(sources: Iterable[str]) -> list[str]:
    """Files and folders (``-`` for standard input) → chapter files in natural order."""
    files: list[str] = []
    for source in sources:
        if source != "-" and Path(source).is_dir():
            files.extend(_folder_chapters(Path(source)))
        else:
            files.append(source)
    seen: set[str] = set()
    unique: list[str] = []
    for name in natural_order(files):
        identity = name if name == "-" else str(Path(name).resolve())
        if identity not in seen:
            seen.add(identity)
            unique.append(name)
    return unique
