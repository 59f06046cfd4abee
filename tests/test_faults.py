"""Faults: a ``kill -9`` leaves no worker running and, on the next run, no temporary file.

* the ``-j`` workers of a batch die within seconds of their parent's ``kill -9``
* the next build into a folder removes fanfmt's own temporary files that a killed run
  left there (``.ch1.xhtml.fanfmt-<pid>-<hex>.tmp``, its process gone), and nothing else:
  not a live run's, not another program's ``.tmp``
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FANFMT = (sys.executable, "-m", "fanfmt")
CHAPTER = '"Run," she said. He ran, and the rain came down on the road.\n\n' * 400


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found.update(int(p) for p in text.split())
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or not sys.platform.startswith("linux"),
    reason="needs Linux /proc",
)
def test_batch_workers_die_when_the_build_is_killed(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for n in range(300):
        (story / f"ch{n:03}.txt").write_text(f"Chapter {n}\n\n{CHAPTER}", encoding="utf-8")
    main = subprocess.Popen(
        [*FANFMT, "build", str(story), "-o", str(tmp_path / "out"), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            workers = _children(main.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the batch never started its workers"
        main.send_signal(signal.SIGKILL)
        main.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
    finally:
        for w in _children(main.pid) if _alive(main.pid) else ():
            os.kill(w, signal.SIGKILL)
        if main.stdout is not None:
            main.stdout.close()
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == [], "workers outlived their parent"


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_a_killed_run_s_temporary_files_are_removed_on_the_next_run(tmp_path: Path) -> None:
    source = tmp_path / "ch1.txt"
    source.write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    ours = out / f".ch1.xhtml.fanfmt-{dead}-0a1b2c3d.tmp"
    other_chapter = out / f".ch9.xhtml.fanfmt-{dead}-0a1b2c3d.tmp"
    live = out / f".ch1.xhtml.fanfmt-{os.getpid()}-0a1b2c3d.tmp"
    theirs = [out / ".ch1.xhtml.0a1b2c3d.tmp", out / "notes.tmp", out / f"x.fanfmt-{dead}.tmp"]
    for path in (ours, other_chapter, live, *theirs):
        path.write_text("half a page", encoding="utf-8")
    done = subprocess.run(
        [*FANFMT, "build", str(source), "-o", str(out / "ch1.xhtml")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not ours.exists()
    assert not other_chapter.exists()
    assert live.exists()
    for path in theirs:
        assert path.exists(), path
    assert (out / "ch1.xhtml").exists()
