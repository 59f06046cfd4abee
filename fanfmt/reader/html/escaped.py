"""Pages kept as an escaped string: undo the escaping before the page is parsed.

A page some tools save as the body of a string literal has every line break typed out as
``\\n`` and every closing tag as ``<\\/p>`` (``<\\script>``, ``<\\!--`` too), on one line.
Parsed as it is, its scripts are not scripts and its text reads ``\\n`` between words.

* ``<html><head>\\n<meta …>\\n<\\script>…<\\/script>`` → ``<html><head>`` newline
  ``<meta …>`` newline ``<script>…</script>``
* a page with real line breaks, or with no ``<\\/`` in it, is left as it is
"""

from __future__ import annotations

import re

ESCAPED_MIN = 20
"""A page is escaped when it types out at least this many ``\\n`` and has no real line break."""
_ESCAPE_RE = re.compile(r"\\([nrt])|<\\(/|!|(?=[a-zA-Z]))")
_WHITE = {"n": "\n", "r": "\r", "t": "\t"}


def is_escaped(text: str) -> bool:
    """``'<p>a<\\/p>\\n' * 30`` → True; a page with real newlines → False."""
    head = text[:65536]
    return "\n" not in head.strip() and "<\\/" in head and head.count("\\n") >= ESCAPED_MIN


def unescape(text: str) -> str:
    """``'<p>a<\\/p>\\n<\\script>'`` → ``'<p>a</p>'`` + newline + ``'<script>'``.

    A page :func:`is_escaped` does not take for escaped is returned unchanged.
    """
    if not is_escaped(text):
        return text

    def one(m: re.Match[str]) -> str:
        return _WHITE[m.group(1)] if m.group(1) else "<" + m.group(2)

    return _ESCAPE_RE.sub(one, text)
