"""Long inputs are read in memory that grows with them linearly, never more.

No clock: each run counts what it allocated at its peak (``tracemalloc``, in a fresh
process, after a warm-up run has done the imports and compiled the templates), or counts
the walks it made over a page. Times are in ``bench/pathological.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli

_PROSE = (
    "\"You said it was urgent,\" she said. 'Not here.' He glanced over his shoulder -- "
    "*they're watching* -- and shook his head... It wasn't the first time.\n\n"
    "The office was empty, the light dim; a café's sign blinked across the street.\n\n"
    "~*~\n\n"
)

_PEAK = textwrap.dedent(
    """
    import json, sys, tracemalloc
    from fanfmt.cli import cli
    warm, path, command, out = sys.argv[1:5]

    def run(src, dest):
        args = ["lint", src, "-q"] if command == "lint" else ["build", src, "-o", dest, "-q"]
        try:
            cli.main(args, prog_name="fanfmt", standalone_mode=False)
        except SystemExit:
            pass

    run(warm, out + ".warm.xhtml")
    tracemalloc.start()
    run(path, out + ".xhtml")
    print(json.dumps(tracemalloc.get_traced_memory()[1]))
    """
)


def _chapter(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    path.write_text((_PROSE * (size // len(_PROSE) + 1))[:size], encoding="utf-8")
    return path


def _peak(tmp_path: Path, command: str, size: int) -> int:
    """The peak of what ``fanfmt <command>`` allocated on a chapter of ``size`` bytes."""
    warm = _chapter(tmp_path, "warm.txt", 2000)
    path = _chapter(tmp_path, f"ch{size}.txt", size)
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK, str(warm), str(path), command, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    peak: int = json.loads(proc.stdout.strip().splitlines()[-1])
    return peak


@pytest.fixture(scope="module")
def peaks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], int]:
    tmp = tmp_path_factory.mktemp("peaks")
    return {
        (command, size): _peak(tmp, command, size)
        for command in ("lint", "build")
        for size in (100_000, 400_000)
    }


def test_lint_of_a_long_chapter_takes_no_more_memory_than_its_build(
    peaks: dict[tuple[str, int], int],
) -> None:
    """lint checks the chapter a piece at a time, as build writes it: not a whole built
    copy, a copy of its source lines and a second read of its layout on top."""
    assert peaks["lint", 400_000] <= 1.5 * peaks["build", 400_000]


def test_lint_memory_grows_linearly_with_the_chapter(peaks: dict[tuple[str, int], int]) -> None:
    small, large = peaks["lint", 100_000], peaks["lint", 400_000]
    assert large <= 5 * small  # four times the text: about four times the memory
    assert large <= 20 * 400_000  # and a small multiple of the text


def test_a_file_is_read_into_a_buffer_of_its_own_size(peaks: dict[tuple[str, int], int]) -> None:
    """(Not one of the input limit's size, whatever the file's.)"""
    assert peaks["build", 100_000] <= 40 * 100_000


def test_a_page_with_no_site_markers_is_read_without_searching_it_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of 5,000 tags: the site lookups (``#storytext``, ``#workskin`` …) are
    answered from one walk over the page, not a walk each."""
    from bs4.element import Tag

    walks: list[str] = []
    select_one, select = Tag.select_one, Tag.select

    def counted_select_one(self: Tag, selector: str, *args: object, **kwargs: object) -> object:
        walks.append(selector)
        return select_one(self, selector, *args, **kwargs)  # type: ignore[arg-type]

    def counted_select(self: Tag, selector: str, *args: object, **kwargs: object) -> object:
        walks.append(selector)
        return select(self, selector, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Tag, "select_one", counted_select_one)
    monkeypatch.setattr(Tag, "select", counted_select)
    src = tmp_path / "page.html"
    src.write_text("<html><body>" + "<p>a</p>" * 5000 + "</body></html>", encoding="utf-8")
    out = tmp_path / "page.xhtml"
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("<p>a</p>") == 5000
    assert walks == []


_PAGE_PEAK = textwrap.dedent(
    """
    import json, sys, tracemalloc
    from fanfmt.cli import cli
    from fanfmt.reader.html import stream
    warm, path, out, stream_chars = sys.argv[1:5]
    stream.STREAM_CHARS, stream.SLICE_CHARS = int(stream_chars), 4096

    def run(src, dest):
        try:
            cli.main(["build", src, "-o", dest, "-q"], prog_name="fanfmt", standalone_mode=False)
        except SystemExit:
            pass

    run(warm, out + ".warm.xhtml")
    tracemalloc.start()
    run(path, out + ".xhtml")
    print(json.dumps(tracemalloc.get_traced_memory()[1]))
    """
)


def test_a_long_page_of_short_tags_is_read_in_memory_a_small_multiple_of_it(
    tmp_path: Path,
) -> None:
    """5 MB of ``<p>a</p>`` once took 900 MiB, most of it the parser's tree of the whole
    page. A long page's body is read as it is parsed and let go; what is left is the
    chapter itself (a paragraph for every eight bytes here). Pages are sliced from 1 MiB
    on; here from 50 kB, to keep the run short, against the same page read whole."""
    size = 240_000
    warm, path = tmp_path / "warm.html", tmp_path / "page.html"
    warm.write_text("<html><body>" + "<p>a</p>" * 200 + "</body></html>", encoding="utf-8")
    path.write_text("<html><body>" + "<p>a</p>" * (size // 8) + "</body></html>", encoding="utf-8")

    def peak(stream_chars: int) -> int:
        out = tmp_path / f"out{stream_chars}"
        proc = subprocess.run(
            [sys.executable, "-c", _PAGE_PEAK, str(warm), str(path), str(out), str(stream_chars)],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / f"{out.name}.xhtml").read_text(encoding="utf-8").count("<p>a</p>") == (
            size // 8
        )
        value: int = json.loads(proc.stdout.strip().splitlines()[-1])
        return value

    sliced, whole = peak(50_000), peak(10**9)
    assert sliced <= 0.6 * whole
    assert sliced <= 80 * size  # the chapter: some 500 bytes a paragraph
