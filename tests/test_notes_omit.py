"""Unlabelled notes and disclaimers in plain text, through the whole chain; ``--notes omit``
removes every note and disclaimer found, and nothing else."""

from __future__ import annotations

import re

import pytest

from fanfmt.api import convert
from fanfmt.model import AuthorNote, Paragraph
from fanfmt.options import Options

STORY = [
    "The tide had gone out an hour before. Ilse walked the flats alone.",
    "She found the bottle half buried by the post.",
    "It was sealed with wax.",
    "She broke it open.",
    "The paper inside was dry.",
    "She read it twice, then folded it away.",
]

TOPS = {
    "replies": [
        "Wrenna - truly? Owls are lovely, but my hamster disagrees with you.",
        "Guest: thanks!",
    ],
    "disclaimer": ["Usual disclaimers apply."],
    "property": ["Wren and Tallis are the property of a studio."],
    "not mine": ["Not mine."],
    "no permission": ["All characters used without permission."],
    "boxed": ["-----", "The crew belongs to a studio; I only borrow them.", "-----"],
    "thanks above the heading": [
        "I'd like to thank Orrin and Bel for reading this over.",
        "Chapter 3",
    ],
}
BOTTOMS = {
    "none": [],
    "please review": ["Please Review!"],
    "feedback": ["adore me! Leave me feedback!", "Feedback welcome at writer@example.org"],
    "replies": ["Marlo: you guessed it, well done!", "To Finch - I will, I promise."],
}


def _paragraphs(text: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", text)


@pytest.mark.parametrize("top", sorted(TOPS))
@pytest.mark.parametrize("bottom", sorted(BOTTOMS))
def test_omit_removes_the_notes_and_keeps_the_story(top: str, bottom: str) -> None:
    source = "\n\n".join([*TOPS[top], *STORY, *BOTTOMS[bottom]]) + "\n"
    kept = convert(source, "xhtml", Options())
    omitted = convert(source, "xhtml", Options(notes="omit"))
    blocks = kept.document.blocks
    noted = [b for b in blocks if isinstance(b, AuthorNote)]
    disclaimers = [b for b in blocks if isinstance(b, Paragraph) and b.role == "disclaimer"]
    assert noted or disclaimers, top
    assert "author-note" not in omitted.text
    assert 'class="disclaimer"' not in omitted.text
    assert _paragraphs(omitted.text) == STORY


def test_a_first_person_story_opening_stays_story() -> None:
    opening = [
        "I never meant to fall for a ghost. You would not have planned it either.",
        "I met her on a Thursday, the week the mill closed.",
        "I told her the story of the village, and she listened.",
    ]
    source = "\n\n".join([*opening, *STORY]) + "\n"
    result = convert(source, "xhtml", Options(notes="omit"))
    assert _paragraphs(result.text) == [*opening, *STORY]


def test_a_story_sentence_about_belonging_stays_story() -> None:
    source = "\n\n".join(["The house belonged to her grandmother.", *STORY]) + "\n"
    result = convert(source, "xhtml", Options(notes="omit"))
    assert _paragraphs(result.text)[0] == "The house belonged to her grandmother."


@pytest.mark.parametrize(
    "opening",
    [
        "Sunday - I woke early and walked to the harbour.",
        "London - I had never seen so much rain.",
        "Hale: I want the report by noon.",
    ],
)
def test_a_dateline_or_a_speaker_before_first_person_story_stays_story(opening: str) -> None:
    source = "\n\n".join([opening, *STORY]) + "\n"
    result = convert(source, "xhtml", Options())
    assert not any(isinstance(b, AuthorNote) for b in result.document.blocks)
    assert len(_paragraphs(result.text)) == len(STORY) + 1
