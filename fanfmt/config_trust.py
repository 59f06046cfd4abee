"""Which ``fanfmt.toml`` found above an input may be followed, and what to say about it.

A ``fanfmt.toml`` is looked for in the input's folder and every folder above it, so one
that someone else put in a shared folder (``/tmp/fanfmt.toml``) would set the options,
the templates and the cover of a build. One found that way is skipped, with a warning,
when it cannot be trusted to be the user's own:

* it is owned by a user other than the current one or root
* it is world-writable, or its folder is (``/tmp``): anyone may have written it

``trusted_config("story/ch5.txt", warn=print)`` → ``Path("story/fanfmt.toml")``, the
nearest one that may be followed (skipped ones are passed to ``warn``), or None.

``config_notice(Path("/home/me/fanfmt.toml"), "story/ch5.txt")`` →
``"using settings from /home/me/fanfmt.toml (above the input's folder)"``: a build
that follows a file from outside the input's own folder says so, every time.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from fanfmt.config import find_config


def distrust(path: Path) -> str | None:
    """Why ``path`` (a found ``fanfmt.toml``) must not be followed, or None when it may be.

    ``distrust(Path("/tmp/fanfmt.toml"))`` → ``"its folder /tmp is world-writable"``.
    """
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # no owners to compare (Windows)
        return None
    try:
        info = os.stat(path)
        folder = os.stat(path.parent)
    except OSError:
        return None  # gone or unreadable: reading it will say so
    if info.st_uid not in (geteuid(), 0):
        return f"owned by another user (uid {info.st_uid})"
    if info.st_mode & stat.S_IWOTH:
        return "it is world-writable"
    if folder.st_mode & stat.S_IWOTH:
        return f"its folder {path.parent} is world-writable"
    return None


def trusted_config(start: str | Path, *, warn: Callable[[str], None]) -> Path | None:
    """The nearest ``fanfmt.toml`` from ``start`` up that may be followed, else None.

    Each one skipped on the way is reported through ``warn``, in one line:
    ``/tmp/fanfmt.toml: not used (its folder /tmp is world-writable)``.
    """
    path = find_config(start)
    while path is not None:
        reason = distrust(path)
        if reason is None:
            return path
        warn(f"{path}: not used ({reason})")
        above = path.parent.parent
        path = find_config(above) if above != path.parent else None
    return None


def input_folder(start: str | Path) -> Path | None:
    """The folder of an input (a file's folder, or the folder itself), resolved."""
    try:
        here = Path(start).expanduser().resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    return here if here.is_dir() else here.parent


def config_notice(path: Path, start: str | Path) -> str | None:
    """A line to print when ``path`` lies outside the folder of the input ``start``, else None."""
    folder = input_folder(start)
    try:
        beside = folder is not None and path.resolve().parent == folder
    except (OSError, RuntimeError):
        beside = False
    if beside:
        return None
    return f"using settings from {path} (above the input's folder)"


__all__ = ["config_notice", "distrust", "input_folder", "trusted_config"]
