"""Could a line at the top of a chapter be its title? :func:`could_be_title`, for
:func:`fanfmt.rules._top.read_top`."""

from __future__ import annotations

import re

from fanfmt import rx
from fanfmt.patterns import BYLINE, DISCLAIMER, NOTE_START
from fanfmt.rules._chapter import CHAPTER_TITLE_MAX_WORDS
from fanfmt.rules._text import POV_RE, QUOTE_CHARS, is_short_line

_STORY_LINE_RE = rx.compile(
    r"[a-z][.!?…][*_\"”’']*\s+[*_\"“‘']*[A-Z]"  # two sentences
    r"|^[*_].*?[.!?,…][*_](?:\W|$)"  # an italic sentence or clause: a thought
    r"|\b(?:thought|wondered|said|asked|sighed)\b",
)
"""A line of story rather than a title: two sentences, a thought in italics, a speech tag."""
MARKER_LINE_RE = rx.compile(
    r"^\W*(?:(?:end\s+(?:of\s+)?)?(?:flash\s*-?\s*back|flash\s*forward|dream(?:\s+sequence)?|memory)"
    r"|present(?:\s+day|\s+time)?|now|then)\W*$",
    re.IGNORECASE,
)
"""``*Flashback*``, ``-End Flashback-``, ``Present day``: a marker in the story, not a title."""

_QUOTED_TITLE_RE = rx.compile(r"[\"“][^\"“”]*[^\"“”\s.,;:!?…-][\"”]")


def _quoted_title(text: str) -> bool:
    """``"Every Need for a Masquerade"`` → True; ``"Run!"``, a legend's ``"Speech"`` → False."""
    from fanfmt.lexicon import CONVENTION_WORDS, VOICE_WORDS

    if not _QUOTED_TITLE_RE.fullmatch(text):
        return False
    said = {w.lower() for w in re.findall(r"\w+", text)}
    return not said & (CONVENTION_WORDS | VOICE_WORDS)


def could_be_title(text: str) -> bool:
    """A line at the top that may be the story's title: ``Paper Lanterns``,
    ``"Every Need for a Masquerade"`` → True; ``"Run!" she said.``, ``By Someone``,
    ``Katara's POV``, ``*Flashback*``, a sentence → False."""
    if not is_short_line(text, CHAPTER_TITLE_MAX_WORDS):
        return False
    if text[0] in QUOTE_CHARS and not _quoted_title(text):
        return False  # speech; but ``"Every Need for a Masquerade"`` is a title in quotes
    if DISCLAIMER.match(text) or NOTE_START.match(text) or BYLINE.match(text):
        return False
    # "Katara's POV" under "Chapter 5" says whose eyes the scene is seen through: no title
    if POV_RE.search(text) or MARKER_LINE_RE.match(text):
        return False
    if _STORY_LINE_RE.search(text):
        return False  # _Great_, Percy thought. _Just great._ — the story has begun
    return not (text.endswith(".") and not text.endswith(".."))
