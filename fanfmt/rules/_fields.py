"""A story's header of fields: ``Rating: T``, and a downloader's run of them.

* ``Title: Paper Lanterns``, ``Rating: T`` → :func:`is_field`
* ``Story:`` / ``Storylink:`` / ``Category:`` / ``Author:`` / ``Words:`` at the top →
  :func:`field_run`, every one of them (the unknown labels with the known)
"""

from __future__ import annotations

from collections.abc import Sequence

from fanfmt.model import Block, Paragraph, is_story
from fanfmt.patterns import BYLINE, FIELD_LINE, METADATA_LINE, TITLE_FIELD
from fanfmt.rules._text import text_of

METADATA_MAX_CHARS = 1000
"""A header field (``Summary: …``) is shorter."""


def is_field(text: str) -> bool:
    """``Title: Paper Lanterns``, ``Rating: T``: a field of the story's header."""
    field = TITLE_FIELD.match(text) or METADATA_LINE.match(text)
    return field is not None and len(text) < METADATA_MAX_CHARS


FIELD_RUN_MIN_KNOWN = 3
"""A run of ``Label: value`` lines is a header once this many of its labels are known
fields (``Rating``, ``Words``, ``Category``, ``Author``…): the rest of it is header too."""
FIELD_RUN_REACH = 48
"""How far down the top a header of fields may reach (a downloader's runs to 15 lines)."""


def field_run(blocks: Sequence[Block]) -> frozenset[int]:
    """The indexes of a downloader's header in the top of ``blocks``: a run of
    ``Label: value`` paragraphs (blank lines between them or not), at least
    :data:`FIELD_RUN_MIN_KNOWN` of them known fields, ``Storylink:``, ``Source:`` and the
    other unknown labels with them. ``Story:`` / ``Storylink:`` / ``Category:`` /
    ``Author:`` / ``Words:`` → all five; ``Picard: Report.`` / ``Riker: Aye.`` → none."""
    run: list[int] = []
    known = 0
    found: set[int] = set()
    for index, block in enumerate(blocks[:FIELD_RUN_REACH]):
        text = text_of(block) if isinstance(block, Paragraph) and is_story(block) else ""
        if text and len(text) < METADATA_MAX_CHARS and FIELD_LINE.match(text):
            run.append(index)
            known += is_field(text) or bool(BYLINE.match(text))
            continue
        if known >= FIELD_RUN_MIN_KNOWN:
            found.update(run)
        run, known = [], 0
    if known >= FIELD_RUN_MIN_KNOWN:
        found.update(run)
    return frozenset(found)
