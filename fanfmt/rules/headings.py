"""Find the story title, chapter heading, disclaimer and byline at the top, and later headings.

* ``Story Title`` / ``Chapter 7`` / ``The Smallest Spark`` (three lines) → one heading
  with story title, chapter number and chapter title
* ``Chapter 12: The Long Road`` → number ``Chapter 12``, title ``The Long Road``
* ``Prologue``, ``Epilogue``, ``Chapter Seven``, ``CHAPTER IV.``, ``Ch. 3 - Title`` → headings
* ``Disclaimer: I don't own…``, ``Usual disclaimers apply``, ``Not mine`` near the top → a
  paragraph with the ``disclaimer`` role; so is one boxed between two rule lines (``-----``)
* ``By Someone`` / ``Author: Someone`` near the top → ``byline``
* ``Summary:`` alone on a line and the summary under it, ``Chapter Text`` (an AO3 page
  pasted as text) → ``metadata``
* a later ``Chapter 2`` line standing alone → another heading (whole books, archives)
* … but on a page of one chapter (a saved site page names it), ``Epilogue`` standing alone
  deep in the story → a ``caption``: the title of a section of that chapter
* a heading a reader found (Markdown ``# Chapter 7: Title``, an HTML page's chapter title)
  → number and title split the same way; disclaimer and byline lines after it are marked
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt.model import (
    Block,
    Container,
    Document,
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
    CHAPTER_LINE,
    DATE_LINE,
    DISCLAIMER,
    LABELLED_DISCLAIMER,
    METADATA_LINE,
    NOTE_START,
    TITLE_FIELD,
)
from fanfmt.rules._box import boxed_disclaimer
from fanfmt.rules._named import named_author, named_title
from fanfmt.rules._text import POV_RE, QUOTE_CHARS, is_short_line, text_of
from fanfmt.rules._titles import lone_title, part_number, title_block
from fanfmt.rules._twins import mark_typed_title, merge_twin_headings
from fanfmt.rules.furniture import is_furniture
from fanfmt.rules.table import Context

TOP_ZONE = 16
"""The front matter is looked for in this many blocks at the top (a chapter's own
headers: title, byline, disclaimer, metadata), and after a reader's heading."""
DISCLAIMER_MAX_CHARS = 600
"""A disclaimer is shorter: a longer paragraph that says "I don't own" is story or a note."""
METADATA_MAX_CHARS = 1000
"""A header field (``Summary: …``) is shorter."""
CHAPTER_LINE_MAX_CHARS = 120
"""A chapter line is shorter."""
CHAPTER_TITLE_MAX_WORDS = 14
"""The title on a chapter line (``Chapter 2: …``), or a story title, is at most this long."""
STANDALONE_MAX_CHARS = 80
"""A chapter line later in the story (a whole book, an archive) is shorter."""
BYLINE_ROWS = 6
"""A byline is among the first blocks: ``By Someone`` further down is story."""
BYLINE_ROWS_AFTER_HEADING = 4
"""The same, counting from a heading the reader found."""
TITLE_ROWS = 3
"""A story title stands in the first lines of a file."""
SECTION_AFTER = 30
"""On a page of one chapter, a chapter line further down than this many blocks (past the
notes and the author's typed heading) is the title of a section: ``Epilogue``."""
"""A story title above the chapter line is among the first blocks."""
_BBCODE_RE = re.compile(r"\[/?(?:b|i|u|s|center|size|color|font)(?:=[^\]]*)?\]", re.IGNORECASE)
_DECORATION = "~*=+#-_<>[](){}|•·◇◆ \t"
_STORY_LINE_RE = re.compile(
    r"[a-z][.!?…][*_\"”’']*\s+[*_\"“‘']*[A-Z]"  # two sentences
    r"|^[*_].*?[.!?,…][*_](?:\W|$)"  # an italic sentence or clause: a thought
    r"|\b(?:thought|wondered|said|asked|sighed)\b",
)
"""A line of story rather than a title: two sentences, a thought in italics, a speech tag."""
MARKER_LINE_RE = re.compile(
    r"^\W*(?:(?:end\s+(?:of\s+)?)?(?:flash\s*-?\s*back|flash\s*forward|dream(?:\s+sequence)?|memory)"
    r"|present(?:\s+day|\s+time)?|now|then)\W*$",
    re.IGNORECASE,
)
"""``*Flashback*``, ``-End Flashback-``, ``Present day``: a marker in the story, not a title."""


def apply(doc: Document, ctx: Context) -> Document:
    """Mark the front matter and chapter headings."""
    blocks = list(doc.blocks)
    meta = doc.meta
    out: list[Block] = []
    # a page of one chapter (the site named it): a chapter line typed further down, well
    # into the story (``Epilogue`` in the last chapter), heads a section of it
    one_page = sum(isinstance(b, Heading) for b in blocks) == 1
    if blocks and isinstance(blocks[0], Heading):
        i = _after_reader_heading(blocks, out)
    else:
        blocks = title_block(blocks, TITLE_ROWS)
        i = _front_matter(blocks, out)
    if out:
        # the chapter and story titles come from the finished headings (pipeline.final_meta)
        meta = replace(
            meta,
            title=meta.title or named_title(out[:TOP_ZONE]),
            author=meta.author or named_author(out[:TOP_ZONE]),
        )
    for index, block in enumerate(blocks[i:], start=i):
        if index < TOP_ZONE + i and is_story(block):
            role = _top_role(text_of(block), bool(out) and _after_note(out[-1]))
            if role is not None:
                out.append(replace(block, role=role))
                continue
        if isinstance(block, Heading) and _end_marker(block):
            out.append(Paragraph(block.title, block.line, "furniture", block.gap_before))
            continue  # "# The End": the story's last line, not a chapter
        if isinstance(block, Heading):
            block = _split_heading(block)
        elif is_story(block):
            heading = _standalone_heading(block)
            if heading is not None and one_page and index > SECTION_AFTER:
                out.append(replace(block, role="caption"))  # a section of the page's chapter
                continue
            if heading is not None:
                out.append(heading)
                continue
        out.append(block)
    out = boxed_disclaimer(out, TOP_ZONE)
    out = merge_twin_headings(mark_typed_title(out), lambda p: bool(AN_LABEL.match(text_of(p))))
    out = part_number(out, TOP_ZONE)
    return replace(doc, blocks=tuple(out), meta=meta)


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


def _after_reader_heading(blocks: list[Block], out: list[Block]) -> int:
    """A heading the reader found (Markdown ``#``, an HTML title) starts the chapter:
    split it, then mark the disclaimer and byline lines right after it."""
    first = blocks[0]
    assert isinstance(first, Heading)
    out.append(_split_heading(first))
    i = 1
    while i < min(len(blocks), TOP_ZONE):
        block = blocks[i]
        if not is_story(block):
            break
        text = text_of(block)
        label = AO3_LABEL.match(text)
        if label is not None and label.group(1).lower() == "summary":
            i = _summary(blocks, i, out)
            continue
        if DISCLAIMER.match(text) and len(text) < DISCLAIMER_MAX_CHARS:
            out.append(replace(block, role="disclaimer"))
        elif BYLINE.match(text) and i < BYLINE_ROWS_AFTER_HEADING:
            out.append(replace(block, role="byline"))
        else:
            break
        i += 1
    return i


def _summary(blocks: list[Block], i: int, out: list[Block]) -> int:
    """``Summary:`` alone on its line (an AO3 page pasted as text) and the summary under it,
    up to the next label or gap, as ``metadata``; the index after them."""
    label = blocks[i]
    assert isinstance(label, Paragraph)
    out.append(replace(label, role="metadata"))
    i += 1
    while i < len(blocks) and isinstance(blocks[i], Paragraph):
        nxt = blocks[i]
        assert isinstance(nxt, Paragraph)
        if AO3_LABEL.match(text_of(nxt)) or nxt.gap_before or not is_story(nxt):
            break
        out.append(replace(nxt, role="metadata"))
        i += 1
    return i


def _split_heading(heading: Heading) -> Heading:
    """``Heading(title="Chapter 7: The Spark")`` → number ``Chapter 7``, title ``The Spark``."""
    from fanfmt.walk import plain_text

    if heading.number or not heading.title:
        return heading
    text = plain_text(heading.title)
    m = CHAPTER_LINE.match(text) if len(text) <= CHAPTER_LINE_MAX_CHARS else None
    if m is None:
        return heading
    number = _strip(_slice(heading.title, m.start("number"), m.end("number")))
    title = _strip(_slice(heading.title, m.start("title"), len(text)))
    return replace(heading, number=number, title=title)


def _slice(children: tuple[Inline, ...], lo: int, hi: int) -> tuple[Inline, ...]:
    """The inline nodes covering plain-text offsets ``lo``..``hi`` (markup kept)."""
    from fanfmt.walk import plain_text

    out: list[Inline] = []
    pos = 0
    for node in children:
        size = len(plain_text((node,)))
        a, b = max(lo - pos, 0), min(hi - pos, size)
        if a < b:
            if isinstance(node, Text):
                out.append(Text(node.text[a:b]))
            elif isinstance(node, Container):
                out.append(replace(node, children=_slice(node.children, a, b)))
            else:
                out.append(node)
        pos += size
    return tuple(out)


def _unbold(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A title set in bold as a whole (``**Title**``, as fanfmt's Markdown writes one) is plain:
    ``(Strong((Text("T"),)),)`` → ``(Text("T"),)``."""
    if len(children) == 1 and isinstance(children[0], Strong):
        return children[0].children
    return children


def _strip(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    nodes = list(children)
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return tuple(n for n in nodes if not (isinstance(n, Text) and not n.text))


def _is_chapter_line(text: str) -> re.Match[str] | None:
    if len(text) > CHAPTER_LINE_MAX_CHARS:
        return None
    if "[/" in text:  # [b]Chapter 3: Starlight[/b], from an old forum ([i] alone is text)
        text = _BBCODE_RE.sub("", text)
    inner = text.strip(_DECORATION)
    if len(inner) == len(text.lstrip(_DECORATION)) or len(inner) == len(text.rstrip(_DECORATION)):
        inner = text  # decoration on one side only is part of the title: "Chapter 2 (Part 1)"
    m = CHAPTER_LINE.match(inner.strip())
    if m is None:
        return None
    title = m.group("title")
    if not title:
        return m
    if len(title.split()) > CHAPTER_TITLE_MAX_WORDS:
        return None
    marked = any(ch in ":.-–—|" for ch in m.string[m.end("number") : m.start("title")])
    if not marked and (title[0] in QUOTE_CHARS or title[0].islower()):
        return None  # "Part 2 was…" is prose; "Chapter 2: 'Tis the Season" is a heading
    return m


def _front_matter(blocks: list[Block], out: list[Block]) -> int:
    """Consume the top of the document; return the index of the first block not consumed.

    Title candidates before the chapter line wait in ``pending``: they become the story
    title (or a byline) once a chapter line is found, and plain paragraphs otherwise.
    """
    pending: list[Paragraph] = []
    recognised: list[Paragraph] = []  # bylines, metadata, disclaimers seen while titles wait
    i = 0
    heading: Heading | None = None
    while i < min(len(blocks), TOP_ZONE):
        block = blocks[i]
        if isinstance(block, Paragraph) and block.role in ("byline", "metadata"):
            (recognised if pending else out).append(block)  # named by the title block
            i += 1
            continue
        if not is_story(block):
            break
        text = text_of(block)
        m = _is_chapter_line(text)
        if m is not None and heading is None:
            title: tuple[Inline, ...] = (
                (Text(m.group("title").strip()),) if m.group("title") else ()
            )
            number = (Text(m.group("number").strip()),)
            story_title: tuple[Inline, ...] = ()
            if pending:
                first, rest = pending[0], pending[1:]
                if recognised:
                    # "Story / By X / Chapter 1": keep the order, the title in a header of its own
                    title_only = _unbold(first.children)
                    out.append(Heading((), (), title_only, first.line, first.gap_before))
                    out.extend(sorted((*rest, *recognised), key=lambda p: p.line))
                else:
                    story_title = _unbold(first.children)
                    out.extend(rest)
            else:
                out.extend(recognised)
            pending, recognised = [], []
            heading = Heading(number, title, story_title, block.line, block.gap_before)
            out.append(heading)
            i += 1
            if not title and i < len(blocks):
                nxt = blocks[i]
                if isinstance(nxt, Paragraph) and _could_be_title(text_of(nxt)):
                    out[out.index(heading)] = heading = replace(heading, title=nxt.children)
                    i += 1
            continue
        role: ParagraphRole | None = None
        label = AO3_LABEL.match(text)
        if label is not None and label.group(1).lower() == "summary":
            # AO3 paste: "Summary:" on its own line, the summary below it
            out.extend(sorted((*pending, *recognised), key=lambda p: p.line))
            pending, recognised = [], []
            i = _summary(blocks, i, out)
            continue
        if label is not None and label.group(1).lower() == "chapter text":
            out.extend(sorted((*pending, *recognised), key=lambda p: p.line))
            out.append(replace(block, role="metadata"))
            return i + 1  # AO3's landmark: the story starts here
        if DISCLAIMER.match(text) and len(text) < DISCLAIMER_MAX_CHARS:
            role = "disclaimer"
        elif _is_field(text):
            role = "metadata"
        elif BYLINE.match(text.strip(_DECORATION)) and i < BYLINE_ROWS:
            role = "byline"  # "By Someone", "* by Someone *"
        elif DATE_LINE.match(text) and i < BYLINE_ROWS and heading is None and not pending:
            role = "metadata"  # "Thursday 6th October 1994" above the title: when it was written
        if role is not None:
            if pending or recognised:
                recognised.append(replace(block, role=role))
            else:
                out.append(replace(block, role=role))
            i += 1
            continue
        if heading is None and i < TITLE_ROWS and _could_be_title(text) and not pending:
            pending.append(block)
            i += 1
            continue
        if heading is None and pending and _chapter_line_ahead(blocks, i):
            recognised.append(block)  # a legend between the title and the chapter line
            i += 1
            continue
        break
    lone = heading is None and len(pending) == 1
    if lone and lone_title(blocks, i, pending[0], out, recognised):
        # "Paper Lanterns", then an A/N or a disclaimer: the story's title, no chapter line
        first = pending.pop()
        out.append(Heading((), (), _unbold(first.children), first.line, first.gap_before))
    out.extend(sorted((*pending, *recognised), key=lambda p: p.line))
    return i


def _end_marker(heading: Heading) -> bool:
    """A heading the reader found that only says the story ends: ``# The End``, ``<h2>Fin</h2>``."""
    from fanfmt.walk import plain_text

    if heading.number or heading.story_title or not heading.title:
        return False
    return is_furniture(plain_text(heading.title))


def _is_field(text: str) -> bool:
    """``Title: Paper Lanterns``, ``Rating: T``: a field of the story's header."""
    field = TITLE_FIELD.match(text) or METADATA_LINE.match(text)
    return field is not None and len(text) < METADATA_MAX_CHARS


def _chapter_line_ahead(blocks: list[Block], i: int, within: int = 8) -> bool:
    """Is there a chapter line a few short lines below ``blocks[i]`` (a legend between)?"""
    for j in range(i, min(len(blocks), i + within + 1)):
        block = blocks[j]
        if not is_story(block):
            return False
        text = text_of(block)
        if j > i and _is_chapter_line(text):
            return True
        if not is_short_line(text, 10):
            return False
    return False


def _could_be_title(text: str) -> bool:
    if not is_short_line(text, CHAPTER_TITLE_MAX_WORDS) or text[0] in QUOTE_CHARS:
        return False
    if DISCLAIMER.match(text) or NOTE_START.match(text) or BYLINE.match(text):
        return False
    # "Katara's POV" under "Chapter 5" says whose eyes the scene is seen through: no title
    if POV_RE.search(text) or MARKER_LINE_RE.match(text):
        return False
    if _STORY_LINE_RE.search(text):
        return False  # _Great_, Percy thought. _Just great._ — the story has begun
    return not (text.endswith(".") and not text.endswith(".."))


def _standalone_heading(block: Paragraph) -> Heading | None:
    text = text_of(block)
    m = _is_chapter_line(text)
    if m is None or len(text) > STANDALONE_MAX_CHARS:
        return None
    if not block.gap_before and m.group("title") and not text.lstrip(_DECORATION)[:1].isupper():
        return None
    title = (Text(m.group("title").strip()),) if m.group("title") else ()
    return Heading((Text(m.group("number").strip()),), title, (), block.line, block.gap_before)
