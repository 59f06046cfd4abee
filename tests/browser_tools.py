"""Headless Chromium for the browser tests: Debian's ``chromium``, driven by Playwright.

No browser is downloaded: Playwright is told to run ``/usr/bin/chromium`` (or
``$FANFMT_CHROMIUM``). Where Playwright or Chromium is missing, the tests that need them
skip, saying which.

``screenshot(page, "preview-page")`` writes ``preview-page.png`` into the folder named by
``$FANFMT_DOC_IMAGES`` and does nothing when it is unset, so an ordinary run leaves the
tree as it was. The pictures in ``docs/img/`` are made so::

    FANFMT_DOC_IMAGES=docs/img python -m pytest -q tests/test_preview_browser.py
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("FANFMT_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = "FANFMT_DOC_IMAGES"
"""The environment variable naming the folder screenshots go to."""
VIEWPORT = {"width": 1280, "height": 800}
"""Wide enough for lint's findings to stand in the margin beside their paragraphs."""


def chromium() -> Iterator[Browser]:
    """One headless Chromium (a fixture's body), or a skip saying what is missing."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the Python package playwright is not installed"
    )
    executable = shutil.which(CHROMIUM) or (CHROMIUM if os.access(CHROMIUM, os.X_OK) else None)
    if executable is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set FANFMT_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: Page, name: str) -> Path | None:
    """``name.png`` of what ``page`` shows, in ``$FANFMT_DOC_IMAGES``; nothing when unset."""
    folder = os.environ.get(SCREENSHOTS)
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def start_preview(chapter: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """``fanfmt preview CHAPTER`` in a process of its own (a quiet time of 20 ms), and the
    address it printed. Stop it with :func:`stop_preview`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fanfmt", "preview", str(chapter), "--debounce", "20", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", line)
    if not found:
        process.kill()
        _, err = process.communicate(timeout=30)
        raise AssertionError(f"the preview did not start: {line!r} {err!r}")
    return process, found.group(1)


def stop_preview(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Ctrl-C the preview: its exit status and what it wrote on standard error."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate(timeout=30)
    return process.returncode, err
