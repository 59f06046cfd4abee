"""Every author's note is placed in its chapter by one function, whoever found it.

``fanfmt.notes.position_notes`` decides ``before``/``inline``/``after``; the Markdown and
HTML readers call it on the notes their input marks, and the ``author_notes`` rule on the
notes it finds in plain text, so a note in the same place gets the same position from
every reader, with or without the rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from fanfmt.model import AuthorNote, Block, Heading, NotePosition, Paragraph, Text
from fanfmt.notes import position_notes
from fanfmt.reader import read
from fanfmt.rules import DEFAULT_CHAIN, Context

STORY = Paragraph((Text("It rained."),))
NOTE = AuthorNote((Paragraph((Text("Thanks!"),)),), "inline")


def positions(blocks: Iterable[Block]) -> list[NotePosition]:
    return [b.position for b in blocks if isinstance(b, AuthorNote)]


def test_a_note_is_placed_by_the_story_of_its_own_chapter() -> None:
    h1, h2 = Heading(title=(Text("One"),)), Heading(title=(Text("Two"),))
    assert positions(position_notes([NOTE, STORY, NOTE, STORY, NOTE])) == [
        "before",
        "inline",
        "after",
    ]
    assert positions(position_notes([h1, STORY, NOTE, h2, NOTE, STORY])) == ["after", "before"]
    assert positions(position_notes([h1, NOTE, NOTE])) == ["before", "before"]  # no story


MARKDOWN = "# Chapter 1\n\n> A/N: Hello.\n\nIt rained.\n\n> A/N: Mid.\n\nIt stopped.\n\n> Bye!\n"
HTML = (
    "<html><body><h1>Chapter 1</h1>"
    '<aside class="author-note after"><p>A/N: Hello.</p></aside>'
    "<p>It rained.</p>"
    '<aside class="author-note before"><p>A/N: Mid.</p></aside>'
    "<p>It stopped.</p>"
    '<aside class="author-note before"><p>Bye!</p></aside>'
    "</body></html>"
)
TEXT = "Chapter 1\n\nA/N: Hello.\n\nIt rained.\n\nA/N: Mid.\n\nIt stopped.\n\nA/N: Bye!\n"


def test_the_readers_and_the_rule_place_notes_alike() -> None:
    """The ``<aside>`` classes of a page are not what places a note: where it stands is."""
    expected = ["before", "inline", "after"]
    assert positions(read(MARKDOWN, "markdown").blocks) == expected
    assert positions(read(HTML, "html").blocks) == expected
    without_rule = DEFAULT_CHAIN.disable(["author_notes"])
    for source, fmt in ((MARKDOWN, "markdown"), (HTML, "html")):
        doc = read(source, fmt)
        assert positions(without_rule.run(doc, Context()).blocks) == expected
        assert positions(DEFAULT_CHAIN.run(doc, Context()).blocks) == expected
    assert positions(DEFAULT_CHAIN.run(read(TEXT, "text"), Context()).blocks) == expected
