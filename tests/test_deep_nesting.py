"""Nesting no story needs: built, every word kept, never an internal error (exit 70).

* Markdown with 5,000 ``*`` around a word (2,500 emphases, one inside the other) builds
* 1,000 nested ``<em>`` from a word processor build as one italics, words and all
* tags nested 20,000 deep (``<b>``, ``<span>``, ``<em><b>``, left open) build
* ``lint`` and ``diff`` read them as ``build`` does
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fanfmt.errors import EXIT_INTERNAL

FANFMT = (sys.executable, "-m", "fanfmt")


def fanfmt(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FANFMT, *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


def page(body: str) -> str:
    return f"<html><body><p>Before it.</p><p>{body}</p><p>After it.</p></body></html>\n"


def test_markdown_with_five_thousand_asterisks_builds(tmp_path: Path) -> None:
    source = tmp_path / "stars.md"
    source.write_text(
        "Some text here.\n\na " + "*" * 5000 + "word" + "*" * 5000 + " ends.\n\nThe end.\n",
        encoding="utf-8",
    )
    for fmt in ("xhtml", "markdown", "html", "ao3"):
        done = fanfmt("build", source, "-t", fmt, "-o", "-")
        assert done.returncode == 0, (fmt, done.stderr)
        assert "word" in done.stdout
        assert "ends." in done.stdout
        assert "Some text here." in done.stdout


def test_a_thousand_nested_em_build_as_one_italics(tmp_path: Path) -> None:
    source = tmp_path / "export.html"
    source.write_text(page("<em>" * 1000 + "deep words" + "</em>" * 1000), encoding="utf-8")
    done = fanfmt("build", source, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert "<p><em>deep words</em></p>" in done.stdout
    assert "Before it." in done.stdout
    assert "After it." in done.stdout


@pytest.mark.parametrize(
    "body",
    [
        "<b>" * 20000 + "deep words" + "</b>" * 20000,
        "<span>" * 20000 + "deep words" + "</span>" * 20000,
        "<em><b>" * 10000 + "deep words" + "</b></em>" * 10000,
        "<em>" * 20000 + "deep words",
        "<font>" * 5000 + "deep<br>words",
        "<em>a " * 3000 + "deep words" + " b</em>" * 3000,
    ],
    ids=["bold", "span", "italic-bold", "left-open", "font-br", "words-at-every-level"],
)
def test_tags_nested_thousands_deep_build_with_every_word(tmp_path: Path, body: str) -> None:
    source = tmp_path / "deep.html"
    source.write_text(page(body), encoding="utf-8")
    book = tmp_path / "deep.epub"
    for args in (("-o", "-"), ("-t", "markdown", "-o", "-"), ("-o", book)):
        done = fanfmt("build", source, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "nests" not in done.stderr
    xhtml = fanfmt("build", source, "-o", "-").stdout
    for word in ("Before it.", "deep", "words", "After it."):
        assert word in xhtml
    if "a " in body:
        assert xhtml.count("a ") >= 3000
        assert xhtml.count(" b") >= 3000
    with zipfile.ZipFile(book) as epub:
        assert any("deep" in epub.read(n).decode() for n in epub.namelist() if n.endswith("xhtml"))


def test_lint_and_diff_read_deep_nesting_without_an_internal_error(tmp_path: Path) -> None:
    html = tmp_path / "deep.html"
    html.write_text(page("<em>" * 1000 + "deep words" + "</em>" * 1000), encoding="utf-8")
    md = tmp_path / "stars.md"
    md.write_text("a " + "*" * 5000 + "word" + "*" * 5000 + "\n", encoding="utf-8")
    for command in ("lint", "diff"):
        done = fanfmt(command, html, md)
        assert done.returncode not in (EXIT_INTERNAL, 3), (command, done.stderr)
        assert "internal error" not in done.stderr


def test_asterisks_thousands_deep_in_a_heading_and_a_footnote_build(tmp_path: Path) -> None:
    stars = "*" * 4000
    source = tmp_path / "notes.md"
    source.write_text(
        f"# {stars}Title{stars}\n\nText here.[^1]\n\n[^1]: {stars}note{stars}\n", encoding="utf-8"
    )
    for args in (("-o", "-"), ("-o", tmp_path / "notes.epub")):
        done = fanfmt("build", source, *args)
        assert done.returncode == 0, (args, done.stderr)
    page = fanfmt("build", source, "-o", "-").stdout
    assert "Title" in page
    assert "note" in page
