"""Rebuild the real-world corpus from ``sources.tsv`` out of local git mirrors.

    python bench/realworld/fetch.py --mirrors /work/.mirror     # → bench/out/realworld-corpus
    python bench/realworld/fetch.py --mirrors /work/.mirror /work/devcorpus

The texts are other people's writing, so the repository keeps only where each one
comes from: a row of ``sources.tsv`` names the public GitHub repository, the path
and the commit. A mirror of ``owner/name`` is looked for as a bare git directory at
``MIRRORS/owner+name/repo`` (or ``.../repo/.git``, or ``MIRRORS/owner+name.git``);
each file is written as ``OUT/<id>.<ext>`` with ``git show <commit>:<path>``, byte
for byte. Rows whose mirror is missing are listed and skipped.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "out" / "realworld-corpus"


def rows(tsv: Path) -> list[dict[str, str]]:
    """The rows of ``sources.tsv`` (tab-separated, with a header; ``#`` lines skipped)."""
    with tsv.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def git_dir(mirrors: Path, repo: str) -> Path | None:
    """The bare git directory holding ``repo`` ("owner/name") under ``mirrors``, if any."""
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo" / ".git", base / "repo", base.with_suffix(".git"), base):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


_SUFFIXES = {".htm": ".html", ".xhtml": ".html", ".markdown": ".md", ".mkd": ".md"}
_BY_KIND = {"html": ".html", "markdown": ".md", "text": ".txt"}


def _suffix(row: dict[str, str]) -> str:
    """The corpus file's suffix, the one the scoreboard reads it by: ``.htm`` → ``.html``,
    ``.markdown`` → ``.md``; a path with none (or another) takes its row's kind's."""
    suffix = Path(row["path"]).suffix.lower()
    suffix = _SUFFIXES.get(suffix, suffix)
    if suffix in (".txt", ".html", ".md"):
        return suffix
    return _BY_KIND.get(row.get("kind", ""), suffix or ".txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--mirrors", type=Path, required=True, help="folder of git mirrors")
    parser.add_argument("--sources", type=Path, default=HERE / "sources.tsv")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = missing = 0
    for row in rows(args.sources):
        gd = git_dir(args.mirrors, row["repository"])
        if gd is None:
            print(f"skip {row['id']}: no mirror of {row['repository']}", file=sys.stderr)
            missing += 1
            continue
        shown = subprocess.run(
            ["git", f"--git-dir={gd}", "show", f"{row['commit']}:{row['path']}"],
            capture_output=True,
            check=False,
        )
        if shown.returncode != 0:  # a commit the mirror's snapshot does not hold
            print(
                f"skip {row['id']}: {shown.stderr.decode(errors='replace').strip()}",
                file=sys.stderr,
            )
            missing += 1
            continue
        (args.out / f"{row['id']}{_suffix(row)}").write_bytes(shown.stdout)
        written += 1
    print(f"{written} files written to {args.out}, {missing} skipped")
    return 0 if written else 1


if __name__ == "__main__":
    raise SystemExit(main())
