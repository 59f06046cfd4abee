"""An EPUB's zip, opened safely: read in memory, never extracted, with limits on everything.

``EpubArchive(data, "story.epub").read("OEBPS/ch1.xhtml")`` → that entry's bytes.
``resolve("OEBPS/content.opf", "../Text/ch1.xhtml")`` → ``"Text/ch1.xhtml"``.

Refused, each with one line (an :class:`~fanfmt.errors.InputError`, exit 3):

* bytes that are not a zip archive, or a damaged one (a bad CRC when an entry is read)
* more than :data:`MAX_ENTRIES` entries, an entry over :data:`MAX_ENTRY_BYTES`
  uncompressed, more than :data:`MAX_TOTAL_BYTES` in all, or an entry that inflates over
  :data:`MAX_RATIO` times its compressed size (a zip bomb); the sizes are checked as the
  entry is inflated, not only as the zip's directory states them
* an encrypted entry (DRM, or a password), or a compression other than stored or deflated
* a name with ``..`` climbing above the archive's root, an absolute name, a drive letter or
  a backslash: nothing is ever written to disk, and an ``href`` that leads outside the
  archive is simply not found

Only the names the book's package names are read: nothing in the zip is run or opened by
anything but fanfmt's own readers (XML, HTML, images).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from urllib.parse import unquote, urlsplit

from fanfmt.errors import InputError

MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
"""Deflate packs text about 3–10 times; a ratio over this is a bomb, not a book."""
_SMALL = 64 * 1024
"""An entry that inflates to less than this is never refused for its ratio."""


class EpubArchive:
    """The entries of an EPUB's zip, read one at a time with every limit applied."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
        ):
            raise InputError(f"{source}: not a readable EPUB (a damaged zip archive)") from None
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"{source}: the EPUB has over {MAX_ENTRIES} files")
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if not safe_name(name):
                continue  # never looked up: an href cannot lead to it
            self._infos.setdefault(name, info)

    def names(self) -> list[str]:
        """Every entry's name, in the zip's order."""
        return list(self._infos)

    def has(self, name: str) -> bool:
        """Whether the archive holds ``name``."""
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The bytes of entry ``name`` (a missing entry is an :class:`InputError`)."""
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"{self.source}: the EPUB names {name!r}, which it does not hold")
        if info.flag_bits & 0x1:
            raise InputError(f"{self.source}: {name} is encrypted (DRM?): cannot read it")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{self.source}: {name} uses a compression EPUB does not allow")
        if info.file_size > MAX_ENTRY_BYTES:
            raise InputError(f"{self.source}: {name} is over {MAX_ENTRY_BYTES // 2**20} MiB")
        limit = min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - self._read_total)
        if info.compress_size and info.file_size > _SMALL:
            limit = min(limit, max(_SMALL, info.compress_size * MAX_RATIO))
        data = self._inflate(info, limit)
        self._read_total += len(data)
        return data

    def _inflate(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as fh:
                while chunk := fh.read(1024 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise InputError(
                            f"{self.source}: {info.filename} inflates far beyond its size "
                            f"(a zip bomb?): refused"
                        )
                    chunks.append(chunk)
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
            raise InputError(f"{self.source}: {info.filename} is damaged in the zip") from None
        return b"".join(chunks)


def safe_name(name: str) -> bool:
    """A zip name that stays inside the archive: ``"OEBPS/a.xhtml"`` yes, ``"../a"`` no."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    if len(name) > 1 and name[1] == ":":
        return False  # a drive letter
    return ".." not in name.split("/")


def resolve(base: str, href: str) -> str:
    """``href`` (relative to the file ``base``) → a zip name; ``""`` when it leaves the book.

    ``resolve("OEBPS/content.opf", "Text/ch%201.xhtml#top")`` → ``"OEBPS/Text/ch 1.xhtml"``;
    ``resolve("OEBPS/content.opf", "../../etc/passwd")`` → ``""``;
    ``resolve("a.opf", "http://example.com/x")`` → ``""``.
    """
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        return ""
    path = unquote(parts.path)
    if not path:
        return ""
    if path.startswith("/"):
        return ""
    folder = posixpath.dirname(base)
    joined = posixpath.join(folder, path) if folder else path
    depth = 0
    for part in joined.split("/"):
        if part == "..":
            depth -= 1
        elif part not in ("", "."):
            depth += 1
        if depth < 0:
            return ""
    name = posixpath.normpath(joined)
    return name if safe_name(name) and name != "." else ""


__all__ = [
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "EpubArchive",
    "resolve",
    "safe_name",
]
