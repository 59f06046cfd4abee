"""What a Markdown heading is in a chapter: a heading, a section's caption, or a break.

* ``# Chapter 3`` → ``"heading"``; ``##### ii. the river`` with story above it →
  ``"caption"`` (a section of the chapter); so is ``### Pinim`` in a chapter whose headings
  are numbered (``# Chapter 1``), with story above it
* ``### * ###``, ``## ~~~`` (a heading of marks alone) → ``"break"``: the author's
  scene-break row, set large
"""

from __future__ import annotations

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


def numbered(tag: str, inlines: tuple[Inline, ...]) -> bool:
    """``# Chapter 1`` / ``## Chapter Two: Rain`` → True (a chapter line at level 1 or 2)."""
    from fanfmt.rules._chapter import chapter_line
    from fanfmt.walk import plain_text

    return tag in ("h1", "h2") and chapter_line(plain_text(inlines).strip()) is not None


def heading_kind(
    tag: str, inlines: tuple[Inline, ...], story: bool, chapters_numbered: bool
) -> HeadingKind:
    """What the heading ``tag`` of ``inlines`` is, ``story`` telling whether the story has
    begun above it and ``chapters_numbered`` whether a chapter line heads the chapters:
    ``("h3", "* * *")`` → ``"break"``; ``("h3", "Pinim")`` after ``# Chapter 1`` and story →
    ``"caption"``; ``("h2", "The Second Day")`` → ``"heading"``."""
    from fanfmt.walk import plain_text

    if not any(ch.isalnum() for ch in plain_text(inlines)):
        return "break"
    deep = tag in DEEP_TAGS or (tag == "h3" and chapters_numbered)
    return "caption" if deep and story and section_title(inlines) else "heading"
