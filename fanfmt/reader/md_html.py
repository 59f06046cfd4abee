"""The few HTML tags a Markdown draft uses for formatting, read as formatting.

Raw HTML in Markdown is text to fanfmt (nothing passes through as markup), but a draft
exported from a blog writes its italics as tags. In a run of text:

* ``She said <em>no</em>.`` → ``She said``, ``Emphasis(no)``, ``.``; ``<i>`` the same
* ``<b>``/``<strong>`` → :class:`Strong`; ``<br>``/``<br />`` → :class:`LineBreak`
* ``<span style="…">``, ``<font>``, ``<u>`` and their end tags go; their words stay
* anything else stays as typed: ``<grin>``, ``I <3 you``, a tag left open (``<em>no``),
  ``<script>`` (never markup here)
"""

from __future__ import annotations

import re

from fanfmt.model import Emphasis, Inline, LineBreak, Strong, Text

_TAG_RE = re.compile(
    r"<(/?)(em|i|cite|b|strong|br|span|font|u|small|big)\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>",
    re.IGNORECASE,
)
_KINDS = {"em": "em", "i": "em", "cite": "em", "b": "strong", "strong": "strong"}


def read_tags(node: Text) -> tuple[Inline, ...]:
    """``Text("a <em>b</em> c")`` → ``(Text("a "), Emphasis((Text("b"),), "*"), Text(" c"))``;
    the node itself, alone, when its tags do not pair up (no word is ever lost)."""
    text = node.text
    if "<" not in text or _TAG_RE.search(text) is None:
        return (node,)
    stack: list[tuple[str, list[Inline]]] = [("", [])]
    pos = 0
    for m in _TAG_RE.finditer(text):
        if m.start() > pos:
            stack[-1][1].append(Text(text[pos : m.start()]))
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "br":
            stack[-1][1].append(LineBreak())
            continue
        kind = _KINDS.get(name)
        if kind is None:
            continue  # span, font, u …: the markup goes, the words stay
        if not closing:
            stack.append((kind, []))
        elif len(stack) > 1 and stack[-1][0] == kind:
            done, children = stack.pop()
            inner = tuple(children)
            stack[-1][1].append(Strong(inner) if done == "strong" else Emphasis(inner, "*"))
        else:
            return (node,)  # an end tag that closes nothing
    if len(stack) > 1:
        return (node,)  # a tag left open
    if pos < len(text):
        stack[0][1].append(Text(text[pos:]))
    return tuple(stack[0][1])
