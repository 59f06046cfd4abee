"""Quotation marks of real chapters in other languages: straightened, rebuilt, compared.

    python bench/lang_marks.py                   # every chapter under ../devcorpus-lang
    python bench/lang_marks.py DIR --show 5      # another folder; show 5 wrong marks a language

The chapters live outside the repository (``devcorpus-lang`` beside it), one folder per
language (``de/``, ``fr/`` …), as their authors typed them with curly marks;
``bench/lang_sources.tsv`` says where each came from. For each chapter:

1. its marks are straightened: ``„ “ ” « »`` → ``"``, ``‚ ‘ ’ ‹ ›`` → ``'``, and the
   spaces inside guillemets and before ``; : ! ?`` (French) are made plain or taken out,
   as an author who typed straight quotes would have them;
2. the straight text is rebuilt with ``fanfmt`` (its language detected, ``--lang`` not
   given), to Markdown;
3. both texts are reduced to their letters, digits and marks, aligned (difflib), and each
   mark of the original is compared with the mark at its place in the rebuilt text.

It prints, per language, the chapters whose language was detected wrongly, the marks
compared and the wrong ones per 1,000.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PLACES = (ROOT.parent / "devcorpus-lang", ROOT.parent.parent / "devcorpus-lang")
DEFAULT = next((p for p in _PLACES if p.is_dir()), _PLACES[0])
"""``devcorpus-lang`` beside the repository (or beside its worktrees' folder)."""
DOUBLES = "„“”«»"
SINGLES = "‚‘’‹›"
MARKS = DOUBLES + SINGLES
_SPACES = "\u00a0\u202f\u2009"
_FRONT_RE = re.compile(r"\A---\n.*?\n---\n", re.S)
_KEEP_RE = re.compile(rf"[^\w{MARKS}]+")


def body(text: str) -> str:
    """The chapter without a Markdown front matter block."""
    return _FRONT_RE.sub("", text.replace("\r\n", "\n"))


def straighten(text: str) -> str:
    """The text as if typed with straight quotes (see the module)."""
    text = re.sub(f"([«‹])[ {_SPACES}]+", r"\1", text)
    text = re.sub(f"[ {_SPACES}]+([»›])", r"\1", text)
    text = re.sub(f"[{_SPACES}](?=[;:!?])", " ", text)
    return text.translate({**{ord(c): '"' for c in DOUBLES}, **{ord(c): "'" for c in SINGLES}})


def rebuilt(text: str, fmt: str) -> tuple[str, str]:
    """(the Markdown fanfmt makes of ``text``, the language it found)."""
    from fanfmt import convert
    from fanfmt.options import Options

    result = convert(text, "markdown", Options(from_format=fmt))  # type: ignore[arg-type]
    return result.text, result.document.meta.lang


def compare(original: str, output: str) -> tuple[int, list[str]]:
    """(marks in ``original``, a line for each one ``output`` has otherwise)."""
    a = _KEEP_RE.sub("", original)
    b = _KEEP_RE.sub("", output.replace("\\", ""))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    where = [-1] * len(a)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            where[block.a + k] = block.b + k
    total = 0
    wrong: list[str] = []
    for i, ch in enumerate(a):
        if ch not in MARKS:
            continue
        total += 1
        j = where[i]
        got = b[j] if j >= 0 else ""
        if got != ch:
            got = got or _nearest(a, b, i, where)
            wrong.append(f"{a[max(0, i - 12) : i]}[{ch}→{got or '∅'}]{a[i + 1 : i + 12]}")
    return total, wrong


def _nearest(a: str, b: str, i: int, where: list[int]) -> str:
    """The mark the output has about where the original has one it did not match."""
    before = next((where[k] for k in range(i - 1, max(-1, i - 20), -1) if where[k] >= 0), -1)
    if before >= 0 and before + 1 < len(b) and b[before + 1] in MARKS + "\"'":
        return b[before + 1]
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="wrong marks to show a language")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no folder {args.folder}", file=sys.stderr)
        return 2
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    shown: dict[str, list[str]] = defaultdict(list)
    for path in sorted(args.folder.glob("*/*")):
        if path.suffix not in (".md", ".txt", ".html"):
            continue
        lang = path.parent.name
        original = body(path.read_text(encoding="utf-8"))
        fmt = {".md": "markdown", ".txt": "text", ".html": "html"}[path.suffix]
        output, found = rebuilt(straighten(original), fmt)
        total, wrong = compare(original, output)
        row = totals[lang]
        row[0] += 1
        row[1] += found.split("-")[0] != lang
        row[2] += total
        row[3] += len(wrong)
        if found.split("-")[0] != lang:
            shown[lang].append(f"{path.name}: detected {found}")
        shown[lang].extend(f"{path.name}: {w}" for w in wrong)
    heads = ("chapters", "misdetected", "marks", "wrong", "per 1000")
    print(f"{'lang':<5} " + " ".join(f"{h:>{max(len(h), 6)}}" for h in heads))
    for lang in sorted(totals):
        chapters, misdetected, marks, wrong = totals[lang]
        rate = 1000 * wrong / marks if marks else 0.0
        print(f"{lang:<5} {chapters:>8} {misdetected:>11} {marks:>6} {wrong:>6} {rate:>8.2f}")
        for line in shown[lang][: args.show]:
            print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
