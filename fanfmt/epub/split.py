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

from fanfmt.model import Document, Heading
from fanfmt.pipeline import final_meta
from fanfmt.rules.author_notes import position_notes


def split_chapters(doc: Document) -> list[Document]:
    """The chapters of ``doc``, each a document of its own (see the module docstring)."""
    cuts = [i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and (b.number or b.title)]
    if len(cuts) < 2:
        return [doc]
    bounds = [0, *cuts[1:], len(doc.blocks)]
    parts: list[Document] = []
    for lo, hi in pairwise(bounds):
        blocks = tuple(position_notes(list(doc.blocks[lo:hi])))
        part = replace(doc, blocks=blocks, meta=replace(doc.meta, chapter=""))
        parts.append(final_meta(part))
    return parts
