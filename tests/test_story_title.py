"""``--title``: the story title the reader sees, in every format, chapter pages included."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli

TITLED = """The Quiet Harbour

Chapter 1: Start

"Hello," said Anna.
"""

ONE_SHOT = """Preface

The Quiet Harbour

Posted originally on the Archive of Our Own at https://archiveofourown.org/works/1.

Rating:
    General Audiences

The Quiet Harbour

by Someone

The Quiet Harbour

"Hello," said Anna. "It's cold."
"""

SUFFIXES = [".xhtml", ".md", ".html", ".ao3.html"]


def build(source: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    if out.suffix == ".epub":
        with zipfile.ZipFile(out) as book:
            return "".join(
                book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")
            )
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [TITLED, ONE_SHOT], ids=["heading", "ao3-one-shot"])
@pytest.mark.parametrize("suffix", [*SUFFIXES, ".epub"])
def test_title_flag_is_the_title_on_every_page(tmp_path: Path, text: str, suffix: str) -> None:
    source = tmp_path / "story.txt"
    source.write_text(text, encoding="utf-8")
    before = build(source, tmp_path / f"before{suffix}")
    assert "Quiet Harbour" in before
    after = build(source, tmp_path / f"after{suffix}", "--title", "A New Name")
    assert "Quiet Harbour" not in after
    assert "A New Name" in after


def test_title_in_fanfmt_toml_retitles_the_chapter_heading(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text('[story]\ntitle = "From The File"\n', encoding="utf-8")
    source = tmp_path / "ch1.txt"
    source.write_text(TITLED, encoding="utf-8")
    page = build(source, tmp_path / "out.xhtml")
    assert '<p class="story-title">From The File</p>' in page
    assert "Quiet Harbour" not in page
