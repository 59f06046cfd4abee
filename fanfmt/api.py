"""The library API: everything the CLI does, with no I/O.

>>> from fanfmt import convert
>>> convert('"Hi," she said.', to="markdown").text
'“Hi,” she said.\\n'
"""

from __future__ import annotations

from dataclasses import dataclass

from fanfmt.diagnostics import Diagnostic
from fanfmt.model import Convention, Document
from fanfmt.options import Options
from fanfmt.pipeline import normalise

__all__ = ["Result", "convert", "normalise", "render"]


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


def render(doc: Document, to: str = "xhtml", options: Options | None = None) -> str:
    """Render a normalised document with the writer for ``to`` (unknown: a ``ConfigError``)."""
    from fanfmt import writers

    return writers.render(doc, to, options or Options())


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
    :param to: ``"xhtml"``, ``"markdown"``, ``"html"``, ``"ao3"`` (the single paste; the
        posting kit is :func:`fanfmt.writers.ao3kit.kit_files`) or ``"ffn"``.
    :raises ~fanfmt.errors.ConfigError: for any other ``to``, listing these; for ``"epub"``,
        saying to build the book with :func:`fanfmt.epub.build_epub` (an EPUB holds a
        whole book of chapter files, not one text).
    :param options: user choices (:class:`~fanfmt.options.Options`).
    :param source: a name for messages (e.g. the file name).
    :param from_format: ``"text"``, ``"markdown"``, ``"html"`` or ``"auto"`` (sniffed).
    """
    from fanfmt.writers import get_writer
    from fanfmt.writers.page import Page

    options = options or Options()
    writer = get_writer(to)  # an unknown format fails before any work
    doc, diagnostics = normalise(text, options, source=source, from_format=from_format)
    return Result("".join(writer.write(Page.of(doc), options)), doc, diagnostics, to)
