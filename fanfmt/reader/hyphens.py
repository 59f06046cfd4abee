"""Join the lines of a hard-wrapped paragraph, mending words the wrap broke at a hyphen.

* ``["the stu-", "dents left"]`` → ``"the students left"`` (``students`` is a word)
* ``["chronologi-", "cally"]`` → ``"chronologically"``, ``["un-", "daunted"]`` →
  ``"undaunted"`` (rarer words: one half is no word, or a prefix)
* ``["a half-", "nelson"]`` → ``"a half-nelson"``; ``["station-", "wagon"]`` → ``"station-wagon"``
  (the joined form is no word: a compound keeps its hyphen)
* ``["watching the X-", "Files"]`` → ``"watching the X-Files"``; ``["non-", "Muggle"]`` →
  ``"non-Muggle"`` (a capital after a prefix or a capital letter: a compound)
* ``["I was going to-", "What was that?"]`` → ``"I was going to- What was that?"`` (speech cut
  off: the ``dashes`` rule makes the em dash); ``["You-", "you can't"]`` → ``"You- you can't"``
* lines that do not end in a hyphen are joined with a space, as before

Whether a joined form is a word is looked up in the ``wordfreq`` list of English, imported
only when a line ends in a hyphen. Without it, every hyphen is kept (nothing is ever run
together on a guess).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from fanfmt import rx

_BROKEN_RE = rx.compile(r"(?<![-\w])(?:[^\W\d_]+-)*(?P<left>[^\W\d_]+)-$")
"""A line ending in a word and one hyphen: ``stu-``, ``merry-go-``; not ``--`` nor ``1990-``."""
_NEXT_RE = rx.compile(r"^(?P<right>[^\W\d_]+)")
_PREFIXES = frozenset(
    """anti non pre post un ex pro mid half semi all self neo pan sub super ultra trans inter
    pseudo counter over under out re de co multi""".split()
)
"""Prefixes that take a capitalised word: ``non-Muggle``, ``anti-American``, ``ex-Auror``."""
_TAIL = 120
"""How much of a line's end is read for the broken word."""
_WORD_ZIPF = 3.0
"""How common (Zipf scale) a joined form must be to count as a word: ``students`` is 5.3."""


_RARE_ZIPF = 1.4
"""A rarer joined form (``chronologically`` is 2.9, ``undaunted`` 2.7) is still a word when
a half is no word on its own (``chronologi-``) or the left half is a prefix (``un-``)."""
_PART_ZIPF = 2.0
"""A right half rarer than this is a fragment (``-metheus``), not a word of a compound."""


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """How common ``word`` is in English (Zipf scale); 0 when no word list is installed."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return float(zipf_frequency(word, "en"))


def is_word(word: str) -> bool:
    """``"students"`` → True; ``"halfnelson"`` → False (False when no word list is installed)."""
    return zipf(word) >= _WORD_ZIPF


def _broken_word(left: str, right: str) -> bool:
    """Do ``left-`` and ``right`` make one word the wrap broke?

    ``stu`` + ``dents`` → True (``students`` is common); ``chronologi`` + ``cally`` → True
    (rarer, but ``chronologi`` is no word); ``un`` + ``daunted`` → True (a prefix);
    ``half`` + ``nelson``, ``sabre`` + ``tooth`` → False (two words, a compound).
    """
    joined = f"{left}{right}".lower()
    if is_word(joined):
        return True
    if zipf(joined) < _RARE_ZIPF:
        return False
    low = left.lower()
    return low in _PREFIXES or not is_word(low) or zipf(right.lower()) < _PART_ZIPF


def _mend(before: str, after: str) -> str:
    """How to join ``before`` (a line's end, a hyphen) to ``after``: ``drop``/``keep``/``space``."""
    broken = _BROKEN_RE.search(before)
    nxt = _NEXT_RE.match(after)
    if broken is None or nxt is None:
        return "space"
    left, right = broken.group("left"), nxt.group("right")
    if left.lower() == right.lower():
        return "space"  # "You-" / "you can't": a word started again, not broken
    if right[0].isupper():
        if left.isupper() or left.lower() in _PREFIXES:
            return "keep"  # X-Files, non-Muggle
        return "space"  # "going to-" / "What was that?": cut off
    return "drop" if _broken_word(left, right) else "keep"


def join_lines(texts: list[str]) -> str:
    """The lines of one paragraph as one string (see the module's examples)."""
    if len(texts) == 1:
        return texts[0]
    if not any(text.endswith("-") for text in texts[:-1]):
        return " ".join(texts)
    parts = [texts[0]]
    for prev, text in pairwise(texts):
        how = _mend(prev[-_TAIL:], text) if prev.endswith("-") else "space"
        if how == "drop":
            parts[-1] = parts[-1][:-1]
        if how == "space":
            parts.append(" ")
        parts.append(text)
    return "".join(parts)
