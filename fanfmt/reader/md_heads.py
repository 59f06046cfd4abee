"""What a Markdown heading is in a chapter: a heading, a section's caption, or a break.

* ``# Chapter 3`` → ``"heading"``; ``##### ii. the river`` with story above it →
  ``"caption"`` (a section of the chapter); so is any deeper heading under a chapter line
  (``## Map``, ``### Pinim`` under ``# Chapter 1``) that names no chapter itself
* ``### * ###``, ``## ~~~`` (a heading of marks alone), and a heading typed three times or
  more in the file (``### Scene``) → ``"break"``: the author's scene-break row, set large
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from fanfmt.model import Inline

HeadingKind = Literal["heading", "caption", "break"]
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
    in the story stays as typed."""
    from fanfmt.rules._chapter import chapter_line

    mended = 0
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    for i, line in enumerate(lines):
        m = _UNSPACED_ATX_RE.match(line)
        if m is None:
            continue
        rest = m.group(2).strip()
        titled = i == first and len(rest.split()) <= _FIRST_TITLE_WORDS
        if chapter_line(rest) or titled:
            lines[i] = f"{m.group(1)} {rest}"
            mended += 1
    return mended


_ATX_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
REPEATS = 3
"""A heading typed this many times in one file (``### Scene``) marks the breaks."""


def repeated_headings(lines: list[str]) -> frozenset[str]:
    """The headings typed :data:`REPEATS` times or more in ``lines``, folded:
    ``["### Scene", "…", "### Scene", "…", "### Scene"]`` → ``{"scene"}``."""
    from fanfmt.rules._chapter import chapter_line

    counts = Counter(m.group(1).strip().casefold() for line in lines if (m := _ATX_RE.match(line)))
    return frozenset(t for t, n in counts.items() if n >= REPEATS and not chapter_line(t))


def heading_kind(
    tag: str,
    inlines: tuple[Inline, ...],
    story: bool,
    level: int,
    repeated: frozenset[str] = frozenset(),
) -> HeadingKind:
    """What the heading ``tag`` of ``inlines`` is, ``story`` telling whether the story has
    begun above it and ``level`` the level of the chapter line heading the chapter (0: none;
    negative: the line has no title, so a heading right under it, before the story, is its title):
    ``("h3", "* * *")`` or a heading in ``repeated`` → ``"break"``; ``("h2", "Map")`` under
    ``# Chapter 2: Night`` → ``"caption"``; ``("h2", "The Second Day")`` → ``"heading"``."""
    from fanfmt.walk import plain_text

    text = plain_text(inlines).strip()
    if not any(ch.isalnum() for ch in text) or text.casefold() in repeated:
        return "break"
    if level and int(tag[1]) > abs(level) and (story or level > 0) and section_title(inlines):
        return "caption"  # a section of the chapter whose chapter line stands above it
    deep = tag in DEEP_TAGS
    return "caption" if deep and story and section_title(inlines) else "heading"
