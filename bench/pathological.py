"""Pathological inputs: time and peak memory must grow linearly with the input's size.

Each case is built at a base size and at ten times that size, written to XHTML and
Markdown files as ``fanfmt build`` writes them (decode, read, every rule, both writers,
the atomic write) in a fresh process, and timed; the table shows the time ratio
(linear: about 10, and at most 12) and the peak memory (resident set) of the larger
run, which must stay under 100 MiB for a 4 MB input (25 times the input, counting the
interpreter and the imports). Most cases are plain text; ``tag-dense html`` and
``markdown line`` are read as HTML and Markdown, and ``lint prose`` is linted (as
``fanfmt lint`` does: the rules and every check) instead of built.

Times are the CPU time of the process (a machine busy with other work stretches the
wall clock, not that); ``--wall`` times by the wall clock.

    python bench/pathological.py               # 400 kB and 4 MB
    python bench/pathological.py --base 100000 # 100 kB and 1 MB (quicker)
    python bench/pathological.py --case dots   # one case
    python bench/pathological.py --repeat 1    # one run of each size (default: best of 2)
    python bench/pathological.py --case "lint prose" --base 5000000  # lint of 50 MB

Exit status 1 when a case is not linear (ratio > 12) or goes over 100 MiB at 4 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_RATIO = 12.0
MAX_MIB_AT_4MB = 100.0


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def no_line_break(size: int) -> str:
    return _repeat("She said, \"Don't go--\" and *ran*... It's fine. ", size)


def unmatched_quotes(size: int) -> str:
    return _repeat('He said "no. ', size)


def _framed(unit: str, size: int) -> str:
    """A run of ``unit`` between words: a file of nothing but punctuation is refused (no
    text to format), and the run is meant to go through every rule."""
    return f"She said {_repeat(unit, size - 20)} and left."


def only_quotes(size: int) -> str:
    return _framed("\"'", size)


def dots(size: int) -> str:
    return _framed(".", size)


def asterisks(size: int) -> str:
    return _framed("*", size)


def asterisk_openers(size: int) -> str:
    return _repeat("*a ", size)


def underscores(size: int) -> str:
    return _repeat("_a ", size)


def quote_openers(size: int) -> str:
    return _repeat("'a ", size)


def curly_openers(size: int) -> str:
    return _repeat("\u2018a ", size)


def one_open_quote(size: int) -> str:
    return "She said '" + _repeat("word ", size - 10)


def combining_marks(size: int) -> str:
    return _framed("\u0301", size)


def mojibake_line(size: int) -> str:
    return _repeat("caf\u00c3\u00a9 \u00e2\u20ac\u2122 ", size)


def dashes(size: int) -> str:
    return _repeat("a -- b - ", size)


def nested_quotes(size: int) -> str:
    depth = size // 8
    return "".join("\"a '" if i % 2 == 0 else "'b \"" for i in range(depth // 2))[:size]


def many_paragraphs(size: int) -> str:
    return _repeat("\"Hi,\" she said. 'Not again.' *Ugh.*\n\n", size)


def blank_line_runs(size: int) -> str:
    return _repeat("word\n\n\n\n\n", size)


def mojibake(size: int) -> str:
    return _repeat("She didn\u00e2\u20ac\u2122t know the caf\u00c3\u00a9.\n", size)


_PROSE = (
    "\"You said it was urgent,\" she said. 'Not here.' He glanced over his shoulder -- "
    "*they're watching* -- and shook his head... It wasn't the first time.\n\n"
    "The office was empty, the light dim; a café's sign blinked across the street.\n\n"
    "~*~\n\n"
)


def prose(size: int) -> str:
    """Ordinary paragraphs, dialogue and a scene break: a long chapter (for ``lint``)."""
    return _repeat(_PROSE, size)


def tag_dense_html(size: int) -> str:
    """A page of one-letter paragraphs: a tag every few characters."""
    return "<html><body>" + _repeat("<p>a</p>", size - 26) + "</body></html>"


def markdown_line(size: int) -> str:
    """One Markdown line with emphasis, escapes, links and code all along it."""
    return _repeat('She said, "Don\'t go--" and *ran*, **fast** \\* [away](x) `now`... ', size)


CASES: dict[str, Callable[[int], str]] = {
    "no line break": no_line_break,
    "unmatched quotes": unmatched_quotes,
    "only quotes": only_quotes,
    "dots": dots,
    "asterisks": asterisks,
    "asterisk openers": asterisk_openers,
    "underscore openers": underscores,
    "quote openers": quote_openers,
    "curly openers": curly_openers,
    "one open quote": one_open_quote,
    "combining marks": combining_marks,
    "dashes": dashes,
    "nested quotes": nested_quotes,
    "many paragraphs": many_paragraphs,
    "blank-line runs": blank_line_runs,
    "mojibake lines": mojibake,
    "mojibake line": mojibake_line,
    "lint prose": prose,
    "tag-dense html": tag_dense_html,
    "markdown line": markdown_line,
}
KINDS: dict[str, tuple[str, str]] = {
    "lint prose": ("txt", "lint"),
    "tag-dense html": ("html", "build"),
    "markdown line": ("md", "build"),
}
"""A case's input suffix and command, when not ``("txt", "build")``."""

_CHILD = textwrap.dedent(
    """
    import json, os, resource, sys, tempfile, time
    sys.path.insert(0, sys.argv[3])
    from bench.pathological import CASES, KINDS
    from fanfmt.build import build_file
    from fanfmt.lint import lint_file
    from fanfmt.options import Options
    name, size = sys.argv[1], int(sys.argv[2])
    suffix, command = KINDS.get(name, ("txt", "build"))

    def run(src, out):
        if command == "lint":
            lint_file(src, Options())
            return
        for to in ("xhtml", "markdown"):
            build_file(src, out + "." + to, to, Options())

    with tempfile.TemporaryDirectory() as tmp:
        warm, src = os.path.join(tmp, "warm." + suffix), os.path.join(tmp, "case." + suffix)
        with open(warm, "w", encoding="utf-8") as fh:
            fh.write(CASES[name](100))
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(CASES[name](size))
        run(warm, os.path.join(tmp, "warm"))  # imports and templates, not timed
        start, cpu = time.perf_counter(), time.process_time()
        run(src, os.path.join(tmp, "out"))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "mib": peak}))
    """
)


def measure(name: str, size: int, timeout: float) -> dict[str, float]:
    """Run one case in a fresh process: ``{"seconds": …, "mib": …}`` (peak resident set)."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, name, str(size), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"{name} at {size} bytes failed: {last}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def best(name: str, size: int, timeout: float, repeat: int, clock: str = "cpu") -> dict[str, float]:
    """The quickest of ``repeat`` runs by ``clock`` (``cpu`` or ``seconds``, the wall
    clock: a busy machine only ever adds time), and the largest peak memory of them."""
    runs = [measure(name, size, timeout) for _ in range(max(1, repeat))]
    return {"seconds": min(r[clock] for r in runs), "mib": max(r["mib"] for r in runs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=400_000, help="base size in bytes")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each size; the quickest counts"
    )
    parser.add_argument(
        "--wall", action="store_true", help="time by the wall clock, not the CPU time"
    )
    args = parser.parse_args(argv)
    clock = "seconds" if args.wall else "cpu"
    names = args.case or list(CASES)
    big = args.base * 10
    print(f"{'case':<20} {'time ' + _size(args.base):>12} {'time ' + _size(big):>12} "
          f"{'ratio':>6} {'peak MiB':>9}  verdict")  # fmt: skip
    failed = False
    for name in names:
        try:
            small = best(name, args.base, args.timeout, args.repeat, clock)
            large = best(name, big, args.timeout, args.repeat, clock)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"{name:<20} {'':>12} {'':>12} {'':>6} {'':>9}  FAIL ({exc})")
            failed = True
            continue
        ratio = large["seconds"] / max(small["seconds"], 1e-3)
        too_big = big >= 4_000_000 and large["mib"] > MAX_MIB_AT_4MB * big / 4_000_000
        verdict = "ok"
        if ratio > MAX_RATIO:
            verdict = "NOT LINEAR"
        if too_big:
            verdict = "TOO MUCH MEMORY" if verdict == "ok" else verdict + ", TOO MUCH MEMORY"
        failed |= verdict != "ok"
        print(f"{name:<20} {small['seconds']:>11.3f}s {large['seconds']:>11.3f}s "
              f"{ratio:>6.1f} {large['mib']:>9.1f}  {verdict}")  # fmt: skip
    return 1 if failed else 0


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n / 1000:g} kB"


if __name__ == "__main__":
    sys.exit(main())
