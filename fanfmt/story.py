"""The fanfic's metadata: one table of fields, filled from every source, and where each came from.

The model is :class:`~fanfmt.model.StoryFacts` (with the title and author in
:class:`~fanfmt.model.Meta`); :data:`FIELDS` is its table. A field's row says how the
title page labels it, which :class:`~fanfmt.options.Options` field (a flag or a
``fanfmt.toml`` key, see :mod:`fanfmt.settings`) sets it, and whether it is a subject
(``dc:subject``) of an EPUB::

    Field("rating", "Rating", "rating", subject=True)

What the user sets wins over what the source states (flags > ``fanfmt.toml`` > the
source): ``story_facts(Options(rating="Mature"), StoryFacts(rating="Teen"))`` →
``StoryFacts(rating="Mature")``. A list the user gives comes first, then the source's
values, each once (nothing the source states is dropped). ``origins`` says where each field
came from: ``{"rating": "--rating", "fandoms": "source"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from fanfmt.model import StoryFacts
from fanfmt.options import Options
from fanfmt.record import record


@record()
class Field:
    """One field of the story's metadata."""

    name: str
    """The :class:`StoryFacts` field."""
    label: str
    """How an AO3-style title page names it (``Archive Warning``)."""
    option: str = ""
    """The :class:`Options` field a user sets it with; empty: only a source states it."""
    subject: bool = False
    """Written as ``dc:subject`` entries of an EPUB (and kept as a typed field too)."""
    hidden: bool = False
    """Behind a tap where the format allows (``<details>``): AO3's archive warnings."""


FIELDS: tuple[Field, ...] = (
    Field("rating", "Rating", "rating", subject=True),
    Field("warnings", "Archive Warning", "warnings", subject=True, hidden=True),
    Field("categories", "Category", "categories", subject=True),
    Field("fandoms", "Fandom", "fandoms", subject=True),
    Field("relationships", "Relationship", "relationships", subject=True),
    Field("characters", "Characters", "characters", subject=True),
    Field("tags", "Additional Tags", "tags", subject=True),
    Field("language", "Language"),
    Field("series", "Series", "series"),
    Field("series_index", "Part", "series_index"),
    Field("summary", "Summary", "summary"),
    Field("status", "Status", "status"),
    Field("published", "Published", "published"),
    Field("updated", "Updated", "updated"),
    Field("url", "Source", "source_url"),
    Field("words", "Words"),
    Field("chapters", "Chapters"),
    Field("notes", "Notes"),
)
"""Every field, in the order a title page shows them."""
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
SUBJECT_ORDER: tuple[str, ...] = (
    "tags",
    "fandoms",
    "rating",
    "warnings",
    "categories",
    "relationships",
    "characters",
)
"""The order of an EPUB's subjects: the additional tags first, then the typed ones."""
TYPED: tuple[str, ...] = (*(n for n in SUBJECT_ORDER if n != "tags"), "status", "language")
"""The fields an EPUB made by fanfmt also keeps as ``<meta name="fanfmt:…">``, so that a
rebuilt book gets each one back as the field it was."""


def _user_value(options: Options, field: Field) -> Any:
    value = getattr(options, field.option) if field.option else None
    return value


def story_facts(options: Options, source: StoryFacts) -> StoryFacts:
    """The story's facts: what ``options`` sets, then what ``source`` states (see the module)."""
    changes: dict[str, Any] = {}
    for field in FIELDS:
        given = _user_value(options, field)
        if not given:
            continue
        stated = getattr(source, field.name)
        if isinstance(stated, tuple):
            changes[field.name] = tuple(dict.fromkeys((*given, *stated)))
        else:
            changes[field.name] = given
    return replace(source, **changes) if changes else source


def origins(
    options: Options,
    source: StoryFacts,
    where: Mapping[str, str] | None = None,
    stated: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Field → where its value came from: the flag, ``fanfmt.toml, line N``, or what
    stated it in the source (``page``, ``EPUB``, ``front matter`` …; ``source`` when
    not known): ``{"rating": "--rating", "fandoms": "page"}``.

    ``where`` is :attr:`fanfmt.config.Resolved.sources` (Options field → origin); without
    it a value the user set is said to be ``set``. ``stated`` names, field by field, what
    stated the source's value (a book's chapters: :func:`stated_origins`); else
    ``source.stated_by`` does for every field.
    """
    where = where if where is not None else options.origins
    stated = stated or {}
    out: dict[str, str] = {}
    for field in FIELDS:
        given = _user_value(options, field)
        value = getattr(source, field.name)
        said = stated.get(field.name) or source.stated_by or "source"
        if given:
            origin = where.get(field.option, "set")
            out[field.name] = f"{origin} + {said}" if isinstance(value, tuple) and value else origin
        elif value:
            out[field.name] = said
    return out


def stated_origins(facts: Iterable[StoryFacts]) -> dict[str, str]:
    """Field → what stated it first, over several chapters' facts (the first one that
    states a field gives it, as :func:`fill_facts` does): ``{"rating": "front matter"}``."""
    out: dict[str, str] = {}
    for one in facts:
        for field in FIELDS:
            if field.name not in out and getattr(one, field.name) and one.stated_by:
                out[field.name] = one.stated_by
    return out


def subjects(facts: StoryFacts, first: Sequence[str] = ()) -> tuple[str, ...]:
    """``first``, then every value of the subject fields, each once: the ``dc:subject`` list."""
    values: list[str] = [*first]
    for name in SUBJECT_ORDER:
        value = getattr(facts, name)
        values.extend(value if isinstance(value, tuple) else (value,) if value else ())
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


@record()
class Row:
    """One row of a title page: ``Row("Fandom", ("Naruto", "Bleach"))``."""

    label: str
    values: tuple[str, ...]
    hidden: bool = False
    name: str = ""


def title_rows(facts: StoryFacts, *, words: int = 0, chapters: int = 0) -> list[Row]:
    """The tag rows of an AO3-style title page (rating … additional tags, language).

    The summary, series, dates and counts have places of their own (:func:`stats`).
    """
    rows: list[Row] = []
    for field in FIELDS[: FIELDS.index(BY_NAME["language"]) + 1]:
        value = getattr(facts, field.name)
        values = value if isinstance(value, tuple) else (value,) if value else ()
        if values:
            rows.append(Row(field.label, tuple(values), field.hidden, field.name))
    return rows


def stats(facts: StoryFacts, *, words: int = 0, chapters: int = 0) -> list[tuple[str, str]]:
    """AO3's ``Stats:`` line as pairs: published, updated (``Completed`` when complete),
    words and chapters (counted in the book; the source's own count when it states a total).
    """
    out: list[tuple[str, str]] = []
    if facts.published:
        out.append(("Published", facts.published))
    if facts.updated:
        out.append(("Completed" if facts.status == "complete" else "Updated", facts.updated))
    count = words or facts.words
    if count:
        out.append(("Words", f"{count:,}"))
    if chapters or facts.chapters:
        total = facts.chapters.partition("/")[2] if "/" in facts.chapters else ""
        if chapters:
            out.append(("Chapters", f"{chapters}/{total or ('?' if _open(facts) else chapters)}"))
        else:
            out.append(("Chapters", facts.chapters))
    return out


def _open(facts: StoryFacts) -> bool:
    return facts.status == "in progress"


def fill_facts(first: StoryFacts, then: StoryFacts) -> StoryFacts:
    """``first``, with what it leaves empty taken from ``then`` (lists: both, once each)."""
    changes: dict[str, Any] = {}
    for name in StoryFacts.__dataclass_fields__:
        a, b = getattr(first, name), getattr(then, name)
        if isinstance(a, tuple):
            changes[name] = tuple(dict.fromkeys((*a, *b)))
        elif not a and b:
            changes[name] = b
    return replace(first, **changes)


def untyped_tags(facts: StoryFacts) -> StoryFacts:
    """``facts`` without the additional tags that another field holds (an EPUB's subjects
    list the rating, fandoms and characters too): ``tags=("Naruto", "Fluff")`` with
    ``fandoms=("Naruto",)`` → ``tags=("Fluff",)``."""
    typed = {v for name in SUBJECT_ORDER if name != "tags" for v in _values(facts, name)}
    tags = tuple(t for t in facts.tags if t not in typed)
    return facts if tags == facts.tags else replace(facts, tags=tags)


def _values(facts: StoryFacts, name: str) -> tuple[str, ...]:
    value = getattr(facts, name)
    return value if isinstance(value, tuple) else (value,) if value else ()


def has_any(facts: StoryFacts) -> bool:
    """Whether any field a title page shows is stated (beyond title and author)."""
    return any(getattr(facts, f.name) for f in FIELDS if f.name != "notes")


__all__ = [
    "BY_NAME",
    "FIELDS",
    "SUBJECT_ORDER",
    "TYPED",
    "Field",
    "Row",
    "facts_comment",
    "fill_facts",
    "has_any",
    "origins",
    "stated_origins",
    "stats",
    "story_facts",
    "subjects",
    "title_rows",
    "untyped_tags",
]


def facts_comment(facts: StoryFacts, options: Options) -> str:
    """The story's facts as ``fanfmt config`` prints them under the settings: comment
    lines, each with where it came from (so the listing stays a valid ``fanfmt.toml``)."""
    import json

    from fanfmt.settings import KEYS

    keys = {s.field: s.key for s in KEYS}
    merged = story_facts(options, facts)
    where = origins(options, facts)
    rows: list[tuple[str, str]] = []
    for field in FIELDS:
        value = getattr(merged, field.name)
        if not value or field.name not in where:
            continue
        if isinstance(value, tuple):
            shown = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        elif isinstance(value, int):
            shown = str(value)
        else:
            shown = json.dumps(" ".join(str(value).split())[:80], ensure_ascii=False)
        rows.append((f"# {keys.get(field.option, field.name)} = {shown}", where[field.name]))
    if not rows:
        return ""
    width = max(len(text) for text, _ in rows)
    lines = ["", "# The story's facts (flags > fanfmt.toml > the source):"]
    lines += [f"{text:<{width}}  # {origin}" for text, origin in rows]
    return "\n".join(lines) + "\n"
