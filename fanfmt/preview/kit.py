"""The AO3 view of ``fanfmt preview``: the posting kit's page, else the single AO3 paste.

Where fanfmt has an AO3 posting kit (a function ``kit_page(doc, options, source) -> str``
in :data:`KIT_MODULE`, the kit page ``fanfmt build --to ao3`` writes), the switch shows that
page, with the preview's bar and reload script added. Without one it shows the chapter
as ``--to ao3`` writes it, as text to copy and as AO3 shows it (``templates/preview/paste.html``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from fanfmt.model import Document
from fanfmt.options import Options
from fanfmt.templating import environment

KIT_MODULE = "fanfmt.writers.kit"
"""Where the posting kit's page is made, when fanfmt has one."""

Chrome = Callable[[str], dict[str, Markup]]
"""``"kit"`` or ``"paste"`` → the preview's ``head``, ``bar`` and ``script`` markup."""


def kit_maker() -> Callable[[Document, Options, str], str] | None:
    """``kit_page`` of :data:`KIT_MODULE`, or ``None`` when fanfmt has no posting kit."""
    try:
        module = importlib.import_module(KIT_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != KIT_MODULE:
            raise
        return None
    maker: Callable[[Document, Options, str], str] | None = getattr(module, "kit_page", None)
    return maker


def kit_view(doc: Document, options: Options, source: str, chrome: Chrome) -> str:
    """The AO3 view of a finished chapter, with the preview's own markup from ``chrome``."""
    from fanfmt.preview.chrome import insert

    maker = kit_maker()
    if maker is not None:
        return insert(maker(doc, options, source), chrome("kit"))
    return paste_view(doc, options, chrome("paste"))


def paste_view(doc: Document, options: Options, parts: dict[str, Markup]) -> str:
    """The chapter as ``fanfmt build --to ao3`` writes it, to copy and as AO3 shows it."""
    from fanfmt.writers import get_writer
    from fanfmt.writers.page import Page

    ao3 = "".join(get_writer("ao3").write(Page.of(doc), options))
    template = environment(options.templates).get_template("preview/paste.html")
    context: dict[str, Any] = {"title": doc.meta.chapter or doc.meta.title, "ao3": ao3}
    return str(template.render(parts=parts, **context))


__all__ = ["KIT_MODULE", "kit_maker", "kit_view", "paste_view"]
