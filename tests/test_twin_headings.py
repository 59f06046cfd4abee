"""A page's own chapter heading and the one the author typed under it are one heading."""

from __future__ import annotations

import pytest
from site_markup import story_paragraphs

from fanfmt.api import convert
from fanfmt.model import AuthorNote, Block, Heading, Paragraph, Text
from fanfmt.rules._text import text_of
from fanfmt.rules._twins import merge_twin_headings, number_value


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Chapter 6", 6),
        ("Chapter Six", 6),
        ("CHAPTER VI", 6),
        ("Chapter Twenty-One", 21),
        ("Chapter the Third", 3),
        ("Part XIV", 14),
        ("Prologue", None),
        ("Chapter", None),
    ],
)
def test_number_value(label: str, value: int | None) -> None:
    assert number_value(label) == value


def _heading(number: str, title: str = "") -> Heading:
    return Heading(number=(Text(number),), title=(Text(title),) if title else ())


def test_same_chapter_merges_keeping_the_authors_words() -> None:
    page, typed = _heading("Chapter 6", "The Ferryman"), _heading("Chapter Six")
    story = Paragraph((Text("The ferry was late."),))
    merged = merge_twin_headings([page, typed, story])
    assert merged == [_heading("Chapter Six", "The Ferryman"), story]


def test_a_labelled_note_between_them_stays() -> None:
    page, typed = _heading("Chapter 6"), _heading("Chapter 6", "Crossing")
    note = Paragraph((Text("A/N: sorry for the wait!"),))
    merged = merge_twin_headings([page, note, typed], lambda p: True)
    assert merged == [_heading("Chapter 6", "Crossing"), note]


def test_two_chapters_stay_two() -> None:
    blocks = [_heading("Chapter 6"), _heading("Chapter 7")]
    assert merge_twin_headings(list(blocks)) == blocks


def test_story_between_them_keeps_both() -> None:
    story = Paragraph((Text("She ran."),))
    blocks: list[Block] = [_heading("Chapter 6"), story, _heading("Chapter 6")]
    assert merge_twin_headings(list(blocks)) == blocks


_MENU = (
    "<SELECT title='chapter navigation' Name=chapter><option  value=1 >1. Fog"
    "<option  value=2 selected>2. Rope<option  value=3 >3. Salt</select>"
)
FFN_2008 = (
    "<html><head><title>Harrow Tales Chapter 2: Rope, a misc fanfic | FanFiction.Net"
    "</title></head><body><a href='/u/77/Wren'>Wren</a>\n"
    + _MENU
    + "<div id=storytext class=storytext><p align=center><b>Chapter Two</b></p>\n"
    '<p>The rope was old.</p><p>"Pull," she said.</p></div>\n' + _MENU + "</body></html>"
)


def test_an_ffn_page_of_the_2000s_has_one_heading_and_its_story_title() -> None:
    result = convert(FFN_2008, "xhtml", from_format="html")
    headings = [b for b in result.document.blocks if isinstance(b, Heading)]
    assert len(headings) == 1
    assert result.document.meta.title == "Harrow Tales"
    assert result.document.meta.chapter == "Chapter Two: Rope"
    assert result.document.meta.author == "Wren"
    assert "Salt" not in result.text
    assert "Fog" not in result.text


def test_the_same_title_under_the_authors_own_count_is_one_heading_with_the_pages_number() -> None:
    page, typed = _heading("Chapter 13", "Salt Roads"), _heading("Chapter XII", "Salt Roads")
    story = Paragraph((Text("The ferry was late."),))
    assert merge_twin_headings([page, typed, story]) == [
        _heading("Chapter 13", "Salt Roads"),
        story,
    ]


def test_another_count_and_another_title_are_two_chapters() -> None:
    blocks: list[Block] = [_heading("Chapter 13", "Salt Roads"), _heading("Chapter 12", "Fog")]
    assert merge_twin_headings(list(blocks)) == blocks


AO3_TYPED = (
    '<html><body><div id="workskin"><div class="preface group"><h2 class="title heading">'
    'Harrow Tales</h2></div><div id="chapters"><div class="chapter">'
    '<div class="chapter preface group"><h3 class="title"><a href="#">Chapter 13</a>: '
    'Salt Roads</h3></div><div class="userstuff module"><h3 class="landmark heading">'
    "Chapter Text</h3><p><strong>Thank you all for reading so far.</strong></p>"
    "<p><strong>Enjoy.</strong></p><p>“Speech”</p><p><em>‘Thoughts’</em></p>"
    '<p align="center"><strong>Harrow Tales</strong></p>'
    '<p align="center"><strong>Chapter XII: Salt Roads</strong></p>'
    "<p>The rope was old and the road was long.</p><p>“Pull,” she said.</p>"
    "</div></div></div></div></body></html>"
)


def test_an_ao3_chapter_with_its_heading_typed_again_under_another_count() -> None:
    result = convert(AO3_TYPED, "markdown", from_format="html")
    headings = [b for b in result.document.blocks if isinstance(b, Heading)]
    assert len(headings) == 1
    assert result.text.count("Harrow Tales") == 1
    assert "Chapter XII" not in result.text
    assert "# Chapter 13: Salt Roads" in result.text


def _story_lines(n: int) -> list[str]:
    return [f"The road ran on past the {i}th mile, and she kept walking." for i in range(n)]


def test_an_epilogue_typed_deep_in_a_pages_one_chapter_heads_a_section_of_it() -> None:
    body = "".join(f"<p>{line}</p>" for line in _story_lines(40))
    page = f"<h1>Chapter 24: Cry Havoc</h1>{body}<p>Epilogue</p><p>Years later, it rained.</p>"
    blocks = convert(page, "xhtml", from_format="html").document.blocks
    assert sum(isinstance(b, Heading) for b in blocks) == 1
    epilogue = [b for b in blocks if isinstance(b, Paragraph) and text_of(b) == "Epilogue"]
    assert [b.role for b in epilogue] == ["caption"]


def test_an_epilogue_in_a_whole_story_of_plain_text_is_a_chapter() -> None:
    text = "\n\n".join(["Chapter 1", *_story_lines(40), "Epilogue", "Years later, it rained."])
    blocks = convert(text, "xhtml", from_format="text").document.blocks
    assert sum(isinstance(b, Heading) for b in blocks) == 2


def _ffn_page(text: str) -> str:
    return (
        "<html><head><title>Lantern Road Chapter 1: Embers, a misc fanfic | FanFiction"
        "</title></head><body><div id=profile_top><b class='xcontrast_txt'>Lantern Road</b>"
        "</div><select id=chap_select><option value=1 selected>1. Embers</select>"
        f"<div class='storytext xcontrast_txt nocopy' id='storytext'>{text}</div></body></html>"
    )


def test_the_title_and_a_by_line_typed_over_the_disclaimer_leave_one_heading() -> None:
    page = _ffn_page(
        "<p><b>Lantern Road</b></p><p>By Tamsin Vale</p>"
        "<p>Disclaimer: the lanterns belong to their makers, not to me.</p>"
        "<p><b>Chapter 1</b></p><p>The road was dark and the lamps were out.</p>"
        "<p>“Light them,” she said.</p>"
    )
    blocks = convert(page, "xhtml", from_format="html").document.blocks
    assert sum(isinstance(b, Heading) for b in blocks) == 1
    roles = {text_of(b): b.role for b in blocks if isinstance(b, Paragraph)}
    assert roles["By Tamsin Vale"] == "byline"


def test_a_long_unlabelled_preface_before_the_typed_heading_is_a_note_under_one_heading() -> None:
    preface = "".join(
        f"<p>Here is a thing about the story you should know, number {i}.</p>" for i in range(14)
    )
    page = _ffn_page(
        preface + "<p>Disclaimer: I own nothing.</p><p>Chapter 1 – Embers</p>"
        "<p>The road was dark and the lamps were out.</p><p>“Light them,” she said.</p>"
    )
    blocks = convert(page, "xhtml", from_format="html").document.blocks
    assert sum(isinstance(b, Heading) for b in blocks) == 1
    assert isinstance(blocks[0], Heading)
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert len(notes) == 1
    assert len(notes[0].paragraphs) == 14
    assert "Chapter 1 – Embers" not in [text_of(b) for b in blocks if isinstance(b, Paragraph)]


def test_a_part_and_a_chapter_of_the_same_number_stay_two() -> None:
    part, chapter = _heading("Part 4", "Winter"), _heading("Chapter 4")
    story = Paragraph((Text("Snow fell."),))
    assert merge_twin_headings([part, chapter, story]) == [part, chapter, story]


def test_no_word_of_a_part_line_is_lost_before_a_chapter_line() -> None:
    out = convert("One\n\nPart 1984\n\nOne\n\nChapter 1984\n\nShe walked home.\n", "markdown")
    assert "Part 1984" in out.text
    assert "Chapter 1984" in out.text


def test_a_page_prologue_and_the_authors_typed_prologue_after_the_front_matter_are_one() -> None:
    """An FFN page headed ``Prologue`` whose text gives the author's front matter and then
    ``Prologue<br>.`` again (a dot FFN authors type to keep a blank line): one heading."""
    story = story_paragraphs()
    page = (
        "<html><head><title>Dawn Prologue, a naruto fanfic | FanFiction</title></head><body>"
        "<select id='chap_select'><option value='1' selected>1. Prologue</option>"
        "<option value='2'>2. Rain</option></select><div id='storytext'>"
        "<p>Title: Dawn</p><p>Summary: Life as a ninja.</p><p>Author's Notes: Thanks, Ash.</p>"
        f"<p>.</p><p>Prologue<br/>.</p><p><em>.<br/></em></p>{story}</div></body></html>"
    )
    doc = convert(page, "xhtml", from_format="html").document
    assert [text_of(Paragraph(b.number)) for b in doc.blocks if isinstance(b, Heading)] == [
        "Prologue"
    ]
    assert not any(isinstance(b, Paragraph) and text_of(b).strip() == "." for b in doc.blocks)


def test_a_one_shots_title_typed_again_right_under_the_pages_is_shown_once() -> None:
    """An FFN one-shot: the page's story title, then the author's own ``**Title**`` as the
    text's first line: one title, in the author's words, not a title and a byline."""
    story = story_paragraphs()
    page = (
        "<html><body><div id='profile_top'><b class='xcontrast_txt'>The Devil and Jones</b>"
        " By: <a href='/u/1/Wren'>Wren</a></div><div id='storytext'>"
        f"<p><strong>The devil and JONES</strong></p>{story}</div></body></html>"
    )
    doc = convert(page, "xhtml", from_format="html").document
    assert sum(isinstance(b, Heading) for b in doc.blocks) == 1
    assert not any(isinstance(b, Paragraph) and b.role == "byline" for b in doc.blocks)
    body = convert(page, "xhtml", from_format="html").text.split("<body>")[1]
    assert body.count("The devil and JONES") == 1
    assert "The Devil and Jones" not in body


def test_a_heading_typed_twice_in_emphasis_and_plain_is_one_with_the_pages() -> None:
    """The author types ``*Chapter 1*: Rain`` at the top and the heading again after the
    notes: all three (the page's and the two typed) are one heading."""
    story = story_paragraphs()
    page = (
        "<html><head><title>Lamps Chapter 1: Rain, a harry potter fanfic | FanFiction</title>"
        "</head><body><select id='chap_select'><option value='1' selected>1. Rain</option>"
        "<option value='2'>2. Snow</option></select><div id='storytext'>"
        "<p>*Chapter 1*: Rain</p><p>A/N: Thanks to my beta for the help.</p>"
        f"<p><strong>Chapter 1: Rain</strong></p>{story}</div></body></html>"
    )
    doc = convert(page, "xhtml", from_format="html").document
    heads = [b for b in doc.blocks if isinstance(b, Heading)]
    assert len(heads) == 1
    assert text_of(Paragraph(heads[0].title)) == "Rain"
