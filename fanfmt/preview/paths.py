"""Which file of the chapter's folder a request names, if any: nothing outside it, ever.

``inside(Path("/story"), "/art/map.png")`` → ``Path("/story/art/map.png")``; a request that
could name anything else is refused before the file system is asked:

* ``..`` or ``.`` as a segment, as typed or percent-encoded (``/%2e%2e/x``, ``/..%2fx``);
* a backslash, a NUL, an empty segment (``//etc/passwd``), undecodable percent-escapes;
* a hidden name (``/.git/config``, ``/.env``): a dot file is never a chapter's picture;
* a path that leaves the folder once symbolic links are followed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit


class RefusedError(Exception):
    """A request for a file the preview will not serve: its HTTP status and why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def url_path(target: str) -> str:
    """The decoded path of a request target: ``/a%20b.png?x=1`` → ``/a b.png``.

    :raises RefusedError: 400 for anything but an origin-form target (``http://host/x``, ``*``)
        or a path whose escapes are not UTF-8.
    """
    if not target.startswith("/") or target.startswith("//"):
        raise RefusedError(400, "not a path on this server")
    path = urlsplit(target).path
    try:
        return unquote(path, errors="strict")
    except UnicodeDecodeError:
        raise RefusedError(400, "the path is not UTF-8") from None


def inside(root: Path, target: str) -> Path:
    """The regular file under ``root`` that the request target ``target`` names.

    :raises RefusedError: 400 for a malformed path, 403 for one that would lead outside
        ``root`` (or to a hidden file), 404 for a file that is not there.
    """
    path = url_path(target)
    if "\\" in path or "\x00" in path:
        raise RefusedError(400, "a backslash or NUL in the path")
    parts = path[1:].split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise RefusedError(403, "only plain names below the chapter's folder are served")
    if any(part.startswith(".") for part in parts):
        raise RefusedError(403, "hidden files are not served")
    base = root.resolve()
    try:
        found = base.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a loop of links, a name too long
        raise RefusedError(404, "no such file in the chapter's folder") from None
    if not found.is_relative_to(base):
        raise RefusedError(403, "the path leads outside the chapter's folder")
    if not found.is_file():
        raise RefusedError(404, "no such file in the chapter's folder")
    return found


__all__ = ["RefusedError", "inside", "url_path"]
