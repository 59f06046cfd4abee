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

import contextlib
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

from fanfmt.template_runtime import ESCAPED, SETTINGS, Compiled


def cache_folder() -> str | None:
    """``$XDG_CACHE_HOME/fanfmt`` (else ``~/.cache/fanfmt``), created; None when not writable."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative: the XDG spec says to ignore it
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder either
        return None
    folder = os.path.join(base, "fanfmt")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except (OSError, ValueError):
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


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
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
            return None  # another's, or others may write it
        try:
            found = marshal.loads(fh.read())
        except (EOFError, ValueError, TypeError, OSError):
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
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps((stamp(builtin), table)))
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


__all__ = ["cache_file", "cache_folder", "read_compiled", "stamp", "write_compiled"]
