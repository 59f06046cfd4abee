"""Repair decoded text: line ends, mojibake, invisible and control characters.

* ``\\r\\n`` and a lone ``\\r`` → ``\\n``; U+2028, U+0085, form feed → a line break;
  U+2029 → a blank line; a lone surrogate → U+FFFD
* ``"donâ€™t"`` (UTF-8 once read as cp1252) → ``"don’t"`` (ftfy), one E002 per line repaired
* NUL, other control characters and zero-width characters (U+200B, U+FEFF, a zero-width
  joiner outside an emoji or a script that needs it) are removed, reported as E003
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from fanfmt import rx
from fanfmt.chars import TIMES
from fanfmt.reader.decode.repair_fast import MAYBE_MOJIBAKE_RE, signature

if TYPE_CHECKING:
    from fanfmt.reader.decode.decoded import Decoded

_NEWLINES = str.maketrans(
    {"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n"}
)
_NEWLINES_FROM = "\u2028\u2029\x85\x0b\x0c"
_INVISIBLE = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u200b\u2060\ufeff\ufffc\ufffe\uffff"
INVISIBLE_RE = rx.compile(
    f"[{_INVISIBLE}\u200c\u200d]"
    f"(?:(?<=[{_INVISIBLE}])"  # always invisible
    "|(?<![^\x00-\x7f].)|(?![^\x00-\x7f]))"  # a joiner with ASCII (or nothing) on one side
)
"""Invisible and control characters, and zero-width (non-)joiners that join no two letters
of a script that needs them. One character class comes first so that ``re`` can skip
quickly over the text between them."""
VISIBLE_RE = rx.compile(
    "[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]"
)
"""A character that shows: not a space, a bidi mark, a variation selector or a soft hyphen."""
_SURROGATE_RE = rx.compile("[\ud800-\udfff]+")
_MAX_LINE_REPORTS = 20
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


def repair_text(text: str, result: Decoded) -> str:
    try:
        text.encode("utf-8")  # fails only on a lone surrogate; faster than searching for one
    except UnicodeEncodeError:
        text = _SURROGATE_RE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # mojibake first: its C1 characters (U+009D of a broken ”) are what ftfy repairs it from
    text = unmojibake(text, result)
    if any(ch in text for ch in _NEWLINES_FROM):  # translate() is slow (0.1 s/MB): only if needed
        text = text.translate(_NEWLINES)
    found = INVISIBLE_RE.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        kinds = Counter(m.group() for m in INVISIBLE_RE.finditer(text))
        text = INVISIBLE_RE.sub("", text)
        shown = ", ".join(
            f"{_NAMES.get(ord(ch), f'U+{ord(ch):04X}')} {TIMES}{n}"
            for ch, n in kinds.most_common(4)
        )
        more = ", …" if len(kinds) > 4 else ""
        total = sum(kinds.values())
        message = f"removed {total} invisible or control character(s): {shown}{more}"
        result.report("E003", message, line)
    return text


def unmojibake(text: str, result: Decoded) -> str:
    """Repair text that was decoded with the wrong encoding somewhere along the way (ftfy).

    ftfy only changes a line that holds the signature of a mis-decoded UTF-8 sequence
    (see :func:`signature`), so only those lines are handed to it: ftfy is not even
    imported for clean text, which keeps this step at a few milliseconds per megabyte.
    """
    if text.isascii() or MAYBE_MOJIBAKE_RE.search(text) is None:
        return text  # the common case: no need to build the exact pattern (a few ms)
    starts: list[int] = []
    line_end = -1
    for m in signature().finditer(text):
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


def _excerpt(before: str, after: str) -> str:
    """``'donâ€™t go' → 'don’t go'``: the first place the repair changed, in a few words."""
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    lo = max(0, before.rfind(" ", 0, max(0, start - 12)) + 1)
    tail_b, tail_a = before[lo : lo + 30].rstrip(), after[lo : lo + 30].rstrip()
    return f"{tail_b!r} \u2192 {tail_a!r}"
