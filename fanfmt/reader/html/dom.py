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
    return soup.select_one(f".{name}") is not None


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
