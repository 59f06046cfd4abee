"""Batch builds: folders, lists, worker processes, failures, ``--update``, progress and summary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.batch import BatchReport, Job, Outcome, build_job, build_many, chunk_size, plan
from fanfmt.build import build_file
from fanfmt.cli import cli
from fanfmt.options import Options
from fanfmt.progress import bar_layout

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with chapters at the top, in a folder tree, and some that are not."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(SAMPLES[0].read_bytes())
    (tmp_path / "b.txt").write_bytes(SAMPLES[1].read_bytes())
    story = tmp_path / "story"
    (story / "arc1").mkdir(parents=True)
    (story / ".drafts").mkdir()
    (story / "ch01.txt").write_bytes(SAMPLES[2].read_bytes())
    (story / "arc1" / "ch02.TXT").write_bytes(SAMPLES[3].read_bytes())
    (story / ".drafts" / "ch03.txt").write_bytes(SAMPLES[4].read_bytes())
    (story / ".hidden.txt").write_text("not a chapter\n", encoding="utf-8")
    (story / "notes.md").write_text("# not a chapter\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def with_bad(tree: Path) -> Path:
    """The tree plus a PDF, an empty file and a chapter, all in ``mixed/``."""
    mixed = tree / "mixed"
    mixed.mkdir()
    (mixed / "bad.txt").write_bytes(b"%PDF-1.4 not a chapter")
    (mixed / "empty.txt").write_bytes(b"   \n")
    (mixed / "good.txt").write_bytes(SAMPLES[0].read_bytes())
    return tree


def outputs(report: BatchReport) -> dict[str, str]:
    return {o.source: o.output for o in report.outcomes}


# -- planning ---------------------------------------------------------------------------------


def test_plan_mirrors_relative_paths(tree: Path) -> None:
    work = plan(["a.txt", "story", "story/ch01.txt"], "out")
    assert [(job.source, job.output) for job in work.jobs] == [
        ("a.txt", os.path.join("out", "a.xhtml")),
        (os.path.join("story", "ch01.txt"), os.path.join("out", "ch01.xhtml")),
        (os.path.join("story", "arc1", "ch02.TXT"), os.path.join("out", "arc1", "ch02.xhtml")),
        # named on its own, a file keeps the path it was given
        (os.path.join("story", "ch01.txt"), os.path.join("out", "story", "ch01.xhtml")),
    ]
    assert work.settled == ()


def test_plan_explicit_file_keeps_its_relative_path(tree: Path) -> None:
    work = plan(["story/ch01.txt", str(tree / "a.txt"), "story/../b.txt"], "out", to="markdown")
    assert [job.output for job in work.jobs] == [
        os.path.join("out", "story", "ch01.md"),
        os.path.join("out", "a.md"),
        os.path.join("out", "b.md"),
    ]


def test_plan_without_output_folder_writes_beside_inputs(tree: Path) -> None:
    work = plan(["story"], None)
    assert {job.output for job in work.jobs} == {
        os.path.join("story", "ch01.xhtml"),
        os.path.join("story", "arc1", "ch02.xhtml"),
    }


def test_two_inputs_never_write_the_same_output(tree: Path) -> None:
    (tree / "other").mkdir()
    (tree / "other" / "ch01.txt").write_bytes(SAMPLES[0].read_bytes())
    work = plan(["story", "other"], "out")
    assert len(work.jobs) == 2
    (clash,) = work.settled
    assert clash.status == "failed"
    assert clash.source == os.path.join("other", "ch01.txt")
    assert "would also be written by" in clash.reason
    assert os.path.join("story", "ch01.txt") in clash.reason


def test_a_folder_without_chapters_is_a_failure(tree: Path) -> None:
    (tree / "nothing").mkdir()
    work = plan(["nothing"], "out")
    assert work.jobs == ()
    assert [(o.source, o.status) for o in work.settled] == [("nothing", "failed")]
    assert "no chapter files" in work.settled[0].reason


def test_chunks_keep_both_workers_busy() -> None:
    assert chunk_size(1000, 2) == 16
    assert chunk_size(40, 2) == 3
    assert chunk_size(10, 2) == 1
    assert chunk_size(1, 8) == 1


# -- building ---------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_one_bad_file_never_stops_the_rest(with_bad: Path, workers: int) -> None:
    seen: list[Outcome] = []
    report = build_many(
        ["mixed", "a.txt", "missing.txt"], "out", workers=workers, on_outcome=seen.append
    )
    assert sorted(o.source for o in seen) == sorted(o.source for o in report.outcomes)
    status = {o.source: (o.status, o.exit_code) for o in report.outcomes}
    assert status == {
        os.path.join("mixed", "bad.txt"): ("failed", 3),
        os.path.join("mixed", "empty.txt"): ("failed", 3),
        os.path.join("mixed", "good.txt"): ("built", 0),
        "a.txt": ("built", 0),
        "missing.txt": ("failed", 3),
    }
    reasons = {o.source: o.reason for o in report.failures}
    assert reasons[os.path.join("mixed", "bad.txt")] == "this is a PDF file, not a text chapter"
    assert reasons["missing.txt"] == "no such file"
    assert all("\n" not in r for r in reasons.values())
    assert report.summary() == "2 built, 3 failed"
    assert not report.ok
    assert (with_bad / "out" / "good.xhtml").is_file()
    assert (with_bad / "out" / "a.xhtml").is_file()
    assert not (with_bad / "out" / "bad.xhtml").exists()


@pytest.mark.parametrize("to", ["xhtml", "markdown"])
def test_parallel_output_equals_a_single_build(tree: Path, to: str) -> None:
    report = build_many(["a.txt", "b.txt", "story"], "out", to=to, workers=2)
    assert report.ok
    assert report.summary() == "4 built, 0 failed"
    for outcome in report.outcomes:
        single = build_file(outcome.source, None, to, Options(), write=False)
        assert Path(outcome.output).read_text(encoding="utf-8") == single.text


def test_options_reach_every_worker(tree: Path) -> None:
    options = Options(dash_style="spaced", stylesheet="inline")
    (tree / "dashes.txt").write_text("He ran--fast.\n\nShe didn't--ever.\n", encoding="utf-8")
    report = build_many(["dashes.txt", "a.txt"], "out", options=options, workers=2)
    assert report.ok
    text = (tree / "out" / "dashes.xhtml").read_text(encoding="utf-8")
    assert "ran \u2014 fast" in text
    assert "<style>" in text
    assert not (tree / "out" / "fanfmt.css").exists()


def test_update_skips_chapters_whose_output_is_newer(tree: Path) -> None:
    first = build_many(["story"], "out", workers=1)
    assert first.summary() == "2 built, 0 failed"
    second = build_many(["story"], "out", workers=1, update=True)
    assert second.summary() == "0 built, 2 up to date, 0 failed"
    assert {o.status for o in second.outcomes} == {"skipped"}
    later = time.time() + 10
    os.utime(tree / "story" / "ch01.txt", (later, later))
    third = build_many(["story"], "out", workers=1, update=True)
    assert third.summary() == "1 built, 1 up to date, 0 failed"
    assert {o.source for o in third.outcomes if o.status == "built"} == {
        os.path.join("story", "ch01.txt")
    }


def test_build_job_turns_every_error_into_an_outcome(tree: Path) -> None:
    (tree / "out").mkdir()
    (tree / "out" / "a.xhtml").mkdir()  # a folder where the output should go
    outcome = build_job(Job("a.txt", os.path.join("out", "a.xhtml")))
    assert outcome.status == "failed"
    assert outcome.exit_code == 4
    assert outcome.reason.startswith(os.path.join("out", "a.xhtml"))


def test_summary_wording() -> None:
    built = [Outcome(f"{i}.txt", f"{i}.xhtml", "built") for i in range(37)]
    failed = Outcome("x.txt", "x.xhtml", "failed", "the file is empty (no text to format)", 3)
    report = BatchReport((*built, failed))
    assert report.summary() == "37 built, 1 failed"
    assert report.failures == (failed,)
    assert BatchReport().summary() == "0 built, 0 failed"


# -- command line -----------------------------------------------------------------------------


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["build", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_builds_files_and_folders_into_a_folder(tree: Path) -> None:
    code, out, err = run("a.txt", "b.txt", "story/", "-o", "out/", "-j", "2")
    assert (code, err) == (0, "")
    assert out == "4 built, 0 failed\n"
    for name in ("a.xhtml", "b.xhtml", "ch01.xhtml", "arc1/ch02.xhtml", "fanfmt.css"):
        assert (tree / "out" / name).is_file(), name


def test_cli_reports_each_failure_and_exits_1(with_bad: Path) -> None:
    code, out, err = run("mixed", "a.txt", "-o", "out", "-j", "1")
    assert code == 1
    assert out == "2 built, 2 failed\n"
    assert err.splitlines() == [
        f"fanfmt: error: {os.path.join('mixed', 'bad.txt')}: "
        "this is a PDF file, not a text chapter",
        f"fanfmt: error: {os.path.join('mixed', 'empty.txt')}: "
        "the file is empty (no text to format)",
    ]


def test_cli_quiet_prints_only_errors(with_bad: Path) -> None:
    code, out, err = run("mixed", "-o", "out/", "-q")
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 2


def test_cli_files_from_a_file_and_from_stdin(tree: Path) -> None:
    (tree / "list.txt").write_text("a.txt\n\nstory/ch01.txt\n", encoding="utf-8")
    code, out, _ = run("--files-from", "list.txt", "-o", "out/", "-t", "markdown")
    assert (code, out) == (0, "2 built, 0 failed\n")
    assert (tree / "out" / "story" / "ch01.md").is_file()
    code, out, _ = run("b.txt", "--files-from", "-", "-o", "out2/", stdin="story\n")
    assert (code, out) == (0, "3 built, 0 failed\n")
    assert (tree / "out2" / "arc1" / "ch02.xhtml").is_file()


def test_cli_one_file_into_an_existing_folder(tree: Path) -> None:
    (tree / "out").mkdir()
    code, out, _ = run("a.txt", "-o", "out")
    assert (code, out) == (0, "1 built, 0 failed\n")
    assert (tree / "out" / "a.xhtml").is_file()


def test_cli_one_file_still_builds_alone(tree: Path) -> None:
    code, out, _ = run("a.txt", "-o", "a.md")
    assert (code, out) == (0, "wrote a.md (markdown)\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "b.txt", "-o", "both.md"], "looks like a file"),
        (["a.txt", "-", "-o", "out/"], "cannot be one of several inputs"),
        (["a.txt", "b.txt", "-o", "-"], "cannot go to standard output"),
        (["a.txt", "b.txt", "-j", "0"], "-j"),
        (["--files-from", "no-such-list.txt"], "no-such-list.txt"),
    ],
)
def test_cli_batch_usage_errors_exit_2(tree: Path, args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err


# -- a batch never overwrites one of its own inputs ------------------------------------------

INPUT_PAGE = b"# Already here\n\nThe author's own page, not to be lost.\n"


def snapshot_files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("other", "args"),
    [
        ("a.md", ["-t", "markdown"]),
        ("a.xhtml", []),
        ("a.html", ["-t", "html"]),
        ("fanfmt.css", []),
        ("out/a.md", ["-o", "out/", "-t", "markdown"]),
    ],
    ids=["markdown", "xhtml", "html", "stylesheet", "output-folder"],
)
def test_batch_refuses_an_output_that_is_another_input_before_writing_anything(
    tree: Path, other: str, args: list[str]
) -> None:
    (tree / other).parent.mkdir(parents=True, exist_ok=True)
    (tree / other).write_bytes(INPUT_PAGE)
    before = snapshot_files(tree)
    code, out, err = run("a.txt", other, *args, "-j", "1")
    assert code == 2
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith(f"fanfmt: error: {other}: refusing to overwrite an input with ")
    assert snapshot_files(tree) == before  # inputs untouched byte for byte, nothing written


@pytest.mark.parametrize("link", ["symlink", "hard link"])
def test_batch_refuses_an_input_reached_through_a_link(tree: Path, link: str) -> None:
    (tree / "a.md").write_bytes(INPUT_PAGE)
    (tree / "pages").mkdir()
    alias = tree / "pages" / "page.md"
    if link == "symlink":
        alias.symlink_to(tree / "a.md")
    else:
        os.link(tree / "a.md", alias)
    before = snapshot_files(tree)
    code, _, err = run("a.txt", "pages/page.md", "-t", "markdown", "-j", "1")
    assert code == 2
    assert err.startswith("fanfmt: error: a.md: refusing to overwrite an input with the output")
    assert snapshot_files(tree) == before


def test_batch_refuses_a_chapter_written_over_itself_up_front(tree: Path) -> None:
    (tree / "a.md").write_bytes(INPUT_PAGE)
    before = snapshot_files(tree)
    code, _, err = run("a.md", "b.txt", "-t", "markdown", "-j", "1")
    assert code == 2
    assert err == (
        "fanfmt: error: a.md: refusing to overwrite an input with its own output "
        "(leave it out of the inputs, or give -o another folder)\n"
    )
    assert snapshot_files(tree) == before  # b.md is not built either


def test_batch_stylesheet_inline_may_take_a_fanfmt_css_input(tree: Path) -> None:
    (tree / "fanfmt.css").write_bytes(b"body { color: teal }\n")
    code, _, _ = run("a.txt", "fanfmt.css", "--stylesheet", "inline", "-j", "1")
    assert code == 1  # the stylesheet is not a chapter; a.txt is built
    assert (tree / "a.xhtml").is_file()
    assert (tree / "fanfmt.css").read_bytes() == b"body { color: teal }\n"


def test_build_many_refuses_an_output_that_is_an_input(tree: Path) -> None:
    from fanfmt.errors import ConfigError

    (tree / "a.md").write_bytes(INPUT_PAGE)
    with pytest.raises(ConfigError, match=r"a\.md: refusing to overwrite an input"):
        build_many(["a.txt", "a.md"], to="markdown", workers=1)
    assert (tree / "a.md").read_bytes() == INPUT_PAGE


def test_cli_update(tree: Path) -> None:
    assert run("story", "-o", "out/")[:2] == (0, "2 built, 0 failed\n")
    assert run("story", "-o", "out/", "--update")[:2] == (0, "0 built, 2 up to date, 0 failed\n")
    assert run("a.txt", "-u")[:2] == (0, "wrote a.xhtml (xhtml)\n")
    assert run("a.txt", "-u")[:2] == (0, "up to date: a.xhtml\n")


def test_cli_verbose_names_every_output(tree: Path) -> None:
    code, out, _ = run("story", "-o", "out/", "-v", "-j", "1")
    assert code == 0
    assert out.splitlines() == [
        f"wrote {os.path.join('out', 'ch01.xhtml')}",
        f"wrote {os.path.join('out', 'arc1', 'ch02.xhtml')}",
        "2 built, 0 failed",
    ]


# -- start-up: only what a build needs is imported --------------------------------------------

LAZY = ("markdown_it", "ftfy", "charset_normalizer", "dask", "distributed")
IMPORTS_AFTER_BUILD = """
import sys
from fanfmt.cli import main
sys.argv = ["fanfmt", "build", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(m for m in {lazy!r} if m in sys.modules))
"""


@pytest.mark.parametrize(
    "args", [["a.txt", "-q"], ["story", "-o", "out/", "-q", "-j", "1"], ["story", "-q", "-j", "2"]]
)
def test_a_build_imports_no_optional_library(tree: Path, args: list[str]) -> None:
    code = IMPORTS_AFTER_BUILD.format(lazy=LAZY)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
    assert done.stderr == ""


def test_import_fanfmt_is_light() -> None:
    code = "import sys, fanfmt; print(' '.join(m for m in ('click', 'jinja2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


# -- the progress bar: on a terminal only ------------------------------------------------------


def fanfmt_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "fanfmt", "build", *args]


def read_all(fd: int) -> Iterator[bytes]:
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO once the child has closed the terminal
            return
        if not chunk:
            return
        yield chunk


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_and_summary_on_a_terminal(with_bad: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(
        fanfmt_cmd("a.txt", "b.txt", "story", "mixed", "-o", "out/", "-j", "2"),
        stdin=child,
        stdout=child,
        stderr=child,
        close_fds=True,
    )
    os.close(child)
    screen = b"".join(read_all(main)).decode("utf-8", "replace")
    os.close(main)
    assert proc.wait(timeout=120) == 1
    assert "building" in screen
    assert "7/7" in screen
    assert "100%" in screen
    assert "\r" in screen  # the bar redraws in place
    assert "5 built, 2 failed" in screen
    assert "bad.txt: this is a PDF file, not a text chapter" in screen


_ESCAPE_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_progress_bar_fits_a_40_column_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    source = tmp_path / "story"
    source.mkdir()
    for n in range(1, 7):
        (source / f"ch{n}.txt").write_text(f'Chapter {n}\n\n"Run," she said.\n', "utf-8")
    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen(
        fanfmt_cmd(str(source), "-o", str(tmp_path / "out")),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # not the terminal: the bar is drawn on standard error
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    drawn = b"".join(read_all(master))
    os.close(master)
    assert proc.wait(timeout=120) == 0
    text = _ESCAPE_RE.sub("", drawn.decode("utf-8", "replace"))
    assert "building" in text
    assert "6/6" in text
    rows = [row for row in re.split(r"[\r\n]", text) if row.strip()]
    assert all(len(row) < 40 for row in rows), rows


@pytest.mark.parametrize("columns", [24, 30, 40, 50, 60, 80, 120, 300])
@pytest.mark.parametrize("length", [1, 9, 480, 12000])
def test_every_bar_layout_is_shorter_than_its_terminal(columns: int, length: int) -> None:
    layout = bar_layout(length, columns)
    if layout is None:  # not even the count and a bar one character wide fit
        assert len(f"building  [#]  {length}/{length}") >= columns
        return
    width, percent, eta = layout
    info = f"{length}/{length}" + ("  100%" if percent else "") + ("  1d 00:00:00" if eta else "")
    assert len(f"building  [{'#' * width}]  {info}") < columns
    if columns >= 100:
        assert layout == (36, True, True)  # wide: the whole bar and all it tells


def test_no_bar_on_a_terminal_too_narrow_for_one() -> None:
    assert bar_layout(480, 20) is None


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_no_progress_bar_on_a_pipe(with_bad: Path) -> None:
    done = subprocess.run(
        fanfmt_cmd("a.txt", "b.txt", "story", "mixed", "-o", "out/", "-j", "2"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == "5 built, 2 failed\n"
    assert "building" not in done.stderr
    assert "%" not in done.stderr
    assert "\r" not in done.stderr
    assert len(done.stderr.splitlines()) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_quiet_hides_the_bar_on_a_terminal(tree: Path) -> None:
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen(
        fanfmt_cmd("story", "-o", "out/", "-q"), stdin=child, stdout=child, stderr=child
    )
    os.close(child)
    screen = b"".join(read_all(main)).decode("utf-8", "replace")
    os.close(main)
    assert proc.wait(timeout=120) == 0
    assert screen == ""
