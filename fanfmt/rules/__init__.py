"""The two rule tables: every normalisation fanfmt makes, in the order it makes them.

Each ordering bullet says which rule runs before which and, for each such pair, names
the case of ``tests/fixtures/chain.txt`` that shows why (``tests/test_chain_api.py``
checks both).

Block rules (``apply(doc, ctx) -> Document``) see the whole chapter. Their order:

* They all run before any inline rule: ``scene_breaks`` runs before ``emphasis``, so a
  ``***`` separator is never read as emphasis (chain.txt: "a separator line is a scene
  break, never emphasis"), and ``legend`` runs before ``quotes``, so a ``"Speech"`` legend
  line is never read as dialogue (chain.txt: "a legend is not dialogue; its thought
  example shows in italics, not as a thought").
* ``ao3_preface`` runs before ``headings``: an AO3 download read as text states its title,
  byline, summary and notes in its own labelled layout; once it is taken apart,
  ``front_matter`` and ``headings`` see a heading at the top (as from a reader) and
  ``author_notes`` sees notes made (chain.txt: "an AO3 download's preface read as text").
* ``front_matter`` runs before ``headings``: the two read the top of the chapter in one
  walk (``fanfmt.rules._top``), and the byline, disclaimer and header fields are found
  around the title before it becomes a heading; run the other way round, a post's flair
  under a made title is no longer read (chain.txt: "a post's flair under its title is
  front matter"). Switching ``headings`` off switches ``front_matter`` off too,
  as when the two were one rule.
* ``furniture`` runs before ``captions``: ``To be continued…`` after a break is a part
  marker, not a caption (chain.txt: "a part marker after a break is furniture, not a
  caption").
* ``author_notes`` runs before ``scene_breaks``: the blank lines around a note are not
  scene breaks (chain.txt: "an author's note around the story keeps its words").
  ``captions`` runs after ``scene_breaks``: a caption is a short line right after a break,
  and the blank lines after it belong to it, not to another break (chain.txt: "a break,
  two captions, then extra blank lines before the story").
* ``conventions`` runs before ``quotes``: it detects the quote and thought style before
  any quote is touched, and the inline rules are handed it (``Where.convention``)
  (chain.txt: "british dialogue with a nested double quotation").

Inline rules (``paragraph(p, where, ctx) -> Paragraph``) see one paragraph at a time,
so a long chapter is finished a piece at a time as it is written (:mod:`fanfmt.pipeline`).
Their order:

* ``lang_marks`` runs before ``dashes``: in a chapter not in English the double hyphen of
  ``--No lo sé --dijo ella--.`` is a dialogue dash, each keeping the space before it,
  not a dash between words that takes the space away (chain.txt: "dialogue dashes typed as
  double hyphens in a Spanish chapter"). It reads the marks a chapter types by their role
  before ``quotes`` pairs them.
* ``emphasis`` runs before ``apostrophes``: an elision that opens an emphasised word,
  ``*'em*``, stands at the start of its span once the ``*`` is markup; read the other way
  round, the ``*`` hides it and ``quotes`` opens a quotation, ``‘em`` (chain.txt: "an
  elision that opens emphasis is an apostrophe").
* ``dashes`` runs before ``quotes``: it reads a hyphen by the quote mark beside it, so
  speech taken up again, ``"-and then``, is ``“—and then`` (chain.txt: "speech taken up
  again after a single hyphen").
* ``apostrophes`` runs before ``quotes``: the feet and inches of ``5'11"`` are primes
  before any quote is paired (chain.txt: "feet and inches inside speech").
* ``quotes`` runs before ``thoughts``: a single-quoted span inside dialogue is a nested
  quotation, not a thought (chain.txt: "a single-quoted span inside dialogue is a nested
  quotation, not a thought").
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
        BlockRule("front_matter"),
        BlockRule("headings", implies=("front_matter",)),
        BlockRule("legend"),
        BlockRule("furniture"),
        BlockRule("verse"),
        BlockRule("author_notes"),
        BlockRule("scene_breaks"),
        BlockRule("captions"),
        BlockRule("conventions"),
    )
)
INLINE_RULES = RuleTable(
    (
        InlineRule("lang_marks"),
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
