"""Pair quotation marks into dialogue spans, across paragraphs, in either convention.

* ``"Run," she said.`` → dialogue(Run,) she said.
* ``"He said 'no'."`` → dialogue with a nested single quotation (american);
  ``'He said "no".'`` → the same with the glyphs swapped (british)
* ``"I went on and on`` + next paragraph ``"and on."`` → a span left open (no closing
  mark) continued by the next paragraph; no continuation → finding Q001
* ``'Get the dogs' bones,' he said`` → the quote after ``dogs`` is an apostrophe (a
  later quote closes the span); ``runnin'`` at the end of a span closes it
* ``“already curly”`` input is kept; mixed curly and straight input is made consistent
* a stray quote that pairs with nothing gets the glyph its position suggests and a finding
"""

from __future__ import annotations

from dataclasses import replace

from fanfmt.diagnostics import Severity
from fanfmt.model import Paragraph, QuoteKind
from fanfmt.rules._flat import flatten
from fanfmt.rules.quotes.classify import AMBIG, APOS, CLOSE, OPEN, WEAK
from fanfmt.rules.quotes.pairing import Report, pair
from fanfmt.rules.quotes.rebuild import _children
from fanfmt.rules.table import Context, Where

__all__ = ["AMBIG", "APOS", "CLOSE", "OPEN", "WEAK", "OpenDialogue", "Report", "State", "pair"]


def _starts_with_opener(p: Paragraph, kind: QuoteKind) -> bool:
    s, _ = flatten(p.children)
    s = s.lstrip()
    marks = '"“' if kind == "double" else "'‘"
    return bool(s) and s[0] in marks


_UNCLOSED = "dialogue opened here is never closed"


class OpenDialogue:
    """Dialogue a paragraph leaves open, kept until the next paragraph shows whether it goes on.

    ``"It began here,`` / ``"and went on here."``: the next paragraph opens with the same
    mark, so the speech continues (a new paragraph of one speaker). Any other paragraph, a
    scene break or the end of the chapter leaves it unclosed: Q001 at the line it opened.
    """

    __slots__ = ("pending",)

    def __init__(self) -> None:
        self.pending: tuple[QuoteKind, int] | None = None

    def paragraph(self, p: Paragraph, where: Where, ctx: Context) -> Paragraph:
        """Replace straight quotes with dialogue spans and curly glyphs.

        Only the story's own text and captions hold speech: a title quoted in a
        disclaimer, a summary, an author's note, the legend or a heading is not speech.
        """
        if self.pending is not None:
            kind, line = self.pending
            if not _starts_with_opener(p, kind):
                ctx.report("Q001", _UNCLOSED, line)
            self.pending = None
        dialogue = where.part == "story" and p.role in ("text", "caption")

        def report(code: str, message: str, pos: int) -> None:
            severity: Severity = "info" if code.startswith("A") else "warning"
            ctx.report(code, message, p.line, col=pos + 1, severity=severity)

        children, result = _children(p.children, dialogue, report)
        if result.unclosed and dialogue:
            self.pending = (result.unclosed[0], p.line)
        return p if children is p.children else replace(p, children=children)

    def end(self, ctx: Context) -> None:
        """No paragraph can continue the dialogue left open (a scene break, the end)."""
        if self.pending is not None:
            ctx.report("Q001", _UNCLOSED, self.pending[1])
            self.pending = None


State = OpenDialogue
"""What the pipeline keeps of this rule from one paragraph to the next."""
