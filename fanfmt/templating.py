"""The one place a Jinja environment is built.

Templates are looked up in the user's folder first (``--templates DIR``), then
in the built-in set: ``fanfmt/templates`` inside an installed wheel, or the
repository's top-level ``templates/`` in a source checkout or editable install.

A template that uses a name it was not given, or has a syntax error, raises
:class:`BadTemplateError` (exit code 2):
``template html/page.html, line 12: 'sumary' is undefined``.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, NoReturn

import jinja2

from fanfmt.errors import ConfigError


class BadTemplateError(ConfigError, jinja2.TemplateError):
    """A template cannot be used: ``template xhtml/chapter.xhtml, line 9: 'x' is undefined``."""


class UndefinedVariableError(BadTemplateError, jinja2.UndefinedError):
    """A template used a variable it was not given; the message names the template and line."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(f"{_location_in_stack()}{message or 'undefined variable'}")


def _where(template: object, lineno: int) -> str:
    if not isinstance(template, jinja2.Template):
        return ""
    return f"template {template.name}, line {template.get_corresponding_lineno(lineno)}: "


def _location_in_stack() -> str:
    """``template NAME, line N: `` for the innermost template frame now running."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        where = _where(frame.f_globals.get("__jinja_template__"), frame.f_lineno)
        if where:
            return where
        frame = frame.f_back
    return ""


def _location_in_traceback(tb: TracebackType | None) -> str:
    where = ""
    while tb is not None:
        where = _where(tb.tb_frame.f_globals.get("__jinja_template__"), tb.tb_lineno) or where
        tb = tb.tb_next
    return where


class _Undefined(jinja2.StrictUndefined):
    """Strict, and its error says which template and line used the unknown name."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = UndefinedVariableError,
    ) -> None:
        if exc is jinja2.UndefinedError:
            exc = UndefinedVariableError
        super().__init__(hint, obj, name, exc)


class _Environment(jinja2.Environment):
    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Turn template mistakes into one-line :class:`BadTemplateError` errors."""
        _, exc, tb = sys.exc_info()
        if isinstance(exc, jinja2.TemplateSyntaxError):
            name = exc.name or exc.filename or "?"
            raise BadTemplateError(f"template {name}, line {exc.lineno}: {exc.message}") from None
        if isinstance(exc, jinja2.TemplateError) and not isinstance(exc, BadTemplateError):
            what = (
                f"template {exc.message!r} not found"
                if isinstance(exc, jinja2.TemplateNotFound)
                else str(exc.message)
            )
            raise BadTemplateError(f"{_location_in_traceback(tb)}{what}") from None
        super().handle_exception(source)


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
    return _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["xhtml", "html", "opf", "xml", "ncx"]),
        undefined=_Undefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=user_dir is not None,  # a user's templates may be edited between builds
    )


def export_templates(dest: str | Path, *, force: bool = False) -> list[Path]:
    """Copy every built-in template into ``dest`` for editing; the files written.

    ``export_templates("mine")`` → ``[Path("mine/ao3/chapter.html"), …]``. A file already
    in ``dest`` is an :class:`~fanfmt.errors.OutputError` unless ``force``.
    """
    from fanfmt.errors import OutputError
    from fanfmt.files import write_atomic

    source = builtin_templates()
    files = sorted(
        p
        for p in source.rglob("*")
        if p.is_file() and "__pycache__" not in p.relative_to(source).parts
    )
    target = Path(dest)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    pairs = [(p, target / p.relative_to(source)) for p in files]
    clash = next((out for _, out in pairs if out.exists()), None)
    if clash is not None and not force:
        raise OutputError(f"{clash}: already exists (use --force to overwrite)")
    for src, out in pairs:
        write_atomic(out, src.read_bytes())
    return [out for _, out in pairs]


def render(name: str, user_dir: str | None = None, **context: object) -> str:
    """Render template ``name`` with ``context``."""
    return environment(user_dir).get_template(name).render(**context)
