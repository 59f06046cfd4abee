"""``plan_build``: the decisions ``fanfmt build`` makes, for a Python caller too; and the
settings table every flag, ``fanfmt.toml`` key and default comes from."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.batch import BatchReport, Outcome
from fanfmt.build import Built
from fanfmt.cli import cli
from fanfmt.errors import ConfigError, UsageError
from fanfmt.options import Options
from fanfmt.plan import Explained, build, plan_build
from fanfmt.settings import FLAG_NAMES, KEYS, SETTINGS, BadValueError, rules

CHAPTER = 'Chapter 1\n\n"Run!" she said -- and ran.\n'


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "c.txt").write_text(CHAPTER, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("inputs", "output", "to", "kind"),
    [
        (["a.txt"], None, None, "single"),
        (["a.txt"], "a.md", None, "single"),
        (["-"], None, "markdown", "single"),
        (["a.txt"], "out/", None, "batch"),
        (["a.txt", "b.txt"], None, None, "batch"),
        (["story"], None, None, "batch"),
        (["a.txt", "b.txt"], "book.epub", None, "book"),
        (["a.txt"], None, "epub", "book"),
    ],
)
def test_plan_build_kind(
    here: Path, inputs: list[str], output: str | None, to: str | None, kind: str
) -> None:
    assert plan_build(inputs, output, to).kind == kind


def test_a_batch_plan_names_every_output(here: Path) -> None:
    work = plan_build(["a.txt", "story"], "out/", "markdown")
    assert work.to == "markdown"
    assert work.work is not None
    assert {job.output for job in work.work.jobs} == {
        os.path.join("out", "a.md"),
        os.path.join("out", "c.md"),
    }


def test_a_list_of_inputs_is_a_batch_even_when_empty(here: Path) -> None:
    work = plan_build([], "out/", None, files_from=io.StringIO("a.txt\n\n  \nb.txt\n"))
    assert (work.kind, work.inputs) == ("batch", ("a.txt", "b.txt"))
    assert plan_build([], None, None, files_from=io.StringIO("")).kind == "batch"


def test_dev_stdout_is_standard_output(here: Path) -> None:
    assert plan_build(["a.txt"], "/dev/stdout", "markdown").output == "-"


@pytest.mark.parametrize(
    ("inputs", "output", "explain", "message"),
    [
        ([], None, False, "no INPUT given"),
        (["a.txt", "b.txt"], None, True, "--explain works on one chapter"),
        (["a.txt", "-"], "out/", False, "cannot be one of several inputs"),
        (["a.txt", "b.txt"], "-", False, "cannot go to standard output"),
        (["a.txt", "b.txt"], "both.md", False, "looks like a file"),
    ],
)
def test_plan_build_usage_errors(
    here: Path, inputs: list[str], output: str | None, explain: bool, message: str
) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        plan_build(inputs, output, None, explain=explain)
    assert caught.value.exit_code == 2


def test_update_settles_a_single_chapter_whose_output_is_newer(here: Path) -> None:
    assert plan_build(["a.txt"], None, None, update=True).fresh == ""
    (here / "a.xhtml").write_text("built before", encoding="utf-8")
    work = plan_build(["a.txt"], None, None, update=True)
    assert work.fresh == "a.xhtml"
    assert build(work, Options()) == Outcome("a.txt", "a.xhtml", "skipped", "up to date")
    with pytest.raises(ConfigError, match="cannot tell the format"):
        build(plan_build(["a.txt"], "a.weird", None), Options())


def test_build_runs_each_kind_of_plan(here: Path) -> None:
    built = build(plan_build(["a.txt"], "a.md", None), Options())
    assert isinstance(built, Built)
    assert (here / "a.md").read_text(encoding="utf-8").startswith("# Chapter 1")
    explained = build(plan_build(["a.txt"], "x.md", None, explain=True), Options())
    assert isinstance(explained, Explained)
    assert {c.rule for c in explained.changes} >= {"dashes", "quotes"}
    report = build(plan_build(["a.txt", "b.txt"], "out/", None), Options(), workers=1)
    assert isinstance(report, BatchReport)
    assert report.summary() == "2 built, 0 failed"


# -- the settings table ---------------------------------------------------------------------


def test_every_setting_is_an_options_field_with_its_flag_in_help() -> None:
    help_text = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    fields = set(Options.__dataclass_fields__)
    for setting in SETTINGS:
        assert setting.field in fields, setting.field
        assert setting.table or setting.flag, f"{setting.field} can be set from nowhere"
        if setting.flag:
            assert setting.flag in help_text, setting.flag
            assert setting.help in help_text, setting.help
    assert len({(s.table, s.key) for s in KEYS}) == len(KEYS)
    assert FLAG_NAMES["disabled_rules"] == "--disable"


def test_rule_names_are_checked_in_one_place() -> None:
    assert rules(["dashes", "quotes"]) == frozenset({"dashes", "quotes"})
    with pytest.raises(BadValueError, match='unknown rule "dashs"'):
        rules(["dashes", "dashs"])
    result = CliRunner().invoke(cli, ["config", "--no-config", "--disable", "dashs"])
    assert result.exit_code == 2
    assert 'unknown rule "dashs"' in result.stderr
