"""Errors fanfmt raises on bad input, each with the exit code the CLI uses.

The CLI prints every error as one line, ``fanfmt: error: <path>: <reason>``, and
exits with the error's code:

====  ====================================================================
0     done
1     some inputs failed (a batch build goes on with the others)
2     usage or configuration error (:class:`ConfigError`, :class:`UsageError`)
3     an input cannot be read as a chapter (:class:`InputError`)
4     an output cannot be written (:class:`OutputError`)
70    an unexpected internal error (a bug in fanfmt: please report it)
130   interrupted (Ctrl-C)
====  ====================================================================
"""

from __future__ import annotations

EXIT_INTERNAL = 70
"""An exception fanfmt did not expect (``EX_SOFTWARE`` in sysexits.h)."""
EXIT_INTERRUPTED = 130


class FanfmtError(Exception):
    """Base class: a one-line message for the user and an exit code."""

    exit_code = 1


class InputError(FanfmtError):
    """The input cannot be read as a chapter (binary, empty, undecodable)."""

    exit_code = 3


class OutputError(FanfmtError):
    """The output cannot be written (or would overwrite an input)."""

    exit_code = 4


class ConfigError(FanfmtError):
    """A bad option or configuration value."""

    exit_code = 2


class UsageError(ConfigError):
    """A command given wrongly (no INPUT, flags that do not go together); the CLI shows it
    with the command's usage line, as it does a bad flag."""


NO_WORDS = "no text to format (only separators, markup or invisible characters)"
"""Why a chapter without a single letter or digit is refused."""


def one_line(message: object, limit: int = 300) -> str:
    """``"too  many   spaces"`` → ``"too many spaces"``: a message fit for one line of a terminal.

    A control character is escaped, never printed (:func:`fanfmt.shown.printable`), so
    a file name holding a newline stays on the line: ``"bad\\nname.txt: …"``.

    A message over ``limit`` characters loses the middle of it, so a very long path still
    leaves the reason in sight: ``"/deep/…/ch1.txt: cannot read (Permission denied)"``.
    """
    from fanfmt.shown import printable

    text = " ".join(printable(str(message)).split())
    if len(text) <= limit:
        return text
    # cut the middle (a long path), keeping the start and the reason at the end
    head = limit // 3
    return text[:head] + "\u2026" + text[len(text) - (limit - head - 1) :]


def describe_unexpected(exc: BaseException) -> str:
    """``ValueError("x")`` → ``"internal error (ValueError: x); please report it"``."""
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, RecursionError):
        return "internal error (the text nests too deeply); please report it"
    detail = one_line(" ".join(str(exc).split()), 160)  # its own line breaks: spaces
    name = type(exc).__name__
    return (
        f"internal error ({name}: {detail}); please report it"
        if detail
        else (f"internal error ({name}); please report it")
    )
