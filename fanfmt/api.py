"""The library API: everything the CLI does, with no I/O.

>>> from fanfmt import convert
>>> convert('"Hi," she said.', to="markdown").text
'“Hi,” she said.\\n'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fanfmt.diagnostics import Diagnostic
from fanfmt.model import Convention, Document, Meta
from fanfmt.options import Options
from fanfmt.reader import read_text
from fanfmt.rules import DEFAULT_CHAIN, Context


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
    text: str, options: Options | None = None, *, source: str = "", ctx: Context | None = None
) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Read ``text`` and run the rule chain: the document and what the rules reported."""
    options = options or Options()
    meta = Meta(title=options.title, author=options.author, lang=options.lang, source=source)
    doc = read_text(text, meta)
    chain = DEFAULT_CHAIN.disable(options.disabled_rules)
    ctx = ctx or Context(options)
    ctx.options = options
    doc = chain.run(doc, ctx)
    if options.title:
        doc = replace(doc, meta=replace(doc.meta, title=options.title))
    return doc, tuple(ctx.diagnostics.sorted())


def render(doc: Document, to: str = "xhtml", options: Options | None = None) -> str:
    """Render a normalised document with the writer for ``to``."""
    from fanfmt.writers import get_writer

    return get_writer(to).write(doc, options or Options())


def convert(
    text: str, to: str = "xhtml", options: Options | None = None, *, source: str = ""
) -> Result:
    """Convert one raw chapter.

    :param text: the chapter, already decoded.
    :param to: ``"xhtml"`` or ``"markdown"``.
    :param options: user choices (:class:`~fanfmt.options.Options`).
    :param source: a name for messages (e.g. the file name).
    """
    options = options or Options()
    doc, diagnostics = normalise(text, options, source=source)
    return Result(render(doc, to, options), doc, diagnostics, to)
