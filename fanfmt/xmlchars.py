"""Characters no output may hold: what XML 1.0 forbids, and the invisible controls beside it.

XML 1.0 allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
U+10000–U+10FFFF. An EPUB with anything else is not a book (EPUBCheck: fatal). fanfmt
keeps out of every output, besides those, DEL, the C1 controls (U+0080–U+009F) and the
noncharacters (U+FDD0–U+FDEF, and U+FFFE and U+FFFF of every plane):

* ``strip_unsafe("a\\x01b\\ufffe")`` → ``"ab"``: the writers' last guard
* ``unsafe_in("Title\\x01")`` → ``"\\x01"``: the first such character of a setting, or ``""``
* ``drop_references("a&#1;b &#65;", "html")`` → ``("ab &#65;", ["&#1;"], 1)``: character
  references in HTML or Markdown source that would decode to one (``&#1;``, ``&#11;``,
  ``&#xFFFE;``; in Markdown ``&#12;``, the one markdown-it lets through), dropped before
  the page is parsed
"""

from __future__ import annotations

import re

from fanfmt import rx

_BMP_UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_UNSAFE = f"{_BMP_UNSAFE}{_NONCHARACTERS}"
UNSAFE_RE = rx.compile(f"[{_UNSAFE}]+")
"""A run of characters no output may hold."""
_MAYBE_UNSAFE_RE = rx.compile(f"[{_BMP_UNSAFE}\U0001fffe-\U0010ffff]")
"""A quick first look (a tenth of :data:`UNSAFE_RE`'s time on a long text): the characters
of the Basic Multilingual Plane no output may hold, and any character from U+1FFFE up."""
_REFERENCE = r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?"
_REFERENCE_RES = {
    "html": rx.compile(_REFERENCE),
    "markdown": rx.compile(rf"(?<!\\){_REFERENCE}"),  # ``\&#12;`` is the text "&#12;"
}
_C1_KEPT_BY_HTML = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
"""The references in U+0080–U+009F that HTML leaves controls (the others are read as the
cp1252 characters they stand for there: ``&#150;`` is an en dash)."""


def strip_unsafe(text: str) -> str:
    """``text`` without the characters no output may hold (see the module)."""
    if _MAYBE_UNSAFE_RE.search(text) is None or UNSAFE_RE.search(text) is None:
        return text
    return UNSAFE_RE.sub("", text)


def unsafe_in(text: str) -> str:
    """The first character of ``text`` no output may hold, or ``""``; tab, line feed and
    carriage return are allowed (a setting that must be one line says so itself)."""
    found = UNSAFE_RE.search(text) if _MAYBE_UNSAFE_RE.search(text) else None
    return found.group()[0] if found else ""


def _unsafe_code(code: int, fmt: str) -> bool:
    if code in (0, 9, 10, 13) or code > 0x10FFFF:
        return False  # read as U+FFFD, or white space XML allows
    if 0x80 <= code <= 0x9F:
        return fmt == "html" and code in _C1_KEPT_BY_HTML
    return UNSAFE_RE.match(chr(code)) is not None


def drop_references(text: str, fmt: str) -> tuple[str, list[str], int]:
    """``text`` (HTML or Markdown source, ``fmt``) without the character references that would
    decode to a character no output may hold; those references as typed; and where the
    first of them was (``-1``: none)."""
    if "&#" not in text:
        return text, [], -1
    dropped: list[str] = []
    first = -1

    def drop(m: re.Match[str]) -> str:
        nonlocal first
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if not _unsafe_code(code, fmt):
            return m.group()
        if not dropped:
            first = m.start()
        dropped.append(m.group())
        return ""

    return _REFERENCE_RES[fmt].sub(drop, text), dropped, first


def describe(found: str) -> str:
    """``"\\x01"`` → ``"U+0001"``."""
    return f"U+{ord(found):04X}"


__all__ = ["UNSAFE_RE", "describe", "drop_references", "strip_unsafe", "unsafe_in"]
