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
    if out.name.endswith(".ao3.html"):
        extra = ("--ao3", "single", *extra)  # the one paste (the kit is a folder)
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


def test_title_flag_is_the_title_in_the_ao3_kit(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(TITLED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "-t", "ao3", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    kit = tmp_path / "story.ao3"
    assert "Quiet Harbour" in "".join(p.read_text(encoding="utf-8") for p in kit.iterdir())
    (tmp_path / "new").mkdir()
    args = ["build", str(source), "-t", "ao3", "-o", str(tmp_path / "new"), "--title", "A New"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    kit = tmp_path / "new" / "story.ao3"
    fields = "".join(p.read_text(encoding="utf-8") for p in kit.iterdir())
    assert "Quiet Harbour" not in fields
    assert "A New" in fields


def test_title_in_fanfmt_toml_retitles_the_chapter_heading(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text('[story]\ntitle = "From The File"\n', encoding="utf-8")
    source = tmp_path / "ch1.txt"
    source.write_text(TITLED, encoding="utf-8")
    page = build(source, tmp_path / "out.xhtml")
    assert '<p class="story-title">From The File</p>' in page
    assert "Quiet Harbour" not in page
