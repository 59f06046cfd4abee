"""What a FanFiction.Net page's profile line states about the story → :class:`StoryFacts`.

* desktop: ``Rated: Fiction T - English - Romance/Drama - [Harry P., Hermione G.] Ron W. -
  Chapters: 24 - Words: 120,505 - Reviews: 9 - Updated: 6/2/08 - Published: 1/3/08 -
  Status: Complete - id: 4242``
* mobile: ``Rated: M, English, Adventure & Romance, Harry P., Fleur D., Words: 234k+,
  Favs: 13k+, Published: Feb 9, 2007 Updated: May 28, 2009``

→ ``rating="T"``, ``language="English"``, ``tags=("Romance", "Drama")`` (the genres),
``characters=("Harry P.", "Hermione G.", "Ron W.")``, ``relationships=("Harry P./Hermione
G.",)`` (a bracketed pairing), ``chapters="24"``, ``words=120505`` (a rounded ``234k+`` is
kept as the note ``Words: 234k+``), ``status="complete"``; dates as written (``6/2/08``),
but one written without its year (``Nov 20``, ``3h ago``) → its ``data-xutime`` stamp's
day (``2021-11-20``, UTC). Favourites, follows and
reviews are counts of readers, not facts of the story: left out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fanfmt.model import StoryFacts
from fanfmt.reader.html.dom import collapse

if TYPE_CHECKING:
    from bs4 import Tag
    from bs4.element import PageElement

GENRES = frozenset(
    """General Romance Humor Drama Poetry Adventure Mystery Horror Parody Angst Supernatural
    Suspense Sci-Fi Fantasy Spiritual Tragedy Western Crime Family Hurt/Comfort
    Friendship""".split()
)
_LABEL_RE = re.compile(
    r"\b(Rated|Chapters|Words|Reviews|Favs|Follows|Updated|Published|Status|id)\s*:\s*"
)
_PAIRING_RE = re.compile(r"\[([^\]]*)\]")
_GENRE_RE = re.compile(r"Hurt/Comfort|[\w-]+")
_FULL_DATE_RE = re.compile(r"\b\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2}\b")
"""A date the page writes out with its year: ``Feb 9, 2007``, ``6/2/08``."""
_FANDOM_HREF_RE = re.compile(r"^/(?!u/|r/|s/|m/)[^/]+/[^/]+/(?:\d+/)*$")


def profile_facts(
    node: Tag, after: PageElement | None = None, before: PageElement | None = None
) -> StoryFacts:
    """The facts of the profile line in ``node`` (only its children between ``after`` and
    ``before``, when given)."""
    return parse_profile(_text(node, after, before))


def parse_profile(line: str) -> StoryFacts:
    """``"Rated: K+, Spanish, Romance & Hurt/Comfort, Hermione G., Words: 5k+"`` →
    ``StoryFacts(rating="K+", language="Spanish", tags=("Romance", "Hurt/Comfort"),
    characters=("Hermione G.",), notes=("Words: 5k+",))``."""
    parts = _LABEL_RE.split(line)
    fields = {parts[i]: parts[i + 1].strip(" ,-\u00a0") for i in range(1, len(parts) - 1, 2)}
    rated = fields.get("Rated", "")
    trailing = _trailing_status(fields)
    rating, language, genres, characters = _rated_parts(rated)
    words_text = fields.get("Words", "")
    words = int(words_text.replace(",", "")) if words_text.replace(",", "").isdigit() else 0
    notes = (f"Words: {words_text}",) if words_text and not words else ()
    status = fields.get("Status", "") or trailing
    return StoryFacts(
        rating=rating,
        language=language,
        tags=genres,
        characters=tuple(_names(characters)),
        relationships=tuple("/".join(_names(m)) for m in _PAIRING_RE.findall(characters)),
        chapters=fields.get("Chapters", ""),
        words=words,
        published=fields.get("Published", ""),
        updated=fields.get("Updated", ""),
        status=status.lower(),
        notes=notes,
    )


def breadcrumb_fandoms(node: Tag) -> tuple[str, ...]:
    """``Books » <a href="/book/Harry-Potter/">Harry Potter</a>`` → ``("Harry Potter",)``;
    ``Harry Potter + Naruto Crossover`` → ``("Harry Potter", "Naruto")``."""
    links = [a for a in node.find_all("a") if _FANDOM_HREF_RE.match(str(a.get("href") or ""))]
    if not links:
        return ()
    name = collapse(links[-1].get_text())
    name = re.sub(r"\s+Crossover$", "", name)
    return tuple(n.strip() for n in name.split(" + ") if n.strip())


def _text(node: Tag, after: PageElement | None, before: PageElement | None) -> str:
    from bs4 import Tag
    from bs4.element import NavigableString

    children = list(node.children)
    if after is not None:
        children = children[children.index(after) + 1 :]
    if before is not None and before in children:
        children = children[: children.index(before)]
    out: list[str] = []
    for child in children:
        if isinstance(child, Tag):
            stamps = [child, *child.select("[data-xutime]")]
            for stamp in stamps:
                iso = _stamp(str(stamp.get("data-xutime") or ""))
                if iso and not _FULL_DATE_RE.search(stamp.get_text()):
                    stamp.string = iso  # "3h ago", "Nov 20": the stamp says which day
            out.append(child.get_text())
        elif isinstance(child, NavigableString):
            out.append(str(child))
    return collapse(re.sub(r"\\[nrt]", " ", " ".join(out)))


def _stamp(value: str) -> str:
    """``"1171042824"`` → ``"2007-02-09"``."""
    if not value.isdigit():
        return ""
    return datetime.fromtimestamp(int(value), UTC).date().isoformat()


def _trailing_status(fields: dict[str, str]) -> str:
    """The mobile line ends ``…Updated: May 28, 2009, Complete``."""
    last = next(reversed(fields)) if fields else ""
    value = fields.get(last, "")
    if value.endswith("Complete") and last != "Status":
        fields[last] = value.removesuffix("Complete").strip(" ,-")
        return "Complete"
    return ""


def _rated_parts(rated: str) -> tuple[str, str, tuple[str, ...], str]:
    """``"Fiction T - English - Romance/Drama - Harry P."`` → rating, language, genres, and
    the characters' text."""
    sep = " - " if " - " in rated else ", "
    parts = [p.strip() for p in rated.split(sep)] if rated else []
    rating = re.sub(r"^Fiction\s+", "", parts.pop(0)) if parts else ""
    language = parts.pop(0) if parts else ""
    genres: tuple[str, ...] = ()
    if parts:
        found = tuple(_GENRE_RE.findall(parts[0]))
        if found and all(g in GENRES for g in found):
            genres = found
            parts.pop(0)
    return rating, language, genres, sep.join(parts)


def _names(text: str) -> list[str]:
    """``"[Harry P., Hermione G.] Ron W."`` → ``["Harry P.", "Hermione G.", "Ron W."]``."""
    return [n.strip() for n in re.split(r"[,\[\]]|\s-\s", text) if n.strip()]
