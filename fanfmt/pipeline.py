"""Read a chapter, run the block rules on the whole of it, finish its paragraphs as it is written.

::

    read ──▶ block rules (BLOCK_RULES, the whole chapter) ──▶ Prepared
    Prepared.page().blocks ──▶ inline rules (INLINE_RULES, one paragraph at a time) ──▶ writer

:func:`prepare` reads the chapter and runs the block table; the inline table finishes the
blocks only as a writer reaches them (as mistune's ``_iter_render`` parses a block's
inlines when the renderer gets to it), :data:`PIECE_CHARS` characters at a time. Only one
piece's inline nodes are alive at a time, so a 10 MB chapter is written in the memory of
its text and one piece::

    prepared = prepare('"Hi," she said.\\n\\n*Run.*\\n', from_format="text")
    list(prepared.blocks())
    → [Paragraph((Quoted((Text("Hi,"),)), Text(" she said.")), line=1),
       Paragraph((Thought((Text("Run."),), "asterisk"),), line=3)]

``prepared.finish()`` gives the same blocks as one :class:`~fanfmt.model.Document`. The
first pass over the chapter (by either) reports the rules' findings into ``prepared.ctx``;
passes after it report nothing, so a template that loops twice finds nothing twice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import field, replace

from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import ConfigError
from fanfmt.gcpause import gc_paused
from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Footnotes,
    Heading,
    Legend,
    Meta,
    Paragraph,
    Text,
)
from fanfmt.options import Options
from fanfmt.reader import read, rules_done_by, sniff
from fanfmt.reader.footnotes import report_unused
from fanfmt.reader.long import split_long_paragraphs
from fanfmt.record import record
from fanfmt.rules import DEFAULT_CHAIN, InlineRule, RuleTable
from fanfmt.rules._text import fold
from fanfmt.rules.table import Context, Finisher, run_blocks
from fanfmt.writers.inline import display_text
from fanfmt.writers.page import Blocks, Page

PIECE_CHARS = 64_000
"""About how many characters of text the inline rules finish at a time."""
READ_STEP = "read"
"""The name ``ctx.changes`` gives the document as read, before any rule."""

_NODE_CHARS = 16
"""What an inline node other than text counts for in a piece's size."""


@record(frozen=False)
class Prepared:
    """A chapter read and shaped by the block rules, whose paragraphs are still to finish."""

    doc: Document
    """The blocks as the block rules left them; ``meta`` is final already."""
    rules: RuleTable[InlineRule]
    """The inline rules that finish the paragraphs."""
    ctx: Context
    """Where the rules report, and the options they read."""
    observe: Callable[[tuple[Block, ...]], None] | None = None
    """Called with the blocks of each piece the first pass finishes (to count them)."""
    as_read: Document | None = None
    """The document before any rule (kept when :func:`prepare` is asked to)."""
    _passes: int = field(default=0, repr=False)

    def pieces(self, size: int | None = None) -> Iterator[tuple[Block, ...]]:
        """The finished blocks, a piece of about ``size`` characters (:data:`PIECE_CHARS`)
        at a time, in order."""
        first = self._passes == 0
        self._passes += 1
        ctx = self.ctx if first else Context(self.ctx.options)  # no finding twice
        observe = self.observe if first else None
        finisher = Finisher(self.rules, self.doc.convention, ctx, stages=ctx.changes is not None)
        for piece in _cut(self.doc.blocks, size or PIECE_CHARS):
            with gc_paused():  # the rules build trees and make no reference cycles
                blocks = tuple(map(finisher.block, piece))
            if observe is not None:
                observe(blocks)
            yield blocks
        finisher.end()
        finisher.record(self.doc)

    def blocks(self) -> Iterator[Block]:
        """The finished blocks one by one (finished a piece at a time)."""
        for piece in self.pieces():
            yield from piece

    def finish(self) -> Document:
        """The whole chapter finished at once: as one piece."""
        (blocks,) = self.pieces(sys.maxsize)
        return replace(self.doc, blocks=blocks)

    def page(self) -> Page:
        """The chapter for a writer: its blocks finished as the writer reaches them."""
        blocks = Blocks(self.doc.blocks, self._alone, self.blocks)
        return Page(self.doc.meta, self.doc.convention, blocks)

    def _alone(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """``blocks`` finished by themselves (for a template that picks one), reporting nothing."""
        finisher = Finisher(self.rules, self.doc.convention, Context(self.ctx.options))
        with gc_paused():
            return tuple(map(finisher.block, blocks))


def prepare(
    text: str,
    options: Options | None = None,
    *,
    source: str = "",
    ctx: Context | None = None,
    from_format: str = "auto",
    keep_read: bool = False,
) -> Prepared:
    """Read ``text`` and run the block rules.

    ``from_format`` (``text``, ``markdown``, ``html``) names the input format; ``auto``
    takes ``options.from_format``, and when that is ``auto`` too, sniffs the text.
    ``keep_read`` keeps the document as read in ``Prepared.as_read`` (for the checks).
    """
    options = options or Options()
    lang = options.lang if options.lang != "auto" else "en"
    meta = Meta(author=options.author, lang=lang, source=source)
    fmt = from_format if from_format != "auto" else options.from_format
    if fmt == "auto":
        fmt = sniff(text)
    ctx = ctx or Context(options)
    ctx.options = options
    ctx.rule = READ_STEP  # (the tables name each rule as they run it)
    if fmt in ("html", "markdown"):
        text = _drop_references(text, fmt, ctx)
    doc = split_long_paragraphs(read(text, fmt, meta), ctx.report)
    doc, options = _language(doc, options, text[:4096] if fmt == "html" else "")
    ctx.options = options
    report_unused(doc, ctx.report)
    if ctx.changes is not None:
        ctx.changes.append((READ_STEP, doc))
    as_read = doc if keep_read else None
    try:
        chain = DEFAULT_CHAIN.disable(options.disabled_rules | rules_done_by(fmt))
    except KeyError as exc:  # Options(disabled_rules=…) made in Python, with a name not a rule
        raise ConfigError(f"Options(disabled_rules=…): {exc.args[0]}") from None
    with gc_paused():  # the rules build trees and make no reference cycles
        doc = run_blocks(chain.block, doc, ctx)
    if options.title:
        doc = retitle(doc, options.title)
    doc = replace(doc, meta=_final_meta(doc, chain.inline, options))
    if ctx.changes:  # the titles are final by the end of the block rules: no inline rule's doing
        rule, last = ctx.changes[-1]
        ctx.changes[-1] = (rule, replace(last, meta=doc.meta))
    return Prepared(doc, chain.inline, ctx, as_read=as_read)


def _language(doc: Document, options: Options, head: str) -> tuple[Document, Options]:
    """The chapter with its language found (:mod:`fanfmt.langfind`), and the options the
    rules read with it set."""
    from fanfmt.langfind import from_page, settle

    page = from_page(head, doc.meta.story.language) if options.lang == "auto" else ""
    texts = (display_text(b.children) for b in doc.blocks if isinstance(b, Paragraph))
    lang, how = settle(options.lang, page, texts)
    doc = replace(doc, meta=replace(doc.meta, lang=lang, lang_found=how))
    return doc, options if options.lang == lang else options.replace(lang=lang)


def _drop_references(text: str, fmt: str, ctx: Context) -> str:
    """``text`` without the references to characters no output may hold (``&#1;``), reported
    as E003 with the characters the decoder removes (see :mod:`fanfmt.xmlchars`)."""
    from collections import Counter

    from fanfmt.chars import TIMES
    from fanfmt.xmlchars import drop_references

    text, dropped, first = drop_references(text, fmt)
    if dropped:
        kinds = Counter(dropped).most_common(4)
        shown = ", ".join(f"{ref} {TIMES}{n}" for ref, n in kinds)
        more = ", …" if len(set(dropped)) > 4 else ""
        message = f"removed {len(dropped)} reference(s) to characters XML forbids: {shown}{more}"
        line = text.count("\n", 0, first) + 1
        ctx.diagnostics.report("E003", message, line, severity="info", rule="decode")
    return text


def normalise(
    text: str,
    options: Options | None = None,
    *,
    source: str = "",
    ctx: Context | None = None,
    from_format: str = "auto",
) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Read ``text`` and run both rule tables: the document and what the rules reported.

    ``from_format`` as for :func:`prepare`, which does the same and leaves the paragraphs
    to be finished a piece at a time.
    """
    prepared = prepare(text, options, source=source, ctx=ctx, from_format=from_format)
    doc = prepared.finish()
    return doc, tuple(prepared.ctx.diagnostics.sorted())


def final_meta(doc: Document) -> Document:
    """Take the chapter and story title from the finished heading (curly quotes and all).

    ``Heading(number=(Text("Chapter 7"),), title=(Quoted((Text("Run"),)),))``
    → ``meta.chapter == "Chapter 7: “Run”"``.
    """
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    if not headings:
        return doc
    chapter_heading = next((h for h in headings if h.number or h.title), None)
    chapter = doc.meta.chapter
    if chapter_heading is not None:
        number = display_text(chapter_heading.number)
        title = display_text(chapter_heading.title)
        chapter = f"{number}: {title}" if number and title else number or title
    titled = next((h for h in headings if h.story_title), None)
    story = display_text(titled.story_title) if titled is not None else doc.meta.title
    return replace(doc, meta=replace(doc.meta, chapter=chapter, title=story))


def _final_meta(doc: Document, rules: RuleTable[InlineRule], options: Options) -> Meta:
    """The titles as the finished headings give them: each finished as any block is."""
    headings = tuple(b for b in doc.blocks if isinstance(b, Heading))
    if headings:
        finisher = Finisher(rules, doc.convention, Context(options))
        doc = final_meta(replace(doc, blocks=tuple(map(finisher.block, headings))))
    if options.title:
        return replace(doc.meta, title=options.title)
    return doc.meta


def retitle(doc: Document, title: str) -> Document:
    """The story title the reader sees, everywhere the text shows it, as ``title`` (``--title``).

    A heading's story title becomes ``title``; so does a heading that is the text's own
    story title alone (a one-shot whose work title heads it). The text's title is
    ``doc.meta.title`` as the readers and rules found it.
    """
    own = fold(doc.meta.title)
    new = (Text(title),)
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Heading) and block.story_title:
            block = replace(block, story_title=new)
        elif (
            isinstance(block, Heading)
            and own
            and not block.number
            and fold(display_text(block.title)) == own
        ):
            block = replace(block, title=new)
        blocks.append(block)
    return replace(doc, blocks=tuple(blocks), meta=replace(doc.meta, title=title))


def _cut(blocks: tuple[Block, ...], size: int) -> Iterator[tuple[Block, ...]]:
    """``blocks`` in pieces of about ``size`` characters."""
    start = 0
    chars = 0
    for i, block in enumerate(blocks):
        chars += _chars(block)
        if chars >= size and i + 1 < len(blocks):
            yield blocks[start : i + 1]
            start = i + 1
            chars = 0
    yield blocks[start:]


def _chars(block: Block) -> int:
    if isinstance(block, Paragraph):
        return sum(len(n.text) if type(n) is Text else _NODE_CHARS for n in block.children)
    if isinstance(block, AuthorNote | Legend):
        return sum(_chars(p) for p in block.paragraphs)
    if isinstance(block, Footnotes):
        return sum(_chars(p) for note in block.notes for p in note.paragraphs)
    return _NODE_CHARS
