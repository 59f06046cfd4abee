"""A whole story in one file → one book chapter per chapter heading.

Archives and download tools keep a story in one text file: ``Chapter 1: Fog`` … ``Chapter 2:
The Stranger`` …. In a book each chapter needs its own page and its own entry in the
contents::

    split_chapters(doc)  # blocks [h1, p, p, note, h2, p] → [h1, p, p, note(after)], [h2, p]

The first chapter keeps everything above the second heading (the story title, the
disclaimer, the notes before it). An author's note between two chapters closes the first
(``after``); one right under a heading opens its chapter (``before``). A document with one
chapter heading or none is one chapter.

Footnotes go with their chapter: each chapter ends with the notes its text refers to (a
note referred to from two chapters is in both); notes nothing refers to close the last.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from fanfmt.model import Block, Document, Footnote, Footnotes, Heading
from fanfmt.pipeline import final_meta
from fanfmt.rules.author_notes import place_found_notes
from fanfmt.walk import block_inlines, note_refs


def split_chapters(doc: Document) -> list[Document]:
    """The chapters of ``doc``, each a document of its own (see the module docstring)."""
    cuts = [i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and (b.number or b.title)]
    if len(cuts) < 2:
        return [doc]
    notes = tuple(n for b in doc.blocks if isinstance(b, Footnotes) for n in b.notes)
    text = tuple(b for b in doc.blocks if not isinstance(b, Footnotes)) if notes else doc.blocks
    bounds = [0, *cuts[1:], len(text)]
    parts: list[Document] = []
    for k, (lo, hi) in enumerate(pairwise(bounds)):
        blocks = tuple(place_found_notes(list(text[lo:hi])))
        if notes:
            blocks = _with_notes(blocks, notes, last=k == len(bounds) - 2)
        part = replace(doc, blocks=blocks, meta=replace(doc.meta, chapter=""))
        parts.append(final_meta(part))
    return parts


def _with_notes(
    blocks: tuple[Block, ...], notes: tuple[Footnote, ...], *, last: bool
) -> tuple[Block, ...]:
    """``blocks`` and, at their end, the notes they refer to (and those the notes refer to);
    the last chapter also keeps the notes nothing refers to."""
    wanted = {r.number for b in blocks for inlines in block_inlines(b) for r in note_refs(inlines)}
    if last:
        wanted |= {n.number for n in notes if n.refs == 0}
    size = -1
    while size != len(wanted):  # a note may refer to another
        size = len(wanted)
        for n in notes:
            if n.number in wanted:
                wanted |= {r.number for p in n.paragraphs for r in note_refs(p.children)}
    kept = tuple(n for n in notes if n.number in wanted)
    return (*blocks, Footnotes(kept, kept[0].line)) if kept else blocks
