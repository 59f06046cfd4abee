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
3. both texts are reduced to their letters, digits and marks, aligned (difflib, a paragraph
   of the original at a time), and each mark of the original is compared with the mark at
   its place in the rebuilt text.

It prints, per language, the chapters whose language was detected wrongly, the marks
compared and the wrong ones per 1,000; apart from them (``other glyph``), the marks printed
in another of the language's styles in the same role (a Swiss ``«…»`` the author typed comes
out as German ``„…“``, an Italian ``“…”`` as ``«…»``): once straightened, a chapter no longer
says which style its author chose.
"""

from __future__ import annotations

import argparse
import bisect
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
_KEEP_RE = re.compile(rf"[^\w{MARKS}]+|_+")
_REACH = 4000
"""A paragraph of the original is looked for this many letters on from the last one."""
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]*>")
"""A tag of the HTML a Markdown chapter may hold (``<p>``): markup, not letters."""


def body(text: str) -> str:
    """The chapter without a Markdown front matter block."""
    return _FRONT_RE.sub("", text.replace("\r\n", "\n"))


def straighten(text: str, lang: str = "fr") -> str:
    """The text as if typed with straight quotes (see the module); the spaces inside
    guillemets go only in French (in German, ``gibt »er« ihr`` opens with ``»``)."""
    if lang == "fr":
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


def compare(
    original: str, output: str, styles: tuple[str, str] = ("", "")
) -> tuple[int, list[str], list[str]]:
    """(marks in ``original``, a line for each one ``output`` has otherwise, a line for each
    one it prints in another glyph of the same role).

    ``styles`` are the four marks (primary open and close, secondary open and close) the
    original types and the output prints: a German ``«`` the author typed that comes out
    ``„`` (both open a quotation) is another glyph, not a wrong mark; straight quotes say
    nothing of which of its language's styles the author used.

    Each paragraph of the original is found in the output by its first letters (marks left
    out), and aligned (difflib) with the stretch of the output from there, so a long chapter
    takes time in proportion to its length."""
    b = _KEEP_RE.sub("", _TAG_RE.sub(" ", output.replace("\\", "")))
    plain = "".join(c for c in b if c not in MARKS)
    at = [i for i, c in enumerate(b) if c not in MARKS]
    total = 0
    wrong: list[str] = []
    glyph: list[str] = []
    pos = 0
    for paragraph in re.split(r"\n\s*\n", original):
        a = _KEEP_RE.sub("", _TAG_RE.sub(" ", paragraph))  # <p>„Noch…: the tag is no text
        if not a:
            continue
        letters = "".join(c for c in a if c not in MARKS)
        lo = pos
        start = bisect.bisect_left(at, pos)
        # near where the last one ended: a short line ("Ja.") is found anywhere further on
        found = plain.find(letters[:24], start, start + _REACH + len(letters)) if letters else -1
        if found >= 0:  # from the marks that open the paragraph, not the last one's close
            lead = len(a) - len(a.lstrip(MARKS))
            lo = max(pos, at[found] - lead)
        window = b[lo : lo + len(a) + 40]
        matcher = difflib.SequenceMatcher(None, a, window, autojunk=False)
        where = [-1] * len(a)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                where[i1:i2] = range(j1, j2)
            elif op == "replace":
                # the marks of a stretch the output has otherwise, side by side, in order
                theirs = [j for j in range(j1, j2) if window[j] in MARKS + "\"'"]
                ours = [i for i in range(i1, i2) if a[i] in MARKS]
                for i, j in zip(ours, theirs, strict=False):
                    where[i] = j
        for i, ch in enumerate(a):
            if ch not in MARKS:
                continue
            total += 1
            j = where[i]
            got = window[j] if j >= 0 else ""
            if got != ch:
                line = f"{a[max(0, i - 12) : i]}[{ch}→{got or '∅'}]{a[i + 1 : i + 12]}"
                same = _roles(ch, styles[0]) & _roles(got, styles[1])
                (glyph if same else wrong).append(line)
        matched = [j for j in where if j >= 0]
        if found >= 0 and matched:
            pos = lo + matched[-1] + 1
    return total, wrong, glyph


def _roles(mark: str, style: str) -> set[int]:
    """Where ``mark`` stands in a four-mark ``style`` (0 opens the primary marks … 3 closes
    the secondary ones; ``’`` is also an apostrophe, role 3)."""
    found = {i for i, c in enumerate(style) if c == mark}
    return found | ({3} if mark == "’" else set())


def styles(original: str, lang: str) -> tuple[str, str]:
    """(the marks ``original`` types, those its language prints for straight quotes)."""
    from fanfmt.languages import typography
    from fanfmt.rules.quotes.typed import style

    typo = typography(lang)
    if typo is None:
        return "“”‘’", "“”‘’"
    standard = typo.primary[0] + typo.primary[1] + typo.secondary[0] + typo.secondary[1]
    return style(original, typo) or standard, standard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="wrong marks to show a language")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"no folder {args.folder}", file=sys.stderr)
        return 2
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    shown: dict[str, list[str]] = defaultdict(list)
    for path in sorted(args.folder.glob("*/*")):
        if path.suffix not in (".md", ".txt", ".html"):
            continue
        lang = path.parent.name
        original = body(path.read_text(encoding="utf-8"))
        fmt = {".md": "markdown", ".txt": "text", ".html": "html"}[path.suffix]
        output, found = rebuilt(straighten(original, lang), fmt)
        total, wrong, glyph = compare(original, output, styles(original, lang))
        row = totals[lang]
        row[0] += 1
        row[1] += found.split("-")[0] != lang
        row[2] += total
        row[3] += len(wrong)
        row[4] += len(glyph)
        if found.split("-")[0] != lang:
            shown[lang].append(f"{path.name}: detected {found}")
        shown[lang].extend(f"{path.name}: {w}" for w in wrong)
    heads = ("chapters", "misdetected", "marks", "wrong", "per 1000", "other glyph")
    print(f"{'lang':<5} " + " ".join(f"{h:>{max(len(h), 6)}}" for h in heads))
    for lang in sorted(totals):
        chapters, misdetected, marks, wrong, glyph = totals[lang]
        rate = 1000 * wrong / marks if marks else 0.0
        print(
            f"{lang:<5} {chapters:>8} {misdetected:>11} {marks:>6} {wrong:>6} {rate:>8.2f}"
            f" {glyph:>11}"
        )
        for line in shown[lang][: args.show]:
            print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
