"""Which templates a writer renders: the built-in ones' kept code on Jinja's runtime, or Jinja.

``templates(None).get_template("xhtml/chapter.xhtml").generate(...)`` runs the code kept
in the user's cache folder (:mod:`fanfmt.template_runtime`) when there is some for this
fanfmt, Jinja and Python; otherwise, and always for ``templates("mine/")`` (a user's
templates, in the sandbox), a full Jinja environment (:mod:`fanfmt.templating`) does,
and the first such run keeps the built-in templates' code for the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from fanfmt.template_cache import cache_file, cache_folder, read_compiled
from fanfmt.template_runtime import RuntimeTemplates, builtin_templates


class Template(Protocol):
    """What a writer asks of a template: a :class:`jinja2.Template`, a :class:`RuntimeTemplate`."""

    def render(self, *args: Any, **kwargs: Any) -> str: ...

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]: ...

    @property
    def module(self) -> Any: ...


class Templates(Protocol):
    """Where a writer gets its templates (a Jinja environment or :class:`RuntimeTemplates`)."""

    def get_template(self, name: str) -> Template: ...


@lru_cache(maxsize=8)
def templates(user_dir: str | None = None) -> Templates:
    """The templates a writer renders: without ``user_dir``, the built-in ones as compiled
    code on Jinja's runtime when the cache holds them; else full Jinja
    (:func:`fanfmt.templating.environment`), which fills the cache for the next run."""
    folder = cache_folder() if user_dir is None else None
    if folder is None:
        from fanfmt.templating import environment

        return environment(user_dir)
    builtin = builtin_templates()
    path = cache_file(folder, builtin)
    compiled = read_compiled(path, builtin)
    full = _full_environment(path, builtin)
    if compiled is None:
        found: Templates = full()
        return found
    return RuntimeTemplates(compiled, full)


def _full_environment(path: str, builtin: Path) -> Callable[[], Any]:
    """The full environment, when first wanted compiling every built-in template into ``path``."""
    done: list[Any] = []

    def full() -> Any:
        if not done:
            from fanfmt.templating import environment, keep_compiled

            done.append(environment(None))
            keep_compiled(done[0], path, builtin)
        return done[0]

    return full


__all__ = ["Template", "Templates", "templates"]
