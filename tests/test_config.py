"""``fanfmt.toml``: found like ruff finds its config, flags over file over defaults, and every
mistake reported with the file, the line and the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli
from fanfmt.config import KEYS, find_config, key_lines, load_config, resolve
from fanfmt.errors import ConfigError
from fanfmt.options import Options

REPO = Path(__file__).resolve().parent.parent
BRITISH = REPO / "samples" / "british-single-quotes.txt"
CAPTIONS = REPO / "samples" / "blank-line-unmarked-notes.txt"
ARCHIVE = REPO / "samples" / "hard-wrapped-archive.txt"

BRITISH_TOML = """\
# The story's own settings
[story]
title = "The Drowned Bell"
author = "M. Tregarthen"
language = "en-GB"
series = "Porthmellow Tales"
series_index = 2
summary = \"\"\"A bell rings under the sea.

Nobody else hears it.\"\"\"
tags = ["Original Work", "Ghosts"]

[conventions]
quotes = "british"
thoughts = "asterisk"

[output]
scene_break = "~ o ~"
dash_style = "spaced"
"""


def story(folder: Path, toml: str | None = BRITISH_TOML, chapter: Path = BRITISH) -> Path:
    """A story folder with one chapter (and a fanfmt.toml when ``toml`` is given)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ch5.txt").write_text(chapter.read_text("utf-8"), encoding="utf-8")
    if toml is not None:
        (folder / "fanfmt.toml").write_text(toml, encoding="utf-8")
    return folder / "ch5.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_british_chapter_builds_from_its_fanfmt_toml_alone(tmp_path: Path) -> None:
    chapter = story(tmp_path / "bell")
    code, out, err = run("build", str(chapter), "-o", "-", "--to", "markdown", "-v")
    assert code == 0, err
    assert "convention: british dialogue, *asterisk* thoughts (set)" in err
    assert "story title: The Drowned Bell" in err
    assert "*That\N{RIGHT SINGLE QUOTATION MARK}s coming from the sea.*" in out
    assert "\N{LEFT SINGLE QUOTATION MARK}Nell,\N{RIGHT SINGLE QUOTATION MARK} he hissed" in out
    assert out.count("~ o ~") == 4  # the ornament from [output]

    code, _, err = run("build", str(chapter), "--to", "html")
    assert code == 0, err
    page = (tmp_path / "bell" / "ch5.html").read_text("utf-8")
    assert '<html lang="en-GB">' in page
    assert "M. Tregarthen" in page
    assert "Porthmellow Tales #2" in page
    assert "<li>Ghosts</li>" in page


def test_same_chapter_without_the_file_is_detected_the_same(tmp_path: Path) -> None:
    conventions = '[conventions]\nquotes = "british"\nthoughts = "asterisk"\n'
    with_file = story(tmp_path / "with", conventions)
    without = story(tmp_path / "without", None)
    code, set_out, set_err = run("build", str(with_file), "-o", "-", "--to", "markdown", "-v")
    assert code == 0, set_err
    code, found_out, found_err = run(
        "build", str(without), "-o", "-", "--to", "markdown", "-v", "--no-config"
    )
    assert code == 0, found_err
    assert "british dialogue, *asterisk* thoughts (set)" in set_err
    assert "british dialogue, *asterisk* thoughts (detected)" in found_err
    assert found_out == set_out


def test_config_is_found_in_a_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "fanfmt.toml").write_text('[output]\nscene_break = "@@@"\n', "utf-8")
    chapter = story(tmp_path / "part-one" / "act-two", None)
    assert find_config(chapter) == tmp_path / "fanfmt.toml"
    assert find_config(chapter.parent) == tmp_path / "fanfmt.toml"
    code, out, err = run("build", str(chapter), "-o", "-", "--to", "markdown")
    assert code == 0, err
    assert out.count("@@@") == 4
    # the nearest file wins
    (chapter.parent / "fanfmt.toml").write_text('[output]\nscene_break = "%%%"\n', "utf-8")
    code, out, _ = run("build", str(chapter), "-o", "-", "--to", "markdown")
    assert out.count("%%%") == 4
    assert "@@@" not in out


def test_explicit_config_file_and_no_config(tmp_path: Path) -> None:
    chapter = story(tmp_path / "s", '[output]\nscene_break = "@@@"\n')
    other = tmp_path / "other.toml"
    other.write_text('[output]\nscene_break = "+++"\n', "utf-8")
    _, out, _ = run("build", str(chapter), "-o", "-", "--to", "markdown", "--config", str(other))
    assert out.count("+++") == 4
    _, out, _ = run("build", str(chapter), "-o", "-", "--to", "markdown", "--no-config")
    assert "@@@" not in out
    assert "+++" not in out
    code, _, err = run("build", str(chapter), "--config", str(other), "--no-config")
    assert code == 2
    assert "--config and --no-config" in err


def test_flags_override_the_file(tmp_path: Path) -> None:
    chapter = story(tmp_path / "s")
    code, out, err = run(
        "build", str(chapter), "-o", "-", "--to", "markdown", "-v",
        "--scene-break", "%%%", "--quotes", "american",
    )  # fmt: skip
    assert code == 0, err
    assert out.count("%%%") == 4
    assert "~ o ~" not in out
    assert "american dialogue" in err
    # a flag left at its default does not override the file
    dashes = story(tmp_path / "dashes", '[output]\ndash_style = "spaced"\n', chapter=ARCHIVE)
    _, out, _ = run("build", str(dashes), "-o", "-", "--to", "markdown")
    assert " \N{EM DASH} " in out
    _, out, _ = run("build", str(dashes), "-o", "-", "--to", "markdown", "--dash-style", "closed")
    assert " \N{EM DASH} " not in out


def test_config_command_says_where_each_setting_came_from(tmp_path: Path) -> None:
    chapter = story(tmp_path / "s")
    code, out, err = run("config", str(chapter), "--dash-style", "closed")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"# {tmp_path / 's' / 'fanfmt.toml'}"
    assert re.search(r'^quotes = "british" +# fanfmt.toml, line 14$', out, re.M)
    assert re.search(r'^title = "The Drowned Bell" +# fanfmt.toml, line 3$', out, re.M)
    assert re.search(r'^dash_style = "closed" +# --dash-style$', out, re.M)
    assert re.search(r"^captions = true +# default$", out, re.M)
    # what it prints is a fanfmt.toml that gives the same settings back
    printed = tmp_path / "printed.toml"
    printed.write_text(out, "utf-8")
    assert tomllib.loads(out)["story"]["tags"] == ["Original Work", "Ghosts"]
    _, again, _ = run("config", str(chapter), "--config", str(printed))
    values = [line.split("#")[0].rstrip() for line in again.splitlines()[1:]]
    assert values == [line.split("#")[0].rstrip() for line in lines[1:]]


def test_config_command_without_a_file(tmp_path: Path) -> None:
    code, out, _ = run("config", str(tmp_path), "--no-config", "--quotes", "british")
    assert code == 0
    assert out.startswith("# no fanfmt.toml found")
    assert re.search(r'^quotes = "british" +# --quotes$', out, re.M)
    assert re.search(r'^thoughts = "auto" +# default$', out, re.M)


BAD_FILES = [
    ('[conventions]\nquote = "british"\n', 2, "unknown key 'quote' in [conventions]",
     "did you mean 'quotes'?"),
    ('[story]\ntitle = "x"\n\n[conventions]\nquotes = "brit"\n', 5, "[conventions] quotes",
     "expected one of auto, american, british"),
    ('[stroy]\ntitle = "x"\n', 1, "unknown key 'stroy'", "did you mean 'story'?"),
    ('title = "x"\n', 1, "unknown key 'title'", "put it under [story]"),
    ('[story]\ntags = "one, two"\n', 2, "[story] tags", "expected a list of strings"),
    ('[story]\nseries_index = 0\n', 2, "[story] series_index", "from 1 up"),
    ('[story]\nlanguage = "English (UK)"\n', 2, "[story] language", "language tag"),
    ('[story]\ncover = "nope.png"\n', 2, "[story] cover", "is not a file"),
    ('[conventions]\ncaptions = "yes"\n', 2, "[conventions] captions", "true or false"),
    ('[output]\ndisable = ["dashes", "dashs"]\n', 2, "[output] disable",
     'unknown rule "dashs" (did you mean "dashes"?)'),
    ('[output]\ntemplates = "missing"\n', 2, "[output] templates", "is not a folder"),
    ('[output]\n"scene break" = "x"\n', 2, "unknown key 'scene break'", "scene_break"),
    ('[output]\nscene_break = "a"\nscene_break = "b"\n', 3, "not valid TOML", "overwrite"),
    ("[story]\ntitle = \n", 2, "not valid TOML", ""),
    ("[output.more]\nx = 1\n", 1, "unknown key 'more' in [output]", ""),
]  # fmt: skip


@pytest.mark.parametrize(("toml", "line", "key", "why"), BAD_FILES)
def test_bad_files_name_the_file_the_line_and_the_key(
    tmp_path: Path, toml: str, line: int, key: str, why: str
) -> None:
    chapter = story(tmp_path / "s", toml)
    path = tmp_path / "s" / "fanfmt.toml"
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line}: ")
    assert key in message
    assert why in message
    code, out, err = run("build", str(chapter), "-o", "-")
    assert code == 2
    assert out == ""
    assert err == f"fanfmt: error: {message}\n"
    assert not (tmp_path / "s" / "ch5.xhtml").exists()


def test_relative_paths_are_read_from_the_file_s_folder(tmp_path: Path) -> None:
    (tmp_path / "s" / "art").mkdir(parents=True)
    (tmp_path / "s" / "art" / "cover.png").write_bytes(b"\x89PNG")
    (tmp_path / "s" / "mine").mkdir()
    config = story(
        tmp_path / "s", '[story]\ncover = "art/cover.png"\n[output]\ntemplates = "mine"\n'
    )
    loaded = load_config(config.parent / "fanfmt.toml")
    assert loaded.values["cover"] == (str(tmp_path / "s" / "art" / "cover.png"), 2)
    assert loaded.values["templates"] == (str(tmp_path / "s" / "mine"), 4)


def test_extra_scene_break_markers_and_caption_detection(tmp_path: Path) -> None:
    raw = "One.\n\n[[ the end of the scene ]]\n\nTwo.\n\n~HP~\n\nThree.\n"
    (tmp_path / "ch.txt").write_text(raw, "utf-8")
    _, out, _ = run("build", str(tmp_path / "ch.txt"), "-o", "-", "--to", "markdown", "--no-config")
    assert "~HP~" in out  # not a marker fanfmt knows: kept as text
    (tmp_path / "fanfmt.toml").write_text(
        '[conventions]\nscene_break_markers = ["[[ the end of the scene ]]", "~HP~"]\n', "utf-8"
    )
    _, out, _ = run("build", str(tmp_path / "ch.txt"), "-o", "-", "--to", "markdown")
    assert out == "One.\n\n* * *\n\nTwo.\n\n* * *\n\nThree.\n"

    chapter = story(tmp_path / "caps", None, chapter=CAPTIONS)
    _, _, err = run("build", str(chapter), "-o", "-", "-v")
    assert "captions: 2" in err
    (tmp_path / "caps" / "fanfmt.toml").write_text("[conventions]\ncaptions = false\n", "utf-8")
    _, out, err = run("build", str(chapter), "-o", "-", "-v")
    assert "captions: 0" in err
    assert "The Old Lighthouse" in out  # the words stay, as a plain paragraph


def test_disabled_rules_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "ch.txt").write_text("Wait -- what?\n", "utf-8")
    (tmp_path / "fanfmt.toml").write_text('[output]\ndisable = ["dashes"]\n', "utf-8")
    _, out, _ = run("build", str(tmp_path / "ch.txt"), "-o", "-", "--to", "markdown")
    assert "--" in out
    _, out, _ = run("build", str(tmp_path / "ch.txt"), "-o", "-", "--to", "markdown", "--no-config")
    assert "\N{EM DASH}" in out


def test_resolve_order_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "fanfmt.toml"
    path.write_text('[conventions]\nquotes = "british"\nnotes = "end"\n', "utf-8")
    config = load_config(path)
    flags = {"quotes": "american", "notes": "keep", "lang": "en"}
    resolved = resolve(flags, {"quotes"}, config)
    assert resolved.options.quotes == "american"  # given flag > file
    assert resolved.options.notes == "end"  # file > a flag left at its default
    assert resolved.sources["quotes"] == "--quotes"
    assert resolved.sources["notes"] == "fanfmt.toml, line 3"
    assert resolved.sources["lang"] == "default"
    hash(resolved.options)  # Options stays hashable
    with pytest.raises(ConfigError, match="unknown option"):
        resolve({"nonsense": 1}, set(), None)


def test_key_lines_follow_tables_quoted_keys_and_long_strings() -> None:
    source = (
        '[story]\nsummary = """\ntitle = "not a key"\n"""\n"title" = "x"\n'
        "[ output ]\nscene_break = 'x'  # ornament\n"
    )
    lines = key_lines(source)
    assert lines[("story",)] == 1
    assert lines[("story", "summary")] == 2
    assert lines[("story", "title")] == 5
    assert lines[("output", "scene_break")] == 7


def test_every_key_is_documented_and_sets_an_options_field() -> None:
    docs = (REPO / "docs" / "config.md").read_text("utf-8")
    field_names = set(Options.__dataclass_fields__)
    for key in KEYS:
        assert key.field in field_names
        assert f"`{key.key}`" in docs, key.key
        assert f"[{key.table}]" in docs
