"""A cover is a real image: nothing in it runs, and nothing else is taken for one.

* an SVG cover is parsed and written anew without ``<script>``, ``<foreignObject>``,
  ``on…`` handlers, ``javascript:`` and external links; what was removed is said in one
  warning line
* an HTML page, an SVG outside the SVG namespace, an SVG declaring entities, and a file
  that only starts like a PNG are refused with one line (exit 2)
* JPEG, PNG, GIF and WebP pass when Pillow opens them as what they claim to be
* a device or a named pipe is refused at once, never read
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fanfmt.cli import cli
from fanfmt.errors import ConfigError

CHAPTER = b'"Run," she said.\n\nHe ran.\n'
FANFMT = (sys.executable, "-m", "fanfmt")

HOSTILE_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="600" height="800" viewBox="0 0 600 800" onload="alert(1)">
  <script type="text/javascript"><![CDATA[ alert("script") ]]></script>
  <rect width="600" height="800" fill="#335" onclick="alert(2)"/>
  <a xlink:href="javascript:alert(3)"><text x="20" y="80">Tides &amp; Lanterns</text></a>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">x</p>
  </foreignObject>
</svg>
"""


def build(tmp_path: Path, cover: Path | str, *more: str) -> Result:
    source = tmp_path / "ch1.txt"
    source.write_bytes(CHAPTER)
    args = ["build", str(source), "-o", str(tmp_path / "book.epub"), "--cover", str(cover)]
    return CliRunner().invoke(cli, [*args, *more])


def refused(result: Result, *fragments: str) -> None:
    assert result.exit_code == ConfigError.exit_code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fanfmt: error: --cover ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def book_file(tmp_path: Path, suffix: str) -> bytes:
    with zipfile.ZipFile(tmp_path / "book.epub") as book:
        name = next(n for n in book.namelist() if n.startswith("OEBPS/images/cover"))
        assert name.endswith(suffix)
        return book.read(name)


def test_svg_cover_loses_scripts_handlers_and_outside_links(tmp_path: Path) -> None:
    cover = tmp_path / "cover.svg"
    cover.write_bytes(HOSTILE_SVG)
    result = build(tmp_path, cover)
    assert result.exit_code == 0, result.output
    kept = book_file(tmp_path, ".svg").decode("utf-8")
    for gone in ("<script", "alert", "onload", "onclick", "javascript:", "tracker.example",
                 "foreignObject", "xhtml"):  # fmt: skip
        assert gone not in kept, gone
    assert "Tides &amp; Lanterns" in kept
    assert '<rect width="600" height="800" fill="#335"/>' in kept
    warnings = [line for line in result.stderr.splitlines() if "cover" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("fanfmt: warning: cover: removed what could run or fetch: ")
    assert "<script>" in warnings[0]
    assert "onload" in warnings[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<!DOCTYPE html>\n<html><body><svg></svg><script>x()</script></body></html>\n",
         "its root is <html>"),
        (b"<!DOCTYPE html>\n<html><body><br><svg></svg></body></html>\n", "not well-formed XML"),
        (b"<html><body><svg xmlns='http://www.w3.org/2000/svg'/></body></html>",
         "its root is <html>, not an SVG <svg>"),
        (b"<svg><rect/></svg>", "its root is <svg>, not an SVG <svg>"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
         b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
         b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', "declares"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>',
         "not well-formed XML"),
    ],
)  # fmt: skip
def test_markup_that_is_not_a_clean_svg_is_refused(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    cover = tmp_path / "cover.svg"
    cover.write_bytes(content)
    refused(build(tmp_path, cover), "not an SVG image", reason)
    assert not (tmp_path / "book.epub").exists()


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", b"\xff\xd8\xff<html></html>",
     b"GIF89a<svg onload=alert(1)>", b"RIFF\x00\x00\x00\x00WEBPnot really"],
)  # fmt: skip
def test_a_file_that_only_starts_like_an_image_is_refused(tmp_path: Path, content: bytes) -> None:
    cover = tmp_path / "cover.img"
    cover.write_bytes(content)
    refused(build(tmp_path, cover), "not a valid")
    assert not (tmp_path / "book.epub").exists()


@pytest.mark.parametrize(
    ("pillow_format", "suffix"),
    [("JPEG", ".jpg"), ("PNG", ".png"), ("GIF", ".gif"), ("WEBP", ".webp")],
)
def test_real_raster_covers_are_kept_as_they_are(
    tmp_path: Path, pillow_format: str, suffix: str
) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (6, 8), (40, 60, 90)).save(buffer, format=pillow_format)
    cover = tmp_path / f"cover{suffix}"
    cover.write_bytes(buffer.getvalue())
    result = build(tmp_path, cover)
    assert result.exit_code == 0, result.output
    assert book_file(tmp_path, suffix) == buffer.getvalue()


def test_a_device_cover_is_refused_without_reading_it(tmp_path: Path) -> None:
    source = tmp_path / "ch1.txt"
    source.write_bytes(CHAPTER)
    book = tmp_path / "book.epub"
    done = subprocess.run(
        [*FANFMT, "build", str(source), "-o", str(book), "--cover", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == ConfigError.exit_code, done.stderr
    assert done.stderr == (
        "fanfmt: error: --cover /dev/zero: not a regular file (a device, pipe or socket)\n"
    )
    assert not book.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_cover_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "cover.png"
    os.mkfifo(pipe)
    source = tmp_path / "ch1.txt"
    source.write_bytes(CHAPTER)
    done = subprocess.run(
        [*FANFMT, "build", str(source), "-o", str(tmp_path / "book.epub"), "--cover", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == ConfigError.exit_code, done.stderr
    assert "not a regular file" in done.stderr


def test_a_cover_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    from fanfmt.epub.cover import MAX_COVER_BYTES

    cover = tmp_path / "cover.png"
    with cover.open("wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.truncate(MAX_COVER_BYTES + 1)  # sparse: no disk used
    refused(build(tmp_path, cover), "larger than 32 MiB")
