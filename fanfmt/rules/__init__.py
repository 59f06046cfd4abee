"""The rule chain: every normalisation fanfmt makes, in the order it makes them.

Order matters:

* Block rules run before any text rule, so a ``***`` separator is never read as
  emphasis and a ``"Speech"`` legend line is never read as dialogue.
* ``furniture`` runs before ``author_notes`` and ``captions``: ``To be continued`` and
  ``End of Part 1`` are neither a note nor a caption.
* ``author_notes`` runs before ``scene_breaks``: the blank lines around a note
  are not scene breaks. ``captions`` runs after ``scene_breaks``: a caption is
  a short line right after a break.
* ``conventions`` detects the quote and thought style before any quote is
  touched; ``emphasis`` runs before ``apostrophes`` so ``*Hogwarts*'s`` is seen.
* ``dashes`` runs before ``quotes`` so a cut-off ``-"`` is already ``—"``.
* ``apostrophes`` runs before ``quotes``, and ``quotes`` before ``thoughts``:
  a single-quoted span inside dialogue is a nested quotation, not a thought.

The rules from ``emphasis`` on are *local*: each looks at one paragraph at a time, so
a long chapter is finished a piece at a time as it is written (:mod:`fanfmt.stream`).
"""

from __future__ import annotations

from fanfmt.rules.chain import Context, Rule, RuleChain

__all__ = ["DEFAULT_CHAIN", "Context", "Rule", "RuleChain"]


def _rule(name: str, *, local: bool = False) -> Rule:
    return Rule(name, f"fanfmt.rules.{name}", local=local)


DEFAULT_CHAIN = RuleChain(
    (
        _rule("headings"),
        _rule("legend"),
        _rule("furniture"),
        _rule("verse"),
        _rule("author_notes"),
        _rule("scene_breaks"),
        _rule("captions"),
        _rule("conventions"),
        _rule("emphasis", local=True),
        _rule("ellipses", local=True),
        _rule("dashes", local=True),
        _rule("apostrophes", local=True),
        _rule("quotes", local=True),
        _rule("thoughts", local=True),
    )
)
