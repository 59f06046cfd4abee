"""The file that keeps the built-in templates' compiled code between runs.

``runtime-<stamp>.marshal`` in the user's cache folder (:func:`cache_folder`, made ``0700``)
holds, for every built-in template, its file, that file's size and modification time, and
the code Jinja compiled from it. It is written ``0600`` beside its place and renamed into
it, and read only when it is the current user's and no one else may write it, and when
its stamp names this fanfmt, this Jinja (its files) and this Python. Anything else (a
missing, damaged, foreign or stale file) reads as nothing: the templates are compiled
from their source, as the first time.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from types import CodeType

from fanfmt.template_runtime import ESCAPED, SETTINGS, Compiled
from fanfmt.user_cache import cache_folder, read_private, write_private


def stamp(builtin: Path) -> str:
    """What the compiled code depends on: fanfmt, Jinja (its files), Python, the settings."""
    from fanfmt.version import __version__

    origin = getattr(sys.modules.get("jinja2"), "__file__", None) or ""
    try:
        info = os.stat(origin)
        jinja = f"{origin}:{info.st_size}:{info.st_mtime_ns}"
    except OSError:
        jinja = origin
    settings = sorted((k, v) for k, v in SETTINGS.items() if isinstance(v, bool))
    return f"{__version__}|{jinja}|{sys.version}|{builtin}|{settings}|{ESCAPED}"


def cache_file(folder: str, builtin: Path) -> str:
    from zlib import crc32

    return os.path.join(folder, f"runtime-{crc32(stamp(builtin).encode('utf-8')):08x}.marshal")


def read_compiled(path: str, builtin: Path) -> Compiled | None:
    """The compiled templates in ``path``, or None when it is missing, foreign or stale."""
    data = read_private(path)
    if data is None:
        return None
    try:
        found = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == stamp(builtin)):
        return None
    table = found[1]
    if not isinstance(table, dict) or not all(_entry(k, v) for k, v in table.items()):
        return None
    return table


def _entry(name: object, entry: object) -> bool:
    """Is ``entry`` a template's (file, size, modification time, code), as kept?"""
    if not (isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 4):
        return False
    filename, size, mtime, code = entry
    return (
        isinstance(filename, str)
        and isinstance(size, int)
        and isinstance(mtime, int)
        and isinstance(code, CodeType)
    )


def write_compiled(path: str, builtin: Path, table: Compiled) -> None:
    """Keep ``table`` in ``path`` (``0600``, renamed into place); a failure is no error."""
    write_private(path, marshal.dumps((stamp(builtin), table)))


__all__ = ["cache_file", "cache_folder", "read_compiled", "stamp", "write_compiled"]
