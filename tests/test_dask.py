"""The Dask recipe of docs/batch.md, on a local cluster (skipped without ``fanfmt[dask]``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fanfmt.batch import BatchReport, dask_bag, plan
from fanfmt.build import build_file
from fanfmt.options import Options

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes, as a real cluster would have (chapters and options are pickled)."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def chapters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree of chapters, one of them not a chapter at all."""
    monkeypatch.chdir(tmp_path)
    for i, sample in enumerate(SAMPLES):
        path = tmp_path / "chapters" / f"arc{i % 2}" / sample.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.read_bytes())
    (tmp_path / "chapters" / "cover.txt").write_bytes(b"\x89PNG\r\n not text")
    return tmp_path


def test_dask_bag_builds_a_tree_of_chapters(client: Any, chapters: Path) -> None:
    options = Options(dash_style="spaced")
    work = plan(["chapters"], str(chapters / "out"), to="markdown")
    outcomes = client.compute(dask_bag(work, to="markdown", options=options)).result()
    report = BatchReport(work.settled + tuple(outcomes))
    assert report.summary() == f"{len(SAMPLES)} built, 1 failed"
    (failure,) = report.failures
    assert failure.source == os.path.join("chapters", "cover.txt")
    assert failure.reason == "this is a PNG image, not a text chapter"
    for outcome in report.outcomes:
        if outcome.status == "built":
            expected = build_file(outcome.source, None, "markdown", options, write=False).text
            assert Path(outcome.output).read_text(encoding="utf-8") == expected


def recipes() -> list[tuple[str, str]]:
    """``(file, code)`` of every ``python dask-recipe`` block in the README and docs/."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"```python dask-recipe\n(.*?)```", text, re.DOTALL):
            found.append((str(path.relative_to(ROOT)), match.group(1)))
    return found


def test_the_docs_hold_the_recipe_with_its_guard() -> None:
    assert [name for name, _ in recipes()] == ["docs/batch.md"]
    for _, code in recipes():
        assert '\nif __name__ == "__main__":' in code  # a local cluster imports it again


@pytest.mark.parametrize(("name", "code"), recipes(), ids=[name for name, _ in recipes()])
def test_the_documented_recipe_runs_pasted_as_a_script(
    name: str, code: str, chapters: Path
) -> None:
    """The block as a reader pastes it into a file and runs it: a fresh process that
    starts its own local cluster (whose workers import the script again)."""
    script = chapters / "build_all.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=chapters,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == [
        f"{len(SAMPLES)} built, 1 failed",
        f"{os.path.join('chapters', 'cover.txt')}: this is a PNG image, not a text chapter",
    ]
    assert len(list((chapters / "out").rglob("*.xhtml"))) == len(SAMPLES)
