"""Read a Markdown chapter (CommonMark, parsed with markdown-it-py) into the document model.

* ``# Chapter 7: The Smallest Spark`` → a :class:`Heading` (the ``headings`` rule splits
  ``Chapter 7`` from the title); ``**Story Title**`` as the first line, right before it,
  → the heading's story title; a deep heading (``#####``) below the story's first
  paragraph that names no chapter (``ii. and the river``) → a section's caption
* ``*word*`` / ``_word_`` → :class:`Emphasis` keeping its marker, so the ``thoughts`` rule
  can still read ``*Not again.*`` as a thought; ``**word**`` → :class:`Strong`
* ``***``, ``* * *``, ``---`` (thematic breaks) → :class:`SceneBreak`
* ``> A/N: …`` block quotes → :class:`AuthorNote` (``before`` the chapter's first
  paragraph, ``after`` its last, else ``inline``); so is a section under a heading that
  is a note's label (``## Author's Notes``), to the next heading
* a ``~~~`` line (a fence in Markdown) → a scene break, its "code" read as Markdown again;
  indented "code" → plain paragraphs, as the plain-text reader finds them
* ``"straight"`` quotes, ``--`` and ``...`` stay as typed for the rules; ``\\*`` stays ``*``
* an HTML comment on lines of its own (``<!--more-->``) is blanked, as any renderer hides it;
  so are lines of nothing but wrapping tags (``<div class="calibre4">``, ``</div>``: the
  Markdown pandoc makes of an EPUB), and the Markdown inside them is read as Markdown;
  so is a post's ``From:``/``Subject:`` block near the top (the subject names the story)
* raw HTML is never markup: ``<script>`` stays the characters ``<script>``; the formatting
  tags of a blog export are formatting (``<em>hi</em>`` → :class:`Emphasis`, see
  :mod:`fanfmt.reader.md_html`), an ``<hr />`` line is a break, an HTML body is read as HTML
* ``She left.`` with ``---`` right under it (a heading in CommonMark) → the paragraph and
  a scene break; a short line without end punctuation over ``---``/``===`` is a heading
* YAML front matter (``---`` / ``title: …`` / ``---`` on the first lines) → the story's
  title and author (:mod:`fanfmt.reader.front_matter`), not a heading
* list items keep their marker as text (``1. `` / ``- ``); links keep their text
* footnotes (``text[^1]`` … ``[^1]: A note.``, markdown-it's footnote plugin) → a
  :class:`NoteRef` and, at the chapter's end, a :class:`Footnotes` block; a definition
  may be in another part of a long file than its reference (:mod:`fanfmt.reader.footnotes`)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Meta,
    NoteRef,
    Paragraph,
    SceneBreak,
    Strong,
    Text,
)
from fanfmt.reader import md_html
from fanfmt.reader.depth import flatten_inlines
from fanfmt.reader.footnotes import Definition, candidate_labels, settle_notes
from fanfmt.reader.front_matter import (
    chapter_line,
    fill_meta,
    front_heading,
    front_notes,
    split_front_matter,
)
from fanfmt.reader.long import MAX_PARAGRAPH_CHARS, cut_text
from fanfmt.reader.md_deep import flatten_quotes, keep_deep_blocks
from fanfmt.reader.md_heads import (
    HeadingKind,
    chapter_level,
    heading_kind,
    numbered_sections,
    prose,
    repeated_headings,
    section_title,
    space_headings,
)
from fanfmt.reader.md_html import blank_furniture, html_body, html_lines, read_html_body, read_tags
from fanfmt.reader.md_settle import Quote as _Quote
from fanfmt.reader.md_settle import settle as _settle
from fanfmt.reader.paragraphs import split_paragraphs
from fanfmt.walk import plain_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


_CHUNK_CHARS = 64_000
"""About how much Markdown is parsed at a time (markdown-it's tokens for a whole long
file would take several hundred bytes per byte)."""
_NOT_A_START_RE = re.compile(r"[ \t>]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}")
"""A line that may go on a block above across a blank line: indented, quote, list, fence."""
_FENCE_RE = re.compile(r"[ ]{0,3}(?:`{3}|~{3})")
_LINE_CHARS = 2 * MAX_PARAGRAPH_CHARS
"""A line parsed a piece at a time is one of over twice the paragraph limit: escapes
(``\\*``) can make a paragraph fanfmt wrote itself up to twice as long as its text, and
such a paragraph must read back whole. (Its text is then cut like any other's.)"""


def read_markdown(text: str, meta: Meta | None = None) -> Document:
    """Read a Markdown chapter (already decoded) into a document.

    A long file is parsed a part at a time, each part ending at a blank line before a
    plain paragraph or heading (never inside a list, a quote or a fence), so that only one
    part's tokens are alive at once; a line too long for a paragraph is parsed a piece at
    a time as separate paragraphs (see :mod:`fanfmt.reader.long`).
    """
    md = _parser()
    text = flatten_quotes(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    front = split_front_matter(lines)
    if front.lines:
        lines[: front.lines] = [""] * front.lines  # blank, so every line keeps its number
        meta = fill_meta(meta or Meta(), front)
    meta = blank_furniture(lines, meta)
    space_headings(lines)
    if html_body(lines):
        return read_html_body(lines, meta or Meta(), chapter_line(front) if front.lines else "")
    html_lines(lines)
    labels = candidate_labels(text)
    reader = _Reader(md, lines, labels, br=md_html.br_lined(lines))
    blocks: list[Block | _Quote | Definition] = []
    for part, offset in _parts(lines):
        blocks.extend(reader.blocks(md.parse(part, reader.env()), offset))
    settled = _settle([b for b in blocks if not isinstance(b, Definition)])
    if labels:
        settled = settle_notes(settled, [b for b in blocks if isinstance(b, Definition)])
    settled = reader.first_section(settled)
    if front.lines:
        settled = _with_front_notes(settled, front_notes(front), md, reader)
    heading = chapter_line(front) if front.lines else ""
    if not heading and front.lines and meta and meta.title:
        heading = meta.title  # a post's title, and no heading in its text: the page's heading
    if heading:
        settled = front_heading(settled, heading)
    return Document(blocks=settled, meta=meta or Meta())


def _with_front_notes(
    blocks: tuple[Block, ...], notes: list[tuple[str, str]], md: MarkdownIt, reader: _Reader
) -> tuple[Block, ...]:
    """``blocks`` with the front matter's notes (``notes: …``) as author's notes: before
    the chapter (after its heading), or after its last block."""
    before: list[Block] = []
    after: list[Block] = []
    for position, source in notes:
        found = reader.blocks(md.parse(source, reader.env()), 0)
        paragraphs = tuple(
            replace(b, line=1) for b in found if isinstance(b, Paragraph) and b.children
        )
        if paragraphs:
            note = AuthorNote(paragraphs, "after" if position == "after" else "before", True, 1)
            (after if position == "after" else before).append(note)
    if not before and not after:
        return blocks
    top = 1 if blocks and isinstance(blocks[0], Heading) else 0
    return (*blocks[:top], *before, *blocks[top:], *after)


_HR_RE = re.compile(r"<hr\b[^<>]*/?>", re.IGNORECASE)
"""``<hr />`` alone on its line in a Markdown draft: a scene break, as in HTML."""


def _parts(lines: list[str]) -> Iterator[tuple[str, int]]:
    """``(markdown, index of its first line)`` for each part of the file to parse alone."""
    start = 0
    size = 0
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE_RE.match(line):
            fenced = not fenced
        starts_block = (
            not fenced and bool(line) and (i == 0 or not lines[i - 1].strip())
        ) and not _NOT_A_START_RE.match(line)
        if starts_block and len(line) > _LINE_CHARS:
            if start < i:
                yield "\n".join(lines[start:i]), start
            for piece in cut_text(line, _LINE_CHARS):
                if piece:
                    yield piece, i  # each piece a paragraph of its own, on the same line
            start, size = i + 1, 0
            continue
        if starts_block and size >= _CHUNK_CHARS:
            yield "\n".join(lines[start:i]), start
            start, size = i, 0
        size += len(line) + 1
    if start < len(lines):
        yield "\n".join(lines[start:]), start


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # CommonMark with raw HTML off: tags in the text are characters, never markup.
    md = MarkdownIt("commonmark", {"html": False})
    # footnote definitions stay where they are read (gathered at the end by the reader);
    # ``^[inline notes]`` stay text
    footnote_plugin(md, inline=False, move_to_end=False)
    keep_deep_blocks(md)  # what is nested past markdown-it's limit is read, not dropped
    return md


Found = Block | _Quote | Definition


@dataclass(slots=True)
class _Reader:
    md: MarkdownIt
    lines: list[str]
    labels: set[str] = field(default_factory=set)
    """The footnote labels the whole file may define (so a reference in one part knows a
    definition in another)."""
    _quote: _Quote | None = None
    _notes: list[Definition] = field(default_factory=list)
    _depth: int = 0
    _prefix: str = ""
    _prefix_line: int = 0
    _story: bool = False
    """A paragraph of the story has been read."""
    _tags: dict[int, str] = field(default_factory=dict)
    """The tag (``h1`` … ``h6``) of each heading kept, by its line."""
    _sections: set[str] = field(default_factory=set)
    """The tags of the deep headings read as sections' captions."""
    _level: int = 0
    """The level of the chapter line heading the chapter (``# Chapter 1``: 1), or 0."""
    _repeated: frozenset[str] | None = None
    _numbered: bool = False
    """The file numbers its parts with headings (read with ``_repeated``, on first use)."""
    br: bool = False
    """Every line ends in ``<br/>``: each is a paragraph (:func:`.md_html.br_lined`)."""

    def _kind(self, tag: str, inlines: tuple[Inline, ...]) -> HeadingKind:
        if self._repeated is None:
            self._repeated = repeated_headings(self.lines)
            self._numbered = numbered_sections(self.lines)
        return heading_kind(tag, inlines, self._story, self._level, self._repeated, self._numbered)

    def first_section(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """``blocks`` with the first section's heading (``##### i. the earth``, before any
        story) a caption too, when the deep headings after it of its tag are sections'."""
        if not self._sections:
            return blocks
        for k, block in enumerate(blocks[:3]):
            if (
                isinstance(block, Heading)
                and self._tags.get(block.line) in self._sections
                and not (block.story_title or block.number)
                and section_title(block.title)
            ):
                caption = Paragraph(block.title, block.line, role="caption")
                return (*blocks[:k], caption, *blocks[k + 1 :])
        return blocks

    def env(self) -> dict[str, object]:
        """A fresh parser environment that knows every footnote label of the file."""
        if not self.labels:
            return {}
        return {"footnotes": {"refs": {f":{label}": -1 for label in self.labels}, "list": {}}}

    def blocks(self, tokens: Sequence[Token], offset: int) -> list[Found]:
        """Blocks for ``tokens`` (parsed from the source starting at line ``offset``)."""
        out: list[Found] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            line = offset + (tok.map[0] + 1 if tok.map else 0)
            match tok.type:
                case "heading_open":
                    inlines = _inlines(tokens[i + 1].children or [])
                    if tok.markup in ("-", "=") and prose(inlines):
                        # "Text.\n---": a break line right under a paragraph, not a heading
                        self._add(out, Paragraph(inlines, line))
                        if self._quote is None and tok.map is not None:
                            out.append(SceneBreak(self._source_line(tok.map[1] - 1, offset), line))
                    elif (kind := self._kind(tok.tag, inlines)) == "break":
                        out.append(SceneBreak(plain_text(inlines).strip(), line))  # "### * ###"
                    elif kind in ("caption", "section"):
                        # "##### ii. the river", with story above it: a section of the chapter
                        if kind == "section" and self._story:
                            out.append(SceneBreak("", line))  # "2" over "---": a new part
                        self._add(out, Paragraph(inlines, line, role="caption"))
                        self._sections.add(tok.tag)
                    else:
                        out.append(Heading(title=inlines, line=line))
                        self._tags[line] = tok.tag
                        self._level = self._level or chapter_level(tok.tag, inlines)
                    i += 2
                case "paragraph_open" if self._quote is None and _hr_line(tokens[i + 1]):
                    out.append(SceneBreak(tokens[i + 1].content.strip(), line))
                    i += 2
                case "paragraph_open":
                    inlines = _inlines(tokens[i + 1].children or [])
                    if self._prefix:
                        inlines = _merge((Text(self._prefix), *inlines))
                        self._prefix = ""
                    if self._quote is not None and not self._notes and inlines:
                        lined = _inlines(tokens[i + 1].children or [], soft=LineBreak())
                        self._quote.lined.append(Paragraph(lined, line, role="verse"))
                    for p in md_html.at_breaks(Paragraph(inlines, line), self.br):
                        self._add(out, p)
                    i += 2
                case "blockquote_open":
                    if self._depth == 0:
                        self._quote = _Quote(line=line)
                    self._depth += 1
                case "blockquote_close":
                    self._depth -= 1
                    if self._depth == 0 and self._quote is not None:
                        if self._quote.paragraphs:
                            out.append(self._quote)
                        self._quote = None
                case "list_item_open":
                    number = tok.info if tok.info else ""
                    self._prefix = f"{number}{tok.markup} "
                    self._prefix_line = line
                case "list_item_close" if self._prefix:  # an empty item: keep its marker
                    self._add(out, Paragraph((Text(self._prefix.strip()),), self._prefix_line))
                    self._prefix = ""
                case "footnote_reference_open":
                    self._notes.append(Definition(str(tok.meta.get("label", "")), line))
                case "footnote_reference_close" if self._notes:
                    out.append(self._notes.pop())
                case "hr":
                    if self._quote is None and not self._notes:
                        out.append(SceneBreak(self._source(tok, offset), line))
                case "code_block":
                    for p in split_paragraphs(tok.content):
                        inlines = self._inline_text(_plain(p))
                        self._add(out, Paragraph(inlines, line + p.line - 1, gap_before=0))
                case "fence":
                    out.extend(self._fence(tok, offset, line))
            i += 1
        return out

    def _add(self, out: list[Found], p: Paragraph) -> None:
        if not p.children:
            return
        if self._notes:
            self._notes[-1].paragraphs.append(p)
        elif self._quote is not None:
            self._quote.paragraphs.append(p)
        else:
            out.append(p)
            self._story = True

    def _source(self, tok: Token, offset: int) -> str:
        return self._source_line(tok.map[0], offset) if tok.map is not None else ""

    def _source_line(self, index: int, offset: int) -> str:
        index += offset
        return self.lines[index].strip() if 0 <= index < len(self.lines) else ""

    def _fence(self, tok: Token, offset: int, line: int) -> list[Found]:
        """A fence line is a scene-break line in a chapter; what it "fences" is more chapter."""
        out: list[Found] = []
        if self._quote is None and not self._notes:
            out.append(SceneBreak(tok.markup, line))
        inner = tok.content.rstrip("\n")
        if inner.strip() or tok.info.strip():
            start = line  # 0-based index of the first fenced line
            if tok.info.strip():
                inner = f"{tok.info.strip()}\n{inner}"  # words after the fence are words too
                start -= 1
            out.extend(self.blocks(self.md.parse(inner, self.env()), start))
        closed = tok.map is not None and tok.map[1] - tok.map[0] >= 2
        last = offset + (tok.map[1] - 1 if tok.map else 0)
        if closed and self._quote is None and not self._notes and last < len(self.lines):
            closing = self.lines[last].strip()
            if closing and set(closing) <= {"~", "`"}:
                out.append(SceneBreak(closing, last + 1))
        return out

    def _inline_text(self, text: str) -> tuple[Inline, ...]:
        tokens = self.md.parseInline(text, self.env())
        return _inlines(tokens[0].children or []) if tokens else (Text(text),)


def _hr_line(inline: Token) -> bool:
    """A paragraph that is only an ``<hr>`` tag (raw HTML is text here, so it is its words)."""
    return _HR_RE.fullmatch(inline.content.strip()) is not None


def _plain(p: Paragraph) -> str:
    return "".join(c.text for c in p.children if isinstance(c, Text))


_SPACE = Text(" ")
"""A soft line break in a paragraph: a space."""


def _inlines(tokens: Sequence[Token], soft: Inline = _SPACE) -> tuple[Inline, ...]:
    """markdown-it inline tokens → inline nodes (links and images keep their text); a
    soft line break is ``soft``: a space, or in an epigraph's lines a line break."""
    stack: list[tuple[str, str, list[Inline]]] = [("", "", [])]
    for tok in tokens:
        top = stack[-1][2]
        match tok.type:
            case "text" | "text_special":
                top.append(Text(tok.content))
            case "softbreak":
                top.append(soft)
            case "hardbreak":
                top.append(LineBreak())
            case "code_inline":
                top.append(Text(tok.content))
            case "html_inline":
                top.append(Text(tok.content))
            case "image":
                top.extend(_inlines(tok.children or []))
            case "footnote_ref":
                top.append(NoteRef(str(tok.meta.get("label", "")), 0))  # numbered at the end
            case "em_open" | "strong_open":
                stack.append((tok.type, tok.markup, []))
            case "em_close" | "strong_close" if len(stack) > 1:
                kind, marker, children = stack.pop()
                merged = _merge(children)
                node: Inline
                if kind == "strong_open":
                    node = Strong(merged)
                else:
                    node = Emphasis(merged, "_" if marker == "_" else "*")
                stack[-1][2].append(node)
    while len(stack) > 1:  # unbalanced: keep the words
        _, _, children = stack.pop()
        stack[-1][2].extend(children)
    top_level = stack[0][2]
    if any(type(n) is Text and "<" in n.text for n in top_level):
        top_level = [m for n in top_level for m in (read_tags(n) if type(n) is Text else (n,))]
    return flatten_inlines(_merge(top_level))  # 5,000 asterisks: not 2,500 emphases deep


def _merge(children: Sequence[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring text nodes and drop empty ones."""
    out: list[Inline] = []
    run: list[str] = []  # texts to join (once: joining one at a time would copy each again)
    for node in children:
        if isinstance(node, Text):
            if node.text:
                run.append(node.text)
            continue
        if run:
            out.append(Text("".join(run)))
            run = []
        out.append(node)
    if run:
        out.append(Text("".join(run)))
    return tuple(out)
