"""Every rule, case by case: ``tests/fixtures/rules/<rule>.txt`` and ``tests/fixtures/chain.txt``.

The fixtures use markdown-it-py's format (title / ``.`` / input / ``.`` / expected XHTML
body / ``.``). A rule file runs the reader, that rule alone and the XHTML body writer;
``chain.txt`` runs the whole chain. A file may start with header lines::

    chain: conventions apostrophes quotes thoughts   (the rules to switch on)
    options: dash_style=spaced                       (Options fields)

A file named ``<rule>.<variant>.txt`` tests the same rule with other headers. A case
whose title starts with ``[xfail]`` is a known defect of the rule: the expected output is
still the right one, and the case fails the run as soon as the rule gets it right
(``xfail_strict``), so the marker gets removed.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from markdown_it.utils import read_fixture_file

from fanfmt.options import Options
from fanfmt.reader import read_text
from fanfmt.rules import DEFAULT_CHAIN, Context, RuleChain
from fanfmt.writers import blocks_only

FIXTURES = Path(__file__).parent / "fixtures"
RULE_FILES = sorted((FIXTURES / "rules").glob("*.txt"))
CHAIN_FILE = FIXTURES / "chain.txt"
XFAIL = "[xfail]"
_HEADER_RE = re.compile(r"^(chain|options):\s*(.*)$")


def rule_of(path: Path) -> str:
    """``dashes.spaced.txt`` → ``dashes``."""
    return path.stem.partition(".")[0]


def headers(path: Path) -> dict[str, str]:
    """The ``chain:`` / ``options:`` lines at the top of a fixture file."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER_RE.match(line)
        if m is None:
            break
        found[m.group(1)] = m.group(2).strip()
    return found


def parse_options(spec: str) -> Options:
    """``"dash_style=spaced thought_marks=true"`` → ``Options(dash_style="spaced", …)``."""
    kinds = {f.name: f.type for f in fields(Options)}
    values: dict[str, Any] = {}
    for item in spec.split():
        name, _, value = item.partition("=")
        if name not in kinds:
            raise ValueError(f"unknown option {name!r} in fixture header")
        if kinds[name] in (bool, "bool"):
            values[name] = value.lower() in ("1", "true", "yes")
        else:
            values[name] = value
    return Options(**values)


def chain_for(path: Path) -> RuleChain:
    """The chain a fixture file runs: its ``chain:`` header, its own rule, or every rule."""
    if path == CHAIN_FILE:
        return DEFAULT_CHAIN
    names = headers(path).get("chain", "").split() or [rule_of(path)]
    return DEFAULT_CHAIN.only(names)


def render(source: str, chain: RuleChain, options: Options) -> str:
    """Reader, then ``chain``, then the XHTML writer's body."""
    doc = chain.run(read_text(source), Context(options))
    return blocks_only(doc, "xhtml", options)


def _cases(paths: list[Path]) -> list[Any]:
    params = []
    for path in paths:
        for line, title, source, expected in read_fixture_file(path):
            marks = []
            if title.startswith(XFAIL):
                marks.append(pytest.mark.xfail(strict=True, reason=title[len(XFAIL) :].strip()))
            params.append(
                pytest.param(path, title, source, expected, id=f"{path.stem}:{line}", marks=marks)
            )
    return params


@pytest.mark.parametrize(("path", "title", "source", "expected"), _cases([*RULE_FILES, CHAIN_FILE]))
def test_fixture(path: Path, title: str, source: str, expected: str) -> None:
    options = parse_options(headers(path).get("options", ""))
    assert render(source, chain_for(path), options) == expected, title


def test_every_rule_has_a_docstring_and_a_fixture_file() -> None:
    stems = {rule_of(p) for p in RULE_FILES}
    for rule in DEFAULT_CHAIN.rules:
        doc = rule.load().__doc__ or ""
        assert doc.strip(), f"rule {rule.name} has no module docstring"
        assert "\n* " in doc, f"rule {rule.name}: the docstring shows no input → output bullets"
        assert rule.name in stems, f"rule {rule.name} has no tests/fixtures/rules/{rule.name}.txt"


def test_every_fixture_file_names_a_real_rule() -> None:
    known = set(DEFAULT_CHAIN.names())
    assert RULE_FILES
    for path in RULE_FILES:
        assert rule_of(path) in known, f"{path.name} names no rule (known: {sorted(known)})"
        chain = headers(path).get("chain", "").split()
        assert set(chain) <= known, f"{path.name}: unknown rules in chain: {set(chain) - known}"
        if chain:
            assert rule_of(path) in chain, f"{path.name}: its chain leaves out its own rule"
        assert read_fixture_file(path), f"{path.name} has no cases"


def test_fixture_headers_are_valid() -> None:
    for path in [*RULE_FILES, CHAIN_FILE]:
        parse_options(headers(path).get("options", ""))


def test_xfail_titles_are_marked_consistently() -> None:
    """A misspelt marker (``[xfial]``, ``xfail:``) would silently make a case a plain failure."""
    for path in [*RULE_FILES, CHAIN_FILE]:
        for _, title, _, _ in read_fixture_file(path):
            if "xfail" in title.lower():
                assert title.startswith(XFAIL + " "), f"{path.name}: {title!r}"
