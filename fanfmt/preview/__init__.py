"""``fanfmt preview``: the reading page of one chapter, rebuilt each time the file is saved.

``serve("ch5.txt", Options(), ready=print)`` builds the chapter, listens on 127.0.0.1 (a
free port, or ``port``), says its address through ``ready``, and rebuilds on every save
(:mod:`fanfmt.preview.watch`) until ``stop`` is set or Ctrl-C; the page in the browser
reloads by itself (server-sent events, :mod:`fanfmt.preview.server`). What it shows is
:mod:`fanfmt.preview.render`'s: the reading page with lint's findings beside their
paragraphs, and a switch to the AO3 view.

Only this package imports ``http.server`` and ``watchfiles``, and nothing imports it at
start-up: ``fanfmt build`` does not load them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from fanfmt.errors import FanfmtError, InputError
from fanfmt.options import Options
from fanfmt.preview.render import Views
from fanfmt.preview.watch import DEFAULT_STEP_MS

WATCH_JOIN_S = 2.0
"""How long stopping waits for the watcher to notice."""


class WatchError(FanfmtError):
    """The chapter's folder can no longer be watched (it was removed or unmounted)."""


def check_chapter(source: str) -> None:
    """A one-line :class:`InputError` unless ``source`` is a file that can be opened."""
    path = Path(source)
    if source == "-":
        raise InputError("-: preview needs a chapter file (it rebuilds when the file is saved)")
    try:
        with path.open("rb"):
            pass
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a chapter file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None


def serve(
    source: str,
    options: Options,
    *,
    port: int = 0,
    step_ms: int = DEFAULT_STEP_MS,
    ready: Callable[[str], None] | None = None,
    on_build: Callable[[Views], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Preview ``source`` until ``stop`` is set (or a ``KeyboardInterrupt``, which is raised
    after the server and the watcher have stopped).

    :param port: the port on 127.0.0.1; 0 takes a free one.
    :param step_ms: how long the file must be quiet after a save before it is rebuilt.
    :param ready: given the page's address once the server listens.
    :param on_build: given each build after the first (a save).
    :raises InputError: when ``source`` is not a readable file.
    :raises ConfigError: when the port cannot be had.
    :raises WatchError: when the chapter's folder can no longer be watched.
    """
    from fanfmt.preview.server import Site, make_server, url_of
    from fanfmt.preview.watch import watch_file

    check_chapter(source)
    stop = stop or threading.Event()
    site = Site(source, options)
    site.rebuild()
    server = make_server(site, port)
    failed: list[BaseException] = []

    def rebuild() -> None:
        views = site.rebuild()
        if on_build is not None:
            on_build(views)

    def watcher() -> None:
        try:
            watch_file(Path(source), rebuild, stop, step_ms=step_ms)
        except Exception as exc:  # the folder went away: stop, and say so
            failed.append(exc)
        finally:
            stop.set()

    serving = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    watching = threading.Thread(target=watcher, daemon=True)
    serving.start()
    watching.start()
    try:
        if ready is not None:
            ready(url_of(server))
        while not stop.wait(0.2):  # short waits: Ctrl-C reaches this thread at once
            pass
    finally:
        stop.set()
        site.close()
        server.shutdown()
        server.server_close()
        watching.join(WATCH_JOIN_S)
    if failed:
        raise WatchError(f"{source}: cannot watch its folder any more ({failed[0]})")


__all__ = ["WatchError", "check_chapter", "serve"]
