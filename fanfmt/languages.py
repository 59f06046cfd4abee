"""The typography of each language, in one table: quotation marks, their spacing, dialogue dashes.

The rules decide *what* a mark is (a quotation opening, a nested one, dialogue introduced
by a dash); the writers print it with the marks of the chapter's language, from here::

    typography("de").primary     → ("„", "“")
    typography("fr").inner       → "\\u202f"   (« mot », narrow no-break spaces)
    typography("pt-BR").code     → "pt"
    typography("en")             → None      (English: the writers' own glyphs, by kind)

Where a language's practice is divided, the first is the one most of its printed fiction
uses, and ``alternate`` the other (``--marks alternate``): German books print both „…“
and »…«; „…“ is what German keyboards, newspapers and nearly all German fanfic type, so it
is the default, and »…« (the style of many novels) is the alternate.

``typed`` says which marks of the language's own a chapter may already hold, and what each
is to the quote rule (the English mark of the same role: ``“`` opens, ``”`` closes a
primary quotation, ``‘``/``’`` a secondary one); a chapter typed in its own marks is paired
into dialogue as a straight-quoted one is, never turned into English marks.
"""

from __future__ import annotations

from dataclasses import dataclass

NNBSP = "\u202f"
"""Narrow no-break space: inside French guillemets and before ``; : ! ?``."""

_LD, _RD, _LS, _RS = "\u201c", "\u201d", "\u2018", "\u2019"  # the quote rule's own marks


@dataclass(frozen=True, slots=True)
class Typography:
    """How one language prints quotations and dialogue."""

    code: str
    name: str
    """The language's name in English (``French``), as sites name it."""
    primary: tuple[str, str]
    """Marks around speech and an outer quotation."""
    secondary: tuple[str, str]
    """Marks around a quotation inside another."""
    typed: dict[str, str]
    """Marks of the language's own a source may hold → the quote rule's mark of that role."""
    inner: str = ""
    """Space inside the marks (French: a narrow no-break space)."""
    before_punct: str = ""
    """Space before ``; : ! ?`` (French)."""
    dash_spaced: bool = True
    """Dash dialogue: ``— Je ne sais pas`` (spaced) or ``—No lo sé`` (closed, Spanish)."""
    alternate: tuple[tuple[str, str], tuple[str, str]] | None = None
    """The other marks the language's print uses (``--marks alternate``)."""
    names: tuple[str, ...] = ()
    """What archives call it in the language itself (``Français``), lower-cased."""

    def marks(self, alternate: bool = False) -> tuple[tuple[str, str], tuple[str, str]]:
        """(primary, secondary), or the alternate pair when asked for and there is one."""
        if alternate and self.alternate is not None:
            return self.alternate
        return self.primary, self.secondary


@dataclass(frozen=True, slots=True)
class Marks:
    """The quotation marks one chapter is printed with: ``Marks(("„", "“"), ("‚", "‘"))``."""

    primary: tuple[str, str]
    secondary: tuple[str, str]
    inner: str = ""
    """Space inside the primary marks (French ``« mot »``)."""

    @classmethod
    def of(cls, typo: Typography, style: str = "", alternate: bool = False) -> Marks:
        """The marks of ``typo``: ``style`` (four marks, a chapter's own: ``"“”‘’"``) when
        given, else the language's standard (or alternate) ones."""
        if len(style) == 4:
            primary, secondary = (style[0], style[1]), (style[2], style[3])
        else:
            primary, secondary = typo.marks(alternate)
        inner = typo.inner if primary == ("«", "»") else ""
        return cls(primary, secondary, inner)


# The typed marks each language's writers use (besides straight quotes, always understood).
_GUILLEMETS = {"«": _LD, "»": _RD}
_LOW_HIGH = {"„": _LD, "“": _RD, "‚": _LS, "‘": _RS}  # German, Czech: „…“ ‚…‘

TABLE: dict[str, Typography] = {
    t.code: t
    for t in (
        Typography("de", "German", ("„", "“"), ("‚", "‘"), {**_LOW_HIGH, "»": _LD, "«": _RD},
                   alternate=(("»", "«"), ("›", "‹")), names=("deutsch",)),
        Typography("fr", "French", ("«", "»"), ("“", "”"),
                   {**_GUILLEMETS, "“": _LS, "”": _RS, "‹": _LS, "›": _RS},
                   inner=NNBSP, before_punct=NNBSP, names=("français", "francais")),
        Typography("es", "Spanish", ("«", "»"), ("“", "”"),
                   {**_GUILLEMETS, "“": _LS, "”": _RS}, dash_spaced=False,
                   names=("español", "espanol", "castellano")),
        Typography("pt", "Portuguese", ("“", "”"), ("‘", "’"),
                   {"“": _LD, "”": _RD, "«": _LD, "»": _RD},
                   alternate=(("«", "»"), ("“", "”")), names=("português", "portugues")),
        Typography("it", "Italian", ("«", "»"), ("“", "”"),
                   {**_GUILLEMETS, "“": _LS, "”": _RS}, names=("italiano",)),
        Typography("ru", "Russian", ("«", "»"), ("„", "“"),
                   {**_GUILLEMETS, "„": _LS, "“": _RS}, names=("русский",)),
        Typography("uk", "Ukrainian", ("«", "»"), ("„", "“"),
                   {**_GUILLEMETS, "„": _LS, "“": _RS}, names=("українська",)),
        Typography("pl", "Polish", ("„", "”"), ("«", "»"),
                   {"„": _LD, "”": _RD, "«": _LS, "»": _RS}, names=("polski",)),
        Typography("cs", "Czech", ("„", "“"), ("‚", "‘"), dict(_LOW_HIGH),
                   alternate=(("»", "«"), ("›", "‹")), names=("čeština", "cestina")),
        Typography("nl", "Dutch", ("“", "”"), ("‘", "’"), {"„": _LD, "“": _LD, "”": _RD},
                   names=("nederlands",)),
        Typography("sv", "Swedish", ("”", "”"), ("’", "’"), {"”": '"', "»": '"'},
                   alternate=(("»", "»"), ("’", "’")), names=("svenska",)),
        Typography("fi", "Finnish", ("”", "”"), ("’", "’"), {"”": '"', "»": '"'},
                   names=("suomi",)),
        Typography("da", "Danish", ("»", "«"), ("›", "‹"), {"»": _LD, "«": _RD},
                   alternate=(("„", "“"), ("‚", "‘")), names=("dansk",)),
    )
}  # fmt: skip
"""Every language with typography of its own, by its primary subtag."""

DASH_DIALOGUE = frozenset({"es", "fr", "it", "pt", "ru", "uk", "pl", "cs", "sv", "fi"})
"""Languages whose fiction often introduces speech with a dash."""

NAMES: dict[str, str] = {
    **{t.name.lower(): t.code for t in TABLE.values()},
    **{name: t.code for t in TABLE.values() for name in t.names},
    "english": "en",
}
"""A language as a site names it (``Español``, ``Spanish``), lower-cased → its tag."""


def primary_tag(lang: str) -> str:
    """``"pt-BR"`` → ``"pt"``; ``"EN"`` → ``"en"``."""
    return lang.split("-", 1)[0].lower()


def typography(lang: str) -> Typography | None:
    """The language's typography, or ``None`` for English and for a language not in the table
    (whose chapters keep the English marks)."""
    return TABLE.get(primary_tag(lang))


def is_english(lang: str) -> bool:
    """``en``, ``en-GB`` …"""
    return primary_tag(lang) == "en"


__all__ = [
    "DASH_DIALOGUE",
    "NAMES",
    "NNBSP",
    "TABLE",
    "Marks",
    "Typography",
    "is_english",
    "primary_tag",
    "typography",
]
