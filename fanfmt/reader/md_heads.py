"""What a Markdown heading is in a chapter: a heading, a section's caption, or a break.

* ``# Chapter 3`` → ``"heading"``; ``##### ii. the river`` with story above it →
  ``"caption"`` (a section of the chapter); so is any deeper heading under a chapter line
  (``## Map``, ``### Pinim`` under ``# Chapter 1``) that names no chapter itself
* ``### * ###``, ``## ~~~`` (a heading of marks alone), and a heading typed three times or
  more in the file (``### Scene``) → ``"break"``: the author's scene-break row, set large
* ``## 2`` or ``2`` over ``---``, in a file with two such headings or more → ``"section"``:
  the number of a part of the chapter, a caption after a scene break (``# 2`` stays a
  heading: a file's top-level numbers may be its chapters); so is a deep heading naming a
  part (``##### Part Two: Emissaries``) under the story: a post's part, not a chapter
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from fanfmt.chars import ELLIPSIS, RIGHT_DOUBLE_QUOTE
from fanfmt.model import Inline

HeadingKind = Literal["heading", "caption", "break", "section"]
DEEP_TAGS = ("h4", "h5", "h6")
"""Headings this deep, inside a chapter, are its sections' captions."""


def section_title(inlines: tuple[Inline, ...]) -> bool:
    """A deep heading's words that title a section, not a chapter nor a note:
    ``ii. and the river`` → True; ``Chapter 3``, ``Author's Notes`` → False."""
    from fanfmt.patterns import OTHER_LABEL
    from fanfmt.reader.md_settle import is_label
    from fanfmt.rules._chapter import chapter_line
    from fanfmt.walk import plain_text

    text = plain_text(inlines).strip()
    return bool(text) and not (chapter_line(text) or is_label(text) or OTHER_LABEL.match(text))


def chapter_level(tag: str, inlines: tuple[Inline, ...]) -> int:
    """``("h2", "Глава вторая «Ночь»")`` → 2, ``("h1", "Chapter 1")`` → -1: the level of a
    heading that is a chapter line, negative when the line has no title (a heading right
    under it may be the title); 0 for any other heading."""
    from fanfmt.rules._chapter import chapter_line
    from fanfmt.walk import plain_text

    m = chapter_line(plain_text(inlines).strip())
    if m is None:
        return 0
    return int(tag[1]) if m.group("title") else -int(tag[1])


_UNSPACED_ATX_RE = re.compile(r"^( {0,3}#{1,6})(?=[^\s#])(.+)$")
_FIRST_TITLE_WORDS = 10


def space_headings(lines: list[str]) -> int:
    """Mend, in place, headings typed with no space after the marks (CommonMark reads
    them as text); how many were mended: ``["#Chapter 5", "It rained."]`` → 1,
    ``["# Chapter 5", "It rained."]``. A ``#`` glued to a chapter line is one anywhere;
    to other words, only on the file's first line (``#The Long Night``): a ``#hashtag``
    in the story stays as typed; ``##_Part I`` → ``## Part I`` (the ``_`` opens nothing)."""
    from fanfmt.rules._chapter import chapter_line

    mended = 0
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    for i, line in enumerate(lines):
        m = _UNSPACED_ATX_RE.match(line)
        if m is None:
            continue
        rest = m.group(2).strip()
        if rest[0] in "_*" and rest.count(rest[0]) == 1:
            rest = rest[1:]  # "##_Part I: Gregor": a mark opening nothing
        titled = i == first and len(rest.split()) <= _FIRST_TITLE_WORDS
        if chapter_line(rest) or titled:
            lines[i] = f"{m.group(1)} {rest}"
            mended += 1
    return mended


_ATX_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
REPEATS = 3
"""A heading typed this many times in one file (``### Scene``) marks the breaks."""


def repeated_headings(lines: list[str]) -> frozenset[str]:
    """The headings typed :data:`REPEATS` times or more in ``lines``, folded:
    ``["### Scene", "…", "### Scene", "…", "### Scene"]`` → ``{"scene"}``."""
    from fanfmt.rules._chapter import chapter_line

    counts = Counter(m.group(2).strip().casefold() for line in lines if (m := _ATX_RE.match(line)))
    return frozenset(t for t, n in counts.items() if n >= REPEATS and not chapter_line(t))


_PART_RE = re.compile(r"part\s+(?:\d+|[ivxlc]+|[a-z]+)\b", re.IGNORECASE)
_SECTION_NUMBER_RE = re.compile(r"(?:\d{1,3}|[IVXLC]{1,7})\.?", re.IGNORECASE)
_SETEXT_UNDER_RE = re.compile(r" {0,3}-+[ \t]*")
SECTIONS_MIN = 2
"""A file with this many headings of a number alone has numbered parts."""
SECTION_WORDS_MAX = 4_000
"""…if they are a chapter's parts: at most this many words each, on average (``## IV`` over
100,000 words is a part of a novel, a heading)."""


def numbered_sections(lines: list[str]) -> bool:
    """Does the file number its parts with headings below the top level?
    ``["1", "---", "", "It rained.", "", "## 2", "Then snow."]`` → True; one such heading,
    ``# 1`` / ``# 2`` (maybe a whole story's chapters), or parts of a novel's length → False."""
    found = 0
    for i, line in enumerate(lines):
        text = line.strip()
        m = _ATX_RE.match(line)
        if (m and len(m.group(1)) > 1 and _SECTION_NUMBER_RE.fullmatch(m.group(2))) or (
            text.isdigit()
            and (i == 0 or not lines[i - 1].strip())
            and i + 1 < len(lines)
            and _SETEXT_UNDER_RE.fullmatch(lines[i + 1])
        ):
            found += 1
    if found < SECTIONS_MIN:
        return False
    return sum(len(line.split()) for line in lines) <= found * SECTION_WORDS_MAX


def prose(inlines: tuple[Inline, ...]) -> bool:
    """A sentence rather than a title: long, or ending as sentences end."""
    from fanfmt.walk import plain_text

    text = plain_text(inlines).rstrip()
    return len(text) > 80 or text.endswith((".", "!", "?", '"', ELLIPSIS, RIGHT_DOUBLE_QUOTE))


def heading_kind(
    tag: str,
    inlines: tuple[Inline, ...],
    story: bool,
    level: int,
    repeated: frozenset[str] = frozenset(),
    numbered: bool = False,
) -> HeadingKind:
    """What the heading ``tag`` of ``inlines`` is, ``story`` telling whether the story has
    begun above it and ``level`` the level of the chapter line heading the chapter (0: none;
    negative: the line has no title, so a heading right under it, before the story, is its title):
    ``("h3", "* * *")`` or a heading in ``repeated`` → ``"break"``; ``("h2", "Map")`` under
    ``# Chapter 2: Night`` → ``"caption"``; ``("h2", "The Second Day")`` → ``"heading"``;
    ``("h2", "3")`` in a file of ``numbered`` parts → ``"section"``."""
    from fanfmt.walk import plain_text

    text = plain_text(inlines).strip()
    if not any(ch.isalnum() for ch in text) or text.casefold() in repeated:
        return "break"
    if numbered and tag != "h1" and _SECTION_NUMBER_RE.fullmatch(text):
        return "section"
    if level and int(tag[1]) > abs(level) and (story or level > 0) and section_title(inlines):
        return "caption"  # a section of the chapter whose chapter line stands above it
    if tag in DEEP_TAGS and story and _PART_RE.match(text):
        return "section"  # "##### Part Two: Emissaries" under the story: a part of the post
    deep = tag in DEEP_TAGS
    return "caption" if deep and story and section_title(inlines) else "heading"
