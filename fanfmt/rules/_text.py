"""Helpers shared by the block rules: a paragraph's raw text and word shapes."""

from __future__ import annotations

import re

from fanfmt import rx
from fanfmt.model import Emphasis, Inline, Paragraph, Text
from fanfmt.walk import plain_text

WORD_RE = rx.compile(r"[^\W_]+(?:['’][^\W_]+)*")
QUOTE_CHARS = "\"'“”‘’"
POV_RE = rx.compile(r"\b(?:[a-z]{0,2}pov|p\.o\.v\.?|point of view)(?!\w)", re.IGNORECASE)
"""Whose eyes a scene is seen through: ``Draco's POV``, ``BPOV``, ``P.O.V.``."""


def may_be_short(p: Paragraph, limit: int) -> bool:
    """Can ``p``'s text be ``limit`` characters or fewer? Told without building the text:
    ``Paragraph((Text("Later."),))`` with 80 → True; a paragraph with emphasis or the like
    in it → True (let its text decide)."""
    children = p.children
    if len(children) == 1:  # most paragraphs, as read
        only = children[0]
        return type(only) is not Text or len(only.text) <= limit
    size = 0
    for child in children:
        if type(child) is not Text:
            return True
        size += len(child.text)
    return size <= limit


def text_of(p: Paragraph) -> str:
    """The paragraph's text as the author typed it (before inline rules).

    Emphasis that a reader found in typed markup keeps its marks, so block rules and
    convention detection see Markdown ``*Not again.*`` as the plain-text reader would:
    ``(Emphasis((Text("Not again."),), "*"),)`` → ``"*Not again.*"``.
    """
    if not any(isinstance(c, Emphasis) for c in p.children):
        return plain_text(p.children)
    return _typed(p.children)


def _typed(children: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for node in children:
        if isinstance(node, Emphasis) and node.marker in ("*", "_"):
            parts.append(f"{node.marker}{_typed(node.children)}{node.marker}")
        elif isinstance(node, Emphasis):
            parts.append(_typed(node.children))
        else:
            parts.append(plain_text((node,)))
    return "".join(parts)


def fold(text: str) -> str:
    """A text's words alone, in lower case, to compare two spellings of a title:
    ``"The  Quiet Harbour!"`` → ``"the quiet harbour"``; ``"Chapitre 1 : Avant propos"`` →
    ``"chapitre 1 avant propos"``."""
    return " ".join(_FOLD_RE.findall(text.casefold()))


_FOLD_RE = rx.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """``"Don't go, Em."`` → ``["Don't", "go", "Em"]``."""
    return WORD_RE.findall(text)


def is_short_line(text: str, max_words: int = 12) -> bool:
    """A line that could be a title or caption rather than prose."""
    return len(text) <= 100 and 0 < len(words(text)) <= max_words
