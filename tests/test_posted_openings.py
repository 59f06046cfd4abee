"""Openings and parts of posted chapters: a forum post's flair under its title, a title
under an opening note, a chapter's numbered parts as Markdown headings, a downloader's
page of a one-shot, and a note that runs on past its hand-off."""

from __future__ import annotations

from doc_blocks import blocks_of as _blocks
from doc_blocks import headings as _headings
from doc_blocks import paragraphs as _paragraphs

from fanfmt.api import convert
from fanfmt.model import AuthorNote, LineBreak, Paragraph, SceneBreak
from fanfmt.walk import plain_text

PROSE = (
    "The engines were still warm when the captain came down the ramp. She looked at the "
    "sky for a long time before she said anything to anyone.\n\n"
    "Nobody on the landing field could remember a quieter evening than this one.\n\n"
    "By the time the lamps were lit, the crew had gone to bed and the ship stood alone.\n"
)


def test_a_posts_flair_under_its_title_is_metadata_and_the_title_is_the_title() -> None:
    blocks = _blocks("Night Watch\nOC\n" + PROSE)
    assert _paragraphs(blocks, "metadata") == ["OC"]
    heading = _headings(blocks)[0]
    assert plain_text(heading.story_title) == "Night Watch"
    assert len(_paragraphs(blocks)) == 3


def test_a_flair_word_inside_the_story_stays_story() -> None:
    source = PROSE + "\nThe sergeant said only one word, and it was this:\n\nOC\n"
    assert "OC" in _paragraphs(_blocks(source))


NOTE = (
    "Hi all, this one has been sitting in my drafts for a year. No beta, so forgive the "
    "typos. Thanks to everyone who asked about it on the forum.\n\n"
    "It is not a fight fic. Expect tea, arguments and a lot of weather.\n"
)


def test_a_title_under_an_opening_note_and_its_rule_is_the_heading() -> None:
    blocks = _blocks(NOTE + "---\nTHE LONG THAW\n\n" + PROSE)
    assert isinstance(blocks[0], AuthorNote)
    heading = _headings(blocks)[0]
    assert plain_text(heading.title) == "THE LONG THAW"
    assert "THE LONG THAW" not in _paragraphs(blocks)
    assert "---" not in " ".join(_paragraphs(blocks))


def test_a_sentence_under_an_opening_note_is_no_title() -> None:
    blocks = _blocks(NOTE + "---\nIt was cold.\n\n" + PROSE)
    assert not _headings(blocks)
    assert "It was cold." in _paragraphs(blocks)


def _scene(n: int) -> str:
    return "\n\n".join(
        f"The rain kept on for the {k + 1}th hour of day {n}, and nobody said anything."
        for k in range(3)
    )


NUMBERED = (
    "---\ntitle: The Quiet Harbour\n---\n\n"
    f"1\n---\n\n{_scene(1)}\n\n---\n\n{_scene(2)}\n\n"
    f"2\n---\n\n{_scene(3)}\n\n## 3\n\n{_scene(4)}\n"
)


def test_numbered_parts_of_a_markdown_chapter_are_breaks_with_their_numbers() -> None:
    blocks = _blocks(NUMBERED, "markdown")
    assert [plain_text(h.title) for h in _headings(blocks)] == ["The Quiet Harbour"]
    assert _paragraphs(blocks, "caption") == ["1", "2", "3"]
    # the rule inside part 1, then a break before each later part's number
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 3
    for k, block in enumerate(blocks):
        if isinstance(block, Paragraph) and plain_text(block.children) in ("2", "3"):
            assert isinstance(blocks[k - 1], SceneBreak)


def test_top_level_numbers_and_novel_length_parts_stay_headings() -> None:
    chapters = f"# 1\n\n{_scene(1)}\n\n# 2\n\n{_scene(2)}\n"
    assert [plain_text(h.title) for h in _headings(_blocks(chapters, "markdown"))] == ["1", "2"]
    long_part = "\n\n".join(["word " * 500] * 9)  # 4,500 words a part: a novel's parts
    parts = f"## I\n\n{long_part}\n\n## II\n\n{long_part}\n"
    assert len(_headings(_blocks(parts, "markdown"))) == 2


DOWNLOADED = (
    "<html><body><em><strong><a href='x_infos.html'>The Salt Road</a></strong> | "
    "<a href='https://www.fanfiction.net/u/123/'>Gull Feather</a></em><br/>"
    "<h1>The Salt Road</h1><br/><div class='storytext' id='storytext'>"
    "<p><em><strong>Gull here with a new story! This one-shot has been rattling around in my"
    " head for a while, and I thought why not? Reviews are always appreciated, and if you"
    " want to run with the idea, just let me know. So, here we go."
    "</strong></em></p>"
    '<p><em><strong>Question of the chapter: "Sea or mountains?" Mountains, always.'
    "</strong></em></p><hr size=1 noshade>"
    "<p>The cart creaked along the coast road, and the mule did not care for it.</p>"
    '<p>"We\'ll be there by dark," said the driver, though nobody had asked him.</p>'
    "<p>They were not there by dark.</p></div></body></html>"
)


def test_a_downloaders_page_of_a_one_shot_takes_its_title_from_its_own_h1() -> None:
    result = convert(DOWNLOADED, "xhtml", from_format="html")
    blocks = result.document.blocks
    assert plain_text(_headings(blocks)[0].story_title) == "The Salt Road"
    assert result.document.meta.author == "Gull Feather"
    assert "<title>The Salt Road" in result.text


def test_a_note_runs_on_into_a_labelled_paragraph_as_one_note() -> None:
    blocks = _blocks(DOWNLOADED, "html")
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert len(notes) == 1
    assert len(notes[0].paragraphs) == 2
    assert len(_paragraphs(blocks)) == 3


WRAPPED = (
    "\tThe rain had not let up since morning, and the roof of the old shrine leaked in\n"
    "three places. Nobody had come to fix it, and nobody would, not before spring.\n\n"
    '\t"Is anyone there?" she called, and the hall gave her own voice back to her\n'
    "from every corner, thinner each time, until it was gone.\n\n"
    "\tShe waited by the door until the lamps were lit in the village below, and then\n"
    "she went down the long stair alone, counting the steps as she always had.\n"
)
HEADER = (
    '"A Lantern for the Road"\n'
    "A crossover of two shows\n"
    " by Someone Else\n"
    " e-mail: someone@example.org\n"
    " C & C welcome\n\n"
    "Of course, I invented neither show nor the places in them. All usual copyrights apply.\n\n"
    "\t\t\tChapter 3: The Stair\n\n"
)


def test_an_archive_header_block_is_set_as_lines_title_byline_and_fields() -> None:
    blocks = _blocks(HEADER + WRAPPED)
    titled = _headings(blocks)
    assert plain_text(titled[0].story_title).strip("“”") == "A Lantern for the Road"
    assert _paragraphs(blocks, "byline") == ["by Someone Else"]
    assert "C & C welcome" in _paragraphs(blocks, "metadata")
    assert "e-mail: someone@example.org" in _paragraphs(blocks, "metadata")
    assert _paragraphs(blocks, "disclaimer")[0].startswith("Of course")
    assert plain_text(titled[-1].title) == "The Stair"
    assert len(_paragraphs(blocks)) == 3  # the wrapped story's three paragraphs, whole


STORY_P = (
    "<p>Irene sat down in the new world, tired out of her mind from the long walk it had"
    ' taken to get there.</p><p>"Is anyone here?" she asked the dusty office.</p>'
    "<p>Nobody answered her.</p>"
)


def test_a_heading_that_is_a_notes_label_heads_a_note_not_the_chapter() -> None:
    page = (
        "<html><body><h1>The Quiet Stacks</h1><h3>Author's Notes</h3>"
        "<p>Set after the first book, before the second. Thanks for reading!</p>"
        f"{STORY_P}</body></html>"
    )
    blocks = _blocks(page, "html")
    assert [plain_text(h.title) for h in _headings(blocks)] == ["The Quiet Stacks"]
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert len(notes) == 1
    assert len(notes[0].paragraphs) == 2  # the label and its note
    assert len(_paragraphs(blocks)) == 3  # and the story is not in it


def test_site_links_beside_a_heading_and_to_the_index_are_no_story() -> None:
    page = (
        "<html><body><p><a href='fic10.html'>Next</a></p><p><a href='.'>Stories</a></p>"
        "<div class='fic'><a href='fanfics/'>back to fanfic page</a><h2>The Quiet Stacks</h2>"
        f"{STORY_P}</div><h2><a href='../'>Home</a></h2></body></html>"
    )
    result = convert(page, "xhtml", from_format="html")
    for word in ("Next", "Stories", "back to fanfic page", "Home"):
        assert word not in _paragraphs(result.document.blocks)
        assert f">{word}<" not in result.text
    assert len(_paragraphs(result.document.blocks)) == 3


def test_the_authors_own_repeated_mark_ends_a_note_under_its_label() -> None:
    scene = "Izuku sat down on the couch, and for a long moment nobody said anything at all."
    source = (
        "**A/N:**\n\n**Last chapter was a lot.**\n\n**So this one is mostly talking.**\n\n"
        f'***...~AMP~...***\n\n{scene}\n\n"Well?" she asked.\n\n***...~AMP~...***\n\n'
        f"{scene}\n\nHe shrugged.\n"
    )
    blocks = _blocks(source, "markdown")
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert [len(n.paragraphs) for n in notes] == [3]
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1
    assert "Well? she asked." in _paragraphs(blocks)  # the story's, not the note's


def test_a_txt_draft_with_markdown_footnotes_is_read_as_markdown() -> None:
    from fanfmt.model import Footnotes
    from fanfmt.reader import input_format

    text = (
        "Chapter 1: The Hanging-Hair Traveler[^1]\n\n"
        "In the clan[^2]'s council hall the lamps burned late.\n\n"
        "Nobody spoke.\n\n"
        "Notes:\n\n"
        "[^1]: A traveler whose hair hangs to his feet.\n\n"
        "[^2]: The Ning clan: a surname meaning peaceful.\n"
    )
    assert input_format("ch1.txt", "auto", text) == "markdown"
    assert input_format("ch1.txt", "auto", "She said [^1] was a typo.\n") == "text"
    blocks = _blocks(text, "markdown")
    assert plain_text(_headings(blocks)[0].title) == "The Hanging-Hair Traveler"
    notes = [b for b in blocks if isinstance(b, Footnotes)]
    assert len(notes) == 1
    assert len(notes[0].notes) == 2


def test_a_row_of_links_to_the_storys_pages_typed_twice_is_the_sites() -> None:
    row = "[ch-049: Prologue](./ch-049-prologue.md) | [ch-051: Worries](./ch-051-worries.md)"
    scene = "She walked to the guild and asked the clerk about the labyrinth."
    source = f"{row} <br/>\n\n{scene}\n\nHe laughed at her.\n\n{row} <br/>\n"
    blocks = _blocks(source, "markdown")
    assert _paragraphs(blocks) == [scene, "He laughed at her."]
    once = f"{row}\n\n{scene}\n"  # typed once, the links may be the author's: kept
    assert "ch-049: Prologue | ch-051: Worries" in _paragraphs(_blocks(once, "markdown"))


def test_header_fields_under_a_pages_heading_are_metadata() -> None:
    page = f"<html><body><h1>The Quiet Stacks</h1><p>Rating: Teen</p>{STORY_P}</body></html>"
    blocks = _blocks(page, "html")
    assert _paragraphs(blocks, "metadata") == ["Rating: Teen"]
    assert len(_paragraphs(blocks)) == 3


BOOK_PROSE = (
    "This evening there arrived from the town the grave son of the picture cleaner, with a "
    "horse and cart laden with two large packing cases.\n"
    "It was a journey of ten leagues, and the whole house came out to see.\n\n"
    "The cases remained in the hall until the morning.\n"
)


def test_a_chapters_number_alone_over_its_title_is_the_heading() -> None:
    blocks = _blocks("~~~V~~~\n\n_A Wonderful Likeness_\n\n" + BOOK_PROSE)
    heading = _headings(blocks)[0]
    assert plain_text(heading.number) == "V"
    assert plain_text(heading.title) == "A Wonderful Likeness"
    assert "~~~V~~~" not in _paragraphs(blocks)


def test_a_sections_number_over_prose_is_no_heading() -> None:
    blocks = _blocks("1\n\n" + BOOK_PROSE)
    assert not any(plain_text(h.number) == "1" for h in _headings(blocks))


def test_a_thank_you_for_reading_in_the_authors_own_words_closes_as_a_note() -> None:
    page = f"<html><body><h1>Suzie</h1>{STORY_P}<p>That's all. Thank you for read my story.</p>"
    blocks = _blocks(page + "</body></html>", "html")
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["after"]
    assert len(_paragraphs(blocks)) == 3


def test_a_series_line_at_either_end_is_the_authors_note() -> None:
    scene = (
        "It was safe to say that she was panicking, and she ran through the trees with her "
        "friend's hand in hers until neither of them could run any more."
    )
    source = (
        "**This is part 2 of an ongoing story series. You can read the first part "
        "[here](https://example.org/one/).**\n\n"
        + "\n\n".join([scene] * 6)
        + "\n\n**You can read the next story in this series [here](https://example.org/three/).**\n"
    )
    blocks = _blocks(source, "markdown")
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["before", "after"]
    assert len(_paragraphs(blocks)) == 6


ARCHIVED = (
    "# The Reunion\n\n_by Morrigon in **Dark Ages**_\n\n##_Part I: Gregor\n\n"
    "One dark, cold night, two ancients sat talking in hushed voices by the fire.\n\n"
    '"It has been a long time, old friend," the taller one said, taking off his cloak.\n\n'
    "This entry has been edited to conform to Library formatting.\n"
    "The original can be found at http://example.org/reunion.html .\n"
)


def test_an_archived_entry_keeps_its_byline_part_heading_and_source_apart() -> None:
    blocks = _blocks(ARCHIVED, "markdown")
    assert _paragraphs(blocks, "byline") == ["by Morrigon in Dark Ages"]
    part = _headings(blocks)[-1]
    assert (plain_text(part.number), plain_text(part.title)) == ("Part I", "Gregor")
    assert len(_paragraphs(blocks)) == 2
    assert _paragraphs(blocks, "metadata")[0].startswith("This entry has been edited")


def test_a_long_rule_row_in_a_script_is_never_joined_to_its_lines() -> None:
    row = "=" * 150
    source = (
        f"{row}\nChapter 5:\nA new form?\n{row}\n"
        "Then the light came out of him, and he burst out of the dust in a golden form.\n\n"
        + "".join(
            f"Krieza: Line {k} of the fight, shouted across the field.\n"
            f"Hero: Answer {k}, shouted back.\n"
            for k in range(4)
        )
    )
    blocks = _blocks(source)
    assert plain_text(_headings(blocks)[0].number) == "Chapter 5"
    assert not any("=====" in p for p in _paragraphs(blocks))
    assert "Krieza: Line 0 of the fight, shouted across the field." in _paragraphs(blocks)


def test_wrapped_prose_in_a_pre_is_read_as_paragraphs_with_its_words_mended() -> None:
    wrapped = (
        "The day was waning when she returned home after her run. She had \n"
        "almost finished stretching when she looked up and saw her friend on \n"
        "the way home. &quot;Hi there,&quot; she called, grinning at her. \n\n"
        "&quot;Don't despair,&quot; said the teacher to the whole class, &quot;Kaorin-\n"
        "chan will be back next week, and so will the others,&quot; she added. \n\n"
        "Nobody believed her, and the rain went on all through the afternoon.\n"
    )
    blocks = _blocks(f"<html><body><pre>{wrapped}</pre></body></html>", "html")
    paragraphs = _paragraphs(blocks)
    assert len(paragraphs) == 3
    assert "Kaorin-chan will be back" in paragraphs[1]
    assert not any(
        isinstance(c, LineBreak) for b in blocks if isinstance(b, Paragraph) for c in b.children
    )
    poem = (
        "<html><body><pre>Roses are red,\nviolets are blue,\nthe rain is wet.</pre></body></html>"
    )
    lined = [b for b in _blocks(poem, "html") if isinstance(b, Paragraph)]
    assert sum(isinstance(c, LineBreak) for c in lined[0].children) == 2  # a poem keeps its lines


def test_deep_part_headings_under_a_posts_story_are_its_parts() -> None:
    scene = "Back at the inn, we sat below deck and talked over what to do next for an hour."
    source = (
        "---\ntitle: A New Song\n---\n\n"
        f"{scene}\n\n##### Part One: The Plan\n\n{scene}\n\n{scene}\n\n"
        f"##### Part Two: Emissaries\n\n{scene}\n"
    )
    blocks = _blocks(source, "markdown")
    assert [plain_text(h.title) for h in _headings(blocks)] == ["A New Song"]
    assert _paragraphs(blocks, "caption") == ["Part One: The Plan", "Part Two: Emissaries"]
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 2
