"""A batch's progress bar on standard error, fitted to the terminal it is drawn on.

``bar_layout(480, 40)`` → ``(12, True, False)``: on a 40-column terminal a bar 12 wide
with the count and the percentage, and no time left, so the line never wraps (a wrapped
line is drawn again on a new row at each step).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from fanfmt.batch import Outcome
    from fanfmt.plan import BuildPlan


@contextlib.contextmanager
def progress(work: BuildPlan, *, hidden: bool) -> Iterator[Callable[[Outcome], None]]:
    """A batch's progress bar on standard error (drawn only on a terminal); a no-op else."""
    if work.work is None:
        yield lambda outcome: None
        return
    length = len(work.work.jobs) + len(work.work.settled)
    width, percent, eta = bar_layout(length, columns()) or (0, False, False)
    with click.progressbar(
        length=length,
        label=_BAR_LABEL,
        file=sys.stderr,
        hidden=hidden or not width,
        show_pos=True,
        show_percent=percent,
        show_eta=eta,
        width=width,
    ) as bar:

        def advance(outcome: Outcome) -> None:
            del outcome
            bar.update(1)

        yield advance


_BAR_LABEL = "building"
_BAR_MAX = 36
"""The widest bar drawn, on a wide terminal."""
_BAR_MIN = 10
"""A narrower bar drops the time left, then the percentage, first."""


def columns() -> int:
    """The width of the terminal the bar is drawn on, standard error's (``COLUMNS`` wins):
    standard output may be a file or a pipe."""
    import shutil

    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size().columns


def bar_layout(length: int, columns: int) -> tuple[int, bool, bool] | None:
    """The bar's width, whether it shows the percentage and the time left, so that the
    line (``building  [####----]  12/480   2%  00:01:23``) is shorter than ``columns``:
    a line the terminal wraps is drawn again on a new row at each step. ``None``: not even
    a bar one character wide fits.

    ``bar_layout(480, 40)`` → ``(12, True, False)``; ``bar_layout(480, 80)`` → ``(36, True, True)``.
    """
    fixed = len(_BAR_LABEL) + len("  []  ") + len(f"{length}/{length}")
    for percent, eta in ((True, True), (True, False), (False, False)):
        info = (len("  100%") if percent else 0) + (len("  1d 00:00:00") if eta else 0)
        width = columns - 1 - fixed - info
        if width >= _BAR_MIN or (not percent and width >= 1):
            return min(width, _BAR_MAX), percent, eta
    return None
