"""Helpers shared by the block rules: a paragraph's raw text and word shapes."""

from __future__ import annotations

import re

from fanfmt.model import Paragraph
from fanfmt.walk import plain_text

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
QUOTE_CHARS = "\"'“”‘’"


def text_of(p: Paragraph) -> str:
    """The paragraph's text as the author typed it (before inline rules)."""
    return plain_text(p.children)


def words(text: str) -> list[str]:
    """``"Don't go, Em."`` → ``["Don't", "go", "Em"]``."""
    return WORD_RE.findall(text)


def is_short_line(text: str, max_words: int = 12) -> bool:
    """A line that could be a title or caption rather than prose."""
    return 0 < len(words(text)) <= max_words and len(text) <= 100
