"""Outputs stay where they are sent, with the permissions a careful user expects.

* a batch build never writes through a symbolic link (dangling or not, on the output
  itself or on a folder on its way) that leads out of its output folder: that chapter
  fails with one line, the others are built, and nothing outside is touched
* a rebuilt output keeps the permission bits of the file it replaces; a new one gets
  ``0666`` less the umask
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fanfmt.cli import cli

CHAPTER = b'"Run," she said.\n\nHe ran.\n'


def build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", "-j", "1", *args])


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """``story/a.txt`` and ``story/b.txt``, and an empty ``out/`` beside them."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_bytes(CHAPTER)
    (folder / "b.txt").write_bytes(CHAPTER.replace(b"ran", b"hid"))
    (tmp_path / "out").mkdir()
    return folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_077() -> Iterator[None]:
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


# -- links out of the output folder --------------------------------------------------------


def test_batch_refuses_to_write_through_a_link_out_of_the_output_folder(
    story: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "out" / "a.xhtml").symlink_to(victim)
    result = build(str(story), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert (tmp_path / "out" / "a.xhtml").is_symlink()
    errors = [line for line in result.stderr.splitlines() if line.startswith("fanfmt: error:")]
    assert len(errors) == 1, result.stderr
    assert "a.txt" in errors[0]
    assert "leads out of the output folder" in errors[0]
    assert "Traceback" not in result.output
    assert "He hid." in (tmp_path / "out" / "b.xhtml").read_text(encoding="utf-8")


def test_batch_never_creates_a_file_through_a_dangling_link(story: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "new.xhtml"
    elsewhere.parent.mkdir()
    (tmp_path / "out" / "a.xhtml").symlink_to(elsewhere)
    result = build(str(story), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert not elsewhere.exists()
    assert list(elsewhere.parent.iterdir()) == []
    assert "leads out of the output folder" in result.stderr


def test_batch_never_writes_through_a_linked_folder_out_of_the_output(
    story: Path, tmp_path: Path
) -> None:
    (story / "arc1").mkdir()
    (story / "arc1" / "c.txt").write_bytes(CHAPTER)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "out" / "arc1").symlink_to(outside, target_is_directory=True)
    result = build(str(story), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert list(outside.iterdir()) == []
    assert "leads out of the output folder" in result.stderr


def test_batch_stylesheet_is_not_written_through_a_link_out_of_the_output(
    story: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "precious.css"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "out" / "fanfmt.css").symlink_to(victim)
    result = build(str(story), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_batch_writes_through_a_link_that_stays_in_the_output_folder(
    story: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "kept").mkdir()
    real = out / "kept" / "a.xhtml"
    real.write_text("old\n", encoding="utf-8")
    (out / "a.xhtml").symlink_to(real)
    result = build(str(story), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "a.xhtml").is_symlink()
    assert "He ran." in real.read_text(encoding="utf-8")


# -- permissions -----------------------------------------------------------------------------


def test_rebuilding_a_private_output_keeps_it_private(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.xhtml"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    result = build(str(story / "a.txt"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "He ran." in out.read_text(encoding="utf-8")
    assert mode(out) == 0o600


def test_rebuilding_keeps_a_group_writable_mode_in_a_batch(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "a.xhtml"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o664)
    result = build(str(story), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert mode(out) == 0o664


@pytest.mark.usefixtures("umask_077")
def test_new_outputs_honour_the_umask(story: Path, tmp_path: Path) -> None:
    result = build(str(story), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    for name in ("a.xhtml", "b.xhtml", "fanfmt.css"):
        assert mode(tmp_path / "out" / name) == 0o600, name
    book = tmp_path / "story.epub"
    result = build(str(story), "-o", str(book))
    assert result.exit_code == 0, result.output
    assert mode(book) == 0o600


def test_new_outputs_are_world_readable_under_the_usual_umask(story: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = build(str(story / "a.txt"), "-o", str(tmp_path / "a.md"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "a.md") == 0o644
