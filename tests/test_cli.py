"""The command line: ``fanfmt build`` and ``fanfmt rules``, their outputs and exit codes.

Exit codes: 0 done, 2 usage error, 3 bad input, 4 output cannot be written.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fanfmt import __version__
from fanfmt.cli import cli
from fanfmt.rules import DEFAULT_CHAIN

CHAPTER = """Chapter 1: Lights

"Run!" she said. "Now--before it sees us."

'Not again,' he thought... It was a *very* bad idea.
"""


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="fanfmt")


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    path = tmp_path / "ch1.txt"
    path.write_text(CHAPTER, encoding="utf-8")
    return path


COMMANDS = [("build",), ("rules",)]
"""The commands tested here (other commands have their own test files)."""


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"fanfmt, version {__version__}"


def test_version_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fanfmt", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert __version__ in done.stdout


def test_main_help_shows_examples_and_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    for name in ("build", "rules"):
        assert name in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_help_shows_examples(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output
    assert "fanfmt " + command[0] in result.output.split("Examples:", 1)[1]


def test_build_writes_xhtml_and_stylesheet_beside_the_input(chapter: Path) -> None:
    result = run("build", str(chapter))
    assert result.exit_code == 0, result.output
    out = chapter.with_suffix(".xhtml")
    assert out.is_file()
    assert (chapter.parent / "fanfmt.css").is_file()
    assert f"wrote {out}" in result.stdout
    root = ET.fromstring(out.read_bytes())
    assert root.tag == "{http://www.w3.org/1999/xhtml}html"
    page = out.read_text(encoding="utf-8")
    assert 'href="fanfmt.css"' in page
    assert '<span class="dialogue">“Run!”</span>' in page
    assert '<em class="thought">Not again,</em>' in page
    assert "Now—before" in page
    assert chapter.read_text(encoding="utf-8") == CHAPTER


def test_output_suffix_md_picks_markdown(chapter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "x.md"
    result = run("build", str(chapter), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Chapter 1: Lights\n")
    assert "“Run!” she said." in text
    assert "*Not again,*" in text
    assert not (out.parent / "fanfmt.css").exists()


def test_to_overrides_the_suffix(chapter: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    result = run("build", str(chapter), "--to", "markdown", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Chapter 1")


def test_to_markdown_default_output_beside_input(chapter: Path) -> None:
    result = run("build", str(chapter), "-t", "markdown")
    assert result.exit_code == 0, result.output
    assert chapter.with_suffix(".md").is_file()


def test_unknown_suffix_is_a_usage_error(chapter: Path, tmp_path: Path) -> None:
    result = run("build", str(chapter), "-o", str(tmp_path / "x.weird"))
    assert result.exit_code == 2
    assert "--to" in result.stderr


def test_bad_format_choice_is_a_usage_error(chapter: Path) -> None:
    result = run("build", str(chapter), "--to", "pdf")
    assert result.exit_code == 2


def test_output_dash_writes_to_stdout(chapter: Path) -> None:
    result = run("build", str(chapter), "--to", "markdown", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Chapter 1: Lights\n")
    assert "wrote" not in result.stdout
    assert not chapter.with_suffix(".md").exists()


def test_xhtml_to_stdout_inlines_the_stylesheet(chapter: Path) -> None:
    result = run("build", str(chapter), "-o", "-")
    assert result.exit_code == 0
    assert "<style>" in result.stdout
    assert 'href="fanfmt.css"' not in result.stdout
    ET.fromstring(result.stdout.encode("utf-8"))
    assert not (chapter.parent / "fanfmt.css").exists()


def test_stdin_to_stdout() -> None:
    result = run("build", "-", "--to", "markdown", stdin=CHAPTER.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert "“Run!” she said." in result.stdout


def test_disable_a_rule(chapter: Path) -> None:
    on = run("build", str(chapter), "-o", "-")
    off = run("build", str(chapter), "-o", "-", "--disable", "thoughts")
    assert on.exit_code == off.exit_code == 0
    assert 'class="thought"' in on.stdout
    assert 'class="thought"' not in off.stdout
    assert "Not again," in off.stdout


def test_disable_several_rules(chapter: Path) -> None:
    result = run("build", str(chapter), "-o", "-", "--disable", "dashes", "--disable", "ellipses")
    assert result.exit_code == 0
    assert "Now--before" in result.stdout
    assert "thought..." in result.stdout


def test_disable_unknown_rule_is_a_usage_error(chapter: Path) -> None:
    result = run("build", str(chapter), "--disable", "no_such_rule")
    assert result.exit_code == 2
    assert "no_such_rule" in result.stderr
    assert "thoughts" in result.stderr  # the known rules are listed
    assert not chapter.with_suffix(".xhtml").exists()


def test_no_input_is_a_usage_error() -> None:
    result = run("build")
    assert result.exit_code == 2
    assert "INPUT" in result.stderr


def test_missing_input(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run("build", str(missing))
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fanfmt: error:")
    assert str(missing) in lines[0]
    assert "Traceback" not in result.output


def test_empty_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = run("build", str(empty))
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1
    assert not empty.with_suffix(".xhtml").exists()


def test_binary_input(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = run("build", str(binary))
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_equal_to_input_is_refused(chapter: Path) -> None:
    result = run("build", str(chapter), "--to", "markdown", "-o", str(chapter))
    assert result.exit_code == 4
    assert len(result.stderr.strip().splitlines()) == 1
    assert chapter.read_text(encoding="utf-8") == CHAPTER


def test_default_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "ch1.md"
    source.write_text(CHAPTER, encoding="utf-8")
    result = run("build", str(source), "--to", "markdown")
    assert result.exit_code == 4
    assert source.read_text(encoding="utf-8") == CHAPTER


def test_output_through_another_path_to_the_input_is_refused(chapter: Path) -> None:
    sneaky = chapter.parent / "." / ".." / chapter.parent.name / chapter.name
    result = run("build", str(chapter), "--to", "markdown", "-o", str(sneaky))
    assert result.exit_code == 4
    assert chapter.read_text(encoding="utf-8") == CHAPTER


def test_unwritable_output(chapter: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("build", str(chapter), "-o", str(blocker / "out.xhtml"))
    assert result.exit_code == 4
    assert len(result.stderr.strip().splitlines()) == 1
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_reader_closing_the_pipe_ends_the_build_quietly(tmp_path: Path) -> None:
    """``fanfmt build long.txt -o - | head``: the reader has what it wanted; exit 0, no word."""
    long = tmp_path / "long.txt"
    long.write_text("".join(f'"Line {n}," she said.\n\n' for n in range(60_000)), "utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "fanfmt", "build", str(long), "-o", "-", "--to", "markdown"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    assert proc.stdout.readline()  # the first line, as ``head -1`` reads it
    proc.stdout.close()  # far more than a pipe holds is still to come
    errors = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, errors
    assert errors == ""


def test_a_chapter_where_a_command_is_expected_suggests_build(chapter: Path) -> None:
    result = run(str(chapter))
    assert result.exit_code == 2
    assert f"No such command '{chapter}'. Did you mean 'fanfmt build {chapter}'?" in result.output


@pytest.mark.parametrize("word", ["ch7.txt", "story.EPUB", "notes.md"])
def test_a_chapter_name_suggests_build_before_it_exists(word: str) -> None:
    result = run(word, "-o", "out dir/")
    assert result.exit_code == 2
    assert f"Did you mean \"fanfmt build {word} -o 'out dir/'\"?" in result.output


def test_a_long_build_suggestion_names_the_first_input_only() -> None:
    result = run("ch1.txt", *(f"chapter-{n:02}-of-the-long-road.txt" for n in range(2, 6)))
    assert "Did you mean 'fanfmt build ch1.txt …'?" in result.output


def test_an_existing_file_of_any_name_suggests_build(tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    draft.write_text("It rained.\n", encoding="utf-8")
    result = run(str(draft))
    assert result.exit_code == 2
    assert f"Did you mean 'fanfmt build {draft}'?" in result.output


def test_a_word_that_names_no_chapter_gets_no_build_hint() -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'." in result.output
    assert "fanfmt build" not in result.output
    assert "Did you mean 'build'?" in run("biuld").output  # click's own, for a misspelling


def test_verbose_summary(chapter: Path) -> None:
    result = run("build", str(chapter), "-v")
    assert result.exit_code == 0
    summary = result.stderr
    assert "convention: american dialogue, 'single-quote' thoughts (detected)" in summary
    assert "heading: Chapter 1: Lights" in summary
    assert "dialogue spans: 2; thoughts: 1" in summary


def test_quiet_prints_nothing(chapter: Path) -> None:
    result = run("build", str(chapter), "-q")
    assert result.exit_code == 0
    assert result.output == ""
    assert chapter.with_suffix(".xhtml").is_file()


def test_rules_lists_every_rule_in_order() -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines() if line.strip()]
    assert listed == DEFAULT_CHAIN.names()
    for line in result.output.splitlines():
        assert len(line.split(None, 1)) == 2, f"rule without a summary: {line!r}"


def test_one_line_keeps_the_reason_of_a_long_message() -> None:
    from fanfmt.errors import one_line

    message = "/" + "deep/" * 100 + "ch1.txt: cannot read (Permission denied)"
    shown = one_line(message)
    assert len(shown) == 300
    assert shown.startswith("/deep/deep/")
    assert shown.endswith("ch1.txt: cannot read (Permission denied)")
    assert "\u2026" in shown
    assert one_line("short   message") == "short message"
    # a line break (in a file name) is escaped, so the line stays one line
    assert one_line("bad\nname.txt: gone") == "bad\\nname.txt: gone"
