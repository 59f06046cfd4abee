"""Guesses the rules made that a person may want to look at (all ``info``).

* ``'Not again.' ¶ 'Hero' was all they called him.`` → G001 (read as a thought;
  could be a quotation)
* ``the so-called 'hero' came back`` → G002 (read as a quotation; could be a thought)
* break, ``Two days later``, story → G003 (read as a scene caption)
* ``I hope you like this one!`` before the story → G004 (read as an author's note, unlabelled)

The apostrophe guesses are the rules' own: A001 and A002.
"""

from __future__ import annotations

from collections.abc import Iterator

from fanfmt.checks.base import Chapter, Finding, check, story_spots
from fanfmt.model import AuthorNote, Paragraph, Quoted, Thought
from fanfmt.walk import plain_text

_MAX_SHORT_WORDS = 3


def _short(text: str) -> bool:
    """One to three words and no punctuation at the end: a name, a title, a word."""
    stripped = text.strip()
    return 0 < len(stripped.split()) <= _MAX_SHORT_WORDS and stripped[-1:].isalnum()


@check("G001", "thought-or-quotation", "info", scope="piece")
def thought_or_quotation(chapter: Chapter) -> Iterator[Finding]:
    """A short span was read as a thought; it could be a quotation, a title or emphasis.

    Example: ``'Not again.' ¶ 'Hero' was all they ever called him.``
    """
    for spot in story_spots(chapter.document):
        if isinstance(spot.node, Thought):
            text = plain_text(spot.node.children)
            if _short(text):
                other = "emphasis" if spot.node.marker != "single" else "a quotation"
                message = f"{text.strip()!r} read as a thought; it could be {other}"
                yield chapter.near(spot.line, text, message)


@check("G002", "quotation-or-thought", "info", scope="piece")
def quotation_or_thought(chapter: Chapter) -> Iterator[Finding]:
    """A single-quoted span in narration was kept as a quotation, not made a thought.

    Example: ``"Run!" ¶ 'Not again.' ¶ He called it a 'plan' and smiled.``
    """
    convention = chapter.document.convention
    if convention.quotes != "american" or convention.thoughts != "single":
        return
    for spot in story_spots(chapter.document):
        node = spot.node
        if isinstance(node, Quoted) and node.kind == "single" and not spot.in_dialogue:
            text = plain_text(node.children)
            message = f"{text.strip()!r} read as a quotation, not a thought"
            yield chapter.near(spot.line, text, message)


@check("G003", "caption-guess", "info", scope="piece")
def caption_guess(chapter: Chapter) -> Iterator[Finding]:
    """A short line after a scene break was read as a caption (time or place), not story text.

    Example: ``The end of the scene. ¶ * * * ¶ Two days later ¶ They met at noon.``
    """
    for block in chapter.document.blocks:
        if isinstance(block, Paragraph) and block.role == "caption":
            text = plain_text(block.children)
            yield Finding(block.line, 1, f"{text!r} read as a scene caption")


@check("G004", "unlabelled-note", "info", scope="piece")
def unlabelled_note(chapter: Chapter) -> Iterator[Finding]:
    """Paragraphs with no ``A/N`` label were read as an author's note, from how they talk.

    Example: ``Thanks for reading, I hope you enjoy it! ¶ ¶ ¶ It rained. ¶ She ran. ¶ It was late.``
    """
    for block in chapter.document.blocks:
        if isinstance(block, AuthorNote) and not block.marked and block.paragraphs:
            count = len(block.paragraphs)
            what = "paragraph" if count == 1 else f"{count} paragraphs"
            yield Finding(
                block.line, 1, f"{what} read as an author's note ({block.position}), unlabelled"
            )
