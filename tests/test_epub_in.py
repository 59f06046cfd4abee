"""EPUBs as input: an AO3-style book, an EPUB 2, FanFicFare's own EPUBs, libraries, refusals.

Each book comes back as a valid EPUB 3 (epubcheck: 0 errors, 0 warnings) with every story
word in order, no straight quote left, its metadata field by field; ``--notes omit`` takes
the notes and nothing else; a second run changes nothing. The FanFicFare tests run its
offline ``test1.com`` adapter on this file's own chapter (skipped without ``fanficfare``).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from epub_books import (
    CHAPTERS,
    END_NOTE,
    SUMMARY,
    TAGS,
    URL,
    WORK_NOTE,
    ao3_epub,
    book_text,
    epub2,
    is_subsequence,
    page,
    story_words,
    words,
)
from test_epub import epubcheck, png

from fanfmt.cli import cli
from fanfmt.epub.rebuild import rebuild_epub
from fanfmt.errors import ConfigError, InputError
from fanfmt.options import Options
from fanfmt.reader.epub_in import read_epub
from fanfmt.reader.epub_in.archive import EpubArchive, resolve
from fanfmt.reader.epub_in.opf import read_package

STRAIGHT = ('"', "'")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def all_story_words() -> list[str]:
    return [w for _, paragraphs, _, _ in CHAPTERS for w in story_words(paragraphs)]


def notes() -> list[str]:
    return [WORK_NOTE, END_NOTE] + [n for c in CHAPTERS for n in (c[2], c[3]) if n]


def note_words() -> set[str]:
    return set(words(" ".join(notes()))) - set(all_story_words())


# --- an AO3-style download ------------------------------------------------------------------


@pytest.fixture
def ao3(tmp_path: Path) -> Path:
    return ao3_epub(tmp_path / "ao3.epub", cover=png(20, 30))


def test_ao3_epub_comes_back_valid_with_every_word(ao3: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.epub"
    code, output = run("build", str(ao3), "-o", str(out))
    assert code == 0, output
    assert epubcheck(out) == []
    text = book_text(out)
    assert len(text) == 2
    assert is_subsequence(all_story_words(), words(" ".join(text)))
    assert not any(q in t for t in text for q in STRAIGHT)
    assert "“Is the lamp lit?”" in text[0]
    for note in (WORK_NOTE, CHAPTERS[0][2], CHAPTERS[0][3]):
        assert note in " ".join(text[0].split())
    assert END_NOTE in " ".join(text[1].split())


def test_ao3_epub_keeps_its_metadata_field_by_field(ao3: Path, tmp_path: Path) -> None:
    out = rebuild_epub(str(ao3), str(tmp_path / "fixed.epub"), Options()).output
    package = read_package(EpubArchive(Path(out).read_bytes(), out))
    assert package.title == "The Quiet Tide"
    assert package.authors == ("ada_quill",)
    every_tag = [v.replace("&amp;", "&") for values in TAGS.values() for v in values]
    assert set(every_tag) <= set(package.subjects)
    assert package.description == SUMMARY
    assert (package.series, package.series_index) == ("Gull Point", 2)
    assert (package.published, package.updated) == ("2021-03-04", "2021-04-05")
    assert package.source == URL
    with zipfile.ZipFile(out) as z:
        assert z.read(package.cover) == png(20, 30)


def test_notes_omit_removes_the_notes_and_nothing_else(ao3: Path, tmp_path: Path) -> None:
    kept = rebuild_epub(str(ao3), str(tmp_path / "kept.epub"), Options()).output
    omitted = rebuild_epub(str(ao3), str(tmp_path / "omit.epub"), Options(notes="omit")).output
    with_notes = " ".join(" ".join(book_text(Path(kept))).split())
    without = words(" ".join(book_text(Path(omitted))))
    assert is_subsequence(all_story_words(), without)
    assert not note_words() & set(without)
    for note in notes():
        assert note in with_notes
        with_notes = with_notes.replace(note, " ")
    assert words(with_notes) == without
    assert epubcheck(Path(omitted)) == []


def test_a_second_run_changes_nothing(ao3: Path, tmp_path: Path) -> None:
    once = Path(rebuild_epub(str(ao3), str(tmp_path / "once.epub"), Options()).output)
    twice = Path(rebuild_epub(str(once), str(tmp_path / "twice.epub"), Options()).output)
    assert once.read_bytes() == twice.read_bytes()


def test_the_users_flags_win_over_the_books_metadata(ao3: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.epub"
    code, _ = run("build", str(ao3), "-o", str(out), "--title", "Renamed", "--tag", "Mine")
    assert code == 0
    package = read_package(EpubArchive(out.read_bytes(), str(out)))
    assert package.title == "Renamed"
    assert package.subjects[0] == "Mine"
    assert "Lighthouses" in package.subjects


# --- an EPUB 2 made by other tools ----------------------------------------------------------


ONE = "<h1>One</h1><p>\"Hello,\" said Ash. It's <span class='i'>late</span>.</p>"


def plain_book(path: Path) -> Path:
    pages = [
        ("cover.xhtml", "Cover", page("Cover", '<div><img src="images/cover.png" alt=""/></div>')),
        ("ch1.xhtml", "One", page("One", ONE)),
        ("ch1_split_001.xhtml", "One", page("One", "<p>The second half of one.</p>")),
        ("ch2.xhtml", "Two", page("Two", "<h1>Two</h1><p>'Run,' thought Ash.</p>")),
    ]  # fmt: skip
    pages[2] = (pages[2][0], "", pages[2][2])
    book = epub2(path, [p for p in pages if p[1]], {"title": "Ash", "creator": "Someone"})
    with zipfile.ZipFile(book, "a") as z:
        z.writestr("OEBPS/ch1_split_001.xhtml", pages[2][2])
    # the split part is in the spine, not in the contents
    data = {n: zipfile.ZipFile(book).read(n) for n in zipfile.ZipFile(book).namelist()}
    opf = data["OEBPS/content.opf"].decode()
    opf = opf.replace(
        '<item id="css"',
        '<item id="split" href="ch1_split_001.xhtml" media-type="application/xhtml+xml"/>\n'
        '<item id="css"',
    ).replace('<itemref idref="p2"/>', '<itemref idref="split"/>\n<itemref idref="p2"/>')
    data["OEBPS/content.opf"] = opf.encode()
    data["OEBPS/stylesheet.css"] = b".i { font-style: italic }\n"
    with zipfile.ZipFile(book, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)
    return book


def test_an_epub2_keeps_order_contents_and_italics(tmp_path: Path) -> None:
    book = read_epub(str(plain_book(tmp_path / "plain.epub")))
    assert [c.title for c in book.chapters] == ["One", "Two"]  # the split part joins One
    assert "OEBPS/cover.xhtml" in book.left_out
    out = tmp_path / "fixed.epub"
    assert run("build", str(tmp_path / "plain.epub"), "-o", str(out))[0] == 0
    text = book_text(out)
    assert "second half" in text[0]
    with zipfile.ZipFile(out) as z:
        assert b"<em>late</em>" in z.read("OEBPS/chapter-001.xhtml")
    assert epubcheck(out) == []


# --- in place, libraries --------------------------------------------------------------------


def test_in_place_replaces_the_book(ao3: Path) -> None:
    code, output = run("build", str(ao3), "--in-place")
    assert code == 0, output
    assert epubcheck(ao3) == []
    before = ao3.read_bytes()
    assert run("build", str(ao3), "--in-place")[0] == 0
    assert ao3.read_bytes() == before


def test_in_place_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    bad = tmp_path / "bad.epub"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code, output = run("build", str(bad), "--in-place")
    assert code == 3
    assert "not a readable EPUB" in output
    assert bad.read_bytes() == b"PK\x03\x04 not really a zip"
    assert [p.name for p in tmp_path.iterdir()] == ["bad.epub"]


def test_an_epub_without_output_or_in_place_is_refused(ao3: Path) -> None:
    code, output = run("build", str(ao3))
    assert code == 2
    assert "--in-place" in output
    with pytest.raises(ConfigError):
        rebuild_epub(str(ao3), None, Options())


def test_a_library_rebuilds_one_book_per_epub(tmp_path: Path) -> None:
    library = tmp_path / "library"
    (library / "shelf").mkdir(parents=True)
    ao3_epub(library / "a.epub")
    plain_book(library / "shelf" / "b.epub")
    fixed = tmp_path / "fixed"
    code, output = run("build", str(library), "-o", f"{fixed}/", "-j", "2")
    assert code == 0, output
    assert sorted(p.relative_to(fixed).as_posix() for p in fixed.rglob("*.epub")) == [
        "a.epub",
        "shelf/b.epub",
    ]
    assert epubcheck(fixed / "shelf" / "b.epub") == []
    code, output = run("build", str(library), "-o", f"{fixed}/", "-u")
    assert code == 0
    assert "2 up to date" in output


# --- refusals: nothing extracted, nothing expanded, nothing outside the book ----------------


def test_a_zip_bomb_entry_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.xhtml", b"\0" * (20 * 1024 * 1024))
    archive = EpubArchive(buffer.getvalue(), "bomb.epub")
    with pytest.raises(InputError, match="zip bomb"):
        archive.read("big.xhtml")


def test_names_that_climb_out_are_never_read() -> None:
    assert resolve("OEBPS/content.opf", "../../etc/passwd") == ""
    assert resolve("OEBPS/content.opf", "/etc/passwd") == ""
    assert resolve("OEBPS/content.opf", "http://example.com/x.xhtml") == ""
    assert resolve("OEBPS/content.opf", "Text/ch%201.xhtml#top") == "OEBPS/Text/ch 1.xhtml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("../evil.xhtml", b"<p>x</p>")
    assert EpubArchive(buffer.getvalue(), "x.epub").names() == []


def test_entities_in_the_package_are_refused(ao3: Path, tmp_path: Path) -> None:
    data = {n: zipfile.ZipFile(ao3).read(n) for n in zipfile.ZipFile(ao3).namelist()}
    opf = data["OEBPS/content.opf"].decode()
    opf = opf.replace("<package", '<!DOCTYPE p [<!ENTITY a "aaaa">]>\n<package', 1)
    data["OEBPS/content.opf"] = opf.encode()
    bad = tmp_path / "entities.epub"
    with zipfile.ZipFile(bad, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)
    code, output = run("build", str(bad), "-o", str(tmp_path / "out.epub"))
    assert code == 3
    assert "entities" in output
    assert not (tmp_path / "out.epub").exists()


# --- FanFicFare, the real peer --------------------------------------------------------------

FFF = shutil.which("fanficfare")
needs_fanficfare = pytest.mark.skipif(FFF is None, reason="fanficfare is not installed")

CHAPTER_PAGE = """<html><body><ul><li id="c{n}"><blockquote>
{paragraphs}
</blockquote></li></ul></body></html>
"""


def fanficfare_story(
    folder: Path,
    post_process: str = "",
    settings: tuple[str, ...] = (),
    *,
    notes: bool = False,
    cover: bytes = b"",
) -> Path:
    """A FanFicFare download of this file's chapters, made by its offline test adapter;
    ``settings`` are more ``personal.ini`` lines for the story (they win); ``notes``: each
    chapter's notes typed in its text, ``A/N:`` before and after the story; ``cover``: an
    image at the top of the first chapter, which FanFicFare makes the book's cover."""
    urls = []
    if cover:
        (folder / "cover.png").write_bytes(cover)
    for n, (heading, paragraphs, before, after) in enumerate(CHAPTERS, 1):
        if notes:
            paragraphs = [
                *([f"A/N: {before}"] if before else []),
                *paragraphs,
                *([f"A/N: {after}"] if after else []),
            ]
        html = "\n".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in paragraphs)
        if cover and n == 1:
            html = f'<p><img src="{(folder / "cover.png").as_uri()}" alt=""/></p>\n{html}'
        (folder / f"ch{n}.html").write_text(CHAPTER_PAGE.format(n=n, paragraphs=html))
        urls.append(f" {(folder / f'ch{n}.html').as_uri()}#c{n},{heading}")
    ini = [
        "[defaults]",
        "is_adult:true",
        "[test1.com]",
        "use_basic_cache:false",
        "[teststory:1001]",
        "title:The Lamp at Gull Point",
        "author_list:Ada Quill",
        "storyUrl:http://test1.com?sid=1001",
        "datePublished:2020-05-01",
        "dateUpdated:2020-06-02",
        "status:Completed",
        "rating:General",
        "genre_list:Drama,Mystery",
        "characters_list:Wren,Tamsin",
        *settings,
        "chapter_urls:" + urls[0].strip(),
        *urls[1:],
    ]
    if post_process:
        ini.insert(4, f"post_process_cmd:{post_process}")
    if cover:
        ini[2:2] = ["include_images:true", "make_firstimage_cover:true"]
    (folder / "personal.ini").write_text("\n".join(ini) + "\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(folder)}  # no user's own personal.ini
    done = subprocess.run(
        [str(FFF), "-f", "epub", "-c", "personal.ini", "http://test1.com?sid=1001"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    books = list(folder.glob("*.epub"))
    assert len(books) == 1, done.stdout + done.stderr
    return books[0]


@needs_fanficfare
def test_a_fanficfare_epub_comes_back_valid(tmp_path: Path) -> None:
    book = fanficfare_story(tmp_path, settings=(f"description:{SUMMARY}", "series:Gull Point [2]"))
    out = tmp_path / "fixed.epub"
    code, output = run("build", str(book), "-o", str(out))
    assert code == 0, output
    assert epubcheck(out) == []
    text = book_text(out)
    assert len(text) == 2  # the title page is furniture, its facts metadata
    assert is_subsequence(all_story_words(), words(" ".join(text)))
    assert not any(q in t for t in text for q in STRAIGHT)
    package = read_package(EpubArchive(out.read_bytes(), str(out)))
    assert package.title == "The Lamp at Gull Point"
    assert package.authors == ("Ada Quill",)
    assert {"Drama", "Mystery", "Wren", "Tamsin"} <= set(package.subjects)
    assert (package.published, package.updated) == ("2020-05-01", "2020-06-02")
    assert package.source == "http://test1.com?sid=1001"
    assert package.description == SUMMARY
    assert (package.series, package.series_index) == ("Gull Point", 2)
    again = tmp_path / "again.epub"
    assert run("build", str(out), "-o", str(again))[0] == 0
    assert again.read_bytes() == out.read_bytes()


@needs_fanficfare
def test_a_fanficfare_epub_keeps_its_cover(tmp_path: Path) -> None:
    book = fanficfare_story(tmp_path, cover=png(20, 30))
    with zipfile.ZipFile(book) as z:
        given = read_package(EpubArchive(book.read_bytes(), str(book)))
        assert given.cover, "FanFicFare made no cover"
        image = z.read(given.cover)
    out = tmp_path / "fixed.epub"
    code, output = run("build", str(book), "-o", str(out))
    assert code == 0, output
    assert epubcheck(out) == []
    package = read_package(EpubArchive(out.read_bytes(), str(out)))
    with zipfile.ZipFile(out) as z:
        assert z.read(package.cover) == image


@needs_fanficfare
@pytest.mark.parametrize(
    ("settings", "status"),
    [((), "complete"), (("status:In-Progress", "include_titlepage:false"), "in progress")],
)
def test_fanficfare_status_and_update_subjects_are_fields_not_tags(
    tmp_path: Path, settings: tuple[str, ...], status: str
) -> None:
    book = fanficfare_story(tmp_path, settings=settings)
    given = read_package(EpubArchive(book.read_bytes(), str(book))).subjects
    assert any(s.startswith("Last Update:") for s in given)  # what FanFicFare writes
    out = tmp_path / "fixed.epub"
    code, output = run("build", str(book), "-o", str(out), "-v")
    assert code == 0, output
    assert f"status: {status} (EPUB)" in output
    package = read_package(EpubArchive(out.read_bytes(), str(out)))
    assert package.typed["status"] == (status,)
    assert package.updated == "2020-06-02"
    assert {"Drama", "Mystery", "Wren", "Tamsin"} <= set(package.subjects)
    left = [s for s in package.subjects if "Last Update" in s or s.casefold() in FFF_STATUS]
    assert left == []
    assert epubcheck(out) == []


FFF_STATUS = {"completed", "in-progress"}


@needs_fanficfare
def test_notes_omit_on_a_fanficfare_epub_takes_the_notes_and_nothing_else(tmp_path: Path) -> None:
    book = fanficfare_story(tmp_path, notes=True)
    kept, omitted = tmp_path / "kept.epub", tmp_path / "omit.epub"
    assert run("build", str(book), "-o", str(kept))[0] == 0
    assert run("build", str(book), "-o", str(omitted), "--notes", "omit")[0] == 0
    with_notes = " ".join(" ".join(book_text(kept)).split())
    without = words(" ".join(book_text(omitted)))
    assert is_subsequence(all_story_words(), without)
    chapter_notes = [n for c in CHAPTERS for n in (c[2], c[3]) if n]
    for note in chapter_notes:
        assert f"A/N: {note}" in with_notes
        with_notes = with_notes.replace(f"A/N: {note}", " ")
    assert words(with_notes) == without
    assert epubcheck(omitted) == []


@needs_fanficfare
def test_fanficfare_post_process_cmd_ends_with_a_fixed_book(tmp_path: Path) -> None:
    command = f'"{sys.executable}" -m fanfmt build "${{output_filename}}" --in-place'
    book = fanficfare_story(tmp_path, post_process=command)
    with zipfile.ZipFile(book) as z:
        assert "OEBPS/fanfmt.css" in z.namelist()
        assert b'version="3.0"' in z.read("OEBPS/content.opf")
    assert epubcheck(book) == []
    assert "“Is the lamp lit?”" in book_text(book)[0]


def _damaged(book: Path, at: str) -> Path:
    """``book`` with its first deflated page's data, or the version its zip directory
    says is needed to open an entry, made nonsense."""
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as z:
        info = next(i for i in z.infolist() if i.compress_type == zipfile.ZIP_DEFLATED)
    if at == "data":
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start : start + 4] = b"\xff\xff\xff\xff"
    else:
        directory = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
        data[directory + 6] = 0xFF  # "version needed to extract" of the last entry
    bad = book.with_name(f"bad-{at}.epub")
    bad.write_bytes(bytes(data))
    return bad


@pytest.mark.parametrize("at", ["data", "directory"])
def test_a_damaged_zip_is_one_line_and_exit_3(ao3: Path, tmp_path: Path, at: str) -> None:
    """Deflated data that does not inflate, or a zip version no reader knows: refused as a
    damaged EPUB, never an internal error (they were exit 70)."""
    code, output = run("build", str(_damaged(ao3, at)), "-o", str(tmp_path / "out.epub"))
    assert code == 3, output
    assert "damaged" in output or "not a readable EPUB" in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "out.epub").exists()
