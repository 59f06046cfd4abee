"""What the front matter names: the story title of a ``Title:`` line, the author of a byline."""

from __future__ import annotations

from collections.abc import Sequence

from fanfmt.model import Block, Paragraph
from fanfmt.patterns import BYLINE, TITLE_FIELD
from fanfmt.rules._text import text_of


def named_title(blocks: Sequence[Block]) -> str:
    """A ``metadata`` paragraph ``Title: Salt Roads`` → ``"Salt Roads"``; none → ``""``."""
    for block in blocks:
        if isinstance(block, Paragraph) and block.role == "metadata":
            m = TITLE_FIELD.match(text_of(block))
            if m:
                return m.group("title").strip()
    return ""


def named_author(blocks: Sequence[Block]) -> str:
    """A ``byline`` paragraph ``By Jane Doe`` / ``Author: Jane Doe`` → ``"Jane Doe"``."""
    for block in blocks:
        if isinstance(block, Paragraph) and block.role == "byline":
            return BYLINE.sub("", text_of(block)).strip()
    return ""
