"""Mark verse that a reader found as lines with breaks: a stanza, not a paragraph of prose.

* ``Carry me down to the water<br/>Carry me down in the dark<br/>Light me a lamp`` (HTML),
  or the same lines ending in ``\\`` (Markdown) → a ``verse`` paragraph
* ``"Hi."<br/>"Hello."<br/>"How are you?"``, ``Ann: hi<br/>Bo: hey<br/>Ann: you up?``,
  lines that each end a sentence (messages, a letter's lines) → left as they are

Plain-text stanzas are found by the reader, which sees the lines themselves.
"""

from __future__ import annotations

from dataclasses import replace

from fanfmt.model import Block, Document, LineBreak, Paragraph
from fanfmt.reader.layout import stanza_lines
from fanfmt.rules.table import Context
from fanfmt.walk import plain_text


def _lines(p: Paragraph) -> list[str] | None:
    """The paragraph's lines when it has two line breaks or more, else None."""
    if sum(isinstance(c, LineBreak) for c in p.children) < 2:
        return None
    return [line.strip() for line in plain_text(p.children).split("\n")]


def apply(doc: Document, ctx: Context) -> Document:
    """Give paragraphs of short broken lines the ``verse`` role."""
    out: list[Block] = []
    changed = False
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.role == "text":
            lines = _lines(block)
            if lines is not None and stanza_lines(lines):
                block = replace(block, role="verse")
                changed = True
        out.append(block)
    return replace(doc, blocks=tuple(out)) if changed else doc
