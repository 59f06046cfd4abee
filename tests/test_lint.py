"""``fanfmt lint``: every code documented and shown by its example, the checks, the CLI, JSON.

The code table is read from :data:`CODES_DOC`; each row's example, linted, must report
its code with its documented severity. The founding chapter (when present) must show
its four quotes that open onto a space; our own samples must lint clean.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from fanfmt.build import build_file
from fanfmt.checks import CHECKS
from fanfmt.checks.codes import RULE_CODES, all_codes
from fanfmt.cli import cli
from fanfmt.diagnostics import Diagnostic
from fanfmt.lint import (
    SCHEMA_PATH,
    UNREADABLE,
    FileReport,
    exit_status,
    lint_bytes,
    lint_file,
    lint_text,
    parse_codes,
    selected,
    to_json,
)
from fanfmt.options import Options

ROOT = Path(__file__).resolve().parent.parent
CODES_DOC = ROOT / "README.md"
LINT_DOC = ROOT / "docs" / "lint.md"
"""Where the table of codes lives (one row per code, an example in the last column)."""
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
FOUNDING_DAMAGE = (143, 299, 313, 414)
"""Lines of the founding chapter where a quote opens onto a space (a word lost with italics)."""
ROW_RE = re.compile(r"^\|\s*([A-Z]\d{3})\s*\|(.*)\|\s*$")
CODE_LITERAL_RE = re.compile(r"""["']([A-Z]\d{3})["']""")


def expand(example: str) -> bytes:
    """A documented example → the bytes of a file.

    ``b"…"`` is Python bytes; ``TEXT ×N`` repeats TEXT N times; `` ¶ `` starts a new line.
    """
    if example.startswith('b"'):
        data = ast.literal_eval(example)
        assert isinstance(data, bytes)
        return data
    m = re.fullmatch(r"(.*) ×(\d+)", example)
    if m:
        example = " ".join([m.group(1)] * int(m.group(2)))
    return re.sub(r" ?¶ ?", "\n", example).encode("utf-8")


def doc_rows() -> dict[str, list[str]]:
    """Code → the cells of its row in the code table (code cell left out)."""
    rows: dict[str, list[str]] = {}
    for line in CODES_DOC.read_text(encoding="utf-8").splitlines():
        m = ROW_RE.match(line)
        if m:
            assert m.group(1) not in rows, f"{m.group(1)} has two rows in {CODES_DOC.name}"
            rows[m.group(1)] = [cell.strip() for cell in m.group(2).split(" | ")]
    return rows


def doc_example(cells: list[str]) -> str:
    """The last cell, without its backticks."""
    cell = cells[-1]
    assert cell.startswith("`"), f"example not in backticks: {cell}"
    assert cell.endswith("`"), f"example not in backticks: {cell}"
    return cell[1:-1]


def codes_of(found: tuple[Diagnostic, ...]) -> set[str]:
    return {d.code for d in found}


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="fanfmt")


# --- the code table --------------------------------------------------------------------


def test_every_code_has_one_row() -> None:
    assert set(doc_rows()) == set(all_codes())


@pytest.mark.parametrize("code", sorted(all_codes()))
def test_row_matches_registry(code: str) -> None:
    name, severity, origin, meaning, _example = doc_rows()[code]
    info = all_codes()[code]
    assert (name, severity, origin) == (info.name, info.severity, info.origin)
    assert meaning


@pytest.mark.parametrize("code", sorted(all_codes()))
def test_documented_example_reports_its_code(code: str) -> None:
    example = doc_example(doc_rows()[code])
    source = "example.md" if example.startswith("md:") else "example.txt"  # a Markdown example
    report = lint_bytes(expand(example.removeprefix("md:")), source=source)
    found = [d for d in report.diagnostics if d.code == code]
    assert found, f"{code}: example {example!r} reported {codes_of(report.diagnostics)}"
    assert {d.severity for d in found} == {all_codes()[code].severity}


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_check_docstring_has_example_that_reports_it(code: str) -> None:
    check = CHECKS[code]
    m = re.search(r"Example: ``(.+?)``", check.fn.__doc__ or "")
    assert m, f"{code} ({check.name}) has no 'Example: ``…``' in its docstring"
    assert check.summary
    report = lint_bytes(expand(m.group(1)))
    assert code in codes_of(report.diagnostics)


def test_rule_codes_are_registered_and_used() -> None:
    """Codes in rule and reader sources are in RULE_CODES; none clashes with a check's."""
    sources = [
        *(ROOT / "fanfmt" / "rules").rglob("*.py"),
        *(ROOT / "fanfmt" / "reader").rglob("*.py"),
    ]
    used = {UNREADABLE}
    for path in sources:
        used |= set(CODE_LITERAL_RE.findall(path.read_text(encoding="utf-8")))
    registered = {c.code for c in RULE_CODES}
    assert used <= registered, f"codes reported but not registered: {sorted(used - registered)}"
    assert registered <= used, f"codes registered but never reported: {sorted(registered - used)}"
    assert not registered & set(CHECKS), "a rule code is also a check code"


def test_codes_are_well_formed() -> None:
    for code, info in all_codes().items():
        assert re.fullmatch(r"[A-Z]\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", info.name)
        assert info.severity in ("info", "warning", "error")
    names = [c.name for c in all_codes().values()]
    assert len(names) == len(set(names))


# --- the founding chapter and our samples -----------------------------------------------


def test_founding_chapter_lost_words(founding_chapter: Path) -> None:
    report = lint_file(str(founding_chapter))
    damage = [d for d in report.diagnostics if d.code == "F001"]
    assert sorted(d.line for d in damage) == list(FOUNDING_DAMAGE)
    assert all(d.col == 1 and d.severity == "warning" for d in damage)
    others = [d for d in report.diagnostics if d.code != "F001" and d.severity != "info"]
    assert len(others) <= 3, others


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_samples_lint_clean(sample: Path) -> None:
    report = lint_file(str(sample))
    loud = [d for d in report.diagnostics if d.severity != "info"]
    assert loud == []
    assert exit_status([report]) == 0


def test_lint_reports_what_build_reports(tmp_path: Path) -> None:
    """The rules' findings in lint are the build's, finding for finding."""
    path = tmp_path / "ch.txt"
    path.write_text(
        '"Run, he said. "Now," she said.\n\n\'Tis true,\' she said.\n\n"I was going\n\nNo.\n',
        encoding="utf-8",
    )
    built = build_file(str(path), str(tmp_path / "ch.md"), None, Options(), write=False)
    linted = lint_file(str(path)).diagnostics
    assert built.diagnostics
    assert sorted(d for d in linted if d.rule != "lint") == sorted(built.diagnostics)


# --- the checks, case by case ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('"Fine," she said. " was not the word."', "F001"),
        ("He turned. ' never again.' It was over.", "F001"),
        ('Then he said "" and left.', "F002"),
        ("It was ' ' at best.", "F002"),
        ("He was <i></i> tired.", "F003"),
        ("He was [i] [/i] tired.", "F003"),
        ("She wanted it more than .", "F004"),
        ('"I hate ," she said.', "F004"),
        ('"I really hate " she said.', "F004"),
        ("She wrote: Dear Tom&#44; hello.", "M003"),
        ("[url=http://example.com]link[/url]", "M002"),
        ("He said<br/>no.", "M001"),
        ("Ã©tÃ© was over.", "E004"),
        ("And AND then.", "W001"),
    ],
)
def test_check_finds(text: str, code: str) -> None:
    assert code in codes_of(lint_text(text))


@pytest.mark.parametrize(
    "text",
    [
        '"Hello," she said. "Goodbye."',
        "''Tis a fine day,' she said.",
        "He waited . . . and waited...",
        "Rock 'n' roll, the dogs' bones, 'em and 'cause.",
        "I <3 you. <Kurama> was listening. [Flashback] Then.",
        "No no no, she had had enough. That that was it. Bye bye.",
        "Fish & chips &amp tea",
        "Something :) happened ;) today.",
        'She said "yes" and "no" on the same day.',
        "He ran *fast* and _far_ away.",
    ],
)
def test_check_stays_quiet(text: str) -> None:
    loud = [d for d in lint_text(text) if d.severity != "info"]
    assert loud == []


def test_positions_point_into_wrapped_lines() -> None:
    text = "Chapter 1\n\nShe closed\nthe the door,  and\n  then  waited for . \n"
    found = {d.code: (d.line, d.col) for d in lint_text(text)}
    assert found["W001"] == (4, 1)
    assert found["F004"] == (5, 19)


def test_checks_skip_scene_breaks_and_legends() -> None:
    text = 'One.\n\n** **\n\nTwo.\n\n"Speech"\n'
    assert "F003" not in codes_of(lint_text(text))


def test_long_paragraph_and_its_line() -> None:
    text = "Short one.\n\n" + "Word after word. " * 150 + "\n"
    found = [d for d in lint_text(text) if d.code == "P001"]
    assert [(d.line, d.col) for d in found] == [(3, 1)]
    assert "450 words" in found[0].message


def test_mixed_conventions_reported_once() -> None:
    text = "One..\n\nTwo...\n\nThree..\n\nFour...\n\nFive..\n"
    found = [d for d in lint_text(text) if d.code == "C001"]
    assert len(found) == 1
    assert found[0].line == 3  # the first of the rarer style


@given(
    st.text(
        alphabet=st.sampled_from(list("ab the.,!?'\"*_<>[]/&;#\n-~…“”‘’Ã©")),
        max_size=300,
    )
)
def test_any_text_lints_with_positions_in_the_source(text: str) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in lint_text(text):
        assert 1 <= d.line <= len(lines), d
        assert 1 <= d.col <= len(lines[d.line - 1]) + 1, d


def test_unreadable_input_is_an_error(tmp_path: Path) -> None:
    report = lint_file(str(tmp_path / "missing.txt"))
    assert [(d.code, d.severity) for d in report.diagnostics] == [("E000", "error")]
    assert exit_status([report]) == 3


# --- selection ---------------------------------------------------------------------------


def test_parse_codes() -> None:
    assert parse_codes(["F,q001", " W001 "]) == ("F", "Q001", "W001")
    with pytest.raises(ValueError, match="unknown code 'Z'"):
        parse_codes(["Z"])


def test_selected() -> None:
    assert selected("F001", (), ())
    assert selected("F001", ("F",), ())
    assert not selected("Q001", ("F",), ())
    assert not selected("F001", ("F",), ("F001",))
    assert selected("E000", ("F",), ("E",))


# --- the command line --------------------------------------------------------------------


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "ch3.txt"
    path.write_text(
        '"Come on," Mira said. " could have been worse."\n\nShe opened the the door.\n\n'
        '"Wait.." He stopped. "Why..."\n',
        encoding="utf-8",
    )
    return path


def test_cli_text_output(damaged: Path) -> None:
    result = run("lint", str(damaged))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{damaged}:1:23: F001 " in lines[0]
    assert lines[0].endswith("[warning]")
    assert any(f"{damaged}:3:12: W001 doubled word: 'the the' [warning]" == ln for ln in lines)
    assert all(re.match(r".+:\d+:\d+: [A-Z]\d{3} .+ \[(info|warning|error)\]$", ln) for ln in lines)
    assert "\x1b[" not in result.output
    assert result.stderr.strip() == "2 warnings, 1 info in 1 file"


def test_cli_select_ignore_and_exit_status(damaged: Path) -> None:
    assert run("lint", str(damaged), "--select", "C").exit_code == 0
    result = run("lint", str(damaged), "--ignore", "F", "--ignore", "W001,C", "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = run("lint", str(damaged), "--select", "F001", "-q")
    assert result.exit_code == 1
    assert [ln.split()[1] for ln in result.stdout.splitlines()] == ["F001"]


def test_cli_unknown_code_is_a_usage_error(damaged: Path) -> None:
    result = run("lint", str(damaged), "--select", "X123")
    assert result.exit_code == 2
    assert "unknown code 'X123'" in result.stderr


def test_cli_clean_and_unreadable(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text('"Hello," she said.\n\nHe nodded.\n', encoding="utf-8")
    result = run("lint", str(clean))
    assert (result.exit_code, result.stdout) == (0, "")
    assert "no problems found in 1 file" in result.stderr
    result = run("lint", str(clean), str(tmp_path / "gone.txt"))
    assert result.exit_code == 3
    assert f"{tmp_path / 'gone.txt'}:1:1: E000 no such file [error]" in result.stdout


def test_cli_list_codes_and_no_input() -> None:
    result = run("lint", "--list-codes")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == sorted(all_codes())
    assert "``" not in result.stdout
    assert run("lint").exit_code == 2


def test_cli_standard_input() -> None:
    result = run("lint", "-", stdin="He opened the the door.\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:11: W001 ")


def test_cli_uses_build_options(tmp_path: Path) -> None:
    """Flags change what the rules find, in lint exactly as in build."""
    path = tmp_path / "ch.txt"
    path.write_text('"Run, he said. "Now," she said.\n', encoding="utf-8")
    assert "Q002" in run("lint", str(path)).stdout
    assert "Q002" not in run("lint", str(path), "--disable", "quotes").stdout


# --- JSON --------------------------------------------------------------------------------


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def test_json_output_validates(damaged: Path, tmp_path: Path) -> None:
    result = run(
        "lint", str(damaged), str(tmp_path / "gone.txt"), *map(str, SAMPLES[:1]), "--format", "json"
    )
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema())
    assert [f["path"] for f in document["files"]] == [
        str(damaged),
        str(tmp_path / "gone.txt"),
        str(SAMPLES[0]),
    ]
    first = document["files"][0]["diagnostics"][0]
    assert (first["line"], first["col"], first["code"], first["name"], first["rule"]) == (
        1,
        23,
        "F001",
        "quote-onto-space",
        "lint",
    )
    assert document["summary"]["error"] == 1


def test_json_schema_rejects_a_wrong_shape() -> None:
    good = to_json([FileReport("a.txt", (Diagnostic(2, 3, "W001", "doubled", "warning", "lint"),))])
    jsonschema.validate(good, schema())
    bad = json.loads(json.dumps(good))
    bad["files"][0]["diagnostics"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())
    del good["files"][0]["diagnostics"][0]["col"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(good, schema())


def test_documented_json_example_validates() -> None:
    text = LINT_DOC.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert block is not None
    jsonschema.validate(json.loads(block.group(1)), schema())


def test_a_flood_of_one_finding_is_listed_a_hundred_times_then_counted() -> None:
    from fanfmt.api import normalise

    text = "\n\n".join(f'He said "no {n}.' for n in range(300))
    _, diagnostics = normalise(text)
    q001 = [d for d in diagnostics if d.code == "Q001"]
    assert len(q001) == 101
    assert q001[-1].message == "and 200 more like this (not listed)"
    assert q001[-1].severity == "warning"
    assert q001[-1].line == 201  # where the findings not listed start


def test_a_paragraph_of_stray_quotes_keeps_a_hundred_findings_and_counts_the_rest() -> None:
    from fanfmt.api import normalise

    _, diagnostics = normalise("He said no" + ' x"' * 300 + " ok.")
    q003 = [d for d in diagnostics if d.code == "Q003"]
    assert len(q003) == 101
    assert q003[-1].message == "and 200 more like this (not listed)"
    assert q003[-1].col == q003[-2].col + 3  # where the first one not listed is


def test_json_for_a_file_name_that_is_not_utf8_is_valid_json(tmp_path: Path) -> None:
    """``caf\\xe9.txt`` (Latin-1 bytes in the name): the JSON is UTF-8 and names the file
    with the byte escaped, as the text lines do."""
    import os
    import subprocess
    import sys

    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as fh:
        fh.write(b"He opened the the door.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "fanfmt", "lint", "--format", "json", name],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    document = json.loads(proc.stdout.decode("utf-8"))
    assert document["files"][0]["path"].endswith("/caf\\xe9.txt")
    assert document["files"][0]["diagnostics"][0]["path"].endswith("/caf\\xe9.txt")
    assert document["files"][0]["diagnostics"][0]["code"] == "W001"
