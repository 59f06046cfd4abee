"""The shapes of a story title at the top of an old archive file."""

from __future__ import annotations

from pathlib import Path

import pytest

from fanfmt.rules._titles import lone_by, split_banner, split_part


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("----- JUMP START  by Corin Vale -----", ("JUMP START", "by Corin Vale")),
        ("=== The Tin Orchard by Wren ===", ("The Tin Orchard", "by Wren")),
        ("~*~ Night Shift by A. N. Other ~*~", ("Night Shift", "by A. N. Other")),
        ("Stand by me", None),
        ("----- JUMP START -----", None),
        ("-- Stand by me, she said --", None),
    ],
)
def test_split_banner(line: str, found: tuple[str, str] | None) -> None:
    assert split_banner(line) == found


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Lost Highway (1/7)", ("Lost Highway", "(1/7)")),
        ("Lost Highway [2 of 3]", ("Lost Highway", "[2 of 3]")),
        ("Lost Highway, Part 2 of 3", ("Lost Highway", "Part 2 of 3")),
        ("Lost Highway (3/?)", ("Lost Highway", "(3/?)")),
        ("Lost Highway", None),
        ("Route 66", None),
    ],
)
def test_split_part(line: str, found: tuple[str, str] | None) -> None:
    assert split_part(line) == found


def test_lone_by() -> None:
    assert lone_by("by")
    assert lone_by("  By: ")
    assert lone_by("written by")
    assert not lone_by("by Wren")


def test_a_heading_that_ends_the_story_is_furniture() -> None:
    from fanfmt.api import convert
    from fanfmt.model import Heading, Paragraph

    doc = convert("# Chapter 2\n\nShe ran.\n\n# The End\n", from_format="markdown").document
    assert sum(isinstance(b, Heading) for b in doc.blocks) == 1
    last = doc.blocks[-1]
    assert isinstance(last, Paragraph)
    assert last.role == "furniture"
    assert doc.meta.chapter == "Chapter 2"


def test_a_chapter_line_keeps_a_lone_bracketed_letter(tmp_path: Path) -> None:
    """``[i]`` with no ``[/i]`` is text, not forum markup to take off: it stays in the heading
    (``[b]Chapter 3: Starlight[/b]`` still loses its tags)."""
    from click.testing import CliRunner

    from fanfmt.cli import cli

    def built(text: str) -> str:
        src, out = tmp_path / "ch.txt", tmp_path / "ch.md"
        src.write_text(text, encoding="utf-8")
        args = ["build", str(src), "-o", str(out), "-t", "markdown", "-q"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8")

    lone = built("Intro line here.\n\nChapter 1 ![i](x.png) and more\n\nStory.\n")
    assert "# Chapter 1: !\\[i\\](x.png) and more" in lone
    assert built("[b]Chapter 3: Starlight[/b]\n\nStory goes here.\n").startswith(
        "# Chapter 3: Starlight\n"
    )
