"""The rule chain: every normalisation fanfmt makes, in the order it makes them.

Order matters:

* Block rules run before any text rule, so a ``***`` separator is never read as
  emphasis and a ``"Speech"`` legend line is never read as dialogue.
* ``author_notes`` runs before ``scene_breaks``: the blank lines around a note
  are not scene breaks. ``captions`` runs after ``scene_breaks``: a caption is
  a short line right after a break.
* ``conventions`` detects the quote and thought style before any quote is
  touched; ``emphasis`` runs before ``apostrophes`` so ``*Hogwarts*'s`` is seen.
* ``dashes`` runs before ``quotes`` so a cut-off ``-"`` is already ``—"``.
* ``apostrophes`` runs before ``quotes``, and ``quotes`` before ``thoughts``:
  a single-quoted span inside dialogue is a nested quotation, not a thought.
"""

from __future__ import annotations

from fanfmt.rules.chain import Context, Rule, RuleChain

__all__ = ["DEFAULT_CHAIN", "Context", "Rule", "RuleChain"]


def _rule(name: str) -> Rule:
    return Rule(name, f"fanfmt.rules.{name}")


DEFAULT_CHAIN = RuleChain(
    (
        _rule("headings"),
        _rule("legend"),
        _rule("author_notes"),
        _rule("scene_breaks"),
        _rule("captions"),
        _rule("conventions"),
        _rule("emphasis"),
        _rule("ellipses"),
        _rule("dashes"),
        _rule("apostrophes"),
        _rule("quotes"),
        _rule("thoughts"),
    )
)
