"""Every output fanfmt makes from a fixed set of inputs, to compare byte for byte.

    python bench/snapshot.py bench/out/before           # write the snapshot
    python bench/snapshot.py bench/out/after --compare bench/out/before

A refactor that must not change any output is checked by taking a snapshot before it
and comparing one taken after it. The inputs are the samples, the test chapters
(HTML and Markdown), and, where ``../shared`` is beside the repository, the founding
chapter and the Gutenberg novel. For each input it records:

* ``build`` in every format (xhtml, markdown, html, ao3 as one paste and as its kit's
  files, ffn, and EPUB with ``SOURCE_DATE_EPOCH`` set), with ``--notes keep``, ``end``
  and ``omit``;
* what ``build -v`` prints, what ``lint --format json`` and ``diff`` print,
  and the exit code of each.

It runs the commands in this process through click's ``CliRunner`` (one process is
far quicker than hundreds), so it needs fanfmt importable.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (up / "shared" / "corpus" for up in ROOT.parents if (up / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
"""The shared corpus: beside the repository, or beside a folder that holds it."""
FORMATS = {
    "xhtml": ".xhtml",
    "markdown": ".md",
    "html": ".html",
    "ao3": ".ao3.html",
    "ffn": ".ffn.html",
}
ONE_FILE = {"ao3": ["--ao3", "single"]}
"""The AO3 single paste is one file; its kit (a folder) is recorded file by file."""
NOTES = ("keep", "end", "omit")


def inputs() -> list[Path]:
    """The chapters the snapshot is made from, in a fixed order."""
    found = sorted((ROOT / "samples").glob("*.txt"))
    found += sorted((ROOT / "tests" / "data").glob("*/*"))
    for extra in (
        "return-of-darkness-ch7.txt",
        "prose/pride_and_prejudice_pg1342_straight_crlf.txt",
    ):
        if (SHARED / extra).is_file():
            found.append(SHARED / extra)
    return found


def snapshot(out: Path) -> int:
    """Write every output into ``out``; return how many files were written."""
    out = out.resolve()
    from click.testing import CliRunner

    from fanfmt.cli import cli

    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    runner = CliRunner()
    out.mkdir(parents=True, exist_ok=True)
    count = 0

    def run(name: str, args: list[str]) -> None:
        nonlocal count
        result = runner.invoke(cli, args, catch_exceptions=True)
        text = f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        (out / name).write_text(text, encoding="utf-8")
        count += 1

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        here = Path.cwd()
        os.chdir(work)  # relative paths, so no output names the temporary folder
        for src in inputs():
            stem = f"{src.parent.name}-{src.name}"
            local = Path(src.name)
            shutil.copyfile(src, local)
            for notes in NOTES:
                for fmt, suffix in FORMATS.items():
                    target = Path(f"{stem}.{notes}{suffix}")
                    run(
                        f"{stem}.{notes}.{fmt}.log",
                        [
                            "build",
                            str(local),
                            "--no-config",
                            "-o",
                            str(target),
                            "--notes",
                            notes,
                            "-q",
                            *ONE_FILE.get(fmt, []),
                        ],
                    )
                    if target.exists():
                        shutil.copyfile(target, out / target.name)
                        count += 1
                kit = Path(f"{stem}.{notes}.ao3")
                run(
                    f"{stem}.{notes}.ao3-kit.log",
                    [
                        "build",
                        str(local),
                        "--no-config",
                        "-o",
                        str(kit),
                        "--to",
                        "ao3",
                        "--notes",
                        notes,
                        "-q",
                    ],
                )
                for part in sorted(kit.glob("*")) if kit.is_dir() else []:
                    shutil.copyfile(part, out / f"{kit.name}.{part.name}")
                    count += 1
                epub = Path(f"{stem}.{notes}.epub")
                run(
                    f"{stem}.{notes}.epub.log",
                    ["build", str(local), "--no-config", "-o", str(epub), "--notes", notes, "-q"],
                )
                if epub.exists():
                    shutil.copyfile(epub, out / epub.name)
                    count += 1
            run(f"{stem}.verbose.log", ["build", str(local), "--no-config", "-v", "-o", "v.xhtml"])
            run(f"{stem}.lint.json", ["lint", str(local), "--no-config", "--format", "json"])
            run(f"{stem}.diff.log", ["diff", str(local), "--no-config"])
            run(
                f"{stem}.stdout-md.log",
                ["build", str(local), "--no-config", "--to", "markdown", "-o", "-"],
            )
            local.unlink()
        os.chdir(here)
    return count


def compare(left: Path, right: Path) -> int:
    """Print every file that differs or is missing; return how many."""
    names = sorted({p.name for p in left.iterdir()} | {p.name for p in right.iterdir()})
    bad = 0
    for name in names:
        a, b = left / name, right / name
        if not a.exists() or not b.exists():
            print(f"only in {'right' if not a.exists() else 'left'}: {name}")
            bad += 1
        elif not filecmp.cmp(a, b, shallow=False):
            print(f"differs: {name}")
            bad += 1
    print(f"{len(names)} files compared, {bad} differ")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    print(f"{snapshot(args.out)} files written to {args.out}")
    return 1 if args.compare and compare(args.compare, args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
