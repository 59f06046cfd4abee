"""The fanfic's metadata: every field from every source, the user's settings first, into the
EPUB's package and AO3-style title page, and back out of a rebuilt book field by field."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner
from epub_books import SUMMARY, TAGS, URL, ao3_epub
from test_epub import epubcheck
from test_epub_in import fanficfare_story, needs_fanficfare

from fanfmt.cli import cli
from fanfmt.model import StoryFacts
from fanfmt.options import Options
from fanfmt.reader.epub_in import read_epub
from fanfmt.reader.epub_in.archive import EpubArchive
from fanfmt.reader.epub_in.opf import read_package
from fanfmt.story import FIELDS, origins, story_facts, subjects

AO3_TEXT = """Preface

The Quiet Harbour

Posted originally on the Archive of Our Own at https://archiveofourown.org/works/123456.

Rating:
    Teen And Up Audiences
Archive Warning:
    No Archive Warnings Apply
Category:
    Gen
Fandom:
    Original Work
Relationship:
    Anna & Ben
Character:
    Anna, Ben
Additional Tags:
    Fluff, Sea
Language:
    English
Series:
    Part 3 of Harbour Days
Stats:
    Published: 2020-01-02 Completed: 2020-02-03 Words: 12 Chapters: 1/1

The Quiet Harbour

by Someone

Summary

Anna waits at the harbour for a boat that is late.

The Quiet Harbour

"Hello," said Anna. "It's cold out here."

Ben didn't answer.
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def files(book: Path) -> dict[str, str]:
    with zipfile.ZipFile(book) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if not n.endswith(".png")}


def package_of(book: Path) -> str:
    return files(book)["OEBPS/content.opf"]


def test_the_table_covers_every_field_of_the_model() -> None:
    facts = set(StoryFacts.__dataclass_fields__) - {"stated_by"}  # who said it: no fact
    assert sorted(f.name for f in FIELDS) == sorted(facts)
    option_fields = set(Options.__dataclass_fields__)
    assert all(f.option in option_fields for f in FIELDS if f.option)


def test_the_users_value_wins_and_a_list_keeps_the_sources_after_it() -> None:
    source = StoryFacts(rating="Teen", fandoms=("Naruto",), summary="Theirs.")
    options = Options(rating="Mature", fandoms=("Bleach",), origins={"rating": "--rating"})
    facts = story_facts(options, source)
    assert (facts.rating, facts.fandoms, facts.summary) == (
        "Mature",
        ("Bleach", "Naruto"),
        "Theirs.",
    )
    assert origins(options, source) == {
        "rating": "--rating",
        "fandoms": "set + source",
        "summary": "source",
    }
    assert subjects(facts) == ("Bleach", "Naruto", "Mature")


def test_an_ao3_text_download_keeps_its_whole_preface_in_the_book(tmp_path: Path) -> None:
    source = tmp_path / "work.txt"
    source.write_text(AO3_TEXT, encoding="utf-8")
    out = tmp_path / "work.epub"
    code, output = run("build", str(source), "-o", str(out))
    assert code == 0, output
    opf = package_of(out)
    for subject in ("Teen And Up Audiences", "No Archive Warnings Apply", "Gen", "Original Work"):
        assert f"<dc:subject>{subject}</dc:subject>" in opf
    for subject in ("Anna &amp; Ben", "Anna", "Ben", "Fluff", "Sea"):
        assert f"<dc:subject>{subject}</dc:subject>" in opf
    assert (
        "<dc:description>Anna waits at the harbour for a boat that is late.</dc:description>" in opf
    )
    assert "<dc:date>2020-01-02</dc:date>" in opf
    assert '<meta property="dcterms:modified">2020-02-03T00:00:00Z</meta>' in opf
    assert "<dc:source>https://archiveofourown.org/works/123456</dc:source>" in opf
    assert '<meta property="belongs-to-collection" id="series">Harbour Days</meta>' in opf
    assert '<meta refines="#series" property="group-position">3</meta>' in opf
    assert '<meta name="calibre:series" content="Harbour Days"/>' in opf
    assert '<meta name="calibre:series_index" content="3"/>' in opf
    title_page = files(out)["OEBPS/titlepage.xhtml"]
    assert '<dt class="rating">Rating:</dt>' in title_page
    assert "<details><summary>Show archive warnings</summary>" in title_page
    assert "Part 3 of Harbour Days" in title_page
    assert "Published: 2020-01-02 · Completed: 2020-02-03 · Words: 10 · Chapters: 1/1" in title_page
    assert epubcheck(out) == []


def test_flags_beat_fanfmt_toml_beat_the_source(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text(
        '[story]\nrating = "Teen"\nfandoms = ["Harbour Tales"]\nstatus = "in progress"\n'
        'warnings = ["Creator Chose Not To Use Archive Warnings"]\n',
        encoding="utf-8",
    )
    source = tmp_path / "work.txt"
    source.write_text(AO3_TEXT, encoding="utf-8")
    out = tmp_path / "work.epub"
    code, output = run("build", str(source), "-o", str(out), "--rating", "Mature", "-v")
    assert code == 0, output
    assert "rating: Mature (--rating)" in output
    assert "fandoms: Harbour Tales, Original Work (fanfmt.toml, line 3 + AO3 preface)" in output
    assert "status: in progress (fanfmt.toml, line 4)" in output
    assert "categories: Gen (AO3 preface)" in output
    book = read_epub(str(out))
    assert book.facts.rating == "Mature"
    assert book.facts.fandoms == ("Harbour Tales", "Original Work")
    assert book.facts.status == "in progress"
    assert book.facts.warnings[0] == "Creator Chose Not To Use Archive Warnings"


def test_fanfmt_toml_facts_show_on_the_title_page_and_in_config(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text(
        '[story]\ntitle = "Salt"\nrating = "Teen"\ncharacters = ["Wren", "Tamsin"]\n'
        'published = "2022-07-08"\nsource = "https://example.org/salt"\n',
        encoding="utf-8",
    )
    chapter = tmp_path / "ch1.txt"
    chapter.write_text('"Tide\'s out," said Wren.\n', encoding="utf-8")
    code, printed = run("config", str(chapter))
    assert code == 0
    assert 'rating = "Teen"' in printed
    assert "fanfmt.toml, line 3" in printed
    out = tmp_path / "salt.epub"
    assert run("build", str(chapter), "-o", str(out))[0] == 0
    page = files(out)["OEBPS/titlepage.xhtml"]
    assert '<dd class="rating">Teen</dd>' in page
    assert '<dd class="characters">Wren, Tamsin</dd>' in page
    assert '<p class="book-source">https://example.org/salt</p>' in page
    html = tmp_path / "salt.html"
    assert run("build", str(chapter), "-o", str(html))[0] == 0
    assert "<dt>Rating:</dt>\n<dd>Teen</dd>" in html.read_text(encoding="utf-8")


def test_a_bad_status_in_fanfmt_toml_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text('[story]\nstatus = "done"\n', encoding="utf-8")
    chapter = tmp_path / "ch1.txt"
    chapter.write_text("It rained.\n", encoding="utf-8")
    code, output = run("build", str(chapter), "-o", str(tmp_path / "o.xhtml"))
    assert code == 2
    assert "line 2: [story] status: expected one of complete, in progress" in output


def test_markdown_front_matter_fills_every_field(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\ntitle: Glass\nauthor: Wren\nrating: Mature\nwarnings: [Major Character Death]\n"
        "category: F/F\nrelationships: [Ash/Wren]\ncharacters: [Ash, Wren]\n"
        "series: Orchard\nseries_index: 2\nstatus: wip\npublished: 2021-05-06\n"
        "url: https://example.org/glass\n---\n\nThe glass was cold.\n",
        encoding="utf-8",
    )
    out = tmp_path / "glass.epub"
    assert run("build", str(draft), "-o", str(out))[0] == 0
    facts = read_epub(str(out)).facts
    assert facts.rating == "Mature"
    assert facts.warnings == ("Major Character Death",)
    assert facts.categories == ("F/F",)
    assert facts.relationships == ("Ash/Wren",)
    assert facts.characters == ("Ash", "Wren")
    assert (facts.series, facts.series_index) == ("Orchard", 2)
    assert facts.status == "in progress"
    assert facts.published == "2021-05-06"
    assert facts.url == "https://example.org/glass"


def test_an_ao3_epub_keeps_every_field_through_two_rebuilds(tmp_path: Path) -> None:
    book = ao3_epub(tmp_path / "ao3.epub")
    once, twice = tmp_path / "once.epub", tmp_path / "twice.epub"
    assert run("build", str(book), "-o", str(once))[0] == 0
    assert run("build", str(once), "-o", str(twice))[0] == 0
    for out in (once, twice):
        facts = read_epub(str(out)).facts
        assert facts.rating == "Teen And Up Audiences"
        assert facts.warnings == ("No Archive Warnings Apply",)
        assert facts.categories == ("Gen",)
        assert facts.fandoms == ("Original Work",)
        assert facts.relationships == ("Wren & Tamsin",)
        assert facts.characters == ("Wren", "Tamsin")
        assert facts.tags == tuple(TAGS["Additional Tags:"])
        assert facts.summary == SUMMARY
        assert (facts.series, facts.series_index) == ("Gull Point", 2)
        assert (facts.published, facts.updated) == ("2021-03-04", "2021-04-05")
        assert facts.url == URL
    assert once.read_bytes() == twice.read_bytes()


def test_a_rebuilt_book_keeps_its_identifier(tmp_path: Path) -> None:
    book = ao3_epub(tmp_path / "ao3.epub")
    out = tmp_path / "fixed.epub"
    assert run("build", str(book), "-o", str(out))[0] == 0
    before = read_package(EpubArchive(book.read_bytes(), str(book))).identifier
    after = read_package(EpubArchive(out.read_bytes(), str(out))).identifier
    assert before
    assert before == after
    assert f'<dc:identifier id="book-id">{before}</dc:identifier>' in package_of(out)


def test_lint_of_an_ao3_download_does_not_say_no_problems(tmp_path: Path) -> None:
    source = tmp_path / "work.txt"
    source.write_text(AO3_TEXT, encoding="utf-8")
    code, output = run("lint", str(source))
    assert code == 0
    assert "no problems found" not in output
    assert "S001" in output
    assert "rating" in output
    assert "url" in output


def test_config_of_a_chapter_lists_its_facts_and_where_each_came_from(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text('[story]\nrating = "Mature"\n', encoding="utf-8")
    source = tmp_path / "work.txt"
    source.write_text(AO3_TEXT, encoding="utf-8")
    code, printed = run("config", str(source))
    assert code == 0, printed
    lines = printed.splitlines()
    assert any(
        line.startswith('# rating = "Mature"') and "fanfmt.toml, line 2" in line for line in lines
    )
    assert any(
        line.startswith('# fandoms = ["Original Work"]') and "# AO3 preface" in line
        for line in lines
    )
    assert any(
        line.startswith('# source = "https://archiveofourown.org/works/123456"') for line in lines
    )
    import tomllib

    assert tomllib.loads(printed)["story"]["rating"] == "Mature"


@needs_fanficfare
def test_a_fanficfare_epub_keeps_every_field_through_two_rebuilds(tmp_path: Path) -> None:
    book = fanficfare_story(tmp_path)
    stated = read_epub(str(book)).facts
    once, twice = tmp_path / "once.epub", tmp_path / "twice.epub"
    assert run("build", str(book), "-o", str(once))[0] == 0
    assert run("build", str(once), "-o", str(twice))[0] == 0
    for out in (once, twice):
        facts = read_epub(str(out)).facts
        assert facts.rating == stated.rating == "General"
        assert facts.characters == stated.characters
        assert {"Wren", "Tamsin"} <= set(facts.characters)
        assert {"Drama", "Mystery"} <= set(facts.tags)
        assert facts.status == "complete"
        assert (facts.published, facts.updated) == ("2020-05-01", "2020-06-02")
        assert facts.url == "http://test1.com?sid=1001"
        assert facts.language == stated.language
    page = files(once)["OEBPS/titlepage.xhtml"]
    assert '<dd class="rating">General</dd>' in page
    assert once.read_bytes() == twice.read_bytes()
