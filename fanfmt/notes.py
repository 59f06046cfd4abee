"""Where an author's note stands in its chapter: the one function that decides it.

A chapter runs from one :class:`~fanfmt.model.Heading` to the next. A note with no story
paragraph of its chapter before it opens the chapter (``before``); one with none after it
closes it (``after``); any other is ``inline``::

    position_notes([note, p, note, p, note])  # → before, inline, after
    position_notes([h1, p, note, h2, note, p])  # → after (closes chapter 1), before

Every note goes through it, whoever found it: the Markdown reader's ``>`` notes, the HTML
reader's (an AO3 page's work and end notes, fanfmt's own ``<aside>``), and the
``author_notes`` rule's, which also places a whole story's chapters when it is split into
a book (:mod:`fanfmt.epub.split`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from fanfmt.model import AuthorNote, Block, Heading, NotePosition, is_story

__all__ = ["position_notes"]


def position_notes(blocks: Iterable[Block]) -> list[Block]:
    """``blocks`` with each :class:`AuthorNote` placed in its chapter (see the module).

    >>> from fanfmt.model import Paragraph, Text
    >>> p, note = Paragraph((Text("It rained."),)), AuthorNote((), "inline")
    >>> [b.position for b in position_notes([note, p, note, p, note]) if b is not p]
    ['before', 'inline', 'after']
    """
    out: list[Block] = []
    chapter: list[Block] = []
    for block in [*blocks, None]:
        if block is None or isinstance(block, Heading):
            out.extend(_placed(chapter))
            chapter = []
        if block is not None:
            (out if isinstance(block, Heading) else chapter).append(block)
    return out


def _placed(chapter: list[Block]) -> Iterable[Block]:
    story = [i for i, b in enumerate(chapter) if is_story(b)]
    for i, block in enumerate(chapter):
        if isinstance(block, AuthorNote):
            position: NotePosition = "inline"
            if not story or i < story[0]:
                position = "before"
            elif i > story[-1]:
                position = "after"
            if position != block.position:
                block = replace(block, position=position)
        yield block
