"""The one place a Jinja environment is built.

Templates are looked up in the user's folder first (``--templates DIR``), then
in the built-in set: ``fanfmt/templates`` inside an installed wheel, or the
repository's top-level ``templates/`` in a source checkout or editable install.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2


def builtin_templates() -> Path:
    """The folder holding the default templates."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    if packaged.is_dir():
        return packaged
    return here.parent / "templates"


@lru_cache(maxsize=8)
def environment(user_dir: str | None = None) -> jinja2.Environment:
    """A strict environment: an unknown variable is an error naming the template and line."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(builtin_templates()))]
    if user_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(user_dir))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["xhtml", "html", "opf", "xml", "ncx"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def render(name: str, user_dir: str | None = None, **context: object) -> str:
    """Render template ``name`` with ``context``."""
    return environment(user_dir).get_template(name).render(**context)
