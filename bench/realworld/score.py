"""Scoreboard: fanfmt's structure recognition against hand labels of real chapters.

    python bench/realworld/score.py                      # corpus in /work/devcorpus
    python bench/realworld/score.py bench/out/realworld-corpus -v
    python bench/realworld/score.py --only ffn-3384712 --show

Every file named in ``labels.json`` is built twice, ``build FILE -o x.xhtml`` and the
same with ``--notes omit`` (in this process, through click's ``CliRunner``), and the
XHTML is compared with the labels, which are facts and counts only:

* ``title`` / ``heading``: the story title and the chapter heading a reader should
  see (``null``: there is none); ``<title>`` must be one of them, never a file name;
* ``breaks``: scene breaks; ``ornaments``: rows in the source that must become breaks;
* ``notes_before`` / ``notes_after``: author's-note blocks; ``disclaimer``: present;
* ``paragraphs``: story paragraphs, within ``tolerance`` (default 10 %, at least 3);
* ``furniture``: site or transport strings that must not be in the story body;
* ``whole_words``: words the source breaks (hard-wrap hyphens) that must come out whole;
* ``not_paragraphs``: lines that must not be a story paragraph of their own (a title
  repeated in the text, an ornament at the very start or end).

When a file has no title and no heading anywhere in its text (``title`` and
``heading`` both ``null``), a ``<title>`` made of its cleaned file name is the
intended fallback and only a minor note; a raw path, or the file name where the
text does name a title, is still a major defect.

A file has a *major* defect when its heading or title is wrong, duplicated or missing,
site or transport text is in the story, paragraphs are merged or split wholesale
(found < half or > 1.6 × the label), more than one break is false or missed, an
ornament row is left as text, or a listed word is damaged. Everything else is minor.
The labels were made by reading the sources, not fanfmt's output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path("/work/devcorpus")
XHTML = "{http://www.w3.org/1999/xhtml}"
Label = dict[str, Any]
NOT_STORY = {"metadata", "scene-break", "story-title", "byline", "disclaimer", "legend"}


@dataclass
class Found:
    """What one XHTML output holds, as far as the labels ask."""

    title: str = ""
    heading: str = ""
    story_title: str = ""
    breaks: int = 0
    notes_before: int = 0
    notes_after: int = 0
    disclaimer: bool = False
    paragraphs: list[str] = field(default_factory=list)
    set_apart: set[str] = field(default_factory=set)
    """Captions and furniture rows (``The End``): shown, but as no paragraph of the story."""
    notes_text: str = ""


def norm(text: str) -> str:
    """Fold case, quotes, dashes and spacing: 'Chapter 1 – “Hi”' → 'chapter 1 - "hi"'."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("‘’ʼ`", "'"), ("“”«»„", '"'), ("–—―‐", "-")):
        text = re.sub(f"[{a}]", b, text)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return text.strip(" .:-")


def words(text: str) -> str:
    """Only letters and digits, single-spaced: 'Ch. 1: A-B' → 'ch 1 a b'."""
    return " ".join(re.findall(r"[^\W_]+", norm(text)))


def fold(text: str) -> str:
    """Like :func:`norm` but keeping end punctuation: 'Rated: ' → 'rated:'."""
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("‘’ʼ`", "'"), ("“”«»„", '"'), ("–—―‐", "-")):
        text = re.sub(f"[{a}]", b, text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def visible(text: str) -> str:
    """What a reader sees of a source line: '***...~AIV~...***' → '...~aiv~...', '* * *' → '***'."""
    folded = fold(text).replace(" ", "")
    bare = re.sub(r"[*_]", "", folded)
    return bare if bare.strip(".~-") else folded


def has_phrase(text: str, phrase: str) -> bool:
    """Is ``phrase`` in ``text`` as whole words? ('Rated:' is not in 'frustrated:')."""
    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", fold(text)) is not None


def text_of(elem: ET.Element) -> str:
    """The element's text, a ``<br/>`` read as the line end it is (not as nothing)."""
    parts: list[str] = [elem.text or ""]
    for child in elem:
        parts.append("\n" if child.tag == f"{XHTML}br" else text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def parse(xhtml: str) -> Found:
    """Read the parts of a fanfmt XHTML chapter that the labels speak of."""
    root = ET.fromstring(xhtml.encode("utf-8"))
    found = Found()
    title = root.find(f"{XHTML}head/{XHTML}title")
    found.title = text_of(title) if title is not None else ""
    body = root.find(f"{XHTML}body")
    if body is None:
        return found
    note_parts: list[str] = []

    def walk(elem: ET.Element, in_note: bool) -> None:
        tag = elem.tag.removeprefix(XHTML)
        classes = set((elem.get("class") or "").split())
        if tag == "aside" and "author-note" in classes:
            note = norm(text_of(elem))
            note_parts.append(text_of(elem))
            if re.search(r"disclaim|(don'?t|do not) own|belongs? to", note):
                found.disclaimer = True
                if len(note) < 300 and not re.search(r"a/n|author'?s note|thank", note):
                    return  # a disclaimer on its own is not an author's note
            if "after" in classes:
                found.notes_after += 1
            else:
                found.notes_before += 1
            return
        if tag == "h1" and not found.heading:  # the first chapter's (a whole work has more)
            parts = [text_of(s) for s in elem if s.tag.removeprefix(XHTML) == "span"]
            found.heading = ": ".join(p for p in parts if p.strip()) or text_of(elem)
            return
        if tag == "hr" and "scene-break" in classes:
            found.breaks += 1
            return
        if tag == "p":
            if "scene-break" in classes:
                found.breaks += 1
            elif "story-title" in classes:
                found.story_title = text_of(elem)
            elif "disclaimer" in classes:
                found.disclaimer = True
            elif not classes & NOT_STORY:
                found.paragraphs.append(text_of(elem))
                if classes & {"scene-heading", "furniture"}:  # a caption, "The End"
                    found.set_apart.add(text_of(elem))
            return
        for child in elem:
            walk(child, in_note)

    walk(body, False)
    found.notes_text = "\n".join(note_parts)
    return found


@dataclass
class Verdict:
    """The comparison of one file with its label."""

    ident: str
    kind: str
    cells: dict[str, str] = field(default_factory=dict)
    major: list[str] = field(default_factory=list)
    minor: list[str] = field(default_factory=list)
    seconds: float = 0.0


def matches(expected: str | list[str] | None, got: str) -> bool:
    """Does ``got`` say the expected text (or one of several)? ``None`` wants nothing."""
    options = [expected] if isinstance(expected, str) or expected is None else expected
    return any(words(e) == words(got) if e is not None else not got.strip() for e in options)


def is_path(title: str) -> bool:
    """'/tmp/a.txt', 'C:\\x', 'ch7.html' are file names; 'Trio/Reader: Part 2/2' is not."""
    return bool(
        title.startswith(("/", "./", "~"))
        or re.match(r"[A-Za-z]:\\", title)
        or re.search(r"\.(txt|html?|md|xhtml|text)$", title.strip(), re.IGNORECASE)
    )


def check_heading(label: Label, f: Found, v: Verdict, stem: str) -> None:
    want = label.get("heading")
    if want is None and label.get("title") is not None:
        want = [None, label["title"]]  # a one-shot: its title, shown as its heading, is right
    first = [words(p) for p in f.paragraphs[:3]]
    if not matches(want, f.heading):
        what = "missing" if want and not f.heading else "wrong"
        v.major.append(f"heading {what}: {f.heading!r} (want {want!r})")
    elif f.heading and words(f.heading) in first:
        v.major.append(f"heading duplicated in body: {f.heading!r}")
    want_title = label.get("title")
    if want_title is not None and f.story_title and not matches(want_title, f.story_title):
        v.major.append(f"story title wrong: {f.story_title!r} (want {want_title!r})")
    wanted = [x for x in (want_title, want) for x in ([x] if isinstance(x, str) else x or []) if x]
    title = f.title.strip()
    if is_path(title):
        v.major.append(f"<title> is a file name: {title!r}")
    elif words(title) == words(stem) and not wanted:
        v.minor.append(f"<title> from the file name (the text names none): {title!r}")
    elif words(title) == words(stem):
        v.major.append(f"<title> is a file name: {title!r}")
    elif wanted and not any(words(w) and words(w) in words(title) for w in wanted):
        v.major.append(f"<title> wrong: {title!r}")
    v.cells["head"] = "ok" if not v.major else "BAD"


def check_counts(label: Label, f: Found, v: Verdict) -> None:
    want = int(label.get("breaks", 0))
    v.cells["breaks"] = f"{f.breaks}/{want}"
    if abs(f.breaks - want) > 1:
        v.major.append(f"breaks {f.breaks}, want {want}")
    elif f.breaks != want:
        v.minor.append(f"breaks {f.breaks}, want {want}")
    nb, na = int(label.get("notes_before", 0)), int(label.get("notes_after", 0))
    v.cells["notes"] = f"{f.notes_before}+{f.notes_after}/{nb}+{na}"
    if (f.notes_before, f.notes_after) != (nb, na):
        v.minor.append(f"notes {f.notes_before}+{f.notes_after}, want {nb}+{na}")
    if "disclaimer" in label and bool(label["disclaimer"]) != f.disclaimer:
        v.minor.append(f"disclaimer found={f.disclaimer}, want {label['disclaimer']}")
    want_p = int(label.get("paragraphs", 0))
    got_p = len(f.paragraphs)
    v.cells["paras"] = f"{got_p}/{want_p}"
    if want_p:
        tolerance = int(label.get("tolerance", max(3, round(want_p * 0.1))))
        if got_p < want_p * 0.5 or got_p > want_p * 1.6:
            v.major.append(f"paragraphs {got_p}, want {want_p}: merged or split wholesale")
        elif abs(got_p - want_p) > tolerance:
            v.minor.append(f"paragraphs {got_p}, want {want_p}±{tolerance}")


def check_text(label: Label, f: Found, v: Verdict) -> None:
    body = "\n".join(f.paragraphs)
    leaks = [s for s in label.get("furniture", []) if has_phrase(body, s)]
    if leaks:
        v.major.append(f"furniture in story: {leaks}")
    shown = {visible(p) for p in f.paragraphs if p not in f.set_apart}  # a caption is shown
    for row in label.get("not_paragraphs", []):  # as a section's title, "The End" as the
        # story's last line (furniture): not as a paragraph of the story
        if visible(row) in shown:
            v.major.append(f"heading or edge row left as a paragraph: {row!r}")
    for row in label.get("ornaments", []):
        if visible(row) in shown:
            v.major.append(f"ornament left as text: {row!r}")
    everything = norm(body + "\n" + f.notes_text)
    damaged = [
        w
        for w in label.get("whole_words", [])
        if not re.search(rf"\b{re.escape(norm(w))}\b", everything)
    ]
    if damaged:
        v.major.append(f"damaged words: {damaged}")
    v.cells["text"] = "ok" if not (leaks or damaged) else "BAD"


def check_omit(label: Label, keep: Found, omit: Found, v: Verdict) -> None:
    if omit.notes_before or omit.notes_after:
        v.minor.append("--notes omit left note blocks")
    elif abs(len(omit.paragraphs) - len(keep.paragraphs)) > 1:
        v.minor.append(
            f"--notes omit changed story paragraphs {len(keep.paragraphs)}→{len(omit.paragraphs)}"
        )
    v.cells["omit"] = "ok" if not any("omit" in m for m in v.minor) else "bad"


def build(runner: object, cli: object, src: Path, out: Path, extra: list[str]) -> str:
    result = runner.invoke(cli, ["build", str(src), "-o", str(out), "-q", *extra])  # type: ignore[attr-defined]
    if result.exit_code != 0 or not out.is_file():
        said = (result.stderr or result.output).strip()[:200]
        raise RuntimeError(f"exit {result.exit_code}: {said}")
    return out.read_text(encoding="utf-8")


def score(ident: str, label: Label, src: Path, work: Path, runner: object, cli: object) -> Verdict:
    v = Verdict(ident, label.get("kind", "?"))
    start = time.perf_counter()
    try:
        keep = parse(build(runner, cli, src, work / f"{ident}.keep.xhtml", []))
        omit = parse(build(runner, cli, src, work / f"{ident}.omit.xhtml", ["--notes", "omit"]))
    except Exception as exc:  # a crash or refusal is a major defect of its own
        v.major.append(f"build failed: {exc}")
        v.cells = dict.fromkeys(("head", "breaks", "notes", "paras", "text", "omit"), "ERR")
        return v
    check_heading(label, keep, v, src.stem)
    check_counts(label, keep, v)
    check_text(label, keep, v)
    check_omit(label, keep, omit, v)
    v.seconds = time.perf_counter() - start
    return v


CATEGORIES = (
    ("build failed", "build failed or refused"),
    ("<title> is a file name", "<title> is a file name"),
    ("heading or edge row", "heading/title/edge row left in the body"),
    ("heading", "chapter heading wrong or missing"),
    ("story title", "story title wrong"),
    ("<title>", "<title> wrong"),
    ("furniture", "site/transport text in the story"),
    ("paragraphs", "paragraphs merged or split wholesale"),
    ("breaks", "breaks off by more than one"),
    ("ornament", "ornament row left as text"),
    ("damaged", "damaged word"),
)


def category(defect: str) -> str:
    """A major defect's group: 'breaks 5, want 2' → 'breaks off by more than one'."""
    return next((name for prefix, name in CATEGORIES if defect.startswith(prefix)), defect)


def family(kind: str) -> str:
    """The source format a kind belongs to: 'txt-usenet' → 'plain text', 'ffn-html' → 'HTML'."""
    if kind.startswith("txt"):
        return "plain text"
    if kind.startswith("ao3-txt"):
        return "AO3 text download"
    if "markdown" in kind:
        return "Markdown"
    return "HTML" if "html" in kind else kind


def report(verdicts: list[Verdict], verbose: bool) -> None:
    cols = ("head", "breaks", "notes", "paras", "text", "omit")
    print(f"{'id':28} {'kind':26} " + " ".join(f"{c:>9}" for c in cols) + "  major")
    for v in verdicts:
        cells = " ".join(f"{v.cells.get(c, ''):>9}" for c in cols)
        print(f"{v.ident[:28]:28} {v.kind[:26]:26} {cells}  {len(v.major) or ''}")
        if verbose:
            for m in v.major:
                print(f"    MAJOR {m}")
            for m in v.minor:
                print(f"    minor {m}")
    by_kind: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        by_kind[v.kind].append(v)
    print("\nby kind:")
    for kind, group in sorted(by_kind.items()):
        clean = sum(not v.major for v in group)
        print(f"  {kind:26} {clean:3}/{len(group):<3} without a major defect")
    by_family: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        by_family[family(v.kind)].append(v)
    print("\nby source format:")
    for name, group in sorted(by_family.items()):
        clean = sum(not v.major for v in group)
        print(f"  {name:26} {clean:3}/{len(group):<3} without a major defect")
    clean = sum(not v.major for v in verdicts)
    share = 100 * clean / len(verdicts) if verdicts else 0.0
    print(f"\nfiles with no major defect: {clean}/{len(verdicts)} ({share:.0f}%)")
    kinds: dict[str, set[str]] = defaultdict(set)
    for v in verdicts:
        for m in v.major:
            kinds[category(m)].add(v.ident)
    if kinds:
        print("files with a major defect, by type:")
        for kind, idents in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            print(f"  {kind:42} {len(idents):3}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=HERE / "labels.json")
    parser.add_argument("--only", action="append", default=[], help="score only this id")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every defect")
    parser.add_argument("--show", action="store_true", help="print what was found")
    args = parser.parse_args(argv)
    from click.testing import CliRunner

    from fanfmt.cli import cli

    labels: dict[str, Label] = json.loads(args.labels.read_text(encoding="utf-8"))
    files = {p.stem: p for p in args.corpus.iterdir() if p.is_file()}
    runner = CliRunner()
    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for ident, label in sorted(labels.items()):
            if ident.startswith("_") or (args.only and ident not in args.only):
                continue
            if ident not in files:
                print(f"missing from corpus: {ident}", file=sys.stderr)
                continue
            verdicts.append(score(ident, label, files[ident], Path(tmp), runner, cli))
            if args.show:
                out = parse((Path(tmp) / f"{ident}.keep.xhtml").read_text(encoding="utf-8"))
                print(f"{ident}: title={out.title!r} heading={out.heading!r}")
                print(f"  story title={out.story_title!r}")
                for i, p in enumerate(out.paragraphs):
                    print(f"  {i + 1:4} {p[:110]!r}")
    report(verdicts, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
