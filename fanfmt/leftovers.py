"""fanfmt's own temporary files, and the ones a killed run left behind.

Every output is first written to a temporary file beside it, named so that fanfmt can
tell its own, and which run made it:
``temporary_name("ch1.xhtml")`` → ``".ch1.xhtml.fanfmt-4242-0a1b2c3d.tmp"`` (process 4242).

A run killed with ``kill -9`` cannot remove its file. The next run that writes into
the same folder does (:func:`clean_leftovers`), but only a file that has exactly that
pattern, is a regular file (not a link) owned by this user, and whose process is gone.
Anything else, another program's ``.tmp`` or a live run's, is left alone.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from fanfmt import rx

_LEFTOVER_RE = rx.compile(
    r"\A\.(?P<name>.{1,40})\.fanfmt-(?P<pid>[1-9][0-9]{0,9})-[0-9a-f]{8}\.tmp\Z", re.S
)
_cleaned: set[str] = set()
"""Folders this process has cleaned already (once is enough)."""


def temporary_name(name: str) -> str:
    """The name of a new temporary file for ``name``: short enough for any file system.

    Its random part comes from ``os.urandom``, as ``secrets.token_hex`` would take it
    (without loading ``secrets``, and ``hmac`` and ``hashlib`` with it, on every build).
    """
    return f".{name[:40]}.fanfmt-{os.getpid()}-{os.urandom(4).hex()}.tmp"


def clean_leftovers(folder: str | Path) -> list[str]:
    """Remove what killed runs of fanfmt left in ``folder``, once per process; the names gone."""
    where = os.path.abspath(folder)
    if where in _cleaned:
        return []
    _cleaned.add(where)
    removed: list[str] = []
    try:
        entries = list(os.scandir(where))
    except (OSError, ValueError):
        return removed
    for entry in entries:
        m = _LEFTOVER_RE.match(entry.name)
        if m is None or _running(int(m.group("pid"))):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != _uid():
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.name)
    return removed


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def _running(pid: int) -> bool:
    """Is there a process ``pid``? (One of another user's counts: its file is kept.)"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


__all__ = ["clean_leftovers", "temporary_name"]
