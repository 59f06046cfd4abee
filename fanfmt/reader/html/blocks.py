"""Block structure of the HTML reader: block elements end paragraphs, inline ones fill them.

* ``<p>``, ``<div>``, ``<h1>``–``<h6>``, ``<hr>`` → paragraphs, headings, scene breaks
* runs of empty paragraphs (``<p>&nbsp;</p>``, or FFN's ``<p>.</p>``) and ``<br><br>`` →
  blank-line gaps (``gap_before`` beyond the page's usual spacing), as in plain text
* ``<p>Long line.<br>Long line.</p>`` → a paragraph per line; short lines (a poem) keep
  their line breaks
* ``<aside class="author-note">`` and ``header.chapter-heading`` (fanfmt's own XHTML)
  → notes and headings again
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from fanfmt.chars import ELLIPSIS, RIGHT_DOUBLE_QUOTE, RIGHT_SINGLE_QUOTE
from fanfmt.lexicon import CHAPTER_WORDS, NUMBER_WORDS
from fanfmt.model import (
    AuthorNote,
    Block,
    Heading,
    Inline,
    LineBreak,
    Paragraph,
    ParagraphRole,
    SceneBreak,
    StoryFacts,
    Text,
)
from fanfmt.notes import position_notes
from fanfmt.patterns import alternatives
from fanfmt.reader.html.dom import (
    BLOCK_TAGS,
    HEADINGS,
    as_tag,
    as_text,
    class_names,
    contains_block,
    source_line,
)
from fanfmt.reader.html.inlines import (
    inline_content,
    inline_nodes,
    own_heading,
    tidy,
    wrapper,
)
from fanfmt.reader.html.pre import pre_parts
from fanfmt.reader.html.spacing import blank_cell, holds_paragraphs, typed_paragraphs

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from bs4.element import PageElement

_PROSE_LINE = 80
"""Mean length (characters) above which ``<br>``-separated lines are paragraphs."""
_SENTENCE_END = (".", "!", "?", '"', ")", ELLIPSIS, RIGHT_DOUBLE_QUOTE, RIGHT_SINGLE_QUOTE)


@dataclass(slots=True)
class _Para:
    children: tuple[Inline, ...]
    line: int
    empties: int
    role: ParagraphRole = "text"
    inner: bool = False
    """Parted from the paragraph before by ``<br><br>`` inside one element, not by an element."""


@dataclass(slots=True)
class Page:
    """What a page yields, in reading order, before gaps are settled."""

    styles: dict[str, tuple[bool, bool]]
    chapter: tuple[Inline, ...] = ()
    story_title: tuple[Inline, ...] = ()
    author: str = ""
    named: str = ""
    """The page's ``<title>``, cleaned of the site's name: the last resort for a title."""
    story: StoryFacts = field(default_factory=StoryFacts)
    """What the page states about the story (rating, tags, summary …)."""
    items: list[Block | _Para] = field(default_factory=list)

    def heading(self, title: tuple[Inline, ...], line: int) -> None:
        if title:
            self.items.append(Heading(title=title, line=line))

    def note(self, node: Tag) -> None:
        """A note the page marks as one; :meth:`finish` places it in its chapter."""
        paragraphs = [
            Paragraph(p.children, p.line)
            for p in _Builder(self.styles).run(node)
            if isinstance(p, _Para)
        ]
        if paragraphs:
            self.items.append(AuthorNote(tuple(paragraphs), "inline", True, paragraphs[0].line))

    def text(self, node: Tag | BeautifulSoup) -> None:
        self.items.extend(_Builder(self.styles).run(node))

    def finish(self) -> tuple[Block, ...]:
        items = _number_then_title(list(self.items))
        first = next((i for i, b in enumerate(items) if isinstance(b, Heading)), None)
        if first is not None and all(isinstance(b, AuthorNote) for b in items[:first]):
            items.insert(0, items.pop(first))  # work notes follow the heading
        elif self.story_title:
            items.insert(0, Heading(line=1))
            first = 0
        if self.story_title and first is not None:
            head = items[0]
            assert isinstance(head, Heading)
            items[0] = replace(head, story_title=self.story_title)
        return tuple(position_notes(_settle_gaps(items)))


_NUMBER_ONLY_RE = re.compile(
    rf"^\W{{0,2}}(?:(?:{alternatives(CHAPTER_WORDS)})\s*)?"
    rf"(?:\d+|[ivxlcdm]+|(?:{alternatives(NUMBER_WORDS)})(?:[- ](?:{alternatives(NUMBER_WORDS)}))?)"
    r"\W{0,2}$",
    re.IGNORECASE,
)
"""A heading that is only a number: ``10``, ``IV.``, ``Chapter Ten``."""


def _number_then_title(items: list[Block | _Para]) -> list[Block | _Para]:
    """``<h1>10</h1><h2>Worst Birthday Ever</h2>`` → one heading, number ``10`` and title
    ``Worst Birthday Ever`` (so does a line of ``CHAPTER 01`` over ``<h1>Introduction</h1>``);
    two number headings, or a title first, stay as they are."""
    from fanfmt.walk import plain_text

    def number_only(block: Block | _Para) -> bool:
        if isinstance(block, _Para):  # <div class="label">CHAPTER 01</div> over the <h1>
            return block.role == "text" and bool(_NUMBER_ONLY_RE.match(plain_text(block.children)))
        return (
            isinstance(block, Heading)
            and not block.number
            and bool(_NUMBER_ONLY_RE.match(plain_text(block.title)))
        )

    out: list[Block | _Para] = []
    for item in items:
        last = out[-1] if out else None
        if (
            isinstance(item, Heading)
            and isinstance(last, Heading | _Para)
            and not item.number
            and item.title
            and number_only(last)
            and not number_only(item)
        ):
            number = last.children if isinstance(last, _Para) else last.title
            out[-1] = replace(item, number=number, line=last.line)
            continue
        out.append(item)
    return out


_MIXED_MIN = 8
_MIXED_SHARE = 0.3
"""A blank line between this many paragraphs or more, and at least this share of them, is
the page's spacing even where most have none: a chapter has a break every few pages, not
between every third paragraph."""


def _settle_gaps(items: list[Block | _Para]) -> list[Block]:
    """Empty paragraphs counted before each paragraph → ``gap_before`` beyond the usual spacing."""
    paras = [it for it in items if isinstance(it, _Para)]
    seps = Counter(min(p.empties, 9) for p in paras[1:])
    adjacent = seps.get(0, 0)
    separated = sum(n for k, n in seps.items() if k >= 1)
    normal = 0
    if separated >= adjacent and separated:
        normal = max((k for k in seps if k >= 1), key=lambda k: (seps[k], -k))
    elif seps.get(1, 0) >= _MIXED_MIN and seps[1] >= _MIXED_SHARE * (adjacent + separated):
        normal = 1  # one <br> here, two there, paragraph after paragraph: both are spacing
    out: list[Block] = []
    for it in items:
        if isinstance(it, _Para):
            # inside one element, a blank line parts paragraphs, whatever parts the elements
            gap = max(0, it.empties - (max(normal, 1) if it.inner else normal)) if out else 0
            out.append(Paragraph(it.children, it.line, role=it.role, gap_before=gap))
        else:
            out.append(it)
    return out


_Item = Block | _Para


@dataclass(slots=True)
class _Builder:
    """Walks a story region: block elements end paragraphs, inline ones fill them."""

    styles: dict[str, tuple[bool, bool]]
    out: list[_Item] = field(default_factory=list)
    buffer: list[Inline] = field(default_factory=list)
    wrappers: list[Callable[[tuple[Inline, ...]], Inline]] = field(default_factory=list)
    empties: int = 0
    line: int = 0
    level: int = 0
    """The level of the chapter line heading the page (``<h2>Chapter 1: …</h2>``: 2), or 0."""
    story: bool = False
    """Has the story begun (a paragraph of it read)?"""
    captions: set[int] = field(default_factory=set)
    """Where in ``out`` the sections' captions made of headings stand."""

    def run(self, node: Tag | BeautifulSoup) -> list[_Item]:
        self.line = source_line(node)
        self.walk(node)
        self.flush()
        return self.out

    def walk(self, node: Tag | BeautifulSoup) -> None:
        """Visit ``node``'s descendants in order (a loop, not recursion: legacy pages nest
        thousands of unclosed ``<p>`` tags)."""
        self.walk_nodes(list(node.children))

    def walk_nodes(self, nodes: list[PageElement]) -> None:
        """Visit ``nodes`` and their descendants in order: a region's children given a
        few at a time are walked as if given at once."""
        stack: list[tuple[PageElement | None, Callable[[], None] | None]] = [
            (child, None) for child in reversed(nodes)
        ]
        while stack:
            child, then = stack.pop()
            if then is not None:
                then()
                continue
            assert child is not None
            tag = as_tag(child)
            if tag is None:
                text = as_text(child)
                if text:
                    self.buffer.append(Text(text))
                continue
            name = tag.name
            inner: list[PageElement] = []
            if name == "hr":
                self.flush()
                self.empties = 0
                self.rule(source_line(tag))
            elif name == "br":
                self.buffer.append(LineBreak())
            elif name in BLOCK_TAGS:
                if self.open_block(tag):
                    stack.append((None, partial(self.close_block, tag, len(self.out))))
                    inner = list(tag.children)
            elif contains_block(tag):
                wrap = wrapper(tag, self.styles)
                if wrap is not None:
                    self.flush()
                    self.wrappers.append(wrap)
                    stack.append((None, self.unwrap))
                inner = list(tag.children)
            else:
                self.buffer.extend(inline_nodes(tag, self.styles))
            stack.extend((c, None) for c in reversed(inner))

    def heading(self, tag: str, title: tuple[Inline, ...], line: int) -> None:
        """``<h3>The Marble Temple</h3>`` under ``<h2>Chapter 1 - Introduction</h2>`` → a
        section's caption; ``<h3>* * *</h3>`` → a break; ``<h3>Author's Notes</h3>`` → its
        words, a note's label over the note; any other → a heading
        (:func:`fanfmt.reader.md_heads.heading_kind`, as the Markdown reader judges them)."""
        from fanfmt.reader.md_heads import chapter_level, heading_kind
        from fanfmt.reader.md_settle import is_label
        from fanfmt.walk import plain_text

        kind = heading_kind(tag, title, self.story, self.level)
        if is_label(plain_text(title).strip()):
            self.out.append(_Para(title, line, self.empties))  # <h3>notes:</h3>: a note's label
        elif kind == "break":
            self.out.append(SceneBreak("", line))
        elif kind == "caption":
            self.out.append(_Para(title, line, self.empties, "caption"))
            self.captions.add(len(self.out) - 1)
        else:
            self.out.append(Heading(title=title, line=line))
            self.level = self.level or chapter_level(tag, title)
        self.empties = 0

    def rule(self, line: int) -> None:
        """An ``<hr>``: a break; right under a section's caption, the title's underline, so
        the break goes above the caption, where the section starts (none at the top)."""
        last = len(self.out) - 1
        if last in self.captions:
            caption = self.out.pop()
            if any(isinstance(b, _Para) and b.role == "text" for b in self.out):
                self.out.append(SceneBreak("", line))
            self.out.append(caption)
            self.captions = {last + 1 if i == last else i for i in self.captions}
            return
        self.out.append(SceneBreak("", line))

    def unwrap(self) -> None:
        self.flush()
        self.wrappers.pop()

    def open_block(self, tag: Tag) -> bool:
        """Start a block element; False when it was read whole (a heading, a note…)."""
        self.flush()
        self.line = source_line(tag)
        classes = class_names(tag)
        if tag.name == "aside" and "author-note" in classes:  # placed by Page.finish
            paragraphs = tuple(
                Paragraph(p.children, p.line)
                for p in _Builder(self.styles).run(tag)
                if isinstance(p, _Para)
            )
            if paragraphs:
                self.out.append(AuthorNote(paragraphs, "inline", False, paragraphs[0].line))
            return False
        if tag.name == "header" and "chapter-heading" in classes:
            self.out.append(own_heading(tag, self.styles))
            return False
        if tag.name in HEADINGS and not holds_paragraphs(tag):
            title = inline_content(tag, self.styles)
            if title:
                self.heading(tag.name, title, source_line(tag))
            return False
        if tag.name in ("h1", "h2"):  # left open over the story: its first words head it
            lead = _leading_words(tag)
            if lead:
                self.heading(tag.name, (Text(lead),), source_line(tag))
        if tag.name == "pre":  # wrapped prose: its paragraphs (an empty one a break); or its lines
            for part in pre_parts(tag):
                self.buffer.extend(part) if part else self.out.append(SceneBreak("", self.line))
                self.close_block(tag, len(self.out))
            return False
        return True

    def close_block(self, tag: Tag, before: int) -> None:
        self.flush("caption" if "scene-heading" in class_names(tag) else "text")
        if len(self.out) == before and tag.name in ("p", "div", "center") and not blank_cell(tag):
            self.empties += 1  # an empty paragraph: blank space the author left

    def flush(self, role: ParagraphRole = "text") -> None:
        if not self.buffer:
            return
        children = tidy(typed_paragraphs(self.buffer))
        self.buffer = []
        for wrap in reversed(self.wrappers):
            if children:
                children = (wrap(children),)
        groups: list[tuple[int, list[tuple[Inline, ...]]]] = []
        blank = 0
        for line in _split_lines(children):
            if not line or _spacer(line):
                blank += 1  # an empty line: <br><br>, or a lone "." (FFN keeps no blank line)
            elif groups and not blank:
                groups[-1][1].append(line)
            else:
                groups.append((blank, [line]))
                blank = 0
        # an element whose lines are each parted by a blank line: one blank parts paragraphs
        parted = len(groups) > 1 and all(len(group) == 1 for _, group in groups)
        for k, (blank_before, group) in enumerate(groups):
            # a first <br> only opens the block, as a last one only ends its line
            self.empties += max(0, blank_before - 1) if k == 0 else blank_before
            for para in _paragraphs(group):
                self.out.append(_Para(para, self.line, self.empties, role, inner=parted and k > 0))
                self.empties = 0
                self.story = True
        if groups:
            self.empties += max(0, blank - 1)  # a last <br> only ends the line


class BodyWalk:
    """The ``<body>`` of a long page walked while the page is still being parsed: its
    finished children are fed in order, and :meth:`end` walks those the body has left
    once the page is whole, as :meth:`Page.text` walks the body at once (see
    :mod:`.stream`). The children fed have no classes, so no page style bears on them."""

    __slots__ = ("_builder",)

    def __init__(self, line: int) -> None:
        self._builder = _Builder({}, line=line)

    def feed(self, nodes: list[PageElement]) -> None:
        self._builder.walk_nodes(nodes)

    def end(self, page: Page, body: Tag) -> None:
        self._builder.styles = page.styles
        self._builder.walk(body)
        self._builder.flush()
        page.items.extend(self._builder.out)


_LEAD_MAX_WORDS = 12


def _leading_words(tag: Tag) -> str:
    """The words a heading left open (``<h1> The Break Up <h1><p>…``) holds before its
    first element, taken out of it: its title; ``""`` (and nothing taken) when they are
    none, or too many for a title."""
    from bs4.element import NavigableString

    lead: list[NavigableString] = []
    for child in tag.children:
        if not isinstance(child, NavigableString):
            break
        lead.append(child)
    words = " ".join("".join(lead).split())
    if not words or len(words.split()) > _LEAD_MAX_WORDS:
        return ""
    for child in lead:
        child.extract()
    return words


def _spacer(line: tuple[Inline, ...]) -> bool:
    """A line of a lone ``.`` (in italics or not): FanFiction.Net drops empty paragraphs, so
    its authors type a dot to keep a blank line (``<p>.</p>``, ``Prologue<br>.``); it is
    blank space."""
    from fanfmt.walk import plain_text

    return plain_text(line).replace("\u00a0", " ").strip() == "."


def _paragraphs(lines: list[tuple[Inline, ...]]) -> list[tuple[Inline, ...]]:
    """Lines of one block: a paragraph per line when they are prose, else one paragraph."""
    from fanfmt.walk import plain_text

    if len(lines) >= 2:
        texts = [plain_text(ln).rstrip() for ln in lines]
        mean = sum(len(t) for t in texts) / len(texts)
        ended = sum(1 for t in texts if t.endswith(_SENTENCE_END)) / len(texts)
        if mean >= _PROSE_LINE or (mean >= _PROSE_LINE * 0.6 and ended >= 0.75):
            return lines
    joined: list[Inline] = []
    for i, line in enumerate(lines):
        if i:
            joined.append(LineBreak())
        joined.extend(line)
    return [tuple(joined)]


def _split_lines(children: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """Split at top-level line breaks (breaks inside italics stay in place)."""
    lines: list[list[Inline]] = [[]]
    for node in children:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tidy(line) for line in lines]
