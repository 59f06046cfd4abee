"""Block views: what the page templates loop over.

A writer renders inline content to a string; the template decides how each
block looks. ``views(doc, options, render)`` → ``[{"kind": "paragraph", "html": …}, …]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fanfmt.model import AuthorNote, Block, Document, Heading, Inline, Legend, Paragraph, SceneBreak
from fanfmt.options import Options

Render = Callable[[tuple[Inline, ...]], str]
View = dict[str, Any]


def _disclaimer(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "disclaimer"


def place_notes(blocks: tuple[Block, ...], options: Options) -> tuple[Block, ...]:
    """Keep author's notes and disclaimers in place, move them to the end, or leave them out.

    ``--notes end``: the chapter, then its disclaimers, then its notes.
    """
    if options.notes == "keep":
        return blocks
    rest = tuple(b for b in blocks if not (isinstance(b, AuthorNote) or _disclaimer(b)))
    if options.notes == "omit":
        return rest
    disclaimers = tuple(b for b in blocks if _disclaimer(b))
    return rest + disclaimers + tuple(b for b in blocks if isinstance(b, AuthorNote))


def _paragraph(p: Paragraph, render: Render) -> View:
    return {"kind": "paragraph", "role": p.role, "content": render(p.children), "line": p.line}


def block_views(doc: Document, options: Options, render: Render) -> list[View]:
    """One view per block, in reading order."""
    out: list[View] = []
    for block in place_notes(doc.blocks, options):
        if isinstance(block, Paragraph):  # most blocks: no call but ``render``
            out.append(
                {
                    "kind": "paragraph",
                    "role": block.role,
                    "content": render(block.children),
                    "line": block.line,
                }
            )
        elif isinstance(block, Heading):
            out.append(
                {
                    "kind": "heading",
                    "number": render(block.number),
                    "title": render(block.title),
                    "story_title": render(block.story_title),
                    "line": block.line,
                }
            )
        elif isinstance(block, SceneBreak):
            out.append({"kind": "scene_break", "marker": block.marker, "line": block.line})
        elif isinstance(block, Legend):
            paragraphs = [_paragraph(p, render) for p in block.paragraphs]
            out.append({"kind": "legend", "paragraphs": paragraphs, "line": block.line})
        elif isinstance(block, AuthorNote):
            out.append(
                {
                    "kind": "author_note",
                    "position": block.position,
                    "marked": block.marked,
                    "paragraphs": [_paragraph(p, render) for p in block.paragraphs],
                    "line": block.line,
                }
            )
    return out
