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
        ("text", "the\n\nHarry\n\nChapter 1Mira came in.\n"),  # a heading split from text
        ("text", "Intro here.\n\noOoOoOo\n\nShe ran.\n\noOoOoOo\n\nEnd.\n"),  # separators
        ("html", "Chapter 1 <h2>\nChapter 1\n</h2> run #"),  # a heading typed twice
        ("markdown", "one\n\n[^1]: Naruto\n\nMira\n"),  # a note nothing refers to
        ("markdown", "Story.\n\nMore story here.\n\nA/N: thanks\n\n[^1]: her\n"),
    ],
)
def test_the_fuzz_oracle_holds(fmt: str, text: str) -> None:
    _fuzz().check(fmt, text)


def test_the_oracle_counts_a_word_lost() -> None:
    fuzz = _fuzz()
    expected = fuzz.Counter(fuzz.words("Chapter 1Mira ran"))
    assert expected == fuzz.Counter({"Chapter": 1, "1": 1, "Mira": 1, "ran": 1})
    assert fuzz.lost(expected, fuzz.Counter(fuzz.words("Chapter 1 Mira"))) == {"ran": 1}
    twice = fuzz.Counter({"Chapter": 2, "1": 2})
    assert not fuzz.lost(twice, fuzz.Counter({"Chapter": 1, "1": 1}), {"Chapter", "1"})
    assert fuzz.lost(twice, fuzz.Counter(), {"Chapter", "1"}) == twice


def test_the_oracle_reads_every_footnote_of_the_markdown() -> None:
    words = _fuzz().markdown_words("Story[^a].\n\n[^a]: Seen.\n\n[^b]: Unseen.\n")
    assert {"Story", "Seen", "Unseen"} <= set(words)
