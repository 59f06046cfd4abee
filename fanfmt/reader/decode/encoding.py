"""Which encoding the bytes are in, and the text they decode to.

* a BOM (UTF-8, UTF-16, UTF-32) → that encoding; zero bytes where mostly-ASCII text has
  them (or the spaces of UTF-16 Cyrillic) → UTF-16/32 without a BOM
* valid UTF-8 → UTF-8; UTF-8 with a few stray cp1252 bytes → those read as cp1252 (E006)
* anything else → cp1252, cp437 (an old DOS file) or what charset-normalizer is sure of (E001)
* ``encoding="cp1251"`` (``--encoding``) forces one: bytes it cannot decode are an error
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from typing import TYPE_CHECKING

from fanfmt import rx
from fanfmt.errors import ConfigError, InputError

if TYPE_CHECKING:
    from fanfmt.reader.decode.decoded import Decoded

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ESCAPED_RE = rx.compile("[\udc80-\udcff]+")
_MULTIBYTE_RE = rx.compile("[^\x00-\x7f\udc80-\udcff]")
_HIGH_RUN_RE = rx.compile(rb"[\x80-\xff]+")
_DOS_LETTER = rb"[\x80-\x84\x86-\x90\x98-\x9a\xa1-\xa5]"
_DOS_LETTER_RE = rx.compile(
    rb"(?<=[A-Za-z])" + _DOS_LETTER + rb"|" + _DOS_LETTER + rb"(?=[A-Za-z])"
)
"""A byte beside an ASCII letter that is a letter in cp437 (``caf\x82``: café) and a sign
in cp1252 (a low quote). Left out: the bytes cp1252 text puts beside letters, curly quotes and
dashes (91–97), the ellipsis (85) and the no-break space (A0)."""
_WESTERN_LETTER_RE = rx.compile(rb"(?<=[A-Za-z])[\xc0-\xff]|[\xc0-\xff](?=[A-Za-z])")
"""A byte beside an ASCII letter that is an accented letter in cp1252 (é, ä, ñ)."""
_LATIN_LANGUAGES = ("", "Unknown", "English")
_DETECT_SAMPLE = 512 * 1024


def forced(data: bytes, encoding: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ConfigError(f"--encoding: unknown encoding {encoding!r}") from None
    name = "utf-8-sig" if info.name == "utf-8" else info.name
    try:
        return data.decode(name)
    except LookupError:
        raise ConfigError(f"--encoding: {encoding!r} is not a text encoding") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid {encoding} at line {line} (byte {exc.start}: {exc.reason}); "
            "leave out --encoding to have it detected"
        ) from None


def detect(data: bytes, result: Decoded) -> tuple[str, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return _lenient(data, name, result), name
    found = wide(data)
    if found is not None:
        return _lenient(data, found, result), found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            try:
                text = data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:  # a file cut short in the middle of its last character
                line = text.count("\n") + 1
                result.report("E006", "the file ends in the middle of a character (\ufffd)", line)
                return text + "\ufffd", "utf-8"
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(len(m) for m in _ESCAPED_RE.findall(text))
    if len(_MULTIBYTE_RE.findall(text)) >= stray:
        # UTF-8 with a few bytes pasted from a cp1252 file (curly quotes, mostly)
        line = text.count("\n", 0, _ESCAPED_RE.search(text).start()) + 1  # type: ignore[union-attr]
        fixed = _ESCAPED_RE.sub(_cp1252, text)
        result.report("E006", f"{stray} byte(s) that are not UTF-8 read as cp1252", line)
        return fixed, "utf-8"
    name = _legacy(data)
    result.report("E001", f"not UTF-8: read as {name}")
    return _lenient(data, name, result), name


def _cp1252(m: re.Match[str]) -> str:
    raw = bytes(ord(c) - 0xDC00 for c in m.group())
    return raw.decode("cp1252", errors="replace")


def _legacy(data: bytes) -> str:
    """The 8-bit encoding of ``data``: cp1252 unless charset-normalizer is sure of another."""
    from charset_normalizer import from_bytes

    sample = (
        data if len(data) <= 2 * _DETECT_SAMPLE else data[:_DETECT_SAMPLE] + data[-_DETECT_SAMPLE:]
    )
    best = from_bytes(sample).best()
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if best is None:
        return "cp1252" if western is not None else "latin-1"
    if western is not None:
        # Western text has lone high bytes (é, curly quotes) between ASCII letters;
        # Cyrillic, Greek or CJK text has whole words of them.
        runs = [len(run) for run in _HIGH_RUN_RE.findall(sample)]
        lone = runs.count(1)
        if _dos(sample):
            return "cp437"
        if lone * 2 >= sum(runs) or best.language in _LATIN_LANGUAGES or str(best) == western:
            return "cp1252"
    return codecs.lookup(best.encoding).name


def _dos(sample: bytes) -> bool:
    """An old DOS file (cp437): the high bytes beside its letters are letters there and
    signs in cp1252, and it has none of cp1252's accented letters.
    ``b"Le caf\x82 \x82tait ferm\x82"`` → True (Le café était fermé)."""
    found: list[bytes] = _DOS_LETTER_RE.findall(sample)
    if len(found) < 3 or len(_WESTERN_LETTER_RE.findall(sample)) * 10 > len(found):
        return False
    dos = sum(b.decode("cp437").isalpha() for b in found)
    western = sum(b.decode("cp1252", errors="replace").isalpha() for b in found)
    return dos >= 0.8 * len(found) and western <= 0.2 * len(found)


def _lenient(data: bytes, name: str, result: Decoded) -> str:
    """Decode with ``name``; bytes it cannot decode become U+FFFD and are reported."""
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        pass
    text = data.decode(name, errors="replace")
    count = text.count("\ufffd") - data.decode(name, errors="ignore").count("\ufffd")
    line = text.count("\n", 0, max(0, text.find("\ufffd"))) + 1
    result.report(
        "E006", f"{count} undecodable byte sequence(s) in {name} replaced with \ufffd", line
    )
    return text


def wide(data: bytes) -> str | None:
    """``utf-16-le`` and friends, told by where the zero bytes of mostly-ASCII text fall."""
    sample = data[:4096]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    for name, width, offset in (
        ("utf-32-le", 4, 1),
        ("utf-32-be", 4, 0),
        ("utf-16-le", 2, 1),
        ("utf-16-be", 2, 0),
    ):
        units = len(sample) // width
        if units == 0:
            continue
        if width == 4:
            zeros = sum(
                1
                for i in range(units)
                if sample[i * 4 + 2 : i * 4 + 4] == b"\x00\x00"
                and (sample[i * 4 + 1] == 0 if offset else sample[i * 4 : i * 4 + 2] == b"\x00\x00")
            )
        else:
            zeros = sample[offset::2].count(0)
            letters = len(sample[1 - offset :: 2]) - sample[1 - offset :: 2].count(0)
            if letters < units * 0.5:
                continue
        if zeros >= units * 0.7:
            return name
    return _wide_script(sample)


def _wide_script(sample: bytes) -> str | None:
    """UTF-16 of a script outside ASCII (Cyrillic, Greek…): its spaces and line ends are
    whole units (``20 00``), and its letters share one or two high bytes (``04`` for Cyrillic).
    """
    for name, offset in (("utf-16-le", 1), ("utf-16-be", 0)):
        high, low = sample[offset::2], sample[1 - offset :: 2]
        units = min(len(high), len(low))
        blanks = sum(1 for h, lo in zip(high, low, strict=False) if h == 0 and lo in b" \n\r")
        if units < 8 or blanks < units * 0.05:
            continue
        common = sum(n for _, n in Counter(high[:units]).most_common(2))
        if common < units * 0.9:
            continue
        try:
            sample[: units * 2].decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None
