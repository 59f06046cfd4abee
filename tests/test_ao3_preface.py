"""An AO3 download read as text: the preface's facts, the notes, the heading, AO3's own lines."""

from __future__ import annotations

from pathlib import Path

from fanfmt.model import AuthorNote, Heading, Paragraph, StoryFacts
from fanfmt.pipeline import prepare
from fanfmt.rules._ao3_facts import count_facts, read_fields
from fanfmt.rules._text import text_of
from fanfmt.summary import stated_facts

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ao3-download-preface.txt"
ONE_LINE = """Preface
Salt Roads
    Posted originally on the Archive of Our Own at http://archiveofourown.org/works/42.
Rating: Mature
Archive Warning: Creator Chose Not To Use Archive Warnings
Fandom: Original Work, Folklore
Collections: Winter Swap 2020
Stats:
        Published: 2020-01-02   Updated: 2020-02-03   Words: 1,030   Chapters: 2/5
Salt Roads
by Wren, Finch
Chapter 1: The Map
They walked all day.
"""


def test_fields_on_their_own_lines() -> None:
    facts = read_fields(
        ["Rating:", "Explicit", "Category:", "F/M, Gen", "Series:", "Part 3 of", "Long Roads"]
    )
    assert facts.rating == "Explicit"
    assert facts.categories == ("F/M", "Gen")
    assert (facts.series, facts.series_index) == ("Long Roads", 3)


def test_stats_and_unknown_labels() -> None:
    facts = read_fields(["Stats:", "Published: 2014-10-26 Completed: 2014-11-01 Words: 5203"])
    assert (facts.published, facts.updated, facts.words) == ("2014-10-26", "2014-11-01", 5203)
    assert facts.status == "complete"
    facts = read_fields(["Collections:", "Winter Swap", "Stats:", "Kudos: 12"])
    assert facts.notes == ("Collections: Winter Swap", "Kudos: 12")
    assert count_facts(facts) == 2


def test_one_line_labels_and_a_multi_chapter_download() -> None:
    prepared = prepare(ONE_LINE)
    meta = prepared.doc.meta
    assert (meta.title, meta.author, meta.chapter) == (
        "Salt Roads",
        "Wren, Finch",
        "Chapter 1: The Map",
    )
    story = meta.story
    assert story.rating == "Mature"
    assert story.warnings == ("Creator Chose Not To Use Archive Warnings",)
    assert story.fandoms == ("Original Work", "Folklore")
    assert story.notes == ("Collections: Winter Swap 2020",)
    assert (story.updated, story.words, story.chapters, story.status) == (
        "2020-02-03",
        1030,
        "2/5",
        "in progress",
    )
    assert story.url == "http://archiveofourown.org/works/42"
    codes = [d for d in prepared.ctx.diagnostics.sorted() if d.code == "H001"]
    assert [d.message for d in codes] == [f"AO3 preface read: {count_facts(story)} facts"]


def test_the_sample_keeps_every_fact_and_drops_the_site_lines() -> None:
    doc = prepare(SAMPLE.read_text(encoding="utf-8")).doc
    story = doc.meta.story
    assert story == StoryFacts(
        fandoms=("Original Work",),
        rating="General Audiences",
        warnings=("No Archive Warnings Apply",),
        categories=("Gen",),
        characters=("Maren", "Old Tobias"),
        tags=("Lighthouses", "Storms", "Found Family"),
        language="English",
        series="Tales from the Cape",
        series_index=1,
        summary="A storm, a lamp that will not light, and a girl who refuses to leave.",
        published="2021-03-14",
        url="http://archiveofourown.org/works/1234567",
        words=412,
        notes=("Inspired: A Lamp in the Window by someone_else",),
        stated_by="AO3 preface",
    )
    heading = doc.blocks[0]
    assert isinstance(heading, Heading)
    assert not heading.number
    notes = [b.position for b in doc.blocks if isinstance(b, AuthorNote)]
    assert notes == ["before", "after"]
    texts = [text_of(b) for b in doc.blocks if isinstance(b, Paragraph)]
    for furniture in ("Preface", "Afterword", "Stats:", "Posted originally", "Please drop by"):
        assert not any(furniture in t for t in texts), furniture
    assert ("rating", "General Audiences") in stated_facts(story)


def test_notes_omit_removes_the_preface_notes() -> None:
    from fanfmt import convert
    from fanfmt.options import Options

    text = SAMPLE.read_text(encoding="utf-8")
    out = convert(text, "xhtml", Options(notes="omit")).text
    assert "weekend challenge" not in out
    assert "holiday" not in out
    assert "Maren climbed" in out


def test_text_without_a_preface_is_left_alone() -> None:
    doc = prepare("Rating: T\n\nIt rained.\n").doc
    assert not doc.meta.story
