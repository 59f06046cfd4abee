"""A word count at a chapter's edge is metadata; anywhere else it is the story's."""

from __future__ import annotations

from fanfmt.api import normalise
from fanfmt.model import Paragraph
from fanfmt.rules.furniture import is_word_count
from fanfmt.walk import plain_text


def roles(text: str) -> dict[str, str]:
    doc, _ = normalise(text)
    return {plain_text(b.children): b.role for b in doc.blocks if isinstance(b, Paragraph)}


def test_word_count_lines() -> None:
    for line in ("900 words", "(2,450 words)", "Words: 1200", "Word count: 1,234", "~3k words"):
        assert is_word_count(line), line
    for line in ("1984", "Three words.", "words", "A thousand words and more"):
        assert not is_word_count(line), line


def test_a_word_count_closing_the_chapter_is_metadata() -> None:
    text = "The kettle sang.\n\nShe counted to ten, then to twenty.\n\n\n800 words\n"
    assert roles(text)["800 words"] == "metadata"


def test_a_word_count_inside_the_story_stays_text() -> None:
    text = (
        "She held the essay up to the light. It was short.\n\n900 words\n\n"
        '"Not enough," he said, and handed it back.\n'
    )
    assert roles(text)["900 words"] != "metadata"
