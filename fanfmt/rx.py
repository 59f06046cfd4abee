"""Regular expressions compiled once and kept between runs, as ``.pyc`` files keep code.

:func:`compile` gives the very pattern :func:`re.compile` gives (equal to it: same
pattern, flags and program), but the program that Python's regex compiler makes from
the pattern's text is kept in ``regex-<stamp>.marshal`` in the user's cache folder
(:mod:`fanfmt.user_cache`), so that a later run loads it instead of compiling again:
fanfmt compiles some two hundred patterns at start-up, which took longer than the work
on a chapter.

>>> compile(r"(?P<word>\\w+)!").match("Hi!").group("word")
'Hi'

The stamp names this Python and its regex engine; a missing, damaged, foreign or stale
file, or an engine this module does not know, reads as nothing: the patterns are
compiled as :func:`re.compile` does, and the file is written again when the process ends.
"""

from __future__ import annotations

import atexit
import re
import sys
from typing import Any, AnyStr

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What the engine needs besides the pattern: final flags, program, groups, names."""

_table: dict[tuple[str | bytes, int], _Entry] | None = None
_added = 0
_LIMIT = 4096
"""Patterns kept at most (ones built from a chapter's own words would grow it forever)."""


def _stamp() -> str:
    import _sre  # type: ignore[import-not-found]

    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"


def _load() -> dict[tuple[str | bytes, int], _Entry]:
    """The kept programs, or an empty table; the file is written when the process ends."""
    from fanfmt.user_cache import load_kept

    atexit.register(_save)
    return load_kept("regex", _stamp())


def _save() -> None:
    from fanfmt.user_cache import save_kept

    if _added and _table is not None:
        save_kept("regex", _stamp(), _table)


def _program(pattern: str | bytes, flags: int) -> _Entry:
    """What :func:`re._compiler.compile` hands the engine for ``pattern``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    names: dict[str, int] = dict(parsed.state.groupdict)
    index: list[str | None] = [None] * parsed.state.groups
    for name, i in names.items():
        index[i] = name
    program = [int(c) for c in code]  # some are named constants, which marshal cannot keep
    return int(flags | parsed.state.flags), program, parsed.state.groups - 1, names, tuple(index)


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the kept program when there is one."""
    global _table, _added
    flags = int(flags)
    if flags & re.DEBUG:
        return re.compile(pattern, flags)
    if _table is None:
        _table = _load()
    key = (pattern, flags)
    entry = _table.get(key)
    if entry is not None:
        try:
            kept: re.Pattern[AnyStr] = _engine(pattern, entry)
            return kept
        except (TypeError, ValueError, RuntimeError):
            _table.pop(key, None)
    try:
        entry = _program(pattern, flags)
        compiled: re.Pattern[AnyStr] = _engine(pattern, entry)
    except re.error:
        raise
    except Exception:  # an engine this module does not know: compile as Python does
        return re.compile(pattern, flags)
    if len(_table) < _LIMIT:
        _table[key] = entry
        _added += 1
    return compiled


def _engine(pattern: Any, entry: _Entry) -> Any:
    import _sre

    return _sre.compile(pattern, *entry)


__all__ = ["compile"]
