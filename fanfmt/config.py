"""Story settings from ``fanfmt.toml``, merged under the command-line flags.

A ``fanfmt.toml`` beside the chapters (or in any parent folder) describes the story::

    [story]
    title = "The Drowned Bell"
    language = "en-GB"
    tags = ["Original Work", "Ghosts"]

    [conventions]
    quotes = "british"
    thoughts = "asterisk"

    [output]
    scene_break = "* * *"

``find_config(Path("story/ch5.txt"))`` → ``Path("story/fanfmt.toml")`` (the nearest one up);
``load_config(path)`` → a :class:`Config` (each value with its line);
``resolve({"quotes": "american"}, {"quotes"}, config)`` → :class:`Resolved` options, where a
flag given on the command line beats the file and the file beats the defaults.

The keys, their tables and their checks are the rows of :data:`fanfmt.settings.SETTINGS`.
A bad file is a :class:`~fanfmt.errors.ConfigError` naming the file, the line and the key:
``story/fanfmt.toml, line 7: unknown key 'quote' in [conventions] (did you mean 'quotes'?)``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import field, fields
from pathlib import Path
from typing import Any

from fanfmt import rx
from fanfmt.errors import ConfigError
from fanfmt.options import Options
from fanfmt.record import record
from fanfmt.settings import FLAG_NAMES, KEYS, TABLES, BadValueError, Choice

CONFIG_NAME = "fanfmt.toml"


@record()
class Config:
    """A loaded ``fanfmt.toml``: Options field → (value, line)."""

    path: Path
    values: dict[str, tuple[Any, int]] = field(default_factory=dict)


@record()
class Resolved:
    """The options in force and where each came from."""

    options: Options
    config: Path | None
    sources: dict[str, str]
    """Options field → ``default``, ``fanfmt.toml, line 7`` or ``--quotes``."""


def find_config(start: str | Path) -> Path | None:
    """The nearest ``fanfmt.toml`` in ``start`` (a folder, or a file's folder) or above it."""
    try:
        here = Path(start).expanduser().resolve()
    except (OSError, ValueError, RuntimeError):
        return None  # not a usable path (a NUL in it, a link loop): reading it will say so
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


_BARE = r"[A-Za-z0-9_-]+"
_KEY_PART = rf"(?:{_BARE}|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_RE = rx.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN_RE = rx.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = rx.compile(_KEY_PART)


def _parts(dotted: str) -> tuple[str, ...]:
    out = []
    for m in _PART_RE.finditer(dotted):
        part = m.group(0)
        if part.startswith('"'):
            import json

            part = json.loads(part)
        elif part.startswith("'"):
            part = part[1:-1]
        out.append(part)
    return tuple(out)


def key_lines(source: str) -> dict[tuple[str, ...], int]:
    """Where each table and key is written: ``{("story",): 1, ("story", "title"): 2}``."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER_RE.match(line)
        if header:
            table = _parts(header.group(1))
            lines.setdefault(table, number)
        else:
            assign = _ASSIGN_RE.match(line)
            if assign:
                lines.setdefault(table + _parts(assign.group(1)), number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_string = quote
                break
    return lines


def _line_of(lines: Mapping[tuple[str, ...], int], path: tuple[str, ...]) -> int:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1


def _suggest(name: str, known: Collection[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"


_TOML_AT_RE = rx.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


def load_config(path: str | Path) -> Config:
    """Read and check a ``fanfmt.toml``; every mistake names the file, line and key."""
    import tomllib

    path = Path(path)
    try:
        source = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    source = source.removeprefix("\ufeff")  # a byte-order mark, as Notepad writes one
    try:
        data = tomllib.loads(source)
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: its arrays or tables nest too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT_RE.search(message)
        line = int(at.group(1)) if at and at.group(1) else max(1, len(source.splitlines()))
        reason = message[: at.start()] if at else message
        raise ConfigError(f"{path}, line {line}: not valid TOML: {reason}") from None

    lines = key_lines(source)
    values: dict[str, tuple[Any, int]] = {}
    keys_by_table = {t: {k.key: k for k in KEYS if k.table == t} for t in TABLES}
    for table, content in data.items():
        line = _line_of(lines, (table,))
        if table not in keys_by_table:
            owner = next((k.table for k in KEYS if k.key == table), None)
            hint = f" (put it under [{owner}])" if owner else _suggest(table, TABLES)
            raise ConfigError(f"{path}, line {line}: unknown key {table!r}{hint}")
        if not isinstance(content, dict):
            raise ConfigError(f"{path}, line {line}: {table!r} must be a table: [{table}]")
        known = keys_by_table[table]
        for name, raw in content.items():
            line = _line_of(lines, (table, name))
            setting = known.get(name)
            if setting is None:
                raise ConfigError(
                    f"{path}, line {line}: unknown key {name!r} in [{table}]{_suggest(name, known)}"
                )
            try:
                values[setting.field] = (setting.check(raw, path.parent), line)
            except BadValueError as exc:
                raise ConfigError(f"{path}, line {line}: [{table}] {name}: {exc}") from None
    return Config(path, values)


_DEFAULTS = Options()


def resolve(
    flags: Mapping[str, Any],
    given: Collection[str],
    config: Config | None,
    *,
    config_label: str = CONFIG_NAME,
) -> Resolved:
    """Defaults < ``config`` < the flags in ``given`` (Options field names).

    ``flags`` holds every flag's value, given or not: a flag's own default is used
    when the file does not set that field either.
    """
    known = {f.name for f in fields(Options)}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name in sorted(known - {"extra", "origins"}):
        from_file = config.values.get(name) if config else None
        if name in given and name in flags:
            values[name], sources[name] = flags[name], FLAG_NAMES.get(name, name)
        elif from_file is not None:
            values[name], sources[name] = from_file[0], f"{config_label}, line {from_file[1]}"
        elif name in flags:
            values[name], sources[name] = flags[name], "default"
        else:
            values[name], sources[name] = getattr(_DEFAULTS, name), "default"
    unknown = set(flags) - known
    if unknown:
        raise ConfigError(f"unknown option {', '.join(sorted(unknown))}")
    options = Options(**values, origins=dict(sources))
    return Resolved(options, config.path if config else None, sources)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, frozenset):
        value = sorted(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    import json

    return json.dumps(str(value), ensure_ascii=False)


def format_settings(resolved: Resolved) -> str:
    """The settings in force as a ``fanfmt.toml``, each line saying where its value came from."""
    rows: list[tuple[str, str]] = []
    head = f"# {resolved.config}" if resolved.config else f"# no {CONFIG_NAME} found"
    for table in TABLES:
        rows.append((f"\n[{table}]", ""))
        for setting in (k for k in KEYS if k.table == table):
            value = getattr(resolved.options, setting.field)
            where = resolved.sources.get(setting.field, "default")
            if value is None or (isinstance(setting.check, Choice) and not value):
                rows.append((f"# {setting.key} is not set", where))
            else:
                rows.append((f"{setting.key} = {_toml_value(value)}", where))
    width = max(len(text) for text, _ in rows if not text.startswith("\n"))
    out = [head]
    for text, where in rows:
        out.append(text if not where else f"{text:<{width}}  # {where}")
    return "\n".join(out) + "\n"


__all__ = [
    "CONFIG_NAME",
    "KEYS",
    "TABLES",
    "Config",
    "Resolved",
    "find_config",
    "format_settings",
    "key_lines",
    "load_config",
    "resolve",
]
