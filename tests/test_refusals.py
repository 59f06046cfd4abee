"""Refusals: each bad input or output gives one clear line, its exit code, and no leftovers.

Every case checks the message (``fanfmt: error: <path>: <reason>``, one line), the exit
code, that no output (nor a temporary file) was left, and that the input is unchanged.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fanfmt import build as build_module
from fanfmt import files
from fanfmt.cli import cli
from fanfmt.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, OutputError

CHAPTER = b'"Run," she said.\n\nHe ran.\n'
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
FANFMT = (sys.executable, "-m", "fanfmt")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args])


def one_error_line(result: Result, exit_code: int, *fragments: str) -> None:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fanfmt: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def leftovers(folder: Path) -> list[str]:
    """Output or temporary files in ``folder`` besides the ones a test made itself."""
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".md", ".xhtml", ".tmp"))


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    path = tmp_path / "chapter.txt"
    path.write_bytes(CHAPTER)
    return path


# -- bad inputs: exit 3 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "this is a PNG image, not a text chapter"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "this is a JPEG image, not a text chapter"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "this is a zip archive"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF file, not a text chapter"),
        (bytes(range(256)) * 16, "this is binary data, not a text chapter"),
        (b"", "the file is empty (no text to format)"),
        (b"   \n\n\t \r\n  ", "the file is empty (no text to format)"),
        (b"\x00\x00 \n\x00\t", "the file is empty (no text to format)"),
        (
            "\u200b\u200b\ufeff".encode(),
            "the file has no text, only invisible or control characters",
        ),
        (
            "\u200f\u200e\n\u200f\u00ad\u034f\u2061\ufe0f".encode(),
            "the file has no text, only invisible or control characters",
        ),
        (b"***\n\n* * *\n\n~~~\n", "no text to format (only separators"),
        (
            b"<html><body><nav></nav><script>var x = 1;</script><p>&nbsp;</p></body></html>",
            "no text to format (only separators, markup",
        ),
    ],
    ids=[
        "png",
        "jpeg",
        "zip",
        "pdf",
        "binary",
        "empty",
        "whitespace",
        "nul-whitespace",
        "zwsp",
        "bidi-marks-soft-hyphens",
        "only-separators",
        "page-without-text",
    ],
)
def test_bad_input_is_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    source = tmp_path / "chapter.txt"
    source.write_bytes(data)
    result = run(str(source), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, f"{source}: {reason}")
    assert leftovers(tmp_path) == []
    assert source.read_bytes() == data


def test_missing_input(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "nope.txt: no such file")
    assert leftovers(tmp_path) == []


def test_dangling_symlink_input(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    result = run(str(tmp_path / "link.txt"), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "link.txt: no such file")


@pytest.mark.skipif(IS_ROOT, reason="root can read any file")
def test_unreadable_input(chapter: Path, tmp_path: Path) -> None:
    chapter.chmod(0)
    try:
        result = run(str(chapter), "-o", str(tmp_path / "out.md"))
    finally:
        chapter.chmod(0o644)
    one_error_line(result, 3, "chapter.txt: permission denied")
    assert leftovers(tmp_path) == []


def test_device_input(tmp_path: Path) -> None:
    result = run("/dev/zero", "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "/dev/zero: not a regular file")
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_pipe_nothing_writes_to(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run(str(fifo), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "pipe: a pipe that nothing writes to")
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(CHAPTER,))
    writer.start()
    result = run(str(fifo), "-o", str(tmp_path / "out.md"))
    writer.join()
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "“Run,” she said.\n\nHe ran.\n"


def test_oversized_input(chapter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 10)
    result = run(str(chapter), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "chapter.txt: larger than")
    assert leftovers(tmp_path) == []


def test_nul_in_file_name(tmp_path: Path) -> None:
    result = run(str(tmp_path / "a\x00b.txt"), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "not a valid file name")


# -- the output would overwrite an input: exit 4 -------------------------------------------


def test_output_is_the_input(chapter: Path) -> None:
    result = run(str(chapter), "--to", "markdown", "-o", str(chapter))
    one_error_line(result, 4, f"{chapter}: refusing to overwrite the input")
    assert chapter.read_bytes() == CHAPTER


def test_output_is_the_input_through_a_symlink(chapter: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(chapter)
    result = run(str(chapter), "-o", str(link))
    one_error_line(result, 4, "link.md: refusing to overwrite the input")
    assert chapter.read_bytes() == CHAPTER
    assert link.is_symlink()


def test_output_is_the_input_through_dot_dot(chapter: Path, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    sneaky = f"{tmp_path}/sub/../{chapter.name}"
    result = run(str(chapter), "--to", "markdown", "-o", sneaky)
    one_error_line(result, 4, "refusing to overwrite the input")
    assert chapter.read_bytes() == CHAPTER


def test_output_is_the_input_through_a_hard_link(chapter: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin.md"
    os.link(chapter, twin)
    result = run(str(chapter), "-o", str(twin))
    one_error_line(result, 4, "twin.md: refusing to overwrite the input")
    assert chapter.read_bytes() == CHAPTER


def test_input_through_a_symlinked_folder(chapter: Path, tmp_path: Path) -> None:
    (tmp_path / "alias").symlink_to(tmp_path, target_is_directory=True)
    result = run(str(chapter), "--to", "markdown", "-o", str(tmp_path / "alias" / chapter.name))
    one_error_line(result, 4, "refusing to overwrite the input")
    assert chapter.read_bytes() == CHAPTER


def test_stylesheet_would_overwrite_the_input(tmp_path: Path) -> None:
    source = tmp_path / "fanfmt.css"
    source.write_bytes(CHAPTER)
    result = run(str(source), "-o", str(tmp_path / "out.xhtml"))
    one_error_line(result, 4, "fanfmt.css: refusing to overwrite the input")
    assert source.read_bytes() == CHAPTER
    assert leftovers(tmp_path) == []


# -- outputs that cannot be written: exit 4 -------------------------------------------------


def test_output_under_a_file(chapter: Path, tmp_path: Path) -> None:
    result = run(str(chapter), "-o", str(chapter) + "/out.md")
    one_error_line(result, 4, "out.md: cannot write")
    assert chapter.read_bytes() == CHAPTER


def test_output_folder_gets_the_chapter_inside(chapter: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out.md"
    folder.mkdir()
    result = run(str(chapter), "--to", "markdown", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert (folder / "chapter.md").is_file()
    assert chapter.read_bytes() == CHAPTER


def test_write_atomic_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder, not a file"):
        files.write_atomic(tmp_path, "text")


@pytest.mark.skipif(IS_ROOT, reason="root can write anywhere")
def test_read_only_output_folder(chapter: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run(str(chapter), "-o", str(locked / "out.md"))
    finally:
        locked.chmod(0o755)
    one_error_line(result, 4, "out.md: cannot write (Permission denied)")
    assert list(locked.iterdir()) == []


def test_missing_output_folders_are_created(chapter: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "out.md"
    result = run(str(chapter), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "“Run,” she said.\n\nHe ran.\n"


def test_failed_rename_keeps_the_old_output(
    chapter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.md"
    out.write_text("old\n", encoding="utf-8")

    def no_room(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    result = run(str(chapter), "-o", str(out))
    one_error_line(result, 4, "out.md: cannot write (No space left on device)")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == ["out.md"]


def test_interrupted_write_keeps_the_old_output(
    chapter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.md"
    out.write_text("old\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = run(str(chapter), "-o", str(out))
    one_error_line(result, EXIT_INTERRUPTED, "fanfmt: error: interrupted")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == ["out.md"]


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("old and much longer than the new text\n", encoding="utf-8")
    files.write_atomic(out, "new\n")
    assert out.read_text(encoding="utf-8") == "new\n"
    assert leftovers(tmp_path) == ["out.md"]


def test_write_atomic_error_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write") as info:
        files.write_atomic(tmp_path / "file" / "out.md", "new")
    assert "\n" not in str(info.value)


# -- unexpected errors: one line, exit 70 ---------------------------------------------------


def test_unexpected_error_is_one_line(
    chapter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("something\nunforeseen")

    monkeypatch.setattr(build_module, "read_input", broken)
    result = run(str(chapter), "-o", str(tmp_path / "out.md"))
    one_error_line(
        result,
        EXIT_INTERNAL,
        f"{chapter}: internal error (ValueError: something unforeseen); please report it",
    )
    assert leftovers(tmp_path) == []


def test_unexpected_error_outside_build_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import fanfmt.rules

    class Exploding:
        rules = property(lambda self: (_ for _ in ()).throw(RuntimeError("boom")))

        def names(self) -> list[str]:
            raise RuntimeError("boom")

    monkeypatch.setattr(fanfmt.rules, "DEFAULT_CHAIN", Exploding())
    result = CliRunner().invoke(cli, ["rules"])
    one_error_line(result, EXIT_INTERNAL, "internal error (RuntimeError: boom)")


# -- the installed command, in a real process ------------------------------------------------


def test_real_process_never_prints_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "image.txt"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = subprocess.run(
        [sys.executable, "-m", "fanfmt", "build", str(source), "-o", str(tmp_path / "o.md")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 3
    assert proc.stderr == f"fanfmt: error: {source}: this is a PNG image, not a text chapter\n"
    assert leftovers(tmp_path) == []


def test_real_process_closed_stdout(tmp_path: Path, chapter: Path) -> None:
    chapter.write_bytes(CHAPTER * 20000)
    proc = subprocess.run(
        f"{sys.executable} -m fanfmt build {chapter} --to markdown -o - | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr
    assert "Exception ignored" not in proc.stderr


# -- outputs that are not files ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_output_into_a_pipe_is_written_into_not_replaced(chapter: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(str(chapter), "-o", str(fifo), "--to", "xhtml")
    assert fifo.is_fifo()  # a file renamed over the pipe would have replaced it
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert '<span class="dialogue">\u201cRun,\u201d</span>' in received[0].decode()
    assert not (tmp_path / "fanfmt.css").exists()  # no stylesheet beside a pipe


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_full_standard_output_is_an_output_error(chapter: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "fanfmt", "build", str(chapter), "--to", "markdown", "-o", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert proc.returncode == 4
    assert proc.stderr.decode() == (
        "fanfmt: error: -: cannot write to standard output (No space left on device)\n"
    )


@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="no /proc here")
def test_a_name_for_standard_output_is_standard_output(chapter: Path, tmp_path: Path) -> None:
    # /proc/self/fd/1 stands for /dev/stdout here: a file cannot be renamed over it, so
    # this test cannot replace anything on the machine even if fanfmt got it wrong
    out = tmp_path / "captured.md"
    with open(out, "wb") as fh:
        proc = subprocess.run(
            [*FANFMT, "build", str(chapter), "--to", "markdown", "-o", "/proc/self/fd/1"],
            stdout=fh,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == "\u201cRun,\u201d she said.\n\nHe ran.\n"


def test_device_outputs_are_written_into() -> None:
    assert {"-", "/dev/stdout", "/dev/fd/1"} <= files.STDOUT_NAMES
    assert files.is_device("/dev/null")
    assert files.is_device("/dev/stdout") == os.path.exists("/dev/stdout")
    assert not files.is_device(__file__)


def test_output_through_a_link_writes_the_file_and_keeps_the_link(
    chapter: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = run(str(chapter), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "\u201cRun,\u201d she said.\n\nHe ran.\n"


def test_longest_legal_output_name_is_written(chapter: Path, tmp_path: Path) -> None:
    name = "n" * 249 + ".xhtml"  # 255 bytes: the file system's limit for one name
    result = run(str(chapter), "-o", str(tmp_path / name), "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).is_file()
    assert leftovers(tmp_path) == [name]


def test_a_long_path_keeps_the_reason_in_the_message(tmp_path: Path) -> None:
    deep = tmp_path / ("deep" * 20) / ("deeper" * 20) / ("deepest" * 20)
    deep.mkdir(parents=True)
    source = deep / "chapter.txt"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = run(str(source), "-o", str(tmp_path / "out.md"))
    one_error_line(result, 3, "this is a PNG image, not a text chapter", str(tmp_path)[:40])


def test_an_output_name_too_long_for_the_file_system(chapter: Path, tmp_path: Path) -> None:
    result = run(str(chapter), "-o", str(tmp_path / ("n" * 300 + ".xhtml")))
    one_error_line(result, 4, "cannot write (File name too long)")
    assert leftovers(tmp_path) == []
