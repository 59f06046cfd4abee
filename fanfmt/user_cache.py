"""The user's cache folder, and the private files fanfmt keeps in it between runs.

``$XDG_CACHE_HOME/fanfmt`` (else ``~/.cache/fanfmt``), made ``0700``. A file in it is
written ``0600`` beside its place and renamed into it, and read only when it is the
current user's and no one else may write it; anything else reads as nothing.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from typing import Any


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


def read_private(path: str) -> bytes | None:
    """The bytes of ``path``; None when it is missing, another user's or others may write it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
            return None  # another's, or others may write it
        try:
            return fh.read()
        except OSError:
            return None


def write_private(path: str, data: bytes) -> None:
    """Keep ``data`` in ``path`` (``0600``, renamed into place); a failure is no error."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def kept_path(prefix: str, stamp: str) -> str | None:
    """``<cache folder>/<prefix>-<crc32 of stamp>.marshal``; None without a cache folder."""
    from zlib import crc32

    folder = cache_folder()
    if folder is None:
        return None
    return os.path.join(folder, f"{prefix}-{crc32(stamp.encode('utf-8')):08x}.marshal")


def load_kept(prefix: str, stamp: str) -> dict[Any, Any]:
    """The table kept under ``prefix`` for ``stamp``; empty when missing, foreign or stale."""
    path = kept_path(prefix, stamp)
    data = read_private(path) if path else None
    if data is None:
        return {}
    try:
        found = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return {}
    if isinstance(found, tuple) and len(found) == 2 and found[0] == stamp:
        return found[1] if isinstance(found[1], dict) else {}
    return {}


def save_kept(prefix: str, stamp: str, table: dict[Any, Any]) -> None:
    """Keep ``table`` under ``prefix`` for ``stamp``; a failure is no error."""
    path = kept_path(prefix, stamp)
    if path:
        with contextlib.suppress(ValueError):  # a value marshal cannot keep
            write_private(path, marshal.dumps((stamp, table)))


__all__ = ["cache_folder", "load_kept", "read_private", "save_kept", "write_private"]
