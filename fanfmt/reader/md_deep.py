"""Markdown nested deeper than markdown-it goes: the words kept, the depth flattened.

markdown-it stops at a nesting limit (``maxNesting``, 20 in CommonMark mode) and drops
everything inside past it, with no word said. Two guards keep those words:

* :func:`flatten_quotes` cuts a run of more than :data:`MAX_QUOTE_DEPTH` ``>`` markers
  at a line's start down to that many (the reader makes a quote of any depth one
  author's note, so nothing it shows is lost):
  ``">>>>>>>>>>>>>>>>>>>>>>>> Deep."`` → ``">>>>>>>> Deep."``
* :func:`keep_deep_blocks` adds a block rule that, at a depth just short of the limit
  (lists inside lists inside quotes …), reads what is left of the block as a plain
  paragraph, markers and all: ``- - - - … - item`` keeps ``- item`` as text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

MAX_QUOTE_DEPTH = 8
"""Quote markers kept at the start of a line (deeper is the same author's note)."""
_DEEP_QUOTE_RE = re.compile(
    rf"^((?:[ ]{{0,3}}>[ ]?){{{MAX_QUOTE_DEPTH}}})(?:[ ]{{0,3}}>[ ]?)+", re.MULTILINE
)
_QUOTE_MARKS_RE = re.compile(r"^(?:>[ ]?)+")
_ITEM_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_MARGIN = 3
"""How far below markdown-it's limit a block is read as a plain paragraph: a list item
opens two levels and its paragraph one more."""


def flatten_quotes(text: str) -> str:
    """``text`` with each line's run of ``>`` markers deeper than :data:`MAX_QUOTE_DEPTH`
    cut down to that many.

    ``flatten_quotes("A.\\n\\n" + ">" * 30 + " Deep.")`` → ``"A.\\n\\n>>>>>>>> Deep."``;
    a text without such a line comes back as it is.
    """
    if _DEEP_QUOTE_RE.search(text) is None:
        return text
    return _DEEP_QUOTE_RE.sub(r"\1", text)


def keep_deep_blocks(md: MarkdownIt) -> None:
    """Make ``md`` read a block nested near its limit as a paragraph instead of dropping it."""
    limit = max(1, int(md.options.maxNesting) - _MARGIN)

    def deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.level < limit or silent:
            return False
        line = start + 1
        while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
            line += 1
        state.line = line
        for first, last, content in _paragraphs(state, start, line):
            opened = state.push("paragraph_open", "p", 1)
            opened.map = [first, last]
            inline = state.push("inline", "", 0)
            inline.content = content
            inline.map = [first, last]
            inline.children = []
            state.push("paragraph_close", "p", -1)
        return True

    md.block.ruler.before("table", "fanfmt_deep", deep)


def _paragraphs(state: StateBlock, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(first line, end line, text)`` of each paragraph in lines ``start`` to ``end``: a
    line that opens a list item or a quote starts one, with its quote markers left out."""
    out: list[tuple[int, int, str]] = []
    for i in range(start, end):
        text = _QUOTE_MARKS_RE.sub("", state.getLines(i, i + 1, state.blkIndent, False).strip())
        if not text:
            continue
        if out and not _ITEM_RE.match(text):
            first, _, before = out[-1]
            out[-1] = (first, i + 1, f"{before}\n{text}")
        else:
            out.append((i, i + 1, text))
    return out


__all__ = ["MAX_QUOTE_DEPTH", "flatten_quotes", "keep_deep_blocks"]
