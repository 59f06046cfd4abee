"""The non-blank lines of a plain-text chapter, with their indent and the blank lines before.

``lines("One.\\n\\n  Two.")`` → ``[Line(1, "One.", False, 0), Line(3, "Two.", True, 1)]``

Runs of blanks inside a line read as one space; a line of exactly ``-- `` (a mail
signature's separator) is remembered as such, since stripping would make it ``--``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from fanfmt import rx
from fanfmt.record import record

BLANKS = " \t\u00a0\u3000\u2002\u2003"
"""The spaces a line may be indented with; a run of them inside a line reads as one space."""
_STRIPPED = BLANKS + "\ufeff"
_SPACES_RE = rx.compile(f" [{BLANKS}]+|[{BLANKS[1:]}][{BLANKS}]*")
"""Runs of blanks that are not already one plain space (a lone space is left as it is)."""
SENTENCE_END_RE = rx.compile(r"[.!?…][\"'”’)\]]*$")
"""A line that ends a sentence: ``…she said.``, ``“Run!”``, ``(or not.)``; the readers of
plain text judge line ends by it."""


@record(frozen=False)
class Line:
    """One non-blank line: its 1-based number, text (stripped), indent and blank lines before."""

    number: int
    text: str
    indented: bool
    blanks_before: int
    sig: bool = False
    """The line is ``-- `` exactly: a signature follows."""
    depth: int = 0
    """How far in the line starts, in columns (a tab to the next multiple of 8)."""


RULE_ROW_RE = rx.compile(r"([=~*#_+-])\1{4,}")
"""A rule row: one sign typed five times or more (``=====``, ``-----``), alone on a line;
never a line of prose, whatever its length."""


def lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``.

    A line is indented when it starts further in than the file's left margin: a file
    whose every line starts with three spaces has a margin of three, and no indent. A
    run-on line that kept its paragraphs' indents inside it is cut at them
    (:func:`_cut_run_on`).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raws = text.split("\n")
    margin = _margin(raws)
    out: list[Line] = []
    blanks = 0
    for number, raw in _cut_run_on(raws):
        stripped = raw.strip(_STRIPPED)
        if not stripped:
            blanks += 1
            continue
        # ASCII lines without a double space or a tab (most of them) have nothing to collapse
        if not stripped.isascii() or "  " in stripped or "\t" in stripped:
            stripped = _SPACES_RE.sub(" ", stripped)
        indented = raw[0] in BLANKS and (not margin or raw[: margin + 1].strip(BLANKS) == "")
        lead = raw[: len(raw) - len(raw.lstrip(BLANKS))].expandtabs(8)
        if not blanks and out and _row_spill(out[-1].text, stripped):
            out[-1] = replace(out[-1], text=out[-1].text + stripped)
            continue  # the end of a rule row wrapped onto a line of its own
        out.append(Line(number, stripped, indented, blanks, raw == "-- ", len(lead)))
        blanks = 0
    return out


_ROW_WRAPPED = 60
"""A rule row this long may have been wrapped at the margin, its last marks on the next line."""


def _row_spill(row: str, line: str) -> bool:
    """Is ``line`` the end of ``row`` wrapped onto a line of its own? ``"*" * 80`` then
    ``"**"`` → True (a mailer wrapped the row at 80 columns); ``"*" * 80`` then ``"Hi"`` →
    False; ``"***"`` then ``"**"`` → False (a short row is no row wrapped)."""
    return (
        len(row) >= _ROW_WRAPPED
        and len(line) < len(row)
        and len(set(row)) == 1
        and set(line) == set(row)
        and not row[0].isalnum()
    )


RUN_ON_CHARS = 1000
"""A line this long is a run-on line: text whose line ends were lost."""
RUN_ON_INDENTS = 3
_INDENT_RUN_RE = re.compile(r"(?<=\S) {4,}(?=\S)")


def _cut_run_on(raws: list[str]) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for each line of ``raws``; a run-on line whose paragraphs
    were marked by their indents alone, now runs of spaces inside it (a page copied with
    its line ends lost), cut at them, each piece an indented line of the same number.
    ``"Tišina.        — Slyšíš? — zeptala se.        Ne.        …"`` → ``"Tišina."``,
    ``"    — Slyšíš? — zeptala se."``, ``"    Ne."`` … (with three such runs or more)."""
    for number, raw in enumerate(raws, start=1):
        if len(raw) < RUN_ON_CHARS:
            yield number, raw
        elif len(_INDENT_RUN_RE.findall(raw)) >= RUN_ON_INDENTS:
            for k, piece in enumerate(_INDENT_RUN_RE.split(raw)):
                yield number, "    " + piece if k else piece
        else:
            cuts = glued_cuts(raw)
            if cuts:
                cuts = _with_heads(raw, cuts)
            for k, (a, b) in enumerate(zip((0, *cuts), (*cuts, len(raw)), strict=True)):
                yield number, "    " + raw[a:b] if k else raw[a:b]


_GLUE_RE = re.compile(r"(?<=[a-z0-9)*_])(?:\.|[!?]{1,3})([\"”“]*)(?=[A-Z])")
GLUED_CHARS = 600
"""A run-on line is glued (its paragraphs run together with no space between them) when it
has a glue every this many characters, and at least :data:`RUN_ON_INDENTS` of them."""


def glued_cuts(raw: str) -> tuple[int, ...]:
    """Where a run-on line whose paragraphs were glued together (a scrape that dropped the
    line ends) starts each paragraph: a sentence's end right against the next capital.

    ``'…my beta!I do hope…'`` → a cut before ``I``; ``'…cook?""Actually…'`` → between the
    two quotes (the straight quotes before it tell which one closes); ``'Well...I guess'``
    and ``'U.S.A.'`` are no glue. None unless the line is glued throughout."""
    found = list(_GLUE_RE.finditer(raw))
    if len(found) < RUN_ON_INDENTS or len(found) * GLUED_CHARS < len(raw):
        return ()
    cuts: list[int] = []
    counted, quotes = 0, 0  # the straight quotes before each glue, counted once (linear)
    for m in found:
        marks = m.group(1)
        quotes += raw.count('"', counted, m.start(1))
        counted = m.start(1)
        inside = quotes % 2 == 1
        cut = m.start(1)
        for ch in marks:
            if ch == "”" or (ch == '"' and inside):
                cut += 1  # a closing mark stays with the paragraph it closes
                inside = False
            else:
                break
        cuts.append(cut)
    return tuple(cuts)


_HEAD_GLUE_RE = re.compile(r"(?<=[a-z0-9)\]])(?=[A-Z][a-z])")
_HEAD_MAX_CHARS = 160
_HEAD_MAX_WORDS = 20
_TITLE_CASE_SHARE = 0.8
_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to vs with".split())


def _with_heads(raw: str, cuts: tuple[int, ...]) -> tuple[int, ...]:
    """``cuts`` with one more after each glued paragraph's heading: ``Chapter 1Deep down…``
    → a cut before ``Deep``; ``Part I: Getting In The DoorWalking up…`` → before
    ``Walking`` (the line is glued throughout: :func:`glued_cuts` found its cuts)."""
    out: list[int] = list(cuts)
    for start in (0, *cuts):
        head = _head_end(raw, start)
        if head is not None:
            out.append(head)
    return tuple(sorted(set(out)))


def _head_end(raw: str, start: int) -> int | None:
    """Where a heading glued to the paragraph at ``start`` ends, if one is: a chapter line,
    or a few words in title case whose last one runs into the next capital and makes no
    word with it (``DoorWalking``; ``MacKenzie`` is a name)."""
    from fanfmt.reader.hyphens import zipf

    for m in _HEAD_GLUE_RE.finditer(raw, start, min(len(raw), start + _HEAD_MAX_CHARS)):
        head = raw[start : m.end()]
        words = head.split()
        if not 2 <= len(words) <= _HEAD_MAX_WORDS:
            continue
        left = re.search(r"[A-Za-z]+$", head)
        if left is not None:
            right = re.match(r"[A-Za-z]+", raw[m.end() :])
            joined = left.group() + (right.group() if right else "")
            if zipf(joined.lower()) > 0:
                continue  # "MacKenzie", "YouTube": one word, typed so
        from fanfmt.patterns import CHAPTER_LINE

        if CHAPTER_LINE.match(head) or _title_case(words):
            return m.end()
    return None


def _title_case(words: list[str]) -> bool:
    """``["Part", "I:", "Getting", "In", "The", "Door"]`` → True; a sentence → False."""
    lettered = [w for w in words if any(ch.isalpha() for ch in w)]
    if not lettered:
        return False
    capped = sum(1 for w in lettered if w.lstrip("(\"'“‘[")[:1].isupper())
    small = sum(1 for w in lettered if w.lower() in _SMALL_WORDS)
    return capped >= _TITLE_CASE_SHARE * (len(lettered) - small) and capped >= 2


_MARGIN_MIN_LINES = 10


def _margin(raws: list[str]) -> int:
    """The spaces nearly every line of the file (95 %) starts with, or 0.

    ``["   One", "   two", …]`` → 3. A file with no such margin (most) → 0.
    """
    filled = [raw for raw in raws if raw.strip(_STRIPPED)]
    spaced = [raw for raw in filled if raw[:1] == " " and "\t" not in raw]
    if len(filled) < _MARGIN_MIN_LINES or len(spaced) < 0.95 * len(filled):
        return 0
    leads = sorted(len(raw) - len(raw.lstrip(" ")) for raw in spaced)
    return leads[len(leads) // 20]


_BOX_CHARS = "".join(chr(c) for c in range(0x2500, 0x2580))
"""Box drawing: ``┌──┐``, ``│``, ``╔══╗``, ``║``, ``└──┘``."""
_BOX_EDGE_RE = re.compile(rf"^[{_BOX_CHARS}\s]+$")
_BOX_SIDE_RE = re.compile(rf"^[{_BOX_CHARS}]\s?|\s?[{_BOX_CHARS}]$")


def unbox(found: list[Line]) -> list[Line]:
    """Panels drawn in box lines (a game's window in a LitRPG chapter) without their frame:
    the edges (``┌────┐``, ``└────┘``) go, each side (``│ Level 24 │``) leaves its words,
    and the panel stands apart from the story around it as a block of its own lines.

    ``["He won.", "┌──┐", "│ LEVEL 24 │", "└──┘", "He grinned."]`` → ``["He won.",
    "LEVEL 24", "He grinned."]``, a blank line before ``LEVEL 24`` and after it."""
    if not any(line.text[:1] in _BOX_CHARS for line in found):
        return found
    out: list[Line] = []
    pending = 0  # blank lines the frame stood for, given to the next line kept
    for line in found:
        boxed = line.text[:1] in _BOX_CHARS
        if boxed and _BOX_EDGE_RE.match(line.text):
            pending = max(pending, line.blanks_before, 1)
            continue
        if boxed:
            line = Line(line.number, _BOX_SIDE_RE.sub("", line.text).strip(), False, 0)
            if not line.text:
                continue  # "│" alone: the panel's empty row
        if pending:
            line = Line(line.number, line.text, line.indented, pending, line.sig, line.depth)
            pending = 0
        out.append(line)
    return out
