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
