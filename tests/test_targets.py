"""The ``html`` and ``ao3`` targets: tags AO3 keeps, every word kept, a page a browser shows.

The browser test runs headless Chromium when it is installed (Debian: ``apt-get install -y
chromium``) and checks the screenshots, light and dark, with Pillow; it skips otherwise.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_lines import site_lines

from fanfmt.api import convert
from fanfmt.build import pick_format
from fanfmt.cli import cli
from fanfmt.model import SceneBreak, Thought
from fanfmt.options import Options
from fanfmt.reader import as_read
from fanfmt.reader.transport import subject_title
from fanfmt.walk import count_nodes, iter_paragraphs
from fanfmt.writers import FORMATS, SUFFIX_FORMATS, format_suffix, get_writer
from fanfmt.writers.ao3 import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, AO3_KEEPS

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "samples").glob("*.txt"))
FOUNDING = REPO.parent / "shared" / "corpus" / "return-of-darkness-ch7.txt"
WORD_RE = re.compile(r"[^\W_]+")


class Page(HTMLParser):
    """Tags, attributes and the visible text of an HTML page (``<head>`` left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: set[tuple[str, str]] = set()
        self.parts: list[str] = []
        self._head = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.update((tag, name) for name, _ in attrs)
        self.parts.append(" ")
        self._head += tag == "head"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")
        self._head -= tag == "head"

    def handle_data(self, data: str) -> None:
        if not self._head:
            self.parts.append(data)

    @property
    def words(self) -> list[str]:
        return WORD_RE.findall("".join(self.parts))


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def source_words(raw: str, to: str, options: Options) -> tuple[list[str], int, int, str]:
    """The words of ``raw`` (scene-break marker lines left out), the number of breaks and
    thoughts found, and the output for ``to``."""
    result = convert(raw, to, options, source="chapter.txt")
    doc = result.document
    markers = {b.line for b in doc.blocks if isinstance(b, SceneBreak) and b.marker}
    markers |= site_lines(raw)  # AO3's own lines, and its preface read into the metadata
    kept = as_read(
        "\n".join("" if n in markers else line for n, line in enumerate(raw.splitlines(), 1))
    )
    breaks = sum(isinstance(b, SceneBreak) for b in doc.blocks)
    thoughts = sum(count_nodes(p.children, Thought) for p in iter_paragraphs(doc))
    found = WORD_RE.findall(kept)
    # a post's Subject: line is transport, but the title it names heads the page
    subjects = re.findall(r"^Subject:\s*(.+)$", raw, re.MULTILINE)
    if subjects and doc.meta.title == subject_title(subjects[0]):
        titled = WORD_RE.findall(doc.meta.title)
        if found[: len(titled)] != titled and parse(result.text).words[: len(titled)] == titled:
            found = titled + found
    return found, breaks, thoughts, result.text


def chapters() -> list[Path]:
    return [*SAMPLES, *([FOUNDING] if FOUNDING.is_file() else [])]


def test_samples_are_there() -> None:
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("ornament", ["", "* * *"])
@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_ao3_output_uses_only_the_allow_list_and_keeps_every_word(
    chapter: Path, ornament: str
) -> None:
    raw = chapter.read_text(encoding="utf-8")
    words, breaks, thoughts, text = source_words(raw, "ao3", Options(scene_break=ornament))
    page = parse(text)
    assert set(page.tags) <= ALLOWED_TAGS
    assert {name for _, name in page.attributes} <= ALLOWED_ATTRIBUTES
    assert "class=" not in text
    assert "style=" not in text
    assert page.words == words
    # breaks stay visible; thoughts stay italic
    shown = page.tags.count("hr") if not ornament else text.count(f'<p align="center">{ornament}')
    assert shown == breaks > 0
    assert page.tags.count("em") >= thoughts
    # no blank lines (AO3 would add empty paragraphs) and no newline inside a block
    assert "\n\n" not in text
    for line in text.splitlines():
        assert line.startswith("<"), line
        assert line.endswith(">"), line


def test_ao3_thoughts_are_italic_and_dialogue_has_no_markup() -> None:
    text = convert("'Run,' she said. *Not again.* He ran.", "ao3").text
    assert text == (
        "<p>\N{LEFT SINGLE QUOTATION MARK}Run,\N{RIGHT SINGLE QUOTATION MARK} she said. "
        "<em>Not again.</em> He ran.</p>\n"
    )


def test_ao3_allow_list_is_what_ao3_keeps_and_is_documented() -> None:
    assert ALLOWED_TAGS <= AO3_KEEPS
    docs = (REPO / "docs" / "targets.md").read_text(encoding="utf-8")
    for tag in ALLOWED_TAGS:
        assert f"`<{tag}>`" in docs, tag
    for attribute in ALLOWED_ATTRIBUTES:
        assert f"`{attribute}`" in docs


@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_html_page_is_standalone_and_keeps_every_word(chapter: Path) -> None:
    raw = chapter.read_text(encoding="utf-8")
    words, breaks, _, text = source_words(raw, "html", Options())
    # the story's facts (its preface, read into the metadata) are shown once more above
    # the chapter (the series, "About this story"): not the chapter's words
    shown = re.sub(r'<details class="about">.*?\n</details>\n', "", text, flags=re.DOTALL)
    page = parse(re.sub(r'<p class="story-series">.*?</p>', "", shown))
    assert text.startswith("<!DOCTYPE html>")
    assert page.words == words
    assert page.tags.count("style") == 1
    assert "link" not in page.tags
    assert ("meta", "name") in page.attributes
    assert 'name="viewport"' in text
    assert "prefers-color-scheme: dark" in text
    assert page.tags.count("hr") == breaks


def test_html_page_shows_the_story_from_options() -> None:
    options = Options(
        title="The Drowned Bell",
        author="M. Tregarthen",
        lang="en-GB",
        series="Porthmellow Tales",
        series_index=2,
        summary="A bell rings.\n\nNobody hears it.",
        tags=("Ghosts", "Cornwall"),
    )
    text = convert("He listened.", "html", options).text
    assert '<html lang="en-GB">' in text
    assert '<p class="story-title">The Drowned Bell</p>' in text
    assert "Porthmellow Tales #2" in text
    assert "<p>A bell rings.</p>" in text
    assert "<p>Nobody hears it.</p>" in text
    assert "<li>Cornwall</li>" in text


def test_formats_and_suffixes() -> None:
    assert {"html", "ao3"} <= set(FORMATS)
    assert format_suffix("html") == ".html"
    assert format_suffix("ao3") == ".ao3.html"
    assert get_writer("ao3").name == "ao3"
    assert SUFFIX_FORMATS[".xhtml"] == "xhtml"
    assert pick_format(None, "ch5.html") == "html"
    assert pick_format(None, "ch5.htm") == "html"
    assert pick_format(None, "ch5.ao3.html") == "ao3"
    assert pick_format(None, "ch5.xhtml") == "xhtml"


def test_cli_builds_both_targets(tmp_path: Path) -> None:
    chapter = tmp_path / "ch5.txt"
    chapter.write_text((REPO / "samples" / "british-single-quotes.txt").read_text("utf-8"), "utf-8")
    runner = CliRunner()
    for args, out in (
        (["--to", "html"], "ch5.html"),
        (["--to", "ao3", "--ao3", "single"], "ch5.ao3.html"),
        (["-o", str(tmp_path / "x.ao3.html"), "--ao3", "single"], "x.ao3.html"),
        (["--to", "ao3"], "ch5.ao3/chapter.html"),
        (["-o", str(tmp_path / "y.ao3.html")], "y.ao3/kit.html"),  # the kit: a folder
    ):
        result = runner.invoke(cli, ["build", str(chapter), "--no-config", *args])
        assert result.exit_code == 0, result.output
        assert (tmp_path / out).is_file()
    assert not (tmp_path / "fanfmt.css").exists()  # the page inlines its stylesheet
    assert "<em>" in (tmp_path / "ch5.ao3.html").read_text("utf-8")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(browser: str, page: Path, png: Path, profile: Path, *, dark: bool) -> None:
    """Headless Chromium, no network, a fresh profile, a phone-sized window."""
    args = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        "--window-size=412,900",
        *(["--force-dark-mode"] if dark else []),
        page.as_uri(),
    ]
    subprocess.run(args, check=True, capture_output=True, timeout=180)


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")
def test_html_page_renders_in_headless_chromium_light_and_dark(tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    browser = _chromium()
    assert browser is not None
    raw = (REPO / "samples" / "british-single-quotes.txt").read_text("utf-8")
    page = tmp_path / "ch5.html"
    page.write_text(convert(raw, "html").text, encoding="utf-8")
    brightness = {}
    for dark in (False, True):
        png = tmp_path / f"{'dark' if dark else 'light'}.png"
        screenshot(browser, page, png, tmp_path / f"profile-{dark}", dark=dark)
        with image.open(png) as shot:
            grey = shot.convert("L")
            assert grey.size == (412, 900)
            counts = grey.histogram()  # pixels per shade of grey, 0 (black) to 255 (white)
        total = sum(counts)
        background = max(range(256), key=counts.__getitem__)
        ink = sum(n for shade, n in enumerate(counts) if abs(shade - background) > 80)
        assert ink > 0.02 * total, "the page looks blank"
        assert sum(n > 0 for n in counts) > 16  # antialiased text: many shades, not a flat fill
        brightness[dark] = background
    assert brightness[False] > 200  # a light page…
    assert brightness[True] < 60  # …and a dark one when the system asks for it
