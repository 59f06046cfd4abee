"""The HTML reader: saved AO3 and FanFiction.Net pages and plain fragments build to clean chapters.

The pages in ``tests/data/html/`` are written for these tests in the shapes of the
sites' markup, with invented prose. For each page the test knows which parts are the
story (text, notes, titles) and checks that every word of them is in the chapter and
that no other word (menus, kudos, comments, tags, summaries) is.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from fanfmt.api import convert, normalise
from fanfmt.cli import cli
from fanfmt.model import AuthorNote, Document, Heading, Paragraph, SceneBreak
from fanfmt.reader import read, sniff
from fanfmt.walk import plain_text

DATA = Path(__file__).parent / "data" / "html"
WORD_RE = re.compile(r"[^\W_]+")


def page(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def build(name: str) -> tuple[Document, str]:
    text = page(name)
    doc, _ = normalise(text, from_format="html")
    return doc, convert(text, "xhtml", from_format="html").text


def body(xhtml: str) -> str:
    return xhtml[xhtml.index("<body>") :]


def visible(markup: str) -> str:
    """Markup → its text, entities decoded, curly quotes and dashes made plain."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return text.translate(str.maketrans("‘’“”—–…", "''\"\"-- "))


def word_bag(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD_RE.findall(visible(text)))


def regions(source: str, *patterns: str) -> str:
    """The source between each ``start ... end`` pair (regular expressions)."""
    source = re.sub(r'<h3 class="landmark[^>]*>.*?</h3>', " ", source)  # site labels
    found: list[str] = []
    for pattern in patterns:
        found.extend(m.group(1) for m in re.finditer(pattern, source, flags=re.S))
    assert len(found) >= len(patterns), patterns
    return " ".join(found)


def assert_story_only(xhtml: str, story: str, extra: str = "") -> None:
    """Every word of ``story`` is in the chapter, and the chapter has no word from elsewhere."""
    got = word_bag(body(xhtml))
    want = word_bag(story)
    missing = want - got
    assert not missing, f"words lost: {sorted(missing)[:20]}"
    unexpected = got - want - word_bag(extra)
    assert not unexpected, f"site text in the chapter: {sorted(unexpected)[:20]}"


def assert_clean(xhtml: str) -> None:
    """Well-formed XML, and no straight quote left in the text."""
    ElementTree.fromstring(re.sub(r"^<\?xml[^>]*>\s*<!DOCTYPE html>", "", xhtml))
    text = re.sub(r"<[^>]+>", "", body(xhtml))
    assert text.strip()
    assert "'" not in text
    assert '"' not in text


def notes(doc: Document) -> list[tuple[str, str]]:
    return [
        (b.position, plain_text(b.paragraphs[0].children))
        for b in doc.blocks
        if isinstance(b, AuthorNote)
    ]


# ---------------------------------------------------------------------------- AO3


AO3_STORY = (
    r'<div class="userstuff module" role="article">(.*?)</div>\s*<div class="chapter preface',
    r'<div id="notes" class="notes module".*?<blockquote class="userstuff">(.*?)</blockquote>',
    r'<div id="chapter_\d+_endnotes".*?<blockquote class="userstuff">(.*?)</blockquote>',
    r'<h2 class="title heading">(.*?)</h2>',
    r'<h3 class="title">(.*?)</h3>',
)


def test_ao3_chapter_page() -> None:
    doc, xhtml = build("ao3-chapter.html")
    heading = doc.blocks[0]
    assert isinstance(heading, Heading)
    assert plain_text(heading.number) == "Chapter 2"
    assert plain_text(heading.title) == "Oil and Ember"
    assert doc.meta.title == "The Lamplighter’s Apprentice"
    assert doc.meta.chapter == "Chapter 2: Oil and Ember"
    assert doc.meta.author == "wrenfeather"
    assert notes(doc) == [
        (
            "before",
            "Thank you all for the lovely comments on the first chapter! "
            "I didn’t expect anyone to read this.",
        ),
        ("after", "Next chapter: the Night Market! It’s half written, so it shouldn’t be long."),
    ]
    assert all(b.marked for b in doc.blocks if isinstance(b, AuthorNote))
    assert sum(isinstance(b, SceneBreak) for b in doc.blocks) == 2  # centred * * *, <hr>
    page_body = body(xhtml)
    assert "<em>Neither am I,</em> Pim thought" in page_body
    assert "It felt <em>warm</em>, which was wrong" in page_body
    assert "the light is <strong>for</strong>?" in page_body
    assert_story_only(xhtml, regions(page("ao3-chapter.html"), *AO3_STORY))
    assert "Chapter Text" not in page_body
    assert_clean(xhtml)


def test_ao3_full_work_has_a_heading_and_notes_per_chapter() -> None:
    doc, xhtml = build("ao3-full-work.html")
    kinds = [
        f"{type(b).__name__}:{b.position}" if isinstance(b, AuthorNote) else type(b).__name__
        for b in doc.blocks
    ]
    assert kinds == [
        "Heading", "AuthorNote:before", "AuthorNote:before", "Paragraph", "Paragraph", "Paragraph",
        "AuthorNote:after",
        "Heading", "AuthorNote:before", "Paragraph", "Paragraph", "Paragraph",
        "AuthorNote:after", "AuthorNote:after",
    ]  # fmt: skip
    first, second = (b for b in doc.blocks if isinstance(b, Heading))
    assert plain_text(first.story_title) == "Paper Boats"
    assert (plain_text(first.number), plain_text(first.title)) == ("Chapter 1", "Folding")
    assert (plain_text(second.number), plain_text(second.title)) == ("Chapter 2", "Launching")
    assert notes(doc)[0] == ("before", "Written for the Rivers exchange. Happy reading, Sam!")
    assert notes(doc)[-1] == (
        "after",
        "Sam, I hope you liked it. The duck is based on a real duck.",
    )
    source = page("ao3-full-work.html")
    story = regions(
        source,
        r'<div class="userstuff module" role="article">(.*?)</div>\s*<div class="chapter preface',
        r'<blockquote class="userstuff">(.*?)</blockquote>',
        r'<h2 class="title heading">(.*?)</h2>',
        r'<h3 class="title">(.*?)</h3>',
    )
    # the summary and the comment are block quotes too, but not story
    assert_story_only(
        xhtml,
        story.replace("Two sisters, one river, a great many boats.", "").replace(
            "Adorable!! More please", ""
        ),
    )
    assert "<em>wreck</em>" in body(xhtml)
    assert_clean(xhtml)


def test_ao3_single_chapter_work_without_landmark() -> None:
    doc, xhtml = build("ao3-oneshot.html")
    heading = doc.blocks[0]
    assert isinstance(heading, Heading)
    assert plain_text(heading.story_title) == "Small Hours"
    assert not heading.number
    assert not heading.title
    assert [p for p, _ in notes(doc)] == ["before", "after"]
    page_body = body(xhtml)
    assert (
        "The note on the fridge said<br/><strong>MILK!!</strong><br/>in Ama’s handwriting."
        in page_body
    )
    assert "<em>We should sleep,</em> Jun thought. <em>We won’t.</em>" in page_body
    # <br>-separated prose lines are paragraphs
    assert (
        "<p>At three in the morning the kettle was the loudest thing in the world.</p>" in page_body
    )
    assert (
        sum(isinstance(b, SceneBreak) for b in doc.blocks) == 2
    )  # blank paragraphs, centred dashes
    source = page("ao3-oneshot.html")
    assert_story_only(
        xhtml,
        regions(
            source,
            r'<div class="userstuff">(.*?)</div>\s*</div>\s*<div id="work_endnotes"',
            r'<blockquote class="userstuff">(.*?)</blockquote>',
            r'<h2 class="title heading">(.*?)</h2>',
        ),
    )
    assert_clean(xhtml)


def test_ao3_downloaded_html() -> None:
    doc, xhtml = build("ao3-download.html")
    kinds = [
        f"{type(b).__name__}:{b.position}" if isinstance(b, AuthorNote) else type(b).__name__
        for b in doc.blocks
    ]
    assert kinds == [
        "Heading", "AuthorNote:before", "AuthorNote:before", "Paragraph", "AuthorNote:after",
        "Heading", "Paragraph", "AuthorNote:after",
    ]  # fmt: skip
    assert doc.meta.title == "Moth Season"
    assert doc.meta.author == "duskwing"
    source = page("ao3-download.html")
    story = regions(
        source,
        r'<div class="userstuff">(.*?)</div>',
        r"<p>(?:Chapter |)(?:End |)Notes</p>\s*<blockquote[^>]*>(.*?)</blockquote>",
        r"<h1>(.*?)</h1>",
        r'<h2 class="heading">(.*?)</h2>',
    )
    assert_story_only(xhtml, story)
    assert_clean(xhtml)


# ---------------------------------------------------------------------------- FanFiction.Net


def test_ffn_chapter_page() -> None:
    doc, xhtml = build("ffn-chapter.html")
    heading = doc.blocks[0]
    assert isinstance(heading, Heading)
    assert plain_text(heading.story_title) == "Salt and Silver"
    assert (plain_text(heading.number), plain_text(heading.title)) == ("Chapter 3", "The Tidewatch")
    assert doc.meta.author == "Tidecaller"
    found = notes(doc)
    assert [p for p, _ in found] == ["before", "after"]
    assert found[0][1].startswith("A/N: Sorry this took so long")
    assert found[1][1].startswith("A/N: Cliffhanger, I know")
    page_body = body(xhtml)
    assert "<em>Don’t look at her. If you look at her, you’ll stay.</em>" in page_body
    assert "<em>Forty-one. Forty-two.</em> The marker loomed" in page_body
    assert '<strong><span class="dialogue">“Hello?”</span></strong>' in page_body
    assert "her—forty to the first marker" in page_body
    assert sum(isinstance(b, SceneBreak) for b in doc.blocks) == 2  # blank paragraphs, -o0o-
    source = page("ffn-chapter.html")
    story = regions(
        source, r'<div class="storytext xcontrast_txt nocopy" id="storytext">(.*?)</div>'
    )
    story = story.replace("-o0o-", "")  # a break line: the break is kept, not its marker
    assert_story_only(xhtml, story, extra="Salt and Silver Chapter 3 The Tidewatch")
    assert_clean(xhtml)


# ---------------------------------------------------------------------------- fragments


def test_plain_fragment_with_editor_markup() -> None:
    doc, xhtml = build("fragment.html")
    assert doc.meta.chapter == "Chapter Four: Lanterns"
    page_body = body(xhtml)
    # Google Docs classes: italic spans split at a space are one span again
    # the chapter sets no thought style (thoughts="none"), so the italics stay emphasis
    assert "<em>It isn’t coming, she thought.</em>" in page_body
    assert "<strong>It never comes on a Thursday.</strong>" in page_body
    assert "a <em>very</em> large cap" in page_body
    assert "Fish&amp;chips" in page_body
    assert "café" in page_body
    # double-spaced paragraphs are the norm; three blank ones, and <br>×4, are breaks
    assert sum(isinstance(b, SceneBreak) for b in doc.blocks) == 2
    texts = [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert "She walked on past it, up the hill." in texts
    assert "At the top she stopped." in texts
    assert_story_only(xhtml, page("fragment.html"), extra="")
    assert_clean(xhtml)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One.<p>Two.<p>Three.", ["One.", "Two.", "Three."]),
        (
            "<div><i><p>All one.</p><p>All two.</p></i><p>Plain.</p></div>",
            ["All one.", "All two.", "Plain."],
        ),
        ("<p>Before <!-- hidden --> after.</p><!-- <p>x</p> -->", ["Before after."]),
        ("<font face=Arial><p>Font <font color=red>red</font>.</p></font>", ["Font red."]),
        ("Loose.<div>In div.</div>Tail.", ["Loose.", "In div.", "Tail."]),
        (
            "<table><tr><td>Cell one.</td><td>Cell two.</td></tr></table>",
            ["Cell one.", "Cell two."],
        ),
        ("<p>Word<i> </i>word<em></em> end.</p>", ["Word word end."]),
        ("<p>&nbsp;&nbsp;&nbsp;Indented&nbsp;start.</p>", ["Indented start."]),
        ("<ul><li>First.</li><li>Second.</li></ul>", ["First.", "Second."]),
        ("<blockquote><p>A letter.</p></blockquote><p>After.</p>", ["A letter.", "After."]),
    ],
)
def test_fragments_keep_every_word(markup: str, expected: list[str]) -> None:
    doc = read(markup, "html")
    assert [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)] == expected


def test_italic_and_bold_from_every_spelling() -> None:
    markup = (
        '<p><i>a</i>, <em>b</em>, <u>c</u>, <span style="font-style: italic">d</span>, '
        '<b>e</b>, <strong>f</strong>, <span style="font-weight:700">g</span>; '
        "<i>split</i> <i>italics</i> <b>join</b><b>up</b></p>"
    )
    xhtml = convert(markup, "xhtml", from_format="html").text
    assert "<em>a</em>, <em>b</em>, <em>c</em>, <em>d</em>," in xhtml
    assert "<strong>e</strong>, <strong>f</strong>, <strong>g</strong>;" in xhtml
    assert "<em>split italics</em> <strong>joinup</strong>" in xhtml


def test_hr_with_attributes_and_centred_breaks() -> None:
    markup = (
        "<p>One.</p><hr size=1 noshade style='x'><p>Two.</p><center>* * *</center>"
        '<p>Three.</p><p align="center">oOo</p><p>Four.</p>'
    )
    doc, _ = normalise(markup, from_format="html")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "SceneBreak"] * 3 + ["Paragraph"]


def test_saved_page_furniture_is_dropped() -> None:
    markup = (
        "<html><head><title>Site title</title><style>p{color:red}</style>"
        "<script>var s = 'script text';</script></head><body>"
        "<nav><a href='/'>Home</a></nav><header><h1>Site banner</h1></header>"
        "<p>Story <img src='data:image/png;base64,AAAA' alt='an image'>text.</p>"
        "<noscript>Enable scripts</noscript><footer>Footer text</footer></body></html>"
    )
    result = convert(markup, "markdown", from_format="html")
    assert result.text == "Story text.\n"


def test_no_entity_is_resolved_and_nothing_fetched() -> None:
    markup = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>Safe &xxe; text.</p><img src='http://example.invalid/x.png'></body></html>"
    )
    result = convert(markup, "xhtml", from_format="html")
    assert "root:" not in result.text
    assert "Safe" in result.text
    assert "example.invalid" not in result.text


def test_own_xhtml_reads_back() -> None:
    text = (
        "My Story\n\nChapter 1: Start\n\nA/N: hello there, readers!\n\n"
        '"Hi," she said.\n\n***\n\nThe end.\n'
    )
    first = convert(text, "xhtml", from_format="text").text
    again = convert(first, "xhtml", from_format="html").text
    assert body(again) == body(first)


# ---------------------------------------------------------------------------- command line


def test_build_html_page_from_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "chapter.html"
    source.write_text(page("ffn-chapter.html"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "--no-config"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "chapter.xhtml"
    assert "The Tidewatch" in out.read_text(encoding="utf-8")
    assert source.read_text(encoding="utf-8") == page("ffn-chapter.html")


def test_xhtml_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "chapter.xhtml"
    source.write_text("<html><body><p>Text.</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "--no-config"])
    assert result.exit_code == 4
    assert "refusing to overwrite the input" in result.output


def test_html_is_sniffed_from_standard_input() -> None:
    assert sniff(page("ao3-chapter.html")) == "html"
    result = CliRunner().invoke(
        cli, ["build", "-", "--to", "markdown", "--no-config"], input=page("fragment.html")
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Chapter Four: Lanterns\n")


def test_thousands_of_unclosed_paragraphs() -> None:
    markup = "<html><body>" + "".join(f"<p>Line {i} said 'hi'." for i in range(3000))
    doc = read(markup, "html")
    assert len(doc.blocks) == 3000
    assert plain_text(doc.blocks[-1].children) == "Line 2999 said 'hi'."  # type: ignore[union-attr]


def test_absurd_nesting_builds_with_every_word(tmp_path: Path) -> None:
    source = tmp_path / "deep.html"
    source.write_text("<html><body>" + "<i>a <font>" * 3000, encoding="utf-8")
    out = tmp_path / "deep.xhtml"
    result = CliRunner().invoke(cli, ["build", str(source), "--no-config", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("a") >= 3000


ESCAPED_PAGE = (
    "<html><head>\\n<meta charset=\"utf-8\">\\n<\\script>var a = '<p>not story<\\/p>';<\\/script>"
    + "\\n" * 20
    + "</head><body>\\n<\\!-- chapter -->\\n<div><p>The rope was old.<\\/p>\\n"
    '<p>"Pull," she said.<\\/p><\\/div><\\/body><\\/html>'
)


def test_a_page_saved_as_an_escaped_string_reads_as_the_page() -> None:
    from fanfmt.reader.html.escaped import unescape

    assert unescape("<p>a<\\/p>\\n") == "<p>a<\\/p>\\n"  # too few escapes: left alone
    result = convert(ESCAPED_PAGE, "markdown", from_format="html")
    assert "not story" not in result.text
    assert "\\n" not in result.text
    assert "The rope was old." in result.text
    assert "she said." in result.text


def test_a_page_with_real_line_breaks_is_not_unescaped() -> None:
    from fanfmt.reader.html.escaped import unescape

    page = "<p>a path: C:\\new\\table</p>\n" + "<p>x<\\/p>\\n" * 30
    assert unescape(page) == page


@pytest.mark.parametrize(
    "markup",
    [
        # words typed before a second <html><body> (pages pasted together)
        "Before the page she waited.\n<html><body><p>Inside the page she ran.</p></body></html>",
        "<p>First half.</p><!DOCTYPE html><html><body><p>Second half.</p></body></html>",
        # a site's frame with nothing in it: the words are elsewhere on the page
        '<p>The story stands here alone.</p><div id="workskin"><br/></div>',
    ],
)
def test_words_outside_the_body_or_an_empty_site_frame_are_read(
    tmp_path: Path, markup: str
) -> None:
    source = tmp_path / "page.html"
    source.write_text(markup, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "-t", "markdown", "-o", "-"])
    assert result.exit_code == 0, result.output
    wanted = Counter(WORD_RE.findall(re.sub(r"<[^>]+>", " ", markup))) - Counter(
        ["html", "body", "DOCTYPE"]
    )
    got = Counter(WORD_RE.findall(result.output))
    assert not wanted - got, wanted - got
