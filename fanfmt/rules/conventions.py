"""Detect how the chapter marks speech and thought, before any quote is touched.

* ``"Run!" he said.`` … ``'Not again.'`` → american dialogue, 'single-quote' thoughts
* ``'Run!' he said. 'He told me "no".'`` → british dialogue (single quotes are speech)
* ``"Run!" … *Not again.*`` → american dialogue, *asterisk* thoughts
* ``--quotes``/``--thoughts`` (options) override what is detected
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.lexicon import (
    LANG_SPEECH_VERBS,
    LANG_THOUGHT_VERBS,
    SAYING_VERBS,
    SPEECH_VERBS,
    THOUGHT_VERBS,
)
from fanfmt.model import Convention, Document, Paragraph
from fanfmt.patterns import ELISION, alternatives
from fanfmt.rules._text import text_of
from fanfmt.rules.table import Context
from fanfmt.walk import iter_paragraphs

# Each pattern starts with the quote it looks for, so the engine can skip ahead to it; the
# whole chapter is searched at once, one paragraph a line.
_OPEN_DOUBLE_RE = rx.compile(r"[\"“](?<![^\s(\[—–-][\"“])(?=\S)")
_OPEN_SINGLE_RE = rx.compile(r"['‘](?<![^\s(\[—–-]['‘])(?=[^\W\d_]|\.\.|…)")
_INNER = r"(?:[^'’‘\n]|(?<=\w)['’](?=\w))"
_SENTENCE_SPAN_RE = rx.compile(rf"['‘](?=[^\w\n'’]*\w){_INNER}{{0,600}}?[.!?…,—-]['’](?!\w)")
"""A single-quoted span that reads as a sentence: ``'Not again.'``, ``'Wait a minute, how-'``.

It is followed for 600 characters at most, and one pass finds it: a line of ``‘a ‘a ‘a …``
took time growing with the cube of its length with two open-ended searches."""
_THOUGHT_VERB = alternatives(THOUGHT_VERBS)
CUE_BEFORE_RE = rx.compile(
    rf"\b(?:{_THOUGHT_VERB}|asked (?:him|her|them|my)sel(?:f|ves))[^\S\n]*[,:]?[^\S\n]*\Z",
    re.IGNORECASE,
)


def _speech_tag(verbs: frozenset[str]) -> str:
    verb = f"(?:{alternatives(verbs)})"
    return (
        rf"[^\S\n]+(?:(?:he|she|they|I|we|it|[A-Z][a-z]+)[^\S\n]+{verb}\b"
        rf"|{verb}[^\S\n]+(?:he|she|they|I|we|(?:the[^\S\n]+)?[A-Z][a-z]+)\b)"
    )


def _tag_re(marks: str) -> re.Pattern[str]:
    """A closing quote and a speech tag after it: any speech verb after ``,!?…-``, and only a
    verb of saying after a full stop (``SAYING_VERBS``)."""
    return rx.compile(
        f"[{marks}](?:(?<=[,!?…-][{marks}]){_speech_tag(SPEECH_VERBS)}"
        f"|(?<=\\.[{marks}]){_speech_tag(SAYING_VERBS)})"
    )


def _lang_tag_re(marks: str, lang: str) -> re.Pattern[str] | None:
    """A closing quote and a tag in another language (:data:`LANG_SPEECH_VERBS`), the comma
    before the quote or after it, a dash after that as Russian writes one: ``'Ja', sagte
    er``, ``'Kom je?' vroeg Anna``, ``"Да", — сказал он``, ``'Oui,' il dit``."""
    words = LANG_SPEECH_VERBS.get(lang.split("-")[0].lower())
    if words is None:
        return None
    verb = f"(?:{alternatives(frozenset(words.split()))})"
    return re.compile(
        f"[{marks}](?:(?<=[,!?…-][{marks}])|,)(?:[^\\S\n]*[—–-])?[^\\S\n]+"
        f"(?:[^\\W\\d_]+[^\\S\n]+)?{verb}(?![^\\W\\d_])",
        re.IGNORECASE,
    )


_SINGLE_TAG_RE = _tag_re("'’")
_DOUBLE_TAG_RE = _tag_re('"”')
_NESTED_DOUBLE_RE = rx.compile(r"'(?<![^\s]')[^'\"\n]*\s\"[^\"\n]+\"[^'\n]*'")
_LANG_THOUGHT = alternatives(frozenset(w for ws in LANG_THOUGHT_VERBS.values() for w in ws))
_THOUGHT_CUE = (
    r"[^\S\n]*,?[^\S\n]*(?:(?:he|she|they|I|[A-Z][a-z]+)[^\S\n]+"
    rf"(?:{_THOUGHT_VERB}|told[^\S\n]+(?:him|her|them|my|your)sel(?:f|ves))"
    r"|(?:said|whispered|says)[^\S\n]+(?:a|the)[^\S\n]+(?:\w+[^\S\n]+)?voice"
    rf"|[—–-]?[^\S\n]*(?:{_LANG_THOUGHT})(?![^\W\d_]))"
)
THOUGHT_CUE_RE = rx.compile(_THOUGHT_CUE)
_ASTERISK_RE = rx.compile(r"\*(?<![*\w]\*)(?=[^\s*])([^*\n]{2,}?)(?<=[^\s*])\*(?![*\w])")
_UNDERSCORE_RE = rx.compile(r"_(?<![_\w]_)(?=[^\s_])([^_\n]{2,}?)(?<=[^\s_])_(?![_\w])")


def _by_first(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    r"""``pattern``, which starts with a class of characters, as one pattern for each of them:
    ``["“](?=\S)`` → ``"(?=\S)``, ``“(?=\S)``. A pattern that starts with one character
    is found by a quick search for it; one that starts with a class is tried at every
    character of the chapter, three to ten times slower."""
    head = re.match(r"\[([^\]\\]|\\.)+\]", pattern.pattern)
    assert head is not None, pattern.pattern
    rest = pattern.pattern[head.end() :]
    firsts = re.findall(r"\\(.)|(.)", head.group()[1:-1])
    return tuple(rx.compile(re.escape(a or b) + rest, pattern.flags) for a, b in firsts)


def _matches(split: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    """Every match of the patterns in ``split`` (:func:`_by_first`), in the text's order: as
    ``finditer`` of the pattern they were split from finds them, when a match holds no other
    of its first characters after its own (so that no two can overlap)."""
    found = [m for pattern in split for m in pattern.finditer(text)]
    found.sort(key=lambda m: m.start())
    return found


def _count(split: tuple[re.Pattern[str], ...], text: str) -> int:
    """``len(pattern.findall(text))`` for the pattern ``split`` was split from."""
    return sum(len(pattern.findall(text)) for pattern in split)


_OPEN_DOUBLES = _by_first(_OPEN_DOUBLE_RE)
_OPEN_SINGLES = _by_first(_OPEN_SINGLE_RE)
_SINGLE_TAGS = _by_first(_SINGLE_TAG_RE)
_DOUBLE_TAGS = _by_first(_DOUBLE_TAG_RE)


def _thoughtish(span: str) -> bool:
    return len(span.split()) >= 3 or span.rstrip()[-1:] in ".?!…"


def _italics(pattern: re.Pattern[str], text: str) -> tuple[int, int]:
    """(thought-like spans, spans followed by a thought cue) for ``*…*`` or ``_…_``."""
    found = cued_count = 0
    for m in pattern.finditer(text):
        cued = THOUGHT_CUE_RE.match(text, m.end()) is not None
        if cued or _thoughtish(m.group(1)):
            found += 1
            cued_count += cued
    return found, cued_count


_CUE_REACH = 200
"""How far before a single quote a cue is looked for (``she thought,`` is right before it)."""


def _singles(text: str) -> tuple[int, int]:
    """(single-quote openers that are not elisions, those that read as a thought)."""
    singles = thoughtlike = 0
    for m in _matches(_OPEN_SINGLES, text):
        if ELISION.match(text, m.start()):
            continue
        singles += 1
        span = _SENTENCE_SPAN_RE.match(text, m.start())
        if span is None:
            continue
        # what comes before the quote on its line; a cue ("she thought,") is near it
        line_start = text.rfind("\n", max(0, m.start() - _CUE_REACH), m.start()) + 1
        before = text[max(line_start, m.start() - _CUE_REACH) : m.start()].rstrip()
        starts = not before or before[-1] in '.!?…”"'
        if starts or THOUGHT_CUE_RE.match(text, span.end()) or CUE_BEFORE_RE.search(before):
            thoughtlike += 1
    return singles, thoughtlike


def detect(paragraphs: list[Paragraph], lang: str = "en") -> Convention:
    """Guess the convention of ``paragraphs`` (see the module docstring); in a chapter not in
    English, its language's speech verbs count too (``'Ja', sagte er`` is British)."""
    text = "\n".join(text_of(p).replace("\n", " ") for p in paragraphs)
    doubles = _count(_OPEN_DOUBLES, text)
    singles, thoughtlike = _singles(text)
    single_tags = _count(_SINGLE_TAGS, text)
    double_tags = _count(_DOUBLE_TAGS, text)
    if lang != "en":
        single_lang, double_lang = _lang_tag_re("'’", lang), _lang_tag_re('"”', lang)
        if single_lang is not None and double_lang is not None:
            single_tags += len(single_lang.findall(text))
            double_tags += len(double_lang.findall(text))
    nested = len(_NESTED_DOUBLE_RE.findall(text))
    asterisk, _ = _italics(_ASTERISK_RE, text)
    underscore, underscore_cued = _italics(_UNDERSCORE_RE, text)

    british_score = 2 * (single_tags + nested) + max(0, singles - doubles)
    american_score = 2 * double_tags + max(0, doubles - singles)
    british = single_tags + nested > 0 and british_score > american_score
    quotes = "british" if british else "american"
    thoughts: str
    if quotes == "british":
        if asterisk >= underscore and asterisk > 0:
            thoughts = "asterisk"
        elif underscore > 0 and underscore_cued > 0:
            thoughts = "underscore"
        else:
            thoughts = "none"
    elif asterisk >= 2 and asterisk >= singles:
        thoughts = "asterisk"
    elif underscore_cued > 0 and underscore >= singles:
        thoughts = "underscore"
    elif thoughtlike and thoughtlike >= 0.02 * doubles:
        thoughts = "single"
    elif asterisk > 0:
        thoughts = "asterisk"
    else:
        thoughts = "none"
    return Convention(quotes, thoughts, detected=True)  # type: ignore[arg-type]


def _language(doc: Document, lang: str) -> str:
    """The chapter's language: as set, as found when it was read, else from its text."""
    if lang != "auto":
        return lang
    if doc.meta.lang_found:
        return doc.meta.lang
    from fanfmt.langfind import detect

    return detect(text_of(p) for p in iter_paragraphs(doc))[0]


def apply(doc: Document, ctx: Context) -> Document:
    """Record the detected (or forced) convention on the document."""
    opts = ctx.options
    lang = _language(doc, opts.lang)
    found = detect(list(iter_paragraphs(doc)), lang)
    quotes = found.quotes if opts.quotes == "auto" else opts.quotes
    thoughts = found.thoughts if opts.thoughts == "auto" else opts.thoughts
    forced = opts.quotes != "auto" or opts.thoughts != "auto"
    if opts.quotes != "auto" and opts.thoughts == "auto" and quotes == "british":
        thoughts = "none" if found.thoughts == "single" else found.thoughts
    marks, dashes = "", False
    typo = None
    if lang != "en":  # English: the tables of other languages are not even imported
        from fanfmt.languages import typography

        typo = typography(lang)
    if typo is not None:
        from fanfmt.rules.lang_marks import opens_with_dash
        from fanfmt.rules.quotes.typed import style as typed_style

        story = [p for p in iter_paragraphs(doc) if p.role == "text"]
        marks = typed_style("\n".join(text_of(p) for p in story), typo)
        dashes = sum(opens_with_dash(text_of(p)) for p in story) >= max(2, len(story) // 20)
    convention = Convention(
        quotes, thoughts, detected=not forced, marks=marks, dashes=dashes, lang=lang
    )
    return replace(doc, convention=convention)
