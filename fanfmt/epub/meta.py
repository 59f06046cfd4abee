"""The book's metadata: from the options first, then from the chapters' own headers.

* title: ``--title``, else the first story title found at the top of a chapter, else a
  fallback (the output file's name) with a warning
* author: ``--author``, else the first author the chapters name (a ``By Someone`` or
  ``Author: Someone`` byline), else ``Anonymous`` with a warning
* language: ``--lang``, checked to be a well-formed BCP 47 tag (``en``, ``pt-BR``)
* modified: ``SOURCE_DATE_EPOCH`` when set, else 1980-01-01T00:00:00Z (never the clock)
* identifier: ``urn:uuid:`` + a UUID 5 of everything the book says, so the same book
  always gets the same identifier::

      content_identifier([b"chapter one", b"chapter two"])
      → "urn:uuid:5c3c8a43-…"   (the same every time)
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fanfmt.errors import ConfigError
from fanfmt.model import Document, Paragraph, StoryFacts
from fanfmt.options import Options
from fanfmt.walk import plain_text

FALLBACK_AUTHOR = "Anonymous"
FALLBACK_TITLE = "Untitled"
EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
"""The earliest time a zip file can record; also the date used when no other is given."""
LATEST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/fanfmt/")

_W3CDTF_RE = re.compile(
    r"^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$"
)
_BYLINE_PREFIX_RE = re.compile(r"^\s*(?:by|author\s*:|written\s+by)\s*", re.IGNORECASE)
# RFC 5646 well-formed language tags (langtag, private use, grandfathered irregulars).
_LANG_RE = re.compile(
    r"""^(?:
        (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})   # language (+ extlang)
        (?:-[a-z]{4})?                                      # script
        (?:-(?:[a-z]{2}|\d{3}))?                            # region
        (?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*                 # variants
        (?:-[a-wy-z\d](?:-[a-z\d]{2,8})+)*                  # extensions
        (?:-x(?:-[a-z\d]{1,8})+)?                           # private use
      | x(?:-[a-z\d]{1,8})+
      | en-gb-oed|i-[a-z]{2,8}|sgn-[a-z]{2}-[a-z]{2,3}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class BookMeta:
    """Everything ``content.opf``, the title page, the nav and the NCX say about the book."""

    title: str
    author: str
    lang: str
    identifier: str
    modified: datetime
    series: str = ""
    series_index: int | None = None
    summary: str = ""
    tags: tuple[str, ...] = ()
    published: str = ""
    """When the story was first published, as its source gives it (``2014-10-26``)."""
    updated: str = ""
    """When the story was last updated, as its source gives it."""
    source: str = ""
    """Where the story lives online (``dc:source``)."""
    story: StoryFacts = field(default_factory=StoryFacts)
    """The story's facts: the user's settings over what the source states."""
    words: int = 0
    """The story's words, counted in the book's chapters."""
    chapter_count: int = 0
    origins: tuple[tuple[str, str], ...] = ()
    """Fact → where it came from (``("rating", "fanfmt.toml, line 2")``)."""

    @property
    def rows(self) -> list[Any]:
        """The title page's tag rows (:func:`fanfmt.story.title_rows`)."""
        from fanfmt.story import title_rows

        return title_rows(self.story)

    @property
    def faceted(self) -> bool:
        """Whether the story has facts beyond tags, series, summary and dates (a rating,
        fandoms …): its title page is laid out as AO3's preface."""
        return any(row.name != "tags" for row in self.rows)

    @property
    def stats(self) -> list[tuple[str, str]]:
        """The title page's ``Stats:`` (:func:`fanfmt.story.stats`); none without facts."""
        from fanfmt.story import has_any, stats

        if not has_any(self.story):
            return []
        return stats(self.story, words=self.words, chapters=self.chapter_count)

    @property
    def typed(self) -> list[tuple[str, str]]:
        """``[("fanfmt:rating", "Teen And Up Audiences"), ("fanfmt:fandom", "Naruto"), …]``:
        each typed fact as a ``<meta name>`` of the package, so a rebuild reads it back."""
        from fanfmt.story import TYPED

        out: list[tuple[str, str]] = []
        for name in TYPED:
            value = getattr(self.story, name)
            for item in value if isinstance(value, tuple) else (value,) if value else ():
                out.append((f"fanfmt:{name}", " ".join(item.split())))
        return out

    @property
    def published_date(self) -> str:
        """``published`` when it is a W3C date (what ``dc:date`` needs), else ``""``."""
        return self.published if _W3CDTF_RE.match(self.published) else ""

    @property
    def modified_text(self) -> str:
        """``2024-05-01T12:00:00Z``: the form ``dcterms:modified`` requires."""
        return self.modified.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def summary_paragraphs(self) -> list[str]:
        """The summary split at blank lines: ``"a\\n\\nb"`` → ``["a", "b"]``."""
        parts = re.split(r"\n\s*\n", self.summary.strip())
        return [" ".join(p.split()) for p in parts if p.strip()]


def book_title(docs: Sequence[Document], options: Options, fallback: str) -> tuple[str, list[str]]:
    """``--title``, else the chapters' story title, else ``fallback``; with any warnings."""
    if options.title.strip():
        return " ".join(options.title.split()), []
    titles = [" ".join(d.meta.title.split()) for d in docs if d.meta.title.strip()]
    if not titles:
        name = fallback.strip() or FALLBACK_TITLE
        return name, [f"no story title found in the chapters; using {name!r} (set it with --title)"]
    others = sorted({t for t in titles if t != titles[0]})
    if others:
        also = ", ".join(repr(t) for t in others)
        return titles[0], [
            f"chapters name different story titles ({also}); using {titles[0]!r} (set --title)"
        ]
    return titles[0], []


def _byline_author(doc: Document) -> str:
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.role == "byline":
            name = _BYLINE_PREFIX_RE.sub("", plain_text(block.children))
            return " ".join(name.split())
    return ""


def book_author(docs: Sequence[Document], options: Options) -> tuple[str, list[str]]:
    """``--author``, else the chapters' first author, else ``Anonymous``; with any warnings."""
    if options.author.strip():
        return " ".join(options.author.split()), []
    for doc in docs:
        name = " ".join(doc.meta.author.split()) or _byline_author(doc)
        if name:
            return name, []
    return FALLBACK_AUTHOR, [
        f"no author found in the chapters; using {FALLBACK_AUTHOR!r} (set it with --author)"
    ]


def check_lang(lang: str) -> str:
    """``"en-GB"`` → ``"en-GB"``; a tag that is not well-formed is a configuration error."""
    tag = lang.strip()
    if not _LANG_RE.match(tag):
        raise ConfigError(f"--lang {lang!r} is not a language tag (examples: en, en-GB, pt-BR)")
    return tag


def modified_time(environ: Mapping[str, str] | None = None, updated: str = "") -> datetime:
    """``SOURCE_DATE_EPOCH=1700000000`` → 2023-11-14T22:13:20Z; unset → the story's
    ``updated`` date when it is one (``2021-04-05`` → 2021-04-05T00:00:00Z), else
    1980-01-01 (fixed: never the clock).

    Times outside what a zip file can record are clamped to 1980–2107.
    """
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return _date(updated) or EARLIEST
    try:
        seconds = int(raw)
    except ValueError:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds since 1970"
        ) from None
    if seconds <= int(EARLIEST.timestamp()):
        return EARLIEST
    if seconds >= int(LATEST.timestamp()):
        return LATEST
    return datetime.fromtimestamp(seconds, UTC)


_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _date(text: str) -> datetime | None:
    """``"2021-04-05"`` → that day at midnight UTC (within what a zip records), else None."""
    m = _DAY_RE.match(text.strip())
    if m is None:
        return None
    try:
        day = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def content_identifier(parts: Iterable[bytes]) -> str:
    """``urn:uuid:`` + UUID 5 of the SHA-256 of ``parts``: stable, and different per book."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, digest.hexdigest())}"
