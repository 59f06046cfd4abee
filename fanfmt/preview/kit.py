"""The AO3 view of ``fanfmt preview``: the posting kit's page, or the single AO3 paste.

With the ``ao3`` setting at ``kit`` (the default), the switch shows the kit page that
``fanfmt build --to ao3`` writes (``kit.html``, :mod:`fanfmt.writers.ao3kit`), with the
preview's bar and reload script added. With ``ao3 = "single"`` (``--ao3 single``) it shows
the single paste, as text to copy and as AO3 shows it (``templates/preview/paste.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from fanfmt.model import Document
from fanfmt.options import Options
from fanfmt.templating import environment
from fanfmt.writers.page import Page

Chrome = Callable[[str], dict[str, Markup]]
"""``"kit"`` or ``"paste"`` → the preview's ``head``, ``bar`` and ``script`` markup."""


def kit_view(doc: Document, options: Options, chrome: Chrome) -> str:
    """The AO3 view of a finished chapter, with the preview's own markup from ``chrome``."""
    from fanfmt.preview.chrome import insert
    from fanfmt.writers.ao3kit import PAGE_FILE, kit_files

    if options.ao3 == "single":
        return paste_view(doc, options, chrome("paste"))
    return insert(kit_files(Page.of(doc), options)[PAGE_FILE], chrome("kit"))


def paste_view(doc: Document, options: Options, parts: dict[str, Markup]) -> str:
    """The chapter as ``fanfmt build --to ao3 --ao3 single`` writes it, to copy and as AO3
    shows it."""
    from fanfmt.writers import get_writer

    ao3 = "".join(get_writer("ao3").write(Page.of(doc), options))
    template = environment(options.templates).get_template("preview/paste.html")
    context: dict[str, Any] = {"title": doc.meta.chapter or doc.meta.title, "ao3": ao3}
    return str(template.render(parts=parts, **context))


__all__ = ["kit_view", "paste_view"]
