"""Layouts of downloaded stories and blog-post drafts: each read as a reader sees it.

* a downloader's header (``Story:`` / ``Storylink:`` / ``Words:`` …, a blank line after
  each field) is metadata to its last field, and its gaps make no break
* the title printed again under the chapter line is a title row, not story
* a contest's note between two rows at the top, and its ``House:`` / ``Prompt:`` /
  ``W/C:`` block after the story, are author's notes; ``End note:`` is a label
* a whole chapter glued into one line (a scrape that lost its line ends) is cut into its
  paragraphs, and its leading ``A/N:`` does not make the chapter a note; a chapter line
  or a title glued to a paragraph's first word (``Chapter 1Deep down``) is cut off
* Markdown: ``# Chapter Three`` over ``## The Letters`` is one heading; ``### * ###`` is a
  break; ``### Name`` in a numbered chapter is a section's caption; chapter links,
  a site's own elements and the front matter's title as the only heading
* a collection of drabbles: each one's word count between two rows, and its ``This is
  for:`` list of challenges, are no story and make no break; each chapter's title typed
  again under its heading is a title row
* HTML: a ``<br>`` opening a paragraph is no blank line

The stories here are written for these tests; their layouts are those of real files.
"""

from __future__ import annotations

from fanfmt.api import convert
from fanfmt.model import AuthorNote, Block, Heading, Paragraph, SceneBreak
from fanfmt.options import Options
from fanfmt.walk import plain_text

HEADER = """The Kettle Years




\t\tStory: The Kettle Years

\t\tStorylink: https://example.net/s/100/1/

\t\tCategory: Lantern Saga

\t\tGenre: Drama

\t\tAuthor: Wren Tallow

\t\tAuthorlink: https://example.net/u/7/

\t\tLast updated: 03/14/2011

\t\tWords: 2210

\t\tRating: K+

\t\tContent: Chapter 1 to 1 of 1 chapters

\t\tSource: Example Archive



\t\tSummary: A kettle, a quarrel and a long winter.





*Chapter 1*: The Kettle Years


\t\t\tThe Kettle Years

"""


def _blocks(text: str, fmt: str = "text", **options: object) -> tuple[Block, ...]:
    return convert(text, "xhtml", Options(**options), from_format=fmt).document.blocks  # type: ignore[arg-type]


def _one_heading(blocks: tuple[Block, ...]) -> Heading:
    """The one heading of ``blocks`` (a test fails if there are more or none)."""
    (heading,) = [b for b in blocks if isinstance(b, Heading)]
    return heading


def _lines(before: str, after: str, count: int) -> str:
    """``count`` paragraphs of a page's story, numbered: ``<p>{before}0{after}</p>`` …"""
    return "".join(f"<p>{before}{n}{after}</p>" for n in range(count))


def _story(blocks: tuple[Block, ...]) -> list[str]:
    return [plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "text"]


def test_a_downloaders_double_spaced_header_is_metadata_to_its_last_field() -> None:
    text = HEADER + "Mira filled the kettle twice.\n\nThe winter came early that year.\n"
    blocks = _blocks(text)
    roles = {
        plain_text(b.children).split(":")[0]: b.role for b in blocks if isinstance(b, Paragraph)
    }
    for label in ("Storylink", "Authorlink", "Last updated", "Content", "Source", "Summary"):
        assert roles[label] == "metadata", label
    assert roles["Author"] == "byline"
    assert not any(isinstance(b, SceneBreak) for b in blocks)  # the header's gaps are no break
    assert _story(blocks) == ["Mira filled the kettle twice.", "The winter came early that year."]


def test_the_title_printed_again_under_the_chapter_line_is_a_title_row() -> None:
    blocks = _blocks(HEADER + "Mira filled the kettle twice.\n")
    heading = next(b for b in blocks if isinstance(b, Heading) and b.number)
    row = blocks[blocks.index(heading) + 1]
    assert isinstance(row, Paragraph)
    assert row.role == "byline"
    assert plain_text(row.children) == "The Kettle Years"


CONTEST = """Chapter 1: Low Tide

A/N: The shore and its people belong to their maker.

* * *

Written for the Spring Fic Exchange. The prompt is at the bottom.

* * *

The tide went out further than anyone remembered.

Nell walked after it, past the last of the posts.

She found the boat where the water had left it.

It was older than the village, and dry as bone.

She sat in it until the light went.

The gulls came back at dusk, one by one.

Somebody on the hill lit a lamp for her.

She did not see it until the boat was cold.

When she went home at last, the tide came in behind her.

* * *

House: Gull
Category: Drabble
Prompt: something the sea gives back
W/C: 412
"""


def test_a_contest_note_between_two_rows_and_its_closing_fields_are_notes() -> None:
    blocks = _blocks(CONTEST)
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    before = [plain_text(p.children) for n in notes if n.position == "before" for p in n.paragraphs]
    after = [plain_text(p.children) for n in notes if n.position == "after" for p in n.paragraphs]
    assert any(t.startswith("Written for the Spring Fic Exchange") for t in before)
    assert after == [
        "House: Gull",
        "Category: Drabble",
        "Prompt: something the sea gives back",
        "W/C: 412",
    ]
    assert not any(isinstance(b, SceneBreak) for b in blocks)
    assert _story(blocks)[0].startswith("The tide went out")
    omitted = convert(CONTEST, "xhtml", Options(notes="omit"), from_format="text").text
    assert "Written for" not in omitted
    assert "W/C" not in omitted
    assert "When she went home at last" in omitted


def test_end_note_is_a_note_label() -> None:
    text = (
        "The tide went out.\n\nNell walked after it.\n\nShe found the boat.\n\n"
        "She sat in it until dark.\n\nThe lamps came on in the village.\n\n"
        "End note: thanks for reading, this one was hard to write!\n"
    )
    notes = [b for b in _blocks(text) if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["after"]


_GLUED = (
    "A/N: Written for a prompt about rain. I hope you like it!"
    + "".join(
        f"The rain came down on the {w} roof for the whole of that night.She listened to it "
        f"and thought of the {w} house by the river where she grew up."
        f'"Are you awake?" her brother asked from the door."Yes," she said.'
        for w in ("tin", "slate", "thatched", "red", "old", "low", "new", "green", "grey", "wet")
    )
    + "\n"
)


def test_a_chapter_glued_into_one_line_is_cut_into_paragraphs() -> None:
    blocks = _blocks(_GLUED)
    story = _story(blocks)
    assert len(story) >= 30
    assert '"Yes," she said.' not in story  # the dialogue kept its narration …
    assert any(p.endswith("by the river where she grew up.") for p in story)
    assert "Are you awake? her brother asked from the door." in story  # … its quotes paired


def test_a_leading_label_does_not_make_a_glued_chapter_a_note() -> None:
    one = "A/N: thanks for the reviews! " + "She walked on through the rain and the dark. " * 90
    blocks = _blocks(one + "\n", notes="omit")
    assert sum(len(t.split()) for t in _story(blocks)) > 700


def test_an_ellipsis_glued_to_the_next_word_is_no_paragraph_end() -> None:
    line = "Well...I guess so, she thought, and went on walking down the long road. " * 20
    assert len(_story(_blocks(line + "\n"))) == 1


_GLUED_BODY = "".join(
    f"The rain came down on the {w} roof for the whole of that night.She listened to it "
    f"and thought of the {w} house by the river where she grew up."
    for w in ("tin", "slate", "thatched", "red", "old", "low", "new", "green", "grey", "wet")
)


def test_a_chapter_line_glued_to_its_first_word_is_the_heading() -> None:
    blocks = _blocks("Chapter 1" + _GLUED_BODY + "\n")
    assert plain_text(_one_heading(blocks).number) == "Chapter 1"
    assert _story(blocks)[0].startswith("The rain came down on the tin roof")


def test_a_section_title_glued_to_its_paragraph_is_cut_off_but_a_name_is_not() -> None:
    half = _GLUED_BODY.index("The rain came down on the old")
    text = (
        _GLUED_BODY[:half] + "Part I: Getting In The DoorWalking up to the door, you see two "
        "things.Mr. MacKenzie waved." + _GLUED_BODY[half:] + "\n"
    )
    story = _story(_blocks(text))
    assert any(p.startswith("Walking up to the door") for p in story)
    assert not any(p.startswith("Kenzie") for p in story)


_DRABBLE_LINES = (
    "The kettle sang on the stove.",
    "Wren waited at the window for the post, as she had every morning that week.",
    '"Anything?" her mother asked from the stairs.',
    "Nothing yet.",
    "The owl came at last, a tawny shape against the grey sky, and dropped the letter.",
    "She turned it over twice before she dared to open it.",
    "Inside were six lines of green ink.",
    '"Well?"',
    "Wren read them again, slowly, and then she laughed until she cried.",
    "Her mother came down and read them over her shoulder.",
    "Outside, the owl shook the rain from its wings and waited for its treat.",
    "It was, she decided, the best morning of the whole year.",
)


def _drabble(number: int, title: str, count: str, note: str) -> str:
    body = "\n\n".join(f"{title}: {line}" for line in _DRABBLE_LINES)
    gap = "\n\n\n\n"
    head = f"*Chapter {number}*: {title}\n\n\n\t\t\t{title}\n\n"
    return f"{head}{body}{gap}* * *{gap}{count}{gap}* * *{gap}{note}{gap}\n"


_COLLECTION = "".join(
    _drabble(n, title, count, note)
    for n, title, count, note in (
        (1, "Owls", "Words: 197", "This is for;\n\nJourney Through Hogwarts Challenge;\n\n"
         "Write a drabble under 200 words."),
        (2, "Bakery", "Word Count: 314.", "This is for:\n\nThe Minefield Challenge;\n\n"
         "A1—Bakery, Brownies."),
        (3, "Here We Go", "Words: 404", "This is for:\n\nTeam Competition;\n\nLucy, jealousy."
         "\n\nMinor Character Bingo Challenge;\n\nDominique, envy.\n\n"
         "All Those Characters Challenge;\n\nDominique."),
    )
)  # fmt: skip


def test_a_drabble_collections_word_counts_and_contest_notes_are_no_story() -> None:
    blocks = _blocks(_COLLECTION)
    assert not any(isinstance(b, SceneBreak) for b in blocks)
    assert sum(isinstance(b, AuthorNote) for b in blocks) == 3
    story = _story(blocks)
    assert len(story) == 36
    assert not any(t in story for t in ("Words: 197", "Here We Go", "This is for:"))


def _md(text: str) -> tuple[Block, ...]:
    return _blocks(text, "markdown")


def test_a_chapter_number_heading_over_a_subtitle_is_one_heading() -> None:
    blocks = _md("# Chapter Three\n\n## The Letters\n\nShe read them twice.\n")
    heading = _one_heading(blocks)
    assert plain_text(heading.number) == "Chapter Three"
    assert plain_text(heading.title) == "The Letters"
    assert not heading.story_title


def test_a_story_title_heading_over_a_chapter_heading_still_names_the_story() -> None:
    heading = _one_heading(_md("# Kettle Years\n\n## Chapter 3\n\nShe read.\n"))
    assert plain_text(heading.story_title) == "Kettle Years"


def test_a_heading_of_marks_alone_is_a_break_and_a_name_in_a_numbered_chapter_a_caption() -> None:
    text = (
        "Chapter 1\n=========\n\n### Ilse ###\n\nIlse woke before the bells.\n\n"
        "She dressed in the dark.\n\n### * ###\n\n### Oren ###\n\nOren did not wake at all.\n"
    )
    blocks = _md(text)
    assert sum(isinstance(b, Heading) for b in blocks) == 1
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1
    captions = [
        plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "caption"
    ]
    assert "Oren" in captions


def test_unnumbered_chapter_headings_stay_headings() -> None:
    text = "# The Long Road\n\nShe walked.\n\n## The Second Day\n\nShe walked on.\n"
    assert sum(isinstance(b, Heading) for b in _md(text)) == 2


def test_chapter_links_and_a_sites_own_elements_are_not_story() -> None:
    text = (
        "_[Read from the start](00.md)_\n\n_[Previous chapter](01.md)_\n\n## Chapter 2\n\n"
        "<story-box>\n\n**Weather:** rain\n\n</story-box>\n\nShe read [the next chapter](03.md) "
        "of the book aloud.\n\n[« Prev](01.md) | [Index](index.md) | [Next »](03.md)\n"
    )
    story = _story(_md(text))
    assert not any("Previous" in t or "story-box" in t or "Prev" in t for t in story)
    assert "She read the next chapter of the book aloud." in story


def test_chapter_links_in_other_languages_are_not_story_in_a_draft() -> None:
    text = (
        "[Anterior](01.md) | [Siguiente](03.md)\n\n## Capítulo 2\n\nElla leyó en voz alta.\n\n"
        "[← Предыдущая глава](01.md) · [Оглавление](index.md)\n\n"
        "Ella abrió [el siguiente](03.md) libro.\n"
    )
    story = _story(_md(text))
    assert not any("Siguiente" in t or "Оглавление" in t for t in story)
    assert "Ella abrió el siguiente libro." in story


def test_the_front_matters_title_heads_a_post_with_no_heading() -> None:
    result = convert(
        "---\ntitle: Farhaven\n---\n\nThe station hung over the moon.\n",
        "xhtml",
        from_format="markdown",
    )
    heading = _one_heading(result.document.blocks)
    assert plain_text(heading.title) == "Farhaven"
    assert "<title>Farhaven</title>" in result.text  # once, not "Farhaven — Farhaven"


def test_a_br_opening_a_paragraph_is_no_blank_line() -> None:
    page = (
        "<html><body><p>The first part of the story, long enough to read.</p>"
        "<p>The second part of the story, long enough to read.</p>"
        "<p><br/><em>Later that day she wrote a letter home.</em></p>"
        "<p>The last part of the story.</p></body></html>"
    )
    assert not any(isinstance(b, SceneBreak) for b in _blocks(page, "html"))


_SERIAL = """<html><head><style>.xq7 {{ display: none; speak: never; }}</style></head><body>
<div class="portlet"><a href="/c/1">Next<br>Chapter</a></div>
<div class="portlet author-note-portlet"><div class="portlet-body author-note">
<p>I will post a chapter every day this month.</p></div></div>
<div class="chapter-inner chapter-content">
<p><strong>Chapter One</strong></p>
<p><strong>Lost in the Fog?!</strong></p>
{body}
</div></body></html>"""
_LINES = (
    "<p>The fog came in off the water.</p><p>Ada walked into it.</p>"
    '<span class="xq7"><br>If this chapter is on another site, it was taken.<br></span>'
    "<p>[Can you hear me?]</p><p>[…]</p><p>[Answer me!]</p>"
    "<p>She did not answer the voice.</p><p>The fog closed behind her.</p>"
)


def test_a_serial_page_keeps_its_chapter_block_and_leaves_out_what_it_hides() -> None:
    result = convert(_SERIAL.format(body=_LINES), "xhtml", from_format="html")
    blocks = result.document.blocks
    heading = _one_heading(blocks)
    assert plain_text(heading.number) == "Chapter One"
    assert plain_text(heading.title) == "Lost in the Fog?!"
    assert "taken" not in result.text  # hidden by the page's own style
    assert "Next" not in result.text  # the page's menu, outside the chapter's block
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["before"]
    assert "[…]" in _story(blocks)  # a voice saying nothing, between lines said in brackets
    assert not any(isinstance(b, SceneBreak) for b in blocks)


def test_an_ellipsis_in_brackets_between_scenes_is_a_break() -> None:
    text = (
        "The fog came in off the water.\n\nAda walked into it.\n\n[…]\n\n"
        "In the morning the harbour was clear.\n\nNobody had seen her go.\n"
    )
    assert sum(isinstance(b, SceneBreak) for b in _blocks(text)) == 1


def test_a_title_typed_on_two_lines_under_its_header_is_two_title_rows() -> None:
    page = (
        "<html><head><title>The Shroud — A Preface to It - Work</title></head><body>"
        '<div id="preface"><h1 class="heading">The Shroud — A Preface to It</h1></div>'
        '<div id="chapters"><div class="userstuff">'
        "<p><strong>The Shroud</strong></p><p><strong>A Preface to It</strong></p>"
        + _lines("The story goes on, line ", " of it.", 8)
        + "</div></div></body></html>"
    )
    blocks = _blocks(page, "html")
    rows = [
        plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "byline"
    ]
    assert rows == ["The Shroud", "A Preface to It"]


def test_an_ellipsis_alone_between_scenes_is_a_break_and_between_speech_a_silence() -> None:
    scenes = (
        "She left the house before anyone woke.\n\n"
        "The road was empty all the way to the river and back.\n\n...\n\n"
        '"You went without me," he said.\n\nShe did not answer him.\n'
    )
    assert sum(isinstance(b, SceneBreak) for b in _blocks(scenes, "markdown")) == 1
    talk = '"Well?" he asked.\n\n...\n\n"Fine. Keep it to yourself," he said.\n'
    assert not any(isinstance(b, SceneBreak) for b in _blocks(talk))


def test_a_serial_page_named_story_then_chapter_in_its_title_gets_both() -> None:
    page = (
        "<html><head><title>Read Lamp Street :: The Lamplighter (3) | Example Serials</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/browse'>Browse</a></nav>"
        '<div class="viewer">'
        + _lines("The lamps went out one by one along the street, ", ".", 9)
        + "</div><footer>About us. Terms. Privacy. Help. Careers. Press.</footer></body></html>"
    )
    heading = _one_heading(_blocks(page, "html"))
    assert plain_text(heading.title) == "The Lamplighter (3)"
    assert plain_text(heading.story_title) == "Lamp Street"


def test_a_pages_chapter_links_are_not_story_and_a_link_in_a_sentence_is() -> None:
    page = (
        "<html><head><title>Tidewater</title></head><body>"
        '<nav class="chapter-nav"><a href="1.html">← Chapter 1</a>'
        '<a href="index.html">Table of Contents</a></nav>'
        "<article><header><h1>Chapter 2: Low Water</h1></header>"
        + _lines("The water went down along the quay, hour ", " of it.", 6)
        + '<p>She kept <a href="3.html">the next chapter</a> of the log to herself.</p>'
        '<p><a href="1.html">« Previous</a> | <a href="3.html">Next »</a></p>'
        "</article></body></html>"
    )
    result = convert(page, "xhtml", from_format="html")
    story = _story(result.document.blocks)
    assert "She kept the next chapter of the log to herself." in story
    assert not any("Previous" in t or "Contents" in t or "Chapter 1" in t for t in story)
    heading = _one_heading(result.document.blocks)
    assert plain_text(heading.title) == "Low Water"  # an article's own header is kept


def test_typesetting_commands_in_a_draft_are_not_story() -> None:
    text = "\\noindent She woke early.\n\n\\Startbonus\n\nThe bells rang.\n\n\\Stopbonus\n"
    assert _story(_md(text)) == ["She woke early.", "The bells rang."]


def test_a_chapter_line_in_another_language_with_its_number_in_words() -> None:
    text = "# Глава вторая «Ночь»\n\n## Карта\n\nОна проснулась рано.\n\nЗвонили колокола.\n"
    blocks = _md(text)
    heading = _one_heading(blocks)
    assert plain_text(heading.number) == "Глава вторая"
    captions = [
        plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "caption"
    ]
    assert captions == ["Карта"]  # a section of the chapter, not a second heading


def test_a_heading_typed_for_every_scene_marks_the_breaks() -> None:
    scene = "### Scene\n\nShe walked a long way that day, further than before.\n\n"
    blocks = _md("# Chapter 4: The Walk\n\n" + scene * 4)
    assert sum(isinstance(b, Heading) for b in blocks) == 1
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 3  # the first opens the chapter


def test_a_chapter_heading_that_types_its_number_twice_shows_it_once() -> None:
    blocks = _blocks("*Chapter 1*: Chapter 1\n\nShe woke before the bells.\n\nThe bells rang.\n")
    heading = _one_heading(blocks)
    assert plain_text(heading.number) == "Chapter 1"
    assert not heading.title


def test_in_a_whole_story_each_chapters_closing_note_is_after_its_chapter() -> None:
    chapter = (
        "Chapter {n}\n\nShe walked to the river and back again that day.\n\n"
        "The river was high and brown with the rain.\n\nShe watched it for an hour.\n\n"
        "Then she went home the long way, past the mill.\n\n"
        "A/N: Thanks for reading chapter {n}!\n\n"
    )
    blocks = _blocks("".join(chapter.format(n=n) for n in (1, 2, 3)))
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["after", "after", "after"]


def test_a_chapter_label_line_over_the_pages_heading_is_its_number() -> None:
    page = (
        "<html><head><title>Chapter 1 – Night Train</title></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header><main>"
        '<header class="chapter-header"><div class="label">CHAPTER 01</div>'
        "<h1>Introduction</h1></header>"
        + _lines("The train ran on through the dark, mile ", " of it.", 6)
        + "</main></body></html>"
    )
    heading = _one_heading(_blocks(page, "html"))
    assert plain_text(heading.number) == "CHAPTER 01"
    assert plain_text(heading.title) == "Introduction"


def test_a_plain_header_holding_the_heading_the_title_names_is_the_storys() -> None:
    page = (
        "<html><head><title>Chapter 1 — The Choice - Tidewater</title></head><body>"
        "<div><header><h1>Chapter 1 — The Choice</h1></header>"
        '<div class="text">'
        + _lines("The storm came in off the sea, wave ", " of it.", 6)
        + "</div></div></body></html>"
    )
    heading = _one_heading(_blocks(page, "html"))
    assert plain_text(heading.title) == "The Choice"


def test_a_passage_the_story_quotes_between_its_paragraphs_is_story_not_a_note() -> None:
    text = (
        "She opened the old book at the marked page.\n\n"
        "> The road goes on and on, past the door where it began.\n\n"
        "She closed it again and looked out at the rain.\n\n"
        "> A/N: this chapter took me ages, thanks for waiting!\n\n"
        "The rain did not stop until morning.\n"
    )
    blocks = _md(text)
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert len(notes) == 1  # the labelled one
    assert "The road goes on and on, past the door where it began." in _story(blocks)


def test_an_ellipsis_row_however_typed_reads_back_the_same_from_markdown() -> None:
    text = (
        "The road was empty all the way to the river and back again.\n\n..\n\n"
        "She went home the long way.\n"
    )
    once = convert(text, "markdown", from_format="text").text
    assert convert(once, "markdown", from_format="markdown").text == once
    assert sum(isinstance(b, SceneBreak) for b in _blocks(text)) == 1


def test_in_a_whole_story_each_chapter_has_its_own_opening_note() -> None:
    chapter = (
        "Chapter {n}\n\nA/N: Sorry this one is late, thanks for the reviews!\n\n"
        "She walked to the river and back again that day.\n\n"
        "The river was high and brown with the rain.\n\nShe watched it for an hour.\n\n"
        "Then she went home the long way, past the mill.\n\n"
    )
    blocks = _blocks("".join(chapter.format(n=n) for n in (1, 2, 3)))
    notes = [b for b in blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["before", "before", "before"]
    assert len(_story(blocks)) == 12


def test_a_note_left_in_a_draft_is_a_note_and_omit_leaves_it_out() -> None:
    text = (
        "# Chapter 1\n\nShe ran to the door and looked out at the rain.\n\n"
        "--- TK check Fabian and Gideon status re above\n\nTK smiled at her from the gate.\n"
    )
    blocks = _md(text)
    assert sum(isinstance(b, AuthorNote) for b in blocks) == 1
    kept = _story(_blocks(text, "markdown", notes="omit"))
    assert kept == [
        "She ran to the door and looked out at the rain.",
        "TK smiled at her from the gate.",
    ]


def test_two_chapter_lines_of_one_number_and_two_titles_keep_both_titles() -> None:
    text = "Chapter 1 The Frost\n\nChapter 1 1984\n\n" + "".join(
        f"She walked on through the snow, step {n}.\n\n" for n in range(6)
    )
    blocks = _blocks(text)
    titles = " ".join(plain_text(b.title) for b in blocks if isinstance(b, Heading))
    assert "The Frost" in titles
    assert "1984" in titles


def test_a_word_cut_at_a_paragraphs_end_is_not_joined_to_the_next_paragraph() -> None:
    from fanfmt.reader import as_read

    text = "He said it was half past x-\n\no'clock came and went, and nobody knew the time.\n"
    assert "xo'clock" not in as_read(text)
    wrapped = [f"the long road ran on past the farm and the mill, line {n}, and" for n in range(12)]
    spaced = "\n\n".join([*wrapped, "then the stu-", "dents went home.", *wrapped]) + "\n"
    assert "students" in as_read(spaced)  # a double-spaced file: a blank line after each
