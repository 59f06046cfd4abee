"""YAML front matter at the top of a Markdown draft: the story's facts, not its first heading.

* ``---`` / ``title: The Glass Orchard`` / ``author: Wren`` / ``---`` on the first lines →
  ``FrontMatter(fields={"title": "The Glass Orchard", "author": "Wren"}, lines=4)``; the
  reader starts the chapter after it, and the title and author fill the metadata the
  user did not give
* ``authors: [Wren, Ash]`` → ``author`` ``"Wren, Ash"``; ``tags`` as a list is kept as one
* a block that is not a YAML mapping (``---`` then prose, then ``---``) is no front matter:
  it stays in the chapter as the Markdown it is, so no word is lost
* the closing line is ``---`` or ``...``, within the first :data:`MAX_LINES` lines

The YAML is read with PyYAML's safe loader (no tags, no objects), imported only when a file
starts with ``---``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from fanfmt.model import Meta

MAX_LINES = 200
"""Front matter ends within this many lines, or the opening ``---`` is a scene break."""
MAX_CHARS = 20_000
"""Nor is a block of more characters than this front matter."""

_CLOSE = ("---", "...")
_TITLE_KEYS = ("title",)
_AUTHOR_KEYS = ("author", "authors", "creator", "byline")


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
    if not lines or lines[0].rstrip() != "---":
        return NONE
    end = next(
        (
            i
            for i, line in enumerate(lines[1:MAX_LINES], start=1)
            if line.rstrip() in ("---", "...")
        ),
        0,
    )
    if end < 2:
        return NONE
    block = "\n".join(lines[1:end])
    if len(block) > MAX_CHARS or not block.strip():
        return NONE
    fields = _parse(block)
    return FrontMatter(fields, end + 1) if fields is not None else NONE


def _parse(block: str) -> dict[str, str] | None:
    """The mapping ``block`` holds, each value as display text; ``None`` if it holds none."""
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not data:
        return None
    fields: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            return None
        text = _text(value)
        if text:
            fields[key.strip().lower()] = text
    return fields


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

    What the user gave (``--title``, ``fanfmt.toml``) is already in ``meta`` and wins.
    """
    title = next((front.fields[k] for k in _TITLE_KEYS if k in front.fields), "")
    author = next((front.fields[k] for k in _AUTHOR_KEYS if k in front.fields), "")
    return replace(meta, title=meta.title or title, author=meta.author or author)
