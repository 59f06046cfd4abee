"""Inline content of the HTML reader: italics, bold and breaks as model nodes, tidied.

* ``<i>``, ``<em>``, ``<u>``, ``<span style="font-style:italic">``, a class a ``<style>``
  rule makes italic → :class:`Emphasis` (``marker="html"``); ``<b>``, ``<strong>``,
  ``font-weight:bold`` → :class:`Strong`; ``<q>`` → straight quotes around it
* ``<em class="thought">`` (fanfmt's own XHTML) → :class:`Thought`
* ``<i> a</i>b`` → space hoisted out of the italics: ``" "``, ``Emphasis(a)``, ``b``
* ``<i>a</i><i>b</i>`` → one emphasis (an editor's split); runs of spaces → one space
* tags nested over :data:`MAX_TAG_DEPTH` deep give their words and breaks, not their tags
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from fanfmt.model import Emphasis, Heading, Inline, LineBreak, Strong, Text, Thought
from fanfmt.reader.html.dom import (
    BLOCK_TAGS,
    HEADINGS,
    SPACE_RE,
    as_tag,
    as_text,
    class_names,
    page_index,
    source_line,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_ITALIC_TAGS = frozenset("i em cite dfn var u ins".split())
_BOLD_TAGS = frozenset("b strong".split())
_ITALIC_STYLE_RE = re.compile(
    r"font-style\s*:\s*(?:italic|oblique)|text-decoration[\w-]*\s*:[^;]*underline", re.I
)
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)", re.I)
_CSS_RULE_RE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")
MAX_TAG_DEPTH = 48
"""Tags below this many inline tags are read for their words alone (the reader walks
tags recursively; :mod:`fanfmt.reader.depth` then flattens what nests for nothing)."""


def inline_content(tag: Tag, styles: dict[str, tuple[bool, bool]]) -> tuple[Inline, ...]:
    """A heading's or title's inline content, on one line."""
    nodes = [Text(" ") if isinstance(n, LineBreak) else n for n in _children(tag, styles)]
    return tidy(nodes)


def _children(tag: Tag, styles: dict[str, tuple[bool, bool]], depth: int = 0) -> list[Inline]:
    out: list[Inline] = []
    for child in tag.children:
        sub = as_tag(child)
        if sub is None:
            text = as_text(child)
            if text:
                out.append(Text(text))
        elif sub.name == "br" or sub.name == "hr":
            out.append(LineBreak())
        elif depth >= MAX_TAG_DEPTH:  # a thousand <em> deep: the words, without their tags
            out.extend(_flat(sub))
        elif sub.name in BLOCK_TAGS:
            out.append(LineBreak())
            out.extend(_children(sub, styles, depth + 1))
            out.append(LineBreak())
        else:
            out.extend(inline_nodes(sub, styles, depth + 1))
    return out


def _flat(tag: Tag) -> list[Inline]:
    """Every word below ``tag`` and its line breaks, its other tags left out (a walk that
    keeps no stack: ``descendants`` follows the parser's own order)."""
    out: list[Inline] = []
    for node in tag.descendants:
        sub = as_tag(node)
        if sub is None:
            text = as_text(node)
            if text:
                out.append(Text(text))
        elif sub.name in ("br", "hr") or sub.name in BLOCK_TAGS:
            out.append(LineBreak())
    return out


def inline_nodes(tag: Tag, styles: dict[str, tuple[bool, bool]], depth: int = 0) -> list[Inline]:
    children = _children(tag, styles, depth)
    if tag.name == "q":
        return [Text('"'), *children, Text('"')]
    wrap = wrapper(tag, styles)
    if wrap is None or not children:
        return children
    return [wrap(tuple(children))]


def wrapper(
    tag: Tag, styles: dict[str, tuple[bool, bool]]
) -> Callable[[tuple[Inline, ...]], Inline] | None:
    italic = tag.name in _ITALIC_TAGS
    bold = tag.name in _BOLD_TAGS
    style = str(tag.get("style") or "")
    if style:
        italic = italic or bool(_ITALIC_STYLE_RE.search(style))
        bold = bold or bool(_BOLD_STYLE_RE.search(style))
    for name in class_names(tag):
        if name in styles:
            class_italic, class_bold = styles[name]
            italic, bold = italic or class_italic, bold or class_bold
    if italic and bold:
        return lambda c: Strong((Emphasis(c, "html"),))
    if italic and tag.name == "em" and "thought" in class_names(tag):
        return lambda c: Thought(c, "html")  # fanfmt's own thought, read back
    if italic:
        return lambda c: Emphasis(c, "html")
    if bold:
        return Strong
    return None


def own_heading(tag: Tag, styles: dict[str, tuple[bool, bool]]) -> Heading:
    """fanfmt's own XHTML heading (``header.chapter-heading``) read back."""

    def part(selector: str) -> tuple[Inline, ...]:
        found = tag.select_one(selector)
        return inline_content(found, styles) if found is not None else ()

    number, title = part(".chapter-number"), part(".chapter-title")
    if not number and not title:
        h = tag.find(list(HEADINGS))
        title = inline_content(h, styles) if h is not None else ()
    return Heading(number, title, part(".story-title"), source_line(tag))


def tidy(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Collapse spaces, trim the ends, hoist edge spaces out of italics, merge neighbours."""
    merged = _merge(_hoist(nodes))
    trimmed = _collapse_spaces(merged, [True])
    return _strip_end(trimmed)


def _hoist(nodes: Iterable[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            text = SPACE_RE.sub(" ", node.text)
            if text:
                out.append(Text(text))
        elif isinstance(node, Emphasis | Strong | Thought):
            inner = list(_merge(_hoist(node.children)))
            first, last = (inner[0], inner[-1]) if inner else (None, None)
            lead = isinstance(first, Text) and first.text.startswith(" ")
            trail = isinstance(last, Text) and last.text.endswith(" ")
            if isinstance(first, Text):
                inner[0] = Text(first.text.lstrip(" "))
            end = inner[-1] if inner else None
            if isinstance(end, Text):
                inner[-1] = Text(end.text.rstrip(" "))
            inner = [n for n in inner if not (isinstance(n, Text) and not n.text)]
            if lead or (trail and not inner):
                out.append(Text(" "))
            if inner and all(isinstance(n, LineBreak) for n in inner):
                out.extend(inner)
            elif inner:
                out.append(replace(node, children=tuple(inner)))
            if trail and inner:
                out.append(Text(" "))
        else:
            out.append(node)
    return out


def _merge(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring texts, and neighbouring italics (or bolds) split by the editor."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and not node.text:
            continue
        prev = out[-1] if out else None
        if isinstance(node, Text) and isinstance(prev, Text):
            out[-1] = Text(prev.text + node.text)
            continue
        if isinstance(node, Emphasis | Strong):
            if type(prev) is type(node):
                assert isinstance(prev, Emphasis | Strong)
                out[-1] = replace(prev, children=_merge((*prev.children, *node.children)))
                continue
            if (
                isinstance(prev, Text)
                and prev.text == " "
                and len(out) >= 2
                and type(out[-2]) is type(node)
            ):
                before = out[-2]
                assert isinstance(before, Emphasis | Strong)
                out[-2:] = [
                    replace(before, children=_merge((*before.children, prev, *node.children)))
                ]
                continue
        out.append(node)
    return tuple(out)


def _collapse_spaces(nodes: Sequence[Inline], last_space: list[bool]) -> tuple[Inline, ...]:
    """Drop a space that follows another space (or a line start), across node edges."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            text = node.text
            if last_space[0]:
                text = text.lstrip(" ")
            if text:
                last_space[0] = text.endswith(" ")
                out.append(Text(text))
        elif isinstance(node, LineBreak):
            if out and isinstance(out[-1], Text):
                stripped = out[-1].text.rstrip(" ")
                out[-1:] = [Text(stripped)] if stripped else []
            out.append(node)
            last_space[0] = True
        elif isinstance(node, Emphasis | Strong | Thought):
            inner = _collapse_spaces(node.children, last_space)
            if inner:
                out.append(replace(node, children=inner))
        else:
            out.append(node)
    return tuple(out)


def _strip_end(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out = list(nodes)
    while out and (isinstance(out[-1], LineBreak) and len(out) == 1):
        out.pop()
    if out and isinstance(out[-1], Text):
        text = out[-1].text.rstrip(" ")
        out[-1:] = [Text(text)] if text else []
    elif out and isinstance(out[-1], Emphasis | Strong | Thought):
        last = out[-1]
        out[-1] = replace(last, children=_strip_end(last.children))
    return tuple(out)


_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def hidden_classes(soup: BeautifulSoup) -> frozenset[str]:
    """The classes the page's own ``<style>`` hides (``.cmE0{display: none; speak: never}``,
    Royal Road's line for copies of the chapter): what a reader of the page never sees."""
    if "style" not in page_index(soup).names:
        return frozenset()
    return frozenset(
        m.group(1)
        for sheet in soup.find_all("style")
        for m in _CSS_RULE_RE.finditer(sheet.get_text())
        if _HIDDEN_STYLE_RE.search(m.group(2))
    )


def hidden_text(soup: BeautifulSoup, classes: frozenset[str]) -> list[Tag]:
    """The elements of the page hidden by one of ``classes``, headings left out (a saved
    AO3 download hides its contents' headings, which :mod:`.sites` reads)."""
    return [
        tag for tag in soup.find_all(class_=lambda c: c in classes) if tag.name not in HEADING_TAGS
    ]


def class_styles(soup: BeautifulSoup) -> dict[str, tuple[bool, bool]]:
    """Italic and bold classes from ``<style>`` rules (``.c3{font-style:italic}``, Google Docs)."""
    styles: dict[str, tuple[bool, bool]] = {}
    if "style" not in page_index(soup).names:
        return styles
    for sheet in soup.find_all("style"):
        for m in _CSS_RULE_RE.finditer(sheet.get_text()):
            italic = bool(_ITALIC_STYLE_RE.search(m.group(2)))
            bold = bool(_BOLD_STYLE_RE.search(m.group(2)))
            if italic or bold:
                styles[m.group(1)] = (italic, bold)
    return styles
