"""The command group's own behaviour: how errors end a command, and hints for a mistyped one.

* a :class:`~fanfmt.errors.FanfmtError` → ``fanfmt: error: <reason>``, its exit code
* any other exception → one line, exit 70 (``KeyboardInterrupt`` → exit 130; a closed
  standard output, as ``| head`` leaves it → exit 0, quietly)
* ``fanfmt ch7.txt`` → ``No such command 'ch7.txt'. Did you mean 'fanfmt build ch7.txt'?``
* a click usage error → what the user typed shown escaped, on one line
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

import click

from fanfmt.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    FanfmtError,
    describe_unexpected,
    one_line,
)

EXIT_OK = 0


def fail(exc: FanfmtError) -> None:
    click.echo(f"fanfmt: error: {one_line(exc)}", err=True)
    sys.exit(exc.exit_code)


def crash(exc: BaseException, source: str = "") -> None:
    """Any exception fanfmt did not expect: one line, never a traceback, and its own exit code."""
    if isinstance(exc, KeyboardInterrupt):
        click.echo("fanfmt: error: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        # the reader closed the pipe (``| head``): it has what it wanted, so end quietly;
        # the rest goes nowhere, and Python does not complain of it at exit
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    where = f"{source}: " if source else ""
    click.echo(f"fanfmt: error: {where}{describe_unexpected(exc)}", err=True)
    sys.exit(EXIT_INTERNAL)


def _shown(exc: click.exceptions.ClickException) -> click.exceptions.ClickException:
    """``exc`` with what the user typed escaped in its message (``Got unexpected extra
    argument (x\\x1b[2J)``): one line, and nothing a terminal would act on."""
    from fanfmt.shown import printable

    exc.message = printable(exc.message)  # type: ignore[misc]  # (Final in the stubs only)
    return exc


class FanfmtGroup(click.Group):
    """The command group; an unexpected exception in any command becomes one line (exit 70)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """``fanfmt ch7.txt``: a chapter where a command is expected is a usage error that
        says which command was meant (``Did you mean 'fanfmt build ch7.txt'?``)."""
        if (
            args
            and not ctx.resilient_parsing
            and self.get_command(ctx, args[0]) is None
            and _names_a_chapter(args[0])
        ):
            import shlex

            meant = shlex.join(["fanfmt", "build", *args])
            if len(meant) > _HINT_MAX and len(args) > 1:
                meant = shlex.join(["fanfmt", "build", args[0]]) + " …"
            raise click.UsageError(f"No such command {args[0]!r}. Did you mean {meant!r}?", ctx)
        return super().resolve_command(ctx, args)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.ClickException as exc:
            raise _shown(exc) from None

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.exceptions.ClickException as exc:
            raise _shown(exc) from None
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except FanfmtError as exc:
            fail(exc)
        except (Exception, KeyboardInterrupt) as exc:
            crash(exc)
        return None


_HINT_MAX = 72
"""A longer ``fanfmt build …`` suggestion names the first input only."""


def _names_a_chapter(word: str) -> bool:
    """``ch7.txt`` (whether or not it exists), ``story.epub``, an existing file or folder."""
    from fanfmt.reader import SUFFIX_INPUTS

    if os.path.splitext(word)[1].lower() in (*SUFFIX_INPUTS, ".epub"):
        return True
    return os.path.exists(word)
