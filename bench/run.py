"""Benchmarks for fanfmt, printed as one table of figures, ratios and targets.

    python bench/run.py              # everything (a few minutes on two cores)
    python bench/run.py --quick      # fewer rounds

What it measures, on inputs it generates under ``bench/out/`` from the founding
chapter (``shared/corpus/return-of-darkness-ch7.txt`` beside the repository or a folder
above it; the repository's ``samples/*.txt`` stand in when it is absent):

* start-up: the whole ``fanfmt build CHAPTER`` process against a ``python -c``
  process that imports markdown-it-py and renders the same chapter with its
  typographer (commonmark preset, typographer on, replacements and smartquotes)
* throughput (MB/s) of ``fanfmt.convert`` on the chapter repeated 100 times
  (~4 MB) and 200 times (~8 MB), against markdown-it-py in the same run, and
  against a whole ``pandoc`` process when pandoc is installed
* peak memory (maximum resident set of a fresh process) converting the ~4 MB story
* a 1,000-chapter batch (``fanfmt build FOLDER -o OUT -q``) with ``-j 1`` and ``-j 2``

How, so that a busy machine skews the ratios as little as it can:

* the two sides of every comparison run alternately (A B A B …), and a ratio is the
  median of the per-round ratios, so a burst of load elsewhere falls on both sides of
  one round rather than on one side of the whole figure;
* fanfmt's ``.pyc`` files are compiled first and every child process may write them
  (``PYTHONDONTWRITEBYTECODE`` is removed from its environment), as a wheel install has
  them; one untimed run of each command warms the caches (compiled templates, the OS's
  file cache);
* the load average is printed before and after, and each figure says how many rounds
  it took.
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


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The environment of every child process: allowed to write ``.pyc`` files."""


def compile_pyc() -> None:
    """Compile fanfmt's ``.pyc`` files, as installing a wheel does."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "fanfmt")],
        check=True,
        stdout=subprocess.DEVNULL,
        env=CHILD_ENV,
    )


def run_once(cmd: Sequence[str]) -> float:
    """One whole-process wall-clock time of ``cmd``, in seconds."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=CHILD_ENV)
    return time.perf_counter() - start


def call_once(fn: Callable[[], object]) -> float:
    """One in-process call of ``fn``, in seconds, after a full collection."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(
    sides: Sequence[Callable[[], float]], rounds: int, before: Callable[[], None] | None = None
) -> list[list[float]]:
    """Each side's times over ``rounds`` rounds, the sides taking turns (A B A B …).

    ``before`` runs (untimed) before every timed call, to reset what a call leaves behind.
    """
    times: list[list[float]] = [[] for _ in sides]
    for _ in range(rounds):
        for i, side in enumerate(sides):
            if before is not None:
                before()
            times[i].append(side())
    return times


def ratio(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """The median of the per-round ratios ``ours[i] / theirs[i]``."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def peak_mib(path: Path, which: str) -> float:
    """Maximum resident set (MiB) of a fresh process that converts ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path), which],
        check=True,
        capture_output=True,
        text=True,
        env=CHILD_ENV,
    )
    return int(done.stdout.strip()) * 1024 / MIB


def mb(path: Path) -> float:
    """File size in MB (10^6 bytes), as throughput figures use."""
    return path.stat().st_size / 1e6


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def median_ms(times: Sequence[float]) -> str:
    return f"median {ms(statistics.median(times))}, best {ms(min(times))}"


def startup(paths: dict[str, Path], rounds: int, rows: list[Row]) -> None:
    chapter = paths["chapter"]
    ours_cmd = [*fanfmt_command(), "build", str(chapter), "-o", str(OUT / "chapter.xhtml"), "-q"]
    theirs_cmd = [sys.executable, "-c", MDIT_SCRIPT, str(chapter), str(OUT / "chapter.mdit.html")]
    run_once(ours_cmd), run_once(theirs_cmd)  # warm: compiled templates, the file cache
    ours, theirs = alternate([partial(run_once, ours_cmd), partial(run_once, theirs_cmd)], rounds)
    r = ratio(ours, theirs)
    rows.append(
        Row(
            "start-up: fanfmt build CHAPTER (whole process)",
            median_ms(ours),
            f"markdown-it-py process {median_ms(theirs)}; ratio {r:.2f}× ({rounds} rounds)",
            "≤ 1.2× markdown-it-py",
            r <= 1.2,
        )
    )


def throughput(paths: dict[str, Path], rounds: int, rows: list[Row]) -> None:
    from markdown_it import MarkdownIt

    from fanfmt import convert

    md = MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"])
    texts = {key: paths[key].read_text(encoding="utf-8") for key in ("4mb", "8mb")}
    convert(texts["4mb"][:100_000], "xhtml"), md.render(texts["4mb"][:100_000])  # warm
    sides = []
    for key in ("4mb", "8mb"):
        sides += [
            partial(call_once, partial(convert, texts[key], "xhtml")),
            partial(call_once, partial(md.render, texts[key])),
        ]
    ours4, theirs4, ours8, theirs8 = alternate(sides, rounds)
    pandoc = shutil.which("pandoc")
    for key, ours, theirs in (("4mb", ours4, theirs4), ("8mb", ours8, theirs8)):
        size = mb(paths[key])
        r = ratio(theirs, ours)  # how many times markdown-it-py's time fanfmt's is
        rate, mdit_rate = size / statistics.median(ours), size / statistics.median(theirs)
        compared = f"markdown-it-py {mdit_rate:.2f} MB/s; ratio {r:.2f}× ({rounds} rounds)"
        if pandoc:
            cmd = [pandoc, "-f", "markdown+smart", "-t", "html", str(paths[key]), "-o", os.devnull]
            pandoc_s = statistics.median(run_once(cmd) for _ in range(max(1, rounds // 2)))
            compared += f"; pandoc {size / pandoc_s:.2f} MB/s"
        target = "≥ 1.5× markdown-it-py (aim 2×)" if key == "4mb" else ""
        rows.append(
            Row(
                f"throughput: convert, {size:.1f} MB story",
                f"{rate:.2f} MB/s",
                compared,
                target,
                r >= 1.5 if key == "4mb" else None,
            )
        )
    scale = ratio(ours8, ours4)
    rows.append(
        Row(
            "scaling: 8 MB time / 4 MB time",
            f"{scale:.2f}× (median {statistics.median(ours8):.2f} s / "
            f"{statistics.median(ours4):.2f} s)",
            f"markdown-it-py {ratio(theirs8, theirs4):.2f}×",
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


def batch(paths: dict[str, Path], rounds: int, rows: list[Row]) -> None:
    folder = paths["chapters"]
    count = len(list(folder.glob("*/*.txt")))
    size = sum(p.stat().st_size for p in folder.glob("*/*.txt")) / 1e6
    out = OUT / "batch"
    cpu: dict[int, list[float]] = {1: [], 2: []}

    def run_jobs(jobs: int) -> float:
        cmd = [*fanfmt_command(), "build", str(folder), "-o", f"{out}/", "-q", "-j", str(jobs)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        took = run_once(cmd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[jobs].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return took

    def clear() -> None:
        shutil.rmtree(out, ignore_errors=True)

    one, two = alternate([partial(run_jobs, 1), partial(run_jobs, 2)], rounds, before=clear)
    clear()
    speedup = ratio(one, two)
    cpu1, cpu2 = statistics.median(cpu[1]), statistics.median(cpu[2])
    # the CPU work of -j 1 over that of -j 2 spread on two idle cores: an upper bound
    # that, unlike wall time, other processes on a shared machine barely change
    bound = 2 * cpu1 / cpu2 if cpu2 else 0.0
    what = f"batch: {count} chapters ({size:.1f} MB), whole process"
    t1, t2 = statistics.median(one), statistics.median(two)
    rows.append(
        Row(what + ", -j 1", f"{t1:.2f} s", f"{count / t1:.0f} chapters/s; {cpu1:.2f} CPU-s")
    )
    rows.append(
        Row(
            what + ", -j 2",
            f"{t2:.2f} s",
            f"{count / t2:.0f} chapters/s; {cpu2:.2f} CPU-s; speed-up {speedup:.2f}× "
            f"({rounds} rounds; bound from CPU time {bound:.2f}×)",
            "≥ 1.8× faster than -j 1",
            speedup >= 1.8,
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


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per comparison")
    parser.add_argument("--chapters", type=int, default=1000, help="chapters in the batch (1000)")
    parser.add_argument(
        "--only", choices=["startup", "throughput", "memory", "batch"], action="append"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the rows to this file")
    args = parser.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 5)
    text, source = founding_text()
    paths = generate(text, args.chapters)
    compile_pyc()
    load_before = load()
    rows: list[Row] = []
    only = set(args.only or ["startup", "throughput", "memory", "batch"])
    if "startup" in only:
        startup(paths, rounds * 4 + 1, rows)
    if "memory" in only:
        memory(paths, rows)
    if "throughput" in only:
        throughput(paths, rounds, rows)
    if "batch" in only:
        batch(paths, max(2, rounds - 2), rows)
    header = (
        f"fanfmt bench — input: {source} ({len(text.encode()) / 1000:.0f} kB); "
        f"{os.cpu_count()} CPUs, load average {load_before} before, {load()} after; "
        f"Python {sys.version.split()[0]}"
    )
    print_table(rows, header)
    if args.json:
        found = {"header": header, "rows": [r.__dict__ for r in rows]}
        args.json.write_text(json.dumps(found, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
