"""Turn separator lines and extra blank lines inside the story into scene breaks.

* ``***``, ``* * *``, ``~~~``, ``---``, ``#``, ``~*~*~``, ``◇◆◇`` → a break
* ``oOo``, ``xXx``, ``-x-x-``, ``OoOoO``, ``0o0o0``, ``XXXXX``, ``~o~``, ``-x-`` → a break
* any row of a short unit repeated with no word in it: ``oooooooooooo``, ``__________``,
  ``.:O:.:O:.:O:.``, ``+ + + +``, ``-=-=-=-`` → a break (``hahaha`` and ``xoxoxo`` are words)
  (``ooo`` is a sound; ``xoxo`` and ``xxx`` are hugs and kisses, but ``xxx`` between two
  paragraphs of the story twice or more is the chapter's break)
* ``Line Break``, ``-scene break-``, ``[Page Break]``, ``POV change`` → a break
* extra blank lines between two story paragraphs (more than the chapter's usual
  separation) → a break; blank lines next to a heading or an author's note are not,
  nor are those above the story's first sentence (gaps between a title block, its
  subtitle lines and a form of ``Field: value`` lines are front matter, not scenes)
* a title boxed between two equal rows (``=====`` / ``THE LIST`` / ``=====``) → one break,
  above the title
* … unless the chapter marks its breaks: where the author typed ``~~~~`` or ``- - -``
  rows (or the page had ``<hr>``), one extra blank line is spacing (around a letter, a
  sign, a flattened italic phrase), not a break; two or more still are
* blank lines that set an inset apart (a poem's or a text message's short lines, each all
  in italics or set as verse) are its spacing, never a break
* ``...``, ``"..."``, ``"X"``, ``!!!``, ``1984`` and ``Hm.`` are text, never breaks; but a chapter
  that has a row of dots alone (``...``, ``....``, ``…``) between its paragraphs twice or
  more uses them as its breaks
* a break a reader found (an HTML ``<hr>``, a Markdown ``***``) is kept between story
  paragraphs and dropped, like a separator line, where no story precedes or follows it
  (a closing copyright notice or word count is no story)
* a line equal to one of ``options.scene_break_markers`` (e.g. ``~HP~``) → a break
* the author's own mark, repeated (``...~AIV~...`` twice or more: signs around a few
  letters) → a break that shows the mark as typed (its emphasis too, never its ``*``); at
  the chapter's start or end, where it divides nothing, it is the chapter's ornament: shown
  as typed, centred, not a paragraph of the story
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Emphasis,
    Heading,
    Legend,
    LineBreak,
    Paragraph,
    SceneBreak,
    Text,
)
from fanfmt.patterns import DIALOGUE
from fanfmt.rules._ornament import is_ornament_row
from fanfmt.rules._text import QUOTE_CHARS, may_be_short, text_of
from fanfmt.rules.table import Context
from fanfmt.walk import plain_text

_SYMBOLS_RE = rx.compile(r"^[^\w\"'“”‘’.…!?,;:()]*[^\w\s\"'“”‘’.…!?,;:()][^\w\"'“”‘’!?,;:()]*$")
_SILENCE_RE = rx.compile(r"^[\[({<]\s*(?:\.\s*){2,}\s*[\])}>]$|^[\[({<]\s*…+\s*[\])}>]$")
"""``[...]``, ``[…]``: a break row, or, among lines of speech in brackets
(``[You're serious…]``), a voice saying nothing (:func:`_silent`)."""


_SAID_END = frozenset(".!?…")
_ELLIPSIS_ROW_RE = rx.compile(r"^(?:(?:\.\s*){2,}|…+)$")
"""``..``, ``...``, ``. . .``, ``…``: an ellipsis alone, however typed (the ``ellipses``
rule turns each into ``…`` after this one; a break must be one either way)."""
_SCENE_END_WORDS = 8
"""An ellipsis row breaks a scene that ends in a paragraph of at least this many words
(``One.`` / ``...`` / ``Two.`` is a rhythm of pauses, not two scenes)."""


def _ellipsis_row(text: str, before: Block | None, after: Block | None) -> bool:
    """``...`` alone after a paragraph of the story, not in quotes: the author's break row,
    unless speech stands on both sides (``"Well?"`` / ``...`` / ``"Fine."``: a silent
    answer)."""
    if not _ELLIPSIS_ROW_RE.match(text.strip()):
        return False
    spoken = [
        isinstance(b, Paragraph) and bool(DIALOGUE.search(text_of(b))) for b in (before, after)
    ]
    if not (isinstance(before, Paragraph) and isinstance(after, Paragraph)) or all(spoken):
        return False
    return len(text_of(before).split()) >= _SCENE_END_WORDS  # a scene ends in a paragraph


def _silent(text: str, before: Block | None, after: Block | None) -> bool:
    """``[…]`` between two lines, one of them speech in brackets (``[Haaah.]``), not a
    marker in brackets (``[End Flashback]``): silence."""
    if not _SILENCE_RE.match(text.strip()):
        return False
    for near in (before, after):
        said = text_of(near).strip() if isinstance(near, Paragraph) else ""
        if said[:1] == "[" and said[-2:-1] in _SAID_END and any(c.isalpha() for c in said):
            return True
    return False


_LETTER_BREAK_RE = rx.compile(r"^[\W_]*(?:[oOxX0][\W_]*){2,}$")
_WORD_BREAK_RE = rx.compile(
    r"^[\W_]*(?:(?:line|scene|page|section|time|pov)[\s_-]*(?:break|change|switch|shift|skip)"
    r"|(?:line|scene|page)?break)[\W_]*$",
    re.IGNORECASE,
)


_UNDERLINE_RE = rx.compile(r"^_{2,}$")
"""``__``: a rule of underscores, however short (no word is only underscores)."""


def is_separator(text: str, extra: tuple[str, ...] = ()) -> str | None:
    """``"* * *"`` → ``"* * *"``; ``"oOo"`` → ``"oOo"``; ``"__"`` → ``"__"``; ``"..."`` → None.

    ``extra`` holds the author's own markers (``scene_breaks`` in ``fanfmt.toml``):
    a line equal to one of them is a break too.
    """
    text = text.strip()
    if text and text in extra:
        return text
    if not text or (len(text) > 60 and not is_ornament_row(text)):
        return None
    if _SYMBOLS_RE.match(text) or _WORD_BREAK_RE.match(text) or _UNDERLINE_RE.match(text):
        return text
    if (len(text) >= 5 or text.isdigit()) and is_ornament_row(text):
        return text
    if _LETTER_BREAK_RE.match(text) and len(text) >= 3:
        letters = re.sub(r"[\W_]", "", text)
        # "ooo" alone is a sound; a break mixes cases or symbols (oOo, -x-x-, xXx)
        mixed = len(set(letters)) >= 2
        x_run = len(letters) >= 3 and set(letters.lower()) == {"x"}
        if letters == text and len(text) <= 4 and (text.islower() or text.isupper()):
            return None  # xoxo, xxx, XOXO: a sign-off's hugs and kisses, a word

        if (mixed and len(letters) >= 3) or x_run or (letters != text and len(text) >= 4):
            return text
    if (
        len(text) == 3
        and text[0] == text[2]
        and text[1] in "oOxX0"
        and not text[0].isalnum()
        and text[0] not in QUOTE_CHARS
    ):
        return text  # ~o~, -x-, *o*; but "X" and 'o' are a letter spoken or written
    return None


def _story(block: Block) -> bool:
    """A paragraph of the story (a byline or a disclaimer above it is not: no break after it)."""
    return isinstance(block, Paragraph) and block.role in ("text", "verse")


_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
SENTENCE_MIN_WORDS = 1
"""A paragraph (of this many words) that ends a sentence starts the story's prose."""


def _sentence(block: Block) -> bool:
    """``"She went home."`` → True; ``"Materials: 5 units of dust"``, a subtitle → False."""
    if not (isinstance(block, Paragraph) and block.role == "text"):
        return False
    text = text_of(block).strip()
    return len(text.split()) >= SENTENCE_MIN_WORDS and bool(_SENTENCE_END_RE.search(text))


FRAMED_TITLE_MAX_WORDS = 8


def _framed(out: list[Block], marker: str) -> bool:
    """``=====`` / ``THE LIST`` / ``=====``: is ``marker`` the second row of a frame round a
    short title line? (The frame is one division of the text, not two.)"""
    if len(out) < 2 or not isinstance(out[-1], Paragraph) or not isinstance(out[-2], SceneBreak):
        return False
    title = text_of(out[-1]).strip()
    return (
        out[-2].marker == marker
        and 0 < len(title.split()) <= FRAMED_TITLE_MAX_WORDS
        and not _SENTENCE_END_RE.search(title)
    )


def _prose(block: Block) -> bool:
    """A paragraph of the story, a part marker or a note: what a row of dots can divide."""
    return (
        _story(block)
        or (isinstance(block, Paragraph) and block.role == "furniture")
        or isinstance(block, AuthorNote)
    )


REPEATED_MARK_MAX_CHARS = 40
"""An author's own break mark (``...~AIV~...``) is a short line."""
REPEATED_MARK_MIN = 2
"""It stands at least this many times in the chapter, each time alone on its line."""
_LETTERS_RE = rx.compile(r"[^\W_]+")
_DOTS_RE = rx.compile(r"^(?:[.…] ?){1,8}$")
DOT_ROWS_MIN = 2
"""A chapter with this many rows of dots alone between its paragraphs uses them as breaks
(once is a pause)."""


def _dots(block: Block) -> str | None:
    """``...``, ``..``, ``. . .``, ``…`` alone (the forms the ellipsis rule makes one) → the
    row; ``.`` or text → None."""
    text = _short_line(block)
    return text if text and _DOTS_RE.match(text) and text != "." else None


_KISSES_RE = re.compile(r"^(?:x{3,}|X{3,}|o{3,}|O{3,})$")
"""``xxx``, ``XXX``, ``ooo`` alone: kisses or a sound once, but the chapter's breaks when it
stands between two paragraphs of the story twice or more (:func:`dot_rows`)."""


def _kisses(block: Block) -> str | None:
    """``xxx`` alone → ``"xxx"``; anything else → None."""
    text = _short_line(block)
    return text if text and _KISSES_RE.match(text) else None


def _short_line(block: Block) -> str | None:
    """The text of a paragraph of the story short enough to be a row, stripped; else None."""
    if not (isinstance(block, Paragraph) and block.role == "text" and may_be_short(block, 20)):
        return None
    return text_of(block).strip()


def dot_rows(blocks: Sequence[Block]) -> tuple[str, ...]:
    """The rows of dots alone (or of ``xxx``) the chapter uses as breaks, each between two
    paragraphs of text: ``...`` so twice → ``("...",)``; once (a pause, a sign-off's
    kisses), or only at the edges → ``()``.
    A part marker (``To be continued…``) counts as text, and an author's note too: a row
    after one still divides, and still shows what the chapter uses."""
    rows: list[str] = []
    for i in range(1, len(blocks) - 1):
        row = _dots(blocks[i])
        before, after = blocks[i - 1], blocks[i + 1]
        if row and _prose(before) and _prose(after) and not (_dots(before) or _dots(after)):
            rows.append(row)
    kisses = [
        kiss
        for i in range(1, len(blocks) - 1)
        if (kiss := _kisses(blocks[i])) and _prose(blocks[i - 1]) and _prose(blocks[i + 1])
    ]
    same = {k for k in kisses if kisses.count(k) >= DOT_ROWS_MIN}  # one mark, twice
    return tuple(sorted(set(rows) if len(rows) >= DOT_ROWS_MIN else set()) + sorted(same))


def repeated_marks(blocks: Sequence[Block]) -> frozenset[str]:
    """Lines the author uses as breaks of their own: short, mostly signs around one mark of
    letters, repeated. They are breaks that show the mark (its letters are words).

    ``...~AIV~...`` twice in a chapter → ``{"...~AIV~..."}``; ``Knock, knock.`` → none (words,
    not signs); ``"..."`` → none (a character saying nothing); ``~AIV~`` once → none.
    """
    counts: dict[str, int] = {}
    for block in blocks:
        if (
            isinstance(block, Paragraph)
            and block.role == "text"
            and may_be_short(block, 2 * REPEATED_MARK_MAX_CHARS)  # spaces around it, too
        ):
            text = text_of(block).strip()
            if len(text) <= REPEATED_MARK_MAX_CHARS and _signed_mark(text):
                counts[text] = counts.get(text, 0) + 1
    return frozenset(t for t, n in counts.items() if n >= REPEATED_MARK_MIN)


def _signed_mark(text: str) -> bool:
    """``...~AIV~...`` → True: 8 signs around one run of 3 letters; ``-i-`` → True: one
    letter between the same signs; ``(a)`` → False (a list's mark); ``Ha!`` → False;
    ``G - ....`` → False (a script's speaker saying nothing: no sign before the letters)."""
    runs = _LETTERS_RE.findall(text)
    if len(runs) != 1 or len(runs[0]) > 4 or text[:1] in QUOTE_CHARS:
        return False
    before, _, after = text.partition(runs[0])
    if not (before.strip() and after.strip()):
        return False  # the mark's signs stand on both sides of its letters
    signs = sum(1 for ch in text if not ch.isspace() and not ch.isalnum())
    if len(runs[0]) == 1 and before.strip() == after.strip()[::-1] and before.strip() not in "([{<":
        return signs >= 2  # "-i-", "~j~": one letter in the same signs both sides
    return signs >= 4 and signs >= 2 * len(runs[0])


def _ornament(mark: SceneBreak, typed: dict[int, Paragraph]) -> Paragraph:
    """The author's mark at a chapter's edge: no break (nothing to divide), but its letters
    are words, so it stays, as the chapter's ornament, with the emphasis it was typed in."""
    p = typed.get(mark.line)
    children = p.children if p is not None else (Text(mark.marker),)
    return Paragraph(children, mark.line, "ornament", mark.gap_before)


MARKED_GAP_MIN = 2
"""In a chapter that marks its breaks, this many extra blank lines still make one."""


INSET_MAX_WORDS = 25
"""A line of an inset (a poem's, a text message's) is short: a flashback is prose."""


def inset(block: Block) -> bool:
    """A short line set apart from the prose: a stanza, or a paragraph all in italics.

    ``Paragraph((Emphasis((Text("The portrait hangs on the wall"),)),))`` → True; a long
    paragraph in italics (a flashback) → False; ``Paragraph((Text("He ran."),))`` → False."""
    if not isinstance(block, Paragraph):
        return False
    if block.role == "verse":
        return True
    if block.role != "text" or len(text_of(block).split()) > INSET_MAX_WORDS:
        return False
    parts = [c for c in block.children if not (isinstance(c, Text) and not c.text.strip())]
    return bool(parts) and all(isinstance(c, Emphasis | LineBreak) for c in parts)


def _marked_only(out: list[Block], gaps: list[int]) -> list[Block]:
    """The chapter has marked breaks (rows, ``<hr>``): its blank-line breaks narrower than
    :data:`MARKED_GAP_MIN` are spacing, so they go (the paragraph keeps its gap)."""
    drop = {i for i in gaps if out[i].gap_before < MARKED_GAP_MIN}
    return [b for i, b in enumerate(out) if i not in drop]


def apply(doc: Document, ctx: Context) -> Document:
    """Insert :class:`SceneBreak` blocks between scenes."""
    out: list[Block] = []
    gaps: list[int] = []  # where ``out`` has a break made of blank lines alone
    blocks = doc.blocks
    marks = repeated_marks(blocks)
    typed: dict[int, Paragraph] = {}  # each mark as the author typed it, by its line
    markers = ctx.options.scene_break_markers + dot_rows(blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, SceneBreak):  # a reader found it (``<hr>``, Markdown ``***``)
            if out and _story(out[-1]):
                out.append(block)
            elif out and isinstance(out[-1], SceneBreak) and not out[-1].marker:
                out[-1] = replace(block, gap_before=out[-1].gap_before)
            continue
        if isinstance(block, Paragraph):
            text = text_of(block)
            if text.strip() in marks:  # the author's own mark: a break that shows it
                shown = plain_text(block.children).strip()
                mark = SceneBreak(shown, block.line, block.gap_before, shown=True)
                typed[block.line] = block
                if out and isinstance(out[-1], SceneBreak) and not out[-1].marker:
                    out[-1] = replace(mark, gap_before=out[-1].gap_before)
                else:
                    out.append(mark)
                continue
            marker = is_separator(text, markers)
            if marker is not None and block is blocks[-1] and _KISSES_RE.match(text.strip()):
                marker = None  # "xxx" closing the chapter: the author's kisses, kept
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            if marker is not None and _silent(text, out[-1] if out else None, after):
                marker = None
            elif marker is None and _ellipsis_row(text, out[-1] if out else None, after):
                marker = text.strip()
            if marker is not None and _framed(out, marker):
                continue  # the row under a title boxed by two rows: one break, above it
            if marker is not None:
                if out and _story(out[-1]):
                    out.append(SceneBreak(marker, block.line, block.gap_before))
                elif out and isinstance(out[-1], SceneBreak) and not out[-1].marker:
                    out[-1] = SceneBreak(marker, block.line, out[-1].gap_before)
                continue
            if (
                block.gap_before
                and out
                and _story(out[-1])
                and any(map(_sentence, out))
                and not (inset(out[-1]) or inset(block))
            ):
                gaps.append(len(out))
                out.append(SceneBreak("", block.line - 1, block.gap_before))
        out.append(block)
    if gaps and len(gaps) < sum(isinstance(b, SceneBreak) for b in out):
        out = _marked_only(out, gaps)
    # a break with no story after it (before the end note or a heading) is not a break
    cleaned: list[Block] = []
    ahead = _prose_ahead(out)
    for i, block in enumerate(out):
        if isinstance(block, SceneBreak):
            nxt = out[i + 1] if i + 1 < len(out) else None
            if (
                nxt is None
                or isinstance(nxt, AuthorNote | Heading | Legend | SceneBreak)
                or (isinstance(nxt, Paragraph) and nxt.role == "metadata")  # "Words: 197"
                or (not ahead[i] and not block.shown)  # only a closing notice after it
            ):
                if block.shown:  # the author's mark closing the chapter: its ornament
                    cleaned.append(_ornament(block, typed))
                continue
            if block.shown and not (cleaned and _story(cleaned[-1])):
                cleaned.append(_ornament(block, typed))  # … or opening it
                continue
        cleaned.append(block)
    return replace(doc, blocks=tuple(cleaned))


def _prose_ahead(blocks: list[Block]) -> list[bool]:
    """For each block, whether story prose follows it before the next heading: a break
    with none after it in its chapter (``* * *`` / ``Words: 197`` / the next chapter's
    heading) closes nothing."""
    ahead = [False] * len(blocks)
    seen = False
    for i in range(len(blocks) - 1, -1, -1):
        ahead[i] = seen
        block = blocks[i]
        if isinstance(block, Heading):
            seen = False
        elif _story(block) or (isinstance(block, Paragraph) and block.role == "furniture"):
            seen = True  # a note after it is no scene: "* * *" / "Words: 197" / the A/N
    return ahead
