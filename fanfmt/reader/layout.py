"""How a plain-text chapter is laid out, decided from the whole file: spacing, script, verse.

* double-spaced: a blank line after every line and a wider gap between paragraphs::

      It was late when the call came, and Mulder had
      <blank>
      been asleep for an hour.
      <blank>
      <blank>
      "Scully?"

  → read with one blank line fewer everywhere (:func:`collapse`): two paragraphs, no break
* script: one speaker a line (``Picard: Report.``, ``RIKER (V.O.): Sir?``) → one paragraph
  a speech, its wrapped lines joined (:func:`script_paragraphs`)
* verse: three or more short lines with no blank line between, in a chapter whose
  paragraphs are not like that → a stanza (:func:`is_stanza`)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import field

from fanfmt import rx
from fanfmt.reader.lines import RULE_ROW_RE, SENTENCE_END_RE, Line
from fanfmt.reader.transport import Transport
from fanfmt.record import record

_SPEAKER_RE = rx.compile(
    r"^(?P<who>[A-Z][\w.'’-]*(?: [A-Z0-9][\w.'’-]*){0,3})(?: ?\([^)\n]{1,24}\))?: +\S"
    r"|^(?P<initials>[A-Z][A-Z0-9]{0,3}) {1,3}- +\S"
)
"""``Picard: Report.``, ``Dr. Crusher: Sir?``, ``RIKER (V.O.): Sir?`` — a speaker and a
speech; so is ``BG - Fools!``, initials and a dash, the way some scripts name their cast."""
_NOT_SPEAKERS = frozenset(
    """title author authors rating ratings summary disclaimer disclaimers category categories
    keywords spoilers spoiler warning warnings pairing pairings archive feedback series notes
    note dedication part chapter fandom characters timeline setting date time place from to
    subject email e-mail url web website distribution status length words genre""".split()
)
"""Header fields, which look like speakers: ``Rating: PG`` is not a line of a script."""
_DIRECTION_RE = rx.compile(r"^[(\[]")
_FIELD_RE = rx.compile(r"^[^\W\d_][\w .'’()-]{0,30}:[ \t]")
"""Any ``Name: value`` line, whatever its case: a speaker, a header field, front matter."""
_LETTER_RE = rx.compile(r"[^\W\d_]")
_MAX_STANZA_LINE = 60
_QUOTES = "\"'“‘«"


@record(frozen=False)
class Layout:
    """What the reader decided about the file, for lint to tell (:mod:`fanfmt.checks.layout`)."""

    double_spaced: bool = False
    script: bool = False
    verse_lines: int = 0
    verse_paragraphs: int = 0
    indent_rhythm: bool = False
    """Blank lines start some paragraphs and a two-space indent the others."""
    soft_joins: int = 0
    """Lines joined to the line before, which broke their sentence off (a ragged wrap)."""
    transport: Transport = field(default_factory=Transport)


def separations(lines: list[Line]) -> Counter[int]:
    """How many lines follow 0, 1, 2 … blank lines (9 stands for 9 or more)."""
    return Counter(min(line.blanks_before, 9) for line in lines[1:])


def double_spacing(lines: list[Line], *, wider: int = 2) -> bool:
    """True when a blank line follows nearly every line and ``wider`` gaps or more are wider.

    This is the shape only; the caller also checks that the lines, once the blank
    lines are taken out, read as wrapped prose (a chapter of one-line paragraphs with
    blank lines between and a few wider gaps is not double-spaced), or, with no wider
    gaps (``wider=0``), as indented paragraphs.
    """
    seps = separations(lines)
    total = sum(seps.values())
    if total < 8:
        return False
    gaps = sum(n for k, n in seps.items() if k >= 2)
    return seps.get(0, 0) <= 0.05 * total and seps.get(1, 0) >= 0.5 * total and gaps >= wider


def collapse(lines: list[Line]) -> list[Line]:
    """``lines`` with one blank line fewer before each: double spacing taken out."""
    return [
        Line(line.number, line.text, line.indented, max(0, line.blanks_before - 1), line.sig)
        for line in lines
    ]


def usual_gap(seps: Counter[int]) -> int:
    """The blank lines that separate paragraphs: the chapter's own rhythm.

    The most common separation of one or more blank lines, unless a wider one is
    common too (a fifth of them or more, five at least): a chapter that leaves two
    blank lines between its paragraphs has no break at every second paragraph.
    ``Counter({1: 40, 2: 3})`` → 1; ``Counter({1: 40, 2: 30})`` → 2.
    """
    spaced = {k: n for k, n in seps.items() if k >= 1}
    if not spaced:
        return 1
    normal = max(spaced, key=lambda k: (spaced[k], -k))
    total = sum(spaced.values())
    for k in sorted(spaced, reverse=True):
        if k > normal and k <= 3 and spaced[k] >= max(5, 0.2 * total):
            return k
    return normal


def speaker(text: str) -> bool:
    """``"Picard: Report."`` → True; ``"Rating: PG-13"`` → False; ``"He said: no"`` → False."""
    m = _SPEAKER_RE.match(text)
    return m is not None and (m.group("who") or "").lower() not in _NOT_SPEAKERS


def is_script(lines: list[Line]) -> bool:
    """A quarter of the lines or more, and six at least, start with a speaker (the lines of
    a record, :func:`form_record`, are fields, not speeches)."""
    count = 0
    for block in line_blocks(lines):
        if not form_record(block):
            count += sum(1 for line in block if speaker(line.text))
    return count >= 6 and count >= 0.25 * len(lines)


def line_blocks(lines: list[Line]) -> Iterator[list[Line]]:
    """``lines`` cut at each blank line."""
    block: list[Line] = []
    for line in lines:
        if block and line.blanks_before:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


RECORD_MIN_FIELDS = 4
"""A record (``Product name:`` / ``Version:`` / ``Status:`` / ``Notes:``) has this many
fields at least, each named once: a script's speakers take turns and come back."""


def form_record(block: list[Line]) -> bool:
    """A block of ``Name: value`` fields (and indented lines that continue them), each
    name once, four fields or more, each name capitalised (``title:`` / ``tags:`` is front
    matter): a record of a list or a form, its lines kept.

    ``["Name: BLT", "Version: 5.5", "Type: GAME", "Notes: Allows", "   networks"]`` → True;
    ``["Ann: Go.", "Bo: No.", "Ann: Go!", "Bo: No!"]`` → False (the speakers come back)
    """
    names: list[str] = []
    for line in block:
        m = _FIELD_RE.match(line.text)
        if m is not None and not line.indented and line.text[0].isupper():
            names.append(line.text.partition(":")[0].strip().casefold())
        elif not (line.indented and names):
            return False
    return len(names) >= RECORD_MIN_FIELDS and len(set(names)) == len(names)


def script_paragraphs(lines: list[Line], width: int) -> Iterator[list[Line]]:
    """The speeches and directions of a script, each with its wrapped lines.

    A speaker line, a ``(direction)``, a line after a blank line, or a line after a short
    one starts a paragraph, as do a rule row and the line after it; an indented line or
    one after a full line continues it.
    """
    current: list[Line] = []
    row_before = False
    for line in lines:
        row = RULE_ROW_RE.fullmatch(line.text.strip()) is not None  # a row is never a speech
        starts = (
            not current
            or line.blanks_before > 0
            or row
            or row_before
            or speaker(line.text)
            or bool(_DIRECTION_RE.match(line.text))
            or not (line.indented or len(current[-1].text) >= 0.55 * width)
        )
        if starts and current:
            yield current
            current = []
        current.append(line)
        row_before = row
    if current:
        yield current


def is_stanza(block: list[Line], width: int) -> bool:
    """Three or more short lines, none a header field, a speech or a mark, few ending sentences.

    ``["I walked the line", "and the line walked me", "down to the river"]`` → True
    """
    return stanza_lines([line.text for line in block], min(_MAX_STANZA_LINE, max(0.75 * width, 30)))


def stanza_lines(texts: list[str], limit: float = _MAX_STANZA_LINE) -> bool:
    """:func:`is_stanza` for the lines' texts, each at most ``limit`` characters."""
    if not 3 <= len(texts) <= 40:
        return False
    if any(not text or len(text) > limit for text in texts):
        return False
    if any(_FIELD_RE.match(text) or not _LETTER_RE.search(text) for text in texts):
        return False  # "Rating: PG", "layout: post", a "*" line: a header or a mark, not verse
    if texts[0].endswith(":"):
        return False  # "For more information:" and an address or a list
    quoted = sum(1 for text in texts if text[0] in _QUOTES)
    ended = sum(1 for text in texts if SENTENCE_END_RE.search(text))
    # lines that each end a sentence are prose or messages ("Answer the question."); a
    # song's lines mostly run on
    return quoted * 2 < len(texts) and ended * 2 <= len(texts)


def quoted_block(block: list[Line]) -> bool:
    """A post's quotation: every line ``>``-quoted, or all but an attribution line over
    them (``Some folks wrote:`` / ``>Subject: Re: …`` / ``>Basically, …``)."""
    quoted = [line.text.startswith(">") for line in block]
    head = 1 if not quoted[0] and block[0].text.rstrip().endswith(":") else 0
    return len(block) - head >= 2 and all(quoted[head:])


def record_block(block: list[Line], width: int) -> bool:
    """Two or more short lines all set in from a flush text (``    Log Entry #03`` /
    ``    Density: 20%`` / ``    Temperature: 400k``): a record, a form or an address,
    one block whose lines stay lines, not prose to join nor a paragraph a line."""
    slack = min(0.75 * width, width - 12)
    return len(block) >= 2 and all(line.indented and len(line.text) < slack for line in block)


LABEL_LINE_RE = rx.compile(r"^[A-Z][A-Za-z /'’-]{0,24}:\s+\S")
"""``Rating: PG-13``, ``Disclaimer: …`` — a header field, which starts a line of its own."""


def header_fields(block: list[Line]) -> bool:
    """Two or more lines of the block are header fields (``Rating: PG-13``)."""
    return sum(1 for line in block if LABEL_LINE_RE.match(line.text)) >= 2
