"""The source lines that are a site's, not the author's: what the word-count tests leave out.

``site_lines(raw)`` → the 1-based lines the ``ao3_preface`` rule took out of the body (AO3's
``Posted originally…``, ``Preface``, the fields it read into ``meta.story``, the labels it
turned into notes) and AO3's ``(See the end of the chapter for more notes.)`` lines.
"""

from __future__ import annotations

from fanfmt.model import AuthorNote, Heading, Legend, Paragraph
from fanfmt.pipeline import prepare
from fanfmt.rules._text import text_of
from fanfmt.rules.ao3_preface import is_pointer


def site_lines(raw: str) -> set[int]:
    """Lines of ``raw`` that the output may leave out (see the module)."""
    prepared = prepare(raw, keep_read=True)
    as_read = prepared.as_read
    assert as_read is not None
    read = [b for b in as_read.blocks if isinstance(b, Paragraph)]
    pointers = {p.line for p in read if is_pointer(text_of(p))}
    if not any(d.code == "H001" for d in prepared.ctx.diagnostics.sorted()):
        return pointers
    kept: set[int] = set()
    for block in prepared.doc.blocks:
        if isinstance(block, AuthorNote | Legend):
            kept |= {p.line for p in block.paragraphs}
        elif isinstance(block, Paragraph | Heading):
            kept.add(block.line)
    return pointers | ({p.line for p in read} - kept)
