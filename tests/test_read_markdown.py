"""The Markdown reader: fanfmt's own Markdown reads back to the same chapter; drafts build.

* round trip: ``samples/X.txt`` → ``X.md`` → XHTML has the same body as ``X.txt`` → XHTML
* a hand-written draft (``tests/data/markdown/``): heading, notes, ``*thoughts*``, ``---``
* Markdown syntax fanfic trips over: raw HTML, escapes, ``~~~``, lists, indented "code"
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from fanfmt.api import convert, normalise
from fanfmt.build import build_file
from fanfmt.cli import cli
from fanfmt.model import AuthorNote, Emphasis, Heading, Paragraph, SceneBreak, Strong, Text, Thought
from fanfmt.options import Options
from fanfmt.reader import input_format, read, sniff
from fanfmt.walk import count_nodes, iter_paragraphs, plain_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
DATA = Path(__file__).parent / "data" / "markdown"
FOUNDING = ROOT.parent / "shared" / "corpus" / "return-of-darkness-ch7.txt"
STRAIGHT = re.compile("[\"']")


def body(xhtml: str) -> str:
    return xhtml[xhtml.index("<body>") :]


def words(xhtml: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", body(xhtml))
    return text.split()


# ---------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_markdown_output_reads_back_to_the_same_xhtml(sample: Path, tmp_path: Path) -> None:
    options = Options()
    from_text = build_file(str(sample), str(tmp_path / "from-text.xhtml"), None, options)
    md = build_file(str(sample), str(tmp_path / f"{sample.stem}.md"), None, options)
    assert md.format == "markdown"
    from_md = build_file(md.output, None, None, options)  # X.md → X.xhtml, read as Markdown
    assert from_md.output == str(tmp_path / f"{sample.stem}.xhtml")
    written = Path(from_md.output).read_text("utf-8")
    assert body(written) == body(Path(from_text.output).read_text("utf-8"))
    assert from_md.summary.meta.chapter == from_text.summary.meta.chapter
    assert from_md.text == ""  # written a part at a time, not kept


def test_every_sample_round_trip_keeps_every_word() -> None:
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        xhtml = convert(text, "xhtml", from_format="text").text
        md = convert(text, "markdown", from_format="text").text
        assert words(convert(md, "xhtml", from_format="markdown").text) == words(xhtml), sample.name


@pytest.mark.skipif(not FOUNDING.is_file(), reason="founding chapter not present")
def test_founding_chapter_round_trip_keeps_words_notes_and_breaks() -> None:
    text = FOUNDING.read_text(encoding="utf-8")
    doc, _ = normalise(text, from_format="text")
    md = convert(text, "markdown", from_format="text").text
    back, _ = normalise(md, from_format="markdown")
    assert words(convert(md, "xhtml", from_format="markdown").text) == words(
        convert(text, "xhtml", from_format="text").text
    )
    for kind in (AuthorNote, SceneBreak, Heading):
        assert sum(isinstance(b, kind) for b in back.blocks) == sum(
            isinstance(b, kind) for b in doc.blocks
        ), kind.__name__
    assert back.meta.chapter == doc.meta.chapter == "Chapter 7: The Smallest Spark"
    thoughts = sum(count_nodes(p.children, Thought) for p in iter_paragraphs(doc))
    assert sum(count_nodes(p.children, Thought) for p in iter_paragraphs(back)) == thoughts


# ---------------------------------------------------------------------------- a draft


@pytest.fixture(scope="module")
def orchard() -> str:
    return convert(
        (DATA / "glass-orchard.md").read_text(encoding="utf-8"), "xhtml", from_format="markdown"
    ).text


def test_draft_heading_notes_and_breaks(orchard: str) -> None:
    page = body(orchard)
    assert '<span class="chapter-number">Chapter 3</span>' in page
    assert '<span class="chapter-title">The Glass Orchard</span>' in page
    assert page.count('<aside class="author-note before"') == 1
    assert page.count('<aside class="author-note after"') == 1
    assert page.count('<hr class="scene-break"/>') == 2
    ElementTree.fromstring(orchard.split("\n", 1)[1].replace("<!DOCTYPE html>", ""))


def test_draft_thoughts_stay_thoughts_and_stress_stays_emphasis(orchard: str) -> None:
    page = body(orchard)
    assert '<em class="thought">I shouldn’t be here.</em>' in page
    assert '<em class="thought">That’s not right,</em>' in page
    assert page.count('class="thought"') == 4
    assert "<em>very</em>" in page
    assert "<em>warm</em>" in page


def test_draft_typography(orchard: str) -> None:
    page = body(orchard)
    assert not STRAIGHT.search(re.sub(r"<[^>]+>", "", page))
    assert "scarf—the first" in page
    assert "hundred years…" in page
    # hard-wrapped lines of one Markdown paragraph are one paragraph
    assert "The trees chimed when the wind" in page


def test_draft_built_from_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "draft.md"
    source.write_text((DATA / "glass-orchard.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "--no-config"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "draft.xhtml").is_file()
    again = CliRunner().invoke(cli, ["build", str(source), "--to", "markdown", "--no-config"])
    assert again.exit_code == 4
    assert "refusing to overwrite the input" in again.output


# ---------------------------------------------------------------------------- the reader


def test_reader_blocks() -> None:
    doc = read(
        "**My Story**\n\n# Chapter 1: Start\n\n> A/N: hi\n\nText *now*.\n\n***\n\nMore.\n",
        "markdown",
    )
    heading, note, para, brk, more = doc.blocks
    assert isinstance(heading, Heading)
    assert heading.story_title == (Text("My Story"),)
    assert heading.title == (Text("Chapter 1: Start"),)  # split by the headings rule
    assert isinstance(note, AuthorNote)
    assert note.position == "before"
    assert para == Paragraph((Text("Text "), Emphasis((Text("now"),), "*"), Text(".")), 7)
    assert isinstance(brk, SceneBreak)
    assert brk.marker == "***"
    assert isinstance(more, Paragraph)


def test_story_title_from_a_higher_heading() -> None:
    doc, _ = normalise("# Paper Moons\n\n## Chapter 2: Tides\n\nText.\n", from_format="markdown")
    assert doc.meta.title == "Paper Moons"
    assert doc.meta.chapter == "Chapter 2: Tides"


def test_markers_are_kept() -> None:
    doc = read("_one_ *two* **three** __four__\n", "markdown")
    (p,) = doc.blocks
    assert isinstance(p, Paragraph)
    assert p.children[0] == Emphasis((Text("one"),), "_")
    assert p.children[2] == Emphasis((Text("two"),), "*")
    assert isinstance(p.children[4], Strong)
    assert isinstance(p.children[6], Strong)


def test_raw_html_is_text_but_for_formatting_tags() -> None:
    result = convert(
        '<b>bold</b> and <script>alert("x")</script>\n', "xhtml", from_format="markdown"
    )
    assert "<strong>bold</strong>" in result.text
    assert "&lt;script&gt;" in result.text
    assert "<script>" not in result.text
    assert "<b>" not in result.text


def test_escapes_stay_literal() -> None:
    result = convert("He sighed \\*loudly\\* and left.\n", "markdown", from_format="markdown")
    assert result.text == "He sighed \\*loudly\\* and left.\n"
    (p,) = result.document.blocks
    assert isinstance(p, Paragraph)
    assert plain_text(p.children) == "He sighed *loudly* and left."


def test_tilde_fence_is_a_break_and_its_text_is_read() -> None:
    doc, _ = normalise(
        "One.\n\n~~~\n\nTwo *oh no, not again*.\n\n~~~\n\nThree.\n", from_format="markdown"
    )
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "SceneBreak", "Paragraph", "SceneBreak", "Paragraph"]
    two = doc.blocks[2]
    assert isinstance(two, Paragraph)
    assert any(isinstance(c, Emphasis | Thought) for c in two.children)


def test_lists_and_indented_text_keep_every_word() -> None:
    text = "1984. was a year\n\n- and then he left\n\n    She walked in, *tired*.\n"
    doc = read(text, "markdown")
    texts = [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["1984. was a year", "- and then he left", "She walked in, tired."]


def test_a_middle_block_quote_is_an_inline_note() -> None:
    doc, _ = normalise(
        "Story one.\n\n> A/N: a note mid-way.\n\nStory two.\n", from_format="markdown"
    )
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [(n.position, n.marked) for n in notes] == [("inline", True)]


# ---------------------------------------------------------------------------- which reader


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [
        ("ch.md", "auto", "markdown"),
        ("ch.MARKDOWN", "auto", "markdown"),
        ("ch.html", "auto", "html"),
        ("ch.htm", "auto", "html"),
        ("ch.txt", "auto", "text"),
        ("ch", "auto", "auto"),
        ("-", "auto", "auto"),
        ("ch.md", "text", "text"),
    ],
)
def test_input_format(path: str, fmt: str, expected: str) -> None:
    assert input_format(path, fmt) == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_samples_sniff_as_text(sample: Path) -> None:
    assert sniff(sample.read_text(encoding="utf-8")) == "text"


def test_sniffing() -> None:
    assert sniff((DATA / "glass-orchard.md").read_text(encoding="utf-8")) == "markdown"
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff("One.\n\n*Thought.*\n\n***\n\nTwo.\n") == "text"
    assert sniff("<Kurama speaking>\n\nHe said no.\n") == "text"


def test_from_flag_overrides_the_suffix(tmp_path: Path) -> None:
    source = tmp_path / "draft.txt"
    source.write_text("> A/N: quoted\n\nStory *text* here.\n\nMore story.\n", encoding="utf-8")
    out = tmp_path / "out.md"
    result = CliRunner().invoke(
        cli, ["build", str(source), "-o", str(out), "--from", "markdown", "--no-config"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("> A/N: quoted\n")


def test_a_break_line_right_under_a_sentence_is_a_break() -> None:
    doc, _ = normalise("She left the room.\n---\nHe stayed.\n", from_format="markdown")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "SceneBreak", "Paragraph"]
    titled, _ = normalise("Chapter 4\n---------\n\nHe stayed.\n", from_format="markdown")
    assert titled.meta.chapter == "Chapter 4"


def test_a_long_file_is_read_in_parts_as_it_would_be_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts end only at a blank line before a plain paragraph or heading: the same blocks."""
    from fanfmt.reader import markdown as reader

    text = "\n\n".join(
        [
            "# Chapter 1",
            "> A note\n> that goes on.",
            "- a list\n\n  continued",
            "```\nfenced *text*\n\nstill fenced\n```",
            "A *paragraph*\nover two lines.",
            "Title\n===",
            "Last words.",
        ]
        * 5
    )
    whole = reader.read_markdown(text)
    monkeypatch.setattr(reader, "_CHUNK_CHARS", 1)
    assert len(list(reader._parts(text.split("\n")))) > 10
    assert reader.read_markdown(text) == whole


def test_a_line_too_long_for_a_paragraph_is_read_a_piece_at_a_time() -> None:
    from fanfmt.reader import markdown as reader

    text = "Intro.\n\n" + "She *ran*. " * 40_000 + "\n\nEnd."
    doc = reader.read_markdown(text)
    lines = [b.line for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(lines) == len(doc.blocks) >= 5  # Intro, pieces of the long line, End
    assert (lines[0], lines[-1]) == (1, 5)
    assert set(lines[1:-1]) == {3}
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert sum(1 for b in paragraphs for n in b.children if isinstance(n, Emphasis)) == 40_000


def test_a_long_paragraph_written_as_markdown_reads_back_the_same() -> None:
    """Escapes make it longer than its text; it must not be cut again when read back."""
    text = "*a " * 33_000  # 99,000 characters of text, 132,000 once written as Markdown
    markdown = convert(text, "markdown", from_format="text").text
    assert len(markdown) > 100_000
    again = convert(markdown, "markdown", from_format="markdown").text
    assert again == markdown


def test_an_html_comment_on_its_own_lines_is_hidden_but_not_inside_a_line() -> None:
    text = "One.\n\n<!-- check the dates\nlater -->\n\nTwo <!-- not this --> three.\n"
    out = convert(text, "xhtml", from_format="markdown").text
    assert "check the dates" not in out
    assert "Two &lt;!-- not this --&gt; three." in out


def test_the_authors_mark_at_the_edges_is_an_ornament_in_its_emphasis() -> None:
    mark = "***...~QV~...***"
    text = f"{mark}\n\nThe station was quiet.\n\n{mark}\n\nShe left.\n\n{mark}\n"
    out = convert(text, "xhtml", from_format="markdown").text
    assert out.count('<div class="ornament"><em><strong>') == 2
    assert '<p class="scene-break" role="separator">...~QV~...</p>' in out
    assert "*" not in out.split("<body>")[1]


def test_a_section_under_a_note_heading_is_one_note() -> None:
    text = (
        "# Salt\n\nThe boat came in late.\n\n***\n\nNobody was on the quay.\n\n"
        "## Author's notes:\n\nThis began as a dare.\n\n*\n\nThanks to my first readers.\n"
    )
    doc = read(text, "markdown")
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert len(notes) == 1
    assert notes[0].position == "after"
    assert [plain_text(p.children) for p in notes[0].paragraphs] == [
        "Author's notes:",
        "This began as a dare.",
        "Thanks to my first readers.",
    ]
    assert sum(isinstance(b, SceneBreak) for b in doc.blocks) == 1
    assert sum(isinstance(b, Heading) for b in doc.blocks) == 1


POSTED_DRAFT = """# TIDEWATER

From: Corin Vale <corin@example.edu>

Subject: [Harbour][FanFic] Tidewater 1/3

The boat came in late, and nobody on the quay said a word.

From: the harbour master

Subject: your mooring fees
"""


def test_a_posts_header_block_in_a_draft_is_transport_and_names_the_story() -> None:
    result = convert(POSTED_DRAFT, "xhtml", from_format="markdown")
    assert "corin@example.edu" not in result.text
    assert "[Harbour]" not in result.text
    assert result.document.meta.title == "Tidewater"
    # further down, From:/Subject: lines are the story's (a letter, a memo)
    assert "From: the harbour master" in result.text
    assert "Subject: your mooring fees" in result.text


def test_a_short_line_between_two_lettered_marks_keeps_both_marks() -> None:
    doc, _ = normalise("One.\n\n...~e~...\n\nTwo.\n\n...~e~...\n\nThree.\n", from_format="markdown")
    assert [type(b).__name__ for b in doc.blocks] == [
        "Paragraph",
        "SceneBreak",
        "Paragraph",
        "SceneBreak",
        "Paragraph",
    ]


def test_lines_of_wrapping_tags_are_blanked_and_the_markdown_inside_is_read() -> None:
    """pandoc's Markdown of an EPUB wraps each part in ``<div class=…>`` lines (or ``:::``
    fences): the Markdown between them is the chapter, and the tags are not text."""
    para = "He ran to the door, and the rain came down on the street behind him."
    for open_, close in (('<div class="calibre4">', "</div>"), ("::: {.calibre4}", ":::")):
        text = (
            f'<span id="seg-1"></span>\n\n{open_}\n\n# Chapter 3: Rain\n\n{open_}\n\n{para}\n\n'
            f"She *followed* him.\n\n------\n\nLater, they sat by the fire.\n\n{close}\n\n{close}\n"
        )
        doc = read(text, "markdown")
        kinds = [type(b).__name__ for b in doc.blocks]
        assert kinds == ["Heading", "Paragraph", "Paragraph", "SceneBreak", "Paragraph"], open_
        assert "<" not in convert(text, "markdown", from_format="markdown").text
        assert isinstance(doc.blocks[2], Paragraph)
        assert any(isinstance(c, Emphasis) for c in doc.blocks[2].children)
    inline = read('<div class="note">He ran.</div>\n', "markdown")  # words in the line: kept
    assert "He ran." in plain_text(inline.blocks[0].children)  # type: ignore[union-attr]


def test_an_ao3_work_made_into_markdown_keeps_its_story_out_of_the_notes() -> None:
    """``#### Chapter Summary`` / ``#### Chapter Notes`` headings, their notes quoted: the
    quotes are the notes, the unquoted text after them the story; an empty section's
    heading goes, and never names the chapter."""
    story = "".join(f"Jeff walked to rink number {i}, slow and careful.\n\n" for i in range(5))
    text = (
        "### Chapter 1: Toque\n\n\n#### Chapter Summary\n\n\n\n#### Chapter Notes\n\n\n"
        f"{story}"
        "### Chapter 2: Skates\n\n#### Chapter Summary\n\n> Jeff gets sick.\n\n"
        f"#### Chapter Notes\n\n> Thanks to Ash for the beta.\n\n{story}"
    )
    doc = read(text, "markdown")
    heads = [plain_text(b.title) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == ["Chapter 1: Toque", "Chapter 2: Skates"]
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [[plain_text(p.children) for p in n.paragraphs] for n in notes] == [
        ["Jeff gets sick."],
        ["Thanks to Ash for the beta."],
    ]
    assert sum(isinstance(b, Paragraph) for b in doc.blocks) == 10
    omitted = convert(text, "xhtml", from_format="markdown", options=Options(notes="omit"))
    assert omitted.text.count("slow and careful") == 10


def test_deep_headings_inside_a_one_shot_are_sections_and_footnotes_a_note() -> None:
    """``##### i. …`` / ``##### ii. …`` in one chapter are its sections' captions, not
    chapter headings (the first one too); ``### Footnotes`` at its end is a note, and none
    of them names the chapter."""
    part = "".join(f"She walked past lamp {i} and on down the hill.\n\n" for i in range(3))
    text = (
        f"##### i. and the earth\n\n{part}##### ii. and the clay\n\n{part}"
        f"##### iii. and the sea\n\n{part}### Footnotes\n\n1\\. The lamps were gas.\n"
    )
    doc = read(text, "markdown")
    assert not any(isinstance(b, Heading) for b in doc.blocks)
    captions = [
        plain_text(b.children)
        for b in doc.blocks
        if isinstance(b, Paragraph) and b.role == "caption"
    ]
    assert captions == ["i. and the earth", "ii. and the clay", "iii. and the sea"]
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [(n.position, plain_text(n.paragraphs[-1].children)) for n in notes] == [
        ("after", "1. The lamps were gas.")
    ]
    chapter = read("#### Chapter 2\n\nShe ran.\n\n#### Chapter 3\n\nHe ran.\n", "markdown")
    assert sum(isinstance(b, Heading) for b in chapter.blocks) == 2


def test_a_quote_the_story_introduces_with_a_colon_is_the_storys() -> None:
    """``She read the card:`` then ``> Dear thief: …``: what the story quotes (a letter, a
    sign), its lines kept, never a note that ``--notes omit`` would take away."""
    text = (
        "The lamplighter found a card on the ladder and read it:\n\n"
        "> Dear thief:\n> I am busy, but this should help.\n> Regards, C.\n\n"
        '"Everyone is insane," they said.\n\n> A/N: a note mid-way.\n\nStory two.\n'
    )
    doc, _ = normalise(text, from_format="markdown")
    notes = [b for b in doc.blocks if isinstance(b, AuthorNote)]
    assert [(n.position, n.marked) for n in notes] == [("inline", True)]
    card = doc.blocks[1]
    assert isinstance(card, Paragraph)
    assert plain_text(card.children).split("\n") == [
        "Dear thief:",
        "I am busy, but this should help.",
        "Regards, C.",
    ]
    omitted = convert(text, "xhtml", from_format="markdown", options=Options(notes="omit"))
    assert "Regards, C." in omitted.text


def test_a_heading_the_end_with_the_story_going_on_under_it_is_a_heading() -> None:
    """``## The end`` over more of the story, speech and all, titles its last section; over
    nothing but the author's thanks it is the story's closing mark."""
    part = "".join(f"She walked past lamp {i} and on down the hill.\n\n" for i in range(3))
    going_on = f'## The start\n\n{part}## The end\n\n{part}"Who sends a letter now?" he said.\n'
    doc, _ = normalise(going_on, from_format="markdown")
    assert not any(isinstance(b, Paragraph) and b.role == "furniture" for b in doc.blocks)
    ended, _ = normalise(
        f"## The start\n\n{part}## The End\n\nThanks for reading!\n", from_format="markdown"
    )
    assert [
        plain_text(b.children)
        for b in ended.blocks
        if isinstance(b, Paragraph) and b.role == "furniture"
    ] == ["The End"]
