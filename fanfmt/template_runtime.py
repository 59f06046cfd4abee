"""The built-in templates, compiled once, run on Jinja's runtime alone.

Jinja turns a template into Python code, and that code needs only ``jinja2.runtime``
to run; it is ``import jinja2`` (the lexer, parser and compiler, loaded by the
package's ``__init__``) that costs most of a short build's start. So:

* the first build with the built-in templates compiles all of them with full Jinja
  (:mod:`fanfmt.templating`) and keeps their code in one file of the user's cache folder,
  ``runtime-<stamp>.marshal`` (:mod:`fanfmt.template_cache`);
* the next builds read that file and run the code with :class:`RuntimeTemplates`, which
  loads ``jinja2.runtime`` without running ``jinja2/__init__.py`` (see :func:`_runtime`).

For each template, the code is used only when the template's file has the size and
modification time it had when it was compiled. Otherwise, and for a user's own templates
(``--templates``, always full Jinja and its sandbox), :func:`fanfmt.template_set.templates`
takes the full path. Both give the same bytes (``tests/test_template_runtime.py``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import CodeType, FrameType, ModuleType, TracebackType
from typing import Any, NoReturn


def _runtime() -> ModuleType:
    """``jinja2.runtime``, loading the rest of Jinja only when something asks for it.

    When ``jinja2`` is not imported yet, its package module is made from its spec without
    running its ``__init__`` (Python's own lazy loading does the same), so that importing
    ``jinja2.runtime`` loads only what the runtime imports. The first lookup of a name the
    package does not have yet (``jinja2.Environment``, ``from jinja2 import Template``)
    runs the ``__init__`` into that same module: any code in this process that imports
    Jinja gets all of it.
    """
    if "jinja2" not in sys.modules:
        spec = importlib.util.find_spec("jinja2")
        if spec is not None and spec.loader is not None:
            package = importlib.util.module_from_spec(spec)
            lock = threading.Lock()

            def complete(name: str) -> Any:
                with lock:
                    if package.__dict__.pop("__getattr__", None) is not None:
                        spec.loader.exec_module(package)  # type: ignore[union-attr]
                return package.__dict__[name] if name in package.__dict__ else _missing(name)

            package.__getattr__ = complete  # type: ignore[method-assign]
            sys.modules["jinja2"] = package
    import jinja2.runtime

    return jinja2.runtime


def _missing(name: str) -> NoReturn:
    raise AttributeError(f"module 'jinja2' has no attribute {name!r}")


_rt = _runtime()
import jinja2.exceptions  # noqa: E402  (after the runtime, which loads it lightly)
import jinja2.utils  # noqa: E402

from fanfmt.errors import ConfigError  # noqa: E402


class BadTemplateError(ConfigError, jinja2.exceptions.TemplateError):
    """A template cannot be used: ``template xhtml/chapter.xhtml, line 9: 'x' is undefined``."""


class UndefinedVariableError(BadTemplateError, jinja2.exceptions.UndefinedError):
    """A template used a variable it was not given; the message names the template and line."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(f"{location_in_stack()}{message or 'undefined variable'}")


def _where(template: object, lineno: int) -> str:
    lineno_of = getattr(template, "get_corresponding_lineno", None)
    if lineno_of is None:
        return ""
    return f"template {getattr(template, 'name', '?')}, line {lineno_of(lineno)}: "


def location_in_stack() -> str:
    """``template NAME, line N: `` for the innermost template frame now running."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        where = _where(frame.f_globals.get("__jinja_template__"), frame.f_lineno)
        if where:
            return where
        frame = frame.f_back
    return ""


def location_in_traceback(tb: TracebackType | None) -> str:
    where = ""
    while tb is not None:
        where = _where(tb.tb_frame.f_globals.get("__jinja_template__"), tb.tb_lineno) or where
        tb = tb.tb_next
    return where


class Undefined(jinja2.runtime.StrictUndefined):
    """Strict, and its error says which template and line used the unknown name."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
        name: str | None = None,
        exc: type[jinja2.exceptions.TemplateRuntimeError] = UndefinedVariableError,
    ) -> None:
        if exc is jinja2.exceptions.UndefinedError:
            exc = UndefinedVariableError
        super().__init__(hint, obj, name, exc)


ESCAPED = ("xhtml", "html", "opf", "xml", "ncx")
"""Templates with these suffixes have their variables HTML-escaped."""
SETTINGS: dict[str, Any] = {
    "autoescape": jinja2.utils.select_autoescape(ESCAPED),
    "undefined": Undefined,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
"""What every environment is made with, the runtime's as the full one."""
DICT_ATTRIBUTES = frozenset(dir(dict))


def message_of(exc: BaseException | None, tb: TracebackType | None) -> BadTemplateError | None:
    """A template's mistake as one line; None for anything else (a bug, passed up as it is)."""
    if isinstance(exc, jinja2.exceptions.TemplateSyntaxError):
        name = exc.name or exc.filename or "?"
        return BadTemplateError(f"template {name}, line {exc.lineno}: {exc.message}")
    if isinstance(exc, jinja2.exceptions.TemplateError) and not isinstance(exc, BadTemplateError):
        what = (
            f"template {exc.message!r} not found"
            if isinstance(exc, jinja2.exceptions.TemplateNotFound)
            else str(exc.message)
        )
        return BadTemplateError(f"{location_in_traceback(tb)}{what}")
    return None


def builtin_templates() -> Path:
    """The folder holding the default templates."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    if packaged.is_dir():
        return packaged
    return here.parent / "templates"


Compiled = dict[str, tuple[str, int, int, CodeType]]
"""Template name → (its file, that file's size and modification time, its code)."""


class _Filters(dict[str, Any]):
    """Jinja's own filters or tests, loaded when a template first asks for one."""

    def __init__(self, module: str, name: str) -> None:
        super().__init__()
        self._where = (module, name)

    def __missing__(self, key: str) -> Any:
        from importlib import import_module

        module, name = self._where
        self.update(getattr(import_module(module), name))
        if key not in self:
            raise KeyError(key)
        return self[key]


class RuntimeTemplates:
    """The built-in templates as compiled code, with what that code asks of an environment.

    It answers as fanfmt's plain (unsandboxed) Jinja environment does: the same
    lookups (a dict's items first), undefined names, filters, tests and errors.
    """

    is_async = False
    concat = "".join
    context_class = jinja2.runtime.Context
    undefined = Undefined

    def __init__(self, compiled: Compiled, fallback: Any) -> None:
        from jinja2.utils import Cycler, Joiner, Namespace, generate_lorem_ipsum

        self.autoescape: Callable[[str | None], bool] = SETTINGS["autoescape"]
        self._compiled = compiled
        self._fallback = fallback  # () -> the full environment, for a template not in the file
        self._loaded: dict[str, Any] = {}
        self.filters = _Filters("jinja2.filters", "FILTERS")
        self.tests = _Filters("jinja2.tests", "TESTS")
        self.globals: dict[str, Any] = {
            "range": range,
            "dict": dict,
            "lipsum": generate_lorem_ipsum,
            "cycler": Cycler,
            "joiner": Joiner,
            "namespace": Namespace,
        }

    def get_template(self, name: str, parent: str | None = None) -> Any:
        template = self._loaded.get(name)
        if template is not None:
            return template
        entry = self._compiled.get(name)
        if entry is not None:
            filename, size, mtime, code = entry
            try:
                info = os.stat(filename)
                fresh = info.st_size == size and info.st_mtime_ns == mtime
            except OSError:
                fresh = False
            if fresh:
                template = self._loaded[name] = RuntimeTemplate(self, code)
                return template
        return self._fallback().get_template(name, parent)

    def __getattr__(self, name: str) -> Any:
        """Anything else a template's code or a filter asks of its environment (``policies``
        for ``truncate``, say): the full environment's, loaded for it."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._fallback(), name)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``b.kind``: a dict's item, else Jinja's lookup (attribute, then item)."""
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """``b[key]``: the item, else the attribute (as Jinja's own ``getitem``)."""
        try:
            return obj[argument]
        except (AttributeError, TypeError, LookupError):
            if isinstance(argument, str):
                try:
                    return getattr(obj, argument)
                except AttributeError:
                    pass
            return self.undefined(obj=obj, name=argument)

    def handle_exception(self, source: str | None = None) -> NoReturn:
        """Template mistakes as one-line :class:`BadTemplateError` errors; anything else as is."""
        del source
        _, exc, tb = sys.exc_info()
        error = message_of(exc, tb)
        if error is not None:
            raise error from None
        raise  # (called inside an ``except`` block, as Jinja calls it)


class RuntimeTemplate:
    """One compiled template, with the parts of :class:`jinja2.Template` fanfmt uses."""

    def __init__(self, environment: RuntimeTemplates, code: CodeType) -> None:
        namespace: dict[str, Any] = {"environment": environment, "__file__": code.co_filename}
        exec(code, namespace)  # the template's code, compiled by Jinja from fanfmt's own file
        self.environment = environment
        self.globals = environment.globals
        self.name: str = namespace["name"]
        self.filename = code.co_filename
        self.blocks = namespace["blocks"]
        self.root_render_func = namespace["root"]
        self._debug_info: str = namespace["debug_info"]
        self._module: RuntimeModule | None = None
        namespace["__jinja_template__"] = self

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> Any:
        return _rt.new_context(
            self.environment, self.name, self.blocks, vars, shared, self.globals, locals
        )

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        try:
            return "".join(self.root_render_func(ctx))
        except Exception:
            self.environment.handle_exception()

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        ctx = self.new_context(dict(*args, **kwargs))
        try:
            yield from self.root_render_func(ctx)
        except Exception:
            self.environment.handle_exception()

    def make_module(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> RuntimeModule:
        return RuntimeModule(self, self.new_context(vars, shared, locals))

    def _get_default_module(self, ctx: Any = None) -> RuntimeModule:
        """What ``{% import %}`` of this template gives (as :class:`jinja2.Template`'s)."""
        if ctx is not None:
            keys = ctx.globals_keys - self.globals.keys()
            if keys:
                return self.make_module({k: ctx.parent[k] for k in keys})
        if self._module is None:
            self._module = self.make_module()
        return self._module

    @property
    def module(self) -> RuntimeModule:
        return self._get_default_module()

    def get_corresponding_lineno(self, lineno: int) -> int:
        """The template's line for a line of its code."""
        pairs = [tuple(map(int, x.split("="))) for x in self._debug_info.split("&") if x]
        for template_line, code_line in reversed(pairs):
            if code_line <= lineno:
                return template_line
        return 1


class RuntimeModule:
    """An imported template: its macros as attributes (as :class:`jinja2.TemplateModule`)."""

    def __init__(self, template: RuntimeTemplate, context: Any) -> None:
        self._body_stream = list(template.root_render_func(context))
        self.__dict__.update(context.get_exported())
        self.__name__ = template.name

    def __html__(self) -> Any:
        return _rt.Markup("".join(self._body_stream))

    def __str__(self) -> str:
        return "".join(self._body_stream)


__all__ = [
    "BadTemplateError",
    "RuntimeTemplate",
    "RuntimeTemplates",
    "UndefinedVariableError",
    "builtin_templates",
]
