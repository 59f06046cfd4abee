"""Find author's notes before and after the story, labelled or not.

* ``A/N: Thanks for reading!`` / ``AN:`` / ``Author's Note:`` / ``(A/N: …)`` → a note
* a labelled note at the top runs to the first gap or separator line; one at the
  bottom runs to the end of the chapter
* an unlabelled block before the first gap (or after the last one) that talks
  about the story rather than telling it — ``I``/``you``, "chapter", "update",
  "review", "hope you enjoy", no dialogue — is a note too
* a labelled note in the middle of the story is a note of one paragraph
* a closing sign-off (``Please review!``, ``To be continued...``) is a note even without
  blank lines before it
* notes a reader found (AO3's note blocks, Markdown ``>`` block quotes) are kept as
  they are and placed ``before``/``inline``/``after`` their chapter's story; then only
  labelled paragraphs become notes too (nothing unlabelled is guessed)
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import replace

from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Heading,
    Legend,
    NotePosition,
    Paragraph,
    SceneBreak,
)
from fanfmt.rules._text import text_of
from fanfmt.rules.scene_breaks import is_separator
from fanfmt.rules.table import Context

MARK_RE = re.compile(
    r"^\W{0,3}(?:a\s*/\s*n|a\.n\.|an(?=\s*:)|author['’]?s?['’]?\s*notes?|authors?\s*notes?"
    r"|notes?(?=\s*:)|p\.?s\.?(?=\s*:)|(?:chapter\s+)?(?:end\s+)?notes?(?=\W{0,3}$))\s*[:\-–—)]?",
    re.IGNORECASE,
)
NOTE_WORDS = frozenset(
    """story stories chapter chapters fic fics fanfic fanfiction update updates updated
    updating review reviews reviewed reviewing reviewer reviewers readers reader write
    writing wrote written writer author beta betaed betas enjoy enjoyed thanks thank
    follow follows followers favorite favourite favorites favourites favs faves
    oneshot sequel prequel plot canon ooc au pm hiatus posted post posting upload
    uploaded cliffhanger fandom pairing pairings comment comments kudos feedback
    disclaimer reading read criticism critique concrit flames""".split()
)
PHRASE_RE = re.compile(
    r"\b(?:hope you (?:all )?(?:enjoy|like)|see you (?:all )?(?:next|soon|in)|let me know|"
    r"thanks? (?:you )?for (?:reading|the reviews|all)|until next time|r\s*&\s*r|"
    r"please review|stay tuned|next chapter|this chapter|last chapter|(?:coming|up) soon)\b",
    re.IGNORECASE,
)
FIRST_RE = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|my|me|we|our)\b")
SECOND_RE = re.compile(r"\b(?:you|your|you're|y'all|guys|everyone)\b", re.IGNORECASE)
DIALOGUE_RE = re.compile(
    r"(?:^|\s)[\"“][^\"”]*[,.!?…—-][\"”]"
    r"|(?:^|\s)['‘][^\W\d_][^\n]{0,1000}?[,.!?…—-]['’](?!\w)"
)
"""Speech in either convention: ``"Run," he said`` or ``'Where've you been?' Ron asked``
(a quoted title, ``"Clair de Lune"``, with no punctuation inside, is not speech). A single
quote is followed for 1,000 characters at most: a paragraph of ``'a 'a 'a …`` would
otherwise take time growing with the square of its length."""
_MAX_UNMARKED = 6
_MAX_MARKED = 10


def note_score(paragraphs: list[Paragraph]) -> int:
    """How much ``paragraphs`` read like an author talking about the story (0 = not at all)."""
    return note_score_text(" ".join(text_of(p) for p in paragraphs))


def note_score_text(text: str) -> int:
    """:func:`note_score` of one text: ``"Hope you enjoy this chapter!"`` → 6."""
    if len(text) > 2500 or DIALOGUE_RE.search(text):
        return 0
    found = {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & NOTE_WORDS
    score = len(found) + 2 * len(PHRASE_RE.findall(text))
    if not (FIRST_RE.search(text) or SECOND_RE.search(text)):
        return 0
    return score


_MARKERS: ContextVar[tuple[str, ...]] = ContextVar("scene_break_markers", default=())
"""The author's own scene-break markers, for the rule run in progress."""


def _separator(block: Paragraph) -> bool:
    return is_separator(text_of(block), _MARKERS.get()) is not None


def _is_gap(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return block.gap_before > 0 or _separator(block)
    return True


def apply(doc: Document, ctx: Context) -> Document:
    """Wrap author's notes in :class:`AuthorNote` blocks."""
    token = _MARKERS.set(ctx.options.scene_break_markers)
    try:
        return _apply(doc)
    finally:
        _MARKERS.reset(token)


def _apply(doc: Document) -> Document:
    blocks = list(doc.blocks)
    if any(isinstance(b, AuthorNote) for b in blocks):
        return replace(doc, blocks=tuple(position_notes(blocks)))
    start = 0
    while start < len(blocks) and (
        isinstance(blocks[start], Heading | Legend)
        or (isinstance(blocks[start], Paragraph) and blocks[start].role != "text")  # type: ignore[union-attr]
    ):
        start += 1
    story = [i for i in range(start, len(blocks)) if isinstance(blocks[i], Paragraph)]
    if not story:
        return doc

    result = blocks[:start]
    i = start
    # top note(s)
    while i < len(blocks):
        end = _top_note_end(blocks, i)
        if end is None:
            break
        result.append(_note(blocks[i:end], "before"))
        i = end
        while i < len(blocks) and (
            isinstance(blocks[i], Legend)
            or (isinstance(blocks[i], Paragraph) and blocks[i].role != "text")  # type: ignore[union-attr]
        ):
            result.append(blocks[i])
            i += 1
    # bottom note
    tail_start = _bottom_note_start(blocks, i)
    body = blocks[i:tail_start]
    for block in body:
        if isinstance(block, Paragraph) and MARK_RE.match(text_of(block)):
            result.append(_note([block], "inline"))
        else:
            result.append(block)
    if tail_start < len(blocks):
        result.append(_note(blocks[tail_start:], "after"))
    return replace(doc, blocks=tuple(result))


def position_notes(blocks: list[Block]) -> list[Block]:
    """Place each note ``before``/``inline``/``after`` the story paragraphs of its chapter
    (labelled paragraphs become notes too): for notes a reader found, and for the
    chapters of a whole story split into a book (``fanfmt.epub.split``)."""
    found: list[Block] = [_note([b], "inline") if _labelled(b) else b for b in blocks]
    out: list[Block] = []
    chapter: list[Block] = []
    for block in [*found, None]:
        if block is None or isinstance(block, Heading):
            story = [i for i, b in enumerate(chapter) if _is_text(b)]
            for i, b in enumerate(chapter):
                if isinstance(b, AuthorNote):
                    position: NotePosition = "inline"
                    if not story or i < story[0]:
                        position = "before"
                    elif i > story[-1]:
                        position = "after"
                    marked = b.marked or any(MARK_RE.match(text_of(p)) for p in b.paragraphs)
                    b = replace(b, position=position, marked=marked)
                out.append(b)
            chapter = []
        if block is not None:
            (out if isinstance(block, Heading) else chapter).append(block)
    return out


def _is_text(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "text"


def _labelled(block: Block) -> bool:
    if not isinstance(block, Paragraph) or block.role != "text":
        return False
    return MARK_RE.match(text_of(block)) is not None


def _note(blocks: list[Block], position: NotePosition) -> AuthorNote:
    paragraphs = tuple(b for b in blocks if isinstance(b, Paragraph) and not _separator(b))
    marked = any(MARK_RE.match(text_of(p)) for p in paragraphs)
    first = paragraphs[0] if paragraphs else None
    line = first.line if first else 0
    gap = blocks[0].gap_before if blocks else 0
    return AuthorNote(
        tuple(replace(p, gap_before=0) for p in paragraphs), position, marked, line, gap
    )


LABEL_ONLY_RE = re.compile(
    r"^\W{0,3}(?:a\s*/\s*n|author['’]?s?\s*notes?|(?:chapter\s+)?(?:end\s+)?notes?)\W{0,3}$",
    re.IGNORECASE,
)
OTHER_LABEL_RE = re.compile(r"^\W{0,3}(?:summary|chapter text)\W{0,3}$", re.IGNORECASE)
PS_RE = re.compile(r"^\W{0,3}(?:p\.?\s?s\.?|edit|update|disclaimer)\b", re.IGNORECASE)


REPLY_RE = re.compile(r"^[\w .'-]{2,30}:\s")
"""``Guest: Thanks!`` — an answer to a review, as authors put them in notes."""


def _could_be_note(text: str) -> bool:
    """No dialogue, and long only if it talks about the story: not a paragraph of story."""
    if DIALOGUE_RE.search(text):
        return False
    return len(text.split()) <= 40 or note_score_text(text) >= 2


def _note_like(blocks: list[Block]) -> bool:
    """Paragraphs after a labelled note that still read as the author talking.

    None may hold dialogue (in either kind of quotes) or run long; at least half must talk
    about the story to the reader (``I hope you like it``, a review reply such as
    ``Guest: Thanks!``, another label).
    """
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    if len(paragraphs) != len(blocks):
        return False
    talking = 0
    for block in paragraphs:
        text = text_of(block)
        if not _could_be_note(text) or len(text.split()) > 60:
            return False
        if _talks(block, text):
            talking += 1
    return 2 * talking >= len(paragraphs)


def _talks(block: Paragraph, text: str) -> bool:
    """About the story (I/you *and* story words), an answer to a review, a label or a
    disclaimer: a story told in the first person, or one that says "you", is not enough."""
    return bool(
        note_score_text(text)
        or REPLY_RE.match(text)
        or MARK_RE.match(text)
        or _ABOUT_READERS_RE.search(text)
        or block.role == "disclaimer"
    )


def _tail_like(blocks: list[Block]) -> bool:
    """What follows a labelled note at the end: more of the author talking, no story."""
    for block in blocks:
        if isinstance(block, SceneBreak | Heading):
            return False
        if isinstance(block, Paragraph) and not _could_be_note(text_of(block)):
            return False
    return True


def _segment_end(blocks: list[Block], i: int, limit: int) -> int | None:
    """Index of the first gap after ``blocks[i]`` within ``limit`` paragraphs, else None."""
    for j in range(i + 1, min(len(blocks), i + limit + 1)):
        if _is_gap(blocks[j]):
            return j
    return None


def _top_note_end(blocks: list[Block], i: int) -> int | None:
    first = blocks[i]
    if not isinstance(first, Paragraph):
        return None
    remaining = len(blocks) - i
    if LABEL_ONLY_RE.match(text_of(first)):
        # "Notes:" alone on a line: the note is what follows, up to the next label or gap
        last = i + 1
        while last < min(len(blocks), i + _MAX_MARKED):
            nxt = blocks[last]
            if not isinstance(nxt, Paragraph) or nxt.role != "text" or _is_gap(nxt):
                break
            if LABEL_ONLY_RE.match(text_of(nxt)) or OTHER_LABEL_RE.match(text_of(nxt)):
                break
            last += 1
        return last
    if MARK_RE.match(text_of(first)):
        end = _segment_end(blocks, i, _MAX_MARKED)
        if end is None or end - i > remaining // 2 or not _note_like(blocks[i + 1 : end]):
            end = i + 1
            # further paragraphs that are labelled too, or plainly the author talking
            while end < min(len(blocks), i + _MAX_MARKED) and isinstance(blocks[end], Paragraph):
                nxt = blocks[end]
                assert isinstance(nxt, Paragraph)
                text = text_of(nxt)
                labelled = MARK_RE.match(text) or PS_RE.match(text)
                if not (labelled or (_could_be_note(text) and _talks(nxt, text))):
                    break
                end += 1
        return end
    end = _segment_end(blocks, i, _MAX_UNMARKED)
    if end is None or end - i > remaining // 3:
        return None
    segment = [b for b in blocks[i:end] if isinstance(b, Paragraph)]
    return end if note_score(segment) >= 3 else None


def _bottom_note_start(blocks: list[Block], lo: int) -> int:
    n = len(blocks)
    # a labelled note near the end runs to the end
    for j in range(max(lo, n - _MAX_MARKED), n):
        block = blocks[j]
        if isinstance(block, Paragraph) and MARK_RE.match(text_of(block)):
            rest = blocks[j + 1 :]
            if (
                not any(isinstance(b, Heading) for b in rest)
                and j - lo > (n - j)
                and _tail_like(rest)
            ):
                return j
    # the last segment after a gap
    for j in range(n - 1, max(lo, n - _MAX_UNMARKED - 1), -1):
        if _is_gap(blocks[j]):
            segment = [b for b in blocks[j:] if isinstance(b, Paragraph)]
            if segment and j - lo > 2 * len(segment) and note_score(segment) >= 3:
                return j
            break
    # a sign-off with no blank lines before it: "Please review!", "To be continued..."
    j = n
    while j - 1 > lo + 2 and n - j < 2:
        block = blocks[j - 1]
        if not (isinstance(block, Paragraph) and _sign_off(text_of(block))):
            break
        j -= 1
    if j < n:
        return j
    # the author talking after the story, with no gap: "Thank you for reading!" /
    # "Next chapter: …" / "Please leave a review" — two such paragraphs, or one plain one
    while j - 1 > lo + 1 and n - j < _MAX_UNMARKED:
        block = blocks[j - 1]
        if not (isinstance(block, Paragraph) and block.role == "text"):
            break
        if not _closing_talk(text_of(block)):
            break
        j -= 1
    if j < n and (n - j >= 2 or note_score_text(text_of(blocks[j])) >= 4):  # type: ignore[arg-type]
        return j
    return n


_ABOUT_READERS_RE = re.compile(
    r"\b(?:reviewers?|reviews?|guest|anon|kudos|beta(?:ed)?|readers?|followers?)\b", re.IGNORECASE
)
"""Words that only come up when the author talks about the story's readers."""
NEXT_RE = re.compile(
    r"^\W*(?:next (?:chapter|time|up)|coming up|preview|in the next chapter)\b", re.IGNORECASE
)
"""``Next chapter: Hermione's secret comes out.`` — a teaser, the author talking."""


def _closing_talk(text: str) -> bool:
    """A paragraph after the story in which the author talks to the reader."""
    if DIALOGUE_RE.search(text) or len(text.split()) > 60:
        return False
    return bool(NEXT_RE.match(text) or _sign_off(text) or note_score_text(text) >= 2)


SIGN_OFF_RE = re.compile(
    r"^\W*(?:(?:end of (?:the )?chapter|to be continued|tbc|r\s*&\s*r|please review|"
    r"review,? please|thanks? (?:you )?for reading|see you (?:all )?(?:next|soon))\b"
    r"|.*\b(?:please review|review please|thanks? (?:you )?for reading|r\s*&\s*r)\W*$)",
    re.IGNORECASE,
)


_SIGN_OFF_CHARS = 400
"""Longer than any sign-off (40 words); the pattern is not tried on longer text, where
its backtracking would take time growing with the square of the length."""


def _sign_off(text: str) -> bool:
    """``End of chapter. Please review!`` — the author signing off, not the story."""
    return (
        len(text) <= _SIGN_OFF_CHARS
        and len(text.split()) <= 40
        and not DIALOGUE_RE.search(text)
        and bool(SIGN_OFF_RE.match(text))
    )
