"""fanfmt: format raw fanfiction chapters into clean XHTML, Markdown and EPUB.

>>> import fanfmt
>>> fanfmt.convert("'Not again.' He sighed.", to="markdown").text
'*Not again.* He sighed.\\n'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fanfmt.version import __version__

__all__ = ["Options", "Result", "__version__", "convert", "normalise", "render"]

if TYPE_CHECKING:
    from fanfmt.api import Result, convert, normalise, render
    from fanfmt.options import Options


def __getattr__(name: str) -> Any:
    """Import the API lazily, so ``fanfmt --version`` starts fast."""
    if name in ("convert", "normalise", "render", "Result"):
        from fanfmt import api

        return getattr(api, name)
    if name == "Options":
        from fanfmt.options import Options

        return Options
    raise AttributeError(name)
