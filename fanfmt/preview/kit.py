"""The AO3 view of ``fanfmt preview``: the posting kit's page, else the single AO3 paste.

Where fanfmt has an AO3 posting kit (:data:`KIT_MODULE`, whose ``kit_files(page, options)``
gives every file of the kit by name, the kit page under ``PAGE_FILE``) and the ``ao3``
setting is not ``single``, the switch shows that page, with the preview's bar and reload
script added. Else it shows the chapter as ``--to ao3`` writes it, as text to copy and as
AO3 shows it (``templates/preview/paste.html``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from fanfmt.model import Document
from fanfmt.options import Options
from fanfmt.templating import environment
from fanfmt.writers.page import Page

KIT_MODULE = "fanfmt.writers.ao3kit"
"""Where the posting kit's page is made, when fanfmt has one."""

Chrome = Callable[[str], dict[str, Markup]]
"""``"kit"`` or ``"paste"`` → the preview's ``head``, ``bar`` and ``script`` markup."""


KitPage = Callable[[Document, Options], str]


def kit_maker() -> KitPage | None:
    """A chapter → the posting kit's page, or ``None`` when fanfmt has no posting kit."""
    try:
        module = importlib.import_module(KIT_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != KIT_MODULE:
            raise
        return None
    files: Callable[[Page, Options], dict[str, str]] | None = getattr(module, "kit_files", None)
    name: str | None = getattr(module, "PAGE_FILE", None)
    if files is None or name is None:
        return None
    page_file: str = name
    make: Callable[[Page, Options], dict[str, str]] = files
    return lambda doc, options: make(Page.of(doc), options)[page_file]


def kit_view(doc: Document, options: Options, chrome: Chrome) -> str:
    """The AO3 view of a finished chapter, with the preview's own markup from ``chrome``."""
    from fanfmt.preview.chrome import insert

    maker = kit_maker()
    if maker is not None and getattr(options, "ao3", "kit") != "single":
        return insert(maker(doc, options), chrome("kit"))
    return paste_view(doc, options, chrome("paste"))


def paste_view(doc: Document, options: Options, parts: dict[str, Markup]) -> str:
    """The chapter as ``fanfmt build --to ao3`` writes it, to copy and as AO3 shows it."""
    from fanfmt.writers import get_writer

    ao3 = "".join(get_writer("ao3").write(Page.of(doc), options))
    template = environment(options.templates).get_template("preview/paste.html")
    context: dict[str, Any] = {"title": doc.meta.chapter or doc.meta.title, "ao3": ao3}
    return str(template.render(parts=parts, **context))


__all__ = ["KIT_MODULE", "KitPage", "kit_maker", "kit_view", "paste_view"]
