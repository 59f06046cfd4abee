"""Leftovers in the text: typos, broken encodings, markup and lost line breaks.

* ``He opened the the door.`` → W001 (a doubled word)
* ``She said â€" no.`` → E004 (mojibake fanfmt could not repair)
* ``She paid 5\ufffd for it.`` → E005 (a character that could not be decoded)
* ``He was <i>so</i> tired.`` → M001; ``[b]Stop![/b]`` → M002; ``Wait&nbsp;here.`` → M003
* a paragraph of 400 words or more → P001 (line breaks were probably lost)
* ``<p>She ran.</p><!-- the scene I cut: he waited --><p>It rained.</p>`` → M005 (a
  comment with words in it, inside the story, left out of the chapter)
* ``--- TK check the dates``, ``TODO: fix this scene`` → W002 (a note the author left in
  the draft for later, made an author's note: ``--notes omit`` leaves it out)
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from ftfy.badness import BADNESS_RE

from fanfmt import rx
from fanfmt.checks.base import Chapter, Finding, SourceParagraph, check, run_fold
from fanfmt.model import Block, Paragraph, SceneBreak
from fanfmt.walk import iter_paragraphs, plain_text

DOUBLED_RE = rx.compile(r"\b([^\W\d_]+)(\s+\1\b)+", re.IGNORECASE)
INTENTIONAL_DOUBLES = frozenset(
    """had that is was do her very so no yes now there well bye night ha haha he hee ho heh hah
    tut chop knock boo far many long really come go oh ah uh um hmm hey wait more again blah
    bla la na tsk shh hush ding dong tick tock bang boom pretty please run quick never okay
    ok away round on over yeah yay woo wow hi hello sorry stop faster help out up down""".split()
)
HTML_TAGS = (
    "a|b|i|u|s|em|strong|br|p|div|span|hr|font|center|sup|sub|strike|del|ins|blockquote|"
    "h[1-6]|ul|ol|li|small|big|tt|code|pre|img|table|tr|td|th|body|html|head|title"
)
HTML_TAG_RE = rx.compile(rf"</?(?:{HTML_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
BBCODE_RE = rx.compile(
    r"\[/?(?:b|i|u|s|url|color|colour|size|center|centre|quote|img|font|spoiler|align|hr)"
    r"(?:=[^\]\n]{0,80})?\]",
    re.IGNORECASE,
)
ENTITY_RE = rx.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
COMMENT_RE = rx.compile(r"<!--(.*?)-->", re.S)
_CODE_CHARS = frozenset("{}<>=;|")
"""A comment holding any of these is code or markup switched off, not words."""
REPLACEMENT = "\ufffd"
LONG_PARAGRAPH_WORDS = 400


@check("W001", "doubled-word", "warning")
def doubled_word(chapter: Chapter) -> Iterator[Finding]:
    """The same word twice in a row, a typo (repeats like ``no no`` or ``had had`` are allowed).

    Example: ``He opened the the door.``
    """
    for p in chapter.prose():
        for m in DOUBLED_RE.finditer(p.text):
            word = m.group(1)
            if word.lower() in INTENTIONAL_DOUBLES or len(m.group().split()) > 2:
                continue
            yield p.at(m.start(), f"doubled word: {m.group()!r}")


@check("W002", "draft-note-left", "warning")
def draft_note_left(chapter: Chapter) -> Iterator[Finding]:
    """A note the author left in the draft for later (``TK``, ``TODO``, ``FIXME``): read as
    an author's note, so ``--notes omit`` leaves it out, but it is still in the chapter.

    Example: ``--- TK check Fabian and Gideon status re above``
    """
    from fanfmt.patterns import DRAFT_MARK

    for p in chapter.paragraphs:
        if DRAFT_MARK.match(p.text):
            yield p.at(0, f"a note left in the draft: {p.text[:60]!r}")


@check("E004", "mojibake-left", "warning")
def mojibake_left(chapter: Chapter) -> Iterator[Finding]:
    """Characters that look like mojibake (text decoded with the wrong encoding), left unrepaired.

    Example: ``She said â€" no.`` (what repair could not fix)
    """
    for p in chapter.paragraphs:
        for m in BADNESS_RE.finditer(p.text):
            yield p.at(m.start(), f"looks like mojibake: {m.group()!r}")


@check("E005", "undecodable-character", "warning")
def undecodable_character(chapter: Chapter) -> Iterator[Finding]:
    """A replacement character: something in the file could not be decoded and is lost.

    Example: ``She paid 5\ufffd for it.``
    """
    for p in chapter.paragraphs:
        index = p.text.find(REPLACEMENT)
        while index >= 0:
            yield p.at(index, "a character could not be decoded (shown as U+FFFD)")
            index = p.text.find(REPLACEMENT, index + 1)


class _Markup:
    """Markup of one kind in the source paragraphs that the rules left in the built text.

    The built text of a paragraph (after every rule) is kept only for the paragraphs whose
    source holds such markup: a rule may have turned it into something else, and then it
    is not left over.
    """

    pattern: re.Pattern[str]
    what: str

    def __init__(self, chapter: Chapter) -> None:
        self.chapter = chapter
        self.lines = {p.line for p in chapter.paragraphs if any(self._found(p))}
        self.built: dict[int, str] = {}

    def valid(self, found: str) -> bool:
        return True

    def _found(self, p: SourceParagraph) -> Iterator[re.Match[str]]:
        if p.kind != "break":
            yield from (m for m in self.pattern.finditer(p.text) if self.valid(m.group()))

    def tally(self, piece: Chapter) -> None:
        if self.lines:
            for p in iter_paragraphs(piece.document):
                if p.line in self.lines:
                    self.built[p.line] = plain_text(p.children)

    def verdict(self) -> Iterator[Finding]:
        for p in self.chapter.paragraphs:
            if p.line not in self.lines:
                continue
            built = self.built.get(p.line)
            for m in self._found(p):
                if built is None or m.group() in built:
                    yield p.at(m.start(), f"{self.what} left in the text: {m.group()}")


class _Tags(_Markup):
    pattern, what = HTML_TAG_RE, "HTML tag"


class _BBCode(_Markup):
    pattern, what = BBCODE_RE, "BBCode tag"


class _Entities(_Markup):
    pattern, what = ENTITY_RE, "HTML entity"

    def valid(self, found: str) -> bool:
        return _entity(found)


def _entity(found: str) -> bool:
    """``&nbsp;`` and ``&#8217;`` are entities; ``&bogus;`` is not."""
    return found[1] == "#" or found[1:] in html.entities.html5


@check("M001", "html-tag", "warning", scope="fold", fold=_Tags)
def html_tag(chapter: Chapter) -> Iterator[Finding]:
    """An HTML tag left in the text; it would be shown as typed.

    Example: ``He was <i>so</i> tired.``
    """
    return run_fold(_Tags, chapter)


@check("M002", "bbcode-tag", "warning", scope="fold", fold=_BBCode)
def bbcode_tag(chapter: Chapter) -> Iterator[Finding]:
    """A BBCode tag (forum markup) left in the text; it would be shown as typed.

    Example: ``[b]Stop![/b] she said.``
    """
    return run_fold(_BBCode, chapter)


@check("M003", "html-entity", "warning", scope="fold", fold=_Entities)
def html_entity(chapter: Chapter) -> Iterator[Finding]:
    """An HTML entity (``&nbsp;``, ``&#8217;``) left in the text; it would be shown as typed.

    Example: ``Wait&nbsp;here.``
    """
    return run_fold(_Entities, chapter)


@check("P001", "long-paragraph", "warning")
def long_paragraph(chapter: Chapter) -> Iterator[Finding]:
    """A paragraph of 400 words or more: its line breaks were probably lost.

    Example: ``The rain fell. ×150`` (the sentence 150 times in one paragraph)
    """
    for p in chapter.prose():
        count = len(p.text.split())
        if count >= LONG_PARAGRAPH_WORDS:
            yield p.at(0, f"paragraph of {count} words: its line breaks may have been lost")


@check("M005", "comment-dropped", "warning")
def comment_dropped(chapter: Chapter) -> Iterator[Finding]:
    """An HTML comment with words in it, between two paragraphs of the story, was left out.

    Example: ``<p>She ran.</p><!-- the scene I cut: he waited --><p>It rained.</p>``
    """
    if "<!--" not in chapter.source:
        return
    spans = _story_spans(chapter.document.blocks)
    built: str | None = None
    line, at = 1, 0
    for m in COMMENT_RE.finditer(chapter.source):
        body = " ".join(m.group(1).split())
        if len(re.findall(r"[^\W\d_]{2,}", body)) < 2 or _CODE_CHARS.intersection(body):
            continue  # <!--more-->, <!-- [if IE]>, a script switched off
        line += chapter.source.count("\n", at, m.start())
        at = m.start()
        if not any(a <= line <= b for a, b in spans):
            continue  # the site's own comments, around the story and between its parts
        if built is None:
            built = " ".join(
                " ".join(plain_text(p.children).split()) for p in iter_paragraphs(chapter.document)
            )
        if body not in built:
            shown = body if len(body) <= 60 else body[:57] + "..."
            yield Finding(line, 1, f"an HTML comment with words in it was left out: {shown!r}")


def _story_spans(blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """The source lines from one block of the story to the next, where both are story
    paragraphs or scene breaks (not a heading, a note or the site's parts between)."""
    spans: list[tuple[int, int]] = []
    for a, b in pairwise(blocks):
        if _in_story(a) and _in_story(b) and 0 < a.line <= b.line:
            spans.append((a.line, b.line))
    return spans


def _in_story(block: Block) -> bool:
    return isinstance(block, SceneBreak) or (isinstance(block, Paragraph) and block.role == "text")
