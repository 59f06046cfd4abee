"""Openings of archive files and site drafts: a disclaimer over the title block, rows a
mailer wrapped, headings typed without a space, a static site's attribute lines."""

from __future__ import annotations

from doc_blocks import blocks_of as _blocks
from doc_blocks import breaks as _breaks
from doc_blocks import paragraphs as _paragraphs

from fanfmt.model import Block, Heading
from fanfmt.walk import plain_text

STORY = (
    "\tMira pulled the blanket over her head and listened to the rain on the roof. It had\n"
    "been a long day of chores and training, and she ached in places she had not known\n"
    "she had.\n\n"
    "\tA half hour later she gave up on sleep and went to the window. The yard was dark\n"
    "and the pond shone under the moon like a coin dropped in the bottom of a well.\n\n"
    "\tSomeone was standing by the gate, and had been standing there for some time.\n"
)
OPENING = (
    "Okay, this is my first fic for the list. I do not own any of these characters,\n"
    "so please don't sue me. I'll be your best friend. Pretty please?\n\n\n"
    "Nothing Like the Sun\n"
    "Part 1: The Landing\n"
    "by Wren the Wanderer\n"
)


def test_a_disclaimer_over_a_title_block_leaves_title_heading_and_byline() -> None:
    blocks = _blocks(OPENING + "\n" + STORY)
    heading = next(b for b in blocks if isinstance(b, Heading))
    assert plain_text(heading.story_title) == "Nothing Like the Sun"
    assert (plain_text(heading.number), plain_text(heading.title)) == ("Part 1", "The Landing")
    assert _paragraphs(blocks, "disclaimer")[0].startswith("Okay, this is my first fic")
    assert _paragraphs(blocks, "byline") == ["by Wren the Wanderer"]
    assert len(_paragraphs(blocks)) == 3  # the story's three paragraphs, and no more
    assert _breaks(blocks) == 0  # one blank line between paragraphs is no break


def test_a_story_sentence_that_disowns_something_is_no_disclaimer() -> None:
    source = (
        '"I don\'t own a coat," she said, and nobody in the room believed her for a moment.\n\n'
        + STORY
    )
    assert not _paragraphs(_blocks(source), "disclaimer")


def test_a_rule_row_wrapped_by_a_mailer_is_one_break() -> None:
    row = "*" * 80
    source = STORY.replace("she had.\n\n", f"she had.\n\n{row}\n**\n")
    blocks = _blocks(source)
    assert _breaks(blocks) == 1
    assert not any(p.startswith("*") for p in _paragraphs(blocks))


def test_a_short_row_and_two_marks_under_it_are_not_joined() -> None:
    from fanfmt.reader.lines import lines

    assert [line.text for line in lines("***\n**\n")] == ["***", "**"]
    assert [line.text for line in lines("=" * 70 + "\n==\n")] == ["=" * 72]


def test_a_heading_typed_without_a_space_is_a_heading() -> None:
    source = (
        "#Chapter 5\nAim for the moon.\nA. Proverb\n\n\n"
        "She woke to the sound of rain and lay still for a while.\n"
    )
    blocks = _blocks(source, "markdown")
    heading = blocks[0]
    assert isinstance(heading, Heading)
    assert plain_text(heading.number) == "Chapter 5"
    assert not plain_text(heading.title)  # the epigraph under it is no chapter title
    assert any(
        "Aim for the moon." in p for p in _paragraphs(blocks, "epigraph") + _paragraphs(blocks)
    )


def test_a_hashtag_in_the_story_is_no_heading() -> None:
    source = "She woke late.\n\n#blessed was all the message said.\n"
    blocks = _blocks(source, "markdown")
    assert not any(isinstance(b, Heading) for b in blocks)
    assert "#blessed was all the message said." in _paragraphs(blocks)


def test_attribute_lines_of_a_static_site_are_no_words() -> None:
    source = (
        "# The Stolen Sun\n\n11 min\n{ .md-time-to-read }\n\n"
        "It was dark at noon, and the hens would not come out of the barn at all.\n\n"
        "\\* \\* \\*\n{ .center }\n\n"
        "By evening the owl had flown to the queen with the news of it all.\n"
    )
    blocks = _blocks(source, "markdown")
    words = " ".join(_paragraphs(blocks))
    assert "{" not in words
    assert "11 min" not in words
    assert _breaks(blocks) == 1


def test_an_attribute_list_inside_a_sentence_stays() -> None:
    source = "She typed { .center } into the box and waited for the page to change.\n"
    assert _paragraphs(_blocks(source, "markdown")) == [
        "She typed { .center } into the box and waited for the page to change."
    ]


def test_a_picture_alone_on_its_line_is_left_out_as_a_pages_image_is() -> None:
    source = (
        "# The Stolen Sun\n\n![The Stolen Sun](../images/sun.jpg)\n\n"
        "It was dark at noon, and the hens would not come out of the barn.\n"
    )
    blocks = _blocks(source, "markdown")
    assert _paragraphs(blocks) == [
        "It was dark at noon, and the hens would not come out of the barn."
    ]


def test_a_preface_in_bold_is_no_story_paragraph() -> None:
    source = (
        "# Краденое солнце\n\n**Предисловие**\n\n"
        "Солнце по небу гуляло и за тучку забежало, и стало всем темно.\n"
    )
    blocks = _blocks(source, "markdown")
    assert "Предисловие" not in _paragraphs(blocks)


def _page(body: str) -> tuple[Block, ...]:
    return _blocks(f"<html><body><div class='story'>{body}</div></body></html>", "html")


PROSE = "<p>{}</p>".format(
    "She read the poem again, though she knew it by heart, and it was still stuck there."
)


def test_blank_paragraphs_around_a_poem_in_italics_are_its_spacing_not_breaks() -> None:
    poem = (
        "<p>&nbsp;</p><p><em>The portrait hangs on the wall</em><br/>"
        "<em>Long years in the hall</em></p><p><em>Let us be rid of it all</em></p><p>&nbsp;</p>"
    )
    blocks = _page(PROSE * 4 + poem + PROSE.replace("She read", "Then she read") * 4)
    assert _breaks(blocks) == 0


def test_a_blank_paragraph_before_a_long_italic_flashback_is_still_a_break() -> None:
    flashback = "<p><em>{}</em></p>".format(" ".join(["The summer before, it had rained."] * 8))
    blocks = _page(PROSE * 3 + "<p>&nbsp;</p>" + flashback + PROSE)
    assert _breaks(blocks) == 1


def test_blank_lines_typed_inside_one_paragraph_part_paragraphs_not_scenes() -> None:
    typed = (
        "<p>What they saw was a blue shape shimmering under the moon.  \n\n"
        "It was a sea serpent, its body rising above the water.  \n\n"
        "Its scales glistened like sapphires in the light.  \n\n"
        "Its eyes were fixed on the ship.</p>"
    )
    blocks = _page(PROSE * 4 + typed + PROSE)
    assert _breaks(blocks) == 0
    assert len(_paragraphs(blocks)) == 9


def test_a_dateline_under_a_chapter_line_is_no_chapter_title() -> None:
    source = (
        "Chapter 6\n\nSeptember 27th, 2017\n\n\n"
        "I decided to visit the prison today, as I did about twice a month, on a Sunday.\n\n"
        "The guard at the door waved me through the metal detector without a word.\n"
    )
    heading = next(b for b in _blocks(source) if isinstance(b, Heading))
    assert plain_text(heading.number) == "Chapter 6"
    assert not plain_text(heading.title)


LONG = (
    "I decided to visit her today, as David and I usually did about twice a month, and it was "
    "about that time again, so I took the early bus across the river and walked the last mile."
)


def test_long_lines_some_of_them_indented_are_a_paragraph_each() -> None:
    lines = [("\u00a0\t" if i % 4 == 1 else "") + f"{LONG} ({i})" for i in range(24)]
    assert len(_paragraphs(_blocks("\n".join(lines) + "\n"))) == 24


def test_a_heading_left_open_over_the_story_heads_it_and_keeps_its_paragraphs() -> None:
    story = "\n\n".join(f"    {LONG} ({i})" for i in range(6))
    page = f"<html><body><h1> The Break Up <h1><p>{story}</p></body></html>"
    blocks = _blocks(page, "html")
    heading = next(b for b in blocks if isinstance(b, Heading))
    assert "The Break Up" in plain_text(heading.title) + plain_text(heading.story_title)
    assert len(_paragraphs(blocks)) == 6
