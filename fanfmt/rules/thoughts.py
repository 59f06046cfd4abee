"""Mark a character's thoughts, written however the chapter writes them.

* single-quote thoughts (american dialogue): ``'Not again.'`` outside dialogue → thought;
  in a chapter whose thoughts are in italics, a single quotation followed by ``I thought``
  is a thought too
* ``*Not again.*`` / ``_Not again._`` when the chapter writes thoughts that way → thought;
  a single stressed word (``a *very* bad idea``) stays emphasis
* a single quotation inside dialogue is a nested quotation, never a thought
* a one-word scare quote mid-sentence (``the so-called 'hero' came``) stays a quotation
  (quote marks, not dialogue); so does what is read, said or called by name
  (``the headline read 'BOY WHO LIVED'``, ``sounded like 'bloody hell'``)
* a legend line ``'Thoughts'`` shows in italics, as the thoughts will
* british dialogue: single quotes are speech, never thoughts
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fanfmt.lexicon import MENTION_WORDS as _MENTION_WORDS
from fanfmt.model import Emphasis, Inline, Paragraph, Quoted, Strong, Text, Thought
from fanfmt.rules.conventions import CUE_BEFORE_RE, THOUGHT_CUE_RE
from fanfmt.rules.table import Context, Where
from fanfmt.walk import plain_text


def _thoughtish(children: tuple[Inline, ...]) -> bool:
    """A quoted span that can be a thought: ``'Not again.'``, ``'Run'`` at a sentence start."""
    text = plain_text(children).strip()
    return len(text.split()) >= 2 or text[-1:] in ".?!…—"


def _sentence(children: tuple[Inline, ...], after: str, before: str = "") -> bool:
    """Italics that read as a thought rather than a title or a stressed word.

    ``*I should go.*`` and ``_Walk away,_ said the voice`` yes; ``_Kestrel Nine_`` and
    ``*really*`` no.
    """
    text = plain_text(children).strip()
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return False  # *BANG. BANG.* is a sound, not a thought
    if text[-1:] in ".?!…—,":
        return (
            len(text.split()) >= 2
            or text[-1:] in "?!"
            or bool(THOUGHT_CUE_RE.match(after))
            or (_preceded_by_sentence_start(before) and text[-1:] != ",")
        )
    return len(text.split()) >= 5 or bool(THOUGHT_CUE_RE.match(after))


def reads_as_thought(node: Thought, before: Sequence[str], following: Inline | None) -> bool:
    """True when ``node`` written ``*…*``, after the text ``before`` and before the node
    ``following``, is read back as a thought (the Markdown writer writes it ``_…_`` where
    it would not): a thought in single quotes need not read as a sentence, ``*…*``
    italics must. ``'I should go.'`` yes; a whole paragraph ``'not yet'`` no."""
    if node.marker != "single":
        return True
    after = following.text if isinstance(following, Text) else ""
    text = plain_text(node.children).strip()
    return bool(text) and _sentence(node.children, after, "".join(before)[-24:])


def _mention(children: tuple[Inline, ...], before: str) -> bool:
    """A quotation rather than a thought: a headline read, a word said or called by name.

    ``the headline read 'BOY WHO LIVED'``, ``sounded like 'bloody hell'``, ``a sign
    saying 'Keep Out.'``: the word before the quote says what is quoted, or the
    quotation is in capitals (a sign, a headline).
    """
    words = before.split()
    if words and words[-1].strip(",:;").lower() in _MENTION_WORDS:
        return True
    text = plain_text(children)
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _cued(before: str, after: str) -> bool:
    """``'…,' I thought`` or ``I thought, '…'``: a thought cue next to the quotation."""
    return THOUGHT_CUE_RE.match(after) is not None or CUE_BEFORE_RE.search(before) is not None


def _preceded_by_sentence_start(before: str) -> bool:
    tail = before.rstrip()
    return tail == "" or tail[-1] in '.?!…—:;"”’)' or before.endswith(("\n",))


def _tail(node: Inline) -> str:
    """The last few characters of a node's text (what comes just before the next node)."""
    return (node.text if isinstance(node, Text) else plain_text((node,)))[-24:]


def _walk(
    children: tuple[Inline, ...], style: str, in_dialogue: bool, american: bool = True
) -> tuple[Inline, ...]:
    """Rewrite ``children``; the same tuple comes back when nothing changed."""
    out: list[Inline] = []
    changed = False
    for index, node in enumerate(children):
        if isinstance(node, Text):
            out.append(node)
            continue
        before = "".join(_tail(c) for c in children[max(0, index - 2) : index])[-24:]
        following = children[index + 1] if index + 1 < len(children) else None
        after = following.text if isinstance(following, Text) else ""
        new: Inline
        match node:
            case Quoted() if (
                (style == "single" or (american and _cued(before, after)))
                and node.kind == "single"
                and node.dialogue
                and not node.curly
                and not in_dialogue
                and (_thoughtish(node.children) or _preceded_by_sentence_start(before))
                and not _mention(node.children, before)
            ):
                new = Thought(_walk(node.children, style, True, american), "single")
            case Quoted() if style == "single" and node.kind == "single" and not node.dialogue:
                # a legend entry: 'Thoughts' shows as the story will show thoughts
                new = Emphasis(_walk(node.children, style, True, american), "*")
            case Quoted():
                inner = _walk(node.children, style, in_dialogue or node.dialogue, american)
                scare = (american or style in ("single", "quotations")) and node.kind == "single"
                dialogue = node.dialogue and not (scare and not in_dialogue)
                if inner is node.children and dialogue == node.dialogue:
                    new = node
                else:
                    new = replace(node, children=inner, dialogue=dialogue)
            case Emphasis() if (
                not in_dialogue
                and (
                    (style == "asterisk" and node.marker == "*")
                    or (style == "underscore" and node.marker == "_")
                )
                and _sentence(node.children, after, before)
            ):
                new = Thought(node.children, "asterisk" if node.marker == "*" else "underscore")
            case Emphasis() | Strong() | Thought():
                inner = _walk(node.children, style, in_dialogue, american)
                new = node if inner is node.children else replace(node, children=inner)
            case _:
                new = node
        changed = changed or new is not node
        out.append(new)
    return tuple(out) if changed else children


def paragraph(p: Paragraph, where: Where, ctx: Context) -> Paragraph:
    """Turn thought-marked spans into :class:`Thought` nodes."""
    style: str = where.convention.thoughts
    american = where.convention.quotes == "american"
    if where.convention.quotes == "british":
        if style in ("single", "none"):
            return p
    elif style == "none":
        style = "quotations"  # american, no thoughts: single quotes outside speech are quotations
    if p.role in ("caption", "metadata", "byline"):
        return p  # _Naruto's P.O.V._ is a caption in italics, not a thought
    children = _walk(p.children, style, False, american)
    return p if children is p.children else replace(p, children=children)
