"""The one place a Jinja environment is built.

Templates are looked up in the user's folder first (``--templates DIR``), then
in the built-in set: ``fanfmt/templates`` inside an installed wheel, or the
repository's top-level ``templates/`` in a source checkout or editable install.

A template that uses a name it was not given, or has a syntax error, raises
:class:`BadTemplateError` (exit code 2):
``template html/page.html, line 12: 'sumary' is undefined``.

The built-in templates are compiled once and kept, compiled, in the user's cache
folder (``$XDG_CACHE_HOME/fanfmt``, else ``~/.cache/fanfmt``); when that folder cannot
be written, they are compiled on every run instead. A user's own templates are
compiled on every run.

A user's templates (and the built-in ones they fall back on) are rendered in Jinja's
immutable sandbox: a template can read the values it is given, never call into Python
(``{{ cycler.__init__.__globals__.os }}``) nor change a value. Reaching for what the
sandbox forbids is a :class:`BadTemplateError` like any other:
``template xhtml/chapter.xhtml, line 3: access to attribute '__init__' of 'Cycler'
object is unsafe.``
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import lru_cache
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, NoReturn

import jinja2
import jinja2.sandbox

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


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        """``b.kind``: Jinja's lookup (attribute, then item), with a shortcut for dicts.

        A plain dict has no attribute but those of :class:`dict`, so for any other name
        Jinja's ``getattr`` fails and falls back to the item: looking the item up first
        gives the same value without raising and catching an exception (block views are
        dicts, read several times per paragraph).
        """
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

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


class _SandboxedEnvironment(_Environment, jinja2.sandbox.ImmutableSandboxedEnvironment):
    """For a user's templates: the same lookups and errors, inside Jinja's immutable sandbox.

    ``_Environment.getattr`` hands every lookup but a plain dict's items on to the
    sandbox's own, which refuses private attributes, internals and callables that change
    a value.
    """


def builtin_templates() -> Path:
    """The folder holding the default templates."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    if packaged.is_dir():
        return packaged
    return here.parent / "templates"


class _BuiltinBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled built-in templates in a folder, for the next run; never an error.

    A template outside ``builtin`` (a user's) is neither loaded from the folder nor
    saved there. A cache file that cannot be read or written is ignored: the template
    is compiled from its source, as it would be without a cache.
    """

    def __init__(self, folder: str, pattern: str, builtin: Path) -> None:
        super().__init__(folder, pattern)
        self._builtin = str(builtin) + os.sep
        self._skip: set[str] = set()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        key = self.get_cache_key(name, filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        if filename is None or not filename.startswith(self._builtin):
            self._skip.add(key)
            return bucket
        try:
            self.load_bytecode(bucket)
        except Exception:  # a damaged or unreadable cache file: compile instead
            bucket.reset()
        return bucket

    def set_bucket(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._skip:
            return
        with contextlib.suppress(OSError):  # a full disk, or a folder made read-only since
            self.dump_bytecode(bucket)


def _cache_folder() -> str | None:
    """``$XDG_CACHE_HOME/fanfmt`` (else ``~/.cache/fanfmt``), created; None when not writable."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative: the XDG spec says to ignore it
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder either
        return None
    folder = os.path.join(base, "fanfmt")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except (OSError, ValueError):
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


_ESCAPED = ("xhtml", "html", "opf", "xml", "ncx")
"""Templates with these suffixes have their variables HTML-escaped."""
_SETTINGS: dict[str, Any] = {
    "autoescape": jinja2.select_autoescape(_ESCAPED),
    "undefined": _Undefined,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def _bytecode_cache(builtin: Path, sandboxed: bool) -> jinja2.BytecodeCache | None:
    """The cache of compiled built-in templates, or None when there is nowhere to keep it.

    Its file names carry the versions of fanfmt, Jinja and Python, the environment's
    settings and whether it is the sandbox (whose compiled code calls through the sandbox),
    so a cache written with other ones is never read.
    """
    folder = _cache_folder()
    if folder is None:
        return None
    from hashlib import sha1

    from fanfmt.version import __version__

    settings = sorted((k, v) for k, v in _SETTINGS.items() if isinstance(v, bool))
    stamp = f"{__version__}|{jinja2.__version__}|{sys.version}|{builtin}|{settings}|{_ESCAPED}"
    stamp += "|sandbox" if sandboxed else "|plain"  # a cache of either kind from before: unread
    tag = sha1(stamp.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return _BuiltinBytecodeCache(folder, f"templates-{tag}-%s.cache", builtin)


@lru_cache(maxsize=8)
def environment(user_dir: str | None = None) -> jinja2.Environment:
    """A strict environment: an unknown variable is an error naming the template and line.

    With ``user_dir`` (``--templates``), a sandboxed one: see the module's docstring.
    """
    builtin = builtin_templates()
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(builtin))]
    if user_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(user_dir))
    kind = _Environment if user_dir is None else _SandboxedEnvironment
    return kind(
        loader=jinja2.ChoiceLoader(loaders),
        bytecode_cache=_bytecode_cache(builtin, sandboxed=user_dir is not None),
        auto_reload=user_dir is not None,  # a user's templates may be edited between builds
        **_SETTINGS,
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
