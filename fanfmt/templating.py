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
compiled on every run. Writers ask :func:`fanfmt.template_runtime.templates`, which runs
the built-in templates' kept code on Jinja's runtime alone and comes here only for a
user's templates, or to compile the built-in ones when nothing is kept yet
(:func:`keep_compiled`).

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
from typing import Any, NoReturn

import jinja2
import jinja2.sandbox

from fanfmt.template_cache import cache_folder, write_compiled
from fanfmt.template_runtime import (
    DICT_ATTRIBUTES,
    ESCAPED,
    SETTINGS,
    BadTemplateError,
    Compiled,
    UndefinedVariableError,
    builtin_templates,
    message_of,
)


class _Environment(jinja2.Environment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        """``b.kind``: Jinja's lookup (attribute, then item), with a shortcut for dicts.

        A plain dict has no attribute but those of :class:`dict`, so for any other name
        Jinja's ``getattr`` fails and falls back to the item: looking the item up first
        gives the same value without raising and catching an exception (block views are
        dicts, read several times per paragraph).
        """
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Turn template mistakes into one-line :class:`BadTemplateError` errors."""
        _, exc, tb = sys.exc_info()
        error = message_of(exc, tb)
        if error is not None:
            raise error from None
        super().handle_exception(source)


class _SandboxedEnvironment(_Environment, jinja2.sandbox.ImmutableSandboxedEnvironment):
    """For a user's templates: the same lookups and errors, inside Jinja's immutable sandbox.

    ``_Environment.getattr`` hands every lookup but a plain dict's items on to the
    sandbox's own, which refuses private attributes, internals and callables that change
    a value.
    """


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


_SETTINGS = SETTINGS
_ESCAPED = ESCAPED


def _bytecode_cache(builtin: Path, sandboxed: bool) -> jinja2.BytecodeCache | None:
    """The cache of compiled built-in templates, or None when there is nowhere to keep it.

    Its file names carry the versions of fanfmt, Jinja and Python, the environment's
    settings and whether it is the sandbox (whose compiled code calls through the sandbox),
    so a cache written with other ones is never read.
    """
    folder = cache_folder()
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


def keep_compiled(env: jinja2.Environment, path: str, builtin: Path) -> None:
    """Compile every built-in template with ``env`` and keep the code in ``path``, for
    :class:`~fanfmt.template_runtime.RuntimeTemplates` in the next runs; never an error."""
    table: Compiled = {}
    for file in sorted(builtin.rglob("*")):
        rel = file.relative_to(builtin)
        if not file.is_file() or "__pycache__" in rel.parts:
            continue
        name = rel.as_posix()
        try:
            info = os.stat(file)  # before reading: an edit from now on makes the entry stale
            assert env.loader is not None
            source, filename, _ = env.loader.get_source(env, name)
            code = env.compile(source, name, filename)
        except (jinja2.TemplateError, OSError, ValueError):
            continue
        if filename is not None and os.path.samefile(filename, file):
            table[name] = (filename, info.st_size, info.st_mtime_ns, code)
    write_compiled(path, builtin, table)


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


__all__ = [
    "BadTemplateError",
    "UndefinedVariableError",
    "builtin_templates",
    "environment",
    "export_templates",
    "keep_compiled",
    "render",
]
