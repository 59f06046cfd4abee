"""Regular expressions kept between runs are the very patterns ``re.compile`` makes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fanfmt import patterns, rx

CASES = [
    (r"(?P<word>\w+)!", 0),
    (r"(?<=\s)'(?=\w)", re.IGNORECASE),
    (r"(?x) a  b  # a comment", re.MULTILINE),
    (rb"ab+c?", 0),
    (r"^(?:Chapter|Ch\.)\s+(\d+)$", re.I | re.M),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder and table."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(rx, "_table", None)
    monkeypatch.setattr(rx, "_added", 0)
    return tmp_path / "fanfmt"


@pytest.mark.parametrize(("pattern", "flags"), CASES)
def test_compiled_then_kept_equals_re_compile(cache: Path, pattern: str, flags: int) -> None:
    first = rx.compile(pattern, flags)
    rx._save()
    rx._table = None
    again = rx.compile(pattern, flags)  # from the file
    expected = re.compile(pattern, flags)
    for got in (first, again):
        assert got == expected  # same pattern, flags and program
        assert (got.groups, got.groupindex) == (expected.groups, expected.groupindex)


def test_the_package_patterns_equal_re_compile() -> None:
    for value in vars(patterns).values():
        if isinstance(value, re.Pattern):
            assert value == re.compile(value.pattern, value.flags & ~re.UNICODE)


def test_a_damaged_file_reads_as_nothing(cache: Path) -> None:
    rx.compile("abc")
    rx._save()
    (kept,) = cache.glob("regex-*.marshal")
    kept.write_bytes(b"not marshal")
    rx._table = None
    assert rx.compile("abc").match("abc")
    assert rx._table == {("abc", 0): rx._program("abc", 0)}


def test_a_wrong_program_is_compiled_again(cache: Path) -> None:
    rx._table = {("abc", 0): (32, [1, 2, 3], 0, {}, (None,))}
    assert rx.compile("abc") == re.compile("abc")


def test_a_file_others_may_write_is_not_read(cache: Path) -> None:
    rx.compile("abc")
    rx._save()
    (kept,) = cache.glob("regex-*.marshal")
    os.chmod(kept, 0o666)
    rx._table = None
    rx.compile("xyz")
    assert ("abc", 0) not in (rx._table or {})


def test_a_bad_pattern_is_the_same_error() -> None:
    with pytest.raises(re.error):
        rx.compile("(unclosed")
