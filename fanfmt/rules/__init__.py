"""The two rule tables: every normalisation fanfmt makes, in the order it makes them.

Block rules (``apply(doc, ctx) -> Document``) see the whole chapter. Their order:

* They all run before any inline rule, so a ``***`` separator is never read as
  emphasis and a ``"Speech"`` legend line is never read as dialogue.
* ``ao3_preface`` runs first: an AO3 download read as text states its title, byline,
  summary and notes in its own labelled layout; once it is taken apart, ``headings``
  sees a heading at the top (as from a reader) and ``author_notes`` sees notes made.
* ``author_notes`` runs before ``scene_breaks``: the blank lines around a note
  are not scene breaks. ``captions`` runs after ``scene_breaks``: a caption is
  a short line right after a break.
* ``conventions`` detects the quote and thought style before any quote is
  touched; the inline rules are handed it (``Where.convention``).

Inline rules (``paragraph(p, where, ctx) -> Paragraph``) see one paragraph at a time,
so a long chapter is finished a piece at a time as it is written (:mod:`fanfmt.pipeline`).
Their order:

* ``emphasis`` runs before ``apostrophes`` so ``*Hogwarts*'s`` is seen.
* ``dashes`` runs before ``quotes`` so a cut-off ``-"`` is already ``—"``.
* ``apostrophes`` runs before ``quotes``, and ``quotes`` before ``thoughts``:
  a single-quoted span inside dialogue is a nested quotation, not a thought.
"""

from __future__ import annotations

from fanfmt.rules.table import (
    BlockRule,
    Context,
    InlineRule,
    RuleChain,
    RuleTable,
    Where,
)

__all__ = [
    "BLOCK_RULES",
    "DEFAULT_CHAIN",
    "INLINE_RULES",
    "BlockRule",
    "Context",
    "InlineRule",
    "RuleChain",
    "RuleTable",
    "Where",
]

BLOCK_RULES = RuleTable(
    (
        BlockRule("ao3_preface"),
        BlockRule("headings"),
        BlockRule("legend"),
        BlockRule("author_notes"),
        BlockRule("scene_breaks"),
        BlockRule("captions"),
        BlockRule("conventions"),
    )
)
INLINE_RULES = RuleTable(
    (
        InlineRule("emphasis"),
        InlineRule("ellipses"),
        InlineRule("dashes"),
        InlineRule("apostrophes"),
        InlineRule("quotes"),
        InlineRule("thoughts"),
    )
)
DEFAULT_CHAIN = RuleChain(BLOCK_RULES, INLINE_RULES)
"""Both tables, as ``fanfmt rules``, ``--disable`` and the pipeline use them."""
