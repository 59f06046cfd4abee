"""Named typographic characters, so code never spells an invisible or look-alike glyph."""

from __future__ import annotations

LEFT_DOUBLE_QUOTE = "\u201c"  # “
RIGHT_DOUBLE_QUOTE = "\u201d"  # ”
LEFT_SINGLE_QUOTE = "\u2018"  # ‘
RIGHT_SINGLE_QUOTE = "\u2019"  # ’
APOSTROPHE = RIGHT_SINGLE_QUOTE
PRIME = "\u2032"  # ′
DOUBLE_PRIME = "\u2033"  # ″
ELLIPSIS = "\u2026"  # …
EM_DASH = "\u2014"  # —
EN_DASH = "\u2013"  # –
WORD_JOINER = "\u2060"
"""Keeps the characters on either side on one line (a cut-off ``—”`` with its word)."""
TIMES = "\u00d7"  # ×, in counts: "NUL ×3"
OBJECT = "\ufffc"
"""Stands for an inline node (emphasis, thought…) inside a flattened paragraph string."""

CURLY_QUOTES = LEFT_DOUBLE_QUOTE + RIGHT_DOUBLE_QUOTE + LEFT_SINGLE_QUOTE + RIGHT_SINGLE_QUOTE
