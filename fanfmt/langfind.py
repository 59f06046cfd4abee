"""Which language a chapter is in, and how that was found.

In order, the first that answers:

* ``--lang fr`` / ``language = "fr"`` (``set``)
* the page: ``<html lang="es">``, an EPUB's ``dc:language``, the language an AO3 or
  FanFiction.Net page states (``Language: Español``) (``page``)
* the text itself (``detected``): a quick count of the commonest English words says
  English without loading anything; any other text goes to py3langid, which ships its
  own model (``pip install fanfmt[lang]``; without it the same count over a dozen
  languages decides). A text too short to tell is English, as before (``default``).

``find_language(doc, options)`` → ``("es", "detected")``. A page that names English keeps
the tag ``en`` (so an English chapter's output is the same whatever its page says).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from fanfmt import rx

SAMPLE_CHARS = 20_000
"""How much of the chapter's text the detector reads."""
QUICK_CHARS = 3_000
"""How much the count of common English words reads first (the whole sample if it is not
sure)."""
MIN_WORDS = 12
"""Fewer words than this: too short to tell (English, the default)."""

_WORD_RE = rx.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_HTML_LANG = r"<html\b[^>]*?\b(?:xml:)?lang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"
"""``<html lang="es">``: compiled only for a page (a ``.txt`` build never needs it)."""

_STOP: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and to of a was he she i you it that in his her is for with on had as not be at "
        "but they said what my me we this him there were have do don't i'm it's just so".split()
    ),
    "es": frozenset("de la que el en y los se del las un por con no una su para es lo al".split()),
    "fr": frozenset("de la le et les des est un une que en il elle pas je ne qui dans du".split()),
    "de": frozenset("der die und in den von zu das mit sich auf ist nicht ein ich sie er".split()),
    "it": frozenset("di che il la e per un non in una sono è del le mi lo si ma gli".split()),
    "pt": frozenset("de que e o a do da em um para não com uma os se na por mais".split()),
    "ru": frozenset("и в не на что я он с она как это но его по к у же ты".split()),
    "uk": frozenset("і в не на що я він з вона як це але його та до у ти".split()),
    "pl": frozenset("i w nie na się że z to jest do jak co ale tak już jego mnie".split()),
    "nl": frozenset("de het een en van ik je dat niet is op te zijn met hij ze".split()),
    "sv": frozenset("och att det som en på är av för med inte jag hon han till om".split()),
    "da": frozenset("og at det en den til er som på de med han af for ikke jeg hun".split()),
    "fi": frozenset("ja on ei se että hän oli en mutta kun niin minä sinä mitä".split()),
    "cs": frozenset("a se v na je že to s z do jsem by ale jak co jsi ne".split()),
}
_DETECTOR_MORE = ("en", "zh", "ja", "ko", "tr", "id", "vi", "hu", "ro", "el")
"""What the detector may answer beyond the languages of :mod:`fanfmt.languages`: the
languages fanfic is written in most."""
_ENGLISH_SHARE = 0.2
"""Of the words, the share that are common English ones for a text to be English at once."""
_ENGLISH_FLOOR = 0.12
"""A text whose common English words are this share of it, and more of it than the common
words of the language the detector says, is English all the same."""


def from_page(head: str, named: str = "") -> str:
    """The language a page states: its ``<html lang>`` (in ``head``, the page's start), or a
    language named in words (``Español``); ``""`` when none or an unknown one."""
    m = re.search(_HTML_LANG, head, re.I) if head else None
    if m:
        return m.group(1)
    if not named:
        return ""
    from fanfmt.languages import NAMES

    return NAMES.get(named.strip().lower(), "")


def _sample(texts: Iterator[str], pieces: list[str], limit: int) -> list[str]:
    """``pieces`` with more of ``texts`` added, up to about ``limit`` characters in all."""
    size = sum(map(len, pieces))
    while size < limit:
        text = next(texts, None)
        if text is None:
            break
        pieces.append(text)
        size += len(text)
    return pieces


def _words(pieces: list[str], limit: int) -> list[str]:
    """The words, lower-cased, of ``pieces`` up to about ``limit`` characters."""
    words: list[str] = []
    size = 0
    for text in pieces:
        words.extend(w.lower() for w in _WORD_RE.findall(text[: max(0, limit - size)]))
        size += len(text)
        if size >= limit:
            break
    return words


def _shares(words: list[str]) -> dict[str, float]:
    n = len(words) or 1
    return {lang: sum(w in stop for w in words) / n for lang, stop in _STOP.items()}


def detect(texts: Iterable[str]) -> tuple[str, str]:
    """(tag, how) from the text of the chapter's paragraphs (see the module)."""
    rest = iter(texts)
    pieces = _sample(rest, [], QUICK_CHARS)
    words = _words(pieces, QUICK_CHARS)
    if len(words) < MIN_WORDS:
        return "en", "default: too short to tell"
    for limit in (QUICK_CHARS, SAMPLE_CHARS):  # the start of the chapter is enough for English
        if limit != QUICK_CHARS:
            words = _words(_sample(rest, pieces, limit), limit)
        shares = _shares(words)
        english = shares["en"]
        best = max(shares, key=shares.__getitem__)
        if english >= _ENGLISH_SHARE and best == "en":
            return "en", "detected: common English words"
    found = _model(" ".join(words[:4000]))
    if found is None:  # no detector installed: the common words decide
        how = "detected: common words"
        return (best, how) if shares[best] >= _ENGLISH_SHARE / 2 else ("en", "default")
    other = shares.get(primary_tag(found), 0.0)
    if is_english(found) or (english >= _ENGLISH_FLOOR and english > other):
        return "en", "detected"
    return found, "detected"


def _model(text: str) -> str | None:
    """py3langid's answer for ``text``, or ``None`` when it is not installed."""
    identifier = _identifier()
    if identifier is None:
        return None
    lang, _ = identifier.classify(text)
    return str(lang)


@functools.cache
def _identifier() -> Any:
    """py3langid's identifier over fanfmt's languages, loaded once a process (a quarter
    of a second to unpack); ``None`` when py3langid is not installed."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    from fanfmt.languages import TABLE

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted({*TABLE, *_DETECTOR_MORE}))
    return identifier


def primary_tag(lang: str) -> str:
    """``"pt-BR"`` → ``"pt"``; ``"EN"`` → ``"en"``."""
    return lang.split("-", 1)[0].lower()


def is_english(lang: str) -> bool:
    """``en``, ``en-GB`` …"""
    return primary_tag(lang) == "en"


def settle(set_lang: str, page_lang: str, texts: Iterable[str]) -> tuple[str, str]:
    """(tag, how): the user's setting, else the page's, else the text's."""
    if set_lang != "auto":
        return set_lang, "set"
    if page_lang:
        return ("en" if is_english(page_lang) else page_lang), "page"
    return detect(texts)


__all__ = ["MIN_WORDS", "SAMPLE_CHARS", "detect", "from_page", "primary_tag", "settle"]
