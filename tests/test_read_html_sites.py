"""Site layouts of the HTML reader: FanFiction.Net (desktop, mobile), AO3's facts, forums.

Every page here is a small one written for the test in the shape of the site's markup,
with invented names and prose.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fanfmt.api import normalise
from fanfmt.cli import cli
from fanfmt.model import AuthorNote, Document, Heading, Paragraph
from fanfmt.reader.html import read_html
from fanfmt.reader.html.ffn import ffn_story_title
from fanfmt.reader.html.ffn_facts import parse_profile
from fanfmt.reader.html.forum import story_title
from fanfmt.walk import plain_text

DATA = Path(__file__).parent / "data" / "html"

MOBILE = """<html><head><title>Fanfic: Salt Road Ch 2, Lanternwake | FanFiction</title></head>
<body><div class="t_head"><a href="/j/">Just In</a> <a href="/forums/">Forum</a></div>
<div id="content"><div align="center"><b>Salt Road</b> by <a href="/u/77/">Wickwright</a></div>
<hr size="1"><a href="/misc/">Misc</a> &raquo; <a href="/misc/Lanternwake/">Lanternwake</a>
Rated: K+, English, Romance &amp; Hurt/Comfort, [Wren A., Tobin M.] Hesketh, Words: 5k+,
Favs: 9, Follows: 4, Published: <span data-xutime="1637475853">Nov 20</span>
Updated: <span data-xutime="1243566621">May 28, 2009</span><hr size="1">
<span class="pull-right"><a href="/r/88/">10</a></span>
Chapter 2: The Ford<br></div>
<div role="main"><div class="storycontent nocopy" id="storycontent">
<p>The ford was deep that spring, and the ferryman was gone.</p>
<p>Wren waded in anyway.</p></div></div>
<hr size="1"><div align="center"><a href="/s/88/1/">&laquo; Prev</a>&nbsp;Ch 2 of
<a href="/s/88/3/">3</a></div><div>Contrast: <a href="#">Dark</a></div></body></html>"""

MOBILE_ONESHOT = MOBILE.replace("Chapter 2: The Ford", "").replace("Ch 2 of", "")


def heading(doc: Document) -> Heading:
    first = doc.blocks[0]
    assert isinstance(first, Heading)
    return first


def texts(doc: Document) -> list[str]:
    return [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]


def test_mobile_page_title_author_and_chapter_line() -> None:
    doc, _ = normalise(MOBILE, from_format="html")
    head = heading(doc)
    assert plain_text(head.story_title) == "Salt Road"
    assert plain_text(head.number) == "Chapter 2"
    assert plain_text(head.title) == "The Ford"
    assert doc.meta.author == "Wickwright"
    assert texts(doc) == [
        "The ford was deep that spring, and the ferryman was gone.",
        "Wren waded in anyway.",
    ]


def test_mobile_page_facts() -> None:
    story = read_html(MOBILE).meta.story
    assert story.rating == "K+"
    assert story.language == "English"
    assert story.tags == ("Romance", "Hurt/Comfort")
    assert story.fandoms == ("Lanternwake",)
    assert story.characters == ("Wren A.", "Tobin M.", "Hesketh")
    assert story.relationships == ("Wren A./Tobin M.",)
    assert story.words == 0
    assert story.notes == ("Words: 5k+",)  # rounded: kept as a note
    assert story.published == "2021-11-21"  # "Nov 20" has no year: the stamp's day (UTC)
    assert story.updated == "May 28, 2009"  # as written
    assert story.chapters == "3"


def test_mobile_oneshot_has_the_story_title_only() -> None:
    doc, _ = normalise(MOBILE_ONESHOT, from_format="html")
    head = heading(doc)
    assert plain_text(head.story_title) == "Salt Road"
    assert not head.number
    assert not head.title
    assert read_html(MOBILE_ONESHOT).meta.story.chapters == ""


def test_mobile_page_title() -> None:
    assert ffn_story_title("Fanfic: Salt Road Ch 2, Lanternwake | FanFiction") == "Salt Road"
    assert ffn_story_title("Fanfic: Salt Road, Lanternwake | FanFiction") == "Salt Road"
    assert ffn_story_title("Salt Road - Chapter 2 - Wattpad") == ""


def test_desktop_profile_line() -> None:
    story = parse_profile(
        "Rated: Fiction T - English - Romance/Hurt/Comfort - [Wren A., Tobin M.] Hesketh - "
        "Chapters: 24 - Words: 120,505 - Reviews: 900 - Favs: 1,000 - Updated: 6/2/08 - "
        "Published: 1/3/08 - Status: Complete - id: 4242"
    )
    assert story.rating == "T"
    assert story.tags == ("Romance", "Hurt/Comfort")
    assert story.characters == ("Wren A.", "Tobin M.", "Hesketh")
    assert story.relationships == ("Wren A./Tobin M.",)
    assert (story.chapters, story.words, story.status) == ("24", 120505, "complete")
    assert (story.published, story.updated) == ("1/3/08", "6/2/08")


def test_desktop_profile_without_genre() -> None:
    story = parse_profile("Rated: Fiction K - English - Wren A. - Words: 800 - id: 1")
    assert (story.tags, story.characters, story.words) == ((), ("Wren A.",), 800)


def test_desktop_page_facts_and_summary() -> None:
    story = read_html((DATA / "ffn-chapter.html").read_text(encoding="utf-8")).meta.story
    assert story.rating == "T"
    assert (story.chapters, story.words) == ("5", 12345)
    assert story.summary.startswith("A smuggler's daughter")


AO3_WORK = """<html><body><div id="main">
<dl class="work meta group">
<dt class="rating tags">Rating:</dt><dd class="rating tags"><ul class="commas">
<li><a class="tag">Mature</a></li></ul></dd>
<dt class="warning tags">Archive Warning:</dt><dd class="warning tags"><ul class="commas">
<li><a class="tag">No Archive Warnings Apply</a></li></ul></dd>
<dt class="category tags">Category:</dt><dd class="category tags"><ul class="commas">
<li><a class="tag">Gen</a></li></ul></dd>
<dt class="fandom tags">Fandom:</dt><dd class="fandom tags"><ul class="commas">
<li><a class="tag">Lanternwake</a></li><li><a class="tag">Dustward</a></li></ul></dd>
<dt class="relationship tags">Relationship:</dt><dd class="relationship tags"><ul class="commas">
<li><a class="tag">Wren &amp; Tobin</a></li></ul></dd>
<dt class="character tags">Characters:</dt><dd class="character tags"><ul class="commas">
<li><a class="tag">Wren</a></li><li><a class="tag">Tobin</a></li></ul></dd>
<dt class="freeform tags">Additional Tags:</dt><dd class="freeform tags"><ul class="commas">
<li><a class="tag">Road Trip</a></li></ul></dd>
<dt class="language">Language:</dt><dd class="language">English</dd>
<dt class="series">Series:</dt><dd class="series"><span class="series">
<span class="position">Part 2 of <a href="/series/9">The Long Road</a></span></span></dd>
<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats">
<dt class="published">Published:</dt><dd class="published">2020-01-02</dd>
<dt class="status">Updated:</dt><dd class="status">2020-03-04</dd>
<dt class="words">Words:</dt><dd class="words">4,321</dd>
<dt class="chapters">Chapters:</dt><dd class="chapters">3/?</dd>
<dt class="kudos">Kudos:</dt><dd class="kudos">50</dd></dl></dd>
</dl>
<div id="workskin"><div class="preface group"><h2 class="title heading">The Salt Road</h2>
<h3 class="byline heading"><a rel="author" href="/users/wick">wick</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3>
<blockquote class="userstuff"><p>A lamp, a road.</p><p>A river.</p></blockquote></div></div>
<div id="chapters"><div class="chapter"><div class="chapter preface group">
<h3 class="title">Chapter 3: The Ford</h3>
<div class="summary module"><h3 class="heading">Summary:</h3>
<blockquote class="userstuff"><p>Not the work's summary.</p></blockquote></div></div>
<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3>
<p>The ford was deep that spring.</p></div></div></div></div></div></body></html>"""


def test_ao3_work_meta() -> None:
    doc = read_html(AO3_WORK)
    story = doc.meta.story
    assert story.rating == "Mature"
    assert story.warnings == ("No Archive Warnings Apply",)
    assert story.categories == ("Gen",)
    assert story.fandoms == ("Lanternwake", "Dustward")
    assert story.relationships == ("Wren & Tobin",)
    assert story.characters == ("Wren", "Tobin")
    assert story.tags == ("Road Trip",)
    assert story.language == "English"
    assert (story.series, story.series_index) == ("The Long Road", 2)
    assert (story.published, story.updated, story.status) == (
        "2020-01-02",
        "2020-03-04",
        "in progress",
    )
    assert (story.words, story.chapters) == (4321, "3/?")
    assert story.summary == "A lamp, a road.\n\nA river."
    assert "Not the work's summary." not in " ".join(texts(doc))  # still not story text


AO3_DOWNLOAD_2020S = """<html><head><style>.toc-heading{display:none}</style></head><body>
<div id="preface"><h2 class="toc-heading">Preface</h2>
<p class="message"><b>Paper Moths</b><br/>Posted originally on the Archive of Our Own.</p>
<div class="meta"><h1>Paper Moths</h1><div class="byline">by Wren</div>
<p>Notes:</p><blockquote class="userstuff"><p>For Ash, who asked.</p></blockquote></div></div>
<div id="chapters" class="userstuff"><h2 class="toc-heading">Paper Moths</h2>
<div class="userstuff">{story}</div></div>
<div id="afterword"><h2 class="toc-heading">Afterword</h2><div class="meta"><div id="endnotes">
<p>End Notes</p><blockquote class="userstuff"><p>Thanks for reading!</p></blockquote></div></div>
<p class="message">Please drop by the Archive and comment to let the creator know.</p></div>
</body></html>"""


def test_an_ao3_downloads_hidden_contents_headings_are_not_chapter_headings() -> None:
    """A download of the 2020s heads its parts with hidden ``h2.toc-heading``s: ``Preface``,
    ``Afterword``, and (one chapter) the work's title again. None is a chapter's heading, and
    the end notes stand after the story."""
    story = "".join(f"<p>The moths came back to lamp {i}, slow and careful.</p>" for i in range(6))
    doc = read_html(AO3_DOWNLOAD_2020S.replace("{story}", story))
    assert [b for b in doc.blocks if isinstance(b, Heading) and b.title] == []
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["before", "after"]
    heads = [
        (plain_text(b.story_title), plain_text(b.title))
        for b in doc.blocks
        if isinstance(b, Heading)
    ]
    assert heads == [("Paper Moths", "")]


def test_ao3_download_preface() -> None:
    story = read_html((DATA / "ao3-download.html").read_text(encoding="utf-8")).meta.story
    assert story.rating == "Teen And Up Audiences"
    assert (story.published, story.words, story.chapters) == ("2021-06-01", 812, "2/2")
    assert story.status == "complete"
    assert story.summary == "The moths came back in June, and so did Teo."
    assert story.url == "http://archiveofourown.org/works/31337"


def test_number_heading_then_title_heading_is_one_heading() -> None:
    doc, _ = normalise(
        "<h1>10</h1><h2>Worst Birthday Ever</h2><p>It rained.</p><p>She went home.</p>",
        from_format="html",
    )
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    assert len(headings) == 1
    assert (plain_text(headings[0].number), plain_text(headings[0].title)) == (
        "10",
        "Worst Birthday Ever",
    )


def test_two_number_headings_stay_two() -> None:
    doc, _ = normalise("<h1>10</h1><h1>11</h1><p>It rained.</p>", from_format="html")
    assert len([b for b in doc.blocks if isinstance(b, Heading)]) == 2


UBB = """<html><head><title>Lamp Oil 1/1 - Lanternwake Message Boards</title></head><body>
<table><tr><td class="breadcrumbs"><a href="/">Forums</a> &raquo; <a href="/f">Fan Fiction</a></td>
<td class="navigation"><a href="/search">Advanced Forum Search</a></td></tr></table>
<table><tr><td class="post-nav">Previous Thread</td>
<td class="post-nav">Next Thread</td></tr></table>
<table><tr><td class="subjecttable"><div class="truncate bold">Lamp Oil 1/1</div></td></tr>
<tr><td class="author-content"><div class="bold author-name">Wickwright</div>
<div class="small author-registered">Joined: Aug 2003</div></td>
<td class="post-content"><div class="post_inner"><div id="body0">The lamp needed oil.<br><br>
Wren went to the shed for it.</div><div class="signature">Read my other stories!</div>
</div></td></tr></table>
<table><tr><td class="post-content"><div class="post_inner"><div id="body1">Loved it!</div>
</div></td></tr></table><div class="footer">Log In</div></body></html>"""

PHPBB = """<html><body><h2 class="topic-title"><a href="/t/9">Re: Lamp Oil (2/?)</a></h2>
<div class="post"><div class="postbody"><p class="author">by <a class="username">wick</a></p>
<div class="content">The lamp needed oil.</div></div></div>
<div class="post"><div class="postbody"><div class="content">Great!</div></div></div>
<div class="jumpbox">Jump to</div></body></html>"""


def test_forum_first_post_only() -> None:
    doc, _ = normalise(UBB, from_format="html")
    assert plain_text(heading(doc).story_title) == "Lamp Oil"
    assert doc.meta.author == "Wickwright"
    assert texts(doc) == ["The lamp needed oil.", "Wren went to the shed for it."]


def test_forum_post_closing_link_to_its_replies_is_furniture() -> None:
    linked = UBB.replace(
        "Wren went to the shed for it.</div>",
        'Wren went to the shed for it.<br><br><a href="/t/9#c">Comments</a><br></div>',
    )
    doc, _ = normalise(linked, from_format="html")
    assert texts(doc) == ["The lamp needed oil.", "Wren went to the shed for it."]


def test_forum_post_link_with_words_after_it_stays() -> None:
    linked = UBB.replace(
        "Wren went to the shed for it.</div>",
        'Wren went to the shed for it.<br><br><a href="/t/9#c">Comments</a> are welcome.</div>',
    )
    doc, _ = normalise(linked, from_format="html")
    assert texts(doc)[-1] == "Comments are welcome."


def test_forum_phpbb() -> None:
    doc, _ = normalise(PHPBB, from_format="html")
    assert plain_text(heading(doc).story_title) == "Lamp Oil"
    assert texts(doc) == ["The lamp needed oil."]


def test_forum_subject() -> None:
    assert story_title("A Lucky Strike 1/1") == "A Lucky Strike"
    assert story_title("Re: Dusk (2/?)") == "Dusk"
    assert story_title("Dusk [3/10]") == "Dusk"


def test_verbose_shows_story_facts_and_lint_counts_them(tmp_path: Path) -> None:
    page = tmp_path / "salt.html"
    page.write_text(MOBILE, encoding="utf-8")
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(page), "-v", "-o", str(tmp_path / "out.xhtml")])
    assert built.exit_code == 0, built.output
    assert "story facts: fandoms: Lanternwake (page); rating: K+ (page);" in built.output
    linted = runner.invoke(cli, ["lint", str(page)])
    assert "S001" in linted.output
    assert "facts about the story read from the source" in linted.output


def test_typed_twin_after_the_front_matter_is_merged() -> None:
    typed = MOBILE.replace(
        "<p>The ford was deep",
        "<p>Thanks to everyone who read the last one, and to my beta for her patience.</p>"
        "<hr><p><b>Chapter 2 - The Ford at Night</b></p><p>The ford was deep",
    ).replace("Chapter 2: The Ford<br>", "Chapter 2: The Ford at<br>")  # the site cut it
    doc, _ = normalise(typed, from_format="html")
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    assert len(headings) == 1
    assert plain_text(headings[0].title) == "The Ford at Night"
    assert plain_text(headings[0].story_title) == "Salt Road"


def test_typed_title_alone_under_a_long_note_is_where_the_heading_stands() -> None:
    note = "".join(
        f"<p><em>Aviso {n}: esta historia es un universo alterno, y lo digo otra vez.</em></p>"
        for n in range(1, 9)
    )
    typed = MOBILE.replace(
        "<p>The ford was deep",
        f"{note}<hr><p><strong><em>THE FORD</em></strong></p><p>The ford was deep",
    )
    doc, _ = normalise(typed, from_format="html")
    headings = [i for i, b in enumerate(doc.blocks) if isinstance(b, Heading)]
    assert len(headings) == 1
    head = doc.blocks[headings[0]]
    assert isinstance(head, Heading)
    assert plain_text(head.title) == "The Ford"
    assert headings[0] > 0  # after the author's note, where the author typed it
    assert "THE FORD" not in texts(doc)


def test_forum_typed_title_and_byline_are_a_byline_row() -> None:
    post = UBB.replace(
        "The lamp needed oil.<br><br>",
        "Author's Note: thanks for reading.<br><br><b>Lamp Oil</b><br>by Wickwright<br><br>"
        "The lamp needed oil.<br><br>",
    )
    doc, _ = normalise(post, from_format="html")
    rows = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "byline"]
    assert [plain_text(b.children) for b in rows] == ["Lamp Oil\nby Wickwright"]
    assert "The lamp needed oil." in texts(doc)


AO3_2013 = """<html><head><title>Ferry - Chapter 1 - wick [Archive of Our Own]</title></head>
<body><div id="workskin"><div class="preface group"><h2 class="title heading">Ferry</h2>
<div class="notes module" role="complementary"><h3 class="heading">Notes:</h3>
<p>(See the end of the work for <a href="#work_endnotes">notes</a>)</p></div></div>
<div id="chapters"><div class="chapter"><div class="chapter preface group">
<h3 class="title"><a href="/c/1">Chapter 1</a></h3></div>
<div class="userstuff module" role="article"><h3 class="landmark heading">Chapter Text</h3>
<p>The ferry left at six.</p><p>Nobody spoke until the far shore.</p></div></div></div>
<div class="afterword preface group"><div id="work_endnotes" class="end notes module">
<h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Thanks for reading.</p>
</blockquote></div></div></div></body></html>"""


def test_ao3_pointer_in_a_plain_paragraph_is_no_note() -> None:
    doc, _ = normalise(AO3_2013, from_format="html")
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [n.position for n in notes] == ["after"]
    assert [plain_text(p.children) for p in notes[0].paragraphs] == ["Thanks for reading."]
