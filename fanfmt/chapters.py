"""Which files a folder holds as chapters: one answer for ``build``, ``lint`` and ``diff``.

A folder stands for the chapter files anywhere below it (``.txt``, ``.text``, ``.md``,
``.markdown``), hidden files and folders skipped, and less a folder's own ``README``,
``LICENSE`` or ``CHANGELOG``; a folder's own files come first, in natural order
(``ch9.txt`` before ``ch10.txt``), then each subfolder's (``part1/…`` before ``part2/…``)::

    folder_chapters(Path("story"))  → [Path("story/ch1.txt"), Path("story/part2/ch1.md"), …]

A file named on its own is always read, whatever its suffix. A batch (``build DIR`` to
one output per chapter) takes the ``.txt`` files alone (:data:`BATCH_SUFFIXES`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from fanfmt import rx

CHAPTER_SUFFIXES: tuple[str, ...] = (".markdown", ".md", ".text", ".txt")
BATCH_SUFFIXES: tuple[str, ...] = (".txt",)
"""What a folder gives a batch (one output per chapter): its ``.txt`` files alone, since a
batch writes ``.md`` and ``.html`` outputs beside its inputs, which must not become
chapters of the next run."""
NOT_CHAPTERS: frozenset[str] = frozenset({"readme", "license", "licence", "changelog"})
"""File stems a folder holds beside its chapters."""
_DIGITS_RE = rx.compile(r"(\d+)")


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


def is_chapter(path: Path, suffixes: Iterable[str] = CHAPTER_SUFFIXES) -> bool:
    """A file a folder contributes: ``ch1.txt`` yes; ``.notes.txt``, ``README.md`` no."""
    suffixes = tuple(suffixes)
    if path.suffix.lower() not in suffixes or path.name.startswith("."):
        return False
    return suffixes == (".epub",) or path.stem.casefold() not in NOT_CHAPTERS


def walk_folder(folder: Path, suffixes: Iterable[str] = CHAPTER_SUFFIXES) -> Iterator[Path]:
    """The chapter files (or, given ``(".epub",)``, books) below ``folder``: a folder's own
    files first, in natural order, then each subfolder's the same way; hidden ones skipped."""
    suffixes = tuple(suffixes)
    for root, dirs, files in os.walk(folder):
        dirs[:] = natural_order(d for d in dirs if not d.startswith("."))
        for name in natural_order(files):
            path = Path(root, name)
            if is_chapter(path, suffixes):
                yield path


def no_chapters_message(suffixes: Iterable[str] = CHAPTER_SUFFIXES) -> str:
    """``"no chapter files (*.markdown *.md *.text *.txt) in this folder or below it"``."""
    kinds = " ".join(f"*{s}" for s in suffixes)
    return f"no chapter files ({kinds}) in this folder or below it"


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files as named, each folder as its chapter files (``-`` stays ``-``).

    A folder without a chapter file stays itself, so reading it says so
    (:func:`folder_problem`).
    """
    out: list[str] = []
    for item in inputs:
        if item != "-" and os.path.isdir(item):
            found = [str(p) for p in walk_folder(Path(item))]
            out.extend(found or [item])
        else:
            out.append(item)
    return out


def folder_problem(path: str) -> str:
    """``"story: no chapter files (…) in this folder or below it"`` for a folder, else ``""``."""
    if path != "-" and os.path.isdir(path):
        return f"{path}: {no_chapters_message()}"
    return ""


__all__ = [
    "BATCH_SUFFIXES",
    "CHAPTER_SUFFIXES",
    "NOT_CHAPTERS",
    "expand_inputs",
    "folder_problem",
    "is_chapter",
    "natural_key",
    "natural_order",
    "no_chapters_message",
    "walk_folder",
]
