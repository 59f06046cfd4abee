"""Find author's notes before and after the story, labelled or not.

* ``A/N: Thanks for reading!`` / ``AN:`` / ``Author's Note:`` / ``(A/N: …)`` → a note
* a labelled note at the top runs to the first gap or separator line; one at the
  bottom runs to the end of the chapter, and so does a label alone near the end
  (``A/N:``, then paragraphs of the author talking, however long)
* an unlabelled block before the first gap (or after the last one) that talks
  about the story rather than telling it — ``I``/``you``, "chapter", "update",
  "review", "hope you enjoy", no dialogue — is a note too
* with no gap: replies to reviewers at the top or the bottom (``Jayde - really?…``,
  ``Guest: thanks!``, ``To Kira: …``) and an introduction before the story that talks
  about it (``this fic``, ``my beta``, ``readers``) are notes; a story told in the
  first person, or a script with a name on every line, is not
* a note at the top that the author closes by handing over to the story (``My first
  fic!`` / ``I may never finish it.`` / ``On to the story!``, ``And now, the story:``),
  labelled or not, runs to the hand-off
* a labelled note in the middle of the story is a note of one paragraph
* a closing sign-off (``Please review!``) is a note even without blank lines before it;
  ``To be continued...`` is story furniture (the ``furniture`` rule), not a note
* notes a reader found (AO3's note blocks, Markdown ``>`` block quotes) are kept as
  they are and placed ``before``/``inline``/``after`` their chapter's story; then only
  labelled paragraphs become notes too (nothing unlabelled is guessed)
"""

from __future__ import annotations

from dataclasses import replace

from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Footnotes,
    Heading,
    Legend,
    NotePosition,
    Paragraph,
    SceneBreak,
    is_story,
)
from fanfmt.notes import position_notes
from fanfmt.patterns import (
    CHALLENGE,
    NAMED_REPLY,
    NOTE_LABEL,
    NOTE_LABEL_ALONE,
    OTHER_LABEL,
    PS_LABEL,
)
from fanfmt.rules._dressed import dressed_alike, goes_on, note_like
from fanfmt.rules._talk import (
    about_writing,
    closing_talk,
    could_be_note,
    hand_off_end,
    label_led,
    note_score,
    note_score_text,
    review_reply,
    sign_off,
    talks,
    told,
)
from fanfmt.rules._text import QUOTE_CHARS, text_of
from fanfmt.rules._titles import title_after_note
from fanfmt.rules.scene_breaks import dot_rows, is_separator, repeated_marks
from fanfmt.rules.table import Context

MAX_UNMARKED = 6
"""An unlabelled note is at most this many paragraphs (before the first gap, after the last)."""
MAX_MARKED = 10
"""A labelled note is at most this many paragraphs."""
NOTE_SCORE_MIN = 3
"""The :func:`~fanfmt.rules._talk.note_score` from which an unlabelled block is a note."""
CLOSING_SCORE_MIN = 4
"""The score from which one paragraph after the story, with no gap, is a note."""
Markers = tuple[str, ...]
"""The author's own scene-break markers (``options.scene_break_markers``)."""


def _separator(block: Paragraph, markers: Markers) -> bool:
    return is_separator(text_of(block), markers) is not None


def _is_gap(block: Block, markers: Markers) -> bool:
    if isinstance(block, Paragraph):
        return block.gap_before > 0 or _separator(block, markers)
    return True


def apply(doc: Document, ctx: Context) -> Document:
    """Wrap author's notes in :class:`AuthorNote` blocks."""
    marks = tuple(sorted(repeated_marks(doc.blocks)))  # ...~AIV~...: the author's own
    return _apply(doc, ctx.options.scene_break_markers + dot_rows(doc.blocks) + marks)


def _apply(doc: Document, markers: Markers) -> Document:
    blocks = list(doc.blocks)
    if any(isinstance(b, AuthorNote) for b in blocks):
        return replace(doc, blocks=tuple(place_found_notes(blocks, markers)))
    heads = [k for k, b in enumerate(blocks) if isinstance(b, Heading)][1:]
    if heads:  # a whole story: each chapter's notes, at its top and its end
        cuts = list(zip([0, *heads], [*heads, len(blocks)], strict=True))
        parts = [_chapter(blocks[a:b], markers) for a, b in cuts]
        return replace(doc, blocks=tuple(position_notes([b for p in parts for b in p])))
    return replace(doc, blocks=tuple(_chapter(blocks, markers)))


def _chapter(blocks: list[Block], markers: Markers) -> list[Block]:
    """One chapter's blocks with its notes found (see the module)."""
    start = 0
    while start < len(blocks) and (
        isinstance(blocks[start], Heading | Legend)
        or (isinstance(blocks[start], Paragraph) and not is_story(blocks[start]))
    ):
        start += 1
    story = [i for i in range(start, len(blocks)) if isinstance(blocks[i], Paragraph)]
    if not story:
        return blocks

    result = blocks[:start]
    i = start
    # top note(s)
    while i < len(blocks):
        end = _top_note_end(blocks, i, markers)
        if end is None:
            break
        note = _note(blocks[i:end], "before", markers)
        if result and isinstance(above := result[-1], AuthorNote) and above.position == "before":
            # straight on from the note above it (a hand-off, then "Question of the day:")
            marked = above.marked or note.marked
            note = replace(above, paragraphs=above.paragraphs + note.paragraphs, marked=marked)
            result.pop()
        result.append(note)
        i = end
        while i < len(blocks) and (
            isinstance(blocks[i], Legend)
            or (isinstance(blocks[i], Paragraph) and not is_story(blocks[i]))
        ):
            result.append(blocks[i])
            i += 1
    if result and isinstance(result[-1], AuthorNote) and i < len(blocks):
        row = blocks[i]
        k = i + 1 if not isinstance(row, Paragraph) or _separator(row, markers) else i
        if title_after_note(blocks, k):
            result.append(blocks[k])
            i = k + 1
    # bottom note
    tail_start = _bottom_note_start(blocks, i, markers)
    body = blocks[i:tail_start]
    for block in body:
        if isinstance(block, Paragraph) and label_led(block):
            result.append(_note([block], "inline", markers))
        else:
            result.append(block)
    if tail_start < len(blocks):
        tail = blocks[tail_start:]
        result.append(_note(tail, "after", markers))
        result.extend(b for b in tail if isinstance(b, Footnotes))  # the chapter's notes
    return result


def place_found_notes(blocks: list[Block], markers: Markers = ()) -> list[Block]:
    """Labelled paragraphs become notes of one paragraph (a label alone, with what follows it
    to the next break or heading), then every note is placed
    ``before``/``inline``/``after`` the story of its chapter by
    :func:`fanfmt.notes.position_notes`: for notes a reader found, and for the chapters of
    a whole story split into a book (``fanfmt.epub.split``); ``markers`` are the author's
    own scene-break markers, left out of a note."""
    found: list[Block] = []
    i = 0
    while i < len(blocks):
        end = _label_end(blocks, i) if _labelled(blocks[i]) else i
        found.append(_note(blocks[i:end], "inline", markers) if end > i else blocks[i])
        i = max(end, i + 1)
    return [
        replace(b, marked=True)
        if isinstance(b, AuthorNote)
        and not b.marked
        and any(NOTE_LABEL.match(text_of(p)) for p in b.paragraphs)
        else b
        for b in position_notes(found)
    ]


def _label_end(blocks: list[Block], i: int) -> int:
    """Where the labelled note at ``blocks[i]`` ends: after it, or, for a label alone
    (``Author's notes:``), after what follows it to the next break, heading or label."""
    end = i + 1
    first = blocks[i]
    if isinstance(first, Paragraph) and NOTE_LABEL_ALONE.match(text_of(first)):
        while end < min(len(blocks), i + MAX_UNMARKED):
            nxt = blocks[end]
            if not isinstance(nxt, Paragraph) or not is_story(nxt) or _labelled(nxt):
                break
            if OTHER_LABEL.match(text_of(nxt)):
                break
            end += 1
    return max(end, hand_off_end(blocks, i) or 0)  # "… On to the story!": to the hand-off


def _labelled(block: Block) -> bool:
    if not is_story(block):
        return False
    return NOTE_LABEL.match(text_of(block)) is not None


def _note(blocks: list[Block], position: NotePosition, markers: Markers) -> AuthorNote:
    paragraphs = tuple(b for b in blocks if isinstance(b, Paragraph) and not _separator(b, markers))
    marked = any(NOTE_LABEL.match(text_of(p)) for p in paragraphs)
    first = paragraphs[0] if paragraphs else None
    line = first.line if first else 0
    gap = blocks[0].gap_before if blocks else 0
    return AuthorNote(
        tuple(replace(p, gap_before=0) for p in paragraphs), position, marked, line, gap
    )


def _dressed_note_end(blocks: list[Block], i: int, markers: Markers) -> int | None:
    """The end of a block at the top, up to its first separator, set wholly in italics or
    bold, speaking to no one, with a note's label in it (``Hola…`` / ``Advertencia 1: …`` /
    ``[Parejas]`` / ``·····``): the author's note, however long its list; else None."""
    end = _segment_end(blocks, i, 2 * MAX_MARKED, markers)
    if end is None or end - i > (len(blocks) - i) // 3:
        return None
    segment, row = blocks[i:end], blocks[end]
    if not (segment and isinstance(row, Paragraph) and _separator(row, markers)):
        return None
    labelled = any(isinstance(b, Paragraph) and NOTE_LABEL.match(text_of(b)) for b in segment)
    return end if labelled and dressed_alike(segment) else None


def _tail_like(blocks: list[Block]) -> bool:
    """What follows a labelled note at the end: more of the author talking, no story."""
    for block in blocks:
        if isinstance(block, SceneBreak | Heading):
            return False
        if isinstance(block, Paragraph) and not could_be_note(text_of(block)):
            return False
    return True


def _segment_end(blocks: list[Block], i: int, limit: int, markers: Markers) -> int | None:
    """Index of the first gap after ``blocks[i]`` within ``limit`` paragraphs, else None."""
    for j in range(i + 1, min(len(blocks), i + limit + 1)):
        if _is_gap(blocks[j], markers):
            return j
    return None


def _top_note_end(blocks: list[Block], i: int, markers: Markers) -> int | None:
    first = blocks[i]
    if not isinstance(first, Paragraph):
        return None
    remaining = len(blocks) - i
    dressed = _dressed_note_end(blocks, i, markers)
    if dressed is not None:
        return dressed
    if NOTE_LABEL_ALONE.match(text_of(first)):
        # "Notes:" alone on a line: the note is what follows, up to the next label or gap
        last = i + 1
        while last < min(len(blocks), i + MAX_MARKED):
            nxt = blocks[last]
            if not is_story(nxt) or _is_gap(nxt, markers):
                break
            said = text_of(nxt)
            if NOTE_LABEL_ALONE.match(said) or OTHER_LABEL.match(said):
                break
            if last > i + 1 and not goes_on(blocks[last - 1], nxt, said):
                break  # with no gap after it, the note is what talks: the story goes on
            last += 1
        return last
    if label_led(first):
        end = _segment_end(blocks, i, MAX_MARKED, markers)
        if (
            end is None
            or end - i > remaining // 2
            or not (note_like(blocks[i + 1 : end]) or dressed_alike(blocks[i:end]))
        ):
            end = i + 1
            # further paragraphs that are labelled too, or plainly the author talking
            while end < min(len(blocks), i + MAX_MARKED) and isinstance(blocks[end], Paragraph):
                nxt = blocks[end]
                assert isinstance(nxt, Paragraph)
                text = text_of(nxt)
                labelled = NOTE_LABEL.match(text) or PS_LABEL.match(text)
                if not (labelled or (could_be_note(text) and talks(nxt, text))):
                    break
                end += 1
        return max(end, hand_off_end(blocks, i) or 0)
    hand_off = hand_off_end(blocks, i)
    if hand_off is not None:
        return hand_off
    talk_end = _talk_run_end(blocks, i, markers)
    if talk_end is not None:
        return talk_end
    end = _segment_end(blocks, i, MAX_UNMARKED, markers)
    if end is None or end - i > remaining // 3:
        return None
    segment = [b for b in blocks[i:end] if isinstance(b, Paragraph)]
    return end if note_score(segment) >= NOTE_SCORE_MIN else None


def _talking(block: Block) -> str | None:
    """``"reply"`` (``Jayde - really?…``), ``"essay"`` (the author on the story), else None."""
    if not (isinstance(block, Paragraph) and is_story(block)):
        return None
    text = text_of(block)
    if review_reply(text):
        return "reply"
    return "essay" if about_writing(text) else None


def _script_like(blocks: list[Block], run: list[Paragraph]) -> bool:
    """``Picard: Report.`` one speaker a line: a name repeats, or the next line has one."""
    names = [m.group("name") for p in run if (m := NAMED_REPLY.match(text_of(p)))]
    after = blocks[len(run)] if len(run) < len(blocks) else None
    named_after = isinstance(after, Paragraph) and NAMED_REPLY.match(text_of(after))
    return len(set(names)) < len(names) or bool(names and named_after)


def _talk_run(blocks: list[Block]) -> int:
    """How many of ``blocks`` (from the first) are the author talking with no label: replies
    to reviewers, or an introduction about the story; 0 when they read as story.

    A paragraph that talks neither way may stand between two that do; the run must be
    short against the chapter, and a script (a name on every line) is no run.
    """
    kinds: list[str | None] = [_talking(b) for b in blocks[: MAX_MARKED + 1]]
    last = -1
    for k, kind in enumerate(kinds):
        if kind is None and (k + 1 >= len(kinds) or kinds[k + 1] is None):
            break
        if kind is not None:
            last = k
    n = last + 1
    if n == 0 or n > MAX_MARKED or 2 * n > len(blocks):
        return 0
    run = [b for b in blocks[:n] if isinstance(b, Paragraph)]
    if "reply" in kinds[:n]:
        return 0 if _script_like(blocks, run) else n
    # an introduction: two paragraphs at least, or one that plainly talks to the reader
    return n if n >= 2 or note_score(run) >= CLOSING_SCORE_MIN else 0


def _talk_run_end(blocks: list[Block], i: int, markers: Markers) -> int | None:
    """The end of an unlabelled note at the top with no gap after it (:func:`_talk_run`)."""
    n = _talk_run(blocks[i:])
    if n == 0 or any(_separator(b, markers) for b in blocks[i : i + n] if isinstance(b, Paragraph)):
        return None
    return i + n


def _bottom_note_start(blocks: list[Block], lo: int, markers: Markers) -> int:
    n = len(blocks)
    # a labelled note near the end runs to the end
    for j in range(max(lo, n - MAX_MARKED), n):
        block = blocks[j]
        if isinstance(block, Paragraph) and NOTE_LABEL.match(text_of(block)):
            rest = blocks[j + 1 :]
            if (
                not any(isinstance(b, Heading) for b in rest)
                and j - lo > (n - j)
                and (_tail_like(rest) or (NOTE_LABEL_ALONE.match(text_of(block)) and told(rest)))
            ):
                return j
    after_marker = _after_closing_marker(blocks, lo, markers)
    if after_marker is not None:
        return after_marker
    # the last segment after a gap
    for j in range(n - 1, max(lo, n - MAX_MARKED - 1), -1):
        if _is_gap(blocks[j], markers):
            gap = blocks[j]  # a row, or a paragraph with blank lines above it
            first = j if isinstance(gap, Paragraph) and not _separator(gap, markers) else j + 1
            segment = [b for b in blocks[first:] if isinstance(b, Paragraph)]  # after the gap
            if (
                segment
                and (n - j <= MAX_UNMARKED or _for_a_contest(segment[0]))
                and j - lo > 2 * len(segment)
                and note_score(segment) >= NOTE_SCORE_MIN
            ):
                return j
            break
    # replies to reviewers at the very end, after the story
    tail = list(reversed(blocks[lo:]))
    k = _talk_run(tail)
    if k and any(_talking(b) == "reply" for b in tail[:k]):
        return n - k
    # a sign-off with no blank lines before it: "Please review!", "See you next time!"
    j = n
    while j - 1 > lo + 2 and n - j < 2:
        block = blocks[j - 1]
        if not (is_story(block) and sign_off(text_of(block))):  # a part marker is furniture
            break
        j -= 1
    if j < n:
        return j
    # the author talking after the story, with no gap: "Thank you for reading!" /
    # "Next chapter: …" / "Please leave a review" — two such paragraphs, or one plain one
    while j - 1 > lo + 1 and n - j < MAX_UNMARKED:
        block = blocks[j - 1]
        if not is_story(block) or not closing_talk(text_of(block)):
            break
        j -= 1
    if j < n and (n - j >= 2 or _closing_score(blocks[j]) >= CLOSING_SCORE_MIN):
        return j
    return n


def _for_a_contest(block: Paragraph) -> bool:
    """``This is for:`` / ``Written for the Houses Competition``: a note that lists what the
    chapter was written for may run longer (a line a challenge)."""
    return CHALLENGE.match(text_of(block)) is not None


def _after_closing_marker(blocks: list[Block], lo: int, markers: Markers) -> int | None:
    """Where the author talks after the story's own last word: the paragraphs (no scene of
    speech, no heading, at most :data:`MAX_UNMARKED`) after ``To be continued…``, ``Fin``,
    ``‘End’``, ``Continuará…`` near the end; None when there are none."""
    n = len(blocks)
    for k in range(n - 2, max(lo, n - 2 * MAX_UNMARKED - 2) - 1, -1):
        block = blocks[k]
        if not (isinstance(block, Paragraph) and block.role == "furniture"):
            continue
        rest = blocks[k + 1 :]
        said = [b for b in rest if isinstance(b, Paragraph) and not _separator(b, markers)]
        if (
            said
            and len(said) <= MAX_UNMARKED
            and k - lo > 2 * len(said)
            and all(is_story(b) for b in said)
            and not any(text_of(b).lstrip()[:1] in QUOTE_CHARS for b in said)  # no speech
            and all(isinstance(b, Paragraph | SceneBreak) for b in rest)
        ):
            return blocks.index(said[0], k + 1)  # a row between them is no part of it
        return None
    return None


def _closing_score(block: Block) -> int:
    return note_score_text(text_of(block)) if isinstance(block, Paragraph) else 0
