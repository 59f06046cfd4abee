"""User choices, carried to every rule and writer in one frozen value.

``Options(quotes="british", disabled_rules=frozenset({"dashes"}))``

A value that is not one of a field's choices is refused when the options are made, with
the choices in the message: ``Options(quotes="brit")`` → ``ConfigError('Options(quotes=
"brit"): expected one of auto, american, british')``. The choices are the ``Literal``
types below, declared once: the settings table (:mod:`fanfmt.settings`) checks
``fanfmt.toml`` and flags against the same tuples.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import field
from typing import Any, Literal, get_args, get_origin, get_type_hints

from fanfmt.errors import ConfigError
from fanfmt.record import record

QuoteStyle = Literal["auto", "american", "british"]
ThoughtStyle = Literal["auto", "single", "asterisk", "underscore", "none"]
DashStyle = Literal["closed", "spaced"]
NotesMode = Literal["keep", "end", "omit"]
StylesheetMode = Literal["link", "inline"]
InputFormat = Literal["auto", "text", "markdown", "html"]
Ao3Mode = Literal["kit", "single"]
Status = Literal["", "complete", "in progress"]
BookTo = Literal["", "epub", "html"]
MarkStyle = Literal["standard", "alternate"]
PunctSpace = Literal["add", "typed"]

QUOTE_STYLES: tuple[str, ...] = get_args(QuoteStyle)
THOUGHT_STYLES: tuple[str, ...] = get_args(ThoughtStyle)
DASH_STYLES: tuple[str, ...] = get_args(DashStyle)
NOTES_MODES: tuple[str, ...] = get_args(NotesMode)
STYLESHEET_MODES: tuple[str, ...] = get_args(StylesheetMode)
INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)
AO3_MODES: tuple[str, ...] = get_args(Ao3Mode)
STATUSES: tuple[str, ...] = get_args(Status)[1:]
"""``complete``, ``in progress`` (empty: as the source says)."""
MARK_STYLES: tuple[str, ...] = get_args(MarkStyle)
PUNCT_SPACES: tuple[str, ...] = get_args(PunctSpace)


@record()
class Options:
    """Everything a user can choose. Defaults suit most fanfic."""

    disabled_rules: frozenset[str] = frozenset()
    """Rule names to switch off (see ``fanfmt rules``)."""
    quotes: QuoteStyle = "auto"
    """Dialogue convention: ``american`` ("…" with '…' nested) or ``british`` ('…' with "…")."""
    thoughts: ThoughtStyle = "auto"
    """How thoughts are marked in the source."""
    thought_marks: bool = False
    """Keep the quote marks around thoughts written in single quotes (default: italics alone)."""
    dash_style: DashStyle = "closed"
    """``closed``: word—word; ``spaced``: word — word."""
    scene_break: str = ""
    """Text ornament shown for every scene break (e.g. ``* * *`` or ``⁂``); empty: a rule."""
    notes: NotesMode = "keep"
    """Author's notes: keep in place, collect at the end, or omit."""
    stylesheet: StylesheetMode = "link"
    """XHTML: link ``fanfmt.css`` (written beside the output) or inline it."""
    ao3: Ao3Mode = "kit"
    """``--to ao3``: a posting kit (a folder, one file per field of AO3's form, and a page
    to copy them from), or ``single``: one text to paste, notes and heading inside it."""
    force: bool = False
    """Replace a ``fanfmt.css`` beside the output that is not fanfmt's own (a user's, or
    one edited by hand); without it, such a file is left alone and a warning says so."""
    title: str = ""
    """Story title; overrides the one found in the text."""
    author: str = ""
    lang: str = "auto"
    """The chapter's language tag (``fr``, ``pt-BR``); ``auto``: the page's, else detected."""
    marks: MarkStyle = "standard"
    """The language's standard quotation marks, or its alternate ones (German ``»…«``)."""
    punct_space: PunctSpace = "add"
    """French: ``add`` a narrow no-break space before ``; : ! ?`` where none is typed
    (``Oui?`` → ``Oui ?``); ``typed``: only make a typed space a narrow no-break one."""
    templates: str | None = None
    """A folder whose templates are used before the built-in ones."""
    encoding: str | None = None
    """Force an input encoding instead of detecting it."""
    from_format: InputFormat = "auto"
    """How to read inputs: ``text``, ``markdown``, ``html``, or ``auto`` (suffix, then content)."""
    series: str = ""
    """The series the story belongs to (shown by templates, written to EPUB metadata)."""
    series_index: int | None = None
    """The story's place in its series (1, 2, …)."""
    summary: str = ""
    tags: tuple[str, ...] = ()
    """Additional (freeform) tags."""
    fandoms: tuple[str, ...] = ()
    rating: str = ""
    """``Teen And Up Audiences``, ``T`` … as the user names it."""
    warnings: tuple[str, ...] = ()
    """AO3's archive warnings."""
    categories: tuple[str, ...] = ()
    """``Gen``, ``F/M`` …"""
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    status: Status = ""
    """``complete`` or ``in progress``; empty: as the source says."""
    published: str = ""
    """When the story was first published (``2021-03-04``)."""
    updated: str = ""
    source_url: str = ""
    """Where the story lives online."""
    cover: str | None = None
    """Path of a cover image."""
    book_to: BookTo = ""
    """``epub``: ``fanfmt build DIR`` makes one book of the folder; ``html``: one reading
    page of the whole story (``[book] to``)."""
    book_name: str = ""
    """The book's file name template (``"{author} - {title}.epub"``; ``[book] name``)."""
    scene_break_markers: tuple[str, ...] = ()
    """Lines the author uses as scene breaks beyond those fanfmt knows (``~HP~``, ``[break]``)."""
    captions: bool = True
    """Detect scene captions (short time/place lines after a break)."""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Further metadata for templates, beyond the fields above (``{"publisher": "…"}``)."""
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Where each field's value came from (``{"rating": "fanfmt.toml, line 3"}``), as
    :func:`fanfmt.config.resolve` found it; shown by ``-v``."""

    def __post_init__(self) -> None:
        for name, choices in _checks():
            value = getattr(self, name)
            if choices is None:  # a switch
                if not isinstance(value, bool):
                    raise ConfigError(f"Options({name}={value!r}): expected True or False")
            elif value not in choices:
                expected = ", ".join(map(str, choices))
                raise ConfigError(f"Options({name}={value!r}): expected one of {expected}")
        rules: object = self.disabled_rules
        if isinstance(rules, str):  # "dashes" for {"dashes"}: a set of its letters
            raise ConfigError(
                f"Options(disabled_rules={rules!r}): expected a set of rule names, "
                f"such as frozenset({{{rules!r}}})"
            )

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` applied (checked as a new one is)."""
        return dataclasses.replace(self, **changes)


@functools.cache
def _checks() -> tuple[tuple[str, tuple[object, ...] | None], ...]:
    """``(field, its choices)`` for each field typed as a ``Literal``, ``(field, None)`` for
    each ``bool``: read once from the class's own annotations."""
    found: list[tuple[str, tuple[object, ...] | None]] = []
    for name, hint in get_type_hints(Options).items():
        if get_origin(hint) is Literal:
            found.append((name, get_args(hint)))
        elif hint is bool:
            found.append((name, None))
    return tuple(found)
