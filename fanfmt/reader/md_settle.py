"""The last steps of the Markdown reader: block quotes and note sections become notes.

* ``**Story Title**`` over the first heading, or ``# Story`` over ``## Chapter 1``: the
  story's title, folded into the chapter's heading
* a section under a heading that is a note's label (``## Author's Notes``), to the next
  heading, is one author's note; rows of signs inside it, which divide nothing, go
* an AO3 work made into Markdown: ``#### Chapter Summary`` / ``> Jeff gets sick.`` /
  ``#### Chapter Notes`` / the story → the quoted summary is a note, and the story is
  story; AO3's section headings go (as on its own pages), and so does an empty section
* every block quote is a note, placed ``before``/``inline``/``after`` the story by
  :func:`fanfmt.notes.position_notes`, but an *epigraph*: a quote before the story's
  first paragraph that ends on an attribution (``> — an old song``) or is all short
  lines (a stanza), with no note's label, is the story's: its lines kept, as verse
* a block quote the story introduces with a colon (``She read the card:`` / ``> Dear
  thief: …``), with no note's label, is the story's too: a letter, a sign, a message
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from fanfmt.model import AuthorNote, Block, Heading, LineBreak, Paragraph, Strong, is_story
from fanfmt.notes import position_notes


@dataclass(slots=True)
class Quote:
    """A block quote's paragraphs, where it starts."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    line: int = 0
    lined: list[Paragraph] = field(default_factory=list)
    """The same paragraphs with their soft line breaks kept (for an epigraph)."""


_ATTRIBUTION_RE = re.compile(r"^\s*(?:[—–~]|--?)\s*\w")
EPIGRAPH_MAX_WORDS = 80
EPIGRAPH_LINE_MAX = 60
"""An epigraph is short; a stanza's lines are short."""


def _epigraph(quote: Quote) -> bool:
    """``> The sea remembers…`` / ``> — an old song`` before the story → True; a quoted
    ``A/N: thanks for reading`` or a disclaimer → False."""
    from fanfmt.patterns import DISCLAIMER, NOTE_LABEL
    from fanfmt.walk import plain_text

    texts = [plain_text(p.children).strip() for p in quote.paragraphs]
    if not texts or len(quote.lined) != len(texts):
        return False
    if sum(len(t.split()) for t in texts) > EPIGRAPH_MAX_WORDS:
        return False
    if any(NOTE_LABEL.match(t) or DISCLAIMER.match(t) for t in texts):
        return False
    if len(texts) >= 2 and _ATTRIBUTION_RE.match(texts[-1]):
        return True
    lines = [plain_text(p.children[a:b]) for p in quote.lined for a, b in _runs(p)]
    return len(lines) >= 2 and all(0 < len(line.strip()) <= EPIGRAPH_LINE_MAX for line in lines)


def _runs(p: Paragraph) -> Iterator[tuple[int, int]]:
    """The spans of ``p.children`` between its line breaks."""
    start = 0
    for i, child in enumerate(p.children):
        if isinstance(child, LineBreak):
            yield start, i
            start = i + 1
    yield start, len(p.children)


def _epigraphs(found: list[Block | Quote]) -> list[Block | Quote]:
    """Each epigraph before a chapter's first story paragraph → its lines, as verse."""
    out: list[Block | Quote] = []
    story = False
    for item in found:
        if isinstance(item, Heading):
            story = False
        elif is_story(item):
            story = True
        if isinstance(item, Quote) and not story and _epigraph(item):
            out.extend(item.lined)
            continue
        out.append(item)
    return out


_AO3_SECTION_RE = re.compile(
    r"^\W{0,3}(?:chapter\s+(?:end\s+)?notes|(?:chapter\s+)?summary)\W{0,3}$", re.I
)
"""``#### Chapter Notes``, ``#### Chapter Summary``: the headings of an AO3 work made into
Markdown, whose notes are block quotes (``> Thanks, Ash.``) and whose story follows them
unquoted; a heading with no quote under it is an empty section."""


def _label(item: Block | Quote) -> str:
    """The note's label a heading is (``## Author's Notes`` → ``"Author's Notes"``), or ``""``."""
    from fanfmt.walk import plain_text

    if not isinstance(item, Heading) or item.number:
        return ""
    label = plain_text(item.title).strip()
    return label if is_label(label) else ""


def is_label(text: str) -> bool:
    """Is a heading's ``text`` the label of a note's section (``Author's Notes``, ``Chapter
    Summary``, ``Footnotes``)?"""
    from fanfmt.patterns import NOTE_LABEL_ALONE

    return bool(
        NOTE_LABEL_ALONE.match(text) or _AO3_SECTION_RE.match(text) or _FOOTNOTES_RE.match(text)
    )


_FOOTNOTES_RE = re.compile(r"^\W{0,3}foot\s?notes?\W{0,3}$", re.I)
"""``### Footnotes`` (an AO3 work made into Markdown): the notes at the chapter's end."""


def _quotations(found: list[Block | Quote]) -> list[Block | Quote]:
    """A block quote the story introduces with a colon (``She read the card:`` / ``> Dear
    thief: …``), with no note's label, is what the story quotes: its lines kept, in the
    story, never a note."""
    from fanfmt.patterns import DISCLAIMER, NOTE_LABEL
    from fanfmt.walk import plain_text

    out: list[Block | Quote] = []
    for item in found:
        before = out[-1] if out else None
        if (
            isinstance(item, Quote)
            and isinstance(before, Paragraph)
            and is_story(before)
            and plain_text(before.children).rstrip().endswith(":")
            and item.paragraphs
            and not any(
                NOTE_LABEL.match(t) or DISCLAIMER.match(t)
                for t in (plain_text(p.children).strip() for p in item.paragraphs)
            )
        ):
            lined = item.lined if len(item.lined) == len(item.paragraphs) else item.paragraphs
            out.extend(
                replace(p, role="text") if p.role == "verse" and not _short_lines(p) else p
                for p in lined
            )
            continue
        out.append(item)
    return out


def _story_quotes(found: list[Block | Quote]) -> list[Block | Quote]:
    """A block quote with the story on both sides of it, in one chapter, that does not read
    as the author talking (no label, no word of a note: a book's passage, a game's message)
    is the story's, its lines kept, never a note that ``--notes omit`` would drop."""
    from fanfmt.patterns import DISCLAIMER, NOTE_LABEL
    from fanfmt.rules._talk import note_score, talks
    from fanfmt.walk import plain_text

    def story_at(items: list[Block | Quote]) -> bool:
        for b in items:
            if isinstance(b, Heading):
                return False
            if isinstance(b, Paragraph) and is_story(b):
                return True
        return False

    out: list[Block | Quote] = []
    for k, item in enumerate(found):
        if not (isinstance(item, Quote) and item.paragraphs):
            out.append(item)
            continue
        texts = [plain_text(p.children).strip() for p in item.paragraphs]
        noted = note_score(list(item.paragraphs)) > 0 or any(
            NOTE_LABEL.match(t) or DISCLAIMER.match(t) or talks(p, t)
            for p, t in zip(item.paragraphs, texts, strict=True)
        )
        if noted or not story_at(found[k + 1 :]) or not story_at(out[::-1]):
            out.append(item)
            continue
        lined = item.lined if len(item.lined) == len(item.paragraphs) else item.paragraphs
        out.extend(
            replace(p, role="text") if p.role == "verse" and not _short_lines(p) else p
            for p in lined
        )
    return out


def _short_lines(p: Paragraph) -> bool:
    """Are all of ``p``'s lines short (a letter's, a sign's: kept as lines)?"""
    from fanfmt.walk import plain_text

    lines = [plain_text(p.children[a:b]) for a, b in _runs(p)]
    return len(lines) >= 2 and all(0 < len(line.strip()) <= EPIGRAPH_LINE_MAX for line in lines)


def _note_sections(found: list[Block | Quote]) -> list[Block | Quote]:
    """``## Author's Notes`` and what follows it, to the next heading: one author's note,
    its label the heading's words (rows inside it, which divide nothing, go). Under AO3's
    ``#### Chapter Notes`` or ``#### Chapter Summary`` only the block quotes are the note,
    and the story goes on after them; with no quote, the heading is an empty section's and
    goes."""
    from fanfmt.walk import plain_text

    out: list[Block | Quote] = []
    i = 0
    while i < len(found):
        item = found[i]
        label = _label(item)
        if not label:
            out.append(item)
            i += 1
            continue
        assert isinstance(item, Heading)
        paragraphs = [Paragraph(item.title, item.line)]
        i += 1
        if _AO3_SECTION_RE.match(label):  # AO3's label, not the author's words: it goes,
            paragraphs = []  # as it does on AO3's own pages
            while i < len(found) and isinstance(found[i], Quote):
                paragraphs.extend(found[i].paragraphs)  # type: ignore[union-attr]
                i += 1
            if paragraphs:
                out.append(Quote(paragraphs, item.line))
            continue
        while i < len(found) and not isinstance(found[i], Heading):
            nxt = found[i]
            if isinstance(nxt, Paragraph) and any(c.isalnum() for c in plain_text(nxt.children)):
                paragraphs.append(nxt)  # a row of signs alone (``*``) divides nothing here
            elif isinstance(nxt, Quote):
                paragraphs.extend(nxt.paragraphs)
            i += 1
        quote = Quote(paragraphs, item.line)
        out.append(quote)
    return out


def _number_only(heading: Heading) -> bool:
    """``# Chapter Three`` → True; ``# Chapter 3: Rain``, ``# The Long Road`` → False."""
    from fanfmt.rules._chapter import chapter_line
    from fanfmt.walk import plain_text

    m = chapter_line(plain_text(heading.title))
    return m is not None and not m.group("title") and not heading.number


def settle(found: list[Block | Quote]) -> tuple[Block, ...]:
    """Fold a leading ``**Story Title**`` into the first heading; place the notes
    (:func:`fanfmt.notes.position_notes`)."""
    if (
        len(found) >= 2
        and isinstance(found[0], Paragraph)
        and isinstance(found[1], Heading)
        and len(found[0].children) == 1
        and isinstance(found[0].children[0], Strong)
    ):
        strong = found[0].children[0]
        found = [replace(found[1], story_title=strong.children, line=found[0].line), *found[2:]]
    elif (
        len(found) >= 2
        and isinstance(found[0], Heading)
        and isinstance(found[1], Heading)
        and not found[0].story_title
        and not _label(found[1])  # "## Chapter 1" then "#### Chapter Notes": a note's
    ):
        first, second = found[0], found[1]
        if _number_only(first) and not _number_only(second):
            # "# Chapter Three" then "## The Letters": the chapter's number, then its title
            found = [replace(second, number=first.title, line=first.line), *found[2:]]
        else:
            # "# Story" then "## Chapter 1": the first names the story
            found = [replace(second, story_title=first.title, line=first.line), *found[2:]]
    found = _story_quotes(_quotations(_epigraphs(_note_sections(found))))
    return tuple(
        position_notes(
            AuthorNote(tuple(item.paragraphs), "inline", False, item.line)
            if isinstance(item, Quote)
            else item
            for item in found
        )
    )
