"""Dialogue a dash introduces, for the ``lang_marks`` rule (imported only for a chapter not in
English): its speech found between the dashes, or the tags, of its language.

``split("-No lo sé -dijo ella-. ¿Y tú?", es)`` → ``("—No lo sé —dijo ella—. ¿Y tú?",
[(1, 9), (24, 30)])``: the text with its dashes as Spanish writes them, and the spans of
speech in it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.chars import OBJECT
from fanfmt.languages import Typography
from fanfmt.model import Inline, Paragraph, Quoted, Text
from fanfmt.rules._flat import flatten

_SP = r"[ \u00a0\u202f]"
OPENING_RE = rx.compile(rf"^(?:--?|[—–―]){_SP}*(?=[^\W\d_]|[¿¡«\"“„'‘…\d.])")
"""A paragraph opening with a dash before speech: ``—No``, ``- Я``, ``– Jag``, ``--¿Qué``."""
_CLOSING_TAG_RE = rx.compile(rf"(?<=[^\W\d_])(?:--?|[—–―])(?=[.,;:]|{_SP})")
_SPEECH_START_RE = rx.compile(r"[^\s.,;:]")


def _dash(typo: Typography) -> str:
    return "–" if typo.code in ("sv", "fi") else "—"


def _toggles(s: str, start: int) -> list[tuple[int, int]]:
    """Where the dashes that turn speech to narration and back stand: (start, end) of each
    dash with its spaces; a hyphen inside a word (``dit-elle``) is none."""
    found: list[tuple[int, int]] = []
    for m in re.finditer(rf"{_SP}+(?:--?|[—–―]){_SP}*|(?:--?|[—–―])(?=[.,;:]|{_SP}|$)", s):
        if m.start() < start:
            continue
        text = m.group()
        if text[0] not in " \u00a0\u202f" and _CLOSING_TAG_RE.match(s, m.start()) is None:
            continue
        found.append((m.start(), m.end()))
    return found


_FR_TAG_RE = rx.compile(
    r"(?<=[,!?…] )(?:[^\W\d_]+-(?:t-)?(?:il|elle|ils|elles|on|je|tu|nous|vous)\b"
    r"|(?-i:[a-zàâçéèêëîïôûù][^\W\d_]+(?:a|it|ut|ît|ût)) (?-i:[A-ZÀÂÇÉÈÊÎÔ])[^\W\d_]+)"
    r"(?:[^.!?…;:\n]{0,40}?(?=[.,;:]))?"
)
"""A French tag after speech: inverted, ``, répondit-il``, ``? demanda-t-elle doucement``,
or a verb and a name, ``, répondit Léa``."""


def _french_tags(s: str, start: int) -> list[tuple[int, int]]:
    """French dash dialogue has no dash around its tags: the inverted verbs are its toggles,
    each tag a piece of narration from its verb to the punctuation after it."""
    found: list[tuple[int, int]] = []
    for m in _FR_TAG_RE.finditer(s, start):
        found.extend([(m.start(), m.start()), (m.end(), m.end())])
    return found


_INLINE_TAG_RE = rx.compile(r"(?<=[,!?…]) (?=[^\W\d_])(?=\w*[a-zäöåõü])(?![A-ZÄÖÅ])")
_REOPEN_RE = rx.compile(rf"{_SP}+[—–―-]{_SP}*")


def _nordic_tags(s: str, start: int) -> list[tuple[int, int]]:
    """Swedish and Finnish dash dialogue: the tag follows the speech with no dash
    (``– Var är du? frågade hon.``), and a dash takes the speech up again (`` – Jag …``)."""
    found: list[tuple[int, int]] = []
    speech = True
    pos = start
    while True:
        m = (_INLINE_TAG_RE if speech else _REOPEN_RE).search(s, pos)
        if m is None:
            return found
        found.append((m.end(), m.end()) if speech else (m.start(), m.end()))
        pos = m.end()
        speech = not speech


def _normal(dash_text: str, dash: str, spaced: bool, opening: bool) -> str:
    """A toggle dash as the language writes it."""
    left = dash_text[: len(dash_text) - len(dash_text.lstrip())]
    right = dash_text[len(dash_text.rstrip()) :]
    if spaced:
        return f"{' ' if left else ''}{dash} " if right or left else dash
    return f"{left}{dash}{right}" if not opening else f"{left}{dash}"


def split(s: str, typo: Typography) -> tuple[str, list[tuple[int, int]]] | None:
    """The paragraph's text with its dashes as the language writes them, and the spans of
    speech in it; ``None`` when it does not open with a dash."""
    m = OPENING_RE.match(s)
    if m is None:
        return None
    dash = _dash(typo)
    spaced = typo.dash_spaced
    out = [dash + (" " if spaced else "")]
    spans: list[tuple[int, int]] = []
    pos = m.end()
    speech = True
    speech_at = len(out[0])
    if typo.code == "fr":
        toggles = _french_tags(s, pos)
    elif typo.code in ("sv", "fi"):
        toggles = _nordic_tags(s, pos)
    else:
        toggles = _toggles(s, pos)
    for lo, hi in toggles:
        piece = s[pos:lo]
        out.append(piece)
        here = sum(map(len, out))
        if speech:
            spans.append((speech_at, here))
        raw = s[lo:hi]
        out.append(_normal(raw, dash, spaced, opening=speech) if raw else "")
        pos = hi
        speech = not speech
        if speech:
            start = _SPEECH_START_RE.search(s, pos)
            skip = (start.start() if start else len(s)) - pos
            out.append(s[pos : pos + skip])
            pos += skip
            speech_at = sum(map(len, out))
    out.append(s[pos:])
    text = "".join(out)
    if speech:
        spans.append((speech_at, len(text.rstrip())))
    spans = [(a, a + len(text[a:b].rstrip())) for a, b in spans]
    return text, [(a, b) for a, b in spans if b > a]


def _pieces(s: str, atoms: list[Inline], lo: int, hi: int, before: int) -> list[Inline]:
    """The nodes of ``s[lo:hi]``, OBJECT characters standing for ``atoms[before:]``."""
    out: list[Inline] = []
    k = before
    for i, piece in enumerate(s[lo:hi].split(OBJECT)):
        if i:
            out.append(atoms[k])
            k += 1
        if piece:
            out.append(Text(piece))
    return out


def dash_dialogue(p: Paragraph, typo: Typography) -> Paragraph:
    """``p`` with its speech in dialogue spans, when it opens with a dash."""
    s, atoms = flatten(p.children)
    found = split(s, typo)
    if found is None:
        return p
    text, spans = found
    if text.count(OBJECT) != s.count(OBJECT):
        return p
    out: list[Inline] = []
    cursor = 0
    for lo, hi in spans:
        out.extend(_pieces(text, atoms, cursor, lo, text.count(OBJECT, 0, cursor)))
        inner = tuple(_pieces(text, atoms, lo, hi, text.count(OBJECT, 0, lo)))
        out.append(Quoted(inner, "dash", True, True, True, True))
        cursor = hi
    out.extend(_pieces(text, atoms, cursor, len(text), text.count(OBJECT, 0, cursor)))
    return replace(p, children=tuple(out))
