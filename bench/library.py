"""A library of EPUBs rebuilt with ``-j 2`` against ``-j 1``: the ratio of wall times.

    python bench/library.py                 # 200 books, 3 rounds
    python bench/library.py --books 50 --rounds 2

It writes ``--books`` EPUBs under ``bench/out/library/`` (each three chapters of about
30 kB of the founding chapter's text, or of ``samples/*.txt`` when it is absent, made by
fanfmt itself, each with its own title), then runs
``fanfmt build LIBRARY -o OUT/ -j N`` as a whole process, ``-j 1`` and ``-j 2`` one after
the other, ``--rounds`` times. Each round gives a ratio (``-j 1`` time over ``-j 2``
time, both measured in that round, so a load that comes and goes on a shared machine
weighs on both alike); the row shows the median of the ratios. The runs print their
summary line (no ``-q``), as a user sees them.
The CPU time of the children gives a bound that other processes barely change: twice the
CPU time of ``-j 1`` over that of ``-j 2``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import OUT, Row, fanfmt_command, founding_text, print_table  # noqa: E402

LIBRARY = OUT / "library"
CHAPTERS_PER_BOOK = 3
CHAPTER_CHARS = 30_000
"""About the size of one chapter of a library book (cut at a paragraph)."""


def make_library(text: str, books: int) -> Path:
    """``books`` EPUBs under :data:`LIBRARY` (reused when the count matches)."""
    existing = sorted(LIBRARY.glob("*/*.epub")) if LIBRARY.is_dir() else []
    if len(existing) == books:
        return LIBRARY
    shutil.rmtree(LIBRARY, ignore_errors=True)
    from fanfmt.epub import render_epub
    from fanfmt.options import Options
    from fanfmt.pipeline import normalise

    cut = text.rfind("\n\n", 0, CHAPTER_CHARS)
    text = text[: cut if cut > 0 else CHAPTER_CHARS]
    chapters = []
    for n in range(1, CHAPTERS_PER_BOOK + 1):
        doc, _ = normalise(f"Chapter {n}\n\n{text}", Options(), from_format="text")
        chapters.append(doc)
    for i in range(books):
        options = Options(title=f"Library Book {i + 1}", author="Bench", rating="Teen")
        book = render_epub(chapters, options)
        shelf = LIBRARY / f"shelf{i // 50:02d}"
        shelf.mkdir(parents=True, exist_ok=True)
        (shelf / f"book{i + 1:04d}.epub").write_bytes(book.data)
    return LIBRARY


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and the children's CPU time of one whole ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return took, cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--books", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    text, source = founding_text()
    library = make_library(text, args.books)
    walls: dict[int, list[float]] = {1: [], 2: []}
    cpus: dict[int, list[float]] = {1: [], 2: []}
    ratios: list[float] = []
    for _ in range(args.rounds):
        for jobs in (1, 2):
            out = OUT / f"library-j{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            cmd = [*fanfmt_command(), "build", str(library), "-o", f"{out}/", "-j", str(jobs)]
            took, cpu = timed(cmd)
            walls[jobs].append(took)
            cpus[jobs].append(cpu)
        ratios.append(walls[1][-1] / walls[2][-1])
    ratio = statistics.median(ratios)
    bound = 2 * statistics.median(cpus[1]) / statistics.median(cpus[2])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    header = (
        f"fanfmt library bench — {args.books} EPUBs of {CHAPTERS_PER_BOOK} chapters "
        f"({source}); {os.cpu_count()} CPUs, load average {load}"
    )
    what = f"library: {args.books} EPUBs rebuilt, whole process"
    rows = [
        Row(
            what + ", -j 1",
            f"{statistics.median(walls[1]):.2f} s",
            f"{args.books / statistics.median(walls[1]):.1f} books/s",
        ),
        Row(
            what + ", -j 2",
            f"{statistics.median(walls[2]):.2f} s",
            f"median of {args.rounds} ratios {ratio:.2f}× "
            f"({', '.join(f'{r:.2f}' for r in ratios)}); bound from CPU time {bound:.2f}×",
            "≥ 1.7× faster than -j 1",
            ratio >= 1.7,
        ),
    ]
    print_table(rows, header)
    return 0


if __name__ == "__main__":
    sys.exit(main())
