"""The preview's own markup around a page: its stylesheet, bar and reload script.

The markup is ``templates/preview/parts.html``; :func:`insert` puts it into any page,
the reading page or the kit's: ``head`` before ``</head>``, ``bar`` at the top of the
body, ``script`` at its end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from fanfmt.diagnostics import Diagnostic
from fanfmt.templating import environment

PARTS = "preview/parts.html"


def parts(templates: str | None) -> Any:
    """The macros of ``preview/parts.html`` (the user's templates folder first)."""
    return environment(templates).get_template(PARTS).module


def chrome(
    templates: str | None,
    *,
    view: str,
    source: str,
    tag: str,
    findings: Sequence[Diagnostic] = (),
    unplaced: Sequence[Diagnostic] = (),
    error: str = "",
    kit: str = "paste",
) -> dict[str, Markup]:
    """The ``head``, ``bar`` and ``script`` markup of one view (``page`` or ``kit``)."""
    macros = parts(templates)
    return {
        "head": Markup(macros.head()),
        "bar": Markup(macros.bar(view, source, findings, unplaced, error, kit)),
        "script": Markup(macros.script(tag)),
    }


def insert(page: str, markup: dict[str, Markup]) -> str:
    """``page`` with the ``head``, ``bar`` and ``script`` of ``markup`` in their places
    (a page without ``<head>`` or ``<body>`` gets them at its start and end)."""
    head, top, end = (str(markup[k]) for k in ("head", "bar", "script"))
    at = page.find("</head>")
    page = page[:at] + head + page[at:] if at >= 0 else head + page
    body = re.search(r"<body\b[^>]*>", page)
    page = page[: body.end()] + top + page[body.end() :] if body else top + page
    at = page.rfind("</body>")
    return page[:at] + end + page[at:] if at >= 0 else page + end


__all__ = ["PARTS", "chrome", "insert", "parts"]
