"""The labelled fields of an AO3 preface, as text, read into :class:`~fanfmt.model.StoryFacts`.

``read_fields(["Rating:", "Explicit", "Fandom:", "Naruto, Bleach",
"Stats:", "Published: 2014-10-26 Words: 5203 Chapters: 1/1"])``
→ ``StoryFacts(rating="Explicit", fandoms=("Naruto", "Bleach"), published="2014-10-26",
words=5203, chapters="1/1")``.

A label is alone on its line with the value on the lines below it (an HTML download with
its tags stripped), or ``Rating: Explicit`` on one line. A label this module does not
know keeps its value as a ``"Label: value"`` line in ``notes``: nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import StoryFacts

LABEL_RE = rx.compile(
    r"^\s*(?P<label>ratings?|archive warnings?|categor(?:y|ies)|fandoms?|relationships?"
    r"|characters?|additional tags|freeform tags|tags|language|series|collections?|stats)"
    r"\s*:\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
"""``Rating:`` alone, or ``Rating: Explicit``: a field of AO3's preface."""
STAT_RE = rx.compile(
    r"(?P<key>published|updated|completed|words|chapters|comments|kudos|bookmarks|hits)"
    r"\s*:\s*(?P<value>\S+)",
    re.IGNORECASE,
)
"""``Published: 2014-10-26``, ``Words: 5,203``: one of the Stats (several on one line)."""
SERIES_PART_RE = rx.compile(r"^part\s+(\d+)\s+of\s*(.*)$", re.IGNORECASE)
"""``Part 2 of`` (the series name on the next line) or ``Part 2 of The Name``."""
_PLURAL = {"additional tags", "freeform tags", "tags", "stats", "series"}
"""Labels that end in s and are no plural."""
_LISTS = {
    "archive warning": "warnings",
    "category": "categories",
    "fandom": "fandoms",
    "relationship": "relationships",
    "character": "characters",
    "additional tags": "tags",
    "freeform tags": "tags",
    "tags": "tags",
}


def is_label(text: str) -> bool:
    """``Fandom:`` / ``Rating: Mature`` → True; ``Published: 2014-10-26`` → False."""
    return LABEL_RE.match(text) is not None


def _key(label: str) -> str:
    """``Archive Warnings`` → ``archive warning``; ``Categories`` → ``category``."""
    key = label.lower().strip()
    if key in _PLURAL:
        return key
    if key.endswith("ies"):
        return key[:-3] + "y"
    return key[:-1] if key.endswith("s") and key not in _PLURAL else key


def _split(value: str) -> tuple[str, ...]:
    """``Gen, F/M`` → ``("Gen", "F/M")``."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


def group_fields(lines: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Lines → ``(label, value lines)`` in order; lines before any label go under ``""``.

    ``["Rating:", "Mature", "Fandom: Naruto"]``
    → ``[("Rating", ["Mature"]), ("Fandom", ["Naruto"])]``
    """
    groups: list[tuple[str, list[str]]] = []
    for line in lines:
        m = LABEL_RE.match(line)
        if m is not None:
            groups.append((m.group("label"), [m.group("value")] if m.group("value") else []))
        elif groups:
            groups[-1][1].append(line.strip())
        else:
            groups.append(("", [line.strip()]))
    return groups


def read_fields(lines: Iterable[str], facts: StoryFacts | None = None) -> StoryFacts:
    """The preface's field lines → the facts they state (added to ``facts``)."""
    facts = facts or StoryFacts()
    notes = list(facts.notes)
    for label, values in group_fields(lines):
        key = _key(label)
        value = ", ".join(v for v in values if v)
        if key == "rating":
            facts = replace(facts, rating=value)
        elif key in _LISTS:
            name = _LISTS[key]
            values_now: tuple[str, ...] = (*getattr(facts, name), *_split(value))
            facts = replace(facts, **{name: values_now})  # type: ignore[arg-type]
        elif key == "language":
            facts = replace(facts, language=value)
        elif key == "series":
            facts = _series(facts, values, notes)
        elif key == "stats":
            facts = _stats(facts, values, notes)
        elif value:
            notes.append(f"{label}: {value}" if label else value)
    return replace(facts, notes=tuple(notes))


def _series(facts: StoryFacts, values: list[str], notes: list[str]) -> StoryFacts:
    """``["Part 2 of", "The Name"]`` → series ``The Name``, index 2 (a second series: a note)."""
    text = " ".join(v for v in values if v)
    m = SERIES_PART_RE.match(text)
    name, index = (m.group(2).strip(), int(m.group(1))) if m else (text, 0)
    if facts.series:
        notes.append(f"Series: {text}")
        return facts
    return replace(facts, series=name, series_index=index)


def _stats(facts: StoryFacts, values: list[str], notes: list[str]) -> StoryFacts:
    """``["Published: 2014-10-26", "Words: 5203"]`` → published, words; others as notes."""
    for line in values:
        for m in STAT_RE.finditer(line):
            key, value = m.group("key").lower(), m.group("value")
            if key == "published":
                facts = replace(facts, published=value)
            elif key in {"updated", "completed"}:
                facts = replace(facts, updated=value)
                if key == "completed":
                    facts = replace(facts, status="complete")
            elif key == "words" and value.replace(",", "").isdigit():
                facts = replace(facts, words=int(value.replace(",", "")))
            elif key == "chapters":
                facts = _chapters(facts, value)
            else:
                notes.append(f"{m.group('key')}: {value}")
        rest = STAT_RE.sub("", line).strip()
        if rest:
            notes.append(f"Stats: {rest}")
    return facts


def _chapters(facts: StoryFacts, value: str) -> StoryFacts:
    """``3/10`` → in progress; ``5/5`` → complete."""
    done, _, total = value.partition("/")
    status = facts.status
    if total and total == done:
        status = "complete"
    elif total:
        status = status or "in progress"
    return replace(facts, chapters=value, status=status)


def count_facts(facts: StoryFacts) -> int:
    """How many facts ``facts`` holds: each field stated, each note line."""
    count = 0
    for name in StoryFacts.__dataclass_fields__:
        value = getattr(facts, name)
        if name == "notes":
            count += len(value)
        elif name not in ("series_index", "stated_by") and value:
            count += 1
    return count
