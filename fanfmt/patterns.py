"""Named patterns shared by the rules and the checks, built from :mod:`fanfmt.lexicon`.

Each pattern has match and no-match cases in ``tests/fixtures/patterns.txt``, so that a
change to what counts as an A/N label or a chapter line shows up as a fixture diff.

>>> bool(NOTE_LABEL.match("A/N: Thanks for reading!"))
True
>>> CHAPTER_LINE.match("Chapter 12: The Long Road").group("number")
'Chapter 12'

The label patterns differ on purpose, each for the question it answers:

* :data:`NOTE_LABEL`: a paragraph that starts with a note's label (``A/N:``, ``Notes:``,
  ``P.S.:``, ``Author's Note``, ``End notes`` alone);
* :data:`NOTE_LABEL_ALONE`: the label alone on its line, the note below it;
* :data:`AN_LABEL`: only ``A/N``, ``A.N.``, ``AN:`` and ``Author's Note``: a disclaimer
  that starts ``Notes:`` is still a disclaimer at the top;
* :data:`NOTE_START`: ``A/N``, ``Author's Notes`` or ``Notes`` as a first word: never a
  story's title (``Notes on a Scandal`` is not one either, at the top);
* :data:`OTHER_LABEL`, :data:`AO3_LABEL`, :data:`AO3_LANDMARK`: the other labels of an
  AO3 page pasted as text.

Patterns are compiled when this module is imported, which only the rules and checks do
(``import fanfmt.cli`` does not load it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fanfmt import rx
from fanfmt.chars import ELLIPSIS
from fanfmt.lexicon import (
    CHAPTER_WORDS,
    ELISIONS,
    LANG_COLON_LABELS,
    LANG_DISCLAIMERS,
    LANG_NOTE_LABELS,
    METADATA_FIELDS,
    NUMBER_WORDS,
    OTHER_LABELS,
    SECTION_WORDS,
    TIME_WORDS,
)


def alternatives(words: Iterable[str]) -> str:
    """``{"said", "asked"}`` → ``"asked|said"``: a regex alternation of the words.

    A set is ordered longest word first (then alphabetically), so the order is fixed; a
    tuple or list keeps its own order, which matters where one word begins another.
    """
    if isinstance(words, frozenset | set):
        words = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in words)


_I = re.IGNORECASE

# -- author's notes ---------------------------------------------------------------------

_A_SLASH_N = r"a\s*/\s*n"
"""``A/N``, ``a / n``."""
_A_DOT_N = r"a\.n\."
"""``A.N.``."""
_AN_DASH = r"(?-i:AN)(?=\s*[–—]|\s*-+\s)"
"""``AN—it's new``, ``AN- it's new``: capital ``AN`` before a dash, or a hyphen and a space
(``An—an elephant`` is speech, ``AN-type`` a word)."""

_LABELS = {w for words in LANG_NOTE_LABELS.values() for w in words}
_COLON = frozenset(LANG_COLON_LABELS | {w.replace("'", "’") for w in LANG_COLON_LABELS})
_LABELS |= {w.replace("'", "’") for w in _LABELS}  # l'auteur, l’auteur
_LANG_LABEL = (
    rf"(?:{alternatives(frozenset(w for w in _LABELS if w not in _COLON))})(?=\W|$)"
    rf"|(?:{alternatives(frozenset(w for w in _LABELS if w in _COLON))})"
    r"(?:\s*\d{1,2})?(?=\s*[:\-–—]|\W{0,3}$)"
)
"""A note's label in another language (:data:`fanfmt.lexicon.LANG_NOTE_LABELS`):
``Nota de la autora``, ``Anmerkung``; ``N/A`` and the like only before a colon or alone."""

NOTE_LABEL = rx.compile(
    rf"^\W{{0,3}}(?:{_LANG_LABEL}|{_A_SLASH_N}|{_A_DOT_N}|an(?=\s*:)|{_AN_DASH}"
    r"|author['’]?s?['’]?\s*notes?|authors?\s*notes?"
    r"|(?:(?:end(?:ing)?|closing|final)\s+)?notes?(?=\s*:)|p\.?s\.?(?=\s*:)"
    r"|(?:content|trigger)\s+warnings?(?=\s*:)|(?-i:CW|TW)(?=\s*:)"
    r"|question\s+of\s+the\s+(?:day|week|chapter)(?=\s*:)|(?-i:QOTD)(?=\s*:)"
    r"|(?:chapter\s+)?(?:end\s+)?notes?(?=\W{0,3}$))"
    r"\s*[:\-–—)]?",
    _I,
)
"""A paragraph that starts with a note's label: ``A/N: Thanks``, ``(AN: …)``, ``Notes:``,
``End note: thanks``, ``Content warning: …``, ``TW: …``, ``Question of the day: …``,
``P.S.: …``, ``Author's Note``, ``Chapter End Notes`` alone; ``Nota de la autora:``,
``N/A:``, ``Anmerkung:`` in another language."""

NOTE_LABEL_ALONE = rx.compile(
    rf"^\W{{0,3}}(?:{_LANG_LABEL}|{_A_SLASH_N}|author['’]?s?\s*notes?"
    r"|(?:chapter\s+)?(?:end\s+)?notes?)\W{0,3}$",
    _I,
)
"""A note's label alone on its line (``Notes:``, ``~A/N~``): the note is what follows."""

_AN = (
    rf"\W{{0,3}}(?:{_LANG_LABEL}|{_A_SLASH_N}|{_A_DOT_N}|an\s*:|{_AN_DASH}"
    r"|author['’]?s?\s+notes?)"
)
AN_LABEL = rx.compile("^" + _AN, _I)
"""Only ``A/N``, ``A.N.``, ``AN:`` or ``Author's Note`` at the start: narrower than
:data:`NOTE_LABEL`, so that ``Notes: I don't own Naruto`` at the top is a disclaimer."""

NOTE_START = rx.compile(rf"^\W*(?:{_LANG_LABEL}|{_A_SLASH_N}|author['’]?s?\s+notes?|notes?)\b", _I)
"""``A/N``, ``Author's Notes``, ``Notes`` as the first word: the line is not a title."""

OTHER_LABEL = rx.compile(rf"^\W{{0,3}}(?:{alternatives(OTHER_LABELS)})\W{{0,3}}$", _I)
"""``Summary:`` or ``Chapter Text`` alone: a label, but not a note's (it ends one)."""

PS_LABEL = rx.compile(r"^\W{0,3}(?:p\.?\s?s\.?|edit|update|disclaimer)\b", _I)
"""``P.S.``, ``Edit:``, ``Update:``, ``Disclaimer``: more of a labelled note."""

AO3_LABEL = rx.compile(
    r"^\W{0,3}(summary|chapter summary|notes?|author['’]?s? notes?|chapter text)\W{0,3}$", _I
)
"""A label alone on its line, as an AO3 page pasted as text has them (group 1: the label)."""

AO3_LANDMARK = rx.compile(r"^\W{0,3}chapter text\W{0,3}$", _I)
"""``Chapter Text``: AO3's landmark, where the story starts."""

REVIEW_REPLY = rx.compile(r"^[\w .'-]{2,30}:\s")
"""``Guest: Thanks!``: an answer to a review, as authors put them in notes."""

NAMED_REPLY = rx.compile(
    r"^\W{0,2}(?:(?:to|re|@)\s*)?(?P<name>[A-Z][\w.'’]{1,24}(?:\s[A-Z0-9][\w.'’]{0,24})?)"
    r"\s*(?::|\s[-–—]+|\s?[-–—]{2})\s*\S"
)
"""``Jayde - really?``, ``Guest: thanks!``, ``To Kira: …``: a reviewer's name, then the
answer (case-sensitive: a name has a capital)."""

# -- dialogue ---------------------------------------------------------------------------

DIALOGUE = rx.compile(
    r"(?:^|\s)[\"“][^\"”]*[,.!?…—-][\"”]"
    r"|(?:^|\s)['‘][^\W\d_][^\n]{0,1000}?[,.!?…—-]['’](?!\w)"
)
"""Speech in either convention: ``"Run," he said`` or ``'Where've you been?' Ron asked``
(a quoted title, ``"Clair de Lune"``, with no punctuation inside, is not speech). A single
quote is followed for 1,000 characters at most: a paragraph of ``'a 'a 'a …`` would
otherwise take time growing with the square of its length."""

# -- front matter -----------------------------------------------------------------------

_NUMBER = alternatives(NUMBER_WORDS)
_CJK_COUNT = r"第[\d一二三四五六七八九十百千零\u3007两]+"
_CJK_NUMBER = (
    rf"(?:{_CJK_COUNT}[卷部篇集]\s*)?{_CJK_COUNT}[章回节節话話幕]"
    r"|제\s?\d+\s?[장화]|(?:序幕|序章|楔子|引子|尾声|尾聲|番外篇?|后记|後記|终章|終章"
    r"|プロローグ|エピローグ)(?=[\s:\uff1a·・]|$)"
)
"""A chapter's number or name in Chinese, Japanese or Korean: ``第一卷第一章``, ``第12回``,
``第3話``, ``제1장``, ``序幕`` (a prologue), ``番外`` (an extra). A volume's line alone
(``第一卷 · 废城求生``) is not a chapter's: the chapter's own line follows it."""

CHAPTER_LINE = rx.compile(
    rf"^(?P<number>(?:{alternatives(CHAPTER_WORDS)})\s*"
    rf"(?:\d+|[ivxlcdm]+\b|(?:{_NUMBER})(?:[- ](?:{_NUMBER}))?)"
    rf"|{alternatives(SECTION_WORDS)}|{_CJK_NUMBER})"
    r"\s*(?:[:.\-–—|\uff1a·・]+\s*|\s+(?=\S))?(?P<title>.*)$",
    _I,
)
"""``Chapter 12: The Long Road`` (groups ``number``, ``title``), ``CHAPTER IV.``,
``Ch. 3 - Title``, ``Prologue``, ``第一卷第一章 黑夜与铁骑``."""

DISCLAIMER = rx.compile(
    rf"^(?!{_AN})"  # an A/N is a note, even one that says "I don't own the song"
    r"(?!\s*[\"“„«])"  # and speech is story: "I don't own a coat," she said.
    r"(?:\W*disclaimer\b|.{0,40}\b(?:i|we)\s+(?:do\s+not|don['’]t|dont|never)\s+own\b"
    r"|.{0,40}\b(?:i|we)\s+own\s+(?:nothing|none|zip|zilch|nada|no\s?(?:one|thing))\b"
    r"|\W*(?:the\s+)?(?:usual|standard|normal|same\s+old)\s+disclaimers?\b"
    r"|(?:[A-Z][\w.'’-]*\s+){1,3}owns?\b(?=.{0,80}$)"  # Stephenie Meyer owns Twilight.
    r"|.{0,80}\b(?:is|are)\s+(?:not\s+)?(?:the\s+)?(?:sole\s+|exclusive\s+)?property\s+of\b"
    r"|.{0,80}\bused\s+without\s+permission\b"
    r"|.{0,80}\b(?:copyright(?:s|ed)?|infringement)\b|\W*(?:\(c\)|©)\s*\S"
    r"|.{0,200}\b(?:copyrights?|disclaimers?)\s+apply\b"
    r"|\W*all\s+rights\s+reserved\b"
    r"|\W*(?:(?:sadly|alas|still|they['’]?re|they\s+are|it['’]?s|it\s+is|all)[,.!]?\s+)?"
    r"not\s+mine(?:\W|$)(?!\s*(?:to|for|any\s?more)\b)(?=.{0,80}$)"
    r"|.{0,80}\bbelongs?\s+to\s+(?:(?-i:[A-Z\d])|(?:their|its|the)\s+(?:respective\s+)?"
    r"(?:owners?|creators?|authors?)\b)(?=.{0,120}$)"
    rf"|.{{0,40}}\b(?:{'|'.join(w for words in LANG_DISCLAIMERS.values() for w in words)}))",
    _I,
)
"""``Disclaimer: …``, ``I don't own Harry Potter``, ``I own nothing``, ``Usual disclaimers
apply``, ``Naruto belongs to Kishimoto``, ``X and Y are the property of Z``, ``All
characters used without permission``, ``Characters copyright …``, ``(c) 1998 …``,
``Los personajes no me pertenecen`` (and the other languages' words:
:data:`fanfmt.lexicon.LANG_DISCLAIMERS`),
``No copyright infringement intended``, ``Not mine``. ``The house belonged to her
grandmother.`` is story: past tense, and nobody who owns a copyright."""

OWNERSHIP_CLAIM = rx.compile(
    r"\b(?:i|we)\s+(?:do\s+not|don['’]t|dont|never)\s+own\b"
    r"|\bdon['’]?t\s+sue\b|\bplease\s+do\s+not\s+sue\b",
    _I,
)
"""The author disowning the characters anywhere in a paragraph (searched, not matched):
``Okay, my first fic. I do not own them, so don't sue me.`` Only an opening paragraph
over the title is read by it (:func:`fanfmt.rules._top.read_top`): in the story, ``"I
don't own a car," she said.`` is speech."""

LABELLED_DISCLAIMER = rx.compile(r"^\W*disclaimer\s*[:\-–—]", _I)
"""``Disclaimer:`` with its label, wherever it stands near the top."""

TITLE_FIELD = rx.compile(r"^(?:title|story)\s*:\s*(?P<title>.+)$", _I)
"""``Title: Paper Lanterns`` (group ``title``)."""

METADATA_LINE = rx.compile(
    rf"^(?:{alternatives(METADATA_FIELDS)}|word\s*count|w/c|beta(?:\s*reader)?|e-?mail)\s*:\s*\S",
    _I,
)
"""A field of a story's header: ``Rating: T``, ``Word count: 3,000``, ``Beta: Someone``."""

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_LINE = rx.compile(
    r"^\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))\W*$",
    _I,
)
"""A line that is only a date: ``Thursday 6th October 1994``, ``May 3, 1997``, ``26/12/96``."""

FEEDBACK_LINE = rx.compile(
    r"^\W{0,3}(?:c\s*(?:&|and)\s*c|feedback|comments?|reviews?|(?:constructive\s+)?criticism)"
    r"(?:\s*(?:,|and|&)\s*(?:feedback|comments?|criticism|flames))*"
    r"\s+(?:(?:is|are|always|very|much)\s+)*(?:welcomed?|appreciated|encouraged|wanted|loved)"
    r"\W{0,3}$",
    _I,
)
"""A header's request for comments: ``C & C welcome``, ``Feedback appreciated!``."""

SOURCE_LINE = rx.compile(
    r"^\W{0,3}(?:(?:the\s+)?original(?:ly)?(?:\s+(?:story|version|post|text|fic|chapter))?"
    r"(?:\s+(?:can\s+be\s+found|is|was|posted|published|found|available))*\s+(?:at|on)\b"
    r"|(?:also\s+|cross-?)posted\s+(?:at|on|to)\b"
    r"|this\s+(?:entry|story|post|page|chapter)\s+(?:has\s+been|was)\s+"
    r"(?:edited|reformatted|converted|formatted|archived)\b)",
    _I,
)
"""Where a copy came from, said at its edge: ``Original story on fanfiction.net: …``,
``The original can be found at http://…``, ``Also posted on AO3``, ``This entry has been
edited to conform to Library formatting.``"""

POST_FLAIR = rx.compile(
    r"^\W{0,2}(?:OC|PI|WP|Text|Series|Original\s+Content|Writing\s+Prompt|Prompt\s+Inspired)"
    r"\W{0,2}$"
)
"""A forum post's flair, copied with its title: ``OC``, ``[PI]``, ``Series`` alone on a line."""

FIELD_LINE = rx.compile(r"^[A-Z][\w'’/.-]*(?: [\w'’/.-]+){0,2}\s?:\s+\S")
"""``Storylink: https://…``, ``Last updated: 12/24/2005``, ``House: Ravenclaw``: a label of
at most three words, a capital first, a colon and a value (known or not: see
:data:`METADATA_LINE` for the known ones)."""

CHALLENGE = rx.compile(
    r"^\W*(?:(?:this (?:was|is) )?written for|(?:a )?(?:gift|prompt|entry) for)\b"
    r"|^\W*this (?:was|is) for\s*(?:[:;]|$)"
    r"|\b(?:competition|challenge|prompt|fest|(?:gift|fic) exchange)s?\b",
    _I,
)
"""``Written for the Houses Competition``, ``Prompt: rain``, ``This is for:`` over a list
of challenges: what a story was written for, the author's note of a contest or an exchange."""

DRAFT_MARK = rx.compile(r"^[-–—=*~\[({<]+\s*(?:TK|TODO|FIXME|TBD)\b|^(?:TODO|FIXME|TBD)\s*[:\-–—]")
"""A note the author left in a draft for later: ``--- TK check the dates``, ``[TK: name]``,
``TODO: fix this scene`` (case-sensitive; ``TK smiled.`` is a character: Digimon's T.K.)."""

NAV_LINK_TEXT = rx.compile(
    r"^[\W_]*(?:(?:go\s+)?back(?:\s+to\s+.{1,60})?|return\s+to\s+.{1,60}|home|index|contents"
    r"|table\s+of\s+contents|chapters|chapter\s+list|all\s+chapters"
    r"|read\s+from\s+the\s+(?:start|beginning)"
    r"|(?:previous|prev|next|first|last)(?:\s+(?:chapter|part|page|post|episode|entry))?"
    rf"|(?:{alternatives(CHAPTER_WORDS)})\s*\d+|上一章|下一章|目录|返回|الفصل\s+السابق|الفصل\s+التالي"
    r"|предыдущая(?:\s+глава)?|следующая(?:\s+глава)?|оглавление|anterior|siguiente"
    r"|précédent|suivant|sommaire|zurück|weiter|inhalt)[\W_]*$",
    _I,
)
"""The words of a link to the chapters around a page, in a saved page's row of links or
a Markdown line of them: ``← Previous Chapter``, ``Next »``, ``Back to Chapters``,
``Chapter 3 →``, ``Table of Contents``, ``Read from the start``, ``下一章``, ``Siguiente``."""

BYLINE = rx.compile(r"^(?:by|author\s*:|written\s+by)\s+(?=\S.{0,60}$)", _I)
"""``By Someone``, ``Author: Someone``, ``Written by Someone``."""

# -- ellipses, elisions, times ----------------------------------------------------------

ELLIPSIS_TYPED = rx.compile(rf"(?<![.{ELLIPSIS}])(?:\.\.\.?|\. \. \.|{ELLIPSIS})(?![.{ELLIPSIS}])")
"""An ellipsis as typed, in any of the styles the C001 check counts: ``..``, ``...``,
``. . .``, ``…`` (four dots are a full stop and an ellipsis, and not counted)."""

DOTS = rx.compile(r"(?<![.…])\.{2,4}(?![.…])")
"""Two to four dots that the ``ellipses`` rule makes ``…`` (four: ``.…``)."""

SPACED_DOTS = rx.compile(r"(?<![.…])\.(?: \.){2}(?P<four> \.)?(?![ ]?[.…])")
"""``. . .`` (or ``. . . .``, group ``four``) that the ``ellipses`` rule makes ``…``."""

AFTER_OPENING = r"(?<![^\s(\[—–\"“‘'\-]')"
"""After a ``'``: it stands where a quotation could open (start, space, bracket, dash)."""

ELISION = rx.compile(
    "'" + AFTER_OPENING + rf"(?=(?:{alternatives(ELISIONS)})\b|\d\d(?:s\b|\b))", _I
)
"""The apostrophe of an elision (``'em``, ``'cause``, ``'tis``) or a year (``'90s``)."""

TIME = rx.compile(
    rf"\b(?:{alternatives(TIME_WORDS)}|o['’]clock|\d{{1,2}}:\d\d|\d{{3,4}})\b|\bp\.o\.v\b", _I
)
"""A word that sets a time: ``Three years later``, ``Monday``, ``1996``, ``5:30``."""
