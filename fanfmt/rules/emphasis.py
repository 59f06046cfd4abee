"""Read ``*asterisk*`` and ``_underscore_`` markup as emphasis, ``**double**`` as strong.

* ``a *very* bad idea`` → a, emphasis(very), bad idea
* ``_Hogwarts_`` → emphasis; ``**Stop!**`` / ``__Stop!__`` → strong
* ``f*ck``, ``snake_case``, ``2 * 3 * 4`` and a lone ``*`` stay as typed
* markup never spans paragraphs; unpaired markers stay as typed
* a legend line ``*Flashbacks*`` shows in italics, as it will in the story
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt.model import Document, Emphasis, Inline, Paragraph, Strong, Text
from fanfmt.rules.chain import Context
from fanfmt.walk import map_paragraphs

SPAN_RE = re.compile(
    r"(?<![\w*\\])\*\*(?=[^\s*])(?P<s1>.+?)(?<=[^\s*])\*\*(?![\w*])"
    r"|(?<![\w_\\])__(?=[^\s_])(?P<s2>.+?)(?<=[^\s_])__(?![\w_])"
    r"|(?<![\w*\\])\*(?=[^\s*])(?P<e1>.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_\\])_(?=[^\s_])(?P<e2>.+?)(?<=[^\s_])_(?![\w_])"
)


def parse(text: str) -> tuple[Inline, ...]:
    """``"a *b* c"`` → ``(Text("a "), Emphasis((Text("b"),), "*"), Text(" c"))``."""
    out: list[Inline] = []
    pos = 0
    for m in SPAN_RE.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        if m.group("s1") is not None or m.group("s2") is not None:
            inner = m.group("s1") if m.group("s1") is not None else m.group("s2")
            out.append(Strong(parse(inner)))
        elif m.group("e1") is not None:
            out.append(Emphasis(parse(m.group("e1")), "*"))
        else:
            out.append(Emphasis(parse(m.group("e2")), "_"))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def _paragraph(p: Paragraph) -> Paragraph:
    if not any(isinstance(c, Text) and ("*" in c.text or "_" in c.text) for c in p.children):
        return p
    children: list[Inline] = []
    for node in p.children:
        children.extend(parse(node.text) if isinstance(node, Text) else (node,))
    return replace(p, children=tuple(children))


def apply(doc: Document, ctx: Context) -> Document:
    """Turn paired ``*``/``_`` markers into emphasis nodes."""
    return map_paragraphs(doc, _paragraph)
