"""Shared test configuration: ``--update-golden``, the founding chapter, hypothesis profiles.

* ``pytest --update-golden`` rewrites ``tests/golden/*/expected.*`` instead of comparing
* ``HYPOTHESIS_PROFILE=ci pytest`` runs the property tests with more examples
  (default profile: ``dev``)
* the founding chapter is read from ``../shared/corpus/`` beside the repository when it
  is there (or from the file ``FANFMT_FOUNDING`` names, for a checkout elsewhere); tests
  that need it skip otherwise
* the compiled-template cache goes to a fresh folder of the run's own
  (``XDG_CACHE_HOME``), never the user's ``~/.cache``
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="fanfmt-test-cache-")

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "samples"
FOUNDING_CHAPTER = Path(
    os.environ.get("FANFMT_FOUNDING")
    or REPO_ROOT.parent / "shared" / "corpus" / "return-of-darkness-ch7.txt"
)

settings.register_profile(  # the same 500 examples on every run, reported unshrunk
    "ci",
    max_examples=500,
    deadline=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.target),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected outputs in tests/golden/ instead of comparing with them.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def founding_chapter() -> Path:
    """The founding chapter (someone else's writing, kept outside the repository)."""
    if not FOUNDING_CHAPTER.is_file():
        pytest.skip(f"founding chapter not present at {FOUNDING_CHAPTER}")
    return FOUNDING_CHAPTER


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds or installs things (a few seconds)")
