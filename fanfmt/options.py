"""User choices, carried to every rule and writer in one frozen value.

``Options(quotes="british", disabled_rules=frozenset({"dashes"}))``
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteStyle = Literal["auto", "american", "british"]
ThoughtStyle = Literal["auto", "single", "asterisk", "underscore", "none"]
DashStyle = Literal["closed", "spaced"]
NotesMode = Literal["keep", "end", "omit"]
StylesheetMode = Literal["link", "inline"]
InputFormat = Literal["auto", "text", "markdown", "html"]
MarkStyle = Literal["standard", "alternate"]

QUOTE_STYLES: tuple[str, ...] = ("auto", "american", "british")
THOUGHT_STYLES: tuple[str, ...] = ("auto", "single", "asterisk", "underscore", "none")
DASH_STYLES: tuple[str, ...] = ("closed", "spaced")
NOTES_MODES: tuple[str, ...] = ("keep", "end", "omit")
INPUT_FORMATS: tuple[str, ...] = ("auto", "text", "markdown", "html")
MARK_STYLES: tuple[str, ...] = ("standard", "alternate")


@dataclass(frozen=True, slots=True)
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
    cover: str | None = None
    """Path of a cover image."""
    scene_break_markers: tuple[str, ...] = ()
    """Lines the author uses as scene breaks beyond those fanfmt knows (``~HP~``, ``[break]``)."""
    captions: bool = True
    """Detect scene captions (short time/place lines after a break)."""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Further metadata for templates, beyond the fields above (``{"publisher": "…"}``)."""

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)
