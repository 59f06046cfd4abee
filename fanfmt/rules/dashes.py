"""Turn typed dashes into em dashes, as fanfic means them.

* ``word--word``, ``word -- word``, ``word---word`` → ``word—word`` (``word — word`` when spaced)
* ``word - word`` (a spaced hyphen) → ``word—word``
* ``"Wait-"`` / ``'I didn't-'`` / ``"Wait--"`` / ``"Wait -"`` (speech cut off) → ``"Wait—"``
* ``"-you told Mom!"`` (speech taken up again) → ``"—you told Mom!"``
* ``"You- you can't"`` (a word broken off and started again) → ``"You—you can't"``;
  ``pre- and post-war`` stays
* ``1990-1995``, ``Naruto-kun``, ``half-elf``, a ``-Flashback-`` marker and a section's
  number between hyphens (``- 4 -``) stay as typed
* arrows and markup stay as typed: ``<--``, ``-->``, ``<!--``
* in a language not English, the language's dash between words: ``Er kam - und ging`` →
  ``Er kam – und ging`` (German), ``Он пришёл - и ушёл`` → ``Он пришёл — и ушёл``
* a hyphen that joins a word to italics stays: ``non-_X-Files_`` → ``non-*X-Files*``
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from itertools import pairwise

from fanfmt import rx
from fanfmt.chars import EM_DASH
from fanfmt.model import Emphasis, Paragraph, Strong, Text
from fanfmt.rules.table import Context, Where
from fanfmt.walk import map_paragraph_text, plain_text

DOUBLE_DASH_RE = rx.compile(r"[ ]?(?<![-<])(?<!<!)-{2,3}(?![->])[ ]?")
SPACED_HYPHEN_RE = rx.compile(r"(?<=[\w,;.!?…\"'’”]) - (?=[\w\"'“‘])")
CUT_OFF_RE = rx.compile(r"(?<=[\w.!?…])-(?=[\"'”’]|$|\s*[\"'”’]?\s*$)")
SPACED_CUT_OFF_RE = rx.compile(r"(?<=[\w.!?…]) -(?=[\"”](?![\w\"“])|['’](?!\w)|$)")
RESUMED_RE = rx.compile(r"((?:^|(?<=[\s(]))[\"“‘'])-(?=[^\W\d_])")
"""``"-you told Mom!"``: speech taken up again after an interruption."""
MARKER_RE = rx.compile(r"^-[^-\s][^-]{0,40}-$|^[-–] ?(?:\d{1,3}|[IVXLCivxlc]{1,6})\.? ?[-–]$")
"""``-Flashback-``, and a section's number between hyphens (``- 4 -``, ``-IV-``): kept as typed."""
RESTART_RE = rx.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])(?!(?:and|or|nor|to)\b)")


def educate(text: str, *, spaced: bool = False, between: str = "") -> str:
    """Apply the dash rules to one string; ``between``: the dash between words, spaced, of a
    language not English (``" – "``)."""
    if "-" not in text or MARKER_RE.match(text):
        return text  # -Flashback-, - 4 -: a marker, not speech cut off
    dash = between or (f" {EM_DASH} " if spaced else EM_DASH)

    def double(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not before or not after or after in "\"'”’" or before in "\"'“‘":
            return EM_DASH
        return dash

    text = DOUBLE_DASH_RE.sub(double, text)
    text = SPACED_HYPHEN_RE.sub(dash, text)
    text = SPACED_CUT_OFF_RE.sub(EM_DASH, text) if " -" in text else text
    if '"-' in text or "'-" in text or "\u201c-" in text or "\u2018-" in text:
        text = RESUMED_RE.sub(rf"\g<1>{EM_DASH}", text)
    text = RESTART_RE.sub(EM_DASH, text) if "- " in text else text
    return CUT_OFF_RE.sub(EM_DASH, text)


_JOINED = "\ue000"
"""Stands in for a hyphen that joins a word to the emphasis after it, while dashes are made."""


def _hold_joins(p: Paragraph) -> Paragraph:
    """``(Text("non-"), Emphasis(Text("X-Files")))``: the hyphen is held as :data:`_JOINED`."""
    children = p.children
    if len(children) < 2:
        return p
    out = list(children)
    for i, (node, nxt) in enumerate(pairwise(children)):
        if (
            type(node) is Text
            and node.text.endswith("-")
            and node.text[-2:-1].isalpha()
            and isinstance(nxt, Emphasis | Strong)
            and plain_text(nxt.children)[:1].isalnum()
        ):
            out[i] = Text(node.text[:-1] + _JOINED)
    return p if out == list(children) else replace(p, children=tuple(out))


_CLOSED = partial(educate, spaced=False)
_SPACED = partial(educate, spaced=True)


def paragraph(p: Paragraph, where: Where, ctx: Context) -> Paragraph:
    """Replace ``--``, ``---``, spaced hyphens and cut-off hyphens with em dashes."""
    fn = _SPACED if ctx.options.dash_style == "spaced" else _CLOSED
    if where.convention.lang != "en":
        from fanfmt.languages import typography

        typo = typography(where.convention.lang)
        if typo is not None and typo.dash:
            fn = partial(educate, between=typo.dash)
    held = _hold_joins(p)
    if held is p:
        return map_paragraph_text(p, fn)
    return map_paragraph_text(held, lambda text: fn(text).replace(_JOINED, "-"))
