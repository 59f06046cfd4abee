"""No output holds a character XML 1.0 forbids, whatever the input or the settings.

* ``&#1;``, ``&#11;``, ``&#xFFFE;`` in HTML and ``&#12;`` in Markdown are dropped when the
  page is read (lint: ``E003``); the XHTML parses, the EPUB passes EPUBCheck, every word is
  kept; the same goes for raw control characters in plain text (removed when decoded)
* a template that holds one (the writers' last guard) writes none
* a control character in the title, author, summary, series or a tag (a flag, or
  ``fanfmt.toml``) is refused: one line, exit 2, nothing written
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_epub import epubcheck

from fanfmt.cli import cli
from fanfmt.templating import builtin_templates
from fanfmt.writers import FORMATS, format_suffix

FORBIDDEN_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
CHAPTERS = {
    "ch.html": (
        "<html><head><title>Bells&#1; toll</title></head><body>"
        "<h1>Chapter 1: The Bell&#xFFFE;</h1>"
        "<p>She rang&#1; the bell&#11; twice&#xFFFE; and waited.</p>"
        "<p>Nobody &#x1F;came &#127;to &#129;the door.</p></body></html>"
    ),
    "ch.md": "# Chapter 1: The Bell\n\nShe rang&#12; the bell&#x0C; twice and waited.\n\n"
    "Nobody came to the door.\n",
    "ch.txt": "Chapter 1: The Bell\n\nShe rang\x01 the bell\x0b twice\ufffe and waited.\n\n"
    "Nobody \x1fcame to the door.\n",
}
WORDS = ("She", "rang", "the", "bell", "twice", "and", "waited.", "Nobody", "came", "door.")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def chapter(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(CHAPTERS[name], encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(CHAPTERS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_holds_a_character_xml_forbids(tmp_path: Path, name: str, fmt: str) -> None:
    source = chapter(tmp_path, name)
    out = tmp_path / f"out{format_suffix(fmt)}"
    result = run("build", str(source), "-t", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    if fmt == "ao3":  # the posting kit: a folder (out.ao3), every file of it
        kit = out.with_name("out.ao3")
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(kit.iterdir()))
        single = run("build", str(source), "-t", fmt, "-o", str(out), "--ao3", "single")
        assert single.exit_code == 0, single.output
        paste = out.read_text(encoding="utf-8")  # and the single paste
        assert FORBIDDEN_RE.search(paste) is None, repr(paste)
    else:
        text = out.read_text(encoding="utf-8")
    assert FORBIDDEN_RE.search(text) is None, repr(text)
    for word in WORDS:
        assert word in text, (word, text)
    if fmt == "xhtml":
        ET.fromstring(out.read_bytes())  # well-formed XML


@pytest.mark.parametrize("name", sorted(CHAPTERS))
def test_an_epub_from_character_references_xml_forbids_passes_epubcheck(
    tmp_path: Path, name: str
) -> None:
    source = chapter(tmp_path, name)
    book = tmp_path / "book.epub"
    result = run("build", str(source), "-o", str(book), "--title", "Bells", "--author", "A. N.")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(book) as archive:
        for member in archive.namelist():
            if member.endswith((".xhtml", ".opf", ".ncx", ".css")):
                text = archive.read(member).decode("utf-8")
                assert FORBIDDEN_RE.search(text) is None, (member, repr(text))
    assert epubcheck(book) == []


@pytest.mark.parametrize("name", ["ch.html", "ch.md"])
def test_lint_reports_the_character_references_it_dropped(tmp_path: Path, name: str) -> None:
    source = chapter(tmp_path, name)
    result = run("lint", str(source), "--format", "json")
    report = json.loads(result.stdout)
    found = [d for f in report["files"] for d in f["diagnostics"] if d["code"] == "E003"]
    assert found, result.stdout
    assert "reference(s) to characters XML forbids" in found[0]["message"]
    assert "&#" in found[0]["message"]


def test_a_template_holding_a_forbidden_character_writes_none(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(builtin_templates(), templates)
    page = templates / "xhtml" / "chapter.xhtml"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<body", "<!-- \x01\x0b -->\n<body", 1),
        encoding="utf-8",
    )
    source = chapter(tmp_path, "ch.txt")
    out = tmp_path / "ch.xhtml"
    result = run("build", str(source), "--templates", str(templates), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert FORBIDDEN_RE.search(out.read_text(encoding="utf-8")) is None
    ET.fromstring(out.read_bytes())


# -- settings --------------------------------------------------------------------------------

BAD_VALUES = [
    "A\x01B",
    "tab\tthen\x1b[31mred",
    "bell\x07",
    "nul\x00",
    "del\x7f",
    "c1\x85",
    "\ufffe",
]


def assert_refused(result: Result, where: str, out: Path) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fanfmt: error: "), lines
    assert where in lines[0], lines
    assert "control character" in lines[0], lines
    assert FORBIDDEN_RE.search(lines[0]) is None, repr(lines[0])  # named, not printed
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("flag", ["--title", "--author", "--summary", "--series", "--tag"])
def test_a_control_character_in_a_story_flag_is_refused(
    tmp_path: Path, flag: str, value: str
) -> None:
    source = chapter(tmp_path, "ch.txt")
    out = tmp_path / "book.epub"
    result = run("build", str(source), "-o", str(out), flag, value)
    assert_refused(result, flag, out)


@pytest.mark.parametrize(
    ("key", "toml"),
    [
        ("title", 'title = "A\\u0001B"'),
        ("author", 'author = "Ann\\u001b[2J"'),
        ("summary", 'summary = """One.\nTwo\\u000b."""'),
        ("tags", 'tags = ["Ghosts", "Bells\\u0007"]'),
        ("series", 'series = "\\uFFFF"'),
    ],
)
def test_a_control_character_in_fanfmt_toml_is_refused(tmp_path: Path, key: str, toml: str) -> None:
    source = chapter(tmp_path, "ch.txt")
    (tmp_path / "fanfmt.toml").write_text(f"[story]\n{toml}\n", encoding="utf-8")
    out = tmp_path / "ch.xhtml"
    result = run("build", str(source), "-o", str(out))
    assert_refused(result, f"fanfmt.toml, line 2: [story] {key}", out)


def test_a_summary_keeps_its_line_breaks_and_tabs(tmp_path: Path) -> None:
    source = chapter(tmp_path, "ch.txt")
    out = tmp_path / "book.epub"
    result = run("build", str(source), "-o", str(out), "--summary", "One.\n\tTwo.\r\nThree.")
    assert result.exit_code == 0, result.output
    assert epubcheck(out) == []
