"""Turn typed dots into an ellipsis, keeping the author's spacing.

* ``Wait..`` / ``Wait...`` → ``Wait…``; ``..and then`` → ``…and then``
* ``. . .`` → ``…``
* ``Stop....`` (four dots) → ``Stop.…`` (a full stop, then an ellipsis)
* five or more dots, ``1.5`` and ``a.m.`` stay as typed
"""

from __future__ import annotations

import re

from fanfmt.chars import ELLIPSIS
from fanfmt.model import Paragraph
from fanfmt.patterns import DOTS as DOTS_RE
from fanfmt.patterns import SPACED_DOTS as SPACED_RE
from fanfmt.rules.table import Context, Where
from fanfmt.walk import map_paragraph_text


def _dots(m: re.Match[str]) -> str:
    return "." + ELLIPSIS if len(m.group()) == 4 else ELLIPSIS


def educate(text: str) -> str:
    """Apply the ellipsis rule to one string."""
    if ".." not in text and ". ." not in text:
        return text
    text = SPACED_RE.sub(lambda m: "." + ELLIPSIS if m.group("four") else ELLIPSIS, text)
    return DOTS_RE.sub(_dots, text)


def paragraph(p: Paragraph, where: Where, ctx: Context) -> Paragraph:
    """Replace ``..``, ``...`` and ``. . .`` with ``…``."""
    return map_paragraph_text(p, educate)
