"""Every shared pattern, case by case: ``tests/fixtures/patterns.txt``.

The fixtures use markdown-it-py's format: the pattern's name (``NOTE_LABEL``, with a
note in brackets if the case needs one) / ``.`` / lines, one case a line / ``.`` /
``match`` or ``no match`` / ``.``. A line matches when the pattern is found in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from fanfmt import lexicon, patterns

FIXTURE = Path(__file__).parent / "fixtures" / "patterns.txt"
CASES = [
    pytest.param(title.split()[0], line, expected.strip(), id=f"{title.split()[0]}:{number}:{line}")
    for number, title, lines, expected in read_fixture_file(FIXTURE)
    for line in lines.splitlines()
]
PATTERNS = sorted(
    name
    for name, value in vars(patterns).items()
    if isinstance(value, re.Pattern) and name.isupper()
)


@pytest.mark.parametrize(("name", "line", "expected"), CASES)
def test_pattern(name: str, line: str, expected: str) -> None:
    assert expected in ("match", "no match")
    pattern = getattr(patterns, name)
    assert (pattern.search(line) is not None) == (expected == "match")


@pytest.mark.parametrize("name", PATTERNS)
def test_every_pattern_has_cases_both_ways(name: str) -> None:
    outcomes = {
        expected for case_name, _, expected in (c.values for c in CASES) if case_name == name
    }
    assert outcomes == {"match", "no match"}


def test_the_lexicon_is_lower_case() -> None:
    for name, value in vars(lexicon).items():
        if isinstance(value, frozenset | tuple | list) and name.isupper():
            assert all(word == word.lower() for word in value), name
