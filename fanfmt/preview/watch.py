"""Rebuild when the chapter file is saved: ``watchfiles`` (the OS's file events) on its folder.

The folder is watched, not the file: an editor that saves by writing a new file and
renaming it over the old one (most do) replaces the file the watch would have held.
Only events on the chapter's own name count. ``watchfiles`` gathers the events of one
save: it waits until ``step`` milliseconds pass with none (at most ``debounce``), so a
save is one rebuild.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

DEFAULT_STEP_MS = 50
"""How long the file must be quiet before a rebuild (``fanfmt preview --debounce``)."""


def watch_file(
    path: Path,
    on_change: Callable[[], None],
    stop: threading.Event,
    *,
    step_ms: int = DEFAULT_STEP_MS,
) -> None:
    """Call ``on_change`` after each save of ``path`` until ``stop`` is set.

    :raises OSError: when the chapter's folder cannot be watched (it was removed).
    """
    from watchfiles import watch

    target = path.resolve()
    folder = target.parent

    def ours(change: object, changed: str) -> bool:
        del change
        found = Path(changed)
        return found.name == target.name and found.parent.resolve() == folder

    for _changes in watch(
        folder,
        watch_filter=ours,
        step=step_ms,
        debounce=max(step_ms, 500),
        stop_event=stop,
        recursive=False,
        raise_interrupt=False,
    ):
        on_change()


__all__ = ["DEFAULT_STEP_MS", "watch_file"]
