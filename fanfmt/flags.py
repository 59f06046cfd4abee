"""The settings as command-line flags, generated from :data:`fanfmt.settings.SETTINGS`.

``@setting_options("book")`` gives a command ``--series``, ``--series-index``, ``--summary``,
``--tag`` and ``--cover``, each named after its Options field (``--tag`` → ``tags``) and
defaulting to the Options default. ``resolve_options(start, **flags)`` turns a command's
flags into the settings in force: defaults < ``fanfmt.toml`` < the flags typed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

from fanfmt.options import Options
from fanfmt.settings import BadValueError, Choice, Group, PathTo, Positive, Rules, Setting, Switch
from fanfmt.settings import flags as settings_in

if TYPE_CHECKING:
    from click.decorators import FC

    from fanfmt.config import Resolved


def _option(setting: Setting) -> Callable[[FC], FC]:
    """``Setting("dash_style", …, "--dash-style", Choice(…))`` → its ``click.option``."""
    check, default = setting.check, setting.default
    decls = [setting.flag, setting.field]
    kw: dict[str, Any] = {"help": setting.help}
    if setting.metavar:
        kw["metavar"] = setting.metavar
    match check:
        case Switch():
            decls[0] = f"{setting.flag}/--no-{setting.flag.removeprefix('--')}"
        case Choice(choices=choices):
            kw["type"] = click.Choice(choices)
        case Positive():
            kw["type"] = click.IntRange(min=1)
        case PathTo(folder=True):
            kw["type"] = click.Path(exists=True, file_okay=False)
        case _:
            pass  # a cover is read, and its errors told, by the EPUB build
    if isinstance(default, tuple | frozenset):
        kw["multiple"] = True  # a list: the flag repeats (no default: click gives ())
    else:
        kw["default"] = default
        kw["show_default"] = bool(default) and not isinstance(check, Switch)
    return click.option(*decls, **kw)


def setting_options(group: Group) -> Callable[[FC], FC]:
    """A decorator adding the flags of ``group`` (see :data:`fanfmt.settings.Group`)."""

    def decorate(f: FC) -> FC:
        for setting in reversed(settings_in(group)):
            f = _option(setting)(f)
        return f

    return decorate


def config_file_options(f: FC) -> FC:
    """``--config FILE`` and ``--no-config``: which ``fanfmt.toml``, if any."""
    f = click.option("--no-config", is_flag=True, help="Ignore every fanfmt.toml.")(f)
    return click.option(
        "--config",
        "config",
        default=None,
        metavar="FILE",
        type=click.Path(exists=True, dir_okay=False),
        help="Read settings from FILE (default: the nearest fanfmt.toml "
        "beside the first INPUT or in a folder above it).",
    )(f)


def chapter_options(f: FC) -> FC:
    """The flags of every command that reads chapters, then ``--config``/``--no-config``."""
    return setting_options("chapter")(config_file_options(f))


def make_options(start: str | None = None, /, **kw: object) -> Options:
    """Flags → :class:`Options`, over ``fanfmt.toml``, over the defaults (see resolve_options)."""
    return resolve_options(start, **kw).options


def resolve_options(start: str | None = None, /, **kw: object) -> Resolved:
    """Defaults < ``fanfmt.toml`` < the flags given on the command line.

    ``kw`` is a command's flags, by Options field (``config`` and ``no_config`` aside). The
    file is ``--config FILE``, else the nearest ``fanfmt.toml`` from ``start`` (default:
    the first INPUT's folder, else the current folder) up; ``--no-config`` skips it. A flag
    counts as given when click says it came from the command line. A bad file or an unknown
    rule name is a usage error (exit 2).
    """
    from pathlib import Path

    from fanfmt.config import find_config, load_config, resolve
    from fanfmt.settings import SETTINGS

    config_file = kw.pop("config", None)
    no_config = bool(kw.pop("no_config", False))
    flags: dict[str, object] = dict(kw)
    for setting in SETTINGS:
        if isinstance(setting.check, Rules) and setting.field in flags:
            try:
                flags[setting.field] = _rules(flags[setting.field])
            except BadValueError as exc:
                raise click.BadParameter(str(exc), param_hint=setting.flag) from None
    if config_file and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    ctx = click.get_current_context(silent=True)
    given = {name for name, value in flags.items() if _given(ctx, name, value)}
    path = Path(str(config_file)) if config_file else None
    if path is None and not no_config:
        path = find_config(start or _config_start(ctx))
    config = load_config(path) if path is not None else None
    return resolve(flags, given, config, config_label=path.name if path else "")


def _rules(value: object) -> frozenset[str]:
    """The names a repeated flag gave (a tuple), checked against the rule chain."""
    from fanfmt.settings import rules

    return rules(value if isinstance(value, Iterable) and not isinstance(value, str) else ())


def _given(ctx: click.Context | None, name: str, value: object) -> bool:
    """Was the flag for Options field ``name`` given (not left at its default)?"""
    from click.core import ParameterSource

    source = ctx.get_parameter_source(name) if ctx is not None else None
    if source is None:  # not a flag of this command: a value passed in code
        return bool(value != getattr(Options(), name, None))
    return source not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _config_start(ctx: click.Context | None) -> str:
    """Where to look for ``fanfmt.toml``: the first INPUT (not ``-``), else the current folder."""
    inputs = ctx.params.get("inputs", ()) if ctx is not None else ()
    first = next((i for i in inputs or () if isinstance(i, str) and i != "-"), None)
    return first or os.getcwd()


__all__ = [
    "chapter_options",
    "config_file_options",
    "make_options",
    "resolve_options",
    "setting_options",
]
