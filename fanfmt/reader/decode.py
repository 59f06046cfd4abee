"""Bytes → text: BOMs, UTF-8, UTF-16/32, legacy 8-bit encodings, mojibake repair.

* ``b"\\xef\\xbb\\xbfHi"`` → ``"Hi"`` (UTF-8 BOM dropped)
* ``"don\\x92t"`` in cp1252 → ``"don’t"``
* ``"donâ€™t"`` (UTF-8 read as cp1252) → ``"don’t"``, reported as E002
* NUL and other control characters are removed, reported as E003
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from fanfmt.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2028\u2029\ufeff\ufffc]")
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (EPUB, DOCX…)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "a Word document"),
)


@dataclass(slots=True)
class Decoded:
    """The text and what had to be repaired to get it."""

    text: str
    encoding: str
    repairs: list[tuple[str, str]] = field(default_factory=list)
    """``(code, message)`` pairs: E001 encoding guessed, E002 mojibake, E003 control chars."""


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a chapter file's bytes (see the module docstring)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}, not a text chapter")
    repairs: list[tuple[str, str]] = []
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"the file is not valid {encoding}: {exc.reason} at byte {exc.start}") from None
        used = encoding
    else:
        text, used = _detect(data, repairs)
    text = _repair(text, repairs)
    if not text.strip():
        raise InputError("the file is empty (no text to format)")
    return Decoded(text, used, repairs)


def _detect(data: bytes, repairs: list[tuple[str, str]]) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    if b"\x00" in data[:4096] and _looks_utf16(data):
        name = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _binary(data):
        raise InputError("this looks like a binary file, not a text chapter")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = best.encoding if best is not None else "cp1252"
    if name in ("ascii", "latin_1", "iso8859_1"):
        name = "cp1252"
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError):
        name = "cp1252"
        text = data.decode(name, errors="replace")
    repairs.append(("E001", f"not UTF-8: read as {name}"))
    return text, name


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample.count(b"\x00") > len(sample) // 4


def _binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bad > len(sample) * 0.1


def _repair(text: str, repairs: list[tuple[str, str]]) -> str:
    if _CONTROL_RE.search(text):
        count = len(_CONTROL_RE.findall(text))
        text = _CONTROL_RE.sub("", text)
        repairs.append(("E003", f"removed {count} invisible or control character(s)"))
    if any(marker in text for marker in ("â€", "Ã", "Â")):
        import ftfy

        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            repairs.append(("E002", "repaired mojibake (text decoded with the wrong encoding)"))
            text = fixed
    return text
