"""Ornament rows, judged by the shape of the whole line: a short unit repeated, no word.

* ``oooooooooooooooooooooooo``, ``________``, ``-=-=-=-=-``, ``.:O:.:O:.:O:.`` → ornament rows
* ``+ + + + +``, ``~*~*~*~``, ``xXxXxXx`` → ornament rows
* ``hahahahaha``, ``nonono``, ``ooo``, ``xoxoxo``, ``...`` → not (a laugh, a word, a sound)

Used by the ``scene_breaks`` rule (a row is a break) and by the plain-text reader
(a row wrapped onto the lines of a paragraph starts a block of its own).
"""

from __future__ import annotations

from fanfmt import rx

_ORNAMENT_LETTERS = frozenset("oOxX0")
"""The only letters a row may use: ``oOo``, ``xXx``, ``0o0``; any other letter makes a word."""
_MAX_UNIT = 6
_SENTENCE_MARKS = frozenset(".…!?,;:'\"“”‘’")
_MAX_ROW = 200
"""A row is at most this many characters once its spaces are taken out."""
_NON_SPACE_RE = rx.compile(r"\S+")
_OTHER_LETTER_RE = rx.compile(rf"[^\W_{''.join(sorted(_ORNAMENT_LETTERS))}]")
"""A letter or digit (``str.isalnum``, which ``[^\\W_]`` matches exactly) not in
:data:`_ORNAMENT_LETTERS`: found at once in a line of prose."""


_DIGIT_ROW_RE = rx.compile(r"\s*(\d)(?:\s*\1){3,}\s*$")
"""One digit four times or more, spaces allowed: ``8888``, ``0 0 0 0 0``."""


def _unit(text: str) -> str | None:
    """The shortest unit that ``text`` repeats, more than twice (a partial unit may end it).

    ``"-=-=-=-"`` → ``"-="``; ``".:O:.:O:.:O:."`` → ``".:O:"``; ``"abc"`` → None.
    """
    n = len(text)
    for size in range(1, min(_MAX_UNIT, (n - 1) // 2) + 1):
        unit = text[:size]
        if all(text[i] == unit[i % size] for i in range(size, n)):
            return unit
    return None


def _squeezed(text: str) -> str | None:
    """``text`` without its spaces, or None when that is longer than a row can be.

    ``"+ + +"`` → ``"+++"``. A long line is read a run at a time and given up on past
    :data:`_MAX_ROW` characters (splitting a 4 MB line would build a string a word).
    """
    if len(text) <= _MAX_ROW:
        return "".join(text.split())
    runs: list[str] = []
    size = 0
    for m in _NON_SPACE_RE.finditer(text):
        size += m.end() - m.start()
        if size > _MAX_ROW:
            return None
        runs.append(m.group())
    return "".join(runs)


def is_ornament_row(text: str) -> bool:
    """``"oooooooooooo"`` → True; ``"_____"`` → True; ``"8888"`` → True; ``"hahaha"`` → False;
    ``"..."`` → False; ``"1984"`` → False.

    A row is at least three characters of a repeated unit (spaces between units are
    ignored) with no letter outside ``o``, ``x`` and ``0``. A row of one letter needs at
    least five of it (``ooo`` is a sound), a row of one digit four (``8888``; ``888`` may be
    a number said); sentence marks alone (``...``, ``!!!``) are no row.
    """
    if _DIGIT_ROW_RE.match(text):
        return True  # "8888": one digit four times or more is no number anyone writes
    if _OTHER_LETTER_RE.search(text):
        return False  # a word; no space is a letter, so the line's letters are the row's
    squeezed = _squeezed(text)
    if squeezed is None or len(squeezed) < 3:
        return False
    if set(squeezed) <= _SENTENCE_MARKS:
        return False  # "...", "!!!", "?!?!": punctuation, spoken
    unit = _unit(squeezed)
    if unit is None:
        return False
    if unit.isalnum() and len(unit) == 1:
        return len(squeezed) >= 5  # "ooooooooo" is a row; "ooo" is a sound
    if unit.isalnum():
        # "OoOoO", "0o0o0": one letter in two cases; "xoxoxo" is hugs and kisses
        return len(squeezed) >= 5 and len({c.lower() for c in unit} - {"0"}) <= 1
    return True
