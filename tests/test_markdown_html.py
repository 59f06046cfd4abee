"""Markdown drafts exported from a blog: ``<hr />`` lines, and bodies written in HTML."""

from __future__ import annotations

from fanfmt.api import convert
from fanfmt.model import Paragraph, SceneBreak
from fanfmt.walk import plain_text


def test_an_hr_line_is_a_scene_break() -> None:
    doc = convert("She ran.\n\n<hr />\n\nHe followed.\n", from_format="markdown").document
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "SceneBreak", "Paragraph"]
    brk = doc.blocks[1]
    assert isinstance(brk, SceneBreak)
    assert brk.marker == "<hr />"


def test_an_hr_inside_a_sentence_stays_text() -> None:
    doc = convert("Type <hr /> to draw a line.\n", from_format="markdown").document
    assert not any(isinstance(b, SceneBreak) for b in doc.blocks)


def test_an_html_body_under_front_matter_is_read_as_html() -> None:
    text = (
        "---\ntitle: Hazy\nsubtitle: Chapter 2\n---\n"
        "<p>She ran.</p>\n\n<p>He followed her, <em>slowly</em>.</p>\n\n<hr />\n\n"
        "<p>Morning.</p>\n\n<p>Noon.</p>\n"
    )
    result = convert(text, "xhtml", from_format="markdown")
    doc = result.document
    assert doc.meta.title == "Hazy"
    assert doc.meta.chapter == "Chapter 2"
    texts = [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["She ran.", "He followed her, slowly.", "Morning.", "Noon."]
    assert sum(isinstance(b, SceneBreak) for b in doc.blocks) == 1
    assert "&lt;p&gt;" not in result.text
    assert "<em>slowly</em>" in result.text


def test_a_draft_with_one_tag_stays_markdown() -> None:
    text = "She said <em>no</em>.\n\n*He* ran.\n"
    out = convert(text, "markdown", from_format="markdown").text
    assert "_He_" in out or "*He*" in out


def test_formatting_tags_in_a_draft_are_formatting() -> None:
    text = "She said <em>no</em>, then <b>ran</b>.\n\nLine one<br />line two.\n"
    out = convert(text, "xhtml", from_format="markdown").text
    assert "She said <em>no</em>, then <strong>ran</strong>." in out
    assert "Line one<br/>line two." in out


def test_other_angle_brackets_stay_as_typed() -> None:
    for text in (
        "I <3 you <grin>.",
        "<em>open and never closed.",
        "x </b> y",
        "<script>x</script>",
    ):
        doc = convert(text + "\n", from_format="markdown").document
        first = doc.blocks[0]
        assert isinstance(first, Paragraph)
        assert plain_text(first.children) == text.replace("<3", "<3")


def test_a_span_goes_and_its_words_stay() -> None:
    doc = convert('A <span style="color:red">red</span> door.\n', from_format="markdown").document
    first = doc.blocks[0]
    assert isinstance(first, Paragraph)
    assert plain_text(first.children) == "A red door."
