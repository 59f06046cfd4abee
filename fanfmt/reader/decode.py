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
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from fanfmt.chars import CURLY_QUOTES, ELLIPSIS, EM_DASH, EN_DASH, TIMES
from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import ConfigError, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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
_NEWLINES = str.maketrans(
    {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n"}
)
_NEWLINES_FROM = "\u2028\u2029\x85\x0b\x0c"
_INVISIBLE = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u200b\u2060\ufeff\ufffc\ufffe\uffff"
_INVISIBLE_RE = re.compile(
    f"[{_INVISIBLE}\u200c\u200d]"
    f"(?:(?<=[{_INVISIBLE}])"  # always invisible
    "|(?<![^\x00-\x7f].)|(?![^\x00-\x7f]))"  # a joiner with ASCII (or nothing) on one side
)
"""Invisible and control characters, and zero-width (non-)joiners that join no two letters
of a script that needs them. One character class comes first so that ``re`` can skip
quickly over the text between them."""
_VISIBLE_RE = re.compile(
    "[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]"
)
"""A character that shows: not a space, a bidi mark, a variation selector or a soft hyphen."""
_SURROGATE_RE = re.compile("[\ud800-\udfff]+")
_ESCAPED_RE = re.compile("[\udc80-\udcff]+")
_MULTIBYTE_RE = re.compile("[^\x00-\x7f\udc80-\udcff]")
_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]+")
_DOS_LETTER = rb"[\x80-\x84\x86-\x90\x98-\x9a\xa1-\xa5]"
_DOS_LETTER_RE = re.compile(
    rb"(?<=[A-Za-z])" + _DOS_LETTER + rb"|" + _DOS_LETTER + rb"(?=[A-Za-z])"
)
"""A byte beside an ASCII letter that is a letter in cp437 (``caf\x82``: café) and a sign
in cp1252 (a low quote). Left out: the bytes cp1252 text puts beside letters, curly quotes and
dashes (91–97), the ellipsis (85) and the no-break space (A0)."""
_WESTERN_LETTER_RE = re.compile(rb"(?<=[A-Za-z])[\xc0-\xff]|[\xc0-\xff](?=[A-Za-z])")
"""A byte beside an ASCII letter that is an accented letter in cp1252 (é, ä, ñ)."""
_LATIN_LANGUAGES = ("", "Unknown", "English")
_MAX_LINE_REPORTS = 20
_DETECT_SAMPLE = 512 * 1024
_NAMES = {
    0x00: "NUL",
    0x09: "tab",
    0x1B: "ESC",
    0x7F: "DEL",
    0x200B: "zero-width space",
    0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner",
    0x2060: "word joiner",
    0xFEFF: "byte-order mark",
    0xFFFC: "object replacement",
}


@dataclass(slots=True)
class Decoded:
    """The text and what had to be repaired to get it."""

    text: str
    encoding: str
    repairs: list[tuple[str, str]] = field(default_factory=list)
    """``(code, message)`` pairs: E001 encoding guessed, E002 mojibake repaired, E003
    invisible or control characters removed, E006 bytes that could not be decoded as they stood."""
    lines: list[int] = field(default_factory=list)
    """The source line each repair is about (1 for the whole file), parallel to ``repairs``."""

    def report(self, code: str, message: str, line: int = 1) -> None:
        """Record one repair."""
        self.repairs.append((code, message))
        self.lines.append(line)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The repairs as ``info`` diagnostics of the ``decode`` step."""
        lines = self.lines + [1] * (len(self.repairs) - len(self.lines))
        return tuple(
            Diagnostic(line, 1, code, message, "info", "decode")
            for (code, message), line in zip(self.repairs, lines, strict=True)
        )


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
        result.text, result.encoding = _forced(data, encoding), encoding
    else:
        result.text, result.encoding = _detect(data, result)
    result.text = _repair(result.text, result)
    if _VISIBLE_RE.search(result.text) is None:
        raise InputError("the file has no text, only invisible or control characters")
    return result


def binary_kind(data: bytes) -> str | None:
    """``"a PDF file"`` when ``data`` is clearly not text, else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # a text that happens to start with "MZ"
            return what
    if data[4:8] == b"ftyp":
        return "a video or image file (MP4, HEIC, AVIF)"
    if (
        not data.startswith(tuple(bom for bom, _ in _BOMS))
        and _wide(data) is None
        and _binary(data)
    ):
        return "binary data"
    return None


def _forced(data: bytes, encoding: str) -> str:
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


def _detect(data: bytes, result: Decoded) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _lenient(data, name, result), name
    wide = _wide(data)
    if wide is not None:
        return _lenient(data, wide, result), wide
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


def _wide(data: bytes) -> str | None:
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


def _binary(data: bytes) -> bool:
    """Many control bytes (NUL, DLE…) where text has almost none; a few stray ones are repaired."""
    sample = data[:8192]
    bad = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return bad > len(sample) * (0.1 if len(sample) >= 256 else 0.3)


def _repair(text: str, result: Decoded) -> str:
    try:
        text.encode("utf-8")  # fails only on a lone surrogate; faster than searching for one
    except UnicodeEncodeError:
        text = _SURROGATE_RE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # mojibake first: its C1 characters (U+009D of a broken ”) are what ftfy repairs it from
    text = _unmojibake(text, result)
    if any(ch in text for ch in _NEWLINES_FROM):  # translate() is slow (0.1 s/MB): only if needed
        text = text.translate(_NEWLINES)
    found = _INVISIBLE_RE.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        kinds = Counter(m.group() for m in _INVISIBLE_RE.finditer(text))
        text = _INVISIBLE_RE.sub("", text)
        shown = ", ".join(
            f"{_NAMES.get(ord(ch), f'U+{ord(ch):04X}')} {TIMES}{n}"
            for ch, n in kinds.most_common(4)
        )
        more = ", …" if len(kinds) > 4 else ""
        total = sum(kinds.values())
        message = f"removed {total} invisible or control character(s): {shown}{more}"
        result.report("E003", message, line)
    return text


def _unmojibake(text: str, result: Decoded) -> str:
    """Repair text that was decoded with the wrong encoding somewhere along the way (ftfy).

    ftfy only changes a line that holds the signature of a mis-decoded UTF-8 sequence
    (see :func:`_signature`), so only those lines are handed to it: ftfy is not even
    imported for clean text, which keeps this step at a few milliseconds per megabyte.
    """
    if text.isascii() or _MAYBE_MOJIBAKE_RE.search(text) is None:
        return text  # the common case: no need to build the exact pattern (a few ms)
    starts: list[int] = []
    line_end = -1
    for m in _signature().finditer(text):
        if m.start() < line_end:
            continue  # on the line already found (a long line may hold thousands)
        starts.append(text.rfind("\n", 0, m.start()) + 1)
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
    if not starts:
        return text
    import ftfy
    from ftfy.badness import is_bad

    text_is_bad: bool | None = None
    parts: list[str] = []
    done = 0
    line_number, counted = 1, 0
    repaired = 0
    for start in starts:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if not is_bad(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed == line:
            continue
        if text_is_bad is None:
            # ftfy is asked about the whole text first, as it always was: the line with
            # its newlines is part of the text, so when it is bad, so is the text
            text_is_bad = is_bad(text[max(0, start - 1) : end + 1]) or is_bad(text)
        if not text_is_bad:
            return text
        line_number += text.count("\n", counted, start)
        counted = start
        repaired += 1
        if repaired <= _MAX_LINE_REPORTS:
            result.report("E002", f"repaired mojibake: {_excerpt(line, fixed)}", line_number)
        parts.append(text[done:start])
        parts.append(fixed)
        done = end
    if repaired > _MAX_LINE_REPORTS:
        result.report("E002", f"repaired mojibake on {repaired - _MAX_LINE_REPORTS} more line(s)")
    if not repaired:
        return text
    parts.append(text[done:])
    return "".join(parts)


_TYPOGRAPHY = CURLY_QUOTES + EM_DASH + EN_DASH + ELLIPSIS
"""Punctuation that is a lead character only in MacRoman, where no ASCII may follow it."""
_SPACED_LEADS = (
    "\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9\u00e2\u00e3\u00f0\u0100\u0101\u0102\u0103"
    "\u0106\u0107\u0110\u0111\u011e\u011f\u012a\u0139\u0141\u0160\u0161\u016e\u0392"
    "\u0393\u0395\u039e\u03a0\u03a9\u03b2\u03b3\u03c0\u0412\u0413\u0415\u041e\u0420"
    "\u0429\u0432\u0433\u0440\u2261\u2518\u251c\u252c\u253c\u2568\u256c"
)
"""What the lead bytes C2 C3 C5 CE D0 D9 E2 E3 F0 are in ftfy's encodings but MacRoman:
the characters ftfy may read a following space after as a lost no-break space."""
_MAYBE_MOJIBAKE_RE = re.compile(
    "[^\x00-\x7f](?:(?<=[\x80-\x9f])"
    f"|(?<![{_TYPOGRAPHY}])[^\x00-\x3e\x40-\x7f]"  # then anything but ASCII other than ?
    f"|(?<=[{_SPACED_LEADS}]) "
    f"|(?<=[{_TYPOGRAPHY}])[^\x00-\x7f{_TYPOGRAPHY}])"
)
"""A quick first look, built without any encoding's table, that finds at least every pair
:func:`_signature` finds: two non-ASCII characters in a row (but typographic punctuation
together, as in ``—”``), a lead that a space may follow, and a C1 control character."""
_CHARMAPS = (
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
def _signature() -> re.Pattern[str]:
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
    for name in _CHARMAPS:
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


def _excerpt(before: str, after: str) -> str:
    """``'donâ€™t go' → 'don’t go'``: the first place the repair changed, in a few words."""
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    lo = max(0, before.rfind(" ", 0, max(0, start - 12)) + 1)
    tail_b, tail_a = before[lo : lo + 30].rstrip(), after[lo : lo + 30].rstrip()
    return f"{tail_b!r} \u2192 {tail_a!r}"
