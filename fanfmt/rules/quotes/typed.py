"""A chapter not in English that types its language's own quotation marks, read by their role.

The quote rule pairs the English marks (``“ ” ‘ ’``) and straight quotes. A chapter that
types ``„…“`` (German) or ``« … »`` (French) has each of its marks turned into the English
mark of the same role before pairing, so its speech is paired into dialogue as any other;
the writer then prints the language's marks (:mod:`fanfmt.languages`), never English ones:

* ``„Ja“, sagte er.`` (style ``„“‚‘``) → ``“Ja”, sagte er.`` → dialogue(Ja), printed ``„Ja“``;
  a secondary mark is read as a straight quote, by its place: ``‚nein‘`` → ``'nein'``
* ``« Oui », dit-il.`` (style ``«»“”``) → ``“Oui”, dit-il.``: the spaces inside the
  guillemets go, the writer puts the narrow no-break ones back
* ``«Me dijo "vuelve"»``: in a paragraph that types the guillemets, a straight double
  quote is a quotation inside them (read as a straight single one)
* ``”Ja”, sa hon.`` (Swedish, the same mark both sides) → ``"Ja", sa hon.``: its place
  tells opening from closing, as for a straight quote

:func:`style` finds which marks a chapter types (for ``conventions``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from fanfmt import rx
from fanfmt.chars import LEFT_DOUBLE_QUOTE, LEFT_SINGLE_QUOTE, RIGHT_DOUBLE_QUOTE
from fanfmt.chars import RIGHT_SINGLE_QUOTE as _RS
from fanfmt.languages import NNBSP, Typography
from fanfmt.model import Emphasis, Inline, Paragraph, Quoted, Strong, Text, Thought

_SPACES = " \u00a0\u202f\u2009"
_AFTER_SPACE = r"(?:^|(?<=[\s(\[—–-]))"
_CLOSER_FOR = {"«": "»", "»": "«", "“": "”", "”": "”"}
_SECONDARY_FOR = {"«": "“”", "»": "›‹", "“": "‘’", "”": "’’"}


def style(text: str, typo: Typography) -> str:
    """The four marks ``text`` types (primary open, close, secondary open, close), or ``""``
    when it types none of its language's (straight quotes: the language's standard ones).

    ``style("« Oui », dit-il.", fr)`` → ``"«»“”"``; ``style('"Ja", sagte er.', de)`` → ``""``.
    """
    opens = {
        "„": text.count("„"),
        **{m: len(re.findall(f"{_AFTER_SPACE}{m}", text)) for m in "«»“”"},
    }
    best = max(opens, key=opens.__getitem__)
    if opens[best] == 0 or (best == "“" and opens["“"] < 2 * text.count("„")):
        return ""
    standard = typo.primary[0] + typo.primary[1] + typo.secondary[0] + typo.secondary[1]
    if best == "„":
        high = len(re.findall(r"(?<=\S)“", text))
        closer = "“" if high >= len(re.findall(r"(?<=\S)”", text)) else "”"
        primary = "„" + closer
        if standard.startswith(primary):
            return standard
        return primary + ("‚‘" if closer == "“" else "«»" if "«" in text else "‚’")
    primary = best + _CLOSER_FOR[best]
    if standard.startswith(primary):
        return standard
    if best == "«" and "„" in text:
        return "«»„“"
    return primary + _SECONDARY_FOR[best]


@cache
def _table(marks: str, spaced: bool) -> tuple[dict[int, str], re.Pattern[str] | None]:
    """The translation of ``marks`` into the quote rule's, and the spaces to take out."""
    po, pc, so, sc = marks[0], marks[1], marks[2], marks[3]
    table = {
        ord(po): LEFT_DOUBLE_QUOTE if po != pc else '"',
        ord(pc): RIGHT_DOUBLE_QUOTE if po != pc else '"',
    }
    if (so, sc) != (LEFT_SINGLE_QUOTE, _RS) and so != sc:
        # a secondary mark reads as a straight quote does, by its place: ``‚nein‘``
        table.update({ord(so): "'", ord(sc): "'"})
    table = {k: v for k, v in table.items() if chr(k) != v}
    gaps = None
    if spaced:
        gaps = re.compile(f"(?<={re.escape(po)})[{_SPACES}]+|[{_SPACES}]+(?={re.escape(pc)})")
    return table, gaps


_PUNCT_SPACE_RE = rx.compile(f"[ \u00a0{NNBSP}](?=[;:!?»])")
_PUNCT_BARE_RE = rx.compile(
    r"(?:(?<=[^\W_])|(?<=[”’)\]…]))(?=(?:[;!?]|:(?!\S))(?:$|[\s”\"')\]!?…]))"
)
"""Where French wants a space the author did not type: after a word (or a closing mark) and
before ``; : ! ?`` that ends it (``Oui?`` ``Quoi?!`` ``dit-il:``), not inside ``12:30``,
``http://`` or ``?id=3``."""


def as_read(p: Paragraph, marks: str, typo: Typography, add: bool = True) -> Paragraph:
    """``p`` with the chapter's typed ``marks`` turned into the English marks of their role
    (and, in a language that spaces its marks, the spaces inside them taken out; with
    ``add``, the space before ``; : ! ?`` put in where none is typed)."""
    if not marks and not typo.before_punct:
        return p
    table, gaps = _table(marks, bool(typo.inner) and marks[0] == "«") if marks else ({}, None)
    if marks and marks[0] not in '"“”' and _has(p.children, marks[0]):
        table = {**table, ord('"'): "'"}  # «Me dijo "vuelve"»: straight quotes nest inside
    children = _map(p.children, table, gaps, typo, add)
    return p if children is p.children else replace(p, children=children)


def spaced_punctuation(text: str, add: bool = False) -> str:
    """French: the space typed before ``; : ! ?`` made a narrow no-break one; with ``add``,
    one put in where none is typed.

    ``spaced_punctuation("Oui ? Non!", add=True)`` → ``"Oui\u202f? Non\u202f!"``
    """
    if add:
        text = _PUNCT_BARE_RE.sub(NNBSP, text)
    return _PUNCT_SPACE_RE.sub(NNBSP, text) if " " in text or "\u00a0" in text else text


def _has(children: tuple[Inline, ...], mark: str) -> bool:
    """Does ``mark`` stand anywhere in the text of ``children``?"""
    for node in children:
        if isinstance(node, Text):
            if mark in node.text:
                return True
        elif isinstance(node, Emphasis | Strong | Thought | Quoted) and _has(node.children, mark):
            return True
    return False


def _map(
    children: tuple[Inline, ...],
    table: dict[int, str],
    gaps: re.Pattern[str] | None,
    typo: Typography,
    add: bool,
) -> tuple[Inline, ...]:
    out: list[Inline] = []
    changed = False
    for node in children:
        new: Inline = node
        if isinstance(node, Text):
            text = node.text
            if gaps is not None:
                text = gaps.sub("", text)
            text = text.translate(table)
            if typo.before_punct:
                text = spaced_punctuation(text, add)
            if text != node.text:
                new = Text(text)
        elif isinstance(node, Emphasis | Strong | Thought | Quoted):
            inner = _map(node.children, table, gaps, typo, add)
            if inner is not node.children:
                new = replace(node, children=inner)
        changed = changed or new is not node
        out.append(new)
    return tuple(out) if changed else children


__all__ = ["as_read", "spaced_punctuation", "style"]
