"""The Dask recipe of docs/batch.md, on a local cluster (skipped without ``fanfmt[dask]``)."""

from __future__ import annotations

import os
import re
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


def test_the_documented_recipe_runs(client: Any, chapters: Path) -> None:
    """The code block of docs/batch.md, with a local cluster's address."""
    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    match = re.search(r"```python dask-recipe\n(.*?)```", docs, re.DOTALL)
    assert match, "docs/batch.md has lost its dask-recipe code block"
    code = match.group(1).replace('"tcp://scheduler:8786"', repr(client.scheduler.address))
    namespace: dict[str, Any] = {"__name__": "recipe"}
    exec(compile(code, "docs/batch.md", "exec"), namespace)
    assert namespace["report"].summary() == f"{len(SAMPLES)} built, 1 failed"
    assert len(list((chapters / "out").rglob("*.xhtml"))) == len(SAMPLES)
