"""Mark scene captions: short lines right after a scene break that set time or place.

* break, ``A few days later...``, extra blank lines → a caption (and one break, not two)
* break, ``Konoha Outskirts``, ``Three years ago``, extra blank lines → two captions
* ``-line break-``, ``In the tower``, ``-line break-`` (the caption framed by the same
  mark twice) → one break and a caption
* break, ``Meanwhile, at the castle…`` then the story → a caption (an ellipsis or no
  end punctuation)
* break, ``Hm.`` or ``"Run!"`` → story text, not a caption; so is ``Never again.`` between
  two breaks of blank lines (a scene of one line)
* break, ``More text`` and then only the end notes → story text: a caption opens a scene
* ``Chapter 5``, then ``Katara's POV`` or ``Hogwarts, 1996`` (a time, place or point of
  view opening the story) → a caption
* mid-scene, a paragraph that only names a point of view or a time, or numbers a section
  (``Draco's POV``, ``Three hours later...``, ``March 9th``, ``II.``) → a caption
* ``captions = false`` in ``fanfmt.toml`` (``options.captions``) → no captions at all
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Heading,
    Paragraph,
    SceneBreak,
    is_story,
)
from fanfmt.patterns import TIME
from fanfmt.rules._text import POV_RE, QUOTE_CHARS, may_be_short, text_of, words
from fanfmt.rules.table import Context

MAX_WORDS = 9
"""A caption is at most this many words (and :data:`CAPTION_MAX_CHARS` characters)."""
CAPTION_MAX_CHARS = 80
"""A caption is a short line: at most this many characters."""


def _caption_like(text: str) -> bool:
    if not text or len(text) > CAPTION_MAX_CHARS or text[0] in QUOTE_CHARS:
        return False
    n = len(words(text))
    if not 0 < n <= MAX_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit() or not text[0].isalnum()):
        return False
    return not re.search(r"[\"“”]", text)


def _strong(text: str) -> bool:
    """A caption even without blank lines after it."""
    if not _caption_like(text):
        return False
    stripped = text.rstrip()
    ends_open = stripped.endswith(("...", "…", "..")) or stripped[-1] not in ".!?'’"
    has_words = bool(TIME.search(text) or POV_RE.search(text)) or len(words(text)) >= 2
    return ends_open and has_words and stripped[-1] not in "?!"


_SECTION_RE = rx.compile(r"^[-~*=#\s]{0,2}(?:[IVXLC]{1,6}|\d{1,2})\.?[-~*=#\s]{0,2}$")
"""``I.``, ``II``, ``3.`` alone on a line: the number of a section of the chapter."""
_LABELLED_LINE_RE = rx.compile(r"[^\W\d_]:\s")
_FIELD_RE = rx.compile(r"^[\w ]{1,24}:\s")
"""``Release Date: June, 1998``: a field of a header, not a caption."""
_PERSON_RE = rx.compile(
    r"\b(?:i|he|she|they|we|you|it|his|her|their|my|me|him|them|our|your)\b", re.IGNORECASE
)
"""Someone in the sentence: ``She waited for hours...`` is story, not a caption."""
_NAME_RE = rx.compile(r"^[-~*=#\s]{0,3}[A-Z]{3,12}[-~*=#\s]{0,3}$")
"""``PERCY`` alone on a line: whose eyes the next part is told through."""


def _unfinished(text: str) -> bool:
    """Not a sentence of the story: no full stop, ``!`` or ``?`` at its end (an ellipsis is
    open), or a time or a point of view. ``Konoha Outskirts``, ``A few days later...``,
    ``Three hours later.`` → True; ``Never again.`` (a scene of one line) → False."""
    stripped = text.rstrip()
    if stripped.endswith(("...", "…", "..")) or not stripped.endswith((".", "!", "?")):
        return True
    return bool(TIME.search(text) or POV_RE.search(text))


def _switch(text: str) -> bool:
    """A paragraph that only says whose eyes or what time the story moves to, even with
    no break before it: ``Draco's POV``, ``Three hours later...``, ``Later that evening``."""
    if _SECTION_RE.match(text) or _NAME_RE.match(text):
        return True  # I. / II. / 3. — a numbered section; PERCY — a narrator's name
    if not _strong(text) or len(words(text)) > 6 or _FIELD_RE.match(text):
        return False
    if _LABELLED_LINE_RE.search(text):
        return False  # [11:46 PM] ironmaaan: liar — a line of a chat, not a caption
    if POV_RE.search(text) is not None:
        return True
    return TIME.search(text) is not None and _PERSON_RE.search(text) is None


def _opening_caption(text: str) -> bool:
    """The story's first line names a time, a place or a point of view (``Katara's POV``),
    or numbers the first section (``I.``)."""
    if _SECTION_RE.match(text) or _NAME_RE.match(text) or POV_RE.search(text):
        return len(text) <= 40
    return _strong(text) and TIME.search(text) is not None


def _story_at(blocks: list[Block], k: int) -> bool:
    """Is ``blocks[k]`` the story going on? A caption opens a scene: a short line with
    only the end notes or nothing after it (``Some text`` / rule / ``More text`` /
    notes) is the scene itself, not its caption."""
    return k < len(blocks) and is_story(blocks[k])


def apply(doc: Document, ctx: Context) -> Document:
    """Give caption paragraphs the ``caption`` role (unless ``options.captions`` is off)."""
    if not ctx.options.captions:
        return doc
    blocks = list(doc.blocks)
    out: list[Block] = []
    i = 0
    opening = False  # after a heading, before the story's first paragraph
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Heading):
            opening = True
        elif is_story(block) and opening:
            opening = False
            if _opening_caption(text_of(block)) and _story_at(blocks, i + 1):
                block = replace(block, role="caption")
        elif (
            is_story(block)
            and i < len(blocks) - 1
            and may_be_short(block, CAPTION_MAX_CHARS)
            and (i == 0 or isinstance(blocks[i - 1], Paragraph | AuthorNote))
            and _switch(text_of(block))
        ):
            block = replace(block, role="caption")  # Draco's POV, Three hours later...
        out.append(block)
        i += 1
        if isinstance(block, Paragraph) and block.role == "caption" and i + 1 < len(blocks):
            nxt = blocks[i]
            if isinstance(nxt, SceneBreak) and not nxt.marker:
                i += 1  # blank lines after a caption set it apart; they do not end the scene
        starts_scene = isinstance(block, SceneBreak)
        if not starts_scene:
            continue
        # up to two short lines followed by another blank-line break
        run: list[Paragraph] = []
        j = i
        while j < len(blocks) and len(run) < 2:
            nxt = blocks[j]
            if not (is_story(nxt) and _caption_like(text_of(nxt))):
                break
            run.append(nxt)
            j += 1
        after = blocks[j] if j < len(blocks) else None
        framed = isinstance(after, SceneBreak) and (
            (not after.marker and all(_unfinished(text_of(p)) for p in run))
            or (
                isinstance(block, SceneBreak)
                and not (block.shown or after.shown)  # a mark with the author's letters stays
                and len(run) == 1
                and _strong(text_of(run[0]))
                and _story_at(blocks, j + 1)
            )
        )  # blank lines after the caption, or a plain mark again (``***`` and ``~~~`` look
        # the same in the book): one change of scene
        if run and framed:
            out.extend(replace(p, role="caption") for p in run)
            i = j + 1  # the blank lines after a caption end the caption, not the scene
            continue
        if run and _strong(text_of(run[0])) and _story_at(blocks, i + 1):
            out.append(replace(run[0], role="caption"))
            i += 1
    return replace(doc, blocks=tuple(out))
