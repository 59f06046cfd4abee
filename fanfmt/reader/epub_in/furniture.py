"""The pages of a book that are not the story: covers, title pages, contents, logs.

``page_kind(soup, "OEBPS/title_page.xhtml")`` → ``"facts"`` (FanFicFare's title page: its
facts go to the metadata), ``"skip"`` (a cover, a contents page, a title page fanfmt or
calibre wrote, a page without a word), or ``"story"``.

``title_page_facts(soup)`` reads FanFicFare's ``<b>Label:</b> value<br/>`` lines::

    <b>Series:</b> <a>The Long Road [2]</a><br/>
    <b>Genre:</b> Drama, Mystery<br/>
    <b>Status:</b> Completed<br/>

→ ``StoryFacts(series="The Long Road", series_index=2, tags=("Drama", "Mystery"),
status="complete", …)``; a label it does not know is kept in ``notes`` (``"Packaged: …"``,
the time of the download, is left out: it is not a fact of the story).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from fanfmt.model import StoryFacts

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

Kind = Literal["story", "facts", "skip"]

_SKIP_TYPES = frozenset({"cover", "toc", "titlepage", "landmarks", "loi", "lot", "index"})
"""``epub:type`` values of a page that is furniture (fanfmt's own title page is one)."""
_SKIP_CLASSES = frozenset({"fff_tocpage", "fff_logpage"})
_SKIP_NAMES = frozenset({"toc_page", "log_page", "nav", "toc", "cover", "titlepage"})
_WORD_RE = re.compile(r"[^\W\d_]{2}")
_SERIES_RE = re.compile(r"^(.*?)\s*\[(\d+)\]\s*$")
_LISTS = {
    "category": "fandoms",
    "categories": "fandoms",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "genre": "tags",
    "genres": "tags",
    "tags": "tags",
    "characters": "characters",
    "relationships": "relationships",
    "pairings": "relationships",
    "ships": "relationships",
    "warnings": "warnings",
}
_TEXTS = {
    "rating": "rating",
    "published": "published",
    "updated": "updated",
    "chapters": "chapters",
    "language": "language",
}
_LEFT_OUT = frozenset({"packaged", "publisher", "words"})


def page_kind(soup: BeautifulSoup, name: str) -> Kind:
    """Is the page at ``name`` the story, a page of facts, or furniture (see the module)?"""
    stem = name.rpartition("/")[2].rpartition(".")[0].lower()
    body = soup.find("body")
    classes = set(body.get_attribute_list("class")) if body is not None else set()
    if "fff_titlepage" in classes or (stem == "title_page" and soup.find("b") is not None):
        return "facts"
    if classes & _SKIP_CLASSES or (stem in _SKIP_NAMES and not _has_story(soup)):
        return "skip"
    for tag in soup.find_all(True):
        if not tag.has_attr("epub:type"):
            continue
        if set(str(tag.get("epub:type", "")).split()) & _SKIP_TYPES and tag.name != "a":
            return "skip"
    if not _WORD_RE.search(soup.get_text()):
        return "skip"  # an image, a blank page
    return "story"


def _has_story(soup: BeautifulSoup) -> bool:
    """More than a few words (a page named ``cover`` or ``toc`` that holds text after all)."""
    return len(soup.get_text().split()) > 200


def title_page_facts(soup: BeautifulSoup) -> tuple[StoryFacts, str, str]:
    """FanFicFare's title page → its facts, the story title and the author (see the module)."""
    from bs4 import Tag

    facts = StoryFacts()
    title = author = ""
    heading = soup.find(["h1", "h2", "h3"])
    if isinstance(heading, Tag):
        links = heading.find_all("a")
        if links:
            title = _collapse(links[0].get_text())
            href = str(links[0].get("href") or "")
            if href.startswith(("http://", "https://")):
                facts = replace(facts, url=href)
        if len(links) > 1:
            author = _collapse(links[1].get_text())
    notes: list[str] = []
    for label in soup.find_all("b"):
        key = _collapse(label.get_text()).rstrip(":").strip().lower()
        value = _value(label)
        if not key or not value:
            continue
        facts = _fact(facts, key, value, label, notes)
    return replace(facts, notes=tuple(notes)), title, author


def _fact(facts: StoryFacts, key: str, value: str, label: Tag, notes: list[str]) -> StoryFacts:
    if key in _LISTS:
        items = tuple(v.strip() for v in value.split(",") if v.strip())
        field = _LISTS[key]
        changes: dict[str, Any] = {field: (*getattr(facts, field), *items)}
        return replace(facts, **changes)
    if key in _TEXTS:
        texts: dict[str, Any] = {_TEXTS[key]: value}
        return replace(facts, **texts)
    if key == "series":
        m = _SERIES_RE.match(value)
        if m:
            return replace(facts, series=m.group(1), series_index=int(m.group(2)))
        return replace(facts, series=value)
    if key == "status":
        done = value.lower().startswith("complete")
        return replace(facts, status="complete" if done else "in progress")
    if key == "summary":
        return replace(facts, summary=_summary(label))
    if key not in _LEFT_OUT:
        notes.append(f"{key.capitalize()}: {value}")
    return facts


def _value(label: Tag) -> str:
    """The text after ``<b>Label:</b>`` up to the next ``<br/>`` or label."""
    from bs4 import Tag
    from bs4.element import NavigableString

    parts: list[str] = []
    for sibling in label.next_siblings:
        if isinstance(sibling, Tag) and sibling.name in ("br", "b"):
            break
        if isinstance(sibling, Tag):
            if sibling.name == "div":
                parts.append(sibling.get_text(" "))
                break
            parts.append(sibling.get_text())
        elif isinstance(sibling, NavigableString):
            parts.append(str(sibling))
    return _collapse("".join(parts))


def _summary(label: Tag) -> str:
    """The summary after its label: paragraphs kept apart by a blank line."""
    from bs4 import Tag

    box = label.find_next_sibling("div")
    if not isinstance(box, Tag):
        return _value(label)
    paragraphs: list[str] = []
    lead = "".join(
        str(c) if not isinstance(c, Tag) else c.get_text()
        for c in box.children
        if not (isinstance(c, Tag) and c.name in ("p", "div"))
    )
    if lead.strip():
        paragraphs.append(_collapse(lead))
    paragraphs.extend(_collapse(p.get_text()) for p in box.find_all(["p", "div"]))
    return "\n\n".join(p for p in paragraphs if p)


def _collapse(text: str) -> str:
    return " ".join(text.split())


__all__ = ["Kind", "page_kind", "title_page_facts"]
