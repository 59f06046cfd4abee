"""A page's ``<title>`` is the story and chapter, else a name made of the file's: never a path."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli
from fanfmt.model import Meta
from fanfmt.writers.xhtml import name_title, page_title


@pytest.mark.parametrize(
    ("source", "title"),
    [
        ("/home/me/fics/the_long_road-ch3.txt", "the long road ch3"),
        ("stories/Jump_Start.part1.txt", "Jump Start part1"),
        ("C:\\fics\\My Story.html", "My Story"),
        ("-", ""),
        ("", ""),
    ],
)
def test_name_title(source: str, title: str) -> None:
    assert name_title(source) == title


def test_page_title_prefers_the_story_and_chapter() -> None:
    meta = Meta(title="Ash", chapter="Chapter 2", source="/x/y.txt")
    assert page_title(meta) == "Ash \u2014 Chapter 2"
    assert page_title(Meta(chapter="Chapter 2", source="/x/y.txt")) == "Chapter 2"
    assert page_title(Meta(source="-")) == "Chapter"


@pytest.mark.parametrize("fmt", ["xhtml", "html"])
def test_a_chapter_with_no_title_is_not_titled_with_its_path(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "downloads" / "old_archive"
    folder.mkdir(parents=True)
    chapter = folder / "the_long_road.txt"
    chapter.write_text("She ran.\n\nHe followed her down to the water.\n", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["build", str(chapter), "-o", str(out), "--no-config"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<title>the long road</title>" in text
    assert str(tmp_path) not in text


@pytest.mark.parametrize("fmt", ["xhtml", "html"])
def test_a_saved_page_with_no_heading_is_titled_by_its_own_title(tmp_path: Path, fmt: str) -> None:
    page = tmp_path / "episode_12.html"
    page.write_text(
        "<html><head><title>The Lighthouse :: Night Shift (3) | Comics Corner</title></head>"
        '<body><p>"Lights out," she said.</p><p>He climbed the stairs.</p></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["build", str(page), "-o", str(out), "--no-config"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<title>The Lighthouse — Night Shift (3)</title>" in text  # Story :: Chapter
    assert "Comics Corner" not in text
