"""Finish a chapter a piece at a time, as it is written.

The rules that shape a chapter (headings, notes, breaks, captions, the convention) need
all of it; the rules after them (emphasis … thoughts) are *local*: they look at one
paragraph at a time. :func:`prepare` reads the chapter and runs the shaping rules on the
whole of it; :meth:`Prepared.pieces` runs the local rules on pieces of about
:data:`PIECE_CHARS` characters, one after the other, as a writer asks for them. Only one
piece's inline nodes are alive at a time, so a 10 MB chapter is written in the memory of
its text and one piece::

    prepared = prepare('"Hi," she said.\\n\\n*Run.*\\n', from_format="text")
    [block for piece in prepared.pieces() for block in piece]
    → [Paragraph((Quoted((Text("Hi,"),)), Text(" she said.")), line=1),
       Paragraph((Thought((Text("Run."),), "asterisk"),), line=3)]

``prepared.finish()`` gives the same blocks as one :class:`~fanfmt.model.Document`. The
first pass over the chapter (by either) reports the rules' findings into ``prepared.ctx``;
passes after it report nothing, so a template that loops twice finds nothing twice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from fanfmt.gcpause import gc_paused
from fanfmt.model import AuthorNote, Block, Document, Heading, Legend, Meta, Paragraph, Text
from fanfmt.options import Options
from fanfmt.reader import read, rules_done_by, sniff
from fanfmt.reader.long import split_long_paragraphs
from fanfmt.rules import DEFAULT_CHAIN, Context, RuleChain

PIECE_CHARS = 64_000
"""About how many characters of text the local rules finish at a time."""

_NODE_CHARS = 16
"""What an inline node other than text counts for in a piece's size."""


@dataclass(slots=True)
class Prepared:
    """A chapter read and shaped, whose paragraphs the local rules have still to finish."""

    doc: Document
    """The blocks as the shaping rules left them; ``meta`` is final already."""
    rules: RuleChain
    """The local rules still to run (none for a document that is finished)."""
    ctx: Context
    """Where the rules report, and the options they read."""
    reported: bool = False
    """Whether the local rules have reported into ``ctx`` (they do on the first pass only)."""
    observe: Callable[[tuple[Block, ...]], None] | None = None
    """Called with the blocks of each piece the first pass finishes (to count them)."""

    @classmethod
    def finished(cls, doc: Document, options: Options) -> Prepared:
        """A document the rules have finished already: nothing left to run."""
        return cls(doc, RuleChain(()), Context(options), reported=True)

    def finish(self) -> Document:
        """The whole chapter finished at once: as one piece."""
        (blocks,) = self.pieces(sys.maxsize)
        return replace(self.doc, blocks=blocks)

    def pieces(self, size: int | None = None) -> Iterator[tuple[Block, ...]]:
        """The finished blocks, a piece of about ``size`` characters (:data:`PIECE_CHARS`)
        at a time, in order."""
        observe = None if self.reported else self.observe
        ctx = self._context()
        size = size or PIECE_CHARS
        if ctx.changes is not None:
            size = sys.maxsize  # --explain shows the whole chapter after each rule: one piece
        for piece, more in _cut(self.doc.blocks, size):
            ctx.more = more
            with gc_paused():  # the rules build trees and make no reference cycles
                blocks = self.rules.run(replace(self.doc, blocks=piece), ctx).blocks
            if observe is not None:
                observe(blocks)
            yield blocks
        ctx.more = False

    def finish_blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """``blocks`` finished by themselves (for a template that picks one), reporting nothing."""
        with gc_paused():
            doc = replace(self.doc, blocks=blocks)
            return self.rules.run(doc, Context(self.ctx.options)).blocks

    def _context(self) -> Context:
        """The real context on the first pass; a scratch one after it (no finding twice)."""
        if self.reported:
            return Context(self.ctx.options)
        self.reported = True
        return self.ctx


def prepare(
    text: str,
    options: Options | None = None,
    *,
    source: str = "",
    ctx: Context | None = None,
    from_format: str = "auto",
) -> Prepared:
    """Read ``text`` and run the rules that need the whole chapter.

    ``from_format`` (``text``, ``markdown``, ``html``) names the input format; ``auto``
    takes ``options.from_format``, and when that is ``auto`` too, sniffs the text.
    """
    options = options or Options()
    meta = Meta(title=options.title, author=options.author, lang=options.lang, source=source)
    fmt = from_format if from_format != "auto" else options.from_format
    if fmt == "auto":
        fmt = sniff(text)
    ctx = ctx or Context(options)
    ctx.options = options
    ctx.rule = "read"  # (the chain names each rule as it runs it)
    doc = split_long_paragraphs(read(text, fmt, meta), ctx.report)
    if ctx.changes is not None:
        ctx.changes.append(("read", doc))  # the document as read, before any rule
    shaping, local = DEFAULT_CHAIN.disable(options.disabled_rules | rules_done_by(fmt)).split()
    with gc_paused():  # the rules build trees and make no reference cycles
        doc = shaping.run(doc, ctx)
    return Prepared(replace(doc, meta=_final_meta(doc, local, options)), local, ctx)


def _final_meta(doc: Document, local: RuleChain, options: Options) -> Meta:
    """The titles as the finished headings give them (curly quotes and all)."""
    from fanfmt.api import final_meta

    headings = tuple(b for b in doc.blocks if isinstance(b, Heading))
    if headings:
        finished = local.run(replace(doc, blocks=headings), Context(options))
        doc = final_meta(finished)
    if options.title:
        return replace(doc.meta, title=options.title)
    return doc.meta


def _cut(blocks: tuple[Block, ...], size: int) -> Iterator[tuple[tuple[Block, ...], bool]]:
    """``blocks`` in pieces of about ``size`` characters, each with "more follow"."""
    start = 0
    chars = 0
    for i, block in enumerate(blocks):
        chars += _chars(block)
        if chars >= size and i + 1 < len(blocks):
            yield blocks[start : i + 1], True
            start = i + 1
            chars = 0
    yield blocks[start:], False


def _chars(block: Block) -> int:
    if isinstance(block, Paragraph):
        return sum(len(n.text) if type(n) is Text else _NODE_CHARS for n in block.children)
    if isinstance(block, AuthorNote | Legend):
        return sum(_chars(p) for p in block.paragraphs)
    return _NODE_CHARS
