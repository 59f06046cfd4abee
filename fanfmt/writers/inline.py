"""Inline nodes → text: the one walk every writer shares, and the glyphs it prints.

:class:`InlineRenderer` walks a paragraph's nodes and calls one hook per node type
(``text``, ``quoted``, ``thought``, ``emphasis``, ``strong``, ``line_break``,
``note_ref``). The base class gives the text as a reader sees it; each format overrides
what differs:

* ``PlainInlines().render((Quoted((Text("Hi"),)),))`` → ``“Hi”``
* ``XhtmlInlines(options)`` (XHTML, EPUB) → ``<span class="dialogue">“Hi”</span>``;
  ``HtmlInlines(options)`` (the reading page) the same but for footnote references
* ``Ao3Inlines(options)`` → ``“Hi”``, thoughts and emphasis as plain ``<em>``
* ``MarkdownInlines(options)`` → ``“Hi”``, thoughts ``*…*``, emphasis ``_…_``
* ``ExplainInlines()`` → ``[i:…]``, ``[b:…]``, ``[thought:…]``, ``↵`` (``fanfmt diff``)

The quote glyphs are chosen here and only here (:data:`QUOTE_GLYPHS`, :func:`quote_marks`),
and so are a thought's own marks (kept only with ``thought_marks``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from fanfmt import rx
from fanfmt.chars import (
    EM_DASH,
    LEFT_DOUBLE_QUOTE,
    LEFT_SINGLE_QUOTE,
    RIGHT_DOUBLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
    WORD_JOINER,
)
from fanfmt.model import Emphasis, Inline, LineBreak, NoteRef, Quoted, Strong, Text, Thought
from fanfmt.record import record

if TYPE_CHECKING:
    from fanfmt.languages import Marks
    from fanfmt.model import Convention, Meta
    from fanfmt.options import Options

QUOTE_GLYPHS = {
    "double": (LEFT_DOUBLE_QUOTE, RIGHT_DOUBLE_QUOTE),
    "single": (LEFT_SINGLE_QUOTE, RIGHT_SINGLE_QUOTE),
    "dash": ("", ""),
}
"""The quote marks every writer uses for each :class:`Quoted` kind in English (a chapter in
another language takes its :class:`~fanfmt.languages.Marks`, by depth: see
:meth:`InlineRenderer.marks`). Speech a dash introduces has no marks: its dash is text."""
LINE_BREAK = "\u21b5"  # ↵
"""How the explain view shows a line break inside a paragraph."""
BACK_LINK = "\u21a9\ufe0e"  # ↩ (drawn as text, never as an emoji)
"""The link at a footnote's end back to where the text refers to it."""


def note_id(number: int) -> str:
    """The id of footnote ``number``: ``3`` → ``"fn-3"``."""
    return f"fn-{number}"


def ref_id(number: int, nth: int = 1) -> str:
    """The id of the ``nth`` reference to footnote ``number``: ``fnref-3``, ``fnref-3-2``."""
    return f"fnref-{number}" if nth <= 1 else f"fnref-{number}-{nth}"


def quote_marks(node: Quoted) -> tuple[str, str]:
    """The marks around a quotation: ``“`` and ``”``, either left out when the source had none."""
    left, right = QUOTE_GLYPHS[node.kind]
    return (left if node.opened else "", right if node.closed else "")


def chapter_marks(meta: Meta, convention: Convention, options: Options) -> Marks | None:
    """The marks a chapter not in English is printed with (``None``: English, by kind): its
    language as the rules read it (``convention.lang``, the same as ``meta.lang``)."""
    if convention.lang == "en":
        return None
    from fanfmt.languages import Marks, typography

    typo = typography(convention.lang)
    if typo is None:
        return None
    return Marks.of(typo, convention.marks, options.marks == "alternate")


@record()
class Within:
    """What is open around a node: dialogue (for XHTML's classes), italic marks (Markdown)."""

    dialogue: bool = False
    marks: str = ""


OUTSIDE = Within()


@record()
class Spot:
    """A node's neighbours: what was rendered before it, and the node after it."""

    before: Sequence[str]
    after: Inline | None


class InlineRenderer:
    """Inline nodes → text as a reader sees it: quotation marks, no markup.

    ``(Text("a "), Emphasis((Text("b"),)))`` → ``"a b"``; a line break is a space.
    """

    def __init__(self, options: Options | None = None, marks: Marks | None = None) -> None:
        self.thought_marks = options.thought_marks if options is not None else False
        self.lang_marks = marks
        self.orphans: dict[int, str] | None = None
        """A mark that pairs with nothing, in the chapter's language: ``”`` → ``»``."""
        if marks is not None:
            (po, pc), (so, _), inner = marks.primary, marks.secondary, marks.inner
            self.orphans = {ord(LEFT_DOUBLE_QUOTE): po + inner, ord(RIGHT_DOUBLE_QUOTE): inner + pc}
            self.orphans[ord(LEFT_SINGLE_QUOTE)] = so
        self.depth = 0
        """How many quotations are open around the node being rendered."""

    def marks(self, node: Quoted) -> tuple[str, str]:
        """By its kind in English (:func:`quote_marks`); else the language's primary marks
        outside any quotation, its secondary ones inside one (``„Er sagte ‚nein‘.“``) and
        round words (not speech) typed in single marks (``zur ‚Traviata‘``), spaced."""
        lang = self.lang_marks
        if lang is None or node.kind == "dash":
            return quote_marks(node)
        top = self.depth == 0 and (node.kind != "single" or node.dialogue)
        left, right = lang.primary if top else lang.secondary
        if top and lang.inner:
            left, right = left + lang.inner, lang.inner + right
        return (left if node.opened else "", right if node.closed else "")

    def inside(self, node: Quoted, within: Within) -> str:
        """The text of a quotation's children, one quotation deeper (speech a dash
        introduces has no marks: a quotation inside it takes the primary ones)."""
        step = node.kind != "dash"
        self.depth += step
        try:
            return self.render(node.children, within)
        finally:
            self.depth -= step

    def render(self, children: tuple[Inline, ...], within: Within = OUTSIDE) -> str:
        """The text of ``children``, each node through its hook."""
        parts: list[str] = []
        for i, node in enumerate(children):
            match node:
                case Text() if self.orphans is not None:
                    parts.append(self.text(node.text.translate(self.orphans)))
                case Text():
                    parts.append(self.text(node.text))
                case Quoted():
                    parts.append(self.quoted(node, within))
                case Thought():
                    spot = Spot(parts, children[i + 1] if i + 1 < len(children) else None)
                    parts.append(self.thought(node, within, spot))
                case Emphasis():
                    spot = Spot(parts, children[i + 1] if i + 1 < len(children) else None)
                    parts.append(self.emphasis(node, within, spot))
                case Strong():
                    parts.append(self.strong(node, within))
                case LineBreak():
                    parts.append(self.line_break())
                case NoteRef():
                    parts.append(self.note_ref(node))
                case _:
                    assert_never(node)
        return "".join(parts)

    def text(self, text: str) -> str:
        """A run of text."""
        return text

    def quoted(self, node: Quoted, within: Within) -> str:
        """A quotation, in its glyphs."""
        left, right = self.marks(node)
        return f"{left}{self.inside(node, within)}{right}"

    def thought_text(self, node: Thought, inner: str) -> str:
        """A thought's text, in single quotes when the chapter wrote them and
        ``thought_marks`` keeps them: ``'Not again.'`` → ``‘Not again.’``."""
        if self.thought_marks and node.marker == "single":
            return f"{LEFT_SINGLE_QUOTE}{inner}{RIGHT_SINGLE_QUOTE}"
        return inner

    def thought(self, node: Thought, within: Within, spot: Spot) -> str:
        """A thought."""
        return self.thought_text(node, self.render(node.children, within))

    def emphasis(self, node: Emphasis, within: Within, spot: Spot) -> str:
        """Emphasis (italics)."""
        return self.render(node.children, within)

    def strong(self, node: Strong, within: Within) -> str:
        """Strong emphasis (bold)."""
        return self.render(node.children, within)

    def line_break(self) -> str:
        """A line break inside a paragraph."""
        return " "

    def note_ref(self, node: NoteRef) -> str:
        """A footnote reference: nothing in text as a reader sees it (a title, a summary)."""
        return ""


class PlainInlines(InlineRenderer):
    """Text as a reader sees it (titles in the metadata): ``“Hi”``, no markup."""


def display_text(children: tuple[Inline, ...]) -> str:
    """Text as a reader sees it: ``(Quoted((Text("Hi"),)),)`` → ``"“Hi”"``."""
    return _PLAIN.render(children)


_PLAIN = PlainInlines()


class ExplainInlines(InlineRenderer):
    """The explain view: ``"a [i:b] [b:c] [thought:d]↵"``; quotation marks as printed."""

    def thought(self, node: Thought, within: Within, spot: Spot) -> str:
        """``[thought:…]``."""
        return f"[thought:{self.render(node.children, within)}]"

    def emphasis(self, node: Emphasis, within: Within, spot: Spot) -> str:
        """``[i:…]``."""
        return f"[i:{self.render(node.children, within)}]"

    def strong(self, node: Strong, within: Within) -> str:
        """``[b:…]``."""
        return f"[b:{self.render(node.children, within)}]"

    def line_break(self) -> str:
        """``↵``."""
        return LINE_BREAK

    def note_ref(self, node: NoteRef) -> str:
        """``[^1]``."""
        return f"[^{node.number}]"


_NOT_XML_RE = rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 forbids (a reference such as ``&#1;`` in HTML or Markdown input)."""


def escape_html(text: str) -> str:
    """``"a < b & c"`` → ``"a &lt; b &amp; c"`` (quotes are left alone, as in text they may be);
    a character XML forbids is left out: ``"a\x01b"`` → ``"ab"``."""
    if _NOT_XML_RE.search(text) is not None:
        text = _NOT_XML_RE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_CUT_OFF_RE = rx.compile(
    f"(?:(?<=[^\\s>{WORD_JOINER}])|(?<=</em>)|(?<=</strong>))({EM_DASH}(?:</[a-z]+>)*)$"
)
"""A dash that ends a quotation (after any closing tags), right after a word."""
_JOINED_DASH = f"&#x{ord(WORD_JOINER):04X};\\1"


class XhtmlInlines(InlineRenderer):
    """XHTML and the reading page: ``<span class="dialogue">“…”</span>`` (nested:
    ``<span class="quotation">‘…’</span>``), ``<em class="thought">``, ``<em>``,
    ``<strong>``, ``<br/>``."""

    def text(self, text: str) -> str:
        """Escaped: ``<`` → ``&lt;`` (see :func:`escape_html`)."""
        return escape_html(text)

    def quoted(self, node: Quoted, within: Within) -> str:
        """Dialogue in a span; a quotation inside dialogue in another; other quotes bare.

        A cut-off ``—”`` stays on the line of the word before it: ``“Wait—”`` →
        ``“Wait&#x2060;—”`` (a word joiner, so no line starts with the dash).
        """
        left, right = self.marks(node)
        inner = self.inside(node, Within(within.dialogue or node.dialogue))
        if right and EM_DASH in inner[-12:]:
            inner = _CUT_OFF_RE.sub(_JOINED_DASH, inner, count=1)
        text = f"{left}{inner}{right}"
        if not node.dialogue:
            return text
        if within.dialogue:
            return f'<span class="quotation">{text}</span>'
        return f'<span class="dialogue">{text}</span>'

    def thought(self, node: Thought, within: Within, spot: Spot) -> str:
        """``<em class="thought">``; a quote inside it is a quotation."""
        inner = self.thought_text(node, self.render(node.children, Within(True)))
        return f'<em class="thought">{inner}</em>'

    def emphasis(self, node: Emphasis, within: Within, spot: Spot) -> str:
        """``<em>``."""
        return f"<em>{self.render(node.children, within)}</em>"

    def strong(self, node: Strong, within: Within) -> str:
        """``<strong>``."""
        return f"<strong>{self.render(node.children, within)}</strong>"

    def line_break(self) -> str:
        """``<br/>``."""
        return "<br/>"

    def note_ref(self, node: NoteRef) -> str:
        """``<a epub:type="noteref" href="#fn-1" id="fnref-1" class="noteref">1</a>``."""
        return (
            f'<a epub:type="noteref" href="#{note_id(node.number)}" '
            f'id="{ref_id(node.number, node.nth)}" class="noteref">{node.number}</a>'
        )


class HtmlInlines(XhtmlInlines):
    """The reading page: XHTML's markup, footnote references as ``<sup>`` links."""

    def note_ref(self, node: NoteRef) -> str:
        """``<sup class="noteref"><a href="#fn-1" id="fnref-1">1</a></sup>``."""
        return (
            f'<sup class="noteref"><a href="#{note_id(node.number)}" '
            f'id="{ref_id(node.number, node.nth)}">{node.number}</a></sup>'
        )


_WHITESPACE_RE = rx.compile(r"[ \t]*[\r\n]+[ \t]*")


class Ao3Inlines(InlineRenderer):
    """AO3's editor keeps no class: thoughts and emphasis ``<em>``, quotes bare, ``<br />``."""

    def text(self, text: str) -> str:
        """Escaped, and on one line: a newline inside a paragraph would become ``<br>`` on AO3."""
        if "\n" in text or "\r" in text:
            text = _WHITESPACE_RE.sub(" ", text)
        return escape_html(text)

    def thought(self, node: Thought, within: Within, spot: Spot) -> str:
        """``<em>``."""
        return f"<em>{self.thought_text(node, self.render(node.children, within))}</em>"

    def emphasis(self, node: Emphasis, within: Within, spot: Spot) -> str:
        """``<em>``."""
        return f"<em>{self.render(node.children, within)}</em>"

    def strong(self, node: Strong, within: Within) -> str:
        """``<strong>``."""
        return f"<strong>{self.render(node.children, within)}</strong>"

    def line_break(self) -> str:
        """``<br />``."""
        return "<br />"

    def note_ref(self, node: NoteRef) -> str:
        """``<sup><a name="fnref-1" href="#fn-1">1</a></sup>`` (AO3 keeps ``name``, not ``id``)."""
        return (
            f'<sup><a name="{ref_id(node.number, node.nth)}" '
            f'href="#{note_id(node.number)}">{node.number}</a></sup>'
        )


class Ao3KitInlines(Ao3Inlines):
    """The AO3 kit's chapter text: as :class:`Ao3Inlines`, a thought ``<em class="thought">``
    (AO3 keeps classes in a work's text, for its work skin; without one it is italic)."""

    def thought(self, node: Thought, within: Within, spot: Spot) -> str:
        """``<em class="thought">``."""
        inner = self.thought_text(node, self.render(node.children, within))
        return f'<em class="thought">{inner}</em>'


class FfnInlines(Ao3Inlines):
    """FanFiction.Net keeps no link: as :class:`Ao3Inlines`, a footnote reference ``[1]``."""

    def note_ref(self, node: NoteRef) -> str:
        """``[1]``."""
        return f"[{node.number}]"


_MARKUP_CHARS = "\\`*_[]<&"
"""Characters CommonMark may read as markup; the backslash first, so no escape is escaped."""


def escape_text(text: str) -> str:
    """``"a*b"`` → ``"a\\*b"``: every character CommonMark might read as markup (a
    control character, as :func:`escape_html` leaves out, is left out too)."""
    if _NOT_XML_RE.search(text) is not None:
        text = _NOT_XML_RE.sub("", text)
    for ch in _MARKUP_CHARS:  # a few scans of a short string: faster than str.translate
        if ch in text:
            text = text.replace(ch, "\\" + ch)
    return text


def _wrap(inner: str, mark: str) -> str:
    """Put ``mark`` around ``inner`` with any edge spaces moved outside."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


class MarkdownInlines(InlineRenderer):
    """CommonMark: thoughts ``*…*``, emphasis ``_…_`` (``*…*`` inside a word, where CommonMark
    ignores ``_``), the other mark when nested in the same one, ``**…**``, ``\\`` + newline."""

    def text(self, text: str) -> str:
        """Escaped: ``*`` → ``\\*``."""
        return escape_text(text)

    def _italic(self, node: Emphasis | Thought, within: Within, spot: Spot) -> str:
        mark = "_"
        if isinstance(node, Thought):  # *…* where it reads back as one (no sentence: _…_)
            from fanfmt.rules.thoughts import reads_as_thought

            mark = "*" if reads_as_thought(node, spot.before, spot.after) else "_"
        if mark == "_":
            prev = spot.before[-1][-1:] if spot.before else ""
            nxt = spot.after.text[:1] if isinstance(spot.after, Text) else ""
            if prev.isalnum() or nxt.isalnum():
                mark = "*"
        if mark in within.marks:
            mark = "_" if mark == "*" else "*"
        inner = self.render(node.children, Within(within.dialogue, within.marks + mark))
        if isinstance(node, Thought):
            inner = self.thought_text(node, inner)
        return _wrap(inner, mark)

    def thought(self, node: Thought, within: Within, spot: Spot) -> str:
        """``*…*`` (``_…_`` inside ``*…*``)."""
        return self._italic(node, within, spot)

    def emphasis(self, node: Emphasis, within: Within, spot: Spot) -> str:
        """``_…_``, or ``*…*`` inside a word or inside ``_…_``."""
        return self._italic(node, within, spot)

    def strong(self, node: Strong, within: Within) -> str:
        """``**…**``."""
        return _wrap(self.render(node.children, within), "**")

    def line_break(self) -> str:
        """A backslash at the end of the line."""
        return "\\\n"

    def note_ref(self, node: NoteRef) -> str:
        """``[^label]``, the author's label (so the chapter reads back the same)."""
        return f"[^{node.label}]"
