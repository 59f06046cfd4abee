"""Every user setting, declared once: its Options field, its ``fanfmt.toml`` key, its flag.

One row of :data:`SETTINGS` is all there is to a setting::

    Setting("quotes", "conventions", "quotes", "--quotes", Choice(QUOTE_STYLES),
            "Dialogue convention of the source.")

From the table come the ``fanfmt.toml`` keys and their checks (:mod:`fanfmt.config`), the
command-line flags (:mod:`fanfmt.flags`, in the table's order) and ``fanfmt config``'s
listing. The default is the :class:`~fanfmt.options.Options` field's own, never repeated.

A check turns a raw ``fanfmt.toml`` value into the Options value, or raises
:class:`BadValueError` saying what was expected: ``Choice(("a", "b"))("c", base)`` →
``BadValueError('expected one of a, b, got "c"')``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from fanfmt import rx
from fanfmt.options import (
    AO3_MODES,
    DASH_STYLES,
    INPUT_FORMATS,
    MARK_STYLES,
    NOTES_MODES,
    PUNCT_SPACES,
    QUOTE_STYLES,
    STATUSES,
    STYLESHEET_MODES,
    THOUGHT_STYLES,
    Options,
)
from fanfmt.record import record

Group = Literal["chapter", "book", "xhtml"]
"""Which commands take the flag: ``chapter`` every command that reads chapters (build,
config, lint, diff), ``xhtml`` build and config, ``book`` build alone."""


class BadValueError(ValueError):
    """A value that does not fit its setting (the message says what was expected)."""


def _got(value: object) -> str:
    import json  # imported here, like tomllib and difflib: most builds read no fanfmt.toml

    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def no_controls(value: str) -> str:
    """``value``, or a :class:`BadValueError` naming its first control character (or other
    character no output may hold: :mod:`fanfmt.xmlchars`); tab and line breaks are allowed.

    ``no_controls("A\\x01B")`` → ``BadValueError("a control character (U+0001) is not
    allowed (remove it)")``.
    """
    from fanfmt.xmlchars import describe, unsafe_in

    found = unsafe_in(value)
    if found:
        raise BadValueError(f"a control character ({describe(found)}) is not allowed (remove it)")
    return value


@record()
class Text:
    """A string without control characters; ``one_line``: without a line break."""

    one_line: bool = True

    def __call__(self, value: Any, base: Path) -> str:
        if not isinstance(value, str):
            raise BadValueError(f"expected a string, got {_got(value)}")
        if self.one_line and ("\n" in value or "\r" in value):
            raise BadValueError("expected a single line")
        return no_controls(value)


@record()
class Choice:
    """One of ``choices``."""

    choices: tuple[str, ...]

    def __call__(self, value: Any, base: Path) -> str:
        if value not in self.choices:
            raise BadValueError(f"expected one of {', '.join(self.choices)}, got {_got(value)}")
        return str(value)


@record()
class Switch:
    """``true`` or ``false`` (a flag pair ``--x/--no-x``)."""

    def __call__(self, value: Any, base: Path) -> bool:
        if not isinstance(value, bool):
            raise BadValueError(f"expected true or false, got {_got(value)}")
        return value


@record()
class Positive:
    """A whole number from 1 up."""

    def __call__(self, value: Any, base: Path) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise BadValueError(f"expected a whole number from 1 up, got {_got(value)}")
        return value


_LANG_RE = rx.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@record()
class Language:
    """A language tag: ``en``, ``en-GB``, ``pt-BR``; or ``auto``."""

    def __call__(self, value: Any, base: Path) -> str:
        if value == "auto":
            return "auto"
        if not isinstance(value, str) or not _LANG_RE.match(value):
            raise BadValueError(f"expected a language tag (en, en-GB, pt-BR…), got {_got(value)}")
        return value


@record()
class Lines:
    """A list of non-empty one-line strings (a repeatable flag)."""

    def __call__(self, value: Any, base: Path) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise BadValueError(f"expected a list of strings, got {_got(value)}")
        out: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip() or "\n" in item:
                expected = "expected a list of non-empty one-line strings"
                raise BadValueError(f"{expected}, got {_got(item)}")
            out.append(no_controls(item.strip()))
        return tuple(out)


def rules(names: Iterable[str]) -> frozenset[str]:
    """``["dashes"]`` → ``frozenset({"dashes"})``; a name not in the rule chain is a
    :class:`BadValueError` naming it and the rule it is close to, or else the known ones
    (the whole list would not fit on the error's one line). Flags and ``fanfmt.toml`` both
    ask here."""
    from fanfmt.rules import DEFAULT_CHAIN

    names = tuple(names)
    known = DEFAULT_CHAIN.names()
    unknown = [n for n in names if n not in known]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f"did you mean {_got(close[0])}?" if close else f"known: {', '.join(known)}"
        raise BadValueError(f"unknown rule {_got(unknown[0])} ({hint})")
    return frozenset(names)


@record()
class Rules:
    """A list of rule names (see :func:`rules`)."""

    def __call__(self, value: Any, base: Path) -> frozenset[str]:
        return rules(Lines()(value, base))


@record()
class PathTo:
    """A path to an existing file (``folder``: a folder), relative to the file's folder."""

    folder: bool

    def __call__(self, value: Any, base: Path) -> str:
        if not isinstance(value, str) or not value:
            raise BadValueError(f"expected a path, got {_got(value)}")
        path = (base / Path(value).expanduser()).resolve()
        if self.folder and not path.is_dir():
            raise BadValueError(f"{_got(value)} is not a folder (looked for {path})")
        if not self.folder and not path.is_file():
            raise BadValueError(f"{_got(value)} is not a file (looked for {path})")
        return str(path)


@record()
class NameTemplate:
    """A book's file name template: ``"{author} - {title}.epub"`` (see :mod:`fanfmt.naming`)."""

    def __call__(self, value: Any, base: Path) -> str:
        from fanfmt.naming import BadNameError, template_fields

        text = Text()(value, base)
        try:
            template_fields(text)
        except BadNameError as exc:
            raise BadValueError(str(exc)) from None
        return text


Check = Text | Choice | Switch | Positive | Language | Lines | Rules | PathTo | NameTemplate
"""Check a raw value (with the config file's folder) → the Options value; its kind also
shapes the flag (a choice, a ``--x/--no-x`` pair, a repeatable flag …)."""


@record()
class Setting:
    """One setting: the Options field it sets, and how a user sets it."""

    field: str
    """The :class:`~fanfmt.options.Options` field."""
    table: str
    """Its ``fanfmt.toml`` table (``story``, ``conventions``, ``output``); empty: flag only."""
    key: str
    """Its key in that table."""
    flag: str
    """The command-line flag that sets it (overriding the file); empty: file only."""
    check: Check
    help: str = ""
    """The flag's help line."""
    metavar: str = ""
    """The flag's value, as ``--help`` shows it (``--scene-break TEXT``)."""
    group: Group = "chapter"

    @property
    def default(self) -> Any:
        """The Options field's default: ``Setting("lang", …).default`` → ``"auto"``."""
        return getattr(_DEFAULTS, self.field)


_DEFAULTS = Options()

# The order is the order of ``fanfmt build --help`` (by group) and, table by table, of
# ``fanfmt config``.
SETTINGS: tuple[Setting, ...] = (
    Setting("quotes", "conventions", "quotes", "--quotes", Choice(QUOTE_STYLES),
            "Dialogue convention of the source."),
    Setting("thoughts", "conventions", "thoughts", "--thoughts", Choice(THOUGHT_STYLES),
            "How the source marks thoughts."),
    Setting("scene_break_markers", "conventions", "scene_break_markers", "", Lines()),
    Setting("captions", "conventions", "captions", "", Switch()),
    Setting("scene_break", "output", "scene_break", "--scene-break", Text(),
            "Show scene breaks as this ornament (e.g. '* * *') instead of a rule.", "TEXT"),
    Setting("thought_marks", "output", "thought_marks", "--thought-marks", Switch(),
            "Keep quote marks around single-quote thoughts (default: italics only)."),
    Setting("dash_style", "output", "dash_style", "--dash-style", Choice(DASH_STYLES),
            "Em dashes closed (word—word) or spaced."),
    Setting("disabled_rules", "output", "disable", "--disable", Rules(),
            "Switch a rule off (repeatable; see `fanfmt rules`).", "RULE"),
    Setting("notes", "conventions", "notes", "--notes", Choice(NOTES_MODES),
            "Author's notes: keep in place, move to end, omit."),
    Setting("encoding", "", "", "--encoding", Text(),
            "Read inputs in this encoding instead of detecting it.", "NAME"),
    Setting("from_format", "", "", "--from", Choice(INPUT_FORMATS),
            "Input format (auto: .md is markdown, .html html, else sniffed)."),
    Setting("title", "story", "title", "--title", Text(), "Story title (overrides the text's)."),
    Setting("author", "story", "author", "--author", Text(), "Story author."),
    Setting("lang", "story", "language", "--lang", Language(),
            "Language tag (auto: the page's, else detected from the text)."),
    Setting("marks", "output", "marks", "--marks", Choice(MARK_STYLES),
            "The language's standard quotation marks, or its alternate ones (German »…«)."),
    Setting("punct_space", "output", "punct_space", "--punct-space", Choice(PUNCT_SPACES),
            "French: add a narrow no-break space before ; : ! ? (or keep the typed ones)."),
    Setting("templates", "output", "templates", "--templates", PathTo(folder=True),
            "Use templates from DIR before the built-in ones.", "DIR"),
    Setting("series", "story", "series", "--series", Text(), "Series the story belongs to.",
            "NAME", group="book"),
    Setting("series_index", "story", "series_index", "--series-index", Positive(),
            "The story's place in its series.", "N", group="book"),
    Setting("summary", "story", "summary", "--summary", Text(one_line=False), "Story summary.",
            "TEXT", group="book"),
    Setting("tags", "story", "tags", "--tag", Lines(), "A tag (repeatable).", "TAG",
            group="book"),
    Setting("fandoms", "story", "fandoms", "--fandom", Lines(), "A fandom (repeatable).",
            "NAME", group="book"),
    Setting("rating", "story", "rating", "--rating", Text(),
            "The rating (General Audiences, Teen And Up Audiences, Mature, Explicit, K+ …).",
            "RATING", group="book"),
    Setting("warnings", "story", "warnings", "--warning", Lines(),
            "An archive warning (repeatable).", "TEXT", group="book"),
    Setting("categories", "story", "categories", "--category", Lines(),
            "A category: Gen, F/M, M/M … (repeatable).", "NAME", group="book"),
    Setting("relationships", "story", "relationships", "--relationship", Lines(),
            "A relationship (repeatable).", "NAME", group="book"),
    Setting("characters", "story", "characters", "--character", Lines(),
            "A character (repeatable).", "NAME", group="book"),
    Setting("status", "story", "status", "--status", Choice(STATUSES),
            "Whether the story is complete or in progress.", group="book"),
    Setting("published", "story", "published", "--published", Text(),
            "When the story was first published (2021-03-04).", "DATE", group="book"),
    Setting("updated", "story", "updated", "--updated", Text(),
            "When the story was last updated.", "DATE", group="book"),
    Setting("source_url", "story", "source", "--source-url", Text(),
            "Where the story lives online.", "URL", group="book"),
    Setting("cover", "story", "cover", "--cover", PathTo(folder=False),
            "EPUB: cover image (JPEG, PNG, GIF, WebP or SVG).", "IMAGE", group="book"),
    Setting("book_to", "book", "to", "", Choice(("epub", "html"))),
    Setting("book_name", "book", "name", "", NameTemplate()),
    Setting("stylesheet", "output", "stylesheet", "--stylesheet", Choice(STYLESHEET_MODES),
            "XHTML: link fanfmt.css written beside it, or inline it.", group="xhtml"),
    Setting("ao3", "output", "ao3", "--ao3", Choice(AO3_MODES),
            "AO3: a posting kit (a folder, a file per field of the form) or a single paste.",
            group="xhtml"),
    Setting("force", "", "", "--force", Switch(),
            "XHTML: replace a fanfmt.css beside it that fanfmt did not write (or that was "
            "edited).", group="xhtml"),
)  # fmt: skip

TABLES: tuple[str, ...] = ("story", "book", "conventions", "output")
"""The tables of a ``fanfmt.toml``, in the order ``fanfmt config`` prints them."""
KEYS: tuple[Setting, ...] = tuple(s for s in SETTINGS if s.table)
"""The settings a ``fanfmt.toml`` may hold."""
FLAG_NAMES: dict[str, str] = {s.field: s.flag for s in SETTINGS if s.flag}
"""Options field → the flag that sets it: ``FLAG_NAMES["lang"]`` → ``"--lang"``."""


def flags(group: Group) -> tuple[Setting, ...]:
    """The settings with a flag in ``group``, in the table's order."""
    return tuple(s for s in SETTINGS if s.flag and s.group == group)


__all__ = [
    "FLAG_NAMES",
    "KEYS",
    "SETTINGS",
    "TABLES",
    "BadValueError",
    "Check",
    "Group",
    "NameTemplate",
    "Setting",
    "flags",
    "no_controls",
    "rules",
]
