"""``fanfmt preview`` without a browser: what it shows, what it serves, how it stops.

The browser tests (an edit seen within a second, the switch, the Copy buttons) are in
``test_preview_browser.py``.
"""

from __future__ import annotations

import http.client
import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_tools import start_preview, stop_preview
from click.testing import CliRunner
from markupsafe import escape

from fanfmt.cli import cli
from fanfmt.diagnostics import Diagnostic
from fanfmt.lint import lint_document
from fanfmt.options import Options
from fanfmt.preview import serve
from fanfmt.preview.chrome import chrome
from fanfmt.preview.kit import paste_view
from fanfmt.preview.paths import RefusedError, inside
from fanfmt.preview.render import MARK_RE, Renderer, marked, paragraph_lines, place
from fanfmt.preview.server import Site, make_server
from fanfmt.reader import input_format
from fanfmt.writers import get_writer
from fanfmt.writers.html import HtmlWriter, html_markup, reading_page
from fanfmt.writers.inline import chapter_marks
from fanfmt.writers.page import Page

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))
CHAPTER = (
    "Chapter One: The Quiet Harbour\n"
    "\n"
    "The rain came down on the harbour all night.\n"
    "\n"
    '" could have been worse," he said.\n'
    "\n"
    "She laughed and turned away.\n"
)
"""Line 5 opens a quote onto a space: F001, beside the paragraph of line 5."""
SECRET = "the word outside the folder"


def write_chapter(folder: Path, text: str = CHAPTER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ch5.txt"
    path.write_text(text, "utf-8")
    return path


# --- what is shown ------------------------------------------------------------------------


def test_a_finding_stands_in_the_paragraph_it_is_about(tmp_path: Path) -> None:
    views = Renderer(str(write_chapter(tmp_path)), Options()).build("t-1")
    assert not views.error
    assert [d.code for d in views.findings] == ["F001"]
    paragraph = re.search(r"<p><span class=\"fanfmt-at\"[^>]*data-line=\"5\">(.*?)</p>", views.page)
    assert paragraph is not None
    assert 'data-code="F001"' in paragraph.group(1)
    assert "could have been worse" in paragraph.group(1)
    others = re.findall(r'data-line="(3|7)"><span class="fanfmt-notes"', views.page)
    assert others == []  # the paragraphs around it carry nothing
    assert views.placed == {5: views.findings}


def test_place_puts_each_finding_beside_the_paragraph_it_falls_in() -> None:
    found = [
        Diagnostic(1, 1, "E001", "x"),
        Diagnostic(7, 2, "Q001", "y"),
        Diagnostic(9, 1, "F", "z"),
    ]
    placed, unplaced = place(found, [9, 3, 5])
    assert placed == {5: (found[1],), 9: (found[2],)}
    assert unplaced == (found[0],)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_marks_are_all_the_preview_adds_to_the_reading_page(sample: Path) -> None:
    options = Options()
    fmt = input_format(sample.name, "auto", sample.read_text("utf-8"))
    doc, _ = lint_document(sample.read_text("utf-8"), options, source=sample.name, from_format=fmt)
    shown: set[int] = set()
    chapter = Page.of(doc)
    marks = chapter_marks(chapter.meta, chapter.convention, options)  # as the preview has them
    render = marked(html_markup(options, marks), paragraph_lines(doc.blocks), shown)
    previewed = "".join(reading_page(chapter, options, render))
    assert shown
    assert MARK_RE.sub("", previewed) == "".join(HtmlWriter().write(Page.of(doc), options))


def test_the_page_is_the_reading_page_with_the_bar_and_reload_script(tmp_path: Path) -> None:
    views = Renderer(str(write_chapter(tmp_path)), Options()).build("abc-3")
    assert views.page.startswith("<!DOCTYPE html>")
    assert views.page.index('id="fanfmt-preview-style"') < views.page.index("</head>")
    assert views.page.index('<nav id="fanfmt-bar"') < views.page.index('<main class="chapter">')
    assert 'var built = "abc-3";' in views.page
    assert "1 finding<" in views.page


def test_the_paste_view_holds_the_ao3_paste_to_copy_and_as_shown() -> None:
    doc, _ = lint_document(CHAPTER, Options())
    markup = chrome(None, view="kit", source="ch5.txt", tag="t-1")
    shown = paste_view(doc, Options(), markup)
    paste = "".join(get_writer("ao3").write(Page.of(doc), Options()))
    assert f'<textarea id="paste-text" readonly>{escape(paste)}</textarea>' in shown
    assert f'<div class="shown">\n{paste}\n</div>' in shown
    assert str(markup["bar"]) in shown


def test_the_ao3_view_is_the_kit_page(tmp_path: Path) -> None:
    views = Renderer(str(write_chapter(tmp_path)), Options()).build("t-1")
    assert 'aria-current="page">AO3 kit</a>' in views.kit
    assert 'id="copy-chapter"' in views.kit
    assert "The rain came down on the harbour all night." in views.kit
    assert views.kit.index('<nav id="fanfmt-bar"') < views.kit.index('var built = "t-1";')


def test_with_ao3_single_the_ao3_view_is_the_single_paste(tmp_path: Path) -> None:
    views = Renderer(str(write_chapter(tmp_path)), Options(ao3="single")).build("t-1")
    assert 'aria-current="page">AO3 paste</a>' in views.kit
    assert '<textarea id="paste-text" readonly>' in views.kit
    assert 'id="copy-chapter"' not in views.kit


def test_a_chapter_that_cannot_be_built_shows_why(tmp_path: Path) -> None:
    views = Renderer(str(write_chapter(tmp_path, "***\n\n~~~\n")), Options()).build("t-1")
    assert "no text to format" in views.error
    assert '<p id="fanfmt-error" role="alert">' in views.page
    assert "no text to format" in views.kit


def test_an_internal_error_on_a_save_is_shown_and_the_preview_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = Renderer(str(write_chapter(tmp_path)), Options())

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a rule tripped")

    monkeypatch.setattr("fanfmt.lint.lint_document", broken)
    views = renderer.build("t-2")
    assert views.error.endswith("internal error (ValueError: a rule tripped); please report it")
    monkeypatch.undo()
    assert not renderer.build("t-3").error


# --- what is served -----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A chapter's folder, a picture in it, and a secret file beside the folder."""
    (tmp_path / "secret.txt").write_text(SECRET, "utf-8")
    story = tmp_path / "story"
    write_chapter(story)
    (story / "art").mkdir()
    (story / "art" / "map.png").write_bytes(b"\x89PNG map")
    (story / ".env").write_text(SECRET, "utf-8")
    (story / "out.txt").symlink_to(tmp_path / "secret.txt")
    (story / "up").symlink_to(tmp_path)
    (story / "same.png").symlink_to(story / "art" / "map.png")
    return story


REFUSED = [
    ("/../secret.txt", 403),
    ("/art/../../secret.txt", 403),
    ("/%2e%2e/secret.txt", 403),
    ("/%2E%2E/secret.txt", 403),
    ("/..%2fsecret.txt", 403),
    ("/%2e%2e%2fsecret.txt", 403),
    ("/art/%2e%2e/%2e%2e/secret.txt", 403),
    ("/./ch5.txt", 403),
    ("//etc/passwd", 400),
    ("/..\\secret.txt", 400),
    ("/%5c..%5csecret.txt", 400),
    ("/%00", 400),
    ("/%ff%fe", 400),
    ("http://127.0.0.1/../secret.txt", 400),
    ("/.env", 403),
    ("/out.txt", 403),
    ("/up/secret.txt", 403),
    ("/etc/passwd", 404),
    (str(Path("/etc/passwd")), 404),
    ("/art", 404),
]


FOLDED = {"//etc/passwd": 404}
"""What http.server does before the preview sees a target: a leading ``//`` becomes ``/``."""


@pytest.mark.parametrize(("target", "status"), REFUSED)
def test_inside_refuses_every_way_out_of_the_folder(folder: Path, target: str, status: int) -> None:
    with pytest.raises(RefusedError) as refused:
        inside(folder, target)
    assert refused.value.status == status


def test_inside_gives_files_of_the_folder(folder: Path) -> None:
    assert inside(folder, "/art/map.png") == folder / "art" / "map.png"
    assert inside(folder, "/art/map%2Epng?v=2") == folder / "art" / "map.png"
    assert inside(folder, "/same.png") == (folder / "art" / "map.png").resolve()


@pytest.fixture
def server(folder: Path) -> Iterator[str]:
    """``serve`` on a free port in this process; its address (``127.0.0.1:PORT``)."""
    stop = threading.Event()
    address: list[str] = []
    ready = threading.Event()

    def on_ready(url: str) -> None:
        address.append(url)
        ready.set()

    thread = threading.Thread(
        target=serve,
        args=(str(folder / "ch5.txt"), Options()),
        kwargs={"ready": on_ready, "stop": stop, "step_ms": 20},
        daemon=True,
    )
    thread.start()
    assert ready.wait(30), "the preview did not start"
    yield address[0].removeprefix("http://").rstrip("/")
    stop.set()
    thread.join(10)
    assert not thread.is_alive()


def get(
    address: str, target: str, *, host: str | None = None, method: str = "GET"
) -> tuple[int, bytes]:
    """One raw request (the target sent exactly as given, ``..`` and all)."""
    name, port = address.split(":")
    connection = http.client.HTTPConnection(name, int(port), timeout=10)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or address)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_server_listens_on_loopback_and_serves_the_page(server: str) -> None:
    assert server.startswith("127.0.0.1:")
    status, body = get(server, "/")
    assert status == 200
    assert b'<nav id="fanfmt-bar"' in body
    assert b"The rain came down" in body
    assert get(server, "/_fanfmt/kit")[0] == 200
    assert get(server, "/art/map.png") == (200, b"\x89PNG map")
    assert get(server, "/art/map.png", method="HEAD") == (200, b"")
    status, body = get(server, "/_fanfmt/version")
    assert status == 200
    assert b'"findings": 1' in body


@pytest.mark.parametrize(("target", "status"), REFUSED)
def test_the_server_refuses_paths_out_of_the_folder(server: str, target: str, status: int) -> None:
    code, body = get(server, target)
    assert code == FOLDED.get(target, status)
    assert SECRET.encode() not in body


def test_a_request_for_another_host_name_is_refused(server: str) -> None:
    port = server.split(":")[1]
    assert get(server, "/", host=f"evil.example:{port}")[0] == 421
    assert get(server, "/", host="127.0.0.1:1")[0] == 421
    assert get(server, "/", host=f"localhost:{port}")[0] == 200


def test_a_save_is_announced_on_the_event_stream(server: str, folder: Path) -> None:
    name, port = server.split(":")
    connection = http.client.HTTPConnection(name, int(port), timeout=20)
    connection.request("GET", "/_fanfmt/events", headers={"Host": server})
    stream = connection.getresponse()
    assert stream.getheader("Content-Type") == "text/event-stream"

    def next_tag() -> str:
        while True:
            line = stream.readline().decode()
            assert line, "the event stream ended"
            if line.startswith("data: "):
                return line.removeprefix("data: ").strip()

    first = next_tag()
    assert first.endswith("-1")
    write_chapter(folder, CHAPTER.replace("turned away", "walked into the sea"))
    second = next_tag()
    assert second != first
    connection.close()
    _status, body = get(server, "/")
    assert b"walked into the sea" in body
    assert f'var built = "{second}";'.encode() in body


def test_a_save_that_changes_nothing_shown_reloads_no_page(folder: Path) -> None:
    site = Site(str(folder / "ch5.txt"), Options())
    first = site.rebuild()
    tag = site.tag
    assert site.rebuild() is first  # saved again as it was
    assert site.tag == tag
    write_chapter(folder, CHAPTER.replace("turned away", "walked into the sea"))
    assert "walked into the sea" in site.rebuild().page
    assert site.tag != tag


def test_the_server_is_bound_to_loopback_only(folder: Path) -> None:
    server = make_server(Site(str(folder / "ch5.txt"), Options()))
    try:
        assert server.socket.getsockname()[0] == "127.0.0.1"
    finally:
        server.server_close()


# --- the command --------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_missing_chapter_is_one_line_and_exit_3(tmp_path: Path) -> None:
    code, _out, err = run("preview", str(tmp_path / "nope.txt"))
    assert code == 3
    assert err.startswith("fanfmt: error: ")
    assert err.count("\n") == 1
    assert "cannot read" in err


@pytest.mark.parametrize("target", ["-", "."])
def test_standard_input_and_folders_are_refused(target: str) -> None:
    code, _, err = run("preview", target)
    assert code == 3
    assert err.count("\n") == 1


def test_there_is_no_way_to_listen_on_another_address(tmp_path: Path) -> None:
    code, _, err = run("preview", str(write_chapter(tmp_path)), "--host", "0.0.0.0")
    assert code == 2
    assert re.search(r"no such option:? '?--host", err, re.IGNORECASE)


def test_a_port_already_taken_is_exit_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run("preview", str(write_chapter(tmp_path)), "--port", str(port))
    assert code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert err.count("\n") == 1


def test_the_fanfmt_toml_beside_the_chapter_applies(tmp_path: Path) -> None:
    chapter = write_chapter(tmp_path / "story", CHAPTER + "\n* * *\n\nThe end came quietly.\n")
    (chapter.parent / "fanfmt.toml").write_text('[output]\nscene_break = "~ o ~"\n', "utf-8")
    process, url = start_preview(chapter)  # from the current folder, not the chapter's
    try:
        _, page = get(url.removeprefix("http://").rstrip("/"), "/")
    finally:
        stop_preview(process)
    assert '<p class="scene-break" role="separator">~ o ~</p>' in page.decode()


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_ctrl_c_stops_the_preview_cleanly_with_exit_0(tmp_path: Path, sent: int) -> None:
    process, url = start_preview(write_chapter(tmp_path))
    address = url.removeprefix("http://").rstrip("/")
    assert get(address, "/")[0] == 200
    process.send_signal(sent)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert err.strip().endswith("preview stopped")
