"""Fuzz the readers, the rules and the writers: no crash, no ill-formed output, no word lost.

Each example is a chapter and the format to read it as (``text``, ``markdown``, ``html``),
made by hypothesis from fanfic-like words, marks and markup (tags, entities, Markdown
signs, control characters), or any text at all. Its UTF-8 bytes are decoded as a file
is (``fanfmt build`` reads nothing else), then it is read, run through every rule, and
written as XHTML, Markdown, the reading page, AO3 HTML and an EPUB; the oracle
(:func:`check`) then asks:

* no exception but fanfmt's own documented ones (:class:`~fanfmt.errors.FanfmtError`:
  "no text to format", "nests too deeply" …);
* the XHTML parses as XML; the reading page and the AO3 HTML close every element they
  open, in order;
* the EPUB is a zip whose first entry is ``mimetype`` (stored), whose container names
  an OPF that parses, and whose every manifest item is there, its XHTML parsing as XML;
* every word of the chapter as read (each paragraph, heading and note of the document
  the reader made, before any rule) is in the document the rules finished, as many times
  or more (a rule may add a label, never drop a word), and every word of that document
  is in the XHTML body and in the Markdown (as CommonMark with footnotes renders it);
  for plain text, every word of the file is in the document as read (transport out).
  A word is a run of letters or a run of digits (``Chapter 1Mira``: three words). Two
  things are not words lost: a separator line (``oOoOoOo``, ``* * *``, ``-scene
  break-``, which the rules draw as a scene break), and a heading typed twice (the page's
  ``Chapter 1`` and the text's), whose words need be there once;
* for the chapters the property tests generate (words and marks of plain text), the
  Markdown is stable: fanfmt's own Markdown built again gives the same Markdown;
* the EPUB, read back as an input EPUB is, holds every word of the finished chapter, and
  with a few of its bytes changed it is read or refused (``FanfmtError``), nothing else.

Two engines::

    python bench/fuzz.py --minutes 10                # hypothesis, one process
    python bench/fuzz.py --minutes 10 --atheris      # coverage-guided (pip install '.[fuzz]')

With ``--atheris`` the hypothesis strategy is driven by atheris/libFuzzer's coverage
feedback (``fuzz_one_input``), the fanfmt modules instrumented; without it hypothesis
draws examples from random buffers for the given time (``--seed``).

Without atheris, every distinct failure (its kind and first line) is recorded with the
first input that showed it and the run goes on; at the
end it prints the number of examples and the failures, and exits 1 when there was one.
With atheris, the first failure stops the run and is written to a ``crash-*`` file.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FORMATS = ("text", "markdown", "html")
"""The input formats fuzzed."""
WRITERS = ("xhtml", "markdown", "html", "ao3")
"""The chapter writers checked (the EPUB is checked beside them)."""

_MARKUP = (
    "<p>",
    "</p>",
    "<i>",
    "</i>",
    "<em>",
    "</em>",
    "<b>",
    "</b>",
    "<strong>",
    "<br>",
    "<br/>",
    "<hr>",
    "<hr />",
    "<div>",
    "</div>",
    '<div class="userstuff">',
    '<div id="workskin">',
    '<div id="storytext">',
    '<span style="font-style:italic">',
    "</span>",
    "<blockquote>",
    "</blockquote>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<center>",
    "</center>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<![CDATA[",
    "<!DOCTYPE html>",
    "<html><body>",
    "<ul><li>",
    "</li></ul>",
    "<table><tr><td>",
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&#1;",
    "&#11;",
    "&#12;",
    "&#xFFFE;",
    "&#x1F600;",
    "&bogus;",
    "# ",
    "## ",
    "> ",
    ">> ",
    "- ",
    "1. ",
    "***",
    "* * *",
    "---",
    "___",
    "```",
    "    ",
    "[^1]",
    "[^1]: ",
    "[a](b)",
    "![i](x.png)",
    "\\*",
    "\\",
    "  \n",
    "A/N:",
    "Author's Note:",
    "Chapter 1",
    "Disclaimer:",
    "Rating: T",
    "Title: ",
    "From: a@b",
    "Subject: x",
    "-- \n",
    "~*~",
    "oOoOoOo",
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\ufffe",
    "\r",
)


def _sentences() -> st.SearchStrategy[str]:
    from test_properties import MARKS, VOCABULARY

    token = st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(MARKS), st.sampled_from(_MARKUP))
    glue = st.sampled_from(["", " ", " ", " ", "\n", "\n\n"])
    return st.lists(st.tuples(token, glue), max_size=24).map(
        lambda parts: "".join(t + g for t, g in parts)
    )


def _marked_chapters() -> st.SearchStrategy[str]:
    return st.lists(_sentences(), min_size=1, max_size=10).map("\n\n".join)


def _any_text() -> st.SearchStrategy[str]:
    return st.text(max_size=400)


def inputs() -> st.SearchStrategy[tuple[str, str, bool]]:
    """``(format, chapter, stable)``: ``stable`` for the property tests' own chapters, whose
    Markdown must build again to itself."""
    from test_properties import chapters

    return st.one_of(
        st.tuples(st.just("text"), chapters(), st.just(True)),
        st.tuples(st.sampled_from(FORMATS), _marked_chapters(), st.just(False)),
        st.tuples(st.sampled_from(FORMATS), _any_text(), st.just(False)),
    )


WORD_RE = re.compile(r"[^\W\d_]+|\d+")
"""A word: a run of letters, or a run of digits. ``Chapter 1Mira`` is ``Chapter``, ``1``
and ``Mira``: a heading split from the text after it keeps every word."""


def words(text: str) -> list[str]:
    """``"Don’t go, Chapter 1Mira"`` → ``["Don", "t", "go", "Chapter", "1", "Mira"]``."""
    return WORD_RE.findall(text.replace("\u2019", "'"))


def doc_words(doc: Any, markers: tuple[str, ...] = (), *, separators: bool = False) -> Counter[str]:
    """Every word of a document's paragraphs, headings and notes, but a separator line's
    (``oOoOoOo``, ``-scene break-``: a scene break, drawn as one, not words of the story)
    unless ``separators``; ``markers`` are the author's own separators."""
    from fanfmt.model import Paragraph, SceneBreak
    from fanfmt.rules.scene_breaks import is_separator
    from fanfmt.walk import block_inlines, plain_text

    found: Counter[str] = Counter()
    for block in doc.blocks:
        if isinstance(block, SceneBreak) and block.shown:  # the author's own mark, as typed
            found.update(words(block.marker))
        for children in block_inlines(block):
            if (
                not separators
                and isinstance(block, Paragraph)
                and is_separator(plain_text(children), markers) is not None
            ):
                continue
            found.update(words(leaf_text(children)))
    return found


def leaf_text(children: tuple[Any, ...]) -> str:
    """The text of each leaf, a space between: ``she"ex`` read, then quoted by the rules
    (``Text("she")``, ``Quoted((Text("ex"),))``), is two words either way, as the writers'
    markup (``she<span>“ex”</span>``) makes two words of it."""
    from fanfmt.model import Container, Text

    parts: list[str] = []
    for node in children:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Container):
            parts.append(leaf_text(node.children))
    return " ".join(parts)


def heading_words(doc: Any) -> set[str]:
    """The words of the finished document's headings: a heading the author typed twice
    (the page's ``Chapter 1`` and the text's ``Chapter 1``) is one heading, so its words
    need be there only once."""
    from fanfmt.model import Heading
    from fanfmt.walk import block_inlines, plain_text

    return {
        word
        for block in doc.blocks
        if isinstance(block, Heading)
        for children in block_inlines(block)
        for word in words(plain_text(children))
    }


def lost(expected: Counter[str], got: Counter[str], once: set[str] = frozenset()) -> Counter[str]:
    """The words of ``expected`` that ``got`` has fewer of (a word of ``once`` counts as
    kept when ``got`` has it at all)."""
    short = expected - got
    return Counter({w: n for w, n in short.items() if not (w in once and got[w])})


def missing(expected: Counter[str], got: Counter[str]) -> Counter[str]:
    """The words of ``expected`` that ``got`` has fewer of."""
    return expected - got


def markdown_words(markdown: str) -> list[str]:
    """The words of fanfmt's Markdown as a CommonMark reader with footnotes shows them."""
    labels = _DEFINITION_RE.findall(markdown)
    if labels:  # a note nothing refers to is shown too (a renderer would leave it out)
        markdown += "\n\n" + "".join(f"[^{label}]" for label in labels) + "\n"
    html = _markdown().render(markdown)
    return words(" ".join(ET.fromstring(f"<div>{html}</div>".encode()).itertext()))


def xhtml_words(page: str) -> list[str]:
    """The words of an XHTML page's body."""
    body = ET.fromstring(page.encode("utf-8")).find("{http://www.w3.org/1999/xhtml}body")
    assert body is not None
    return words(" ".join(body.itertext()))


_DEFINITION_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
"""A footnote's definition in Markdown, ``[^1]: …``: its label."""
_MD: list[Any] = []


def _markdown() -> Any:
    if not _MD:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin

        _MD.append(MarkdownIt("commonmark").use(footnote_plugin))
    return _MD[0]


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1:] == [tag], f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def balanced(page: str) -> None:
    """An HTML page or fragment whose every element is closed, in order (void ones aside)."""
    tags = _Tags()
    tags.feed(page)
    tags.close()
    assert not tags.open, f"left open: {tags.open}"


def check_epub(data: bytes) -> None:
    """A quick structural check of an EPUB's bytes (see the module)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        first = book.infolist()[0]
        assert first.filename == "mimetype", first.filename
        assert first.compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        container = ET.fromstring(book.read("META-INF/container.xml"))
        ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
        rootfile = container.find(".//c:rootfile", ns)
        assert rootfile is not None
        opf_path = rootfile.attrib["full-path"]
        opf = ET.fromstring(book.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        names = set(book.namelist())
        for item in opf.iter("{http://www.idpf.org/2007/opf}item"):
            name = base + item.attrib["href"]
            assert name in names, name
            if item.attrib.get("media-type") == "application/xhtml+xml":
                ET.fromstring(book.read(name))


def check(fmt: str, text: str, stable: bool = False) -> None:
    """The oracle: read ``text`` as ``fmt``, write every format, and check (see the module)."""
    from test_properties import rebuild_markdown

    from fanfmt.epub import render_epub
    from fanfmt.errors import FanfmtError
    from fanfmt.options import Options
    from fanfmt.pipeline import prepare
    from fanfmt.reader import as_read
    from fanfmt.reader.decode import decode
    from fanfmt.walk import has_words
    from fanfmt.writers import get_writer
    from fanfmt.writers.page import Page

    options = Options()
    try:
        text = decode(text.encode("utf-8", "surrogatepass"), None).text  # as a file is read
        prepared = prepare(text, options, from_format=fmt, keep_read=True)
        doc = prepared.finish()
    except FanfmtError:
        return  # a documented refusal
    if not has_words(doc):
        return  # refused by the CLI as it is by build_file: "no text to format"
    assert prepared.as_read is not None
    expected = doc_words(prepared.as_read, options.scene_break_markers)
    if fmt == "text":
        read = Counter(words(as_read(text)))
        every = doc_words(prepared.as_read, separators=True)
        assert not missing(read, every), f"reader lost {missing(read, every)}"
    built = doc_words(doc)
    once = heading_words(doc)
    assert not lost(expected, built, once), f"rules lost {lost(expected, built, once)}"
    out = {to: "".join(get_writer(to).write(Page.of(doc), options)) for to in WRITERS}
    got = Counter(xhtml_words(out["xhtml"]))
    assert not missing(built, got), f"xhtml lost {missing(built, got)}"
    got = Counter(markdown_words(out["markdown"]))
    assert not missing(built, got), f"markdown lost {missing(built, got)}"
    balanced(out["html"])
    balanced(out["ao3"])
    if stable:
        assert rebuild_markdown(out["markdown"]) == out["markdown"]
    book = render_epub([doc], options, fallback_title="fuzz").data
    check_epub(book)
    got = epub_words(book)
    assert not missing(built, got), f"epub read back lost {missing(built, got)}"
    damaged(book, text)


def epub_words(data: bytes) -> Counter[str]:
    """Every word of the chapters of an EPUB, read back as ``fanfmt build book.epub`` reads it."""
    from fanfmt.reader.epub_in.archive import EpubArchive
    from fanfmt.reader.epub_in.book import book_from
    from fanfmt.reader.epub_in.opf import read_package
    from fanfmt.reader.html import read_html

    archive = EpubArchive(data, "fuzz.epub")
    book = book_from(archive, read_package(archive))
    found: Counter[str] = Counter()
    for chapter in book.chapters:
        found.update(doc_words(read_html(chapter.html), separators=True))
    return found


def damaged(data: bytes, seed: str) -> None:
    """The EPUB with a few bytes changed (where the chapter's text says): read as an EPUB,
    it is a book or a documented refusal, never another exception."""
    from fanfmt.errors import FanfmtError

    rng = random.Random(seed)
    broken = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        broken[rng.randrange(len(broken))] = rng.randrange(256)
    with contextlib.suppress(FanfmtError):  # a documented refusal
        epub_words(bytes(broken))


_examples = 0
_last_case = ""


@settings(
    database=None,
    deadline=None,
    max_examples=10**9,
    suppress_health_check=list(HealthCheck),
)
@given(inputs())
def fuzz_one(case: tuple[str, str, bool]) -> None:
    """One example through the oracle (the hypothesis test both engines run)."""
    global _examples, _last_case
    _examples += 1
    _last_case = repr(case)
    check(*case)


def run_hypothesis(seconds: float, seed: int) -> tuple[int, dict[str, str]]:
    """Feed hypothesis random buffers until ``seconds`` have passed: the examples run, and
    each distinct failure (its kind and first line) with the first input that showed it."""
    rng = random.Random(seed)
    one = fuzz_one.hypothesis.fuzz_one_input  # type: ignore[attr-defined]
    end = time.monotonic() + seconds
    failures: dict[str, str] = {}
    while time.monotonic() < end:
        try:
            one(rng.randbytes(rng.choice((64, 256, 1024, 4096))))
        except Exception as exc:  # recorded, and the run goes on
            first = (str(exc).splitlines() or [""])[0][:120]
            failures.setdefault(f"{type(exc).__name__}: {first}", _last_case)
    return _examples, failures


def run_atheris(seconds: float, argv: list[str]) -> None:
    """Coverage-guided: atheris drives the hypothesis strategy (never returns)."""
    import atheris

    with atheris.instrument_imports(include=["fanfmt"]):
        import fanfmt.epub
        import fanfmt.pipeline
        import fanfmt.reader.html
        import fanfmt.reader.markdown
        import fanfmt.writers.ao3
        import fanfmt.writers.html
        import fanfmt.writers.markdown
        import fanfmt.writers.xhtml  # noqa: F401
    atheris.Setup(
        [sys.argv[0], f"-max_total_time={int(seconds)}", "-print_final_stats=1", *argv],
        fuzz_one.hypothesis.fuzz_one_input,  # type: ignore[attr-defined]
    )
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run")
    parser.add_argument("--atheris", action="store_true", help="coverage-guided, by atheris")
    parser.add_argument("--seed", type=int, default=0, help="random seed (hypothesis engine)")
    args, rest = parser.parse_known_args(argv)
    seconds = args.minutes * 60
    start = time.monotonic()
    print(f"fuzzing for {args.minutes:g} min ({'atheris' if args.atheris else 'hypothesis'})")
    if args.atheris:
        run_atheris(seconds, rest)
        return 0  # pragma: no cover - atheris exits by itself
    examples, failures = run_hypothesis(seconds, args.seed)
    took = time.monotonic() - start
    print(f"{examples} examples in {took:.0f} s ({examples / took:.1f}/s), "
          f"{len(failures)} distinct failures")  # fmt: skip
    for kind, case in failures.items():
        print(f"- {kind}\n  on {case}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
