"""A chapter finished a piece at a time and written as it goes is the chapter finished whole.

``fanfmt build`` finishes the paragraphs a piece at a time while the page is written
(:mod:`fanfmt.pipeline`); the API finishes them all at once. With pieces of one block each,
every output, every finding and every count must still be the same.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fanfmt import pipeline
from fanfmt.api import convert, normalise, render
from fanfmt.build import build_file
from fanfmt.errors import OutputError
from fanfmt.files import write_atomic
from fanfmt.model import Document, Emphasis, Paragraph, Text
from fanfmt.options import Options
from fanfmt.pipeline import prepare
from fanfmt.reader.long import MAX_PARAGRAPH_CHARS, split_long_paragraphs
from fanfmt.summary import summarise
from fanfmt.writers import FORMATS, get_writer

REPO = Path(__file__).resolve().parent.parent
FOUNDING_CHAPTER = REPO.parent / "shared" / "corpus" / "return-of-darkness-ch7.txt"
SAMPLES = sorted((REPO / "samples").glob("*.txt"))
TEXTS = [*SAMPLES, *([FOUNDING_CHAPTER] if FOUNDING_CHAPTER.exists() else [])]


def streamed(text: str, to: str, options: Options) -> tuple[str, list[str]]:
    """The output and findings of the path ``fanfmt build`` takes."""
    prepared = prepare(text, options, from_format="text")
    out = "".join(get_writer(to).write(prepared.page(), options))
    return out, [
        f"{d.line}:{d.col}: {d.code} {d.message}" for d in prepared.ctx.diagnostics.sorted()
    ]


def whole(text: str, to: str, options: Options) -> tuple[str, list[str]]:
    """The output and findings of the API, which finishes the chapter at once."""
    doc, found = normalise(text, options, from_format="text")
    return render(doc, to, options), [f"{d.line}:{d.col}: {d.code} {d.message}" for d in found]


@pytest.fixture
def one_block_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 1)


@pytest.mark.parametrize("to", FORMATS)
@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
@pytest.mark.usefixtures("one_block_pieces")
def test_pieces_of_one_block_give_the_same_output_and_findings(path: Path, to: str) -> None:
    text = path.read_text("utf-8")
    for notes in ("keep", "end", "omit"):
        options = Options(notes=notes)
        assert streamed(text, to, options) == whole(text, to, options)


@pytest.mark.usefixtures("one_block_pieces")
def test_dialogue_left_open_is_followed_into_the_next_piece() -> None:
    continued = '"It began here,\n\n"and went on here."\n'
    assert "Q001" not in " ".join(streamed(continued, "xhtml", Options())[1])
    dropped = '"It began here,\n\nAnd nobody closed it.\n'
    found = streamed(dropped, "xhtml", Options())[1]
    assert [f for f in found if "Q001" in f] == ["1:1: Q001 dialogue opened here is never closed"]


def test_findings_are_reported_once_however_often_the_chapter_is_walked() -> None:
    prepared = prepare('"Open.\n\nNo.\n\n"Also open.\n', from_format="text")
    first = list(prepared.blocks())
    again = list(prepared.blocks())
    assert first == again
    assert prepared.finish().blocks == tuple(first)
    codes = [d.code for d in prepared.ctx.diagnostics.sorted()]
    assert codes.count("Q001") == 2


def test_explain_sees_the_whole_chapter_after_each_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fanfmt.rules.table import Context

    monkeypatch.setattr(pipeline, "PIECE_CHARS", 1)
    ctx = Context(Options(), changes=[])
    prepared = prepare("One *a*.\n\nTwo *b*.\n", ctx=ctx, from_format="text")
    "".join(get_writer("xhtml").write(prepared.page(), Options()))
    after_emphasis = [doc for rule, doc in ctx.changes or [] if rule == "emphasis"]
    assert len(after_emphasis) == 1
    assert len(after_emphasis[0].blocks) == 2


def test_a_build_counts_what_the_whole_chapter_holds(tmp_path: Path) -> None:
    for path in TEXTS:
        built = build_file(str(path), str(tmp_path / "out.xhtml"), None, Options())
        finished = convert(path.read_text("utf-8"), source=str(path), from_format="text")
        expected = summarise(finished.document, Options())
        assert built.summary == expected
        assert built.text == ""  # written a part at a time, never whole


# --- paragraphs too long to be paragraphs ------------------------------------------


def cut(text: str) -> tuple[list[str], list[tuple[str, str, int]]]:
    found: list[tuple[str, str, int]] = []
    doc = Document((Paragraph((Text(text),), line=3),))
    out = split_long_paragraphs(
        doc, lambda code, message, line: found.append((code, message, line))
    )
    texts = []
    for block in out.blocks:
        assert isinstance(block, Paragraph)
        assert all(isinstance(n, Text) for n in block.children)
        texts.append("".join(n.text for n in block.children if isinstance(n, Text)))
    return texts, found


def test_a_long_paragraph_is_cut_after_sentences() -> None:
    text = "The rain fell on the roof. " * 10_000  # 270,000 characters
    parts, found = cut(text)
    assert len(parts) == 3
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in parts)
    assert all(p.rstrip().endswith("roof.") for p in parts)
    assert " ".join(parts).split() == text.split()
    assert found == [
        ("P002", "paragraph of 270,000 characters cut into 3 (at most 100,000 each)", 3)
    ]


def test_a_paragraph_with_no_sentence_end_is_cut_at_spaces() -> None:
    text = "word " * 60_000
    parts, _ = cut(text)
    assert len(parts) == 3
    assert " ".join(parts).split() == text.split()


def test_a_paragraph_with_no_space_is_cut_but_never_inside_a_character() -> None:
    text = "e\u0301" * 120_000  # é as e + combining acute: a cut between them would split it
    parts, _ = cut(text)
    assert "".join(parts) == text
    assert all(not p.startswith("\u0301") for p in parts)


def test_paragraphs_of_the_limit_or_less_are_left_alone() -> None:
    text = "a" * MAX_PARAGRAPH_CHARS
    doc = Document((Paragraph((Text(text),)),))
    assert split_long_paragraphs(doc, lambda *a: None) is doc


def test_nodes_of_a_long_paragraph_are_kept_whole_and_in_order() -> None:
    children = tuple(
        node for _ in range(30_000) for node in (Text("a b c "), Emphasis((Text("x"),)))
    )
    doc = Document((Paragraph(children, line=1, gap_before=2),))
    out = split_long_paragraphs(doc, lambda *a: None)
    assert len(out.blocks) > 1
    flat = [n for b in out.blocks if isinstance(b, Paragraph) for n in b.children]
    assert [n for n in flat if isinstance(n, Emphasis)] == [
        n for n in children if isinstance(n, Emphasis)
    ]
    assert [b.gap_before for b in out.blocks if isinstance(b, Paragraph)][:2] == [2, 0]


# --- writing a part at a time ------------------------------------------------------


def test_a_part_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "ch.xhtml"
    out.write_text("old", "utf-8")

    def parts() -> Iterator[str]:
        yield "new beginning"
        raise RuntimeError("the template broke")

    with pytest.raises(RuntimeError):
        write_atomic(out, parts())
    assert out.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["ch.xhtml"]


def test_parts_are_written_in_order(tmp_path: Path) -> None:
    out = tmp_path / "ch.md"
    write_atomic(out, iter(["a", "é", "", "b\n"]))
    assert out.read_text("utf-8") == "aéb\n"


def test_a_part_that_cannot_be_written_is_an_output_error(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic("/dev/full", iter(["x" * 100_000, "y"]))


def test_a_run_of_combining_marks_is_cut_near_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks are kept with their letter at a cut, but a run longer than any letter has is
    cut where it falls (not one character at a time, walking back over the whole run)."""
    from fanfmt.reader import long

    monkeypatch.setattr(long, "MAX_PARAGRAPH_CHARS", 1_000)
    text = "e" + "\u0301" * 2_500
    doc = Document((Paragraph((Text(text),)),))
    out = split_long_paragraphs(doc, lambda *a: None)
    parts = [
        "".join(n.text for n in b.children if isinstance(n, Text))
        for b in out.blocks
        if isinstance(b, Paragraph)
    ]
    assert "".join(parts) == text
    assert len(parts) == 3
