"""Does a paragraph read like the author talking about the story, rather than telling it?

Shared by the ``author_notes`` rule (which paragraphs are notes) and the checks that say
why a paragraph was read as one (G004):

* ``Hope you enjoy this chapter!`` → :func:`note_score_text` 6 (I/you and story words)
* ``"Run," he said.`` → 0 (dialogue is story)
* ``Guest: Thanks!`` → :func:`talks` (an answer to a review)
* ``Please review!`` → :func:`sign_off`; ``Next chapter: the ball.`` → :func:`closing_talk`
"""

from __future__ import annotations

import re

from fanfmt import rx
from fanfmt.lexicon import NOTE_WORDS, READER_WORDS, TIME_WORDS
from fanfmt.model import Block, Heading, Paragraph, SceneBreak, is_story
from fanfmt.patterns import (
    CHALLENGE,
    DIALOGUE,
    DRAFT_MARK,
    FIELD_LINE,
    METADATA_LINE,
    NAMED_REPLY,
    NOTE_LABEL,
    REVIEW_REPLY,
    alternatives,
)
from fanfmt.rules._text import text_of

SCORE_MAX_CHARS = 2500
"""Longer text is never scored (0): a note is not that long."""
SHORT_WORDS = 40
"""A paragraph of at most this many words can be a note without talking about the story."""
NOTE_MAX_WORDS = 60
"""A paragraph of a note, or the author talking after the story, is never longer."""
TALK_SCORE_MIN = 2
"""The :func:`note_score_text` from which a longer paragraph reads as the author talking."""
SIGN_OFF_CHARS = 400
"""Longer than any sign-off (40 words); the pattern is not tried on longer text, where
its backtracking would take time growing with the square of the length."""

NOTE_PHRASE = rx.compile(
    r"\b(?:hope you (?:all )?(?:enjoy|like)|see you (?:all )?(?:next|soon|in)|let me know|"
    r"thanks? (?:you )?for (?:reading|the reviews|all)|until next time|r\s*&\s*r|"
    r"please review|stay tuned|next chapter|this chapter|last chapter|(?:coming|up) soon|"
    r"(?:i['’]?d|i would|we['’]?d) like to thank|(?:special|big|many|huge) thanks|shout-?outs?|"
    r"(?:part|book|story|installment|entry) (?:\w+ )?(?:of|in) (?:an?|the|this|my) "
    r"(?:[\w-]+ )*series|(?:read|find) the (?:first|previous|last|next|second|third) "
    r"(?:part|story|chapter|installment|one|book)|sequel to)\b",
    re.IGNORECASE,
)
"""What authors say to their readers: ``Hope you enjoy``, ``R&R``, ``Next chapter``,
``I'd like to thank``, ``Special thanks``, ``This is part 2 of an ongoing series``, ``You
can read the first part here``, ``A sequel to …``."""
FIRST_PERSON = rx.compile(r"\b(?:I|I'm|I've|I'll|I'd|my|me|we|our)\b")
SECOND_PERSON = rx.compile(r"\b(?:you|your|you're|y'all|guys|everyone)\b", re.IGNORECASE)
ABOUT_READERS = rx.compile(rf"\b(?:{alternatives(READER_WORDS)})\b", re.IGNORECASE)
"""Words that only come up when the author talks about the story's readers."""
NEXT_TEASER = rx.compile(
    r"^\W*(?:next (?:chapter|time|up)|coming up|preview|in the next chapter)\b", re.IGNORECASE
)
"""``Next chapter: Hermione's secret comes out.`` — a teaser, the author talking."""
SIGN_OFF = rx.compile(
    r"^\W*(?:(?:end of (?:the )?chapter|to be continued|tbc|r\s*&\s*r|please review|"
    r"review,? please|thanks? (?:you )?(?:so much )?for (?:reading|read)"
    r"(?: (?:my|this|the|our) (?:story|fic|chapter|one-?shot))?|"
    r"see you (?:all )?(?:next|soon)|praise me|"
    r"(?:feedback|comments?|reviews?|c(?:&|and)c)(?: (?:is|are))? (?:always )?"
    r"(?:welcome|appreciated|wanted|loved)|send (?:me )?(?:feedback|comments))\b"
    r"|.*\b(?:please review|review please|r\s*&\s*r|"
    r"thanks? (?:you )?(?:so much )?for (?:reading|read)"
    r"(?: (?:my|this|the|our) (?:story|fic|chapter|one-?shot))?|"
    r"leave (?:me )?(?:a |some )?(?:feedback|reviews?|comments?)|"
    r"(?:feedback|comments?|reviews?)(?: (?:is|are))? (?:always )?(?:welcome|appreciated))\W*$"
    r"|.*\b(?:feedback|comments?|reviews?)\b.{0,40}\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\W*$)",
    re.IGNORECASE,
)
"""``To be continued…``, ``End of chapter``, ``… Please review!``, ``Leave me feedback!``,
``Feedback welcome at name@host``, ``That's all. Thank you for read my story.``."""
STORY_TALK = rx.compile(
    r"\b(?:(?:this|my|our)\s+(?:story|fic|fanfic|chapter|one-?shot|series|sequel|update)"
    r"|(?:next|last|first)\s+(?:chapter|update)|fic|fics|fanfic|fanfiction|readers?|reviewers?|reviews?|"
    r"updates?|updating|beta(?:ed|s)?|canon|fandom|pairings?|ooc|au|kudos|feedback|hiatus|"
    r"cliffhanger|one-?shot|author['’]?s?)\b",
    re.IGNORECASE,
)
"""What only the author talking about the writing names: ``this story``, ``fic``,
``readers``, ``reviews``, ``my beta`` (not ``wrote`` or ``read``: a story says those)."""
_LETTERS_RE = rx.compile(r"[A-Za-z]+")


FIELDS_NOTE_SCORE = 4
"""The :func:`note_score` of a block of a contest's fields (``Prompt: …`` / ``W/C: 623``)."""


def note_score(paragraphs: list[Paragraph]) -> int:
    """How much ``paragraphs`` read like an author talking about the story (0 = not at all).

    A block of ``Label: value`` lines, two of them known fields (``House: Ravenclaw`` /
    ``Prompt: rain`` / ``W/C: 623``), is the author's account of the writing: a note."""
    texts = [text_of(p) for p in paragraphs]
    fields = [t for t in texts if _LETTERS_RE.search(t)]  # a separator row is no line of it
    if all(FIELD_LINE.match(t) and len(t) < SIGN_OFF_CHARS for t in fields) and (
        sum(1 for t in fields if METADATA_LINE.match(t)) >= 2
    ):
        return FIELDS_NOTE_SCORE
    return note_score_text(" ".join(texts))


def note_score_text(text: str) -> int:
    """:func:`note_score` of one text: ``"Hope you enjoy this chapter!"`` → 6."""
    if len(text) > SCORE_MAX_CHARS or DIALOGUE.search(text):
        return 0
    found = {w.lower() for w in _LETTERS_RE.findall(text)} & NOTE_WORDS
    score = len(found) + 2 * len(NOTE_PHRASE.findall(text))
    challenge = CHALLENGE.search(text)
    if challenge:  # "Written for the Houses Competition": whoever says it
        return score + (3 if challenge.start() == 0 else 2)  # opening with it: all the note
    if not (FIRST_PERSON.search(text) or SECOND_PERSON.search(text)):
        return 0
    return score


NOTE_MAX_CHARS = 3000
"""A labelled paragraph longer than this (500 words) is a chapter glued to its ``A/N:``."""


def label_led(block: Paragraph) -> bool:
    """``A/N: Thanks!`` → True; ``--- TK check the dates`` (a draft's note to its author)
    → True; ``A/N: …`` and a whole chapter in one line → False (story, so that ``--notes
    omit`` cannot drop the chapter)."""
    text = text_of(block)
    return bool(NOTE_LABEL.match(text) or DRAFT_MARK.match(text)) and len(text) <= NOTE_MAX_CHARS


def could_be_note(text: str) -> bool:
    """No dialogue, and long only if it talks about the story: not a paragraph of story."""
    if DIALOGUE.search(text):
        return False
    return len(text.split()) <= SHORT_WORDS or note_score_text(text) >= TALK_SCORE_MIN


def talks(block: Paragraph, text: str) -> bool:
    """About the story (I/you *and* story words), an answer to a review, a label or a
    disclaimer: a story told in the first person, or one that says "you", is not enough."""
    return bool(
        note_score_text(text)
        or REVIEW_REPLY.match(text)
        or NOTE_LABEL.match(text)
        or ABOUT_READERS.search(text)
        or block.role == "disclaimer"
    )


def closing_talk(text: str) -> bool:
    """A paragraph after the story in which the author talks to the reader."""
    if DIALOGUE.search(text) or len(text.split()) > NOTE_MAX_WORDS:
        return False
    if NEXT_TEASER.match(text) or sign_off(text):
        return True
    return note_score_text(text) >= TALK_SCORE_MIN


def sign_off(text: str) -> bool:
    """``End of chapter. Please review!`` — the author signing off, not the story."""
    return (
        len(text) <= SIGN_OFF_CHARS
        and len(text.split()) <= SHORT_WORDS
        and not DIALOGUE.search(text)
        and bool(SIGN_OFF.match(text))
    )


def review_reply(text: str) -> bool:
    """``Jayde - really? Dogs are nice, but…``, ``Guest: thanks!``, ``To Kira: I know.``:
    a reviewer's name, then the author answering (I/you, or a note word), no dialogue.

    ``Monday: rain again.``, ``Sunday - I woke early.`` → False (a dateline; nobody is
    talked to).
    """
    if len(text.split()) > NOTE_MAX_WORDS or DIALOGUE.search(text):
        return False
    named = NAMED_REPLY.match(text)
    if named is None or any(w.lower() in TIME_WORDS for w in named.group("name").split()):
        return False  # "Sunday - I woke early": a dateline, then the story
    if text.lower().startswith("to "):
        return True
    noted = {w.lower() for w in _LETTERS_RE.findall(text)} & NOTE_WORDS
    return bool(SECOND_PERSON.search(text) or noted)


def about_writing(text: str) -> bool:
    """A paragraph of the author talking about the story: I/you, what only a note names
    (``this story``, ``fic``, ``readers``), no dialogue.

    ``I started this fic last summer, and you readers kept me going.`` → True;
    ``I never meant to fall in love with a vampire.`` → False.
    """
    if len(text) > SCORE_MAX_CHARS or DIALOGUE.search(text):
        return False
    if not (FIRST_PERSON.search(text) or SECOND_PERSON.search(text)):
        return False
    return bool(STORY_TALK.search(text) or NOTE_PHRASE.search(text))


_HAND_OFF_RE = re.compile(
    r"^(?![\"“'‘])\W*(?:(?:but|well|anyway|ok(?:ay)?)[,!]?\s+)?(?:enough\s+(?:chatter|talk|rambling|of\s+me)"
    r"[^.!?]{0,30}[.!?]+\s*)?(?:(?:on(?:ward)?|now)\s+(?:on\s+)?(?:with|to)\s+the\s+"
    r"(?:story|fic|chapter|show)|and\s+now,?\s+(?:on\s+with\s+)?the\s+(?:story|chapter|fic)"
    r"|without\s+further\s+ado|enjoy(?:\s+the\s+(?:chapter|story))?\s*[!.:]*\s*$)",
    re.IGNORECASE,
)
"""``On to the story!``, ``And now, the story:``, ``Without further ado…``, ``Enjoy!``: the
author hands over to the story; the note ends there."""
_HAND_OFF_WITHIN = 6


def hand_off_end(blocks: list[Block], i: int) -> int | None:
    """The end of a note at the top that the author closes by handing over to the story
    (``My first fic!`` / ``I may never finish it.`` / ``On to the story!``): the block after
    the hand-off, when it comes within :data:`_HAND_OFF_WITHIN` paragraphs with no break
    or heading before it; else None."""
    for j in range(i, min(len(blocks) - 1, i + _HAND_OFF_WITHIN)):
        block = blocks[j]
        if not isinstance(block, Paragraph) or not is_story(block):
            return None
        if _HAND_OFF_RE.match(text_of(block)):
            return j + 1
    return None


def told(blocks: list[Block]) -> bool:
    """Under a label alone at the end (``A/N:``, then the note): no break, no heading, and
    at least half of its paragraphs the author talking, however long they are."""
    if any(isinstance(b, SceneBreak | Heading) for b in blocks):
        return False
    said = [text_of(b) for b in blocks if isinstance(b, Paragraph)]
    talking = sum(1 for t in said if could_be_note(t) or note_score_text(t) > 0)
    return bool(said) and 2 * talking >= len(said)
