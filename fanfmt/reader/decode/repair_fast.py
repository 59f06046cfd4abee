"""The quick look that keeps mojibake repair fast: which lines ftfy could change at all.

ftfy changes a line only if it holds two characters that one of its encodings makes of a
UTF-8 sequence (:func:`signature`); :data:`MAYBE_MOJIBAKE_RE`, built without any
encoding's table, finds at least those, so clean text never builds the exact pattern.
Both are pinned to ftfy by ``tests/test_fast_paths.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from fanfmt import rx
from fanfmt.chars import CURLY_QUOTES, ELLIPSIS, EM_DASH, EN_DASH

_TYPOGRAPHY = CURLY_QUOTES + EM_DASH + EN_DASH + ELLIPSIS
"""Punctuation that is a lead character only in MacRoman, where no ASCII may follow it."""
SPACED_LEADS = (
    "\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9\u00e2\u00e3\u00f0\u0100\u0101\u0102\u0103"
    "\u0106\u0107\u0110\u0111\u011e\u011f\u012a\u0139\u0141\u0160\u0161\u016e\u0392"
    "\u0393\u0395\u039e\u03a0\u03a9\u03b2\u03b3\u03c0\u0412\u0413\u0415\u041e\u0420"
    "\u0429\u0432\u0433\u0440\u2261\u2518\u251c\u252c\u253c\u2568\u256c"
)
"""What the lead bytes C2 C3 C5 CE D0 D9 E2 E3 F0 are in ftfy's encodings but MacRoman:
the characters ftfy may read a following space after as a lost no-break space."""
MAYBE_MOJIBAKE_RE = rx.compile(
    "[^\x00-\x7f](?:(?<=[\x80-\x9f])"
    f"|(?<![{_TYPOGRAPHY}])[^\x00-\x3e\x40-\x7f]"  # then anything but ASCII other than ?
    f"|(?<=[{SPACED_LEADS}]) "
    f"|(?<=[{_TYPOGRAPHY}])[^\x00-\x7f{_TYPOGRAPHY}])"
)
"""A quick first look, built without any encoding's table, that finds at least every pair
:func:`signature` finds: two non-ASCII characters in a row (but typographic punctuation
together, as in ``—”``), a lead that a space may follow, and a C1 control character."""
CHARMAPS = (
    "latin-1",
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859-2",
    "mac-roman",
    "cp437",
)
"""The 8-bit encodings ftfy undoes (``ftfy.chardata.CHARMAP_ENCODINGS``)."""
_A0_LEADS = (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE2, 0xE3, 0xF0)
"""Lead bytes after which ftfy reads a space as a lost no-break space (byte A0)."""


@cache
def signature() -> re.Pattern[str]:
    """Two characters that one of ftfy's encodings makes of a UTF-8 sequence.

    UTF-8 read as cp1252 turns ``’`` (E2 80 99) into ``â€™``: a lead byte (C0–F4)
    becomes ``â`` and a continuation byte (80–BF) ``€``. ftfy repairs a line only by
    re-encoding it whole in one such encoding and decoding the bytes as UTF-8, so a
    line it would change has a lead character followed by a continuation character,
    or by a space, ``?`` or U+FFFD where ftfy allows a byte to have been lost (a space
    only after the leads of a lost no-break space, never in MacRoman). The pattern
    finds such pairs, a few more besides (it does not pair each lead with its own
    encoding's continuations), and C1 control characters on their own:
    ``"donâ€™t"`` matches; ``"café"`` and ``"“Hi,” she said"`` do not.
    """
    western: set[str] = set()  # leads in an encoding where ? or U+FFFD may follow
    other: set[str] = set()  # leads only in MacRoman or cp437
    spaced: set[str] = set()  # leads a space may follow
    continuations: set[str] = set()
    other_continuations: set[str] = set()
    for name in CHARMAPS:
        table = _byte_chars(name)
        leads, follows = set(table[0xC0:0xF5]), set(table[0x80:0xC0])
        continuations |= follows
        if name in ("mac-roman", "cp437"):
            other |= leads
            other_continuations |= follows
        else:
            western |= leads
        if name != "mac-roman":
            spaced |= {table[byte] for byte in _A0_LEADS}
    other -= western | spaced
    western -= spaced
    lost = {"?", "\ufffd"}
    branches = (
        ("\x80-\x9f", ""),
        (_char_class(other), _char_class(other_continuations)),
        (_char_class(western), _char_class(continuations | lost)),
        (_char_class(spaced), _char_class(continuations | lost | {" "})),
    )
    first = "".join(leads for leads, _ in branches)
    rest = "|".join(
        f"(?<=[{leads}])[{after}]" if after else f"(?<=[{leads}])" for leads, after in branches
    )
    return re.compile(f"[{first}](?:{rest})")


def _byte_chars(encoding: str) -> list[str]:
    """The character ``encoding`` decodes each byte to; an undefined byte stands for itself."""
    chars = bytes(range(256)).decode(encoding, errors="replace")
    return [chr(byte) if ch == "\ufffd" else ch for byte, ch in enumerate(chars)]


def _char_class(chars: Iterable[str]) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))
