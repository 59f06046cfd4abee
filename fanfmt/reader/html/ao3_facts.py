"""What an AO3 work page or download states about the work → :class:`StoryFacts`.

Both keep the facts in a ``<dl>`` of labels and values: the work page's
``dl.work.meta`` (each value a ``ul.commas`` of tag links, the stats a nested
``dl.stats``) and the "Download → HTML" preface's ``div.meta > dl.tags`` (tag links, the
stats one line of text)::

    <dt>Rating:</dt><dd><a>Teen And Up Audiences</a></dd>
    <dt>Fandom:</dt><dd><a>Naruto</a>, <a>Boruto</a></dd>
    <dt>Series:</dt><dd>Part 2 of <a>The Long Road</a></dd>
    <dt>Stats:</dt><dd>Published: 2014-10-26 Completed: 2014-11-02 Words: 12,345 Chapters: 3/3</dd>

→ ``StoryFacts(rating="Teen And Up Audiences", fandoms=("Naruto", "Boruto"),
series="The Long Road", series_index=2, published="2014-10-26", updated="2014-11-02",
status="complete", words=12345, chapters="3/3")``. Kudos, hits, bookmarks and comments
are counts of readers, not facts of the work: left out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from fanfmt.model import StoryFacts
from fanfmt.reader.html.dom import collapse, select, select_one

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_LISTS = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tags": "tags",
}
_STATS_RE = re.compile(r"\b(Published|Updated|Completed|Words|Chapters)\s*:\s*")
_SERIES_RE = re.compile(r"Part\s+(\d+)\s+of\s+(.+)$", re.S)


def work_facts(soup: BeautifulSoup) -> StoryFacts:
    """The facts of the page's ``dl.work.meta`` or download ``div.meta``, and its summary."""
    dl = select_one(soup, "dl.work.meta") or select_one(soup, "div.meta dl.tags")
    facts = dl_facts(dl) if dl is not None else StoryFacts()
    summary = select_one(soup, "#workskin > div.preface div.summary blockquote")
    if summary is None:  # a download: <p>Summary</p><blockquote>
        label = next(
            (p for p in select(soup, "div.meta > p") if collapse(p.get_text()) == "Summary"), None
        )
        summary = label.find_next_sibling("blockquote") if label is not None else None
    if summary is not None:
        facts = replace(facts, summary=summary_text(summary))
    link = select_one(soup, "#preface p.message a[href*='/works/']")
    if link is not None:
        facts = replace(facts, url=collapse(link.get_text()))
    return facts


def summary_text(node: Tag) -> str:
    """A summary's paragraphs as text, a blank line between two."""
    paras = [collapse(p.get_text()) for p in node.find_all("p")] or [collapse(node.get_text())]
    return "\n\n".join(p for p in paras if p)


def dl_facts(dl: Tag) -> StoryFacts:
    """``<dt>Fandom:</dt><dd><a>Naruto</a></dd>…`` → ``StoryFacts(fandoms=("Naruto",))``."""
    found: dict[str, object] = {}
    for dt in dl.find_all("dt", recursive=False):
        dd = dt.find_next_sibling("dd")
        if dd is None:
            continue
        label = collapse(dt.get_text()).rstrip(":").strip().lower()
        links = [collapse(a.get_text()) for a in dd.find_all("a")]
        text = collapse(dd.get_text())
        if label in _LISTS:
            key = _LISTS[label]
            values = tuple(v for v in (links or [t.strip() for t in text.split(",")]) if v)
            found[key] = ", ".join(values) if key == "rating" else values
        elif label == "language":
            found["language"] = text
        elif label == "series":
            m = _SERIES_RE.search(text)
            if m:
                found["series_index"] = int(m.group(1))
                found["series"] = links[0] if links else collapse(m.group(2))
        elif label == "stats":
            found.update(_stats(dd))
    return StoryFacts(**found)  # type: ignore[arg-type]


def _stats(dd: Tag) -> dict[str, object]:
    """``Published: 2014-10-26 Completed: 2014-11-02 Words: 12,345 Chapters: 3/3``."""
    inner = dd.select_one("dl.stats")
    if inner is not None:
        pairs = [
            (collapse(dt.get_text()).rstrip(":"), collapse(dd2.get_text()))
            for dt in inner.find_all("dt")
            if (dd2 := dt.find_next_sibling("dd")) is not None
        ]
    else:
        parts = _STATS_RE.split(collapse(dd.get_text()))
        pairs = [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
    out: dict[str, object] = {}
    for label, value in pairs:
        if label == "Published":
            out["published"] = value
        elif label in ("Updated", "Completed"):
            out["updated"] = value
            out["status"] = "complete" if label == "Completed" else "in progress"
        elif label == "Words" and value.replace(",", "").isdigit():
            out["words"] = int(value.replace(",", ""))
        elif label == "Chapters":
            out["chapters"] = value
    if "chapters" in out and "status" not in out:
        done, _, total = str(out["chapters"]).partition("/")
        out["status"] = "complete" if done == total else "in progress"
    return out
