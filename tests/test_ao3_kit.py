"""The AO3 posting kit: every field holds its part, every word is in one field, and all of
it is within what AO3 keeps (tags, attributes, classes, the work skin's properties).

For every sample and the founding chapter (when present) the kit is compared with the
chapter's document and with the single paste (``--ao3 single``), which holds everything.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_markup import (
    AO3_ATTRIBUTES,
    AO3_CLASS_RE,
    AO3_CSS_VALUE_RE,
    AO3_SKIN_PROPERTIES,
    AO3_SKIN_SHORTHANDS,
    AO3_TAGS,
    elements,
    words,
)

from fanfmt import normalise
from fanfmt.build import build_file
from fanfmt.cli import cli
from fanfmt.errors import OutputError
from fanfmt.files import read_input
from fanfmt.model import AuthorNote, Heading, Paragraph
from fanfmt.options import Options
from fanfmt.reader import input_format
from fanfmt.writers.ao3kit import FIELDS, PAGE_FILE, SKIN
from fanfmt.writers.inline import display_text

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted(
    p
    for p in (REPO / "samples").iterdir()
    if p.suffix in (".txt", ".md", ".html") and p.name != "README.md"
)
HTML_FIELDS = ("summary", "notes-begin", "notes-end", "chapter")
CHAPTER = """Chapter 5: The Drowned Bell

A/N: Thanks for reading! This one is short.

Rain came down on the harbour. *I should go home,* she thought.

* * *

Later that night, the bell rang.

A/N: Next chapter soon.
"""


def kit(source: Path, tmp: Path, options: Options | None = None) -> dict[str, str]:
    """The kit of ``source``, built into ``tmp``: file name → text."""
    out = tmp / f"{source.stem}.ao3"
    build_file(str(source), str(out), "ao3", options or Options())
    return {p.name: p.read_text("utf-8") for p in out.iterdir()}


def single(source: Path, options: Options | None = None) -> str:
    return build_file(
        str(source), None, "ao3", (options or Options()).replace(ao3="single"), write=False
    ).text


def document(source: Path, options: Options | None = None):  # type: ignore[no-untyped-def]
    options = options or Options()
    text = read_input(str(source)).text
    fmt = input_format(str(source), options.from_format, text)
    return normalise(text, options, source=str(source), from_format=fmt)[0]


def expected_parts(source: Path) -> dict[str, Counter[str]]:
    """The words each field must hold, from the chapter's document."""
    doc = document(source)
    heading = next((b for b in doc.blocks if isinstance(b, Heading)), None)
    parts: dict[str, Counter[str]] = {
        "title": words(display_text(heading.title)) if heading else Counter(),
        "work-title": words(display_text(heading.story_title)) if heading else Counter(),
        "number": words(display_text(heading.number)) if heading else Counter(),
        "notes-begin": Counter(),
        "notes-end": Counter(),
    }
    for block in doc.blocks:
        if isinstance(block, AuthorNote) and block.position in ("before", "after"):
            key = "notes-begin" if block.position == "before" else "notes-end"
            for p in block.paragraphs:
                parts[key] += words(html.escape(display_text(p.children)))
        elif isinstance(block, Paragraph) and block.role == "disclaimer":
            parts["notes-begin"] += words(html.escape(display_text(block.children)))
    return parts


def inputs(founding: Path | None) -> list[Path]:
    return [*SAMPLES, *([founding] if founding else [])]


@pytest.fixture(scope="module")
def founding_or_none() -> Path | None:
    from conftest import FOUNDING_CHAPTER

    return FOUNDING_CHAPTER if FOUNDING_CHAPTER.is_file() else None


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_every_field_holds_its_part_and_every_word_is_in_one(source: Path, tmp_path: Path) -> None:
    check_fields(source, tmp_path)


def test_the_founding_chapter_kit(founding_chapter: Path, tmp_path: Path) -> None:
    files = check_fields(founding_chapter, tmp_path)
    assert files["title.txt"].strip()  # the chapter's own title, not AO3's number
    assert files["notes-begin.html"]
    assert files["notes-end.html"]
    assert "<h2" not in files["chapter.html"]  # the heading is AO3's to show


def check_fields(source: Path, tmp: Path) -> dict[str, str]:
    files = kit(source, tmp)
    expected = expected_parts(source)
    got = {  # a title is plain text: escaped, so that it is read as text
        f.id: words(files[f.file] if f.file.endswith(".html") else html.escape(files[f.file]))
        for f in FIELDS
        if f.file in files
    }
    assert got["title"] == expected["title"]
    assert got.get("work-title", Counter()) == expected["work-title"]
    assert got["notes-begin"] == expected["notes-begin"]
    assert got["notes-end"] == expected["notes-end"]
    assert got["summary"] == Counter()  # no --summary given
    whole = words(single(source))
    assert sum(got.values(), Counter()) == whole - expected["number"]  # each word once
    story = whole - expected["number"] - expected["title"] - expected["work-title"]
    assert got["chapter"] == story - expected["notes-begin"] - expected["notes-end"]
    skin = files[SKIN.file]
    for name in re.findall(r'class="([^"]+)"', files["chapter.html"]):
        for one in name.split():
            assert f".{one}" in skin, one  # every class the chapter writes has its rule
    for field_id in HTML_FIELDS:
        check_ao3_markup(files[f"{field_id}.html" if field_id != "chapter" else "chapter.html"],
                         classes=field_id != "summary")  # fmt: skip
    return files


def check_ao3_markup(markup: str, *, classes: bool) -> None:
    """Only tags and attributes AO3 keeps; classes only where it keeps them, well named."""
    for el in elements(markup):
        assert el.tag in AO3_TAGS, el.tag
        for name, value in el.attrs.items():
            if name == "class" and classes:
                assert all(AO3_CLASS_RE.match(c) for c in value.split()), value
                continue
            allowed = AO3_ATTRIBUTES["*"] | AO3_ATTRIBUTES.get(el.tag, frozenset())
            assert name in allowed, (el.tag, name)
    assert "style=" not in markup
    assert " id=" not in markup


def test_a_chapter_of_my_own_goes_to_its_fields(tmp_path: Path) -> None:
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    files = kit(source, tmp_path, Options(summary="A bell.\n\nA <harbour> & rain."))
    assert files["title.txt"] == "The Drowned Bell\n"
    assert "work-title.txt" not in files
    assert files["summary.html"] == "<p>A bell.</p>\n<p>A &lt;harbour&gt; &amp; rain.</p>\n"
    assert files["notes-begin.html"] == "<p>A/N: Thanks for reading! This one is short.</p>\n"
    assert files["notes-end.html"] == "<p>A/N: Next chapter soon.</p>\n"
    chapter = files["chapter.html"]
    assert '<em class="thought">I should go home,</em>' in chapter
    assert '<hr class="scene-break" />' in chapter
    assert "Drowned" not in chapter
    assert "A/N" not in chapter


def test_notes_end_and_omit(tmp_path: Path) -> None:
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    ended = kit(source, tmp_path / "end", Options(notes="end"))
    assert ended["notes-begin.html"] == ""
    assert ended["notes-end.html"].count("<p>") == 2
    omitted = kit(source, tmp_path / "omit", Options(notes="omit"))
    assert omitted["notes-begin.html"] == omitted["notes-end.html"] == ""
    assert "A/N" not in "".join(omitted.values())


def test_without_the_skin_the_text_still_reads_right(tmp_path: Path) -> None:
    """Italics are <em> and breaks <hr>: what a class adds is only the skin's styling."""
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    chapter = kit(source, tmp_path)["chapter.html"]
    plain = re.sub(r' class="[^"]*"', "", chapter)
    paste = single(source)
    assert plain in paste.replace(' align="center"', "")


def test_the_work_skin_uses_only_what_ao3_accepts(tmp_path: Path) -> None:
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    css = kit(source, tmp_path)[SKIN.file]
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", body)
    assert len(rules) >= 6
    for selectors, declarations in rules:
        for selector in selectors.split(","):
            assert selector.strip().startswith("#workskin "), selector
        for declaration in filter(str.strip, declarations.split(";")):
            prop, _, value = (part.strip() for part in declaration.partition(":"))
            assert prop in AO3_SKIN_PROPERTIES or prop.startswith(AO3_SKIN_SHORTHANDS), prop
            assert all(AO3_CSS_VALUE_RE.match(t) for t in value.split()), (prop, value)
    classes = set(re.findall(r"\.([a-z][\w-]+)", body))
    written = set(re.findall(r'class="([^"]+)"', kit(source, tmp_path / "2")["chapter.html"]))
    assert written <= classes  # every class the chapter writes has its rule


def test_the_kit_page_shows_every_field_with_its_copy_button(tmp_path: Path) -> None:
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    files = kit(source, tmp_path, Options(summary="A bell."))
    page = files[PAGE_FILE]
    shown = [f for f in (*FIELDS, SKIN) if f.file in files]
    ids = re.findall(r'<section id="field-([\w-]+)"', page)
    assert ids == [f.id for f in shown]  # AO3's order, the skin last
    for f in shown:
        assert f'<button type="button" id="copy-{f.id}" data-field="{f.id}"' in page
        found = re.search(rf'<textarea id="text-{f.id}"[^>]*>\n(.*?)</textarea>', page, re.DOTALL)
        assert found is not None, f.id
        assert html.unescape(found.group(1)) == files[f.file]  # what Copy copies: the file
    assert "navigator.clipboard.writeText" in page
    assert 'execCommand("copy")' in page


def test_cli_kit_single_and_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(source), "--no-config", "--to", "ao3"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "ch5.ao3"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["title.txt", "summary.html", "notes-begin.html", "notes-end.html", "chapter.html",
         "kit.html", "workskin.css"]
    )  # fmt: skip
    assert f"wrote {folder}" in result.output
    result = runner.invoke(cli, ["build", str(source), "--no-config", "--to", "ao3",
                                 "--ao3", "single"])  # fmt: skip
    assert result.exit_code == 0, result.output
    paste = (tmp_path / "ch5.ao3.html").read_text("utf-8")
    assert paste.startswith('<h2 align="center">Chapter 5<br />The Drowned Bell</h2>\n')
    result = runner.invoke(cli, ["build", str(source), "--no-config", "--to", "ao3", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout == paste  # a folder cannot go to standard output: the one paste
    result = runner.invoke(cli, ["build", str(source), "--no-config", "--ao3", "both"])
    assert result.exit_code == 2
    assert "kit" in result.output
    assert "single" in result.output


def test_a_kit_never_overwrites_its_input(tmp_path: Path) -> None:
    source = tmp_path / "chapter.html"
    source.write_text("<p>Rain came down on the harbour, and the bell rang.</p>", "utf-8")
    with pytest.raises(OutputError, match="refusing to overwrite the input"):
        build_file(str(source), str(tmp_path), "ao3", Options())  # its kit: chapter.html too
    assert source.read_text("utf-8").startswith("<p>Rain came down")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapter.html"]  # nothing written
    result = CliRunner().invoke(  # a folder there: a batch, each kit in a folder of its own
        cli, ["build", str(source), "--no-config", "--to", "ao3", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert (tmp_path / "chapter.ao3" / "chapter.html").is_file()


def test_templates_export_gives_the_kit_and_the_work_skin(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["templates", "export", str(tmp_path / "mine")])
    assert result.exit_code == 0
    for name in ("ao3/workskin.css", "ao3/kit.html", "ao3/kit-fields.html", "ffn/chapter.html"):
        assert (tmp_path / "mine" / name).is_file(), name


def test_a_batch_gives_each_chapter_its_kit_and_update_skips_fresh_ones(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "ch1.txt").write_text(CHAPTER, "utf-8")
    (story / "ch2.txt").write_text(CHAPTER.replace("Chapter 5", "Chapter 6"), "utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    args = ["build", str(story), "--no-config", "--to", "ao3", "-o", f"{out}/", "-u"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "2 built" in result.output
    for name in ("ch1", "ch2"):
        assert (out / f"{name}.ao3" / "kit.html").is_file()
    assert not list(out.rglob("*.ao3.html"))  # no single paste beside the kits
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "0 built" in result.output  # both kits are newer than their chapters
    single = runner.invoke(cli, [*args[:-1], "--ao3", "single"])
    assert single.exit_code == 0, single.output
    assert (out / "ch1.ao3.html").is_file()


DOC_IMAGES = "FANFMT_DOC_IMAGES"
"""Set to a folder (``docs/img``) to keep the kit page's screenshot there for the docs."""


@pytest.mark.slow
def test_the_kit_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    """The page shows (not blank); with ``FANFMT_DOC_IMAGES=docs/img`` its picture is kept
    as ``ao3-kit.png``, the one docs/targets.md shows."""
    import os
    import shutil
    import subprocess

    from test_targets import _chromium

    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    image = pytest.importorskip("PIL.Image")
    source = tmp_path / "ch5.txt"
    source.write_text(CHAPTER, "utf-8")
    kit(source, tmp_path, Options(summary="The bell under the harbour rings again."))
    png = tmp_path / "ao3-kit.png"
    args = [  # as test_targets.screenshot, in a desktop-sized window
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}", "--window-size=820,1240",
        (tmp_path / "ch5.ao3" / PAGE_FILE).as_uri(),
    ]  # fmt: skip
    subprocess.run(args, check=True, capture_output=True, timeout=180)
    with image.open(png) as shot:
        grey = shot.convert("L")
        counts = grey.histogram()
    background = max(range(256), key=counts.__getitem__)
    ink = sum(n for shade, n in enumerate(counts) if abs(shade - background) > 80)
    assert background > 200
    assert ink > 0.01 * sum(counts), "the kit page looks blank"
    keep = os.environ.get(DOC_IMAGES)
    if keep:
        shutil.copyfile(png, Path(keep) / "ao3-kit.png")
