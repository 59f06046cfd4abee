"""The built wheel: every template ships, and an installed fanfmt works from anywhere.

These tests build a real wheel (a few seconds) and are marked ``slow``; they stay in
the default run because they are the guard that a missing template never ships.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
SAMPLE = ROOT / "samples" / "line-per-paragraph-an-notes.txt"

pytestmark = pytest.mark.slow


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the working tree."""
    out = tmp_path_factory.mktemp("wheel")
    args = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        args.append("--no-build-isolation")  # build with the installed backend, offline
    done = _run([*args, str(ROOT)])
    assert done.returncode == 0, done.stderr
    wheels = list(out.glob("fanfmt-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_every_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fanfmt/templates/xhtml/chapter.xhtml" in names
    assert "fanfmt/templates/xhtml/blocks.xhtml" in names
    assert "fanfmt/templates/markdown/chapter.md" in names
    assert "fanfmt/templates/fanfmt.css" in names
    shipped = {
        "fanfmt/templates/" + p.relative_to(TEMPLATES).as_posix()
        for p in TEMPLATES.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    assert shipped
    assert shipped <= names, f"templates missing from the wheel: {sorted(shipped - names)}"


def test_wheel_contains_the_package_and_script(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {
        "fanfmt/" + p.relative_to(ROOT / "fanfmt").as_posix()
        for p in (ROOT / "fanfmt").rglob("*.py")
    }
    assert package <= names, sorted(package - names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "fanfmt = fanfmt.cli:main" in text
    assert not any(n.startswith(("tests/", "samples/")) for n in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; its dependencies are borrowed from this one."""
    venv = tmp_path_factory.mktemp("venv")
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    if made.returncode != 0:
        pytest.skip(f"cannot create a venv: {made.stderr.strip()}")
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    paths = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    if paths.returncode != 0:
        pytest.skip(f"the new venv does not run: {paths.stderr.strip()}")
    site = Path(paths.stdout.strip())
    site.mkdir(parents=True, exist_ok=True)
    # The dependencies (click, jinja2…) come from this environment's site-packages, after the
    # new venv's own; .pth files there are not processed, so an editable fanfmt stays out.
    ours = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site / "zz_borrowed_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    done = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ]
    )
    if done.returncode != 0:
        pytest.skip(f"cannot install into the new venv: {done.stderr.strip()}")
    return bindir


def test_installed_fanfmt_builds_from_another_folder(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [str(installed / "python"), "-c", "import fanfmt; print(fanfmt.__file__)"], cwd=tmp_path
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout

    source = tmp_path / "in" / "chapter.txt"
    source.parent.mkdir()
    source.write_bytes(SAMPLE.read_bytes())
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = _run([str(installed / "fanfmt"), "build", str(source)], cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    out = source.with_suffix(".xhtml")
    root = ET.fromstring(out.read_bytes())
    assert root.tag == "{http://www.w3.org/1999/xhtml}html"
    page = out.read_text(encoding="utf-8")
    assert '<span class="chapter-number">Chapter 12</span>' in page
    assert '<hr class="scene-break"/>' in page
    assert (source.parent / "fanfmt.css").read_text(encoding="utf-8").strip()

    markdown = _run(
        [str(installed / "fanfmt"), "build", str(source), "--to", "markdown", "-o", "-"],
        cwd=cwd,
        env=env,
    )
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# Chapter 12: The Long Road\n")
