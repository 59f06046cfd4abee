"""Mark the story's front matter at the top of a chapter: byline, disclaimer, header fields.

* ``By Someone`` / ``Author: Someone`` near the top → ``byline`` (and the story's author)
* ``Disclaimer: I don't own…``, ``Usual disclaimers apply``, ``Not mine`` near the top →
  a paragraph with the ``disclaimer`` role; so is ``I own nothing.`` right after an A/N
* ``Title: Paper Lanterns`` (the story's title), ``Rating: T``, ``Fandom: …``,
  ``Thursday 6th October 1994`` above the title → ``metadata``
* ``Summary:`` alone on a line and the summary under it, ``Chapter Text`` (an AO3 page
  pasted as text) → ``metadata``
* after a heading a reader found (Markdown ``# Chapter 7``), the disclaimer and byline
  lines right under it → ``disclaimer``, ``byline``

The top of the chapter is read once, for this rule and ``headings`` (the story title and
the chapter line this front matter stands around): :mod:`fanfmt.rules._top`.
"""

from __future__ import annotations

from dataclasses import replace

from fanfmt.model import Document
from fanfmt.rules._top import read_top
from fanfmt.rules.table import Context


def apply(doc: Document, ctx: Context) -> Document:
    """Mark the front matter; hand the reading on to ``headings``."""
    top = read_top(doc.blocks)
    blocks = top.front()
    ctx.top = (top, blocks)
    meta = replace(
        doc.meta, title=doc.meta.title or top.title, author=doc.meta.author or top.author
    )
    return replace(doc, blocks=blocks, meta=meta)
