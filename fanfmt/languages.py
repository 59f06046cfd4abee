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
is the default, and »…« (the style of many novels) is the alternate. Spanish fan fiction
types “…” (its word processors' marks) far more than the Academy's «…», so “…” is the
default and «…» “…” the alternate.

A chapter that types marks of its own keeps them: ``conventions`` finds which
(:func:`fanfmt.rules.quotes.typed.style`), the quote rule reads each by its role, and the
writer prints the same marks (:class:`Marks`), never English ones.

Every language prints the apostrophe ``’`` (``l’homme``, ``dell’acqua``) and the ellipsis
``…``; ``dash`` is its dash between words, and ``dash_spaced`` how a dialogue dash stands
before the speech.
"""

from __future__ import annotations

from dataclasses import dataclass

NNBSP = "\u202f"
"""Narrow no-break space: inside French guillemets and before ``; : ! ?``."""


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
    inner: str = ""
    """Space inside the marks (French: a narrow no-break space)."""
    before_punct: str = ""
    """Space before ``; : ! ?`` (French)."""
    dash_spaced: bool = True
    """Dash dialogue: ``— Je ne sais pas`` (spaced) or ``—No lo sé`` (closed, Spanish)."""
    dash: str = ""
    """The dash between two words, as the language spaces it (``" – "`` in German); empty:
    as in English (``--dash-style``)."""
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


TABLE: dict[str, Typography] = {
    t.code: t
    for t in (
        Typography("de", "German", ("„", "“"), ("‚", "‘"), dash=" – ",
                   alternate=(("»", "«"), ("›", "‹")), names=("deutsch",)),
        Typography("fr", "French", ("«", "»"), ("“", "”"), dash=" — ",
                   inner=NNBSP, before_punct=NNBSP, names=("français", "francais")),
        Typography("es", "Spanish", ("“", "”"), ("‘", "’"), dash_spaced=False,
                   alternate=(("«", "»"), ("“", "”")), names=("español", "espanol", "castellano")),
        Typography("pt", "Portuguese", ("“", "”"), ("‘", "’"), dash=" — ",
                   alternate=(("«", "»"), ("“", "”")), names=("português", "portugues")),
        Typography("it", "Italian", ("«", "»"), ("“", "”"), dash=" — ", names=("italiano",)),
        Typography("ru", "Russian", ("«", "»"), ("„", "“"), dash=" — ", names=("русский",)),
        Typography("uk", "Ukrainian", ("«", "»"), ("„", "“"), dash=" — ",
                   names=("українська",)),
        Typography("pl", "Polish", ("„", "”"), ("«", "»"), dash=" – ", names=("polski",)),
        Typography("cs", "Czech", ("„", "“"), ("‚", "‘"), dash=" – ",
                   alternate=(("»", "«"), ("›", "‹")), names=("čeština", "cestina")),
        Typography("nl", "Dutch", ("“", "”"), ("‘", "’"), dash=" – ", names=("nederlands",)),
        Typography("sv", "Swedish", ("”", "”"), ("’", "’"), dash=" – ",
                   alternate=(("»", "»"), ("’", "’")), names=("svenska",)),
        Typography("fi", "Finnish", ("”", "”"), ("’", "’"), dash=" – ", names=("suomi",)),
        Typography("da", "Danish", ("»", "«"), ("›", "‹"), dash=" – ",
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
