"""``[book] to = "html"``: a story folder as one reading page, through the CLI.

The page has the title page and every chapter in order, every word of the story once,
quotes curled, notes placed or left out as ``--notes`` says, ids that two chapters never
share; it is named by ``[book] name``, written atomically, and the same twice over.
``lint`` and ``diff`` read the same chapters of the folder.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli

TOML = """[story]
title = "Salt/Sea?"
author = "Ada Quill"
rating = "Teen And Up Audiences"
fandoms = ["Harbour Tales"]
warnings = ["No Archive Warnings Apply"]
summary = "Two keepers and one lamp."

[book]
to = "html"
name = "{author} - {title}.html"
"""
NOTE = "A/N: thanks for reading, all of you!"
CHAPTERS = {
    "part1/ch1.md": f'# Chapter 1\n\n{NOTE}\n\n"Is the lamp lit?" Wren asked.[^1]\n\n'
    "[^1]: The old lamp, not the new one.\n",
    "part1/ch2.txt": 'Chapter 2\n\n"Not yet," said Tamsin. It\'s late.\n',
    "part1/ch10.md": '# Chapter 3\n\nThe tide came in.\n\n"Now," she said.[^1]\n\n'
    "[^1]: Midnight, or near it.\n",
    "part2/ch1.txt": 'Chapter 4\n\n"Last," they said.\n',
}
STORY_WORDS = (
    "Is the lamp lit Wren asked Not yet said Tamsin It’s late The tide came in Now she "
    "said Last they said"
).split()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    for name, text in CHAPTERS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "README.md").write_text("Not a chapter.\n", encoding="utf-8")
    (folder / "fanfmt.toml").write_text(TOML, encoding="utf-8")
    return folder


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.ids: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v]
        self._skip += tag in ("style", "title", "head")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title", "head")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(path: Path) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split()), parser.ids


def words(text: str) -> list[str]:
    return re.findall(r"[\w’]+", text)


def test_the_folder_is_one_named_reading_page(story: Path, tmp_path: Path) -> None:
    code, output = run("build", str(story))
    assert code == 0, output
    page = tmp_path / "Ada Quill - Salt_Sea_.html"
    assert "wrote" in output
    assert "(html, 4 chapters)" in output
    assert not list(story.rglob("*.html"))
    assert not list(story.rglob("*.xhtml"))
    text, ids = page_text(page)
    assert text.startswith("Salt/Sea? Ada Quill Rating: Teen And Up Audiences")
    assert "Show archive warnings No Archive Warnings Apply" in text  # behind a tap
    assert "Fandom: Harbour Tales" in text
    assert "Two keepers and one lamp." in text
    headings = [text.index(f"Chapter {n}", text.index("Chapter 4") + 1) for n in (1, 2, 3, 4)]
    assert headings == sorted(headings)  # contents first, then the chapters in order
    story_part = text[headings[0] :]
    assert "“Is the lamp lit?”" in story_part
    assert "“Not yet,”" in story_part
    assert '"' not in story_part
    assert "'" not in story_part
    found = iter(words(story_part))
    assert all(word in found for word in STORY_WORDS)  # every word, in order
    assert NOTE in story_part
    assert "The old lamp, not the new one." in story_part
    assert len(ids) == len(set(ids))  # two chapters' footnotes never share an id
    assert {"chapter-001-fn-1", "chapter-003-fn-1"} <= set(ids)


def test_notes_omit_takes_the_notes_and_nothing_else(story: Path, tmp_path: Path) -> None:
    kept, omitted = tmp_path / "kept.html", tmp_path / "omit.html"
    assert run("build", str(story), "-o", str(kept))[0] == 0
    assert run("build", str(story), "-o", str(omitted), "--notes", "omit")[0] == 0
    with_notes, without = page_text(kept)[0], page_text(omitted)[0]
    assert NOTE not in without
    assert words(with_notes.replace(NOTE, " ")) == words(without)


def test_notes_end_moves_the_note_after_its_chapter(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "end.html"
    assert run("build", str(story), "-o", str(out), "--notes", "end")[0] == 0
    text = page_text(out)[0]
    one = text[text.index("Is the lamp lit") : text.index("Not yet")]
    assert one.index("Wren asked") < one.index("thanks for reading")


def test_a_second_build_gives_the_same_bytes_and_flags_win(story: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert run("build", str(story), "-o", str(first))[0] == 0
    assert run("build", str(story), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    code, _ = run("build", str(story), "-o", str(tmp_path / "shelf") + "/", "--title", "Brine")
    assert code == 0
    page = tmp_path / "shelf" / "Ada Quill - Brine.html"
    assert page_text(page)[0].startswith("Brine Ada Quill")
    assert "<title>Brine</title>" in page.read_text(encoding="utf-8")


def test_standard_output_gets_the_page(story: Path) -> None:
    code, output = run("build", str(story), "-o", "-")
    assert code == 0
    assert output.startswith("<!DOCTYPE html>")
    assert "Chapter 4" in output


def test_a_failed_build_leaves_the_old_page(story: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    assert run("build", str(story), "-o", str(page))[0] == 0
    before = page.read_bytes()
    (story / "part2" / "ch2.txt").write_bytes(b"\n\n   \n")  # a chapter without a word
    code, output = run("build", str(story), "-o", str(page))
    assert code == 3, output
    assert "ch2.txt" in output
    assert page.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "story"]


def test_to_still_wins_over_the_book_table(story: Path, tmp_path: Path) -> None:
    code, output = run("build", str(story), "--to", "epub", "-o", str(tmp_path / "b.epub"))
    assert code == 0, output
    assert (tmp_path / "b.epub").is_file()


def test_lint_and_diff_read_the_same_chapters(story: Path) -> None:
    code, output = run("lint", str(story))
    assert code == 0, output
    assert "4 files" in output
    code, output = run("diff", str(story))
    assert code == 0, output
    shown = re.findall(r"^(\S+): \d+ changes?", output, re.MULTILINE)
    assert [Path(s).relative_to(story).as_posix() for s in shown] == list(CHAPTERS)


def test_an_unknown_book_format_is_one_line(story: Path) -> None:
    (story / "fanfmt.toml").write_text('[book]\nto = "pdf"\n', encoding="utf-8")
    code, output = run("build", str(story))
    assert code == 2, output
    assert "expected one of epub, html" in output
    assert "Traceback" not in output
