"""A whole story in one file → one book chapter per chapter heading.

Archives and download tools keep a story in one text file: ``Chapter 1: Fog`` … ``Chapter 2:
The Stranger`` …. In a book each chapter needs its own page and its own entry in the
contents::

    split_chapters(doc)  # blocks [h1, p, p, note, h2, p] → [h1, p, p, note(after)], [h2, p]

The first chapter keeps everything above the second heading (the story title, the
disclaimer, the notes before it). An author's note between two chapters closes the first
(``after``); one right under a heading opens its chapter (``before``). A document with one
chapter heading or none is one chapter.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from fanfmt.api import final_meta
from fanfmt.model import AuthorNote, Block, Document, Heading, Paragraph


def split_chapters(doc: Document) -> list[Document]:
    """The chapters of ``doc``, each a document of its own (see the module docstring)."""
    cuts = [i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and (b.number or b.title)]
    if len(cuts) < 2:
        return [doc]
    bounds = [0, *cuts[1:], len(doc.blocks)]
    parts: list[Document] = []
    for lo, hi in pairwise(bounds):
        blocks = _place_notes(doc.blocks[lo:hi])
        part = replace(doc, blocks=blocks, meta=replace(doc.meta, chapter=""))
        parts.append(final_meta(part))
    return parts


def _place_notes(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Notes before the chapter's first story paragraph open it, those after its last close it."""
    story = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.role == "text"]
    if not story:
        return blocks
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if isinstance(block, AuthorNote) and block.position == "inline":
            if i < story[0]:
                block = replace(block, position="before")
            elif i > story[-1]:
                block = replace(block, position="after")
        out.append(block)
    return tuple(out)
