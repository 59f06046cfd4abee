"""An EPUB's subjects that are facts, not tags: FanFicFare's status and update dates.

FanFicFare writes the story's status and its last update as ``dc:subject`` entries beside
the genres and characters. They are sorted into the fields they are::

    sort_subjects(("Drama", "Last Update: 2020/06/02", "Completed"))
    → Sorted(tags=("Drama",), status="complete", updated="2020-06-02")

* ``Completed`` → status ``complete``; ``In-Progress`` (``In Progress``, ``WIP``) →
  ``in progress``
* ``Last Update: 2020/06/02`` → updated ``2020-06-02``
* ``Last Update Year/Month: 2020/06`` says again what the full date says: the updated
  date only when no full date is given (``2020-06``)

Every other subject stays a tag, as it was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

STATUS_SUBJECTS: dict[str, str] = {
    "completed": "complete",
    "complete": "complete",
    "in-progress": "in progress",
    "in progress": "in progress",
    "wip": "in progress",
}
"""A subject that is the story's status (case folded) → the status."""
_UPDATE_RE = re.compile(
    r"^last\s+update(?P<month>\s+year/month)?\s*:\s*(?P<date>\d{4}(?:[/-]\d{1,2}){1,2})$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Sorted:
    """The subjects left as tags, and the status and updated date found among them."""

    tags: tuple[str, ...]
    status: str = ""
    updated: str = ""


def _iso(date: str) -> str:
    """``2020/6/2`` → ``2020-06-02``; ``2020/06`` → ``2020-06``."""
    year, *rest = re.split(r"[/-]", date)
    return "-".join([year, *(part.zfill(2) for part in rest)])


def sort_subjects(subjects: Iterable[str]) -> Sorted:
    """The subjects sorted into tags, status and updated date (see the module)."""
    tags: list[str] = []
    status = updated = month = ""
    for subject in subjects:
        key = " ".join(subject.split()).casefold()
        if key in STATUS_SUBJECTS:
            status = status or STATUS_SUBJECTS[key]
            continue
        found = _UPDATE_RE.match(" ".join(subject.split()))
        if found is None:
            tags.append(subject)
        elif found["month"]:
            month = month or _iso(found["date"])
        else:
            updated = updated or _iso(found["date"])
    return Sorted(tuple(tags), status, updated or month)


__all__ = ["STATUS_SUBJECTS", "Sorted", "sort_subjects"]
