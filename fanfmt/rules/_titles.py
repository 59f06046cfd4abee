"""The shapes a story's title takes at the top of an old archive file.

* ``----- JUMP START  by Corin Vale -----`` (a banner) → title ``JUMP START`` and byline
  ``by Corin Vale``: :func:`split_banner`
* ``Lost Highway`` / ``by`` / ``Dana Whitfield`` (a centred title block, each on its own
  line) → the lone ``by`` and the name are one byline: :func:`lone_by`
* ``Lost Highway (1/7)``, ``Lost Highway [Part 2 of 3]`` → title ``Lost Highway`` and
  part ``(1/7)``: :func:`split_part`
"""

from __future__ import annotations

import re

_BANNER_RE = re.compile(
    r"^(?P<left>[-=~*_+#.:oOxX\s]{3,}?)\s*(?P<title>[^\W_].*?)\s+(?P<by>by\s+\S.*?)\s*"
    r"(?P<right>[-=~*_+#.:\s]{3,})$",
    re.IGNORECASE,
)
_DECORATION = set("-=~*_+#.:")
_PART_RE = re.compile(
    r"^(?P<title>.*?[^\W_].*?)\s*[,:\-–—]?\s*"
    r"(?P<part>[(\[]\s*(?:part\s+)?\d{1,3}\s*(?:/|of)\s*(?:\d{1,3}|\?)\s*[)\]]"
    r"|(?:part\s+)\d{1,3}\s*(?:/|of)\s*(?:\d{1,3}|\?))\s*$",
    re.IGNORECASE,
)
_MAX_BANNER = 90


def split_banner(text: str) -> tuple[str, str] | None:
    """``"----- JUMP START  by Corin Vale -----"`` → ``("JUMP START", "by Corin Vale")``.

    The line must be decorated on both sides with rule characters; ``"Stand by me"`` →
    ``None``.
    """
    if len(text) > _MAX_BANNER:
        return None
    m = _BANNER_RE.match(text.strip())
    if m is None:
        return None
    left, right = m.group("left"), m.group("right")
    if sum(ch in _DECORATION for ch in left) < 3 or sum(ch in _DECORATION for ch in right) < 3:
        return None
    title = " ".join(m.group("title").split())
    byline = " ".join(m.group("by").split())
    if len(byline.split()) > 6:
        return None
    return title, byline


def lone_by(text: str) -> bool:
    """``"by"`` (or ``"By:"``, ``"written by"``) alone on its line: a name follows."""
    return text.strip().lower().rstrip(":") in ("by", "written by", "a story by", "story by")


def split_part(text: str) -> tuple[str, str] | None:
    """``"Lost Highway (1/7)"`` → ``("Lost Highway", "(1/7)")``; ``"Lost Highway"`` → ``None``.

    ``"Lost Highway, Part 2 of 3"`` → ``("Lost Highway", "Part 2 of 3")``.
    """
    m = _PART_RE.match(text.strip())
    if m is None:
        return None
    return m.group("title").strip(" ,:-"), m.group("part").strip()
