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

A bad file is a :class:`~fanfmt.errors.ConfigError` naming the file, the line and the key:
``story/fanfmt.toml, line 7: unknown key 'quote' in [conventions] (did you mean 'quotes'?)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from fanfmt.errors import ConfigError
from fanfmt.options import DASH_STYLES, NOTES_MODES, QUOTE_STYLES, THOUGHT_STYLES, Options

CONFIG_NAME = "fanfmt.toml"

Check = Callable[[Any, Path], Any]
"""Check a raw TOML value (with the config file's folder) → the Options value."""


class _BadValueError(ValueError):
    """A value that does not fit its key (the message says what was expected)."""


def _got(value: object) -> str:
    import json  # imported here, like tomllib and difflib: most builds read no fanfmt.toml

    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _text(*, one_line: bool = True) -> Check:
    def check(value: Any, base: Path) -> str:
        if not isinstance(value, str):
            raise _BadValueError(f"expected a string, got {_got(value)}")
        if one_line and ("\n" in value or "\r" in value):
            raise _BadValueError("expected a single line")
        return value

    return check


def _choice(choices: tuple[str, ...]) -> Check:
    def check(value: Any, base: Path) -> str:
        if value not in choices:
            raise _BadValueError(f"expected one of {', '.join(choices)}, got {_got(value)}")
        return str(value)

    return check


def _bool(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise _BadValueError(f"expected true or false, got {_got(value)}")
    return value


def _positive(value: Any, base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _BadValueError(f"expected a whole number from 1 up, got {_got(value)}")
    return value


_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def _language(value: Any, base: Path) -> str:
    if not isinstance(value, str) or not _LANG_RE.match(value):
        raise _BadValueError(f"expected a language tag (en, en-GB, pt-BR…), got {_got(value)}")
    return value


def _lines(value: Any, base: Path) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _BadValueError(f"expected a list of strings, got {_got(value)}")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip() or "\n" in item:
            raise _BadValueError(f"expected a list of non-empty one-line strings, got {_got(item)}")
        out.append(item.strip())
    return tuple(out)


def _rules(value: Any, base: Path) -> frozenset[str]:
    from fanfmt.rules import DEFAULT_CHAIN

    names = _lines(value, base)
    known = DEFAULT_CHAIN.names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise _BadValueError(f"unknown rule {_got(unknown[0])} (known: {', '.join(known)})")
    return frozenset(names)


def _path(*, folder: bool) -> Check:
    def check(value: Any, base: Path) -> str:
        if not isinstance(value, str) or not value:
            raise _BadValueError(f"expected a path, got {_got(value)}")
        path = (base / Path(value).expanduser()).resolve()
        if folder and not path.is_dir():
            raise _BadValueError(f"{_got(value)} is not a folder (looked for {path})")
        if not folder and not path.is_file():
            raise _BadValueError(f"{_got(value)} is not a file (looked for {path})")
        return str(path)

    return check


@dataclass(frozen=True, slots=True)
class Key:
    """One setting a ``fanfmt.toml`` may hold."""

    table: str
    name: str
    field: str
    """The :class:`~fanfmt.options.Options` field it sets."""
    check: Check
    flag: str = ""
    """The command-line flag that overrides it, if any."""
    help: str = ""


KEYS: tuple[Key, ...] = (
    Key("story", "title", "title", _text(), "--title", "story title (overrides the text's)"),
    Key("story", "author", "author", _text(), "--author", "the author's name"),
    Key("story", "language", "lang", _language, "--lang", "language tag (en, en-GB…)"),
    Key("story", "series", "series", _text(), "--series", "series name"),
    Key("story", "series_index", "series_index", _positive, "--series-index",
        "place in the series"),
    Key("story", "summary", "summary", _text(one_line=False), "--summary", "the story's summary"),
    Key("story", "tags", "tags", _lines, "--tag", "list of tags"),
    Key("story", "cover", "cover", _path(folder=False), "--cover", "cover image file"),
    Key("conventions", "quotes", "quotes", _choice(QUOTE_STYLES), "--quotes",
        "dialogue convention"),
    Key("conventions", "thoughts", "thoughts", _choice(THOUGHT_STYLES), "--thoughts",
        "how thoughts are marked"),
    Key("conventions", "scene_break_markers", "scene_break_markers", _lines, "",
        "the author's own scene-break lines"),
    Key("conventions", "captions", "captions", _bool, "", "detect scene captions"),
    Key("conventions", "notes", "notes", _choice(NOTES_MODES), "--notes",
        "author's notes: keep, end or omit"),
    Key("output", "scene_break", "scene_break", _text(), "--scene-break",
        "scene-break ornament (empty: a rule)"),
    Key("output", "thought_marks", "thought_marks", _bool, "--thought-marks",
        "keep quote marks around thoughts"),
    Key("output", "dash_style", "dash_style", _choice(DASH_STYLES), "--dash-style",
        "em dashes closed or spaced"),
    Key("output", "disable", "disabled_rules", _rules, "--disable", "rules switched off"),
    Key("output", "templates", "templates", _path(folder=True), "--templates",
        "folder of your own templates"),
    Key("output", "stylesheet", "stylesheet", _choice(("link", "inline")), "--stylesheet",
        "XHTML: link or inline the stylesheet"),
)  # fmt: skip
TABLES: tuple[str, ...] = ("story", "conventions", "output")
_BY_FIELD = {k.field: k for k in KEYS}

FLAG_NAMES: dict[str, str] = {
    **{k.field: k.flag for k in KEYS if k.flag},
    "encoding": "--encoding",
    "from_format": "--from",
}
"""Options field → the flag that sets it."""


@dataclass(frozen=True, slots=True)
class Config:
    """A loaded ``fanfmt.toml``: Options field → (value, line)."""

    path: Path
    values: dict[str, tuple[Any, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
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
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_KEY_PART)


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


_TOML_AT_RE = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


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
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT_RE.search(message)
        line = int(at.group(1)) if at and at.group(1) else max(1, len(source.splitlines()))
        reason = message[: at.start()] if at else message
        raise ConfigError(f"{path}, line {line}: not valid TOML: {reason}") from None

    lines = key_lines(source)
    values: dict[str, tuple[Any, int]] = {}
    keys_by_table = {t: {k.name: k for k in KEYS if k.table == t} for t in TABLES}
    for table, content in data.items():
        line = _line_of(lines, (table,))
        if table not in keys_by_table:
            owner = next((k.table for k in KEYS if k.name == table), None)
            hint = f" (put it under [{owner}])" if owner else _suggest(table, TABLES)
            raise ConfigError(f"{path}, line {line}: unknown key {table!r}{hint}")
        if not isinstance(content, dict):
            raise ConfigError(f"{path}, line {line}: {table!r} must be a table: [{table}]")
        known = keys_by_table[table]
        for name, raw in content.items():
            line = _line_of(lines, (table, name))
            key = known.get(name)
            if key is None:
                raise ConfigError(
                    f"{path}, line {line}: unknown key {name!r} in [{table}]{_suggest(name, known)}"
                )
            try:
                values[key.field] = (key.check(raw, path.parent), line)
            except _BadValueError as exc:
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
    for name in sorted(known - {"extra"}):
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
    return Resolved(Options(**values), config.path if config else None, sources)


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
        for key in (k for k in KEYS if k.table == table):
            value = getattr(resolved.options, key.field)
            where = resolved.sources.get(key.field, "default")
            if value is None:
                rows.append((f"# {key.name} is not set", where))
            else:
                rows.append((f"{key.name} = {_toml_value(value)}", where))
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
    "Key",
    "Resolved",
    "find_config",
    "format_settings",
    "key_lines",
    "load_config",
    "resolve",
]
