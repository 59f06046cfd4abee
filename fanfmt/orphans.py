"""Worker processes die with the process that started them.

A batch's workers (``fanfmt build -j 2``) wait for work on a pipe their parent holds.
Killed with ``kill -9``, the parent cannot stop them, and they would wait for good,
holding its standard output open. So each worker, as it starts:

* on Linux, asks the kernel for ``SIGKILL`` when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``);
* everywhere, runs a watchdog thread that ends the worker once its parent has changed
  (the parent died and the worker was handed to another), checking twice a second.

``ProcessPoolExecutor(initializer=die_with_parent)``.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def die_with_parent() -> None:
    """Make this (worker) process end when its parent does."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        _death_signal()
    if os.getppid() != parent or parent == 1:  # the parent died before we asked
        os._exit(1)
    watchdog = threading.Thread(target=_watch, args=(parent,), name="fanfmt-watchdog")
    watchdog.daemon = True
    watchdog.start()


def _death_signal() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watchdog alone
        pass


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)


__all__ = ["POLL_SECONDS", "die_with_parent"]
