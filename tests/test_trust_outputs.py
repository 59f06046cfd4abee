"""What a build leaves behind can be trusted later.

* ``--update`` never calls a chapter up to date that was edited while it was being built
  (an output is dated as its chapter was when read), a single chapter or a batch, even
  when the edit keeps the file's modification time
* a ``fanfmt.css`` in the output folder that is not the one fanfmt writes (a user's own, or
  one edited by hand) is left alone, with one line saying so; ``--force`` replaces it
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import fanfmt.build
from fanfmt.cli import cli
from fanfmt.files import read_input

CHAPTER = b'"Run," she said.\n\nHe ran.\n'
EDITED = b'"Hide," she said.\n\nHe hid under the stairs.\n'


def build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", "-j", "1", *args])


def edited_while_building(
    monkeypatch: pytest.MonkeyPatch, source: Path, *, keep_mtime: bool = False
) -> None:
    """The author saves ``source`` again just after fanfmt has read it."""

    def read_then_edit(path: str, encoding: str | None = None):  # type: ignore[no-untyped-def]
        decoded = read_input(path, encoding)
        if Path(path).resolve() == source.resolve():
            before = source.stat()
            source.write_bytes(EDITED)
            if keep_mtime:  # an editor that restores the time, or a coarse clock
                os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
        return decoded

    monkeypatch.setattr(fanfmt.build, "read_input", read_then_edit)


def chapter(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "ch.txt"
    source.write_bytes(CHAPTER)
    past = time.time() - 100
    os.utime(source, (past, past))
    return source


@pytest.mark.parametrize("keep_mtime", [False, True])
def test_update_rebuilds_a_chapter_edited_while_it_was_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_mtime: bool
) -> None:
    source = chapter(tmp_path)
    with monkeypatch.context() as patch:
        edited_while_building(patch, source, keep_mtime=keep_mtime)
        first = build(str(source), "-u")
    assert first.exit_code == 0, first.output
    out = tmp_path / "ch.xhtml"
    assert "He ran." in out.read_text(encoding="utf-8")
    again = build(str(source), "-u")
    assert again.exit_code == 0, again.output
    assert "up to date" not in again.output
    assert "under the stairs" in out.read_text(encoding="utf-8")
    third = build(str(source), "-u")
    assert "up to date" in third.output  # and now it is


def test_update_in_a_batch_rebuilds_a_chapter_edited_while_it_was_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = chapter(tmp_path / "story")
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        edited_while_building(patch, source)
        first = build(str(tmp_path / "story"), "-o", f"{out}/", "-u")
    assert first.exit_code == 0, first.output
    again = build(str(tmp_path / "story"), "-o", f"{out}/", "-u")
    assert again.output.startswith("1 built, 0 failed"), again.output
    assert "under the stairs" in (out / "ch.xhtml").read_text(encoding="utf-8")
    assert "1 up to date" in build(str(tmp_path / "story"), "-o", f"{out}/", "-u").output


# -- a user's fanfmt.css ---------------------------------------------------------------------

MINE = "/* my own colours */\nbody { color: teal; }\n"


def test_a_hand_edited_stylesheet_is_left_alone_and_said_so(tmp_path: Path) -> None:
    source = chapter(tmp_path)
    assert build(str(source)).exit_code == 0
    css = tmp_path / "fanfmt.css"
    css.write_text(css.read_text(encoding="utf-8") + "p { color: navy; }\n", encoding="utf-8")
    edited = css.read_text(encoding="utf-8")
    result = build(str(source))
    assert result.exit_code == 0, result.output
    assert css.read_text(encoding="utf-8") == edited
    notes = [line for line in result.stderr.splitlines() if "fanfmt.css" in line]
    assert len(notes) == 1, result.stderr
    assert "not replaced" in notes[0]
    assert "--force" in notes[0]


def test_a_users_own_stylesheet_is_left_alone_in_a_batch_said_once(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (story / name).write_bytes(CHAPTER)
    out = tmp_path / "out"
    out.mkdir()
    (out / "fanfmt.css").write_text(MINE, encoding="utf-8")
    result = build(str(story), "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    assert (out / "fanfmt.css").read_text(encoding="utf-8") == MINE
    notes = [line for line in result.stderr.splitlines() if "fanfmt.css" in line]
    assert len(notes) == 1, result.stderr
    assert (out / "a.xhtml").is_file()


def test_force_replaces_a_users_stylesheet(tmp_path: Path) -> None:
    source = chapter(tmp_path)
    css = tmp_path / "fanfmt.css"
    css.write_text(MINE, encoding="utf-8")
    result = build(str(source), "--force")
    assert result.exit_code == 0, result.output
    assert css.read_text(encoding="utf-8") != MINE
    assert "fanfmt.css" not in result.stderr


def test_fanfmts_own_stylesheet_is_still_kept_up_to_date(tmp_path: Path) -> None:
    source = chapter(tmp_path)
    assert build(str(source)).exit_code == 0
    css = tmp_path / "fanfmt.css"
    plain = css.read_text(encoding="utf-8")
    source.write_bytes(CHAPTER + b"\nA note.[^1]\n\n[^1]: The footnote.\n")
    notes = tmp_path / "notes.md"
    notes.write_bytes(b"He ran.[^1]\n\n[^1]: The footnote.\n")
    result = build(str(notes))
    assert result.exit_code == 0, result.output
    assert "fanfmt.css" not in result.stderr
    assert css.read_text(encoding="utf-8") != plain  # the footnote rules were added
    assert "noteref" in css.read_text(encoding="utf-8")
