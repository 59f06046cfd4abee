"""The settings as command-line flags, generated from :data:`fanfmt.settings.SETTINGS`.

``@setting_options("book")`` gives a command ``--series``, ``--series-index``, ``--summary``,
``--tag`` and ``--cover``, each named after its Options field (``--tag`` → ``tags``) and
defaulting to the Options default. ``resolve_options(start, **flags)`` turns a command's
flags into the settings in force: defaults < ``fanfmt.toml`` < the flags typed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

from fanfmt.options import Options
from fanfmt.settings import (
    BadValueError,
    Choice,
    Group,
    Lines,
    PathTo,
    Positive,
    Rules,
    Setting,
    Switch,
    Text,
)
from fanfmt.settings import flags as settings_in

if TYPE_CHECKING:
    from pathlib import Path

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
    elif not (isinstance(check, Choice) and default not in check.choices):
        kw["default"] = default  # (a choice whose default is unset is None until given)
        kw["show_default"] = bool(default) and not isinstance(check, Switch)
    return click.option(*decls, **kw)


def setting_options(group: Group) -> Callable[[FC], FC]:
    """A decorator adding the flags of ``group`` (see :data:`fanfmt.settings.Group`)."""

    def decorate(f: FC) -> FC:
        for setting in reversed(settings_in(group)):
            f = _option(setting)(f)
        return f

    return decorate


def setting_option(field: str) -> Callable[[FC], FC]:
    """A decorator adding the flag of one setting, by its Options field (``"ao3"``)."""
    from fanfmt.settings import SETTINGS

    (setting,) = (s for s in SETTINGS if s.field == field)
    return _option(setting)


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


def build_options(f: FC) -> FC:
    """``fanfmt build``'s own flags: what it prints, and how a batch runs."""
    decorators = [
        click.option("-v", "--verbose", is_flag=True, help="Say what was found."),
        click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help="Worker processes for several chapters (default: the CPU count).",
        ),
        click.option(
            "--files-from",
            type=click.File("r", encoding="utf-8", errors="surrogateescape"),  # names are bytes
            default=None,
            metavar="FILE",
            help="Read more INPUTs from FILE, one per line (- for stdin).",
        ),
        click.option(
            "-u",
            "--update",
            is_flag=True,
            help="Skip chapters whose output is already newer than the chapter.",
        ),
        click.option(
            "--in-place",
            is_flag=True,
            help="EPUB input: write the new book over the old one (atomically).",
        ),
        click.option(
            "--explain",
            is_flag=True,
            help="Also show every change made, paragraph by paragraph, with its rule.",
        ),
    ]
    return _stacked(f, decorators)


def lint_options(f: FC) -> FC:
    """``fanfmt lint``'s own flags: which findings, in which form."""
    decorators = [
        click.option(
            "--format",
            "output_format",
            type=click.Choice(["text", "json"]),
            default="text",
            show_default=True,
            help="text: path:line:col: CODE message [severity]; "
            "json: one document (version, files, summary).",
        ),
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help="Report only these codes or code prefixes (e.g. F,Q001; repeatable).",
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="CODES",
            help="Do not report these codes or code prefixes (e.g. G,C001; repeatable).",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No summary line."),
        click.option(
            "--list-codes", is_flag=True, help="List every code with its severity, then exit."
        ),
    ]
    return _stacked(f, decorators)


def _stacked(f: FC, decorators: Sequence[Callable[[Any], Any]]) -> FC:
    """``f`` with ``decorators`` applied as if written above it in this order."""
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


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

    from fanfmt.config import load_config, resolve
    from fanfmt.config_trust import trusted_config
    from fanfmt.settings import SETTINGS

    config_file = kw.pop("config", None)
    no_config = bool(kw.pop("no_config", False))
    flags: dict[str, object] = dict(kw)
    for setting in SETTINGS:
        if isinstance(setting.check, Choice) and flags.get(setting.field, "") is None:
            del flags[setting.field]  # a choice left unset (``--status``): the file's, else none
        if setting.field in flags and not isinstance(setting.check, PathTo):
            _utf8_only(setting.flag, flags[setting.field])
        if isinstance(setting.check, Rules) and setting.field in flags:
            try:
                flags[setting.field] = _rules(flags[setting.field])
            except BadValueError as exc:
                raise click.BadParameter(str(exc), param_hint=setting.flag) from None
        elif isinstance(setting.check, Text | Lines) and setting.field in flags:
            _refuse_controls(setting, flags[setting.field])
    if config_file and no_config:
        raise click.UsageError("--config and --no-config cannot be used together")
    ctx = click.get_current_context(silent=True)
    given = {name for name, value in flags.items() if _given(ctx, name, value)}
    path = Path(str(config_file)) if config_file else None
    start = start or _config_start(ctx)
    if path is None and not no_config:
        path = trusted_config(start, warn=_warn)
        _tell_config(ctx, path, start, found=True)
    else:
        _tell_config(ctx, path, start, found=False)
    config = load_config(path) if path is not None else None
    return resolve(flags, given, config, config_label=path.name if path else "")


def _utf8_only(flag: str, value: object) -> None:
    """A flag's text holds bytes that are not UTF-8 (``--title $'Caf\\xe9'``): a usage error,
    ``--title: not UTF-8 text: Caf\\xe9 (give it in UTF-8)``. (A path may hold any bytes.)"""
    from fanfmt.errors import ConfigError
    from fanfmt.shown import not_utf8, printable

    values = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
    for text in values:
        if isinstance(text, str) and not_utf8(text) is not None:
            raise ConfigError(f"{flag}: not UTF-8 text: {printable(text)} (give it in UTF-8)")


def _refuse_controls(setting: Setting, value: object) -> None:
    """A text flag's value (or a repeated flag's values) with a control character in it is
    a usage error, one line: ``--title: a control character (U+0001) is not allowed …``."""
    from fanfmt.errors import UsageError
    from fanfmt.settings import no_controls

    values = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
    for item in values:
        if isinstance(item, str):
            try:
                no_controls(item)
            except BadValueError as exc:
                raise UsageError(f"{setting.flag}: {exc}") from None


def _warn(message: str) -> None:
    click.echo(f"fanfmt: warning: {message}", err=True)


def _tell_config(ctx: click.Context | None, path: Path | None, start: str, *, found: bool) -> None:
    """``-v`` names the ``fanfmt.toml`` in force; one found above the input's folder is
    always named (but with ``-q``)."""
    from fanfmt.config_trust import config_notice

    if path is None:
        return
    params = ctx.params if ctx is not None else {}
    notice = config_notice(path, start) if found else None
    if notice and not params.get("quiet"):
        click.echo(f"fanfmt: note: {notice}", err=True)
    elif params.get("verbose"):
        click.echo(f"fanfmt: using settings from {path}", err=True)


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
    "build_options",
    "chapter_options",
    "config_file_options",
    "lint_options",
    "make_options",
    "resolve_options",
    "setting_option",
    "setting_options",
]
