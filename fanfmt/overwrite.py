"""An output is never one of the inputs: the check a batch makes before it writes anything.

``refuse_overwrites("ch.txt", "ch.md", {file_id("ch.md")}, stylesheet=False)`` →
``ConfigError("ch.md: refusing to overwrite an input with the output of ch.txt (…)")``
(exit 2): two inputs such as ``ch.txt ch.md --to markdown`` would have the first chapter's
output replace the second chapter before it is read. Files are compared by device and
inode, so a link, a hard link or ``..`` is the same file.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from fanfmt.errors import ConfigError

FileId = tuple[int, int]
"""A file's device and inode: two paths to the same file have the same one."""


def file_id(path: str | Path) -> FileId | None:
    """The file ``path`` names, or None when there is none (nothing there to overwrite)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def refuse_overwrites(
    source: str, output: str, files: Collection[FileId | None], *, stylesheet: bool
) -> None:
    """Raise :class:`ConfigError` when the ``output`` of ``source`` (or, with ``stylesheet``, the
    ``fanfmt.css`` beside it) is one of the input ``files`` (their :func:`file_id`),
    however it is spelt or linked: ``ch.md: refusing to overwrite an input with the output
    of ch.txt (…)``. Nothing has been written yet when this is asked."""
    out = file_id(output)
    if out in files:
        whose = "its own output" if out == file_id(source) else f"the output of {source}"
        raise ConfigError(
            f"{output}: refusing to overwrite an input with {whose} "
            "(leave it out of the inputs, or give -o another folder)"
        )
    css = Path(output).parent / "fanfmt.css"
    if stylesheet and file_id(css) in files:
        raise ConfigError(
            f"{css}: refusing to overwrite an input with the stylesheet of {output} "
            "(leave it out of the inputs, or use --stylesheet inline)"
        )


__all__ = ["FileId", "file_id", "refuse_overwrites"]
