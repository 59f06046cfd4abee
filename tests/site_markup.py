"""What the posting-site tests share: AO3's and FFN's allow-lists, a tag lister, and the
story paragraphs the saved-page tests set in their pages.

The allow-lists are those the sites' sanitizers apply, as docs/targets.md cites them; the
tests hold fanfmt's output to them (not to the writers' own constants, which could drift).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from fanfmt.chars import RIGHT_SINGLE_QUOTE

AO3_TAGS = frozenset(
    "a abbr acronym address b big blockquote br caption center cite code col colgroup dd del "
    "dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q rp rt ruby s samp "
    "small span strike strong sub sup table tbody td tfoot th thead tr tt u ul var".split()
)
"""AO3's sanitizer's elements (its ``Sanitize::Config::ARCHIVE``)."""
AO3_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"align", "title", "dir"}),
    "a": frozenset({"href", "name"}),
    "blockquote": frozenset({"cite"}),
    "hr": frozenset({"align", "width"}),
    "ol": frozenset({"start", "type"}),
    "ul": frozenset({"type"}),
}
"""The attributes it keeps: on every element, and by element."""
AO3_CLASS_RE = re.compile(r"^[a-zA-Z][\w\-]+$")
"""A class AO3 keeps (in a work's text and notes, not its summary)."""
AO3_SKIN_PROPERTIES = frozenset(
    "bottom box-shadow caption-side clear color content display float font-family font-size "
    "font-style font-variant font-weight height left letter-spacing line-height max-width "
    "min-width opacity position right top vertical-align visibility white-space width "
    "word-spacing z-index".split()
)
"""Some of AO3's ``SUPPORTED_CSS_PROPERTIES`` (only those a skin might want here)."""
AO3_SKIN_SHORTHANDS = (
    "background", "border", "column", "font", "list-style", "margin", "outline", "padding",
    "text",
)  # fmt: skip
"""AO3's ``SUPPORTED_CSS_SHORTHAND_PROPERTIES`` families (``border`` lets ``border-top``)."""
AO3_CSS_VALUE_RE = re.compile(
    r"^(?:#[0-9a-f]{3,6}|[a-z\-]+|-?\.?\d{1,3}\.?\d{0,3}\s*(?:deg|cm|em|ex|in|mm|pc|pt|px|s|%)?)$",
    re.IGNORECASE,
)
"""One token of a value AO3's skin cleaner keeps: a colour, a keyword, a number with a unit."""

FFN_TAGS = frozenset({"p", "br", "hr", "em", "i", "strong", "b", "u", "s", "strike"})
"""What FFN's document manager keeps (no headings, lists, links, sizes, colours)."""
FFN_STYLES = frozenset({"text-align:center;", "text-align:left;", "text-align:right;"})
"""The one ``style`` it keeps: a paragraph's alignment."""

WORD_RE = re.compile(r"[^\W_]+")


def words(text: str) -> Counter[str]:
    """The words of ``text`` (markup removed), counted."""
    return Counter(WORD_RE.findall(text_of(text).replace(RIGHT_SINGLE_QUOTE, "'")))


def text_of(markup: str) -> str:
    """The text of ``markup``, entities decoded, a space for every tag."""
    parser = Tags()
    parser.feed(markup)
    parser.close()
    return " ".join(parser.text)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


class Tags(HTMLParser):
    """Every element of a fragment (``elements``) and its text (``text``), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(markup: str) -> list[Element]:
    """The elements of ``markup``, in order."""
    parser = Tags()
    parser.feed(markup)
    parser.close()
    return parser.elements


@dataclass
class Paragraphs(HTMLParser):
    """The text of each ``<p>`` of a fragment."""

    found: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._depth += 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.found[-1] += data


def paragraphs(markup: str) -> list[str]:
    """The text of every ``<p>`` of ``markup``."""
    parser = Paragraphs()
    parser.feed(markup)
    parser.close()
    return parser.found


def story_paragraphs(count: int = 8) -> str:
    """``count`` paragraphs of plain story as a page holds them:
    ``<p>The lamplighter climbed ladder 0, slow and careful.</p>`` …"""
    return "".join(
        f"<p>The lamplighter climbed ladder {i}, slow and careful.</p>" for i in range(count)
    )
