"""The document model: what the reader builds, the rules rewrite and the writers render.

Every node is a frozen, slotted dataclass (made by :func:`fanfmt.record.record`). Quote
marks are not characters in the model but nodes (:class:`Quoted`, :class:`Thought`):
writers decide the glyphs.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal, TypeAlias, TypeGuard

from fanfmt.record import record

QuoteKind = Literal["double", "single", "dash"]
"""``dash``: speech a dash introduces (``—No lo sé —dijo ella.``), printed with no marks."""
EmphasisMarker = Literal["*", "_", "html"]
ThoughtMarker = Literal["single", "asterisk", "underscore", "html"]
NotePosition = Literal["before", "after", "inline"]
ParagraphRole = Literal[
    "text", "caption", "disclaimer", "byline", "metadata", "verse", "furniture", "ornament"
]
"""``verse``: a stanza, its lines split by :class:`LineBreak`; ``furniture``: a marker of the
story's parts (``To be continued``, ``End of Part 1``, ``The End``); ``ornament``: the
author's own mark opening or closing the chapter (``...~AIV~...``), a decoration that divides
nothing, shown as typed."""


@record()
class Text:
    """A run of plain text: ``Text("Hello")``."""

    text: str


@record()
class Emphasis:
    """Italic text: ``*word*`` or ``_word_`` → ``Emphasis((Text("word"),), "*")``."""

    children: tuple[Inline, ...]
    marker: EmphasisMarker = "*"


@record()
class Strong:
    """Bold text: ``**word**`` or ``__word__``."""

    children: tuple[Inline, ...]


@record()
class Thought:
    """A character's unspoken thought: ``'Not again.'`` → ``Thought((Text("Not again."),))``."""

    children: tuple[Inline, ...]
    marker: ThoughtMarker = "single"
    """How the author marked it; writers may keep quote marks for ``single``."""


@record()
class Quoted:
    """Spoken dialogue (or a nested quotation). Writers choose the quote glyphs."""

    children: tuple[Inline, ...]
    kind: QuoteKind = "double"
    opened: bool = True
    """False when the source had no opening mark."""
    closed: bool = True
    """False for speech that runs on into the next paragraph (no closing mark)."""
    dialogue: bool = True
    """False for a quoted word that is not speech (legend entries, scare quotes)."""
    curly: bool = False
    """True when the source already had a curly opening mark (never read as a thought)."""


@record()
class LineBreak:
    """A hard line break inside a paragraph (poems, text messages, letters)."""


@record()
class NoteRef:
    """A reference to a footnote: ``text[^1]`` → ``NoteRef("1", 1)``.

    ``label`` is the author's (``[^ghost]`` → ``"ghost"``), ``number`` the note's place
    in the chapter's order of first references (1, 2 …) and ``nth`` which reference to
    that note this is (a second ``[^1]`` has ``nth=2``), so every reference has an id.
    """

    label: str
    number: int
    nth: int = 1


Inline: TypeAlias = Text | Emphasis | Strong | Thought | Quoted | LineBreak | NoteRef
Container: TypeAlias = Emphasis | Strong | Thought | Quoted
"""The inline nodes that hold other inline nodes (``children``)."""


@record()
class Paragraph:
    """A paragraph of the story, a note or the front matter."""

    children: tuple[Inline, ...]
    line: int = 0
    """1-based source line where the paragraph starts."""
    role: ParagraphRole = "text"
    gap_before: int = 0
    """Blank lines before it beyond the document's normal paragraph separation."""


@record()
class Heading:
    """A chapter heading: ``Chapter 7`` / ``Chapter 7: The Title`` with an optional story title."""

    number: tuple[Inline, ...] = ()
    title: tuple[Inline, ...] = ()
    story_title: tuple[Inline, ...] = ()
    line: int = 0
    gap_before: int = 0


@record()
class SceneBreak:
    """A change of scene: extra blank lines or a separator line such as ``***`` or ``oOo``."""

    marker: str = ""
    """The author's separator line, empty for a blank-line break."""
    line: int = 0
    gap_before: int = 0
    shown: bool = False
    """The author's own mark with letters in it (``...~AIV~...``): writers show it as typed,
    since its letters are the author's words."""


@record()
class Legend:
    """Lines near the top that explain the story's conventions (``"Speech"``, ``'Thoughts'``)."""

    paragraphs: tuple[Paragraph, ...]
    line: int = 0
    gap_before: int = 0


@record()
class AuthorNote:
    """An author's note, with all of its paragraphs."""

    paragraphs: tuple[Paragraph, ...]
    position: NotePosition = "before"
    marked: bool = False
    """True when the author labelled it (``A/N:``, ``Author's Note:``)."""
    line: int = 0
    gap_before: int = 0


@record()
class Footnote:
    """One footnote: ``[^1]: A note.`` → ``Footnote("1", 1, (Paragraph(…),))``.

    ``refs`` is how many references the text makes to it; a definition nothing refers
    to is kept (``refs == 0``) after the referenced notes, in the order it was written.
    """

    label: str
    number: int
    paragraphs: tuple[Paragraph, ...]
    refs: int = 1
    line: int = 0


@record()
class Footnotes:
    """The chapter's footnotes, at its end, in the order of their numbers."""

    notes: tuple[Footnote, ...]
    line: int = 0
    gap_before: int = 0


Block: TypeAlias = Paragraph | Heading | SceneBreak | Legend | AuthorNote | Footnotes


def is_story(block: object) -> TypeGuard[Paragraph]:
    """A paragraph of the story itself, not front matter or a caption.

    >>> is_story(Paragraph((Text("It rained."),))), is_story(Paragraph((), role="byline"))
    (True, False)
    """
    return isinstance(block, Paragraph) and block.role == "text"


@record()
class Convention:
    """How the chapter marks speech and thought."""

    quotes: Literal["american", "british"] = "american"
    thoughts: Literal["single", "asterisk", "underscore", "none"] = "single"
    detected: bool = True
    """False when the user forced the convention."""
    marks: str = ""
    """A chapter not in English that types its language's marks: the four it types
    (``"«»“”"``: primary, then secondary); empty: its language's standard ones."""
    dashes: bool = False
    """Dialogue introduced by a dash (``—No lo sé —dijo ella.``)."""
    lang: str = "en"
    """The chapter's language (the inline rules read it here)."""

    def describe(self) -> str:
        """``Convention("british", "asterisk")`` → ``'british dialogue, *asterisk* thoughts'``."""
        marks = {
            "single": "'single-quote'",
            "asterisk": "*asterisk*",
            "underscore": "_underscore_",
            "none": "no",
        }
        how = "detected" if self.detected else "set"
        dashes = ", dash dialogue" if self.dashes else ""
        typed = f", typed {self.marks[:2]}{self.marks[2:]}" if self.marks else ""
        return f"{self.quotes} dialogue, {marks[self.thoughts]} thoughts{dashes}{typed} ({how})"


@record()
class StoryFacts:
    """What an archive says about a story, beyond its title and author.

    Filled by the readers from what the source states (an AO3 page or download, a
    FanFiction.Net page, Markdown front matter, an AO3 preface copied as text); the user's
    flags and ``fanfmt.toml`` win over it. Lists keep the source's order.
    ``StoryFacts(rating="Teen And Up Audiences", fandoms=("Naruto",))``.
    """

    fandoms: tuple[str, ...] = ()
    rating: str = ""
    warnings: tuple[str, ...] = ()
    """AO3's archive warnings (``Graphic Depictions Of Violence``)."""
    categories: tuple[str, ...] = ()
    """``F/M``, ``Gen`` …"""
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    """Freeform ("additional") tags, and FanFiction.Net's genres."""
    language: str = ""
    """The language the source names (``English``), as it names it."""
    series: str = ""
    series_index: int = 0
    summary: str = ""
    status: str = ""
    """``complete`` or ``in progress``, when the source says."""
    published: str = ""
    """As the source gives it (``2014-10-26``, ``6-2-08``)."""
    updated: str = ""
    url: str = ""
    """Where the story lives online."""
    words: int = 0
    """The word count the source states (0: not stated)."""
    chapters: str = ""
    """The source's chapter count (``3/10``, ``3/?``)."""
    notes: tuple[str, ...] = ()
    """Other facts the source states, as ``"Label: value"`` lines (kept, not guessed)."""
    stated_by: str = ""
    """What stated them: ``page`` (a saved web page), ``EPUB``, ``front matter``,
    ``AO3 preface`` (one copied as text); shown by ``-v``, not a fact itself."""

    def __bool__(self) -> bool:
        """Whether the source stated anything at all (who stated it is no fact)."""
        return self != _NO_FACTS and self != StoryFacts(stated_by=self.stated_by)


_NO_FACTS = StoryFacts()


@record()
class Meta:
    """What is known about the chapter and its story."""

    title: str = ""
    """The story title."""
    chapter: str = ""
    """The chapter heading as plain text (``Chapter 7: The Smallest Spark``)."""
    author: str = ""
    lang: str = "en"
    lang_found: str = ""
    """How ``lang`` was found: ``set``, ``page``, ``detected`` … (``-v`` says)."""
    source: str = ""
    """Where the text came from (a file name), for messages."""
    named: str = ""
    """What a saved page's ``<title>`` calls it, without the site's name: a title of last
    resort, before the file's name."""
    story: StoryFacts = field(default_factory=StoryFacts)
    """The fanfic's facts a site or a file gave (rating, tags, summary …)."""


@record()
class Document:
    """A whole chapter."""

    blocks: tuple[Block, ...]
    meta: Meta = field(default_factory=Meta)
    convention: Convention = field(default_factory=Convention)
