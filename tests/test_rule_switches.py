"""``front_matter`` and ``headings`` switched off one at a time, by flag and in ``fanfmt.toml``.

``headings`` was one rule with the front matter in it: switching it off still leaves the
whole top of the chapter as typed, so an old ``disable = ["headings"]`` means what it did.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from fanfmt.cli import cli
from fanfmt.rules import DEFAULT_CHAIN

CHAPTER = """Chapter 4: Low Water

By Marrow Quill

Disclaimer: The river folk belong to their maker, not me.

The boat scraped the bank at dusk.
"""


def build(folder: Path, *flags: str, toml: str = "") -> Result:
    (folder / "ch4.txt").write_text(CHAPTER, encoding="utf-8")
    if toml:
        (folder / "fanfmt.toml").write_text(toml, encoding="utf-8")
    args = ["build", str(folder / "ch4.txt"), "-o", "-", "--to", "xhtml", *flags]
    return CliRunner().invoke(cli, args, prog_name="fanfmt")


def test_both_on_make_the_heading_and_mark_the_front_matter(tmp_path: Path) -> None:
    out = build(tmp_path).output
    assert '<span class="chapter-number">Chapter 4</span>' in out
    assert '<p class="byline">By Marrow Quill</p>' in out
    assert '<p class="disclaimer">Disclaimer:' in out


def test_front_matter_off_alone_keeps_the_heading(tmp_path: Path) -> None:
    result = build(tmp_path, "--disable", "front_matter")
    assert result.exit_code == 0, result.output
    assert '<span class="chapter-number">Chapter 4</span>' in result.output
    assert "<p>By Marrow Quill</p>" in result.output
    assert "<p>Disclaimer: The river folk" in result.output


def test_front_matter_off_in_the_file(tmp_path: Path) -> None:
    result = build(tmp_path, toml='[output]\ndisable = ["front_matter"]\n')
    assert result.exit_code == 0, result.output
    assert '<span class="chapter-number">Chapter 4</span>' in result.output
    assert "<p>By Marrow Quill</p>" in result.output


def test_an_old_headings_off_leaves_the_whole_top_as_typed(tmp_path: Path) -> None:
    result = build(tmp_path, toml='[output]\ndisable = ["headings"]\n')
    assert result.exit_code == 0, result.output
    assert "<p>Chapter 4: Low Water</p>" in result.output
    assert "<p>By Marrow Quill</p>" in result.output
    assert "<p>Disclaimer: The river folk" in result.output
    flag = build(tmp_path, "--disable", "headings", "--no-config")
    assert flag.output == result.output


def test_headings_off_switches_front_matter_off_and_nothing_else() -> None:
    chain = DEFAULT_CHAIN.disable(["headings"])
    off = [r.name for r in chain.rules if not r.enabled]
    assert off == ["front_matter", "headings"]
    assert [r.name for r in DEFAULT_CHAIN.disable(["front_matter"]).rules if not r.enabled] == [
        "front_matter"
    ]


def test_rules_lists_front_matter_before_headings() -> None:
    out = CliRunner().invoke(cli, ["rules"], prog_name="fanfmt").output
    names = [line.split()[0] for line in out.splitlines()]
    assert names.index("front_matter") == names.index("headings") - 1
