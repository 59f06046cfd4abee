"""The ``fanfmt.css`` beside XHTML outputs: fanfmt's own kept up to date, a user's left alone.

``place_stylesheet("out/fanfmt.css", plain, with_notes, notes=False)`` writes fanfmt's
stylesheet there when there is none, or when the one there is fanfmt's (either of the two
it writes: ``plain``, or ``with_notes``, which keeps the footnote rules once a chapter of
the folder needed them); it returns ``""``. A file there that is neither (a stylesheet of
your own, or fanfmt's edited by hand) is left as it is, and the result says so in one line:
``out/fanfmt.css: not replaced: it is not the stylesheet fanfmt writes (edited?); --force
replaces it``. With ``force`` it is replaced.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fanfmt.files import confined, write_if_changed

_MAX_STYLESHEET_BYTES = 1024 * 1024
"""A file there larger than this is not one fanfmt wrote (and is not read to find out)."""


def place_stylesheet(
    path: str | Path,
    plain: str,
    with_notes: str,
    *,
    notes: bool,
    force: bool = False,
    within: str | Path | None = None,
) -> str:
    """Write fanfmt's stylesheet at ``path`` unless a user's file is there (see the module);
    the line saying it was left alone, or ``""``."""
    target = confined(Path(path), within) if within is not None else Path(path)
    current = _current(target)
    if current is not None and current not in (plain, with_notes) and not force:
        return (
            f"{path}: not replaced: it is not the stylesheet fanfmt writes (edited?); "
            "--force replaces it"
        )
    text = with_notes if notes or current == with_notes else plain
    write_if_changed(path, text, within=within)
    return ""


def _current(target: Path) -> str | None:
    """The text of the file at ``target``: ``None`` when there is none to keep (missing, not
    a regular file, unreadable: writing it will say what is wrong); ``"\\0"`` when it cannot
    be fanfmt's (too large, not UTF-8)."""
    try:
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > _MAX_STYLESHEET_BYTES:
            return "\0"
        with open(target, "rb") as fh:
            return fh.read(_MAX_STYLESHEET_BYTES + 1).decode("utf-8")
    except UnicodeDecodeError:
        return "\0"
    except (OSError, ValueError):
        return None


__all__ = ["place_stylesheet"]
