"""The parsed page as the HTML reader sees it: which tags are blocks, and small accessors.

* ``class_names(<p class="a b">)`` → ``{"a", "b"}``; ``source_line(tag)`` → its line
* ``collapse("  a   b ")`` → ``"a b"`` (HTML white space, no-break spaces too)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from bs4.element import PageElement

BLOCK_TAGS = frozenset(
    """p div center blockquote section article main aside header footer nav ul ol li dl dt dd
    table thead tbody tfoot tr td th caption figure figcaption address details summary
    fieldset h1 h2 h3 h4 h5 h6 pre body html""".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
SPACE_RE = re.compile(r"[ \t\n\r\f\u00a0\u2002\u2003\u2009\u3000]+")


def as_tag(node: PageElement) -> Tag | None:
    from bs4 import Tag

    return node if isinstance(node, Tag) else None


def as_text(node: PageElement) -> str:
    from bs4.element import NavigableString, PreformattedString, Script, Stylesheet, TemplateString

    if not isinstance(node, NavigableString) or isinstance(
        node, PreformattedString | Script | Stylesheet | TemplateString
    ):
        return ""
    return str(node)


def child_tags(node: Tag) -> list[Tag]:
    return [t for t in (as_tag(c) for c in node.children) if t is not None]


def class_names(tag: Tag) -> set[str]:
    value = tag.get("class")
    if value is None:
        return set()
    if isinstance(value, str):
        return set(value.split())
    return {str(v) for v in value}


def has_class(soup: BeautifulSoup, name: str) -> bool:
    return select_one(soup, f".{name}") is not None


_INDEX = "_fanfmt_index"
_SIMPLE_RE = re.compile(
    r"(?<![\w\-\[='\"*^$~|])([a-z][a-z0-9]*)|#([\w-]+)|\.([\w-]+)|\[[^\]]*\]", re.I
)


class PageIndex:
    """The tag names, ids and classes a page has at all, found in one walk over it: a
    selector that needs one the page lacks matches nothing, with no walk of its own."""

    __slots__ = ("classes", "ids", "names")

    def __init__(self, soup: BeautifulSoup) -> None:
        from bs4 import Tag

        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.classes: set[str] = set()
        for node in soup.descendants:
            if isinstance(node, Tag):
                self.names.add(node.name)
                ident = node.get("id")
                if isinstance(ident, str):
                    self.ids.add(ident)
                if node.get("class") is not None:
                    self.classes.update(class_names(node))

    def may_match(self, selector: str) -> bool:
        """False when no part of the page can match ``selector`` (``"#storytext"`` on a page
        without that id); True when it may (then the selector is run)."""
        return any(self._may_match(alternative) for alternative in selector.split(","))

    def _may_match(self, selector: str) -> bool:
        if ":" in selector:
            return True  # a pseudo-class: not judged here
        for m in _SIMPLE_RE.finditer(selector):
            name, ident, cls = m.groups()
            if name is not None and name.lower() not in self.names:
                return False
            if ident is not None and ident not in self.ids:
                return False
            if cls is not None and cls not in self.classes:
                return False
        return True


def page_index(soup: BeautifulSoup) -> PageIndex:
    """The page's :class:`PageIndex`, made at the first lookup and kept with the page."""
    index = soup.__dict__.get(_INDEX)  # (not getattr: a missing attribute is a tag search)
    if index is None:
        index = soup.__dict__[_INDEX] = PageIndex(soup)
    assert isinstance(index, PageIndex)
    return index


def select_one(soup: BeautifulSoup, selector: str) -> Tag | None:
    """``soup.select_one(selector)``, answered at once where the page cannot match it."""
    if not page_index(soup).may_match(selector):
        return None
    return soup.select_one(selector)


def select(soup: BeautifulSoup, selector: str) -> list[Tag]:
    """``soup.select(selector)``, answered at once where the page cannot match it."""
    if not page_index(soup).may_match(selector):
        return []
    return list(soup.select(selector))


def contains_block(tag: Tag) -> bool:
    from bs4 import Tag

    return any(
        isinstance(d, Tag) and (d.name in BLOCK_TAGS or d.name == "hr") for d in tag.descendants
    )


def source_line(node: Tag | BeautifulSoup) -> int:
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else 0


def collapse(text: str) -> str:
    return SPACE_RE.sub(" ", text).strip()
