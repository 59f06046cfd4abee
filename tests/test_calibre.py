"""calibre's ``ebook-meta`` reads back the metadata fanfmt writes (skipped without calibre)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli

EBOOK_META = shutil.which("ebook-meta")
needs_calibre = pytest.mark.skipif(EBOOK_META is None, reason="calibre's ebook-meta is not here")


def ebook_meta(book: Path) -> dict[str, str]:
    assert EBOOK_META is not None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [EBOOK_META, str(book)], capture_output=True, text=True, timeout=300, env=env, check=False
    )
    fields: dict[str, str] = {}
    for line in done.stdout.splitlines():
        name, sep, value = line.partition(":")
        if sep and not line.startswith(" "):
            fields[name.strip()] = value.strip()
    return fields


@needs_calibre
def test_ebook_meta_reads_back_what_fanfmt_writes(tmp_path: Path) -> None:
    chapter = tmp_path / "ch1.txt"
    chapter.write_text('Chapter 1\n\n"Tide\'s out," said Wren.\n', encoding="utf-8")
    out = tmp_path / "salt.epub"
    args = ["build", str(chapter), "-o", str(out), "--title", "Salt", "--author", "Ada Quill"]
    args += ["--series", "Harbour", "--series-index", "2", "--rating", "Teen", "--tag", "Fluff"]
    args += ["--fandom", "Original Work", "--summary", "Two keepers.", "--published", "2021-03-04"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    fields = ebook_meta(out)
    assert fields["Title"] == "Salt"
    assert fields["Author(s)"] == "Ada Quill"
    assert fields["Series"] == "Harbour #2"
    assert set(fields["Tags"].split(", ")) == {"Fluff", "Original Work", "Teen"}
    assert fields["Comments"] == "Two keepers."
    assert fields["Published"].startswith("2021-03-04")
