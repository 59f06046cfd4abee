"""Refuse what is not a text chapter: PDF, images, archives, programs, binary data.

* ``b"%PDF-1.7…"`` → ``"a PDF file"``; a zip archive → ``"a zip archive (EPUB, DOCX, ODT…)"``
* many control bytes (NUL, DLE…) where text has almost none → ``"binary data"``
* UTF-16/32 text (a BOM, or zero bytes where mostly-ASCII text puts them) → None: text
"""

from __future__ import annotations

from fanfmt.reader.decode.encoding import BOMS, wide

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (EPUB, DOCX, ODT…)"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file (WebP, WAV, AVI)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"(\xb5/\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"\xca\xfe\xba\xbe", "a program"),
    (b"{\\rtf", "an RTF document (save it as plain text)"),
    (b"\xd0\xcf\x11\xe0", "a Word document (save it as plain text)"),
    (b"SQLite format 3\x00", "a database"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"fLaC", "an audio file"),
    (b"\x1aE\xdf\xa3", "a video file"),
    (b"wOFF", "a font"),
    (b"wOF2", "a font"),
    (b"%!PS", "a PostScript file"),
)


def binary_kind(data: bytes) -> str | None:
    """``"a PDF file"`` when ``data`` is clearly not text, else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # a text that happens to start with "MZ"
            return what
    if data[4:8] == b"ftyp":
        return "a video or image file (MP4, HEIC, AVIF)"
    if not data.startswith(tuple(bom for bom, _ in BOMS)) and wide(data) is None and _binary(data):
        return "binary data"
    return None


def _binary(data: bytes) -> bool:
    """Many control bytes (NUL, DLE…) where text has almost none; a few stray ones are repaired."""
    sample = data[:8192]
    bad = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return bad > len(sample) * (0.1 if len(sample) >= 256 else 0.3)
