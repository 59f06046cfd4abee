"""EPUBs as ``fanfmt build``'s INPUT: one book, or a library of them, to rebuild.

``plan_epubs(["story.epub"], "fixed.epub", None)`` → ``"book"``;
``plan_epubs(["library/"], "fixed/", None)`` → ``"batch"`` (one new book per EPUB below
``library/``); ``plan_epubs(["ch1.txt"], None, None)`` → ``None`` (chapters: not for here).

* one ``.epub`` file (with ``-o NEW.epub``, ``-o -``, or ``--in-place``) → a book rebuilt
* several ``.epub`` files, or folders holding EPUBs and no chapter files → a batch, each
  book to ``-o``'s folder (keeping its path below the folder named) or, with
  ``--in-place``, over itself
* a ``--to`` other than ``epub`` with EPUB inputs is a usage error: an EPUB becomes an EPUB
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from fanfmt.errors import UsageError

EPUB_SUFFIXES = (".epub",)
_CHAPTER_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})


def is_epub_path(path: str) -> bool:
    """``"a/Story.EPUB"`` → True."""
    return path.lower().endswith(EPUB_SUFFIXES)


def holds_epubs(folder: str) -> bool:
    """A folder with EPUBs below it and no chapter files: a library."""
    found = False
    for path in walk_files(Path(folder)):
        suffix = path.suffix.lower()
        if suffix in _CHAPTER_SUFFIXES:
            return False
        found = found or suffix in EPUB_SUFFIXES
    return found


def walk_files(folder: Path) -> Iterator[Path]:
    """Every file below ``folder``, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root, name)


def plan_epubs(
    inputs: tuple[str, ...],
    output: str | None,
    to: str | None,
    *,
    listed: bool = False,
    in_place: bool = False,
) -> Literal["book", "batch"] | None:
    """What to do with EPUB inputs (see the module docstring); ``None``: they are not EPUBs."""
    if not inputs or listed:
        return None
    books = [i for i in inputs if i != "-" and (is_epub_path(i) or _library(i))]
    if not books:
        return None
    if len(books) != len(inputs):
        raise UsageError("EPUBs and chapter files cannot be built together: build them apart")
    if to not in (None, "epub"):
        raise UsageError(f"an EPUB is rebuilt as an EPUB: --to {to} does not apply to it")
    single = len(inputs) == 1 and not os.path.isdir(inputs[0])
    folder_out = output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))
    if single and not folder_out:
        return "book"
    if output == "-":
        raise UsageError("several books cannot go to standard output: give -o a folder")
    if output is None and not in_place:
        raise UsageError("name a folder for the new books with -o DIR/, or use --in-place")
    return "batch"


def _library(path: str) -> bool:
    return os.path.isdir(path) and holds_epubs(path)


__all__ = ["EPUB_SUFFIXES", "holds_epubs", "is_epub_path", "plan_epubs", "walk_files"]
