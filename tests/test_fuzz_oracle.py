"""The fuzzing harness's oracle (``bench/fuzz.py``) holds on the inputs its runs have met.

The harness itself runs for minutes outside the suite (docs/robustness.md, "Fuzzing");
this keeps its oracle working and its findings fixed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "bench" / "fuzz.py"


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_fuzz", FUZZ)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_fuzz"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("text", "She said, \"Don't go--\" and *ran*... It's fine.\n\nChapter 2\n"),
        ("markdown", "her &#12; Hermione\n\n</b> façade &#1; \n\ndark\n"),
        ("html", "<p>( <em>rock</em></p><p>&#xFFFE; <em>,</em> &#1; &#11; x</p>"),
        ("text", "\x00\x01 café \ufffe naïve\n"),
        ("html", "<p>***</p>"),  # no words: a documented refusal
    ],
)
def test_the_fuzz_oracle_holds(fmt: str, text: str) -> None:
    _fuzz().check(fmt, text)
