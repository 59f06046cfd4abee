"""The convention's scans, one pattern per first character, find what the whole patterns find."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fanfmt.rules import conventions as c

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
PIECES = [
    '"Go," he said. ',
    "“Stop!” she cried, ",
    "'Not again,' Harry thought. ",
    "‘Fine.’ Ron said. ",
    "don't ",
    "'tis ",
    '"No-" ',
    "…'Later?' ",
    "(“Aside”) ",
    "—'So,' they whispered ",
    "\n",
    "word ",
]


def _texts() -> list[str]:
    rng = random.Random(19)
    made = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60))) for _ in range(300)]
    return made + [p.read_text(encoding="utf-8") for p in SAMPLES]


@pytest.mark.parametrize(
    ("whole", "split"),
    [
        (c._OPEN_DOUBLE_RE, c._OPEN_DOUBLES),
        (c._OPEN_SINGLE_RE, c._OPEN_SINGLES),
        (c._SINGLE_TAG_RE, c._SINGLE_TAGS),
        (c._DOUBLE_TAG_RE, c._DOUBLE_TAGS),
    ],
)
def test_split_scans_find_the_same_matches(whole: object, split: tuple[object, ...]) -> None:
    assert len(split) == 2
    for text in _texts():
        expected = [(m.start(), m.end()) for m in whole.finditer(text)]  # type: ignore[attr-defined]
        got = [(m.start(), m.end()) for m in c._matches(split, text)]  # type: ignore[arg-type]
        assert got == expected
        assert c._count(split, text) == len(expected)  # type: ignore[arg-type]
