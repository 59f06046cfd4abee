"""The preview's web server: Python's own ``http.server``, on 127.0.0.1 only.

========================  ==============================================================
``/``                     the reading page, lint's findings beside their paragraphs
``/_fanfmt/kit``          the AO3 view (the posting kit, else the single AO3 paste)
``/_fanfmt/events``       server-sent events: ``event: build`` with the newest build's tag
``/_fanfmt/version``      ``{"tag": …, "findings": 3, "error": ""}``
anything else             a file of the chapter's folder (a picture the chapter shows),
                          never one outside it (:mod:`fanfmt.preview.paths`)
========================  ==============================================================

A request whose ``Host`` is not this server's own address is refused (421), so a web
page elsewhere cannot reach the preview by pointing a name of its own at 127.0.0.1.
Every answer says ``Cache-Control: no-store``: the page is always the newest build.
"""

from __future__ import annotations

import json
import mimetypes
import secrets
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from fanfmt.errors import ConfigError
from fanfmt.options import Options
from fanfmt.preview.paths import RefusedError, inside
from fanfmt.preview.render import Renderer, Views

HOST = "127.0.0.1"
"""The only address the preview listens on."""
PREFIX = "/_fanfmt/"
HEARTBEAT_S = 10.0
"""How often an idle event stream gets a comment line (to notice a closed tab)."""


class Site:
    """The newest build of one chapter, and who is waiting for the next one."""

    def __init__(self, source: str, options: Options) -> None:
        self.source = source
        self.root = Path(source).absolute().parent.resolve()
        """The chapter's folder: the only files served."""
        self.renderer = Renderer(source, options)
        self._token = secrets.token_hex(4)  # a restarted preview's pages reload too
        self._count = 0
        self._building = threading.Lock()
        self._changed = threading.Condition()
        self.closed = False
        self.tag = ""
        self.views = Views("", "")

    def rebuild(self) -> Views:
        """Build the chapter as saved now and make it the newest; wake every event stream.

        A save that changes nothing shown (the same text saved again) keeps the build
        before it, so no page reloads for it.
        """
        with self._building:
            self._count += 1
            tag = f"{self._token}-{self._count}"
            views = self.renderer.build(tag)
            if _same(views, tag, self.views, self.tag):
                return self.views
            with self._changed:
                self.tag, self.views = tag, views
                self._changed.notify_all()
        return views

    def wait_newer(self, tag: str, timeout: float) -> str:
        """The newest tag once it is not ``tag`` (or after ``timeout`` seconds, or closing)."""
        with self._changed:
            self._changed.wait_for(lambda: self.tag != tag or self.closed, timeout)
            return self.tag

    def close(self) -> None:
        """End every event stream."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def _same(new: Views, new_tag: str, old: Views, old_tag: str) -> bool:
    """Do two builds show the same, their tags aside?"""
    if not old_tag or new.findings != old.findings or new.error != old.error:
        return False
    page, kit = old.page.replace(old_tag, new_tag), old.kit.replace(old_tag, new_tag)
    return (new.page, new.kit) == (page, kit)


class Handler(BaseHTTPRequestHandler):
    """One request to the preview."""

    server: PreviewServer
    server_version = "fanfmt-preview"
    sys_version = ""

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for what was built."""

    def _answer(self, *, head: bool) -> None:
        site = self.server.site
        if not self._own_host():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain", b"not this server\n", head)
            return
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(200, "text/html; charset=utf-8", site.views.page.encode(), head)
        elif path == PREFIX + "kit":
            self._send(200, "text/html; charset=utf-8", site.views.kit.encode(), head)
        elif path == PREFIX + "version":
            views = site.views
            state = {"tag": site.tag, "findings": len(views.findings), "error": views.error}
            body = json.dumps(state).encode()
            self._send(200, "application/json", body, head)
        elif path == PREFIX + "events" and not head:
            self._events()
        else:
            self._file(head)

    def _own_host(self) -> bool:
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        return host in (f"{HOST}:{port}", f"localhost:{port}")

    def _file(self, head: bool) -> None:
        try:
            found = inside(self.server.site.root, self.path)
            data = found.read_bytes()
        except RefusedError as exc:
            self._send(exc.status, "text/plain", f"{exc.reason}\n".encode(), head)
            return
        except OSError:
            self._send(404, "text/plain", b"cannot read that file\n", head)
            return
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        self._send(200, kind, data, head)

    def _send(self, status: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _events(self) -> None:
        site = self.server.site
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self._common_headers()
        self.end_headers()
        sent = ""
        try:
            self.wfile.write(b"retry: 300\n\n")
            while True:
                tag = site.wait_newer(sent, HEARTBEAT_S)
                if site.closed:
                    break
                if tag != sent:
                    self.wfile.write(f"event: build\ndata: {tag}\n\n".encode())
                    sent = tag
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded


class PreviewServer(ThreadingHTTPServer):
    """A threading server (an event stream holds its thread) that serves one :class:`Site`."""

    daemon_threads = True

    def __init__(self, site: Site, port: int) -> None:
        self.site = site
        super().__init__((HOST, port), Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A request that failed is that request's problem: no traceback on the terminal."""


def make_server(site: Site, port: int = 0) -> PreviewServer:
    """A server for ``site`` on 127.0.0.1 (``port`` 0: any free port).

    :raises ConfigError: when the port cannot be had (taken, or not allowed).
    """
    try:
        return PreviewServer(site, port)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"cannot listen on {HOST}:{port} ({reason})") from None


def url_of(server: PreviewServer) -> str:
    """``http://127.0.0.1:8023/``."""
    return f"http://{HOST}:{server.server_address[1]}/"


Callback = Callable[[Views], None]

__all__ = ["HOST", "PREFIX", "Handler", "PreviewServer", "Site", "make_server", "url_of"]
