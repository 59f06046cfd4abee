"""What a check sees and returns: :class:`Chapter` in, :class:`Finding` out.

A check is a function of a :class:`Chapter` that yields findings; the
:func:`check` decorator gives it a stable code, a name and a severity::

    @check("W001", "doubled-word", "warning")
    def doubled_word(chapter: Chapter) -> Iterator[Finding]:
        ...
        yield Finding(12, 7, "doubled word: 'the the'")

→ reported as ``12:7: W001 doubled word: 'the the'`` (warning).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeAlias, overload

from fanfmt.diagnostics import Severity
from fanfmt.model import (
    AuthorNote,
    Document,
    Emphasis,
    Heading,
    Inline,
    Legend,
    Paragraph,
    ParagraphRole,
    Quoted,
    SceneBreak,
    Strong,
    Thought,
    is_story,
)
from fanfmt.walk import plain_text

BlockKind: TypeAlias = ParagraphRole | Literal["note", "legend", "heading", "break", "absorbed"]
"""What a source paragraph became: a story paragraph (by role), part of a note or the
legend, a heading, a scene-break line, or ``absorbed`` (a title line merged into a heading)."""

PROSE_KINDS: frozenset[BlockKind] = frozenset(
    {"text", "caption", "disclaimer", "byline", "note", "absorbed"}
)
"""Kinds whose text is the author's prose (checks for damage look at these)."""

_SPACES = " \t\u00a0\u3000\u2002\u2003\ufeff"
_RESYNC = 80
_CONTEXT = 60


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a check found, at a 1-based source line and column."""

    line: int
    col: int
    message: str


@dataclass(frozen=True, slots=True)
class SourceParagraph:
    """A paragraph as the reader found it, before any rule, and what it became."""

    line: int
    text: str
    """The paragraph's text: lines joined with one space, runs of spaces collapsed."""
    kind: BlockKind
    gap_before: int = 0
    source: Sequence[str] = ()
    """The source's lines (the same list for every paragraph of a chapter)."""
    _where: tuple[array[int], array[int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Source line and column of each character of :attr:`text`, worked out on first use:
    most paragraphs have nothing to report, and a tuple a character would take far more
    memory than the text."""

    def where(self, index: int) -> tuple[int, int]:
        """The source ``(line, col)`` of ``text[index]`` (the paragraph start if unknown)."""
        where = self._where
        if where is None:
            where = (array("I"), array("I"))
            for row, col in source_positions(self.source, self.line, self.text):
                where[0].append(row)
                where[1].append(col)
            object.__setattr__(self, "_where", where)  # a cache, not a change
        rows, cols = where
        if not rows:
            return (self.line, 1)
        i = index if 0 <= index < len(rows) else len(rows) - 1
        return (rows[i], cols[i])

    def at(self, index: int, message: str) -> Finding:
        """A finding about ``text[index]``."""
        line, col = self.where(index)
        return Finding(line, col, message)


@dataclass(frozen=True, slots=True)
class Chapter:
    """Everything a check may look at: the source and the document the rules built."""

    source: str
    """The decoded chapter text."""
    paragraphs: tuple[SourceParagraph, ...]
    document: Document
    """The document after the whole rule chain (what ``build`` writes)."""
    by_line: dict[int, SourceParagraph] = field(default_factory=dict)

    def near(self, line: int, needle: str, message: str) -> Finding:
        """A finding at the first ``needle`` in the paragraph at ``line`` (else its start)."""
        p = self.by_line.get(line)
        if p is not None and needle:
            index = p.text.find(needle)
            if index >= 0:
                return p.at(index, message)
        return Finding(line, 1, message)

    def prose(self) -> Iterator[SourceParagraph]:
        """Source paragraphs that are the author's prose (not headings, breaks or legends)."""
        return (p for p in self.paragraphs if p.kind in PROSE_KINDS)


@dataclass(frozen=True, slots=True)
class Spot:
    """An inline node of the built document, with what surrounds it."""

    line: int
    """The source line of its paragraph."""
    node: Inline
    in_dialogue: bool
    """True inside spoken dialogue."""
    before: str
    """Up to 60 characters of plain text before the node, within the same parent node."""
    after: str
    """Up to 60 characters of plain text after the node, within the same parent node."""


def story_spots(doc: Document) -> Iterator[Spot]:
    """Every inline node of the story's paragraphs (not notes or legend), depth first."""
    for block in doc.blocks:
        if is_story(block):
            yield from _spots(block.line, block.children, False)


def _spots(line: int, children: tuple[Inline, ...], in_dialogue: bool) -> Iterator[Spot]:
    texts = [plain_text((node,)) for node in children]
    joined = "".join(texts)
    start = 0
    for node, text in zip(children, texts, strict=True):
        end = start + len(text)
        before = joined[max(0, start - _CONTEXT) : start]
        yield Spot(line, node, in_dialogue, before, joined[end : end + _CONTEXT])
        start = end
        if isinstance(node, Quoted):
            yield from _spots(line, node.children, in_dialogue or node.dialogue)
        elif isinstance(node, Emphasis | Strong | Thought):
            yield from _spots(line, node.children, in_dialogue)


CheckFn = Callable[[Chapter], Iterator[Finding]]
Scope: TypeAlias = Literal["chapter", "piece", "fold"]
"""What ``lint`` gives a check, which reads the built chapter a piece at a time:

* ``chapter``: once, the source, its paragraphs and the blocks as the block rules shaped
  them (their kinds and roles, the metadata; not the inline rules' work);
* ``piece``: each piece of built blocks in turn (the source paragraphs whole), for a
  check whose findings are each about one block;
* ``fold``: its :class:`Fold` sees every piece, then gives its findings."""


class Fold(Protocol):
    """A check over the whole built chapter, given a piece of it at a time."""

    def __init__(self, chapter: Chapter) -> None:
        """Start on ``chapter`` (its source paragraphs; its document has no blocks yet)."""

    def tally(self, piece: Chapter) -> None:
        """Take in one piece (``piece.document.blocks``, in reading order)."""

    def verdict(self) -> Iterator[Finding]:
        """The findings, once every piece is in."""


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: stable code, short name, severity and the function."""

    code: str
    name: str
    severity: Severity
    fn: CheckFn
    family: str
    scope: Scope = "chapter"
    fold: type[Fold] | None = None

    @property
    def summary(self) -> str:
        """First line of the check's docstring."""
        doc = (self.fn.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


REGISTRY: dict[str, Check] = {}


def check(
    code: str,
    name: str,
    severity: Severity,
    *,
    scope: Scope = "chapter",
    fold: type[Fold] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check under ``code`` (a family letter and three digits, never reused).

    ``scope`` says what ``lint`` gives it (:data:`Scope`); a ``fold`` check names its
    :class:`Fold`, which ``fn`` runs on a whole chapter at once.
    """
    if (scope == "fold") != (fold is not None):
        raise ValueError(f"check {code}: a fold check, and only one, names its fold")

    def register(fn: CheckFn) -> CheckFn:
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        family = fn.__module__.rpartition(".")[2]
        REGISTRY[code] = Check(code, name, severity, fn, family, scope, fold)
        return fn

    return register


def run_fold(fold: type[Fold], chapter: Chapter) -> Iterator[Finding]:
    """A fold check on a whole chapter: its one piece is the chapter."""
    state = fold(chapter)
    state.tally(chapter)
    return state.verdict()


def block_kinds(doc: Document) -> dict[int, BlockKind]:
    """Source line → what the paragraph starting there became in ``doc``."""
    kinds: dict[int, BlockKind] = {}
    for block in doc.blocks:
        match block:
            case Paragraph():
                kinds[block.line] = block.role
            case AuthorNote():
                kinds.update((p.line, "note") for p in block.paragraphs)
            case Legend():
                kinds.update((p.line, "legend") for p in block.paragraphs)
            case Heading():
                kinds[block.line] = "heading"
            case SceneBreak():
                if block.marker:
                    kinds[block.line] = "break"
    return kinds


def source_positions(lines: Sequence[str], start: int, text: str) -> Iterator[tuple[int, int]]:
    """Where each character of a reader paragraph ``text`` sits in the source ``lines``.

    The reader strips lines, collapses runs of spaces and joins lines with one space;
    walking both in step undoes that. Where the reader dropped characters (markup read
    as structure, an escape), the walk skips ahead on the line to the next match.
    """
    li, ci = start - 1, 0
    last = (start, 1)

    def skip_space() -> None:
        nonlocal li, ci
        while li < len(lines):
            row = lines[li]
            while ci < len(row) and row[ci] in _SPACES:
                ci += 1
            if ci < len(row):
                return
            li, ci = li + 1, 0

    for ch in text:
        if ch == " ":
            last = (li + 1, ci + 1)
            yield last
            skip_space()
            continue
        skip_space()
        if li >= len(lines):
            yield last
            continue
        row = lines[li]
        if row[ci] != ch:
            ahead = row.find(ch, ci, ci + _RESYNC)
            if ahead < 0:
                last = (li + 1, ci + 1)
                yield last
                continue
            ci = ahead
        last = (li + 1, ci + 1)
        yield last
        ci += 1


class SourceLines(Sequence[str]):
    """The source's lines, split only when a finding asks where it is (most paragraphs
    have nothing to report, and the lines of a long chapter are a second copy of it)."""

    __slots__ = ("_lines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def _split(self) -> list[str]:
        if self._lines is None:
            text = self._text
            self._lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return self._lines

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._split()[index]

    def __len__(self) -> int:
        return len(self._split())


def make_chapter(source: str, read: Document, document: Document) -> Chapter:
    """Bundle the source text, the document as read and the built document for the checks."""
    lines = SourceLines(source)
    kinds = block_kinds(document)
    paragraphs: list[SourceParagraph] = []
    for block in read.blocks:
        if not isinstance(block, Paragraph):
            continue
        text = plain_text(block.children)
        kind = kinds.get(block.line, "absorbed")
        if kind == "absorbed" and not any(c.isalnum() for c in text):
            kind = "break"  # a separator line dropped where it separated nothing
        paragraphs.append(
            SourceParagraph(
                block.line,
                text,
                kind,
                block.gap_before,
                lines,
            )
        )
    by_line = {p.line: p for p in paragraphs}
    return Chapter(source, tuple(paragraphs), document, by_line)
