"""A book's file name from a template, as FanFicFare's ``output_filename`` makes one.

``[book] name = "{author} - {title}.epub"`` in ``fanfmt.toml``::

    book_file_name("{author} - {title}.epub", {"author": "Ada Quill", "title": "Salt/Sea?"})
    → "Ada Quill - Salt_Sea_.epub"

Each value is made safe before it goes in: the characters no common file system takes in
a name (``/ \\ : * ? " < > |`` and control characters) become ``_``, runs of spaces one
space, and leading dots go, so a title can never climb into another folder or hide the
file. The name is cut to :data:`MAX_NAME_BYTES` (its suffix kept), ends in the suffix of
what is built (``.epub``, or ``.html`` for a story's reading page: the template's own
``.epub`` or ``.html`` is replaced by it), and is never empty or a name Windows reserves
(``CON``, ``NUL`` …).
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

from fanfmt import rx

FIELDS: tuple[str, ...] = (
    "title",
    "author",
    "series",
    "series_index",
    "rating",
    "status",
    "fandom",
    "language",
    "published",
    "updated",
    "words",
    "chapters",
)
"""The names a template may use, each between braces."""
MAX_NAME_BYTES = 200
BOOK_SUFFIXES: tuple[str, ...] = (".epub", ".html", ".htm")
"""The suffixes a template may end in; the one of what is built replaces it."""
_UNSAFE_RE = rx.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    }
)


class BadNameError(ValueError):
    """A template that names an unknown field or is not a template (the message says)."""


def template_fields(template: str) -> list[str]:
    """``"{author} - {title}.epub"`` → ``["author", "title"]``; a bad one: :class:`BadNameError`."""
    try:
        parts = list(Formatter().parse(template))
    except ValueError as exc:
        raise BadNameError(f"not a name template ({exc}): use {{title}}, {{author}} …") from None
    names = [name for _, name, _, _ in parts if name is not None]
    for name in names:
        if name not in FIELDS:
            known = ", ".join("{" + f + "}" for f in FIELDS)
            raise BadNameError(f"unknown field {{{name}}} (known: {known})")
    if "/" in template or "\\" in template:
        raise BadNameError("a name, not a path: no / or \\ in it (give -o a folder instead)")
    return names


def safe_part(text: str) -> str:
    """``"Salt/Sea?"`` → ``"Salt_Sea_"``; ``"  a   b "`` → ``"a b"``."""
    return " ".join(_UNSAFE_RE.sub("_", text).split())


def book_file_name(template: str, values: Mapping[str, object], suffix: str = ".epub") -> str:
    """The file name ``template`` gives with ``values`` (see the module)."""
    template_fields(template)
    safe = {name: safe_part(str(values.get(name, "") or "")) for name in FIELDS}
    name = safe_part(template.format_map(safe)).lstrip(". ").rstrip(" .")
    for given in dict.fromkeys((suffix, *BOOK_SUFFIXES)):
        if name.lower().endswith(given):
            name = name[: -len(given)].rstrip(" .")
            break
    while len(name.encode("utf-8")) > MAX_NAME_BYTES - len(suffix):
        name = name[:-1].rstrip(" .")
    if not name or name.split(".")[0].lower() in _RESERVED:
        name = f"_{name}" if name else "book"
    return name + suffix


__all__ = [
    "BOOK_SUFFIXES",
    "FIELDS",
    "MAX_NAME_BYTES",
    "BadNameError",
    "book_file_name",
    "safe_part",
    "template_fields",
]
