"""Markdown footnotes: read (across the parts of a long file), finished, written by every format."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fanfmt import convert, pipeline
from fanfmt.api import render
from fanfmt.model import Footnotes, NoteRef, Paragraph, Text
from fanfmt.options import Options
from fanfmt.pipeline import normalise, prepare
from fanfmt.reader.markdown import _parts, read_markdown
from fanfmt.walk import block_inlines, note_refs, plain_text
from fanfmt.writers import FORMATS, get_writer
from fanfmt.writers.ao3 import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, AO3_KEEPS

CHAPTER = """\
# Chapter 1: Ledger

"Ninety-one," Pell said.[^count] The tide was out[^tide] and nobody came.

He checked again[^count] and swore. Nothing[^9] added up.

> A/N: The ledger is real.[^real]

[^count]: A "count" -- twice...

    He always counted twice.
[^tide]: Low water[^moon].
[^moon]: The moon, as ever.
[^real]: Well, almost.
[^spare]: Nothing refers to me.
"""


def notes_of(blocks: tuple[object, ...]) -> Footnotes:
    last = blocks[-1]
    assert isinstance(last, Footnotes)
    return last


def refs_of(blocks: tuple[object, ...]) -> list[NoteRef]:
    return [
        r
        for b in blocks
        if not isinstance(b, Footnotes)
        for inlines in block_inlines(b)  # type: ignore[arg-type]
        for r in note_refs(inlines)
    ]


# --- reading ----------------------------------------------------------------------------


def test_references_are_numbered_in_the_order_they_first_appear() -> None:
    doc = read_markdown(CHAPTER)
    refs = refs_of(doc.blocks)
    assert [(r.label, r.number, r.nth) for r in refs] == [
        ("count", 1, 1),
        ("tide", 2, 1),
        ("count", 1, 2),
        ("real", 3, 1),
    ]
    notes = notes_of(doc.blocks).notes
    assert [(n.label, n.number, n.refs) for n in notes] == [
        ("count", 1, 2),
        ("tide", 2, 1),
        ("real", 3, 1),
        ("moon", 4, 1),  # referred to from a note: numbered after the text's notes
        ("spare", 5, 0),  # nothing refers to it: kept, last
    ]
    assert len(notes[0].paragraphs) == 2


def test_a_note_nothing_else_refers_to_may_refer_to_itself_and_is_kept_once() -> None:
    doc = read_markdown("It rained.[^a]\n\n[^a]: Wet.\n[^b]: See [^b] and [^a].\n[^a]: Again.\n")
    notes = notes_of(doc.blocks).notes
    assert [(n.label, n.number, n.refs) for n in notes] == [("a", 1, 2), ("b", 2, 1), ("a", 3, 0)]


def test_an_undefined_reference_stays_as_its_text() -> None:
    doc = read_markdown("It rained[^9] and[^x] stopped.\n")
    assert doc.blocks == (Paragraph((Text("It rained[^9] and[^x] stopped."),), 1),)


def test_without_footnotes_nothing_changes() -> None:
    doc = read_markdown("It rained.\n\n[^ not a note]: no\n")
    assert not any(isinstance(b, Footnotes) for b in doc.blocks)


def test_a_definition_in_another_part_of_a_long_file_is_found() -> None:
    filler = "\n\n".join("The fog came in off the flats and stayed. " * 12 for _ in range(300))
    text = f"Start[^a] here[^b].\n\n{filler}\n\n[^a]: Far below.\n\n{filler}\n\n[^b]: Farther.\n"
    assert len(list(_parts(text.split("\n")))) >= 3
    doc = read_markdown(text)
    assert [(r.label, r.number) for r in refs_of(doc.blocks)] == [("a", 1), ("b", 2)]
    notes = notes_of(doc.blocks).notes
    assert [plain_text(n.paragraphs[0].children) for n in notes] == ["Far below.", "Farther."]


def test_no_word_is_lost() -> None:
    text = convert(CHAPTER, "markdown", from_format="markdown").text
    for word in re.findall(r"[A-Za-z]{3,}", CHAPTER):
        assert word in text, word


# --- finishing --------------------------------------------------------------------------


def test_the_inline_rules_finish_footnote_paragraphs() -> None:
    doc, _ = normalise(CHAPTER, from_format="markdown")
    first = notes_of(doc.blocks).notes[0].paragraphs[0]
    assert plain_text(first.children) == "A count—twice…"  # quotes are nodes, not characters
    xhtml = convert(CHAPTER, "xhtml", from_format="markdown").text
    assert "“count”—twice…" in xhtml


def test_unused_definition_is_reported() -> None:
    _, found = normalise(CHAPTER, from_format="markdown")
    assert [(d.code, d.line) for d in found if d.code == "M004"] == [("M004", 15)]


# --- writing ----------------------------------------------------------------------------


def test_xhtml_noterefs_and_asides() -> None:
    xhtml = convert(CHAPTER, "xhtml", from_format="markdown").text
    assert '<a epub:type="noteref" href="#fn-1" id="fnref-1" class="noteref">1</a>' in xhtml
    assert '<a epub:type="noteref" href="#fn-1" id="fnref-1-2" class="noteref">1</a>' in xhtml
    assert '<aside epub:type="footnote" id="fn-1" class="footnote">' in xhtml
    assert '<a href="#fnref-1" class="backlink">\u21a9\ufe0e</a></p>' in xhtml
    assert xhtml.index('id="fn-5"') > xhtml.index("Nothing refers to me") - 200
    spare = xhtml[xhtml.index('id="fn-5"') :]
    assert "backlink" not in spare.split("</aside>")[0]  # nothing to go back to
    inline = Options(stylesheet="inline")
    assert "a.noteref" in convert(CHAPTER, "xhtml", inline, from_format="markdown").text
    assert "noteref" not in convert("It rained.\n", "xhtml", inline, from_format="markdown").text


def test_reading_page_sup_links_and_a_list() -> None:
    html = convert(CHAPTER, "html", from_format="markdown").text
    assert '<sup class="noteref"><a href="#fn-2" id="fnref-2">2</a></sup>' in html
    assert '<section class="footnotes">\n<ol>\n<li id="fn-1" value="1">' in html
    assert "epub:type" not in html
    assert "sup.noteref" in html


def test_ao3_uses_only_tags_and_attributes_ao3_keeps() -> None:
    ao3 = convert(CHAPTER, "ao3", from_format="markdown").text
    assert '<sup><a name="fnref-1" href="#fn-1">1</a></sup>' in ao3
    assert '<li><a name="fn-1"></a><p>' in ao3

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: set[str] = set()
            self.attrs: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            self.attrs |= {name for name, _ in attrs}

    seen = Tags()
    seen.feed(ao3)
    assert seen.tags <= ALLOWED_TAGS <= AO3_KEEPS
    assert seen.attrs <= ALLOWED_ATTRIBUTES


def test_markdown_round_trips() -> None:
    once = convert(CHAPTER, "markdown", from_format="markdown").text
    assert "[^count]: A “count”—twice…\n\n    He always counted twice.\n" in once
    assert "Nothing\\[^9\\] added up." in once
    twice = convert(once, "markdown", from_format="markdown").text
    assert twice == once
    first, _ = normalise(CHAPTER, from_format="markdown")
    again, _ = normalise(once, from_format="markdown")
    assert _shape(again.blocks) == _shape(first.blocks)


def _shape(blocks: tuple[object, ...]) -> list[object]:
    """Blocks without their line numbers: kinds, texts, references and notes."""
    out: list[object] = []
    for b in blocks:
        if isinstance(b, Footnotes):
            out.extend(
                (n.label, n.number, n.refs, [plain_text(p.children) for p in n.paragraphs])
                for n in b.notes
            )
        else:
            for inlines in block_inlines(b):  # type: ignore[arg-type]
                out.append((type(b).__name__, plain_text(inlines), list(note_refs(inlines))))
    return out


def test_notes_omit_and_end_keep_footnotes_last() -> None:
    for notes in ("omit", "end"):
        xhtml = convert(CHAPTER, "xhtml", Options(notes=notes), from_format="markdown").text
        assert xhtml.count('epub:type="footnote"') == 5
        body = xhtml[: xhtml.index('<section class="footnotes">')]
        assert "author-note" not in xhtml[len(body) :]  # the footnotes close the chapter
        if notes == "omit":
            # the note referring to [^real] is left out: its footnote has no link back
            real = xhtml[xhtml.index('id="fn-3"') :].split("</aside>")[0]
            assert "backlink" not in real
            assert "ledger is real" not in body
        else:
            assert body.index("ledger is real") > body.index("Nothing[^9]")


# --- streaming --------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "markdown-draft-footnotes.md"


@pytest.mark.parametrize("to", FORMATS)
def test_pieces_of_one_block_give_the_same_output(to: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 1)
    for text in (CHAPTER, SAMPLE.read_text("utf-8")):
        for notes in ("keep", "end", "omit"):
            options = Options(notes=notes)
            prepared = prepare(text, options, from_format="markdown")
            streamed = "".join(get_writer(to).write(prepared.page(), options))
            doc, _ = normalise(text, options, from_format="markdown")
            assert streamed == render(doc, to, options)


def test_footnotes_after_a_closing_note_are_kept_in_every_format(tmp_path: Path) -> None:
    """A chapter that ends with a labelled note keeps its footnotes (they were dropped)."""
    from click.testing import CliRunner

    from fanfmt.cli import cli

    src = tmp_path / "ch.md"
    src.write_text(
        "It rained all day[^1].\n\nShe ran.\n\nShe ran home, and the door was shut.\n\n"
        "A/N: thanks for reading!\n\n[^1]: In April.\n\n[^2]: Never mentioned.\n",
        encoding="utf-8",
    )
    for to, suffix in (("markdown", ".out.md"), ("xhtml", ".xhtml")):
        out = tmp_path / f"ch{suffix}"
        result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-t", to, "-q"])
        assert result.exit_code == 0, result.output
        written = out.read_text(encoding="utf-8")
        assert "In April." in written
        assert "Never mentioned." in written
        assert "thanks for reading!" in written


def test_a_label_defined_twice_is_written_once_so_both_notes_show(tmp_path: Path) -> None:
    """Two ``[^1]:`` definitions: the second note is ``[^1-2]`` in the Markdown (a reader
    shows one definition of a label, and the other note's words would be hidden)."""
    from click.testing import CliRunner

    from fanfmt.cli import cli

    src = tmp_path / "ch.md"
    src.write_text("One[^1].\n\n[^1]: First.\n\n[^1]: Second.\n", encoding="utf-8")
    out = tmp_path / "ch.out.md"
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-t", "markdown", "-q"])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "[^1]: First." in written
    assert "[^1-2]: Second." in written
    again = tmp_path / "again.md"
    result = CliRunner().invoke(cli, ["build", str(out), "-o", str(again), "-t", "markdown", "-q"])
    assert again.read_text(encoding="utf-8") == written
