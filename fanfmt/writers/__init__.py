"""Writers turn a page into text: they choose every glyph and every tag.

One table says which formats there are, the suffixes that name them and the module
that writes each. A writer is given a :class:`~fanfmt.writers.page.Page` and gives its
output a part at a time::

    "".join(get_writer("xhtml").write(Page.of(doc), options))   → a whole page
    render(doc, "markdown", options)                              → the same, for a document
    blocks_only(doc, "xhtml", options)                            → the blocks only (fixtures)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

from fanfmt.errors import ConfigError
from fanfmt.record import record

if TYPE_CHECKING:
    from fanfmt.languages import Marks
    from fanfmt.model import Document, Inline
    from fanfmt.options import Options
    from fanfmt.writers.page import Page


@record()
class Format:
    """One output format: its name (``--to``), the suffixes that name it, who writes it."""

    name: str
    suffixes: tuple[str, ...]
    """The output suffixes read as this format; the first is the one a build gives."""
    writer: str
    """``module:Class`` of the writer; for EPUB, which holds a whole book, the package."""

    @property
    def page(self) -> bool:
        """A format written a chapter at a time by a :class:`Writer` (not EPUB)."""
        return ":" in self.writer


FORMAT_TABLE: tuple[Format, ...] = (
    Format("xhtml", (".xhtml",), "fanfmt.writers.xhtml:XhtmlWriter"),
    Format("markdown", (".md", ".markdown"), "fanfmt.writers.markdown:MarkdownWriter"),
    Format("epub", (".epub",), "fanfmt.epub"),
    Format("html", (".html", ".htm"), "fanfmt.writers.html:HtmlWriter"),
    Format("ao3", (".ao3.html",), "fanfmt.writers.ao3:Ao3Writer"),
    Format("ffn", (".ffn.html",), "fanfmt.writers.ffn:FfnWriter"),
)
"""Every output format, in the order ``--help`` lists them."""

KIT_SUFFIX = ".ao3"
"""The AO3 posting kit is a folder (``ch5.txt`` → ``ch5.ao3``), not a file of a suffix above."""

OUTPUT_FORMATS: list[str] = [f.name for f in FORMAT_TABLE]
"""What ``--to`` accepts."""
WRITERS: dict[str, Format] = {f.name: f for f in FORMAT_TABLE if f.page}
"""The formats a :class:`Writer` writes, by name."""
FORMATS: tuple[str, ...] = tuple(WRITERS)
SUFFIX_FORMATS: dict[str, str] = {s: f.name for f in FORMAT_TABLE for s in f.suffixes}
"""Output suffix → format: ``.xhtml`` is EPUB-ready XHTML, ``.html`` the standalone reading
page, ``.ao3.html`` HTML for AO3's editor, ``.ffn.html`` HTML for FanFiction.Net's document
manager, ``.epub`` a book."""


def format_suffix(name: str) -> str:
    """``"markdown"`` → ``".md"``: the suffix a build gives the format's output."""
    for f in FORMAT_TABLE:
        if f.name == name:
            return f.suffixes[0]
    raise ConfigError(_unknown(name, OUTPUT_FORMATS))


class Writer(Protocol):
    """What every chapter format provides."""

    name: str
    blocks_template: str | None
    """The template whose ``blocks`` macro renders the blocks alone (``None``: the page
    has nothing around its blocks)."""

    def inlines(
        self, options: Options, marks: Marks | None = None
    ) -> Callable[[tuple[Inline, ...]], str]:
        """Inline nodes → the format's markup."""
        ...

    def write(self, page: Page, options: Options) -> Iterator[str]:
        """The whole output, a part at a time."""
        ...


def _unknown(name: str, known: list[str] | tuple[str, ...]) -> str:
    return f"unknown output format {name!r} (known: {', '.join(known)})"


_BOOK_HINT = (
    "{name!r} is a book, not a page: build one from chapter files with "
    "fanfmt.epub.build_epub(['ch1.txt', 'ch2.txt'], 'story.epub', options) "
    "(fanfmt build ch*.txt -o story.epub); a page is one of: {known}"
)
"""What :func:`get_writer` says when asked for a format that holds a whole book."""


def get_writer(name: str) -> Writer:
    """The writer for ``xhtml``, ``markdown``, ``html``, ``ao3`` or ``ffn``, imported on first use.

    Any other name is a :class:`~fanfmt.errors.ConfigError` listing these; ``"epub"``
    says to build a book with :func:`fanfmt.epub.build_epub` instead.
    """
    fmt = WRITERS.get(name)
    if fmt is None:
        if name.lower() in OUTPUT_FORMATS:  # a format of whole books
            raise ConfigError(_BOOK_HINT.format(name=name, known=", ".join(FORMATS)))
        raise ConfigError(_unknown(name, FORMATS))
    module, _, cls = fmt.writer.partition(":")
    writer: Writer = getattr(importlib.import_module(module), cls)()
    return writer


def render(doc: Document, to: str, options: Options) -> str:
    """A finished document rendered whole with the writer for ``to``."""
    from fanfmt.writers.page import Page

    return "".join(get_writer(to).write(Page.of(doc), options))


def blocks_only(doc: Document, to: str, options: Options) -> str:
    """Only the rendered blocks of a finished document, with no page around them."""
    from fanfmt.writers._views import render_blocks
    from fanfmt.writers.inline import chapter_marks
    from fanfmt.writers.page import Page

    writer = get_writer(to)
    if writer.blocks_template is None:
        return render(doc, to, options)
    inlines = writer.inlines(options, chapter_marks(doc.meta, doc.convention, options))
    return render_blocks(Page.of(doc), options, writer.blocks_template, inlines)
