"""Layouts of hand-built chapter sites and translation posts, each read as a reader sees it.

* a Markdown file whose body is HTML from its first heading (``<h2>…</h2>`` then
  ``<p align="center">…``) is read as HTML: no tag is shown as text
* a page's title heading over its chapter line (bylines and an epigraph between) names
  the story, and the headings under the title are its bylines
* chapter lines in Chinese, Japanese and Korean (``第一卷第一章 …``, ``序幕 …``) are headings
* an author's mark of one letter between signs (``-i-``), repeated, is the chapter's break
* a block the site calls ``prose`` is the chapter; its widgets are not story
* a site's own boxes by their class (``chapter-nav``, ``mailing-card``) are not story
* one ``<br>`` between some paragraphs and two between others are both spacing
* the heading typed once more over it is one heading
* the blank cells of a two-column page are no breaks
* section titles under a page's chapter line are captions, with a break above each
* a heading left open over the story is read as its paragraphs; a site's menu is not story

The stories here are written for these tests; their layouts are those of real files.
"""

from __future__ import annotations

from fanfmt.api import convert
from fanfmt.model import AuthorNote, Block, Heading, Paragraph, SceneBreak
from fanfmt.walk import plain_text

_SCENE = (
    "<p>The lamps were low when Oren came back from the quay, and the sheep were still.</p>\n"
    "<p>He sat behind the wall and watched the road for the riders he had been promised.</p>\n"
)


def _blocks(text: str, kind: str) -> tuple[Block, ...]:
    return convert(text, "xhtml", from_format=kind).document.blocks


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    return [plain_text(b.children) for b in blocks if isinstance(b, Paragraph)]


def _translation_post(chapter_line: str) -> str:
    return (
        "<h2>  [Translation] When the Tide Shall Claim </h2>\n"
        "<h4> words_without </h4>\n<h4> Translation by Saltfish </h4>\n\n<hr />\n\n"
        '<p align="center">\n  <em>“Your fear of the sea is the shiver of the shepherd,</em>\n'
        "</p>\n\n"
        '<p align="center">\n  <strong>'
        + chapter_line
        + "</strong>\n</p>\n\n<p> </p>\n\n"
        + _SCENE
        + '\n<p align="center">\n  <em>-i-</em>\n</p>\n\n'
        + _SCENE
        + '\n<p align="center">\n  <em>-i-</em>\n</p>\n\n'
        + _SCENE
    )


def test_a_markdown_file_of_html_from_its_first_heading_is_read_as_html() -> None:
    blocks = _blocks(_translation_post("Chapter 1: Night and the Riders"), "markdown")
    assert not any("<" in t or "align=" in t for t in _texts(blocks))


def test_a_pages_title_over_its_chapter_line_names_the_story() -> None:
    blocks = _blocks(_translation_post("Chapter 1: Night and the Riders"), "markdown")
    headings = [b for b in blocks if isinstance(b, Heading)]
    assert len(headings) == 1
    (heading,) = headings
    assert plain_text(heading.story_title) == "[Translation] When the Tide Shall Claim"
    assert plain_text(heading.number) == "Chapter 1"
    bylines = [
        plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "byline"
    ]
    assert bylines == ["words_without", "Translation by Saltfish"]


def test_a_title_over_a_chapter_heading_on_a_plain_page() -> None:
    page = "<h1>The Long Night</h1>\n<h2>Chapter 1: Riders</h2>\n" + _SCENE
    result = convert(page, "xhtml", from_format="html")
    (heading,) = [b for b in result.document.blocks if isinstance(b, Heading)]
    assert plain_text(heading.story_title) == "The Long Night"
    assert "<title>The Long Night — Chapter 1: Riders</title>" in result.text


def test_story_words_between_title_and_chapter_line_keep_both_headings() -> None:
    page = "<h1>The Long Night</h1>\n" + _SCENE + "<h2>Chapter 1: Riders</h2>\n" + _SCENE
    headings = [b for b in _blocks(page, "html") if isinstance(b, Heading)]
    assert len(headings) == 2
    assert not headings[1].story_title


def test_chinese_chapter_lines_are_headings() -> None:
    for line, number, title in (
        ("第一卷第一章 黑夜与铁骑", "第一卷第一章", "黑夜与铁骑"),
        ("序幕 光荣的工作", "序幕", "光荣的工作"),
    ):
        blocks = _blocks(_translation_post(line), "markdown")
        (heading,) = [b for b in blocks if isinstance(b, Heading)]
        assert (plain_text(heading.number), plain_text(heading.title)) == (number, title)


def test_a_one_letter_mark_between_signs_repeated_is_the_chapters_break() -> None:
    blocks = _blocks(_translation_post("Chapter 1: Night and the Riders"), "markdown")
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 2
    assert "-i-" not in _texts(blocks)


def test_a_sites_own_boxes_by_class_are_not_story() -> None:
    page = (
        "<html><body><main><h1>Chapter 1: Riders</h1>\n" + _SCENE + '<div class="chapter-nav">'
        '<a href="../index.html">← Back to Chapters</a>'
        '<a href="../index.html#feedback">Send Feedback on CH01</a></div>\n'
        '<div class="mailing-card"><h3>Get new chapters by email</h3>'
        "<p>Subscribe to get future chapters and updates.</p></div></main></body></html>"
    )
    texts = _texts(_blocks(page, "html"))
    assert not any("Feedback" in t or "Subscribe" in t for t in texts)
    assert len(texts) == 2


def test_one_br_here_and_two_there_are_both_a_pages_paragraph_spacing() -> None:
    lines = [
        f"Line {i} of the tale, where Oren walked a little further along the quay."
        for i in range(30)
    ]
    body = "".join(line + ("<br /><br />" if i % 2 else "<br />") for i, line in enumerate(lines))
    page = "<h1>Chapter 1</h1><p>" + body + "</p>"
    blocks = _blocks(page, "html")
    assert not any(isinstance(b, SceneBreak) for b in blocks)
    assert len(_texts(blocks)) == 30


def test_a_blank_line_that_is_rare_on_a_page_is_still_a_break() -> None:
    lines = [f"Line {i} of the tale, where Oren walked along the quay." for i in range(30)]
    body = "".join(line + ("<br /><br />" if i == 14 else "<br />") for i, line in enumerate(lines))
    blocks = _blocks("<h1>Chapter 1</h1><p>" + body + "</p>", "html")
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1


def test_the_heading_typed_once_more_over_it_is_one_heading() -> None:
    page = "The Second Day of Midwinter\n<h1>The Second Day of Midwinter</h1>\n" + _SCENE
    blocks = _blocks(page, "html")
    assert "The Second Day of Midwinter" not in _texts(blocks)
    assert sum(isinstance(b, Heading) for b in blocks) == 1


def test_a_block_the_site_calls_prose_is_the_chapter_and_its_widgets_are_not() -> None:
    page = (
        "<html><head><title>Chapter 2 — Blood | Last Time</title></head><body>"
        '<div class="loader"><span>Summoning</span></div>'
        '<div class="tracker"><span class="label">Hours</span></div>'
        '<div class="container"><h1>Blood</h1><div class="prose">'
        + _SCENE * 3
        + "</div></div></body></html>"
    )
    texts = _texts(_blocks(page, "html"))
    assert "Summoning" not in texts
    assert "Hours" not in texts
    assert len(texts) == 6


def test_the_blank_cells_of_a_two_column_page_are_no_breaks() -> None:
    row = (
        '<div class="row"><div class="left"><p>{left}</p></div>'
        '<div class="right">&nbsp;</div></div>\n'
        '<div class="row"><div class="left">&nbsp;</div>'
        '<div class="right"><p>{right}</p></div></div>\n'
    )
    many = "</p><p>".join(f"Here, at step {k}, Oren waits by the wall." for k in range(4))
    page = "<h1>Chapter 1</h1>" + "".join(
        row.format(left=many, right=f"There, scene {i}, Mira runs.") for i in range(12)
    )
    blocks = _blocks(page, "html")
    assert not any(isinstance(b, SceneBreak) for b in blocks)
    assert len(_texts(blocks)) == 60


def test_an_empty_break_div_among_a_chapters_blocks_is_still_a_break() -> None:
    page = (
        "<h1>Chapter 1</h1><div class='prose'>" + _SCENE + '<div class="scene-break">'
        '<span class="drip"></span></div><div class="box"><p>"Mira," he said.</p></div>'
        + _SCENE
        + "</div>"
    )
    assert sum(isinstance(b, SceneBreak) for b in _blocks(page, "html")) == 1


def test_a_pages_section_titles_under_its_chapter_line_are_captions_with_breaks() -> None:
    section = '<h3 class="subtitle">{}</h3>\n<hr />\n' + _SCENE
    page = "<h1>Death</h1>\n<h2>Chapter 1 - Introduction</h2>\n" + "".join(
        section.format(name) for name in ("The Forgotten Story", "The Birth", "The Temple")
    )
    blocks = _blocks(page, "html")
    assert sum(isinstance(b, Heading) for b in blocks) == 1
    kinds = [
        "break" if isinstance(b, SceneBreak) else getattr(b, "role", "heading") for b in blocks
    ]
    sections = ["text", "text", "break", "caption"] * 2
    assert kinds == ["heading", "caption", *sections, "text", "text"]


def test_a_heading_left_open_over_the_story_is_read_as_its_paragraphs() -> None:
    page = '<h4 class="rating">Rating: Teen</h3>\n' + _SCENE * 2
    texts = _texts(_blocks(page, "html"))
    assert len(texts) == 5
    assert texts[0] == "Rating: Teen"


def test_a_sites_menu_and_a_lone_back_link_are_not_story() -> None:
    page = (
        '<html><body><h1>Chapter 1</h1><hr><a href="index.html">Go Back</a><div class="story">'
        + _SCENE * 3
        + '</div><div id="bottom"><a href="index.html">Home</a><br><a href="a.html">Fanart'
        '</a><br><a href="c.html">Contact Information</a></div></body></html>'
    )
    texts = _texts(_blocks(page, "html"))
    assert len(texts) == 6
    assert not any("Go Back" in t or "Fanart" in t for t in texts)


def test_a_title_line_over_a_drafts_html_body_is_its_heading() -> None:
    text = "Chapter 1: Forks\n\n<p>\nOne will do.\n</p><p>\nOne wrong risk is enough.\n</p><p>\n"
    text += "Here is how I decided to live with my father.\n</p><hr><p>\nIt rained.\n</p>\n"
    blocks = _blocks(text, "markdown")
    (heading,) = [b for b in blocks if isinstance(b, Heading)]
    assert plain_text(heading.number) == "Chapter 1"
    assert _texts(blocks)[0] == "One will do."
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1


def test_a_pages_head_and_style_in_a_draft_are_not_story_and_its_paragraphs_stay() -> None:
    text = (
        "---\ntitle: The Walk\n---\n<html>\n    <head>\n        <style>\n"
        "            p {\n                text-indent:32px;\n            }\n"
        "        </style>\n    </head>\n<body>\n\n<center> The Nine Mile Walk </center>\n<HR>\n\n"
        '<img src="https://example.org/map.jpg" alt="map">\n\n'
        + "".join(f"Walk {i}: the rain came down as we walked on.\n\n" for i in range(6))
    )
    texts = _texts(_blocks(text, "markdown"))
    assert not any("text-indent" in t or "<" in t or "map.jpg" in t for t in texts)
    assert texts[0] == "The Nine Mile Walk"
    assert len(texts) == 7


def test_a_german_disclaimer_and_an_arrow_link_to_the_next_chapter() -> None:
    text = (
        "# Kapitel 4: Die Hypothese\n\nHaftungsausschluss: J. K. Rowling beobachtet Sie.\n\n"
        + "".join(f"Harry zählte die Münzen, Stapel {i}.\n\n" for i in range(5))
        + "→ [Kapitel 5](Kapitel-5.md)\n"
    )
    blocks = _blocks(text, "markdown")
    assert any(isinstance(b, Paragraph) and b.role == "disclaimer" for b in blocks)
    texts = [
        plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "text"
    ]
    assert len(texts) == 5
    assert not any("Kapitel 5" in t for t in texts)


def test_a_blogs_reader_comments_are_not_story() -> None:
    page = (
        "<html><head><title>1.00 | The Inn</title></head><body><h1 id='site-title'>The Inn</h1>"
        '<article><h1 class="entry-title">1.00</h1><div class="entry-content">'
        + _SCENE * 3
        + '</div></article><div id="comments"><ol class="commentlist">'
        + "".join(f"<li><p>Great chapter, I loved part {i} of it!</p></li>" for i in range(40))
        + "</ol></div></body></html>"
    )
    texts = _texts(_blocks(page, "html"))
    assert len(texts) == 6
    assert not any("Great chapter" in t for t in texts)


def test_a_chapter_line_heading_over_the_story_block_is_the_heading() -> None:
    page = (
        "<html><head><title>WitchWood: Chapter 1</title></head><body><h1>WitchWood</h1>"
        '<div class="topnav"><a href="/">Home</a></div><div class="body">'
        "<h2>Chapter 1 - Persephone</h2>"
        '<div class="chapterText">' + _SCENE * 3 + "</div></div></body></html>"
    )
    heading = next(b for b in _blocks(page, "html") if isinstance(b, Heading))
    assert plain_text(heading.number) == "Chapter 1"
    assert plain_text(heading.title) == "Persephone"


def test_chapter_links_side_by_side_at_the_pages_end_are_not_story() -> None:
    page = (
        "<html><body>" + _SCENE * 2 + '<a href="index.html">Back to Chapter Selection</a>\n'
        '<a href="2.html">Next Chapter</a></body></html>'
    )
    texts = _texts(_blocks(page, "html"))
    assert len(texts) == 4


def test_a_help_box_by_its_id_is_not_story_on_any_sites_page() -> None:
    page = (
        "<html><body>" + _SCENE * 3 + '<div id="nav-bottom"><div id="help-with-errors">'
        'Found a mistake? Select it and click "Error?" - thanks!</div></div></body></html>'
    )
    assert not any("mistake" in t for t in _texts(_blocks(page, "html")))


def test_a_chapter_pasted_as_raw_text_into_one_paragraph_keeps_its_paragraphs() -> None:
    lines = [f"Scene line {i}: the traveler walked on through the snow." for i in range(8)]
    page = "<h1>The traveler</h1><p>" + "\n\n".join(lines[:4]) + "\n\n__\n\n"
    page += "\n\n".join(lines[4:]) + "</p>"
    blocks = _blocks(page, "html")
    assert len(_texts(blocks)) == 8
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1


def test_the_title_over_a_numbered_heading_and_a_content_warning() -> None:
    page = (
        "Desperate Measures\n<h1>Days 74-77: Desperate Measures</h1>\n"
        "<p><center><strong>Content warning: Assisted dying</strong></center></p>\n" + _SCENE * 2
    )
    blocks = _blocks(page, "html")
    assert "Desperate Measures" not in _texts(blocks)
    assert sum(isinstance(b, AuthorNote) for b in blocks) == 1
    assert len(_texts(blocks)) == 4


def test_a_one_line_html_paragraph_in_a_draft_is_its_words_and_a_mark_is_a_break() -> None:
    scene = "".join(f"Harmony walked on past the camp, step {i}.\n\n" for i in range(4))
    text = (
        "# Lovey\n\n"
        + scene
        + '<p style="text-align: center;">#</p>\n\n'
        + scene
        + '<p style="text-align: center;">© Christi Nogle</p>\n'
    )
    blocks = _blocks(text, "markdown")
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1
    texts = _texts(blocks)
    assert not any("text-align" in t or "<p" in t for t in texts)
    assert "© Christi Nogle" in texts


def test_a_row_of_links_with_arrows_in_a_draft_is_navigation_whatever_they_say() -> None:
    scene = "".join(f"The dragon slept on, dream {i}.\n\n" for i in range(4))
    text = (
        "# Meeting\n\n" + scene + "[Barzilaih's Lair](/story/lair)  <= [Danny Rocket](/danny) =>"
        "  [A dragon](/story/a-dragon)\n"
    )
    texts = _texts(_blocks(text, "markdown"))
    assert len(texts) == 4


def test_a_paragraph_of_two_links_is_not_story_on_any_sites_page() -> None:
    page = (
        '<html><body><div id="content">' + _SCENE * 3 + '<p><a href="http://a.example/e">עריכה</a>'
        '\n<a href="http://b.example/1">מקור</a></p></div><form><select name="chapter">'
        "<option>1</option></select></form></body></html>"
    )
    assert len(_texts(_blocks(page, "html"))) == 6


def test_a_scrape_writing_each_paragraph_as_a_line_ending_in_br_keeps_its_paragraphs() -> None:
    lines = [
        f"Paragraph {i}: having stopped by the guild, I started to worry about the labyrinth.<br/>"
        for i in range(12)
    ]
    blocks = _blocks("\n".join(["Poyopoyo<br/>", "<br/>", *lines]) + "\n", "markdown")
    assert len(_texts(blocks)) == 13


def test_a_poem_set_with_br_keeps_its_stanzas() -> None:
    stanza = "\n".join(
        ["On a night quite unenchanting, when the rain was downward slanting,<br>"] * 5
        + ["There is nothing I like more."]
    )
    text = "\n\n".join([stanza] * 4) + "\n"
    assert len(_texts(_blocks(text, "markdown"))) == 4
