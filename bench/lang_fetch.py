"""Rebuild the chapters ``bench/lang_marks.py`` measures, out of local git mirrors.

    python bench/lang_fetch.py --mirrors /work/.mirror              # → ../devcorpus-lang
    python bench/lang_fetch.py --mirrors /work/.mirror /tmp/lang     # another folder

Each row of ``bench/lang_sources.tsv`` names one file: its language, the name it is written
under (``OUT/<lang>/<file>``), the public GitHub repository, the path and the commit. The
texts are other people's writing, so the repository keeps only those rows; a mirror of
``owner/name`` is looked for as a bare git directory (see ``bench/realworld/fetch.py``), and
the file is written byte for byte. Rows whose mirror or commit is missing are listed and
skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.lang_marks import DEFAULT  # noqa: E402
from bench.realworld.fetch import git_dir, rows  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--mirrors", type=Path, required=True, help="folder of git mirrors")
    parser.add_argument("--sources", type=Path, default=HERE / "lang_sources.tsv")
    args = parser.parse_args(argv)
    written = skipped = 0
    for row in rows(args.sources):
        gd = git_dir(args.mirrors, row["repository"])
        blob = None
        if gd is not None:
            shown = subprocess.run(
                ["git", f"--git-dir={gd}", "show", f"{row['commit']}:{row['path']}"],
                capture_output=True,
            )
            blob = shown.stdout if shown.returncode == 0 else None
        if blob is None:
            print(f"skip {row['lang']}/{row['file']}: not in {row['repository']}", file=sys.stderr)
            skipped += 1
            continue
        target = args.out / row["lang"] / row["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
        written += 1
    print(f"{written} written to {args.out}, {skipped} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
