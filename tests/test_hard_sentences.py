"""Hard sentences: the cases every quote engine gets some of wrong (fixtures/hard_sentences.txt).

Each case is a whole document; the expectation is fanfmt's Markdown output, byte for byte
(emphasis is written ``_like this_``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

import fanfmt

FIXTURE = Path(__file__).parent / "fixtures" / "hard_sentences.txt"
CASES = [
    pytest.param(source, expected, id=f"hard_sentences:{line}:{title}")
    for line, title, source, expected in read_fixture_file(FIXTURE)
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_hard_sentence(source: str, expected: str) -> None:
    got = fanfmt.convert(source, to="markdown").text
    assert got == expected


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30
