"""Read an AO3 download's preface and afterword (as text) into the story's facts and notes.

* ``Preface`` / ``Title`` / ``Posted originally on the Archive of Our Own at URL.`` /
  ``Rating:`` / ``Explicit`` / … / ``Stats:`` / ``Published: 2014-10-26`` → the facts in
  ``meta.story`` (rating, fandoms, tags, url, words …); the lines leave the body
* ``Title`` / ``by Author`` → the story title and author; ``by Author`` a ``byline``
* ``Summary`` and the summary under it → ``metadata`` (front matter, not story)
* ``Notes`` / ``Chapter Notes`` and what follows → an author's note before the story;
  ``End Notes`` / ``Chapter End Notes`` → a note after it
* the title repeated where the story starts → the heading; ``Chapter 2: Name`` → a heading
* ``Afterword``, the CSS line, ``See the end of the work for more notes``, ``Works inspired
  by this one``, ``Please drop by the archive…`` → gone from the body (inspired works kept
  as facts); ``(See the end of the chapter for more notes.)`` anywhere → gone
"""

from __future__ import annotations

import re
from dataclasses import field, replace

from fanfmt import rx
from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Heading,
    Inline,
    Paragraph,
    ParagraphRole,
    StoryFacts,
    Text,
)
from fanfmt.patterns import BYLINE, CHAPTER_LINE, DISCLAIMER
from fanfmt.record import record
from fanfmt.rules._ao3_facts import count_facts, is_label, read_fields
from fanfmt.rules._text import fold, text_of
from fanfmt.rules.table import Context

POSTED_RE = rx.compile(
    r"^\s*posted\s+originally\s+on\s+the\s+archive\s+of\s+our\s+own\s+at\s+(?P<url>\S+?)\.?\s*$",
    re.IGNORECASE,
)
"""AO3's line under the title: where the preface is, and the work's address."""
SEE_END_RE = rx.compile(
    r"^\s*\(?\s*see\s+the\s+end\s+of\s+the\s+(?:work|chapter)\s+for\s+(?:more\s+)?notes\.?\s*\)?\s*$",
    re.IGNORECASE,
)
"""``(See the end of the chapter for more notes.)``: AO3's pointer, never the author's."""
PLEASE_RE = rx.compile(r"^\s*please\s+drop\s+by\s+the\s+archive\b", re.IGNORECASE)
INSPIRED_RE = rx.compile(r"^\s*works\s+inspired\s+by\s+this\s+one\s*:?\s*$", re.IGNORECASE)
CSS_RE = rx.compile(r"^[\w.#:\-\s,>*]+\{[^{}]*:[^{}]*\}")
"""``p.message{text-align:center}.meta h1{…}``: a stripped ``<style>``."""
_WORD = {
    "preface": "preface",
    "afterword": "afterword",
    "summary": "summary",
    "notes": "notes",
    "end notes": "end notes",
    "chapter summary": "summary",
    "chapter notes": "notes",
    "chapter end notes": "end notes",
}
LOOK_ROWS = 40
"""The ``Posted originally…`` line is among the first blocks."""
CHAPTER_MAX_CHARS = 120
CODE = "H001"


def _word(block: Block) -> str:
    """``Chapter End Notes`` → ``"end notes"``; a paragraph that is no AO3 landmark → ``""``."""
    if not isinstance(block, Paragraph):
        return ""
    return _WORD.get(text_of(block).strip().rstrip(":").strip().lower(), "")


@record(frozen=False)
class _Reader:
    """One pass over the blocks, from the preface to the afterword."""

    blocks: list[Block]
    title: str = ""
    out: list[Block] = field(default_factory=list)
    front: list[Block] = field(default_factory=list)
    """Byline, summary and the preface's notes: they go right after the heading."""
    inspired: list[str] = field(default_factory=list)
    heading_done: bool = False
    title_line: int = 0
    summary: list[str] = field(default_factory=list)
    """The preface's summary, a paragraph a line."""
    """The line of the title above ``by Author``: the story's heading stands there."""

    def text(self, i: int) -> str:
        block = self.blocks[i]
        return text_of(block).strip() if isinstance(block, Paragraph) else ""

    def is_start(self, i: int) -> bool:
        """Does the story (or a chapter) start at ``blocks[i]``?"""
        text = self.text(i)
        if not text:
            return False
        if self.title and fold(text) == fold(self.title):
            return True
        return _chapter(text) is not None

    def section(self, i: int, *, until_start: bool) -> tuple[list[Paragraph], int]:
        """The paragraphs from ``i`` up to the next landmark, start or ``See the end`` line.

        Where the preface gives no start to stop at, a section ends at a gap, or after
        one paragraph (AO3 puts each note in a box the text has lost)."""
        found: list[Paragraph] = []
        j = i
        bounded = until_start and self._start_ahead(i)
        while j < len(self.blocks):
            block = self.blocks[j]
            if not isinstance(block, Paragraph) or _word(block) or self.is_start(j):
                break
            if SEE_END_RE.match(self.text(j)):
                j += 1
                break
            if found and not bounded:
                break
            found.append(block)
            j += 1
        return found, j

    def _start_ahead(self, i: int) -> bool:
        return any(self.is_start(j) for j in range(i, min(len(self.blocks), i + LOOK_ROWS)))

    def heading(self, i: int) -> int:
        """The title repeated, or ``Chapter N: Name``: a heading; the index after it."""
        block = self.blocks[i]
        assert isinstance(block, Paragraph)
        number: tuple[Inline, ...] = ()
        name: tuple[Inline, ...] = ()
        j = i + 1
        m = _chapter(self.text(i))
        if m is None and j < len(self.blocks) and _chapter(self.text(j)):
            m = _chapter(self.text(j))  # "Title" / "Chapter 1": one heading
            j += 1
        if m is not None:
            number = (Text(m.group("number").strip()),)
            name = (Text(m.group("title").strip()),) if m.group("title").strip() else ()
        first = not self.heading_done
        story = (Text(self.title),) if self.title and first else ()
        if not number and not name:
            story, name = (), story  # a one-shot: the work's title is the chapter's heading
        line = self.title_line if first and self.title_line else block.line
        self.out.append(Heading(number, name, story, line, block.gap_before))
        if not self.heading_done:
            self.out.extend(self.front)
            self.front = []
        self.heading_done = True
        return j

    def note(self, paragraphs: list[Paragraph], position: str) -> None:
        """A note's paragraphs as an :class:`AuthorNote`, or a disclaimer when that is all."""
        if not paragraphs:
            return
        target = self.front if not self.heading_done else self.out
        if position == "before" and all(DISCLAIMER.match(text_of(p)) for p in paragraphs):
            target.extend(replace(p, role="disclaimer") for p in paragraphs)
            return
        note = AuthorNote(
            tuple(paragraphs),
            "before" if position == "before" else "after",
            marked=True,
            line=paragraphs[0].line,
            gap_before=paragraphs[0].gap_before,
        )
        target.append(note)

    def body(self, i: int) -> None:
        """From the start of the story to the end: headings, chapter notes, the afterword."""
        while i < len(self.blocks):
            block = self.blocks[i]
            word = _word(block)
            text = self.text(i)
            if word == "afterword":
                i = self.afterword(i + 1)
                continue
            if word == "summary":
                paragraphs, i = self.section(i + 1, until_start=False)
                self.out.extend(_role(p, "metadata") for p in [block, *paragraphs])
                continue
            if word in {"notes", "end notes"}:
                paragraphs, i = self.section(i + 1, until_start=word == "end notes")
                self.note(paragraphs, "before" if word == "notes" else "after")
                continue
            if isinstance(block, Paragraph) and SEE_END_RE.match(text):
                i += 1
                continue
            if isinstance(block, Paragraph) and self.is_start(i) and self._heading_here(i):
                i = self.heading(i)
                continue
            if isinstance(block, Paragraph) and self.twin(i):
                i += 1  # the heading shows it
                continue
            self.out.append(block)
            i += 1

    def _heading_here(self, i: int) -> bool:
        """The title repeated heads the story once; a chapter line heads a chapter."""
        return not self.heading_done or _chapter(self.text(i)) is not None

    def twin(self, i: int) -> bool:
        """The title typed again (``TITLE IN CAPITALS``) right under the heading."""
        if not self.heading_done or not self.title or fold(self.text(i)) != fold(self.title):
            return False
        after = [b for b in self.out if not isinstance(b, Heading)]
        return not any(
            isinstance(b, Paragraph) and b.role == "text" and text_of(b).strip() for b in after[-3:]
        )

    def afterword(self, i: int) -> int:
        """``End Notes``, ``Works inspired by this one`` and AO3's last line; the end."""
        while i < len(self.blocks):
            block = self.blocks[i]
            text = self.text(i)
            word = _word(block)
            if word in {"notes", "end notes"}:
                paragraphs: list[Paragraph] = []
                i += 1
                while i < len(self.blocks) and isinstance(self.blocks[i], Paragraph):
                    nxt = self.text(i)
                    if _word(self.blocks[i]) or INSPIRED_RE.match(nxt) or PLEASE_RE.match(nxt):
                        break
                    paragraphs.append(self.blocks[i])  # type: ignore[arg-type]
                    i += 1
                self.note(paragraphs, "after")
                continue
            if INSPIRED_RE.match(text):
                i += 1
                while i < len(self.blocks) and not PLEASE_RE.match(self.text(i)):
                    if self.text(i):
                        self.inspired.append(self.text(i))
                    i += 1
                continue
            if PLEASE_RE.match(text):
                i += 1
                continue
            self.out.append(block)
            i += 1
        return i


def _chapter(text: str) -> re.Match[str] | None:
    """``Chapter 3: Name`` or ``Chapter 3`` (AO3 numbers its chapters in digits)."""
    if len(text) > CHAPTER_MAX_CHARS:
        return None
    m = CHAPTER_LINE.match(text)
    if m is None or not re.match(r"chapter\s+\d+\s*$", m.group("number"), re.IGNORECASE):
        return None
    return m


def _role(p: Block, role: ParagraphRole) -> Block:
    return replace(p, role=role) if isinstance(p, Paragraph) else p


def _posted(blocks: list[Block]) -> int:
    """The index of ``Posted originally on the Archive of Our Own…``, or -1."""
    for i, block in enumerate(blocks[:LOOK_ROWS]):
        if isinstance(block, Paragraph) and POSTED_RE.match(text_of(block)):
            return i
    return -1


def _is_furniture(text: str, first: bool) -> bool:
    """The lines above the title: ``Preface``, a stripped ``<style>``, the HTML ``<title>``."""
    if text.lower() == "preface" or CSS_RE.match(text):
        return True
    return first and text.count(" - ") >= 1 and not text.endswith((".", "!", "?"))


def apply(doc: Document, ctx: Context) -> Document:
    """Find AO3's preface (a download read as text) and take it apart."""
    blocks = list(doc.blocks)
    posted = _posted(blocks)
    if posted < 1:
        return _drop_pointers(doc)
    head = blocks[: posted - 1]
    title_block = blocks[posted - 1]
    title = text_of(title_block).strip() if isinstance(title_block, Paragraph) else ""
    url = POSTED_RE.match(text_of(blocks[posted]))  # type: ignore[arg-type]
    reader = _Reader(blocks, title=title)
    kept = [
        _role(b, "metadata")
        for n, b in enumerate(head)
        if not (isinstance(b, Paragraph) and _is_furniture(text_of(b).strip(), n == 0))
    ]
    i = posted + 1
    lines: list[str] = []
    while i < len(blocks) and not _word(blocks[i]) and not _title_then_byline(reader, i):
        if reader.is_start(i) and not is_label(reader.text(i)) and not lines:
            break
        if reader.text(i):
            lines.append(reader.text(i))
        i += 1
    facts = read_fields(lines, replace(doc.meta.story, url=url.group("url") if url else ""))
    author = ""
    if _title_then_byline(reader, i):
        byline = blocks[i + 1]
        author = BYLINE.sub("", reader.text(i + 1)).strip()
        reader.title_line = blocks[i].line
        reader.front.append(_role(byline, "byline"))
        i += 2
    reader.front[:0] = kept
    i = _front(reader, i)
    reader.body(i)
    if reader.summary and not facts.summary:
        facts = replace(facts, summary="\n\n".join(reader.summary))
    if reader.inspired:
        facts = replace(facts, notes=(*facts.notes, *(f"Inspired: {w}" for w in reader.inspired)))
    if not reader.heading_done:
        line = reader.title_line or title_block.line
        reader.out[:0] = [Heading((), (Text(title),), (), line), *reader.front]
    meta = replace(
        doc.meta,
        title=doc.meta.title or title,
        author=doc.meta.author or author,
        story=_merge(doc.meta.story, replace(facts, stated_by="AO3 preface")),
    )
    n = count_facts(meta.story)
    ctx.report(CODE, f"AO3 preface read: {n} facts", title_block.line, severity="info")
    return replace(doc, blocks=tuple(reader.out), meta=meta)


def _title_then_byline(reader: _Reader, i: int) -> bool:
    """``Title`` / ``by Author`` at ``i``: the preface's fields are over."""
    if i + 1 >= len(reader.blocks):
        return False
    return fold(reader.text(i)) == fold(reader.title) and bool(BYLINE.match(reader.text(i + 1)))


def _front(reader: _Reader, i: int) -> int:
    """``Summary`` and ``Notes`` of the preface (before the story starts); the index after."""
    while i < len(reader.blocks):
        word = _word(reader.blocks[i])
        if word == "summary":
            label = reader.blocks[i]
            paragraphs, i = reader.section(i + 1, until_start=True)
            reader.front.extend(_role(p, "metadata") for p in [label, *paragraphs])
            reader.summary.extend(text_of(p).strip() for p in paragraphs)
            continue
        if word == "notes":
            paragraphs, i = reader.section(i + 1, until_start=True)
            reader.note(paragraphs, "before")
            continue
        if SEE_END_RE.match(reader.text(i)):
            i += 1
            continue
        break
    return i


def _merge(given: StoryFacts, found: StoryFacts) -> StoryFacts:
    """What the reader already knew (front matter) wins over what the preface says."""
    out = found
    for name in StoryFacts.__dataclass_fields__:
        value = getattr(given, name)
        if value and name != "notes":
            out = replace(out, **{name: value})
    return out


def is_pointer(text: str) -> bool:
    """``(See the end of the chapter for more notes.)`` → True: AO3's, not the author's."""
    return SEE_END_RE.match(text) is not None


def _drop_pointers(doc: Document) -> Document:
    """No preface: only AO3's ``(See the end of the chapter for more notes.)`` lines go."""
    kept = tuple(
        b
        for b in doc.blocks
        if not (isinstance(b, Paragraph) and b.role == "text" and SEE_END_RE.match(text_of(b)))
    )
    return doc if len(kept) == len(doc.blocks) else replace(doc, blocks=kept)
