"""The founding chapter, checked end to end (skipped when ``../shared/corpus/`` is absent).

The chapter is someone else's writing: it is read from outside the repository, and
these tests name only the few phrases they must (``Chapter 7``, the notes' first and
last words). Everything else is compared with the input itself at run time.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from fanfmt import convert
from fanfmt.chars import ELLIPSIS, EM_DASH, RIGHT_DOUBLE_QUOTE, RIGHT_SINGLE_QUOTE
from fanfmt.files import read_input

XHTML = "{http://www.w3.org/1999/xhtml}"
WORD_RE = re.compile(r"[^\W_]+")
"""A word: letters and digits (``\\w`` without the underscore markup character)."""
HYPHENATED_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
DOTS_RE = re.compile(r"(?<!\.)\.{2,3}(?!\.)")
CUT_OFF_RE = re.compile(r"(?<=[^\W_])-(?=[\"'])")


def words(text: str) -> list[str]:
    """The words of ``text``, with curly apostrophes read as straight ones."""
    return WORD_RE.findall(text.replace(RIGHT_SINGLE_QUOTE, "'"))


def text_of(element: ET.Element) -> str:
    """All the text below ``element``, with a space between elements (``<br/>``, blocks)."""
    return " ".join(element.itertext())


def in_order(needles: list[str], haystack: list[str]) -> int | None:
    """Index of the first needle not found (in order) in ``haystack``, else None."""
    it = iter(haystack)
    for i, word in enumerate(needles):
        if not any(h == word for h in it):
            return i
    return None


@dataclass(frozen=True)
class Founding:
    source: str
    lines: list[str]
    """The non-blank input lines, stripped."""
    body: ET.Element
    markdown: str


@pytest.fixture(scope="module")
def founding(founding_chapter: Path) -> Founding:
    source = read_input(str(founding_chapter)).text
    page = convert(source, "xhtml", source=founding_chapter.name).text
    root = ET.fromstring(page.encode("utf-8"))  # well-formed, or the fixture fails
    body = root.find(f"{XHTML}body")
    assert body is not None
    markdown = convert(source, "markdown", source=founding_chapter.name).text
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return Founding(source, lines, body, markdown)


def with_class(body: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in body.iter(f"{XHTML}{tag}") if cls in (e.get("class") or "").split()]


def only(body: ET.Element, tag: str, cls: str) -> ET.Element:
    found = with_class(body, tag, cls)
    assert len(found) == 1, f"{len(found)} <{tag} class={cls!r}> elements"
    return found[0]


def test_xhtml_is_well_formed(founding: Founding) -> None:
    assert founding.body.find(f".//{XHTML}section") is not None


def test_front_matter_in_its_classes(founding: Founding) -> None:
    story_title, number, chapter_title, disclaimer = founding.lines[:4]
    assert number == "Chapter 7"
    assert words(text_of(only(founding.body, "p", "story-title"))) == words(story_title)
    assert text_of(only(founding.body, "span", "chapter-number")) == "Chapter 7"
    assert words(text_of(only(founding.body, "span", "chapter-title"))) == words(chapter_title)
    assert words(text_of(only(founding.body, "p", "disclaimer"))) == words(disclaimer)


def test_legend_is_not_dialogue(founding: Founding) -> None:
    legend = only(founding.body, "div", "legend")
    assert words(text_of(legend)) == words(founding.lines[4])
    assert not with_class(legend, "span", "dialogue")
    assert not with_class(legend, "em", "thought")


def _note_lines(lines: list[str], first: str, last: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i in range(start, len(lines)) if lines[i].endswith(last))
    return lines[start : end + 1]


@pytest.mark.parametrize(
    ("position", "first", "last"),
    [("before", "Bet you thought", "Hope you enjoy."), ("after", "And done", "See you next time.")],
)
def test_author_note_found_whole(founding: Founding, position: str, first: str, last: str) -> None:
    notes = [
        n
        for n in with_class(founding.body, "aside", "author-note")
        if position in n.get("class", "")
    ]
    assert len(notes) == 1
    paragraphs = [text_of(p) for p in notes[0].iter(f"{XHTML}p")]
    assert paragraphs[0].startswith(first)
    assert paragraphs[-1].endswith(last)
    expected = _note_lines(founding.lines, first, last)
    assert [words(p) for p in paragraphs] == [words(line) for line in expected]


def test_scene_breaks_and_captions(founding: Founding) -> None:
    assert len(with_class(founding.body, "hr", "scene-break")) == 7
    assert len(with_class(founding.body, "p", "scene-heading")) == 5


def test_thoughts_and_dialogue(founding: Founding) -> None:
    assert len(with_class(founding.body, "em", "thought")) == 14
    assert len(with_class(founding.body, "span", "dialogue")) == 95


def test_no_straight_quote_left(founding: Founding) -> None:
    text = text_of(founding.body)
    assert '"' not in text
    assert "'" not in text


def test_every_typed_ellipsis_becomes_one(founding: Founding) -> None:
    typed = len(DOTS_RE.findall(founding.source))
    assert typed > 0
    text = text_of(founding.body)
    assert ".." not in text
    assert text.count(ELLIPSIS) == typed


def test_cut_off_speech_ends_in_an_em_dash(founding: Founding) -> None:
    assert len(CUT_OFF_RE.findall(founding.source)) == 4
    cut = [
        e
        for e in [
            *with_class(founding.body, "span", "dialogue"),
            *with_class(founding.body, "em", "thought"),
        ]
        if text_of(e).rstrip(RIGHT_DOUBLE_QUOTE + RIGHT_SINGLE_QUOTE).endswith(EM_DASH)
    ]
    assert len(cut) == 4


def test_hyphenated_words_kept(founding: Founding) -> None:
    text = text_of(founding.body)
    for word in HYPHENATED_RE.findall(founding.source):
        assert word in text, word


def test_every_word_kept_in_order(founding: Founding) -> None:
    source_words = words(founding.source)
    body_words = words(text_of(founding.body))
    missing = in_order(source_words, body_words)
    assert missing is None, (
        f"word {missing} lost: {source_words[max(0, missing - 5) : missing + 5]}"
    )


def test_markdown_shows_the_same_words(founding: Founding) -> None:
    html = MarkdownIt("commonmark").render(founding.markdown)
    rendered = ET.fromstring(f"<div>{html}</div>")
    assert words(text_of(rendered)) == words(text_of(founding.body))
