"""How a name from outside (a file name, a flag's value) is shown: on a terminal line,
and inside an output.

A file name is bytes to the system: it may hold a newline, an escape sequence that
clears the screen, or bytes that are not UTF-8 (Python keeps them as lone surrogates,
``caf\\udce9``). On a line fanfmt prints, each of them is written as an escape, so the
line stays one line and the terminal only ever shows text::

    printable("bad\\nname.txt")   → "bad\\\\nname.txt"
    printable("x\\x1b[2Jy.txt")   → "x\\\\x1b[2Jy.txt"
    printable("caf\\udce9.txt")   → "caf\\\\xe9.txt"

Inside a page or a book, where an escape would be noise, a byte that is not UTF-8
becomes ``�`` and a control character a space: ``as_text("caf\\udce9")`` → ``"caf\\ufffd"``.
"""

from __future__ import annotations

import re

from fanfmt import rx

_ESCAPED_RE = rx.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control characters, line and paragraph separators, the marks that turn text around
(a name that reads backwards), and lone surrogates."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL_RE = rx.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that would break or hijack a terminal line escaped."""
    if _ESCAPED_RE.search(text) is None:
        return text
    return _ESCAPED_RE.sub(_escape, text)


def as_text(name: str) -> str:
    """A file name as text for an output: its bytes that are not UTF-8 as ``�``, its
    control characters as spaces."""
    if _ESCAPED_RE.search(name) is None:
        return name
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = text.encode("utf-8", "replace").decode("utf-8")  # a surrogate of a pair, alone
    return _CONTROL_RE.sub(" ", text)


_SURROGATE_RE = rx.compile("[\ud800-\udfff]")


def unicode_name(name: str) -> str:
    """A file name as a JSON string can hold it: each byte that is not UTF-8 written as
    ``printable`` writes it (``"caf\\udce9.txt"`` → ``"caf\\\\xe9.txt"``), the rest as it is
    (JSON escapes what it must)."""
    if _SURROGATE_RE.search(name) is None:
        return name
    return _SURROGATE_RE.sub(_escape, name)


def not_utf8(value: str) -> str | None:
    """The first byte of ``value`` that was not UTF-8, shown (``"\\\\xe9"``), or None."""
    m = re.search("[\ud800-\udfff]", value)
    return None if m is None else _escape(m)


__all__ = ["as_text", "not_utf8", "printable"]
