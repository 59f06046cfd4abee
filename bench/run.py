"""Benchmarks for fanfmt, printed as one table of figures, ratios and targets.

    python bench/run.py              # everything (about two minutes on two cores)
    python bench/run.py --quick      # fewer repeats, a 200-chapter batch

What it measures, on inputs it generates under ``bench/out/`` from the founding
chapter (``../shared/corpus/return-of-darkness-ch7.txt`` beside the repository;
the repository's ``samples/*.txt`` stand in when it is absent):

* start-up: the whole ``fanfmt build CHAPTER`` process against a ``python -c``
  process that imports markdown-it-py and renders the same chapter with its
  typographer (commonmark preset, typographer on, replacements and smartquotes)
* throughput (MB/s) of ``fanfmt.convert`` on the chapter repeated 100 times
  (~4 MB) and 200 times (~8 MB), against markdown-it-py in the same run, and
  against a whole ``pandoc`` process when pandoc is installed
* peak memory (maximum resident set of a fresh process) converting the ~4 MB story
* a 1,000-chapter batch (``fanfmt build FOLDER -o OUT -q``) with ``-j 1`` and ``-j 2``

Every figure is the best of ``--repeat`` runs (start-up: the median is shown too).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SHARED = next(
    (up / "shared" / "corpus" for up in ROOT.parents if (up / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
"""The shared corpus: beside the repository, or beside a folder that holds it."""
FOUNDING = SHARED / "return-of-darkness-ch7.txt"
MIB = 1024 * 1024

MDIT_SETUP = (
    "from markdown_it import MarkdownIt\n"
    "md = MarkdownIt('commonmark', {'typographer': True}).enable(['replacements', 'smartquotes'])\n"
)
MDIT_SCRIPT = MDIT_SETUP + (
    "import sys\n"
    "with open(sys.argv[1], encoding='utf-8') as fh:\n"
    "    html = md.render(fh.read())\n"
    "with open(sys.argv[2], 'w', encoding='utf-8') as fh:\n"
    "    fh.write(html)\n"
)
PEAK_SCRIPT = (
    "import sys\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "if sys.argv[2] == 'fanfmt':\n"
    "    from fanfmt import convert\n"
    "    convert(text, 'xhtml')\n"
    "else:\n"
    + "".join(f"    {line}\n" for line in MDIT_SETUP.splitlines())
    + "    md.render(text)\n"
    "try:\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
    "    print(int(status.split()[0]))\n"
    "except OSError:\n"
    "    import resource\n"
    "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)
"""Prints the process's peak resident set in KiB. Linux's VmHWM counts this process
alone; ``ru_maxrss`` would also count the parent it was spawned from."""


@dataclass
class Row:
    """One line of the table."""

    what: str
    figure: str
    compared: str = ""
    target: str = ""
    ok: bool | None = None


def founding_text() -> tuple[str, str]:
    """The founding chapter's text and a label saying where it came from."""
    if FOUNDING.is_file():
        return FOUNDING.read_text(encoding="utf-8"), FOUNDING.name
    samples = sorted((ROOT / "samples").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in samples) + "\n"
    return text, "samples/*.txt (founding chapter not found)"


def generate(text: str, chapters: int) -> dict[str, Path]:
    """Write the benchmark inputs under bench/out/ (reused when already there)."""
    OUT.mkdir(parents=True, exist_ok=True)
    paths = {
        "chapter": OUT / "chapter.txt",
        "4mb": OUT / "story-4mb.txt",
        "8mb": OUT / "story-8mb.txt",
    }
    body = text.strip("\n")
    wanted = {
        "chapter": text,
        "4mb": "\n\n".join([body] * 100) + "\n",
        "8mb": "\n\n".join([body] * 200) + "\n",
    }
    for key, content in wanted.items():
        path = paths[key]
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    folder = OUT / f"chapters-{chapters}"
    if not folder.is_dir() or len(list(folder.glob("*/*.txt"))) != chapters:
        shutil.rmtree(folder, ignore_errors=True)
        lines = [line for line in text.splitlines() if line.strip()]
        window = min(48, len(lines))
        for i in range(chapters):
            start = (i * 37) % max(1, len(lines) - window + 1)
            part = "\n\n".join(lines[start : start + window])
            path = folder / f"arc{i // 100:02d}" / f"ch{i:04d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"Chapter {i + 1}\n\n{part}\n", encoding="utf-8")
    paths["chapters"] = folder
    return paths


def fanfmt_command() -> list[str]:
    """The installed ``fanfmt`` script beside this Python, else ``python -m fanfmt``."""
    script = Path(sys.executable).parent / "fanfmt"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "fanfmt"]


def wall(cmd: Sequence[str], repeat: int) -> list[float]:
    """Whole-process wall-clock times of ``cmd``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` in-process calls, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(path: Path, which: str) -> float:
    """Maximum resident set (MiB) of a fresh process that converts ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path), which],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip()) * 1024 / MIB


def mb(path: Path) -> float:
    """File size in MB (10^6 bytes), as throughput figures use."""
    return path.stat().st_size / 1e6


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def startup(paths: dict[str, Path], repeat: int, rows: list[Row]) -> None:
    chapter = paths["chapter"]
    ours = wall(
        [*fanfmt_command(), "build", str(chapter), "-o", str(OUT / "chapter.xhtml"), "-q"], repeat
    )
    theirs = wall(
        [sys.executable, "-c", MDIT_SCRIPT, str(chapter), str(OUT / "chapter.mdit.html")], repeat
    )
    ok = statistics.median(ours) < statistics.median(theirs)
    rows.append(
        Row(
            "start-up: fanfmt build CHAPTER (whole process)",
            f"{ms(min(ours))} (median {ms(statistics.median(ours))})",
            f"markdown-it-py process {ms(min(theirs))} (median {ms(statistics.median(theirs))}); "
            f"ratio {statistics.median(ours) / statistics.median(theirs):.2f}×",
            "< markdown-it-py",
            ok,
        )
    )


def throughput(paths: dict[str, Path], repeat: int, rows: list[Row]) -> None:
    from markdown_it import MarkdownIt

    from fanfmt import convert

    md = MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"])
    texts = {key: paths[key].read_text(encoding="utf-8") for key in ("4mb", "8mb")}
    ours = {key: best(partial(convert, text, "xhtml"), repeat) for key, text in texts.items()}
    theirs = {key: best(partial(md.render, text), repeat) for key, text in texts.items()}
    pandoc = shutil.which("pandoc")
    for key in ("4mb", "8mb"):
        size = mb(paths[key])
        rate, mdit_rate = size / ours[key], size / theirs[key]
        compared = f"markdown-it-py {mdit_rate:.2f} MB/s; ratio {rate / mdit_rate:.2f}×"
        if pandoc:
            cmd = [pandoc, "-f", "markdown+smart", "-t", "html", str(paths[key]), "-o", os.devnull]
            pandoc_s = min(wall(cmd, max(1, repeat // 2)))
            compared += (
                f"; pandoc {size / pandoc_s:.2f} MB/s (ratio {rate / (size / pandoc_s):.2f}×)"
            )
        target = "≥ 4× markdown-it-py and ≥ 10 MB/s" if key == "4mb" else ""
        ok = rate >= 4 * mdit_rate and rate >= 10 if key == "4mb" else None
        rows.append(
            Row(
                f"throughput: convert, {size:.1f} MB story",
                f"{rate:.2f} MB/s",
                compared,
                target,
                ok,
            )
        )
    scale = ours["8mb"] / ours["4mb"]
    rows.append(
        Row(
            "scaling: 8 MB time / 4 MB time",
            f"{scale:.2f}× ({ours['8mb']:.2f} s / {ours['4mb']:.2f} s)",
            f"markdown-it-py {theirs['8mb'] / theirs['4mb']:.2f}×",
            "≤ 2.2×",
            scale <= 2.2,
        )
    )
    if not pandoc:
        rows.append(Row("pandoc", "not installed (skipped)"))


def memory(paths: dict[str, Path], rows: list[Row]) -> None:
    ours = peak_mib(paths["4mb"], "fanfmt")
    theirs = peak_mib(paths["4mb"], "mdit")
    rows.append(
        Row(
            "peak memory: convert the 4 MB story (process max RSS)",
            f"{ours:.0f} MiB",
            f"markdown-it-py {theirs:.0f} MiB",
            "≤ 100 MiB",
            ours <= 100,
        )
    )


def batch(paths: dict[str, Path], repeat: int, rows: list[Row]) -> None:
    folder = paths["chapters"]
    count = len(list(folder.glob("*/*.txt")))
    size = sum(p.stat().st_size for p in folder.glob("*/*.txt")) / 1e6
    times: dict[int, float] = {}
    cpu: dict[int, float] = {}
    for jobs in (1, 2):
        out = OUT / f"batch-j{jobs}"
        cmd = [*fanfmt_command(), "build", str(folder), "-o", f"{out}/", "-q", "-j", str(jobs)]
        runs = []
        for _ in range(repeat):
            shutil.rmtree(out, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs.append((min(wall(cmd, 1)), before))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[jobs] = min(
                cpu.get(jobs, float("inf")),
                after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            )
        times[jobs] = min(t for t, _ in runs)
    speedup = times[1] / times[2]
    # the CPU work of -j 1 over that of -j 2 spread on two idle cores: an upper bound
    # that, unlike wall time, other processes on a shared machine barely change
    bound = 2 * cpu[1] / cpu[2] if cpu[2] else 0.0
    what = f"batch: {count} chapters ({size:.1f} MB), whole process"
    rows.append(
        Row(
            what + ", -j 1",
            f"{times[1]:.2f} s",
            f"{count / times[1]:.0f} chapters/s; {cpu[1]:.2f} CPU-s",
        )
    )
    rows.append(
        Row(
            what + ", -j 2",
            f"{times[2]:.2f} s",
            f"{count / times[2]:.0f} chapters/s; {cpu[2]:.2f} CPU-s; speed-up {speedup:.2f}× "
            f"(bound from CPU time {bound:.2f}×)",
            "≥ 1.7× faster than -j 1",
            speedup >= 1.7,
        )
    )


def print_table(rows: list[Row], header: str) -> None:
    print(header)
    columns = ("measure", "figure", "compared", "target", "met")
    cells = [
        (r.what, r.figure, r.compared, r.target, "" if r.ok is None else ("yes" if r.ok else "NO"))
        for r in rows
    ]
    widths = [max(len(columns[i]), *(len(c[i]) for c in cells)) for i in range(len(columns))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*columns))
    print(line.format(*("-" * w for w in widths)))
    for c in cells:
        print(line.format(*c))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 200 chapters")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (best is kept)")
    parser.add_argument("--chapters", type=int, default=None, help="chapters in the batch (1000)")
    parser.add_argument(
        "--only", choices=["startup", "throughput", "memory", "batch"], action="append"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the rows to this file")
    args = parser.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 3)
    chapters = args.chapters or (200 if args.quick else 1000)
    text, source = founding_text()
    paths = generate(text, chapters)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    header = (
        f"fanfmt bench — input: {source} ({len(text.encode()) / 1000:.0f} kB); "
        f"{os.cpu_count()} CPUs, load average {load}; Python {sys.version.split()[0]}"
    )
    rows: list[Row] = []
    only = set(args.only or ["startup", "throughput", "memory", "batch"])
    if "startup" in only:
        startup(paths, max(repeat * 5, 11), rows)
    if "memory" in only:
        memory(paths, rows)
    if "throughput" in only:
        throughput(paths, repeat, rows)
    if "batch" in only:
        batch(paths, max(1, repeat - 1), rows)
    print_table(rows, header)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
