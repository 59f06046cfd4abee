"""Read a chapter not in English by its own marks: typed quotation marks, dialogue dashes.

English chapters pass untouched. In a chapter in another language (:mod:`fanfmt.languages`):

* ``„Ja“, sagte er.`` → the marks it types stand for their role, so ``quotes`` pairs them
  into dialogue (:mod:`fanfmt.rules.quotes.typed`); the writer prints ``„Ja“``
* ``« Oui ? »`` (French) → the spaces inside guillemets and before ``; : ! ?`` are narrow
  no-break ones
* ``-No lo sé -dijo ella-. ¿Y tú?`` in a chapter that writes dialogue with dashes →
  ``—`` dialogue(No lo sé) `` —dijo ella—. `` dialogue(¿Y tú?)
* ``- Я не знаю, - сказала она.`` → ``— `` dialogue(Я не знаю,) `` — сказала она.``
"""

from __future__ import annotations

from fanfmt.model import Paragraph
from fanfmt.rules.table import Context, Where


def opens_with_dash(text: str) -> bool:
    """Does a paragraph's text open with dialogue introduced by a dash?"""
    from fanfmt.rules._dash_talk import OPENING_RE

    return OPENING_RE.match(text) is not None


def paragraph(p: Paragraph, where: Where, ctx: Context) -> Paragraph:
    """The chapter's own marks read by their role; dash dialogue in dialogue spans."""
    if where.convention.lang == "en":
        return p  # English: nothing of this rule is even imported
    from fanfmt.languages import typography

    typo = typography(where.convention.lang)
    if typo is None:
        return p
    from fanfmt.rules.quotes.typed import as_read

    p = as_read(p, where.convention.marks, typo, ctx.options.punct_space == "add")
    if where.convention.dashes and where.part == "story" and p.role == "text":
        from fanfmt.rules._dash_talk import dash_dialogue

        p = dash_dialogue(p, typo)
    return p
