"""A story folder: one book when its ``fanfmt.toml`` says so, named by a template; and
``build``, ``lint`` and ``diff`` reading a folder's chapters the same way, at any depth."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.chapters import walk_folder
from fanfmt.cli import cli
from fanfmt.naming import BadNameError, book_file_name

BOOK_TOML = """[story]
title = "Salt/Sea?"
author = "Ada Quill"

[book]
to = "epub"
name = "{author} - {title}.epub"
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    (folder / "part1").mkdir(parents=True)
    (folder / "part2").mkdir()
    (folder / "part1" / "ch1.txt").write_text('Chapter 1\n\n"Hi," she said.\n', "utf-8")
    (folder / "part1" / "ch10.txt").write_text('Chapter 3\n\n"Later," he said.\n', "utf-8")
    (folder / "part1" / "ch2.txt").write_text('Chapter 2\n\n"Then," she said.\n', "utf-8")
    (folder / "part2" / "ch1.md").write_text('# Chapter 4\n\n"Last," they said.\n', "utf-8")
    (folder / "README.md").write_text("Not a chapter.\n", "utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "draft.txt").write_text("Not a chapter either.\n", "utf-8")
    return folder


def chapter_pages(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as z:
        names = sorted(n for n in z.namelist() if "chapter-" in n)
        return [z.read(n).decode("utf-8") for n in names]


def test_a_folder_is_walked_in_natural_order_at_any_depth(story: Path) -> None:
    found = [p.relative_to(story).as_posix() for p in walk_folder(story)]
    assert found == ["part1/ch1.txt", "part1/ch2.txt", "part1/ch10.txt", "part2/ch1.md"]


def test_a_folder_with_chapters_in_subfolders_makes_a_book(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "book.epub"
    code, output = run("build", str(story), "-o", str(out))
    assert code == 0, output
    pages = chapter_pages(out)
    assert [p.count("“") for p in pages] == [1, 1, 1, 1]
    assert ["Chapter 1" in pages[0], "Chapter 2" in pages[1], "Chapter 3" in pages[2]] == [
        True,
        True,
        True,
    ]
    assert "Chapter 4" in pages[3]


def test_book_table_makes_the_folder_one_named_book(story: Path, tmp_path: Path) -> None:
    (story / "fanfmt.toml").write_text(BOOK_TOML, encoding="utf-8")
    code, output = run("build", str(story))
    assert code == 0, output
    book = tmp_path / "Ada Quill - Salt_Sea_.epub"
    assert book.is_file(), output
    assert len(chapter_pages(book)) == 4
    code, output = run("build", str(story), "-o", str(tmp_path / "shelf") + "/")
    assert code == 0, output
    assert (tmp_path / "shelf" / "Ada Quill - Salt_Sea_.epub").is_file()
    code, output = run("build", str(story), "-o", str(tmp_path / "given.epub"))
    assert code == 0, output
    assert (tmp_path / "given.epub").is_file()


def test_to_on_the_command_line_wins_over_the_book_table(story: Path, tmp_path: Path) -> None:
    (story / "fanfmt.toml").write_text(BOOK_TOML, encoding="utf-8")
    code, output = run("build", str(story), "--to", "markdown", "-o", str(tmp_path / "out") + "/")
    assert code == 0, output
    assert (tmp_path / "out" / "part1" / "ch1.md").is_file()


def test_a_bad_name_template_is_one_line(story: Path) -> None:
    (story / "fanfmt.toml").write_text('[book]\nname = "{titel}.epub"\n', encoding="utf-8")
    code, output = run("build", str(story))
    assert code == 2
    assert "line 2: [book] name: unknown field {titel}" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"author": "Ada", "title": "Salt/Sea?"}, "Ada - Salt_Sea_.epub"),
        ({"author": "..", "title": "../../etc"}, "- .._.._etc.epub"),
        ({"author": "", "title": ""}, "-.epub"),
        ({"author": "CON", "title": ""}, "CON -.epub"),
    ],
)
def test_book_names_are_safe(values: dict[str, str], expected: str) -> None:
    assert book_file_name("{author} - {title}.epub", values) == expected


def test_book_name_edge_cases() -> None:
    assert book_file_name("{title}", {"title": "CON"}) == "_CON.epub"
    assert book_file_name("{title}", {"title": ""}) == "book.epub"
    long = book_file_name("{title}", {"title": "ä" * 300})
    assert long.endswith(".epub")
    assert len(long.encode("utf-8")) <= 200
    with pytest.raises(BadNameError):
        book_file_name("{title}/{author}", {})


def test_lint_and_diff_read_a_folder_as_build_does(story: Path) -> None:
    code, output = run("lint", str(story))
    assert code == 0, output
    assert "in 4 files" in output
    code, output = run("diff", str(story))
    assert code == 0, output
    for name in ("ch1.txt", "ch2.txt", "ch10.txt", "ch1.md"):
        assert f"{name}: " in output
    assert "README" not in output
    assert "draft" not in output


def test_lint_and_diff_of_a_folder_without_chapters_say_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, output = run("lint", str(empty))
    assert code == 3
    assert "no chapter files" in output
    code, output = run("diff", str(empty))
    assert code == 3
    assert "no chapter files" in output


def test_verbose_says_where_each_chapters_facts_came_from(tmp_path: Path) -> None:
    folder = tmp_path / "tide"
    folder.mkdir()
    (folder / "ch1.md").write_text(
        "---\ntitle: Low Tide\nrating: Teen\nfandoms: [Harbour Tales]\n---\n\n"
        '# Chapter 1\n\n"Go," she said.\n',
        "utf-8",
    )
    (folder / "ch2.txt").write_text('Chapter 2\n\n"Stay," he said.\n', "utf-8")
    (folder / "fanfmt.toml").write_text('[story]\nauthor = "Ada Quill"\nstatus = "complete"\n')
    code, output = run("build", str(folder), "-o", str(tmp_path / "tide.epub"), "-v")
    assert code == 0, output
    chapter_lines = [line for line in output.splitlines() if line.startswith("story facts:")]
    assert len(chapter_lines) == 3  # the book's, then each chapter's
    first = chapter_lines[1]
    assert "rating: Teen (front matter)" in first
    assert "fandoms: Harbour Tales (front matter)" in first
    assert "status: complete (fanfmt.toml, line 3)" in first
    assert "(front matter)" not in chapter_lines[2]
    assert "status: complete (fanfmt.toml, line 3)" in chapter_lines[2]
