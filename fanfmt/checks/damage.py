"""Damage left where formatting was dropped: when italics are lost on a paste, their words go too.

* ``" could have been worse," he said.`` → F001 (a quote opens onto a space)
* ``He only said "" and left.`` → F002 (an empty quotation)
* ``It was ** the end.`` / ``<i></i>`` → F003 (empty emphasis)
* ``He wanted to see .`` / ``"I hate ," she said.`` → F004 (a space before closing punctuation)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fanfmt import rx
from fanfmt.chars import (
    ELLIPSIS,
    EM_DASH,
    EN_DASH,
    LEFT_DOUBLE_QUOTE,
    LEFT_SINGLE_QUOTE,
    RIGHT_DOUBLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.checks.base import Chapter, Finding, SourceParagraph, check

_DOUBLES = '"' + LEFT_DOUBLE_QUOTE + RIGHT_DOUBLE_QUOTE
_OPENING = '"' + "'" + LEFT_DOUBLE_QUOTE + LEFT_SINGLE_QUOTE
_OPEN_PUNCT = "([{" + EM_DASH + EN_DASH + "-"
_CLOSE_SINGLE = "'" + RIGHT_SINGLE_QUOTE
_AFTER_CLOSER = r"(?=$|[\s.,;:!?)\]" + EM_DASH + EN_DASH + ELLIPSIS + "-])"
EMPTY_QUOTE_RE = rx.compile(
    rf"(?:^|(?<=[\s{re.escape(_OPEN_PUNCT)}]))"
    rf"(?:[\"{LEFT_DOUBLE_QUOTE}]\s*[\"{RIGHT_DOUBLE_QUOTE}]|['{LEFT_SINGLE_QUOTE}]\s*['{RIGHT_SINGLE_QUOTE}])"
    + _AFTER_CLOSER
)
EMPTY_EMPHASIS_RE = rx.compile(
    r"(?<![*\w])\*\*(?![*\w])|(?<![_\w])__(?![_\w])"
    r"|<(i|em|b|strong|u|s)>\s*</\1>|\[(i|b|u|s)\]\s*\[/\2\]",
    re.IGNORECASE,
)
_NON_SPACE_RE = rx.compile(r"\S")
SPACE_BEFORE_PUNCT_RE = rx.compile(
    rf"(?<=[^\W_]) +([,.;:!?])(?!\.)(?! \.)(?=$|[\s\"'{RIGHT_DOUBLE_QUOTE}{RIGHT_SINGLE_QUOTE}!?])"
)


def _word_after(text: str, index: int) -> str:
    """``('" could have', 0)`` → ``'" could'``: the mark and the word after it."""
    m = re.match(r"\s*\S+", text[index + 1 : index + 200])
    return text[index : index + 1 + m.end()] if m else text[index : index + 200]


def _last_single_closer(text: str) -> int:
    """Where the last single quote that closes (no space before, no letter after) is, or -1."""
    for j in range(len(text) - 1, 0, -1):
        if text[j] in _CLOSE_SINGLE and not text[j - 1].isspace():
            nxt = text[j + 1] if j + 1 < len(text) else ""
            if not nxt.isalnum():
                return j
    return -1


def _opens_onto_space(p: SourceParagraph) -> Iterator[int]:
    """Where a quote opens onto a space before a word. One pass over the paragraph."""
    text = p.text
    doubles = 0  # double quotes before i
    last_closer: int | None = None  # found when first needed
    for i, ch in enumerate(text):
        if ch in _DOUBLES:
            doubles += 1
        if ch not in _OPENING or i + 1 >= len(text) or text[i + 1] != " ":
            continue
        prev = text[i - 1] if i else ""
        if prev and not (prev.isspace() or prev in _OPEN_PUNCT):
            continue
        word = _NON_SPACE_RE.search(text, i + 1)
        if word is None or not word.group().isalnum():
            continue
        if ch in _DOUBLES:
            if ch == '"' and (doubles - 1) % 2:
                continue  # an odd quote here closes: that is F004's business
            yield i
        else:
            if last_closer is None:
                last_closer = _last_single_closer(text)
            if i == 0 or last_closer > i:
                yield i


@check("F001", "quote-onto-space", "warning")
def quote_onto_space(chapter: Chapter) -> Iterator[Finding]:
    """A quotation mark opens onto a space: the word after it was probably lost with its italics.

    Example: ``" could have been worse," he said.`` (the first word was in italics)
    """
    for p in chapter.prose():
        for i in _opens_onto_space(p):
            shown = _word_after(p.text, i)
            yield p.at(i, f"quote opens onto a space, a word may be missing: {shown}")


@check("F002", "empty-quote", "warning")
def empty_quote(chapter: Chapter) -> Iterator[Finding]:
    """A quotation with nothing inside: the quoted words were probably lost.

    Example: ``He only said "" and left.``
    """
    for p in chapter.prose():
        for m in EMPTY_QUOTE_RE.finditer(p.text):
            yield p.at(m.start(), f"empty quotation {m.group()}: its words may be missing")


@check("F003", "empty-emphasis", "warning")
def empty_emphasis(chapter: Chapter) -> Iterator[Finding]:
    """Emphasis markers with nothing between them: the emphasised words were probably lost.

    Example: ``It was ** the end of it.``
    """
    for p in chapter.prose():
        for m in EMPTY_EMPHASIS_RE.finditer(p.text):
            yield p.at(m.start(), f"empty emphasis {m.group()}: its words may be missing")


def _closing_quote_after_space(p: SourceParagraph) -> Iterator[int]:
    text = p.text
    doubles = 0  # double quotes before i
    for i, ch in enumerate(text):
        if ch not in _DOUBLES:
            continue
        doubles += 1
        if i < 2 or text[i - 1] != " ":
            continue
        if not (text[i - 2].isalnum() or text[i - 2] in ",.!?"):
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt.isalnum():
            continue
        if ch == RIGHT_DOUBLE_QUOTE or (ch == '"' and (doubles - 1) % 2):
            yield i - 1


def _spaces_its_marks(lang: str) -> bool:
    """Does the language put a space before ``; : ! ?`` (French)?"""
    if lang == "en":
        return False
    from fanfmt.languages import typography

    typo = typography(lang)
    return typo is not None and bool(typo.before_punct)


@check("F004", "space-before-closing", "warning")
def space_before_closing(chapter: Chapter) -> Iterator[Finding]:
    """A space before closing punctuation or a closing quote: the word before it was lost.

    Example: ``He had never wanted to see .`` In a language that spaces its marks (French
    ``Où ?``, ``« mot »``) a space before ``; : ! ?`` or a closing quote is no finding.
    """
    spaced = _spaces_its_marks(chapter.document.convention.lang)
    for p in chapter.prose():
        found = [
            m.start()
            for m in SPACE_BEFORE_PUNCT_RE.finditer(p.text)
            if not (spaced and m.group(1) in ";:!?")
        ]
        if not spaced:
            found += list(_closing_quote_after_space(p))
        for i in sorted(set(found)):
            mark = p.text[i : i + 200].lstrip()[:1]
            before = p.text[max(0, i - 20) : i].split(" ")[-1]
            yield p.at(i, f"space before {mark!r} after {before!r}: a word may be missing")
