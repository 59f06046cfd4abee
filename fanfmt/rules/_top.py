"""The top of a chapter, read once for ``front_matter`` and ``headings``: :func:`read_top`.

The two rules divide what one walk over the top finds. Which paragraph is the story's
title, which the byline and which the chapter line are told together (a title is a
title because a chapter line follows it; ``By Someone`` is a byline because it stands
among the first lines), so they are read together, and each rule keeps its part:

* ``Story Title`` / ``By Someone`` / ``Chapter 7`` / ``The Spark`` → a heading with a
  story title (``headings``) and a ``byline`` (``front_matter``)
* ``Disclaimer: …``, ``Rating: T``, ``Summary:`` and the summary under it, AO3's
  ``Chapter Text`` → ``disclaimer``, ``metadata`` (``front_matter``)
* a heading the reader found (``# Chapter 7: The Spark``) → number and title split
  (``headings``); the disclaimer and byline lines after it (``front_matter``)

Each block of the reading is an :class:`Entry` that says which rule it belongs to and
what it was made from, so each rule can leave out the other's part (:class:`Top`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

from fanfmt import rx
from fanfmt.model import (
    AuthorNote,
    Block,
    Heading,
    Inline,
    Paragraph,
    ParagraphRole,
    Strong,
    Text,
    is_story,
)
from fanfmt.patterns import (
    AN_LABEL,
    AO3_LABEL,
    AO3_LANDMARK,
    BYLINE,
    DATE_LINE,
    DISCLAIMER,
    FEEDBACK_LINE,
    LABELLED_DISCLAIMER,
    OWNERSHIP_CLAIM,
    POST_FLAIR,
)
from fanfmt.record import record
from fanfmt.rules._chapter import (
    DECORATION,
    chapter_line,
    split_heading,
    title_after_number,
)
from fanfmt.rules._fields import field_run, is_field
from fanfmt.rules._named import named_author, named_title
from fanfmt.rules._text import is_short_line, text_of
from fanfmt.rules._title_line import could_be_title
from fanfmt.rules._titles import lone_title, title_block

TOP_ZONE = 16
"""The front matter is looked for in this many blocks at the top (a chapter's own
headers: title, byline, disclaimer, metadata), and after a reader's heading."""
DISCLAIMER_MAX_CHARS = 600
"""A disclaimer is shorter: a longer paragraph that says "I don't own" is story or a note."""
BYLINE_ROWS = 6
"""A byline is among the first blocks: ``By Someone`` further down is story."""
BYLINE_ROWS_AFTER_HEADING = 4
"""The same, counting from a heading the reader found."""
TITLE_ROWS = 3
"""A story title stands in the first lines of a file."""
Kind = Literal["same", "front", "heading"]
"""Whose decision a block of the reading is: nobody's, ``front_matter``'s, ``headings``'."""


@record()
class Entry:
    """One block of the reading: ``block`` as both rules leave it, ``was`` what it was
    made from (``(block,)`` when it is unchanged)."""

    block: Block
    was: tuple[Block, ...]
    kind: Kind = "same"


def _same(block: Block) -> Entry:
    return Entry(block, (block,))


def _front(block: Paragraph, role: ParagraphRole) -> Entry:
    return Entry(replace(block, role=role), (block,), "front")


@record()
class Top:
    """The chapter as the walk over its top reads it: ``head`` (the top, read) then
    ``rest`` (the blocks after it, the front matter further down marked), ``rest[0]``
    being block ``start`` of the chapter as :func:`title_block` made it plain."""

    head: tuple[Entry, ...]
    rest: tuple[Entry, ...]
    start: int
    title: str = ""
    """The story title a ``Title:`` field names."""
    author: str = ""
    """The author a byline names."""

    def front(self) -> tuple[Block, ...]:
        """The chapter with the front matter marked and no heading made."""
        return tuple(unmade((*self.head, *self.rest), "heading"))


def unmade(entries: Iterable[Entry], kind: Kind | None) -> list[Block]:
    """The blocks of ``entries``, each of ``kind``'s decisions left unmade (the blocks it
    was made from, as typed); ``None``: every decision made."""
    return [b for e in entries for b in (e.was if e.kind == kind else (e.block,))]


def read_top(blocks: Sequence[Block]) -> Top:
    """Read the top of the chapter ``blocks`` (see the module's docstring)."""
    head: list[Entry] = []
    if blocks and isinstance(blocks[0], Heading):
        base = [_same(b) for b in blocks]
        i = _after_reader_heading(base, head)
    else:
        base = _plain(blocks)
        i = _walk(base, head)
    title = author = ""
    if head:
        top = [e.block for e in head[:TOP_ZONE]]
        title, author = named_title(top), named_author(top)
    rest: list[Entry] = []
    previous = head[-1].block if head else None
    for index, entry in enumerate(base[i:], start=i):
        block = entry.block
        if index < TOP_ZONE + i and is_story(block):
            role = _top_role(text_of(block), previous is not None and _after_note(previous))
            if role is not None:
                entry = _front(block, role)
        rest.append(entry)
        previous = entry.block
    return Top(tuple(head), tuple(rest), i, title, author)


def _plain(blocks: Sequence[Block]) -> list[Entry]:
    """The chapter as :func:`title_block` makes it plain: what it marks is front matter,
    the heading it makes (a title typed over a byline) a heading."""
    given = {id(b) for b in blocks}
    out: list[Entry] = []
    for block in title_block(list(blocks), TITLE_ROWS):
        if id(block) in given:
            out.append(_same(block))
        elif isinstance(block, Heading):
            out.append(Entry(block, (blocks[0],), "heading"))
        elif isinstance(block, Paragraph) and not is_story(block):
            out.append(Entry(block, (replace(block, role="text"),), "front"))
        else:
            out.append(_same(block))
    return out


def _top_role(text: str, after_note: bool = False) -> ParagraphRole | None:
    """Near the top, after the front matter: AO3's ``Chapter Text`` landmark is metadata,
    and a labelled disclaimer (after a legend or a note) is a disclaimer; right after an
    ``A/N:`` line or another disclaimer, so is ``I own nothing.``"""
    if AO3_LANDMARK.match(text):
        return "metadata"
    if LABELLED_DISCLAIMER.match(text) and len(text) < DISCLAIMER_MAX_CHARS:
        return "disclaimer"
    if after_note and DISCLAIMER.match(text) and len(text) < DISCLAIMER_MAX_CHARS:
        return "disclaimer"
    return None


def _after_note(block: Block) -> bool:
    """``A/N: …`` or a disclaimer: what an unlabelled disclaimer may follow."""
    if not isinstance(block, Paragraph):
        return False
    return block.role == "disclaimer" or (is_story(block) and bool(AN_LABEL.match(text_of(block))))


def _after_reader_heading(base: list[Entry], out: list[Entry]) -> int:
    """A heading the reader found (Markdown ``#``, an HTML title) starts the chapter:
    split it, then mark the disclaimer, byline and header field lines right after it."""
    first = base[0].block
    assert isinstance(first, Heading)
    split = split_heading(first)
    out.append(Entry(split, (first,), "heading") if split is not first else _same(first))
    i = 1
    while i < min(len(base), TOP_ZONE):
        block = base[i].block
        if not is_story(block):
            break
        text = text_of(block)
        label = AO3_LABEL.match(text)
        if label is not None and label.group(1).lower() == "summary":
            i = _summary(base, i, out)
            continue
        if DISCLAIMER.match(text) and len(text) < DISCLAIMER_MAX_CHARS:
            out.append(_front(block, "disclaimer"))
        elif BYLINE.match(text.strip(DECORATION)) and i < BYLINE_ROWS_AFTER_HEADING:
            out.append(_front(block, "byline"))  # "by Someone", "_by Someone in **Venue**_"
        elif is_field(text):
            out.append(_front(block, "metadata"))  # "Rating: Teen" under the page's title
        else:
            break
        i += 1
    return i


def _summary(base: list[Entry], i: int, out: list[Entry]) -> int:
    """``Summary:`` alone on its line (an AO3 page pasted as text) and the summary under it,
    up to the next label or gap, as ``metadata``; the index after them."""
    label = base[i].block
    assert isinstance(label, Paragraph)
    out.append(_front(label, "metadata"))
    i += 1
    while i < len(base):
        nxt = base[i].block
        if not isinstance(nxt, Paragraph):
            break
        if AO3_LABEL.match(text_of(nxt)) or nxt.gap_before or not is_story(nxt):
            break
        out.append(_front(nxt, "metadata"))
        i += 1
    return i


def _unbold(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A title set in bold as a whole (``**Title**``, as fanfmt's Markdown writes one) is plain:
    ``(Strong((Text("T"),)),)`` → ``(Text("T"),)``."""
    if len(children) == 1 and isinstance(children[0], Strong):
        return _unframe(children[0].children)
    return _unframe(children)


_FRAME_MIN = 2
"""A title is framed when at least this many marks stand on each side of it."""


def _unframe(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A title framed by marks on both sides is the title without them:
    ``(Text("--== Raging Dragons ==--"),)`` → ``(Text("Raging Dragons"),)``; a mark on one
    side only (``Lost Highway --``), or a title of marks alone, stays as typed."""
    if not children or not isinstance(children[0], Text) or not isinstance(children[-1], Text):
        return children
    first, last = children[0].text, children[-1].text
    head = len(first) - len(first.lstrip(DECORATION))
    tail = len(last) - len(last.rstrip(DECORATION))
    marks = DECORATION.replace(" ", "").replace("\t", "")
    if sum(c in marks for c in first[:head]) < _FRAME_MIN:
        return children
    if sum(c in marks for c in last[len(last) - tail :]) < _FRAME_MIN:
        return children
    if len(children) == 1:
        inner = first.strip(DECORATION)
        return (Text(inner),) if inner else children
    stripped_first, stripped_last = first[head:], last[: len(last) - tail]
    return tuple(
        n
        for n in (Text(stripped_first), *children[1:-1], Text(stripped_last))
        if not (isinstance(n, Text) and not n.text)
    )


def _by_line(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.block.line)


def _walk(base: list[Entry], out: list[Entry]) -> int:
    """Consume the top of the chapter; return the index of the first block not consumed.

    Title candidates before the chapter line wait in ``pending``: they become the story
    title (or a byline) once a chapter line is found, and plain paragraphs otherwise.
    """
    blocks = [e.block for e in base]
    pending: list[Paragraph] = []
    recognised: list[Entry] = []  # bylines, metadata, disclaimers seen while titles wait
    i = 0
    heading: Entry | None = None
    fields = field_run(blocks)
    while i < min(len(blocks), TOP_ZONE + len(fields)):
        block = blocks[i]
        if isinstance(block, Paragraph) and block.role in ("byline", "metadata"):
            (recognised if pending else out).append(base[i])  # named by the title block
            i += 1
            continue
        if isinstance(block, Heading) and i == 0:
            out.append(base[i])  # the title over its byline (title_block): the header goes on
            i += 1
            continue
        if isinstance(block, AuthorNote) and heading is None and not pending:
            out.append(base[i])  # a site's note box over the chapter's own lines
            i += 1
            continue
        if not is_story(block):
            break
        text = text_of(block)
        if i == 0 and (numbered := _numbered_title(blocks)) is not None:
            heading = numbered  # "~~~V~~~" / "_A Wonderful Likeness_": a book's chapter
            out.append(heading)
            i = 2
            continue
        m = chapter_line(text)
        if m is not None and heading is None:
            named = title_after_number(m.group("number"), m.group("title") or "").strip()
            title: tuple[Inline, ...] = (Text(named),) if named else ()
            number = (Text(m.group("number").strip()),)
            story_title: tuple[Inline, ...] = ()
            made_of: tuple[Block, ...] = (block,)
            if pending:
                first, rest = pending[0], pending[1:]
                if recognised:
                    # "Story / By X / Chapter 1": keep the order, the title in a header of its own
                    title_only = Heading(
                        (), (), _unbold(first.children), first.line, first.gap_before
                    )
                    out.append(Entry(title_only, (first,), "heading"))
                    out.extend(_by_line([*map(_same, rest), *recognised]))
                else:
                    story_title = _unbold(first.children)
                    made_of = (first, block)
                    out.extend(map(_same, rest))
            else:
                out.extend(recognised)
            pending, recognised = [], []
            made = Heading(number, title, story_title, block.line, block.gap_before)
            heading = Entry(made, made_of, "heading")
            out.append(heading)
            i += 1
            if not title and i < len(blocks):
                nxt = blocks[i]
                if (
                    isinstance(nxt, Paragraph)
                    and could_be_title(said := text_of(nxt))
                    and not DATE_LINE.match(said)  # a dateline under it is no title
                ):
                    titled = Entry(replace(made, title=nxt.children), (*made_of, nxt), "heading")
                    out[out.index(heading)] = heading = titled
                    i += 1
            continue
        role: ParagraphRole | None = None
        label = AO3_LABEL.match(text)
        if label is not None and label.group(1).lower() == "summary":
            # AO3 paste: "Summary:" on its own line, the summary below it
            out.extend(_by_line([*map(_same, pending), *recognised]))
            pending, recognised = [], []
            i = _summary(base, i, out)
            continue
        if label is not None and label.group(1).lower() == "chapter text":
            out.extend(_by_line([*map(_same, pending), *recognised]))
            out.append(_front(block, "metadata"))
            return i + 1  # AO3's landmark: the story starts here
        if DISCLAIMER.match(text) and len(text) < DISCLAIMER_MAX_CHARS:
            role = "disclaimer"
        elif _opening_disclaimer(blocks, i, text) and heading is None and not pending:
            role = "disclaimer"  # "My first fic. I don't own them, so don't sue." / the title
        elif is_field(text):
            role = "metadata"
        elif BYLINE.match(text.strip(DECORATION)) and i < BYLINE_ROWS:
            role = "byline"  # "By Someone", "* by Someone *"
        elif DATE_LINE.match(text) and i < BYLINE_ROWS and heading is None and not pending:
            role = "metadata"  # "Thursday 6th October 1994" above the title: when it was written
        elif i in fields:
            role = "metadata"  # "Storylink: …" among "Category: …", "Words: …": a header
        elif FEEDBACK_LINE.match(text) and heading is None:
            role = "metadata"  # "C & C welcome" in a story's header
        elif POST_FLAIR.match(text) and pending and i < TITLE_ROWS:
            role = "metadata"  # "Condition Black" / "OC": a post's flair under its title
        if role is not None:
            (recognised if pending or recognised else out).append(_front(block, role))
            i += 1
            continue
        if heading is None and i < TITLE_ROWS and could_be_title(text) and not pending:
            pending.append(block)
            i += 1
            continue
        if heading is None and pending and _chapter_line_ahead(blocks, i):
            recognised.append(base[i])  # a legend between the title and the chapter line
            i += 1
            continue
        break
    lone = heading is None and len(pending) == 1
    done = [e.block for e in out]
    waiting = [e.block for e in recognised if isinstance(e.block, Paragraph)]
    if lone and lone_title(blocks, i, pending[0], done, waiting):
        # "Paper Lanterns", then an A/N or a disclaimer: the story's title, no chapter line
        first = pending.pop()
        alone = Heading((), (), _unbold(first.children), first.line, first.gap_before)
        out.append(Entry(alone, (first,), "heading"))
    out.extend(_by_line([*map(_same, pending), *recognised]))
    return i


_BARE_NUMBER_RE = rx.compile(r"(?:[IVXLC]{1,7}|\d{1,3})\.?")
PROSE_UNDER_NUMBER_WORDS = 12


def _numbered_title(blocks: list[Block]) -> Entry | None:
    """The first line a chapter's number alone (``~~~V~~~``, ``IV.``), a title under it,
    prose under that: the heading ``V`` / ``A Wonderful Likeness``. A number over prose
    (a section's) or over a sentence → None."""
    if len(blocks) < 3 or not all(is_story(b) for b in blocks[:3]):
        return None
    number, title, prose = blocks[0], blocks[1], blocks[2]
    assert isinstance(number, Paragraph)
    assert isinstance(title, Paragraph)
    assert isinstance(prose, Paragraph)
    typed = text_of(number).strip().strip(DECORATION)
    if not _BARE_NUMBER_RE.fullmatch(typed) or "\n" in text_of(title):
        return None
    if not could_be_title(text_of(title)) or len(text_of(prose).split()) < PROSE_UNDER_NUMBER_WORDS:
        return None
    made = Heading((Text(typed.rstrip(".")),), title.children, (), number.line, number.gap_before)
    return Entry(made, (number, title), "heading")


OPENING_ROWS = 2
"""An author's opening word over the title stands in the first blocks of a file."""


def _opening_disclaimer(blocks: list[Block], i: int, text: str) -> bool:
    """Is ``text``, among the first blocks, the author disowning the characters over the
    title (``Okay, my first fic. I do not own them, so don't sue me.`` / ``No Need for
    Tests``)? Its words say so anywhere in it (:data:`OWNERSHIP_CLAIM`), and a short line
    that could be a title or a chapter line comes next."""
    if i >= OPENING_ROWS or len(text) >= DISCLAIMER_MAX_CHARS or not OWNERSHIP_CLAIM.search(text):
        return False
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or not is_story(nxt):
        return False
    after = text_of(nxt)
    return bool(chapter_line(after)) or could_be_title(after)


def _chapter_line_ahead(blocks: list[Block], i: int, within: int = 8) -> bool:
    """Is there a chapter line a few short lines below ``blocks[i]`` (a legend between)?"""
    for j in range(i, min(len(blocks), i + within + 1)):
        block = blocks[j]
        if not is_story(block):
            return False
        text = text_of(block)
        if j > i and chapter_line(text):
            return True
        if not is_short_line(text, 10):
            return False
    return False
