"""Writers turn a finished document into text: they choose every glyph and every tag.

``WRITERS["xhtml"].write(doc, options)`` → a whole page; ``.body(doc, options)`` → blocks only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from fanfmt.model import Document
from fanfmt.options import Options

if TYPE_CHECKING:
    from fanfmt.stream import Prepared


class Writer(Protocol):
    """What every output format provides."""

    name: str
    extension: str

    def write(self, doc: Document, options: Options) -> str:
        """The whole output page."""
        ...

    def body(self, doc: Document, options: Options) -> str:
        """The rendered blocks only (used by fixtures)."""
        ...

    def generate(self, prepared: Prepared, options: Options) -> Iterator[str]:
        """The whole output a part at a time, finishing the chapter as it goes."""
        ...


def get_writer(name: str) -> Writer:
    """The writer for ``xhtml``, ``markdown``, ``html`` or ``ao3``, imported on first use."""
    if name == "xhtml":
        from fanfmt.writers.xhtml import XhtmlWriter

        return XhtmlWriter()
    if name == "markdown":
        from fanfmt.writers.markdown import MarkdownWriter

        return MarkdownWriter()
    if name == "html":
        from fanfmt.writers.html import HtmlWriter

        return HtmlWriter()
    if name == "ao3":
        from fanfmt.writers.ao3 import Ao3Writer

        return Ao3Writer()
    raise KeyError(name)


FORMATS: tuple[str, ...] = ("xhtml", "markdown", "html", "ao3")
