"""Bytes → text: BOMs, UTF-8, UTF-16/32, legacy 8-bit encodings, mojibake repair.

* ``b"\\xef\\xbb\\xbfHi"`` → ``"Hi"`` (UTF-8 BOM dropped); UTF-16/32 with a BOM, or
  without one when the zero bytes show it, are decoded as such
* ``b"don\\x92t"`` (cp1252, or any 8-bit encoding charset-normalizer recognises)
  → ``"don’t"``, reported as E001
* UTF-8 with a few stray cp1252 bytes (``b"caf\\xc3\\xa9 \\x93hi\\x94"``) → ``"café “hi”"``;
  bytes no encoding explains (a lone UTF-16 surrogate) → ``"�"``; both reported as E006
* ``"donâ€™t"`` (UTF-8 once read as cp1252) → ``"don’t"`` (ftfy), one E002 per line repaired
* ``\\r\\n`` and a lone ``\\r`` → ``\\n``; U+2028, U+0085, form feed → a line break;
  U+2029 → a blank line
* NUL, other control characters and zero-width characters (U+200B, U+FEFF, a
  zero-width joiner outside an emoji or a script that needs it) are removed, reported as E003
* refused with :class:`~fanfmt.errors.InputError`: PDF, images, archives, programs and
  other binary data, and text that is empty once decoded
* ``encoding="cp1251"`` forces an encoding: bytes it cannot decode are an error;
  a name Python does not know is a :class:`~fanfmt.errors.ConfigError`

What is refused: :mod:`.binary`; which encoding: :mod:`.encoding`; the repairs:
:mod:`.repair` (and :mod:`.repair_fast`, the quick look for mojibake).
"""

from __future__ import annotations

from fanfmt.errors import InputError
from fanfmt.reader.decode.binary import binary_kind
from fanfmt.reader.decode.decoded import Decoded
from fanfmt.reader.decode.encoding import detect, forced
from fanfmt.reader.decode.repair import VISIBLE_RE, repair_text

__all__ = ["Decoded", "binary_kind", "decode"]


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a chapter file's bytes (see the module docstring)."""
    data = data.rstrip(b"\x1a")  # DOS end-of-file padding (Ctrl-Z) after the text
    if not data.replace(b"\x00", b"").strip():
        raise InputError("the file is empty (no text to format)")
    what = binary_kind(data)
    if what is not None:
        raise InputError(f"this is {what}, not a text chapter")
    result = Decoded("", "")
    if encoding is not None:
        result.text, result.encoding = forced(data, encoding), encoding
    else:
        result.text, result.encoding = detect(data, result)
    result.text = repair_text(result.text, result)
    if VISIBLE_RE.search(result.text) is None:
        raise InputError("the file has no text, only invisible or control characters")
    return result
