"""Saved pages of the archives, in the shapes real chapters have (our own words)."""

from __future__ import annotations

from site_markup import story_paragraphs

from fanfmt.api import convert
from fanfmt.lint import lint_text
from fanfmt.model import AuthorNote, Heading, Paragraph, SceneBreak
from fanfmt.rules._text import text_of
from fanfmt.walk import plain_text

AO3_2013 = (
    '<html><body><div id="workskin"><div class="preface group"><h2 class="title heading">'
    'Lamp Oil</h2></div><div id="chapters"><div class="chapter">'
    '<div class="chapter preface group"><h3 class="title"><a href="#">Chapter 1</a></h3></div>'
    '<div class="userstuff module"><p>A short first scene</p><hr /><p>A short last scene</p>'
    '</div><div class="end notes module"><h3 class="heading">Notes:</h3>'
    "<blockquote class='userstuff'><p>Thanks for reading.</p></blockquote></div>"
    "</div></div></div></body></html>"
)


def _roles(page: str) -> dict[str, str]:
    blocks = convert(page, "xhtml", from_format="html").document.blocks
    return {text_of(b): b.role for b in blocks if isinstance(b, Paragraph)}


def test_a_short_line_after_a_rule_with_only_the_end_notes_after_it_is_story() -> None:
    roles = _roles(AO3_2013)
    assert roles["A short last scene"] == "text"


def test_a_short_line_after_a_rule_that_opens_a_scene_is_still_a_caption() -> None:
    page = AO3_2013.replace(
        "<p>A short last scene</p>",
        "<p>Two weeks later</p><p>The harbour had frozen over in the night.</p>",
    )
    assert _roles(page)["Two weeks later"] == "caption"


STORY_WITH_COMMENTS = (
    "<html><body><!-- the site's menu -->\n<div id='storytext'>\n"
    "<p>She ran down to the harbour.</p>\n"
    "<!-- the scene I cut: he waited by the boats -->\n"
    "<p>It rained all night.</p>\n<!--more-->\n"
    "<p>By morning the boats were gone.</p>\n</div>\n<!-- the site's footer -->\n"
    "</body></html>"
)


def test_lint_says_when_a_comment_with_words_between_story_paragraphs_is_left_out() -> None:
    found = [d for d in lint_text(STORY_WITH_COMMENTS, from_format="html") if d.code == "M005"]
    assert [d.line for d in found] == [4]
    assert "the scene I cut" in found[0].message


def _site_page(paragraphs: int) -> str:
    menu = "".join(f"<li><a href='/x{i}'>Menu entry number {i}</a></li>" for i in range(30))
    story = "".join(
        f"<p>The lamplighter climbed ladder {i} and lit the wick, slow and careful.</p>"
        for i in range(paragraphs)
    )
    return (
        "<html><head><title>Night Four - Lamp Street | Some Fiction Site</title></head><body>"
        f"<div class='top'><ul>{menu}</ul><h2>Lamp Street</h2><h1>Night Four</h1></div>"
        "<div class='portlet'><div class='author-note'><p>Thanks for waiting!</p></div></div>"
        f"<div class='chapter-content'><h2>Midnight, the harbour</h2>{story}</div>"
        "<div class='sidebar'><h2>Popular this week</h2><p>Another story by someone else, "
        "with a long blurb about dragons and a war and a crown nobody wanted.</p></div>"
        "<div class='foot'><p>Terms of Service | Privacy Policy | Cookie Policy</p></div>"
        "</body></html>"
    )


def test_an_unknown_sites_page_is_read_from_the_block_that_holds_its_story() -> None:
    result = convert(_site_page(20), "xhtml", from_format="html")
    assert result.document.meta.title == "Lamp Street"
    assert result.document.meta.chapter == "Night Four"
    assert "Menu entry" not in result.text
    assert "Popular this week" not in result.text
    assert "Terms of Service" not in result.text
    notes = [b for b in result.document.blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["before"]
    assert result.text.count("The lamplighter climbed") == 20
    assert sum(isinstance(b, Heading) for b in result.document.blocks) == 1


def test_a_page_with_too_little_in_paragraphs_is_still_read_whole() -> None:
    result = convert(_site_page(2), "xhtml", from_format="html")
    assert "Terms of Service" in result.text


def test_a_caption_framed_by_the_same_mark_twice_is_one_break() -> None:
    lines = [f"The lamplighter climbed ladder {i}, slow and careful." for i in range(6)]
    page = (
        "<div id='storytext'>"
        + "".join(f"<p>{line}</p>" for line in lines[:3])
        + "<p><em>-line break-</em></p><p>In the old tower</p><p><em>-line break-</em></p>"
        + "".join(f"<p>{line}</p>" for line in lines[3:])
        + "</div>"
    )
    blocks = convert(page, "xhtml", from_format="html").document.blocks
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1
    assert _roles(page)["In the old tower"] == "caption"


def test_an_closing_note_labelled_an_with_a_dash_is_a_note() -> None:
    body = "".join(f"<p>The road went on past mile {i} and she walked on.</p>" for i in range(30))
    for label in ("AN- it's", "AN—it's", "AN – it's"):
        page = f"<div id=storytext>{body}<p>{label} new to me, so tell me what you think!</p></div>"
        blocks = convert(page, "xhtml", from_format="html").document.blocks
        assert [b.position for b in blocks if isinstance(b, AuthorNote)] == ["after"], label


def _unknown_site(title: str, header: str) -> str:
    story = "".join(
        f"<p>The lamplighter climbed ladder {i} at the end of the street, slow and careful.</p>"
        for i in range(16)
    )
    menu = "".join(f"<li><a href='/s/{i}'>Another story number {i}</a></li>" for i in range(12))
    return (
        f"<html><head><title>{title}</title></head><body><div class='sidebar'><ul>{menu}</ul></div>"
        f"{header}<div class='chapter-body'>{story}</div>"
        "<footer>About us, terms of service and the privacy policy of the site.</footer>"
        "</body></html>"
    )


def test_an_unknown_sites_story_and_chapter_headings_however_spaced_or_classed() -> None:
    """An unknown site's ``<h1>`` story title and ``<h2>`` chapter title: matched with the
    page's ``<title>`` word for word however spaced or stopped, or known by the class the
    page gives the chapter's title; a ``<header class="story-header">`` is the story's."""
    pages = [
        _unknown_site(
            "Paper Moths chapitre 1: Avant propos, une fanfiction",
            "<h1>Paper Moths</h1><h2>Chapitre 1 : Avant propos</h2>",
        ),
        _unknown_site(
            "Paper Moths - Fandom - Fiction Portal",
            "<h1>Paper Moths</h1><h2 class='chapter-title'>Chapter 1.  Avant propos</h2>",
        ),
        _unknown_site(
            "Chapter 1 | Paper Moths by Wren",
            "<header class='story-header'><h1>Paper Moths</h1></header>"
            "<h2 class='chapter-head-title'>Chapter 1</h2>",
        ),
    ]
    for page in pages:
        doc = convert(page, "xhtml", from_format="html").document
        heads = [b for b in doc.blocks if isinstance(b, Heading)]
        assert len(heads) == 1, page
        assert plain_text(heads[0].story_title) == "Paper Moths", page
        assert plain_text(heads[0].number).startswith("Chap"), page


def test_the_story_title_typed_again_in_the_text_does_not_hide_the_author() -> None:
    """An FFN page whose text types its title again (``Team 8``) under the disclaimer: that
    row is the title's, not a byline, so the reading page still names the author."""
    story = story_paragraphs()
    page = (
        "<html><head><title>Lamps Chapter 1: Dawn, a naruto fanfic | FanFiction</title></head>"
        "<body><div id='profile_top'><b class='xcontrast_txt'>Lamps</b> By: "
        "<a href='/u/1/Wren'>Wren</a><span class='xgray'>Rated: T - English - Words: 900</span>"
        "</div><select id='chap_select'><option value='1' selected>1. Dawn</option>"
        "<option value='2'>2. Rain</option></select><div id='storytext'>"
        f"<p>Disclaimer: I own nothing.</p><p>Lamps</p>{story}</div></body></html>"
    )
    html = convert(page, "html", from_format="html").text
    assert 'class="story-author">Wren<' in html


def test_a_label_alone_in_an_ao3_chapters_text_takes_what_follows_it() -> None:
    """An AO3 chapter (its notes found by the page) whose text opens ``Author's notes:`` /
    a line of summary / a rule: the label and that line are one note, before the story."""
    story = story_paragraphs()
    page = (
        "<html><body><div id='workskin'><div class='preface group'><h2 class='title heading'>"
        "Lamps</h2><div class='notes module'><h3 class='heading'>Notes:</h3>"
        "<blockquote class='userstuff'><p>Thanks to Ash.</p></blockquote></div></div>"
        "<div class='chapter'><div class='userstuff module'>"
        "<h3 class='landmark heading'>Chapter Text</h3>"
        "<p>Author's notes:</p><p>On his way home, Harry meets the gunslinger.</p><hr/>"
        f"{story}</div></div></div></body></html>"
    )
    doc = convert(page, "xhtml", from_format="html").document
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [[text_of(p) for p in n.paragraphs] for n in notes] == [
        ["Thanks to Ash."],
        ["Author’s notes:", "On his way home, Harry meets the gunslinger."],
    ]
