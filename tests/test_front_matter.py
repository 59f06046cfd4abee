"""YAML front matter in a Markdown draft is the story's metadata, never its first heading."""

from __future__ import annotations

from fanfmt.api import convert
from fanfmt.model import Heading, Meta
from fanfmt.options import Options
from fanfmt.reader import read
from fanfmt.reader.front_matter import FrontMatter, chapter_line, fill_meta, split_front_matter
from fanfmt.walk import plain_text

DRAFT = """---
title: The Glass Orchard
authors: [Wren, Ash]
rating: Teen
---

# Chapter 1: Frost

"Hello," she said.
"""


def test_front_matter_fields_and_length() -> None:
    front = split_front_matter(DRAFT.split("\n"))
    assert front.lines == 5
    assert front.fields["title"] == "The Glass Orchard"
    assert front.fields["authors"] == "Wren, Ash"
    assert front.fields["rating"] == "Teen"


def test_front_matter_fills_the_story_title_and_author_not_a_heading() -> None:
    result = convert(DRAFT, "xhtml", from_format="markdown")
    assert result.document.meta.title == "The Glass Orchard"
    assert result.document.meta.author == "Wren, Ash"
    assert "<title>The Glass Orchard — Chapter 1: Frost</title>" in result.text
    assert "rating" not in result.text.lower()
    headings = [b for b in result.document.blocks if isinstance(b, Heading)]
    assert len(headings) == 1


def test_front_matter_keeps_line_numbers() -> None:
    doc = read(DRAFT, "markdown")
    heading = next(b for b in doc.blocks if isinstance(b, Heading))
    assert heading.line == 7


def test_the_user_title_wins_over_front_matter() -> None:
    result = convert(DRAFT, "xhtml", Options(title="Mine"), from_format="markdown")
    assert result.document.meta.title == "Mine"


def test_prose_between_rules_is_not_front_matter() -> None:
    text = "---\nShe ran, and ran.\n---\n\nMore.\n"
    assert split_front_matter(text.split("\n")).lines == 0
    out = convert(text, "markdown", from_format="markdown").text
    assert "She ran, and ran." in out


def test_an_unclosed_block_is_not_front_matter() -> None:
    assert split_front_matter(["---", "title: X", "", "Text."]).lines == 0


def test_bad_yaml_is_not_front_matter() -> None:
    assert split_front_matter(["---", "title: [unclosed", "---"]).lines == 0


def test_fill_meta_keeps_what_is_given() -> None:
    front = FrontMatter({"title": "T", "author": "A"}, 4)
    assert fill_meta(Meta(title="Given"), front) == Meta(title="Given", author="A")


def test_a_subtitle_that_names_the_chapter_is_its_heading() -> None:
    text = '---\ntitle: "Night Watch"\nsubtitle: "Chapter 16"\n---\n\n"Run," she said.\n'
    result = convert(text, "xhtml", from_format="markdown")
    assert result.document.meta.title == "Night Watch"
    assert result.document.meta.chapter == "Chapter 16"


def test_a_chapter_title_in_front_matter_is_not_the_story_title() -> None:
    text = "---\ntitle: 'Chapter 3: Frost'\nchapter: 3\n---\n\nShe ran.\n"
    front = split_front_matter(text.split("\n"))
    assert chapter_line(front) == "Chapter 3"
    result = convert(text, "xhtml", from_format="markdown")
    assert result.document.meta.title == ""
    assert result.document.meta.chapter == "Chapter 3"


def test_the_chapters_own_heading_wins_over_front_matter() -> None:
    text = "---\nsubtitle: Chapter 2\n---\n\n# Chapter 2: Ice\n\nShe ran.\n"
    result = convert(text, "xhtml", from_format="markdown")
    assert result.document.meta.chapter == "Chapter 2: Ice"
    assert sum(isinstance(b, Heading) for b in result.document.blocks) == 1


def test_front_matter_facts_fill_the_story() -> None:
    text = (
        "---\ntitle: Ash\ntags: [angst, fluff]\nrating: Teen\nsummary: Two go north.\n---\n\nX.\n"
    )
    facts = convert(text, "xhtml", from_format="markdown").document.meta.story
    assert facts.tags == ("angst", "fluff")
    assert facts.rating == "Teen"
    assert facts.summary == "Two go north."


HUGO = """+++
date = 2021-03-04T10:00:00Z
description = "Author: Wren"
title = "Harbour Lights: The Long Watch"
tags = ["Fan fiction", "Harbour Lights"]

+++
> Setting note: this takes place a year after the storm.

### 2301 — The Lighthouse

<!--more-->

The lamp turned all night.

She counted the ships until dawn.
"""


def test_toml_front_matter_is_the_story_facts() -> None:
    front = split_front_matter(HUGO.split("\n"))
    assert front.lines == 7
    assert front.fields["title"] == "Harbour Lights: The Long Watch"
    result = convert(HUGO, "xhtml", from_format="markdown")
    assert result.document.meta.title == "Harbour Lights: The Long Watch"
    assert result.document.meta.story.tags == ("Fan fiction", "Harbour Lights")
    assert "+++" not in result.text
    assert "description" not in result.text


def test_the_excerpt_comment_of_a_blog_draft_is_not_text() -> None:
    result = convert(HUGO, "xhtml", from_format="markdown")
    assert "more--" not in result.text
    assert "The lamp turned all night." in result.text


def test_a_block_between_plus_rules_that_is_not_toml_stays() -> None:
    text = "+++\nShe ran, and ran.\n+++\n\nMore.\n"
    assert split_front_matter(text.split("\n")).lines == 0
    assert "She ran, and ran." in convert(text, "markdown", from_format="markdown").text


def test_the_notes_of_an_ao3_backup_are_author_notes_read_as_markdown() -> None:
    """An AO3 backup's Hugo post keeps the work's notes in ``notes:``: they are the author's,
    before the chapter (``end_notes:`` after it), with their paragraphs and Markdown."""
    text = (
        "---\ntitle: Paper Boats\nauthor: Wren\n"
        'notes: "Written for a *challenge*.\\n\\nThanks to [Ash](http://x) for the beta."\n'
        "end_notes: Come say hi.\n---\n\n# Chapter 1: Rain\n\n"
        "Tim looked at the clock, and the clock looked back at him.\n"
    )
    doc = read(text, "markdown")
    kinds = [(type(b).__name__, getattr(b, "position", "")) for b in doc.blocks]
    assert kinds == [
        ("Heading", ""),
        ("AuthorNote", "before"),
        ("Paragraph", ""),
        ("AuthorNote", "after"),
    ]
    page = convert(text, "xhtml", from_format="markdown", options=Options(notes="omit")).text
    assert "challenge" not in page
    assert "Come say hi" not in page
    assert "clock" in page
    kept = convert(text, "xhtml", from_format="markdown").text
    assert "<em>challenge</em>" in kept
    assert ">Thanks to Ash for the beta.<" in kept


def test_the_front_matters_chapter_number_stands_over_the_texts_title_heading() -> None:
    """``title: Chapter 1`` in the front matter and ``# **The Snap**`` in the text: one
    heading, ``Chapter 1`` / ``The Snap`` (the number was lost, the bold kept)."""
    text = "---\ntitle: Chapter 1\n---\n\n# **The Snap**\n\nThe dust settled over the city.\n"
    heads = [b for b in read(text, "markdown").blocks if isinstance(b, Heading)]
    assert len(heads) == 1
    assert [type(c).__name__ for c in heads[0].title] == ["Text"]
    page = convert(text, "xhtml", from_format="markdown").text
    assert '<span class="chapter-number">Chapter 1</span>' in page
    assert '<span class="chapter-title">The Snap</span>' in page
    own = read("---\ntitle: Chapter 1\n---\n\n# Chapter 2: Rain\n\nIt rained.\n", "markdown")
    assert [plain_text(b.title) for b in own.blocks if isinstance(b, Heading)] == [
        "Chapter 2: Rain"
    ]
