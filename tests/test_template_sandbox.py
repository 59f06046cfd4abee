"""Templates never run code, and a ``fanfmt.toml`` found above an input is followed with care.

* ``--templates`` (or ``templates`` in a ``fanfmt.toml``) renders in Jinja's sandbox: a
  template that reaches for Python (``cycler.__init__.__globals__.os``) is a one-line
  error naming the template, exit 2, and nothing runs
* a found ``fanfmt.toml`` that is world-writable, in a world-writable folder, or owned by
  another user is skipped with a warning line
* ``-v`` says which ``fanfmt.toml`` is in force; one from above the input's folder is
  named on every build
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fanfmt.cli import cli
from fanfmt.errors import ConfigError

CHAPTER = b'"Run," she said.\n\nHe ran.\n'
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args])


def chapter_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ch1.txt"
    path.write_bytes(CHAPTER)
    return path


def payload(marker: Path) -> str:
    return f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"


def assert_refused(result: Result, template: str) -> None:
    assert result.exit_code == ConfigError.exit_code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"fanfmt: error: template {template}, line 1: ")
    assert "unsafe" in lines[0]
    assert "Traceback" not in result.output


# -- templates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "to", "suffix"),
    [("markdown/chapter.md", "markdown", ".md"), ("fanfmt.css", "xhtml", ".xhtml")],
)
def test_a_user_template_cannot_run_code(
    tmp_path: Path, template: str, to: str, suffix: str
) -> None:
    marker = tmp_path / "ran"
    mine = tmp_path / "mine"
    (mine / template).parent.mkdir(parents=True, exist_ok=True)
    (mine / template).write_text(payload(marker), encoding="utf-8")
    source = chapter_in(tmp_path / "story")
    result = build(str(source), "--to", to, "-o", str(tmp_path / f"out{suffix}"), "--templates",
                   str(mine))  # fmt: skip
    assert_refused(result, template)
    assert not marker.exists()


def test_templates_named_by_a_fanfmt_toml_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "mine" / "markdown").mkdir(parents=True)
    (tmp_path / "mine" / "markdown" / "chapter.md").write_text(payload(marker), encoding="utf-8")
    (tmp_path / "fanfmt.toml").write_text('[output]\ntemplates = "mine"\n', encoding="utf-8")
    source = chapter_in(tmp_path / "story")
    result = build(str(source), "-o", str(tmp_path / "out.md"), "-q")
    assert_refused(result, "markdown/chapter.md")
    assert not marker.exists()


def test_a_user_template_cannot_change_the_values_it_is_given(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "markdown"
    mine.mkdir(parents=True)
    (mine / "chapter.md").write_text(
        "{% for b in blocks %}{{ b.update(kind='x') }}{% endfor %}\n", encoding="utf-8"
    )
    source = chapter_in(tmp_path / "story")
    result = build(str(source), "-o", str(tmp_path / "out.md"), "--templates",
                   str(tmp_path / "mine"))  # fmt: skip
    assert result.exit_code == ConfigError.exit_code, result.output
    assert result.stderr.startswith("fanfmt: error: template markdown/chapter.md, line 1: ")


def test_a_harmless_user_template_still_renders(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "markdown"
    mine.mkdir(parents=True)
    (mine / "chapter.md").write_text(
        "{% for b in blocks %}{{ b.kind }};{% endfor %}|{{ '%s-%d' % ('x', 3) }}|"
        "{{ [1, 2]|join(',') }}\n",
        encoding="utf-8",
    )
    source = chapter_in(tmp_path / "story")
    out = tmp_path / "out.md"
    result = build(str(source), "-o", str(out), "--templates", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").endswith("|x-3|1,2\n")


# -- which fanfmt.toml is followed -------------------------------------------------------------


def planted(folder: Path, title: str = "Planted") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fanfmt.toml"
    path.write_text(f'[story]\ntitle = "{title}"\n', encoding="utf-8")
    return path


def test_a_fanfmt_toml_in_a_world_writable_folder_is_skipped(tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    config = planted(shared)
    shared.chmod(0o1777)  # like /tmp
    source = chapter_in(shared / "story")
    out = tmp_path / "out.xhtml"
    result = build(str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Planted" not in out.read_text(encoding="utf-8")
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"fanfmt: warning: {config}: not used (its folder {shared} is world-writable)"
    ]


def test_a_world_writable_fanfmt_toml_is_skipped_and_the_next_one_up_used(tmp_path: Path) -> None:
    planted(tmp_path, "Mine")
    config = planted(tmp_path / "shared")
    config.chmod(0o666)
    source = chapter_in(tmp_path / "shared" / "story")
    out = tmp_path / "out.xhtml"
    result = build(str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Mine" in text
    assert "Planted" not in text
    assert f"fanfmt: warning: {config}: not used (it is world-writable)" in result.stderr


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_a_fanfmt_toml_owned_by_another_user_is_skipped(tmp_path: Path) -> None:
    config = planted(tmp_path)
    os.chown(config, 4321, 4321)
    source = chapter_in(tmp_path / "story")
    out = tmp_path / "out.xhtml"
    result = build(str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Planted" not in out.read_text(encoding="utf-8")
    assert f"{config}: not used (owned by another user (uid 4321))" in result.stderr


def test_a_fanfmt_toml_above_the_input_is_named_on_every_build(tmp_path: Path) -> None:
    config = planted(tmp_path)
    source = chapter_in(tmp_path / "story")
    out = tmp_path / "out.xhtml"
    for _ in range(2):
        result = build(str(source), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            f"fanfmt: note: using settings from {config} (above the input's folder)\n"
        )
    assert "Planted" in out.read_text(encoding="utf-8")


def test_verbose_names_the_fanfmt_toml_in_force(tmp_path: Path) -> None:
    source = chapter_in(tmp_path / "story")
    config = planted(tmp_path / "story")
    out = tmp_path / "out.xhtml"
    quiet = build(str(source), "-o", str(out))
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""  # beside the input: no notice
    loud = build(str(source), "-o", str(out), "-v")
    assert loud.exit_code == 0, loud.output
    assert f"fanfmt: using settings from {config}\n" in loud.stderr
    given = build(str(source), "-o", str(out), "-v", "--config", str(config))
    assert f"fanfmt: using settings from {config}\n" in given.stderr
