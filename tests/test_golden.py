"""Whole chapters, end to end: ``samples/<name>.txt`` → ``tests/golden/<name>/expected.*``.

The output must match byte for byte. After a deliberate change, rewrite the expected
files with ``pytest tests/test_golden.py --update-golden`` and review the diff.
A golden folder may hold an ``options.toml`` of :class:`~fanfmt.options.Options` fields
(``quotes = "british"``) for its sample.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fanfmt import convert
from fanfmt.files import read_input
from fanfmt.options import Options

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(
    p
    for p in (ROOT / "samples").iterdir()
    if p.suffix in {".txt", ".md", ".html"} and p.stem != "README"
)
GOLDEN = Path(__file__).parent / "golden"
OUTPUTS = {"xhtml": "expected.xhtml", "markdown": "expected.md"}


def options_for(case: Path) -> Options:
    """The case's ``options.toml``, or the defaults."""
    path = case / "options.toml"
    if not path.is_file():
        return Options()
    values = tomllib.loads(path.read_text(encoding="utf-8"))
    if "disabled_rules" in values:
        values["disabled_rules"] = frozenset(values["disabled_rules"])
    return Options(**values)


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("fmt", sorted(OUTPUTS))
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_golden(sample: Path, fmt: str, update_golden: bool) -> None:
    case = GOLDEN / sample.stem
    text = read_input(str(sample)).text
    got = convert(text, fmt, options_for(case), source=sample.name).text
    expected_path = case / OUTPUTS[fmt]
    if update_golden:
        case.mkdir(parents=True, exist_ok=True)
        expected_path.write_bytes(got.encode("utf-8"))
    if not expected_path.is_file():
        pytest.fail(f"{expected_path} is missing: run pytest {__file__} --update-golden")
    assert got.encode("utf-8") == expected_path.read_bytes(), (
        f"{sample.name} → {fmt} differs from {expected_path.relative_to(ROOT)} "
        "(if the change is intended: --update-golden, then review the diff)"
    )


OTHER_GOLDEN = {"explain"}  # pinned by tests/test_explain.py


def test_every_golden_folder_has_a_sample() -> None:
    names = {p.stem for p in SAMPLES}
    for folder in GOLDEN.iterdir():
        if folder.is_dir() and folder.name not in OTHER_GOLDEN:
            assert folder.name in names, f"tests/golden/{folder.name} has no samples/*.txt"
            assert {p.name for p in folder.iterdir()} >= set(OUTPUTS.values())
