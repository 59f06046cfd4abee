"""Notes the author sets apart by look or by talk: read by ``author_notes``.

* ``<p><em>Nota: …</em></p>`` / ``<p><em>Hola, aquí…</em></p>`` → :func:`dressed_alike`
  (every paragraph wholly in italics or bold, none speaking)
* ``Guest: thanks!`` / ``I hope you like it`` after a labelled note → :func:`note_like`
* ``Notes:`` alone, then what talks or is set as the note is → :func:`goes_on`
"""

from __future__ import annotations

from fanfmt.model import Block, Emphasis, Paragraph, Strong, Text, is_story
from fanfmt.patterns import DIALOGUE
from fanfmt.rules._talk import NOTE_MAX_WORDS, could_be_note, talks
from fanfmt.rules._text import text_of


def note_like(blocks: list[Block]) -> bool:
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
        if not could_be_note(text) or len(text.split()) > NOTE_MAX_WORDS:
            return False
        if talks(block, text):
            talking += 1
    return 2 * talking >= len(paragraphs)


def dressed_alike(blocks: list[Block]) -> bool:
    """A labelled paragraph and the ones under it, up to a gap, all set wholly in italics
    (or bold) and none speaking: the author's note as a page sets it apart, whatever its
    language (``Advertencia 1: …`` / ``Hola, aquí está el capítulo…`` / ``...``)."""
    return all(
        isinstance(b, Paragraph) and is_story(b) and wholly_marked(b) and could_talk(b)
        for b in blocks
    )


def wholly_marked(p: Paragraph) -> bool:
    """Every word of ``p`` is inside emphasis or bold: ``<p><em>Nota: …</em></p>``."""
    inner = [c for c in p.children if not (isinstance(c, Text) and not c.text.strip())]
    return bool(inner) and all(isinstance(c, Emphasis | Strong) for c in inner)


def could_talk(p: Paragraph) -> bool:
    """No dialogue and not overlong: a paragraph an author's note can hold."""
    text = text_of(p)
    return not DIALOGUE.search(text) and len(text.split()) <= 3 * NOTE_MAX_WORDS


def goes_on(above: Block, block: Block, text: str) -> bool:
    """Does a note under its label (``Notes:`` alone) go on to ``block``, with no gap
    between? If it talks, or is set as the paragraph above it is (all in bold) and holds
    no speech. ``Notes:`` / ``Set after book two.`` / ``Thanks!`` → True at the thanks;
    ``Irene sat down…`` → False."""
    if not isinstance(block, Paragraph):
        return False
    if talks(block, text):
        return True
    return isinstance(above, Paragraph) and dressed_alike([above, block])
