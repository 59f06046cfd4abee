"""``--to ffn``: only what FanFiction.Net's document manager keeps, every scene break an
``<hr />``, and no line of symbols left for FFN to delete.

Checked on every sample and the founding chapter (when present) against FFN's allow-list
(``site_markup.FFN_TAGS``, cited in docs/targets.md), not the writer's own constants.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_markup import FFN_STYLES, FFN_TAGS, elements, paragraphs, words

from fanfmt import convert
from fanfmt.build import build_file
from fanfmt.cli import cli
from fanfmt.model import SceneBreak
from fanfmt.options import Options
from fanfmt.writers.ffn import ALLOWED_TAGS, FFN_KEEPS

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted(
    p
    for p in (REPO / "samples").iterdir()
    if p.suffix in (".txt", ".md", ".html") and p.name != "README.md"
)
WORDLESS_RE = re.compile(r"^[\W_]*$")
"""A line with no letter and no digit: FFN deletes it."""
CHAPTER = """Chapter 5: The Drowned Bell

A/N: Thanks for reading! This one is short.

Rain came down on the harbour. *I should go home,* she thought.

~~~~~

Later that night, the bell rang.[^1]

[^1]: A real bell, in a real harbour.
"""


def ffn(source: Path, options: Options | None = None) -> str:
    return build_file(str(source), None, "ffn", options or Options(), write=False).text


def check_ffn_markup(page: str) -> None:
    for el in elements(page):
        assert el.tag in FFN_TAGS, el.tag
        for name, value in el.attrs.items():
            assert (el.tag, name) == ("p", "style"), (el.tag, name)
            assert value in FFN_STYLES, value
    for text in paragraphs(page):
        assert not WORDLESS_RE.match(text), text  # FFN would delete it
    for line in page.splitlines():
        if not line.startswith("<hr"):
            assert not WORDLESS_RE.match(re.sub(r"<[^>]+>", "", line)), line


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_only_what_ffn_keeps(source: Path) -> None:
    page = ffn(source)
    check_ffn_markup(page)
    blocks = convert_doc(source).blocks
    breaks = sum(isinstance(b, SceneBreak) and not b.shown for b in blocks)
    assert page.count("<hr />") == breaks  # the author's own lettered mark is shown as typed
    assert words(page) >= words(build_file(str(source), None, "ao3", Options(ao3="single"),
                                           write=False).text)  # fmt: skip


def convert_doc(source: Path):  # type: ignore[no-untyped-def]
    from fanfmt.files import read_input
    from fanfmt.reader import input_format

    text = read_input(str(source)).text
    fmt = input_format(str(source), "auto", text)
    return convert(text, "ffn", Options(), source=str(source), from_format=fmt).document


def test_every_break_of_the_founding_chapter_is_a_rule(founding_chapter: Path) -> None:
    page = ffn(founding_chapter)
    check_ffn_markup(page)
    doc = convert_doc(founding_chapter)
    breaks = sum(isinstance(b, SceneBreak) for b in doc.blocks)
    assert breaks >= 1
    assert page.count("<hr />") == breaks
    assert "<hr" not in page.replace("<hr />", "")


def test_a_chapter_of_my_own(tmp_path: Path) -> None:
    source = tmp_path / "ch5.md"
    source.write_text(CHAPTER, "utf-8")
    page = ffn(source, Options(scene_break="* * *"))
    check_ffn_markup(page)
    assert page.startswith(
        '<p style="text-align:center;"><strong>Chapter 5: The Drowned Bell</strong></p>\n'
    )
    assert "<p><strong>A/N:</strong> Thanks for reading! This one is short.</p>" in page
    assert "<em>I should go home,</em>" in page
    assert "<hr />" in page  # an ornament would be deleted: a rule, whatever is set
    assert "* * *" not in page
    assert "<p>Later that night, the bell rang.[1]</p>" in page
    assert "<p>[1] A real bell, in a real harbour.</p>" in page


def test_an_unlabelled_note_is_led_by_a_bold_label() -> None:
    from fanfmt.model import AuthorNote, Document, Paragraph, Text
    from fanfmt.writers import render

    doc = Document((
        AuthorNote((Paragraph((Text("Thanks for reading."),)),), "before"),
        Paragraph((Text("It rained."),)),
    ))  # fmt: skip
    assert render(doc, "ffn", Options()) == (
        "<p><strong>A/N:</strong> Thanks for reading.</p>\n<p>It rained.</p>\n"
    )


def test_the_writer_allow_list_is_ffns() -> None:
    assert ALLOWED_TAGS <= FFN_KEEPS == FFN_TAGS


def test_cli_names_the_output_after_the_format(tmp_path: Path) -> None:
    source = tmp_path / "ch5.md"
    source.write_text(CHAPTER, "utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(source), "--no-config", "--to", "ffn"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "ch5.ffn.html").read_text("utf-8")
    assert "<hr />" in written
    result = runner.invoke(
        cli, ["build", str(source), "--no-config", "-o", str(tmp_path / "up.ffn.html")]
    )
    assert result.exit_code == 0
    assert (tmp_path / "up.ffn.html").read_text("utf-8") == written  # the suffix says ffn
    result = runner.invoke(cli, ["build", str(source), "--no-config", "--to", "ffm"])
    assert result.exit_code == 2
    assert "ffn" in result.output
