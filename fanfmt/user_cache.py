"""The user's cache folder, and the private files fanfmt keeps in it between runs.

``$XDG_CACHE_HOME/fanfmt`` (else ``~/.cache/fanfmt``), made ``0700``. A file in it is
written ``0600`` beside its place and renamed into it, and read only when it is the
current user's and no one else may write it; anything else reads as nothing.
"""

from __future__ import annotations

import contextlib
import os


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


__all__ = ["cache_folder", "read_private", "write_private"]
