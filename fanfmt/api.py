"""The library API: everything the CLI does, with no I/O.

>>> from fanfmt import convert
>>> convert('"Hi," she said.', to="markdown").text
'“Hi,” she said.\\n'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fanfmt.diagnostics import Diagnostic
from fanfmt.model import Convention, Document
from fanfmt.options import Options
from fanfmt.rules import Context


@dataclass(frozen=True, slots=True)
class Result:
    """What a conversion produced."""

    text: str
    """The rendered output."""
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    format: str

    @property
    def convention(self) -> Convention:
        """The quote and thought convention found (or forced)."""
        return self.document.convention


def normalise(
    text: str,
    options: Options | None = None,
    *,
    source: str = "",
    ctx: Context | None = None,
    from_format: str = "auto",
) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Read ``text`` and run the rule chain: the document and what the rules reported.

    ``from_format`` (``text``, ``markdown``, ``html``) names the input format; ``auto``
    takes ``options.from_format``, and when that is ``auto`` too, sniffs the text.
    (:func:`fanfmt.stream.prepare` does the same and leaves the paragraphs to be finished
    a piece at a time.)
    """
    from fanfmt.stream import prepare

    prepared = prepare(text, options, source=source, ctx=ctx, from_format=from_format)
    doc = prepared.finish()
    return doc, tuple(prepared.ctx.diagnostics.sorted())


def final_meta(doc: Document) -> Document:
    """Take the chapter and story title from the finished heading (curly quotes and all)."""
    from fanfmt.model import Heading
    from fanfmt.walk import display_text

    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    if not headings:
        return doc
    chapter_heading = next((h for h in headings if h.number or h.title), None)
    chapter = doc.meta.chapter
    if chapter_heading is not None:
        number = display_text(chapter_heading.number)
        title = display_text(chapter_heading.title)
        chapter = f"{number}: {title}" if number and title else number or title
    titled = next((h for h in headings if h.story_title), None)
    story = display_text(titled.story_title) if titled is not None else doc.meta.title
    return replace(doc, meta=replace(doc.meta, chapter=chapter, title=story))


def render(doc: Document, to: str = "xhtml", options: Options | None = None) -> str:
    """Render a normalised document with the writer for ``to``."""
    from fanfmt.writers import get_writer

    return get_writer(to).write(doc, options or Options())


def convert(
    text: str,
    to: str = "xhtml",
    options: Options | None = None,
    *,
    source: str = "",
    from_format: str = "auto",
) -> Result:
    """Convert one raw chapter.

    :param text: the chapter, already decoded.
    :param to: ``"xhtml"`` or ``"markdown"``.
    :param options: user choices (:class:`~fanfmt.options.Options`).
    :param source: a name for messages (e.g. the file name).
    :param from_format: ``"text"``, ``"markdown"``, ``"html"`` or ``"auto"`` (sniffed).
    """
    options = options or Options()
    doc, diagnostics = normalise(text, options, source=source, from_format=from_format)
    return Result(render(doc, to, options), doc, diagnostics, to)
