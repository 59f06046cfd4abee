"""Other projects' smart-quote test suites, run through fanfmt (skipped without ../shared).

Every case passes, or is listed in ``DIFFERENCES`` with the reason fanfmt differs on
purpose (the same list, with examples, is in docs/typography.md). A listed case
that starts passing fails the test, so the list stays true.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

import fanfmt
from fanfmt.options import Options
from fanfmt.writers import blocks_only

PEER = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "peer"
pytestmark = pytest.mark.skipif(not PEER.is_dir(), reason="../shared/corpus/peer is absent")

NEVER_STRAIGHT = (
    "fanfmt leaves no straight quote: a mark that pairs with nothing gets the glyph "
    "its position suggests"
)
SAME_KIND = (
    "a single quote inside single quotes is read as an elision ('An' you 'eard it), "
    "as British nesting uses double quotes"
)
EM_DASH = "in fanfic -- and --- are em dashes, and 4+ hyphens are left as typed"
FOUR_DOTS = "four dots are a full stop and an ellipsis (.…), not an ellipsis and a full stop"
ESCAPES = (
    "Markdown escapes and entities are read as the characters they stand for, "
    "then curled like any other"
)
NO_CODE = "fanfmt's model has no code or links: their text is kept and its quotes curled"
INCHES = "a double quote right after a number and before another quote is an inch mark (″)"

DIFFERENCES: dict[str, str] = {
    # markdown-it smartquotes.txt
    "'foo 'bar' baz'": SAME_KIND,
    "'foo \"bar' baz\"": NEVER_STRAIGHT,
    '*"foo* bar"': NEVER_STRAIGHT,
    '*foo "bar* *baz" quux*': NEVER_STRAIGHT,
    '"foo "bar \'baz"': NEVER_STRAIGHT,
    '"Monitor 21"" and "Monitor""': INCHES,
    '"test `code`"': NO_CODE,
    '\\"foo"': ESCAPES,
    "&quot;foo&quot;": ESCAPES,
    # cmark smart_punct.txt
    "Here is some quoted '`code`' and a \"[quoted link](url)\".": NO_CODE,
    '\\"This is not smart.\\"': ESCAPES,
    "Some dashes:  em---em": EM_DASH,
    "one-": EM_DASH,
    "Escaped hyphens: \\-- \\-\\-\\-.": ESCAPES,
    "Ellipses...and...and....": FOUR_DOTS,
    "No ellipses\\.\\.\\.": ESCAPES,
    # kemitchell straight-to-curly-quotes
    "'Twas the night": "'Twas is an elision: ’Twas (the pair list expects ‘Twas)",
    "Hang em high.": "the input has no quote; the pair list's expected output adds one",
    "'70s fashion was weird.": "'70s is an elision: ’70s (the pair list expects ‘70s)",
}


def _norm(markup: str) -> str:
    markup = re.sub(r'<span class="(?:dialogue|quotation)">|</span>', "", markup)
    markup = re.sub(r' class="[^"]*"', "", markup)
    markup = re.sub(r"<br\s*/?>\s*", "<br>", markup)
    return re.sub(r"\s+", " ", html.unescape(markup)).strip()


def _markdown_case(source: str) -> str:
    options = Options(thoughts="none", quotes="american")
    doc, _ = fanfmt.normalise(source, options, from_format="markdown")
    return _norm(blocks_only(doc, "xhtml", options))


def _cases() -> list[tuple[str, str, str]]:
    if not PEER.is_dir():
        return []
    cases: list[tuple[str, str, str]] = []
    for line, _title, source, expected in read_fixture_file(PEER / "markdown-it_smartquotes.txt"):
        cases.append((f"markdown-it:{line}", source, expected))
    text = (PEER / "cmark_smart_punct.txt").read_text(encoding="utf-8")
    pattern = r"^`{32} example\n(.*?)^\.\n(.*?)^`{32}$"
    for m in re.finditer(pattern, text, re.MULTILINE | re.DOTALL):
        line = text.count("\n", 0, m.start()) + 1
        cases.append((f"cmark:{line}", m.group(1).replace("→", "\t"), m.group(2)))
    return cases


def _reason(source: str) -> str | None:
    for key, reason in DIFFERENCES.items():
        if key in source.splitlines():
            return reason
    return None


@pytest.mark.parametrize(("source", "expected"), [pytest.param(s, e, id=i) for i, s, e in _cases()])
def test_markdown_peer_case(source: str, expected: str) -> None:
    got, want = _markdown_case(source), _norm(expected)
    reason = _reason(source)
    if reason is None:
        assert got == want
    else:
        assert got != want, f"listed as a deliberate difference but passes now: {reason}"


def _pairs() -> list[tuple[str, str]]:
    if not PEER.is_dir():
        return []
    data = json.loads((PEER / "kemitchell_straight-to-curly-quotes_index.json").read_text("utf-8"))
    return [(p["straight"], p["curly"]) for p in data]


@pytest.mark.parametrize(("straight", "curly"), _pairs())
def test_straight_to_curly_pair(straight: str, curly: str) -> None:
    got = fanfmt.convert(straight, to="markdown", options=Options(thoughts="none")).text.strip()
    reason = _reason(straight)
    if reason is None:
        assert got == curly
    else:
        assert got != curly, f"listed as a deliberate difference but passes now: {reason}"


def test_every_listed_difference_is_used() -> None:
    sources = [s for _, s, _ in _cases()] + [s for s, _ in _pairs()]
    for key in DIFFERENCES:
        assert any(key in s.splitlines() for s in sources), key
