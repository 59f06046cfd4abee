"""What a chapter comes out as, block by block, for the tests of real layouts.

``blocks_of("Chapter 1\n\nIt rained.")`` → the document's blocks after the whole chain;
``paragraphs(blocks)`` → the plain text of its story paragraphs (or of another role's),
``headings(blocks)`` and ``breaks(blocks)`` its headings and how many scene breaks.
"""

from __future__ import annotations

from fanfmt.api import convert
from fanfmt.model import Block, Heading, Paragraph, SceneBreak
from fanfmt.walk import plain_text


def blocks_of(text: str, fmt: str = "text") -> tuple[Block, ...]:
    return convert(text, "xhtml", from_format=fmt).document.blocks


def paragraphs(blocks: tuple[Block, ...], role: str = "text") -> list[str]:
    return [plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == role]


def headings(blocks: tuple[Block, ...]) -> list[Heading]:
    return [b for b in blocks if isinstance(b, Heading)]


def breaks(blocks: tuple[Block, ...]) -> int:
    return sum(isinstance(b, SceneBreak) for b in blocks)
