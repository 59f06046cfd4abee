"""The chapter line: :func:`chapter_line` reads one typed, :func:`split_heading` one a reader found.

* ``Chapter 12: The Long Road`` → number ``Chapter 12``, title ``The Long Road``
* ``~*~ Prologue ~*~``, ``[b]Ch. 3 - Title[/b]`` → number and title, the frame left out
* ``*Chapter 1*: Title`` → ``Chapter 1`` and ``Title`` (the label in typed emphasis)
* ``--Chapter 4``, ``#Chapter 5`` → ``Chapter 4``, ``Chapter 5``: a mark before it only is a
  lead-in (one after it only, ``Chapter 2 (Part 1)``, is the title's)
* ``Part 2 was the worst.`` → no chapter line (prose)

Used by ``headings`` and by the walk over the top of a chapter (:mod:`fanfmt.rules._top`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import Container, Heading, Inline, Text
from fanfmt.patterns import CHAPTER_LINE
from fanfmt.rules._text import QUOTE_CHARS

CHAPTER_LINE_MAX_CHARS = 120
"""A chapter line is shorter."""
CHAPTER_TITLE_MAX_WORDS = 14
"""The title on a chapter line (``Chapter 2: …``), or a story title, is at most this long."""
_BBCODE_RE = rx.compile(r"\[/?(?:b|i|u|s|center|size|color|font)(?:=[^\]]*)?\]", re.IGNORECASE)
_MARKED_LABEL_RE = rx.compile(r"^([*_~]{1,2})([^*_~]{1,40}?)\1(?=\s*[:.\-–—|]|\s|$)")
"""``*Chapter 1*: Title``: the chapter's label set in typed emphasis, its marks left out."""
DECORATION = "~*=+#-_<>[](){}|•·◇◆ \t"
"""Characters that frame a line (``~*~ Chapter 2 ~*~``) without being part of it."""


def chapter_line(text: str) -> re.Match[str] | None:
    """``Chapter 12: The Long Road``, ``~*~ Prologue ~*~``, ``[b]Ch. 3[/b]`` → the match of
    :data:`~fanfmt.patterns.CHAPTER_LINE` (groups ``number`` and ``title``); prose → ``None``."""
    if len(text) > CHAPTER_LINE_MAX_CHARS:
        return None
    if "[/" in text:  # [b]Chapter 3: Starlight[/b], from an old forum ([i] alone is text)
        text = _BBCODE_RE.sub("", text)
    if text[:1] in "*_~":  # *Chapter 1*: Title — the label in typed emphasis
        text = _MARKED_LABEL_RE.sub(r"\2", text, count=1)
    inner = text.strip(DECORATION)
    if len(inner) == len(text.rstrip(DECORATION)) and len(inner) < len(text):
        inner = text  # decoration at the end only is part of the title: "Chapter 2 (Part 1)"
    elif len(inner) == len(text.lstrip(DECORATION)):
        inner = text.lstrip(DECORATION)  # at the start only, a lead-in: "--Chapter 4"
    m = CHAPTER_LINE.match(inner.strip())
    if m is None:
        return None
    title = m.group("title")
    if not title:
        return m
    if len(title.split()) > CHAPTER_TITLE_MAX_WORDS:
        return None
    marked = any(ch in ":.-–—|" for ch in m.string[m.end("number") : m.start("title")])
    if not marked and (title[0] in QUOTE_CHARS or title[0].islower()):
        return None  # "Part 2 was…" is prose; "Chapter 2: 'Tis the Season" is a heading
    return m


def split_heading(heading: Heading) -> Heading:
    """``Heading(title="Chapter 7: The Spark")`` → number ``Chapter 7``, title ``The Spark``."""
    from fanfmt.walk import plain_text

    if heading.number or not heading.title:
        return heading
    text = plain_text(heading.title)
    m = CHAPTER_LINE.match(text) if len(text) <= CHAPTER_LINE_MAX_CHARS else None
    if m is None:
        return heading
    number = strip_ends(_slice(heading.title, m.start("number"), m.end("number")))
    start = m.start("title")
    start += len(m.group("title")) - len(title_after_number(m.group("number"), m.group("title")))
    title = strip_ends(_slice(heading.title, start, len(text)))
    return replace(heading, number=number, title=title)


def title_after_number(number: str, title: str) -> str:
    """A chapter's title without its number typed again: ``("Chapter 1", "Chapter 1")`` →
    ``""``; ``("Chapter 2", "Chapter 2 The Yule Ball")`` → ``"The Yule Ball"``;
    ``("Chapter 2", "The Yule Ball")`` → ``"The Yule Ball"``."""
    m = re.match(re.escape(number.strip()) + r"(?:\W+|$)", title.strip(), re.IGNORECASE)
    return title.strip()[m.end() :] if m else title


def _slice(children: tuple[Inline, ...], lo: int, hi: int) -> tuple[Inline, ...]:
    """The inline nodes covering plain-text offsets ``lo``..``hi`` (markup kept)."""
    from fanfmt.walk import plain_text

    out: list[Inline] = []
    pos = 0
    for node in children:
        size = len(plain_text((node,)))
        a, b = max(lo - pos, 0), min(hi - pos, size)
        if a < b:
            if isinstance(node, Text):
                out.append(Text(node.text[a:b]))
            elif isinstance(node, Container):
                out.append(replace(node, children=_slice(node.children, a, b)))
            else:
                out.append(node)
        pos += size
    return tuple(out)


def strip_ends(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``(Text(" Run "), …)`` → ``(Text("Run"), …)``: spaces off both ends, empty text gone."""
    nodes = list(children)
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return tuple(n for n in nodes if not (isinstance(n, Text) and not n.text))
