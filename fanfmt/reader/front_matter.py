"""Front matter at the top of a Markdown draft: the story's facts, not its first heading.

* ``---`` / ``title: The Glass Orchard`` / ``author: Wren`` / ``---`` on the first lines →
  ``FrontMatter(fields={"title": "The Glass Orchard", "author": "Wren"}, lines=4)``; the
  reader starts the chapter after it, and the title and author fill the metadata the
  user did not give
* ``authors: [Wren, Ash]`` → ``author`` ``"Wren, Ash"``; ``tags``, ``fandom``, ``rating``,
  ``warnings``, ``category``, ``relationships``, ``characters``, ``language``, ``series``,
  ``series_index``, ``status``, ``published`` (or ``date``), ``updated``, ``url`` and
  ``summary`` fill the story's facts
* ``notes: Thanks to my beta.`` (an AO3 backup's key; also ``author_notes``) → an author's
  note before the chapter, read as Markdown; ``end_notes`` → one after it
* ``subtitle: "Chapter 16"`` (or ``chapter:``, or a ``title`` that is a chapter line) is the
  chapter's heading when the chapter has none of its own
* a block that is not a YAML mapping (``---`` then prose, then ``---``) is no front matter:
  it stays in the chapter as the Markdown it is, so no word is lost
* the closing line is ``---`` or ``...``, within the first :data:`MAX_LINES` lines
* TOML front matter (Hugo's ``+++`` / ``title = "The Glass Orchard"`` / ``+++``) is read the
  same way; a block between ``+++`` lines that is not TOML stays in the chapter

The YAML is read with PyYAML's safe loader (no tags, no objects), imported only when a file
starts with ``---``; TOML with the standard library's ``tomllib``, when it starts with ``+++``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from fanfmt.model import Block, Heading, Meta, Strong, Text
from fanfmt.patterns import CHAPTER_LINE

MAX_LINES = 200
"""Front matter ends within this many lines, or the opening ``---`` is a scene break."""
MAX_CHARS = 20_000
"""Nor is a block of more characters than this front matter."""

_CLOSE = ("---", "...")
_TOML = "+++"
_TITLE_KEYS = ("title",)
_CHAPTER_KEYS = ("chapter", "chapter_title", "subtitle")
_SUMMARY_KEYS = ("summary", "description", "excerpt")
_AUTHOR_KEYS = ("author", "authors", "creator", "byline")
NOTE_KEYS = {
    "notes": "before",
    "author_notes": "before",
    "authors_notes": "before",
    "beginning_notes": "before",
    "end_notes": "after",
    "endnotes": "after",
}
"""Keys whose value is an author's note (an AO3 backup's ``notes:``), and where it goes;
the value keeps its lines, for it is Markdown of its own."""
_STATUS = {
    "complete": "complete",
    "completed": "complete",
    "in progress": "in progress",
    "in-progress": "in progress",
    "ongoing": "in progress",
    "wip": "in progress",
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The fields of a front-matter block and how many lines of the file it took."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: int = 0


NONE = FrontMatter()


def split_front_matter(lines: list[str]) -> FrontMatter:
    """The front matter that ``lines`` (the file, split at newlines) opens with, if any.

    ``split_front_matter(["---", "title: Ash", "---", "", "Text."])``
    → ``FrontMatter(fields={"title": "Ash"}, lines=3)``
    """
    opening = lines[0].rstrip() if lines else ""
    if opening not in ("---", _TOML):
        return NONE
    closing = (_TOML,) if opening == _TOML else _CLOSE
    end = next(
        (i for i, line in enumerate(lines[1:MAX_LINES], start=1) if line.rstrip() in closing),
        0,
    )
    if end < 2:
        return NONE
    block = "\n".join(lines[1:end])
    if len(block) > MAX_CHARS or not block.strip():
        return NONE
    fields = _parse_toml(block) if opening == _TOML else _parse(block)
    return FrontMatter(fields, end + 1) if fields is not None else NONE


def _parse(block: str) -> dict[str, str] | None:
    """The mapping ``block`` holds, each value as display text; ``None`` if it holds none."""
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return None
    return _fields(data)


def _parse_toml(block: str) -> dict[str, str] | None:
    """``title = "Ash"`` → ``{"title": "Ash"}``; ``None`` if ``block`` is not TOML."""
    import tomllib

    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return None
    return _fields(data)


def _fields(data: object) -> dict[str, str] | None:
    """A parsed mapping's fields as display text (keys folded to lower case)."""
    if not isinstance(data, dict) or not data:
        return None
    fields: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            return None
        name = key.strip().lower()
        text = value.strip() if name in NOTE_KEYS and isinstance(value, str) else _text(value)
        if text:
            fields[name] = text
    return fields


def front_notes(front: FrontMatter) -> list[tuple[str, str]]:
    """``(position, Markdown)`` of each author's note the front matter holds, in order.

    ``notes: "Thanks, Ash."`` → ``[("before", "Thanks, Ash.")]``.
    """
    return [(NOTE_KEYS[k], v) for k, v in front.fields.items() if k in NOTE_KEYS]


def _text(value: object) -> str:
    """``"Wren"`` → ``"Wren"``; ``["Wren", "Ash"]`` → ``"Wren, Ash"``; a date → its ISO form."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        return ""
    return " ".join(str(value).split())


def fill_meta(meta: Meta, front: FrontMatter) -> Meta:
    """``meta`` with the title and author the front matter gives where ``meta`` has none.

    What the user gave (``--author``) is already in ``meta`` and wins; ``--title`` and the
    story facts the user sets win later (:func:`fanfmt.pipeline.retitle`,
    :func:`fanfmt.story.story_facts`). A
    ``title`` that is a chapter line (``Chapter 3: Frost``) names the chapter, not the story
    (:func:`chapter_line`).
    """
    title = next((front.fields[k] for k in _TITLE_KEYS if k in front.fields), "")
    if CHAPTER_LINE.match(title):
        title = ""
    author = next((front.fields[k] for k in _AUTHOR_KEYS if k in front.fields), "")
    story = meta.story
    index = _first(front, ("series_index", "series_part", "part"))
    facts = replace(
        story,
        summary=story.summary or _first(front, _SUMMARY_KEYS),
        tags=story.tags or _list(front, "tags", "additional_tags", "freeform"),
        fandoms=story.fandoms or _list(front, "fandom", "fandoms"),
        rating=story.rating or _first(front, ("rating",)),
        warnings=story.warnings or _list(front, "warnings", "warning", "archive_warnings"),
        categories=story.categories or _list(front, "categories", "category"),
        relationships=story.relationships or _list(front, "relationships", "relationship"),
        characters=story.characters or _list(front, "characters"),
        language=story.language or _first(front, ("language",)),
        series=story.series or _first(front, ("series",)),
        series_index=story.series_index or (int(index) if index.isdigit() else 0),
        status=story.status or _STATUS.get(_first(front, ("status",)).lower(), ""),
        published=story.published or _first(front, ("published", "date")),
        updated=story.updated or _first(front, ("updated", "modified")),
        url=story.url or _first(front, ("url", "source", "link")),
    )
    if facts and not facts.stated_by:
        facts = replace(facts, stated_by="front matter")
    return replace(meta, title=meta.title or title, author=meta.author or author, story=facts)


def chapter_line(front: FrontMatter) -> str:
    """The chapter heading the front matter gives, if the chapter has none of its own.

    ``subtitle: "Chapter 16"`` or ``chapter: 16`` → ``"Chapter 16"``; ``title: "Chapter 3:
    Frost"`` → ``"Chapter 3: Frost"``; ``title: "The Glass Orchard"`` alone → ``""``.
    """
    for key in _CHAPTER_KEYS:
        value = front.fields.get(key, "")
        if value:
            return f"Chapter {value}" if value.isdigit() else value
    title = next((front.fields[k] for k in _TITLE_KEYS if k in front.fields), "")
    return title if CHAPTER_LINE.match(title) else ""


def _first(front: FrontMatter, keys: tuple[str, ...]) -> str:
    return next((front.fields[k] for k in keys if k in front.fields), "")


def _list(front: FrontMatter, *keys: str) -> tuple[str, ...]:
    value = _first(front, keys)
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def front_heading(blocks: tuple[Block, ...], heading: str) -> tuple[Block, ...]:
    """The front matter's chapter line over the chapter: its heading when the text has none;
    its number over the text's heading when that one is a title alone (``title: Chapter 1``
    and ``# **The Snap**`` → ``Chapter 1`` / ``The Snap``)."""
    from fanfmt.rules._chapter import chapter_line as typed_chapter_line
    from fanfmt.walk import plain_text

    k = next((k for k, b in enumerate(blocks[:3]) if isinstance(b, Heading)), None)
    if k is None:
        return (Heading(title=(Text(heading),), line=1), *blocks)
    found = blocks[k]
    assert isinstance(found, Heading)
    m = typed_chapter_line(heading)
    if m is None or m.group("title") or found.number or typed_chapter_line(plain_text(found.title)):
        return blocks
    title = found.title
    if len(title) == 1 and isinstance(title[0], Strong):
        title = title[0].children  # "# **The Snap**": the heading is bold as a whole
    number = (Text(m.group("number").strip()),)
    return (*blocks[:k], replace(found, number=number, title=title), *blocks[k + 1 :])
