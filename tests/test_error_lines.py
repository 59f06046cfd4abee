"""Hostile arguments, names and settings: one clear line, the documented exit code, never 70.

* a flag's text that is not UTF-8 (``--title $'Caf\\xe9'``) is a usage error (exit 2)
  naming the flag; a file name that is not UTF-8 is read, and shown with ``\\xe9``
* a file name with a newline or an escape character is shown escaped (``bad\\nname.txt``),
  and the line still ends with the reason
* a ``fanfmt.toml`` whose arrays nest too deeply is exit 2 naming the file
* a ``fanfmt.toml`` that starts with a byte-order mark is read; a TOML mistake names the
  file and the line
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fanfmt.errors import EXIT_INTERNAL

CHAPTER = b'"Run," she said.\n\nHe ran.\n'
FANFMT = (sys.executable, "-m", "fanfmt")
ENV = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}


def fanfmt(*args: str | bytes | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run fanfmt as a user would, with ``args`` as raw bytes where they are bytes."""
    argv = [a if isinstance(a, bytes) else os.fsencode(str(a)) for a in args]
    return subprocess.run(
        [*(os.fsencode(a) for a in FANFMT), *argv],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=120,
        check=False,
        cwd=cwd,
        env=ENV,
    )


def one_line(done: subprocess.CompletedProcess[str], code: int, *fragments: str) -> str:
    assert done.returncode == code, (done.returncode, done.stderr)
    assert done.returncode != EXIT_INTERNAL
    errors = [line for line in done.stderr.splitlines() if line.startswith("fanfmt: error: ")]
    assert len(errors) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in errors[0], (fragment, errors[0])
    return errors[0]


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    path = tmp_path / "ch.txt"
    path.write_bytes(CHAPTER)
    return path


# -- text that is not UTF-8 in an argument ------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "extra"),
    [
        ("--title", ()),
        ("--author", ()),
        ("--lang", ()),
        ("--scene-break", ()),
        ("--encoding", ()),
        ("--tag", ("-o", "book.epub")),
        ("--summary", ("-o", "book.epub")),
    ],
)
def test_a_flag_value_that_is_not_utf8_is_a_usage_error_naming_the_flag(
    chapter: Path, flag: str, extra: tuple[str, ...]
) -> None:
    done = fanfmt(
        "build", chapter, "-o", "-", flag.encode(), b"Caf\xe9", *extra, cwd=chapter.parent
    )
    line = one_line(done, 2, f"{flag}: ", "not UTF-8", "\\xe9")
    assert line.endswith("(give it in UTF-8)")
    assert done.stdout == ""
    assert not (chapter.parent / "book.epub").exists()


def test_a_file_name_that_is_not_utf8_is_built_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_bytes(CHAPTER)
    done = fanfmt("build", name.encode("utf-8", "surrogateescape"), "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "wrote caf\\xe9.xhtml" in done.stdout
    page = (tmp_path / os.fsdecode(b"caf\xe9.xhtml")).read_text(encoding="utf-8")
    assert "He ran." in page
    assert "caf\ufffd" in page  # the title from the file name, as text


def test_a_file_name_that_is_not_utf8_is_built_to_markdown_and_epub(tmp_path: Path) -> None:
    name = b"caf\xe9.txt"
    (tmp_path / os.fsdecode(name)).write_bytes(CHAPTER)
    assert fanfmt("build", name, "-t", "markdown", "-o", "-", cwd=tmp_path).returncode == 0
    done = fanfmt("build", name, "-o", b"caf\xe9.epub", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lint = fanfmt("lint", name, cwd=tmp_path)
    assert lint.returncode == 0, lint.stderr


# -- control characters in a file name -----------------------------------------------------


def test_a_newline_in_a_file_name_is_escaped_and_the_reason_kept(tmp_path: Path) -> None:
    bad = tmp_path / "bad\nname.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    line = one_line(fanfmt("build", bad, "-o", "-"), 3)
    assert line.endswith("bad\\nname.txt: this is a PNG image, not a text chapter"), line


def test_a_newline_in_a_file_name_keeps_the_reason_in_a_batch(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "bad\nname.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "good.txt").write_bytes(CHAPTER)
    done = fanfmt("build", folder, "-o", tmp_path / "out")
    line = one_line(done, 1)
    assert line.endswith("bad\\nname.txt: this is a PNG image, not a text chapter"), line
    assert (tmp_path / "out" / "good.xhtml").exists()


def test_an_escape_sequence_in_a_file_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    bad = tmp_path / "x\x1b[2Jy.txt"
    bad.write_bytes(b"")
    line = one_line(fanfmt("build", bad, "-o", "-"), 3, "x\\x1b[2Jy.txt: the file is empty")
    assert "\x1b" not in line


def test_a_newline_in_a_file_name_is_escaped_in_lint_and_wrote_lines(tmp_path: Path) -> None:
    bad = tmp_path / "two\nlines.txt"
    bad.write_bytes(b'"Run, she said.\n\nHe ran.\n')
    lint = fanfmt("lint", bad)
    assert lint.stdout.count("\n") == len(lint.stdout.splitlines())
    assert all(line.startswith(str(tmp_path)) for line in lint.stdout.splitlines()), lint.stdout
    done = fanfmt("build", bad, "-v")
    assert done.returncode == 0, done.stderr
    assert "two\\nlines.xhtml" in done.stdout


# -- fanfmt.toml ---------------------------------------------------------------------------


def test_a_deeply_nested_toml_array_is_a_config_error_naming_the_file(chapter: Path) -> None:
    config = chapter.parent / "fanfmt.toml"
    config.write_text("[story]\ntitle = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    one_line(fanfmt("build", chapter, "-o", "-"), 2, f"{config}", "nest", "too deeply")


def test_a_fanfmt_toml_with_a_byte_order_mark_is_read(chapter: Path) -> None:
    config = chapter.parent / "fanfmt.toml"
    config.write_bytes('\ufeff[story]\ntitle = "Tides"\n'.encode())
    done = fanfmt("build", chapter, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert "<title>Tides" in done.stdout


def test_a_toml_mistake_names_the_file_and_the_line(chapter: Path) -> None:
    config = chapter.parent / "fanfmt.toml"
    config.write_bytes('\ufeff[story]\ntitle = "Tides"\nauthor = \n'.encode())
    one_line(fanfmt("build", chapter, "-o", "-"), 2, f"{config}, line 3: not valid TOML")


def test_a_files_from_list_with_names_that_are_not_utf8_is_built(tmp_path: Path) -> None:
    (tmp_path / "ch.txt").write_bytes(CHAPTER)
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(CHAPTER)
    (tmp_path / "list.txt").write_bytes(b"ch.txt\ncaf\xe9.txt\n")
    done = fanfmt("build", "--files-from", "list.txt", "-o", "out", "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "wrote out/caf\\xe9.xhtml" in done.stdout
    assert (tmp_path / "out" / os.fsdecode(b"caf\xe9.xhtml")).exists()


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("rules", "x\x1b[2Jy\nz"), "Got unexpected extra argument (x\\x1b[2Jy\\nz)"),
        (("--b\x1bad",), "No such option '--b\\x1bad'"),
        (("build", "--ti\x1b[31mtle", "x"), "No such option '--ti\\x1b[31mtle'"),
        (("build", "--notes", "k\x1bp\nq", "x"), "'k\\x1bp\\nq' is not one of"),
    ],
)
def test_a_usage_error_shows_what_was_typed_escaped_on_one_line(
    args: tuple[str, ...], shown: str
) -> None:
    """A control character in an unknown option, command argument or value is written as
    an escape: the error is one line and the terminal is given nothing to act on."""
    done = fanfmt(*args)
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, done.stderr
    assert shown in errors[0], errors[0]
    assert "\x1b" not in done.stderr
