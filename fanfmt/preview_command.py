"""``fanfmt preview``: the command's flags and what it prints; the work is :mod:`fanfmt.preview`.

This module is loaded with the command line, so it imports nothing of the preview itself
(its server and file watcher) until the command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from fanfmt.flags import chapter_options, make_options, setting_option, setting_options

if TYPE_CHECKING:
    from fanfmt.preview.render import Views


@click.command()
@click.argument("chapter", metavar="CHAPTER")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    metavar="N",
    help="Port on 127.0.0.1 (default: 0, any free port).",
)
@click.option(
    "--debounce",
    "debounce",
    type=click.IntRange(1, 10_000),
    default=50,
    metavar="MS",
    help="Rebuild once the file has been quiet this long after a save (default: 50).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@setting_option("ao3")
@chapter_options
@setting_options("book")
def preview(chapter: str, port: int, debounce: int, open_browser: bool, **flags: object) -> None:
    """Show CHAPTER's reading page in the browser, rebuilt each time the file is saved.

    The page reloads by itself; lint's findings stand beside the paragraphs they are
    about, and a switch at the top shows the AO3 view instead. The server listens
    on 127.0.0.1 only and serves no file outside the chapter's folder. Stop it with
    Ctrl-C (exit status 0).

    \b
    Examples:
      fanfmt preview ch5.txt                   # prints the address to open
      fanfmt preview ch5.txt --open            # … and opens it
      fanfmt preview ch5.txt --port 8023 --notes end
      fanfmt preview ch5.txt --ao3 single      # the AO3 view: one paste, not the kit
    """
    import signal
    import threading

    from fanfmt.preview import serve

    options = make_options(chapter, **flags)  # the fanfmt.toml nearest the chapter
    stop = threading.Event()

    def ready(url: str) -> None:
        click.echo(f"previewing {chapter} at {url} (Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    def built(views: Views) -> None:
        if views.error:
            click.echo(f"fanfmt: error: {views.error}", err=True)
        else:
            count = len(views.findings)
            click.echo(f"rebuilt {chapter}: {count} finding{'' if count == 1 else 's'}", err=True)

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set()) if main_thread else None
    try:
        serve(chapter, options, port=port, step_ms=debounce, ready=ready, on_build=built, stop=stop)
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends: the server and watcher are stopped already
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    click.echo("preview stopped", err=True)
