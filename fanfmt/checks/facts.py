"""What the source stated about the story, counted (``info``).

* an AO3 page with ``Rating:``, ``Fandom:`` and ``Words:`` in its ``dl.work.meta`` → S001
  ("3 facts about the story read from the source: rating, fandoms, words")
"""

from __future__ import annotations

from collections.abc import Iterator

from fanfmt.checks.base import Chapter, Finding, check
from fanfmt.summary import stated_facts


@check("S001", "story-facts-read", "info")
def story_facts_read(chapter: Chapter) -> Iterator[Finding]:
    """The source states facts about the story (rating, fandoms, tags, summary …); they were read.

    Example: ``<html><dl class="work meta"><dt>Rating:</dt><dd>General Audiences</dd></dl><div id="workskin"><div class="userstuff"><p>It rained.</p></div></div></html>``
    """  # noqa: E501
    names = [name for name, _ in stated_facts(chapter.document.meta.story)]
    if names:
        count = len(names)
        noun = "fact" if count == 1 else "facts"
        message = f"{count} {noun} about the story read from the source: {', '.join(names)}"
        yield Finding(1, 1, message)
