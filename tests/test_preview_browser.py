"""``fanfmt preview`` and the AO3 kit page in a real browser (headless Chromium, Playwright).

Each test starts ``fanfmt preview`` as a user would (its own process), opens the page,
and changes the chapter file on disk; the page must show the change by itself. They skip
where Playwright or Chromium is missing (:mod:`browser_tools`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_tools import VIEWPORT, chromium, screenshot, start_preview, stop_preview

from fanfmt.options import Options

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHAPTER = (
    "Chapter One: The Quiet Harbour\n"
    "\n"
    "A/N: Thank you all for the kind reviews on the first part!\n"
    "\n"
    "The rain came down on the harbour all night, and the boats knocked together.\n"
    "\n"
    '" could have been worse," he said, watching the water rise.\n'
    "\n"
    "'Not again,' she thought. She laughed and turned away.\n"
    "\n"
    "* * *\n"
    "\n"
    "By morning the harbour was quiet.\n"
)
"""Line 7 opens a quote onto a space (F001): the finding stands beside that paragraph."""
EDIT_WITHIN_S = 1.0
"""How soon a save must show in the open page."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    path = tmp_path / "story" / "ch5.txt"
    path.parent.mkdir()
    path.write_text(CHAPTER, "utf-8")
    return path


@pytest.fixture
def preview(chapter: Path) -> Iterator[str]:
    """The address of ``fanfmt preview`` running on ``chapter``."""
    process, url = start_preview(chapter)
    yield url
    code, err = stop_preview(process)
    assert code == 0, err
    assert "Traceback" not in err


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        yield context.new_page()
    finally:
        context.close()


def open_live(page: Page, url: str) -> None:
    """Open ``url`` and wait until its page listens for builds."""
    page.goto(url)
    page.locator("html[data-fanfmt-live]").wait_for(state="attached", timeout=10_000)


def save(path: Path, text: str) -> None:
    """Save as most editors do: a new file renamed over the old one."""
    fresh = path.with_name(f".{path.name}.saving")
    fresh.write_text(text, "utf-8")
    os.replace(fresh, path)


def test_an_edit_shows_in_the_open_page_within_a_second(
    page: Page, preview: str, chapter: Path
) -> None:
    open_live(page, preview)
    story = page.locator("main.chapter")
    assert "walked into the sea" not in story.inner_text()
    started = time.monotonic()
    save(chapter, CHAPTER.replace("turned away", "walked into the sea"))
    story.get_by_text("walked into the sea").wait_for(timeout=10_000)
    elapsed = time.monotonic() - started
    assert elapsed < EDIT_WITHIN_S, f"the edit showed after {elapsed:.2f} s"
    chapter.write_text(CHAPTER.replace("By morning", "At noon"), "utf-8")  # written in place
    story.get_by_text("At noon the harbour was quiet.").wait_for(timeout=10_000)
    assert "walked into the sea" not in story.inner_text()


def test_findings_stand_beside_their_paragraph(page: Page, preview: str) -> None:
    open_live(page, preview)
    note = page.locator('.fanfmt-note[data-code="F001"]')
    paragraph = page.locator("main.chapter p", has=note)
    assert "could have been worse" in paragraph.inner_text()
    text_box, note_box = paragraph.bounding_box(), note.bounding_box()
    assert text_box is not None
    assert note_box is not None
    assert note_box["x"] >= text_box["x"] + text_box["width"]  # in the margin, to its right
    assert abs(note_box["y"] - text_box["y"]) < text_box["height"]
    screenshot(page, "preview-page")


def test_a_broken_save_shows_its_error_and_the_next_save_mends_it(
    page: Page, preview: str, chapter: Path
) -> None:
    open_live(page, preview)
    save(chapter, "* * *\n")
    page.locator("#fanfmt-error").wait_for(timeout=10_000)
    assert "no text to format" in page.locator("#fanfmt-error").inner_text()
    save(chapter, CHAPTER)
    page.locator("main.chapter").get_by_text("By morning the harbour").wait_for(timeout=10_000)


def test_the_switch_shows_the_ao3_view_which_follows_edits_too(
    page: Page, preview: str, chapter: Path
) -> None:
    open_live(page, preview)
    page.locator("#fanfmt-show-kit").click()
    page.wait_for_url("**/_fanfmt/kit")
    page.locator("html[data-fanfmt-live]").wait_for(state="attached", timeout=10_000)
    assert page.locator("#fanfmt-show-kit").get_attribute("aria-current") == "page"
    save(chapter, CHAPTER.replace("turned away", "walked into the sea"))
    page.get_by_text("walked into the sea").first.wait_for(timeout=10_000)
    screenshot(page, "preview-kit")
    page.locator("#fanfmt-show-page").click()
    page.wait_for_url(preview)
    assert "walked into the sea" in page.locator("main.chapter").inner_text()


def test_the_browser_cannot_reach_a_file_outside_the_folder(
    page: Page, preview: str, chapter: Path
) -> None:
    (chapter.parent.parent / "secret.txt").write_text("outside words", "utf-8")
    for target in ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt"):
        response = page.goto(preview + target)
        assert response is not None
        assert response.status in (403, 404), target
        assert "outside words" not in page.content()


# --- the Copy buttons ---------------------------------------------------------------------


@pytest.fixture
def copying(browser: Browser) -> Iterator[Page]:
    """A page allowed to write and read the clipboard."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        yield context.new_page()
    finally:
        context.close()


SENTINEL = "(the clipboard before the click)"


def copied(page: Page, button: str) -> str:
    """Click ``button`` and give what the clipboard then holds (an empty field copies "")."""
    page.evaluate("text => navigator.clipboard.writeText(text)", SENTINEL)
    page.locator(button).click()
    page.wait_for_function(
        "sentinel => navigator.clipboard.readText().then(t => t !== sentinel)",
        arg=SENTINEL,
        timeout=5_000,
    )
    text: str = page.evaluate("navigator.clipboard.readText()")
    return text


def test_the_ao3_paste_copy_button_copies_exactly_the_paste(copying: Page, chapter: Path) -> None:
    from fanfmt.api import convert

    process, url = start_preview(chapter, "--ao3", "single")
    try:
        copying.goto(url + "_fanfmt/kit")
        expected = convert(CHAPTER, "ao3", Options(), source=str(chapter)).text
        assert copied(copying, "button.copy") == expected
    finally:
        code, err = stop_preview(process)
    assert code == 0, err


def test_each_copy_button_of_the_kit_copies_exactly_its_field(
    copying: Page, preview: str, chapter: Path
) -> None:
    """The kit page's documented structure: per field ``ID`` a ``<button id="copy-ID"
    data-field="ID">``; the field's text is the file of the kit with that field."""
    from fanfmt.api import normalise
    from fanfmt.writers.ao3kit import FIELDS, SKIN, kit_files
    from fanfmt.writers.page import Page as Chapter

    doc, _ = normalise(CHAPTER, Options(), source=str(chapter))
    files = kit_files(Chapter.of(doc), Options())
    fields = {f.id: files[f.file] for f in (*FIELDS, SKIN) if f.file in files}
    copying.goto(preview + "_fanfmt/kit")
    buttons = copying.locator("button[id^='copy-']")
    shown = [buttons.nth(i).get_attribute("data-field") for i in range(buttons.count())]
    assert shown == list(fields)
    assert "" in fields.values()  # the summary: an empty field copies nothing, exactly
    for field, text in fields.items():
        assert copied(copying, f"#copy-{field}") == text, field
