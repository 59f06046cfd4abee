"""``fanfmt diff`` and ``fanfmt build --explain``: every rule's changes, paragraph by paragraph.

The view of one sample is pinned in ``tests/golden/explain/``; rewrite it after a
deliberate change with ``pytest tests/test_explain.py --update-golden`` and review it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fanfmt.api import normalise
from fanfmt.cli import cli
from fanfmt.explain import (
    Change,
    diff_segments,
    explain_changes,
    explain_text,
    format_changes,
    format_segments,
    render_inlines,
)
from fanfmt.model import Emphasis, LineBreak, Quoted, Strong, Text, Thought
from fanfmt.options import Options
from fanfmt.rules.table import Context

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "samples/blank-line-unmarked-notes.txt"
"""The sample whose explain view is pinned (relative to the repository, as printed)."""
GOLDEN = Path(__file__).parent / "golden" / "explain" / "blank-line-unmarked-notes.txt"

CHAPTER = """Lanterns
Chapter 2

"Normal speech"
'Thoughts'

"Don't go," she said. "It's late--really late..."

'Not again.' He sighed.

* * *

Two days later

He was *very* tired.
"""


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="fanfmt")


def test_golden_explain(monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    monkeypatch.chdir(ROOT)
    result = run("diff", SAMPLE)
    assert result.exit_code == 0, result.output
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    if not GOLDEN.is_file():
        pytest.fail(f"{GOLDEN} is missing: run pytest {__file__} --update-golden")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8"), (
        "the explain view changed (if intended: --update-golden, then review the diff)"
    )


def steps_of(text: str, options: Options | None = None) -> list[tuple[str, object]]:
    ctx = Context(options or Options(), changes=[])
    normalise(text, options, ctx=ctx)
    return list(ctx.changes or [])


def test_every_rule_that_changed_something_is_shown() -> None:
    steps = steps_of(CHAPTER)
    assert steps[0][0] == "read"
    changed = {rule for (_, old), (rule, new) in itertools.pairwise(steps) if old != new}
    shown = {c.rule for c in explain_text(CHAPTER)}
    assert shown == changed | {"conventions"}  # the convention is shown even when unchanged
    assert {
        "headings",
        "scene_breaks",
        "captions",
        "apostrophes",
        "quotes",
        "thoughts",
        "emphasis",
        "dashes",
        "ellipses",
        "conventions",
    } <= shown


def test_changes_are_by_line_then_chain_order() -> None:
    from fanfmt.rules import DEFAULT_CHAIN

    changes = explain_text(CHAPTER)
    names = DEFAULT_CHAIN.names()
    keys = [(c.line, names.index(c.rule)) for c in changes]
    assert keys == sorted(keys)


def test_block_changes_are_described() -> None:
    text = format_changes("ch.txt", explain_text(CHAPTER))
    assert "headings      - paragraph: Lanterns" in text
    assert "paragraph → heading" in text
    assert "scene_breaks  paragraph → scene break" in text
    assert "captions      paragraph → caption" in text
    assert "legend        paragraph → legend" in text
    assert "convention: american dialogue, 'single-quote' thoughts (detected)" in text


def test_text_changes_show_each_rule() -> None:
    text = format_changes("ch.txt", explain_text(CHAPTER))
    assert 'apostrophes   "Don[-\'-]{+’+}t go," she said.' in text
    assert '[-"-]{+“+}Don’t go,[-"-]{+”+} she said.' in text
    assert "late[----]{+—+}really" in text
    assert "[-...-]{+…+}" in text
    assert "[-‘-]{+[thought:+}Not again.[-’-]{+]+} He sighed." in text
    assert "He was [-*-]{+[i:+}very[-*-]{+]+} tired." in text


def test_render_inlines() -> None:
    children = (
        Quoted((Text("Run"), Emphasis((Text("now"),))), "double"),
        Text(" "),
        Thought((Strong((Text("Why"),)),)),
        LineBreak(),
        Quoted((Text("and on"),), "single", closed=False),
    )
    assert render_inlines(children) == "“Run[i:now]” [thought:[b:Why]]↵‘and on"


def test_format_segments_elides_long_unchanged_runs() -> None:
    before = list("x" * 60 + "'" + "y" * 60)
    after = list("x" * 60 + "’" + "y" * 60)
    shown = format_segments(diff_segments(before, after))
    assert shown == "…" + "x" * 24 + "[-'-]{+’+}" + "y" * 24 + "…"
    short = format_segments(diff_segments(list("don't"), list("don’t")))
    assert short == "don[-'-]{+’+}t"


def test_style_is_applied_only_when_asked() -> None:
    changes = [Change(3, "quotes", "text", segments=(("delete", '"'), ("insert", "“")))]
    plain = format_changes("ch.txt", changes)
    assert "\x1b[" not in plain
    styled = format_changes("ch.txt", changes, lambda text, role: f"<{role}>{text}</{role}>")
    assert '<delete>[-"-]</delete><insert>{+“+}</insert>' in styled
    assert "<rule>quotes</rule>" in styled


def test_no_changes() -> None:
    assert format_changes("ch.txt", []) == "ch.txt: no changes\n"


def test_build_explain_shows_the_same_as_diff(tmp_path: Path) -> None:
    source = tmp_path / "ch2.txt"
    source.write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "ch2.md"
    built = run("build", str(source), "-o", str(out), "--explain")
    assert built.exit_code == 0, built.output
    first, _, rest = built.stdout.partition("\n")
    assert first == f"wrote {out} (markdown)"
    assert out.is_file()
    assert rest == run("diff", str(source)).stdout
    assert "\x1b[" not in built.output


def test_build_explain_to_standard_output_goes_to_stderr() -> None:
    result = run("build", "-", "--to", "markdown", "--explain", stdin=CHAPTER)
    assert result.exit_code == 0
    assert "# Chapter 2" in result.stdout
    assert "{+" not in result.stdout
    assert result.stderr.startswith("-: ")
    assert "quotes" in result.stderr


def test_explain_takes_one_chapter(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(CHAPTER, encoding="utf-8")
    result = run("build", str(source), str(source), "--explain")
    assert result.exit_code == 2
    assert "--explain works on one chapter" in result.stderr


def test_diff_follows_the_flags(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(CHAPTER, encoding="utf-8")
    result = run("diff", str(source), "--disable", "quotes")
    assert result.exit_code == 0
    assert " quotes " not in result.stdout
    assert not list(tmp_path.glob("a.*[!t]"))  # nothing written


def test_diff_unreadable_input(tmp_path: Path) -> None:
    result = run("diff", str(tmp_path / "gone.txt"))
    assert result.exit_code == 3
    assert "no such file" in result.stderr


def test_changes_of_the_pipeline_match_explain_changes() -> None:
    steps = steps_of(CHAPTER)
    assert explain_changes(steps) == explain_text(CHAPTER)  # type: ignore[arg-type]
