"""What ``fanfmt build`` does with its INPUTs, decided before anything is read or written.

``plan_build(["ch7.txt"], None, None)`` → a ``single`` :class:`BuildPlan` (``ch7.xhtml``);
``plan_build(["ch1.txt", "story/"], "out/", "markdown")`` → a ``batch`` naming every output;
``plan_build(["ch1.txt", "ch2.txt"], "story.epub", None)`` → one ``book``.
``build(plan, options)`` then carries it out and returns what happened: a
:class:`~fanfmt.build.Built` (an :class:`Explained` one with ``explain``), a
:class:`~fanfmt.batch.BatchReport`, an :class:`~fanfmt.epub.build.EpubBuild`, or, for a
single chapter already up to date, its skipped :class:`~fanfmt.batch.Outcome`.

The rules, as the command line has always had them:

* an output ending in ``.epub``, or ``--to epub``: every INPUT goes into one book; so does
  one folder when its ``fanfmt.toml`` says ``[book] to = "epub"`` (``--to`` still wins),
  and a book given no ``-o`` file name is named by ``[book] name`` when it has one;
* ``[book] to = "html"``: one folder is one reading page of the whole story (a ``book``
  whose ``to`` is ``html``), named the same way;
* several INPUTs, a folder, a list (``files_from``), or an output folder (``out/``, or an
  existing folder): a batch, each chapter to its own output;
* else one chapter to one output (``-`` for standard output; ``/dev/stdout`` counts as ``-``).

A batch names every output, and the ``fanfmt.css`` beside XHTML ones, before it writes
anything: one that is also an input is refused then (:func:`fanfmt.overwrite.refuse_overwrites`).

A command given wrongly (no INPUT, ``-`` among several, ``explain`` on more than one
chapter) is a :class:`~fanfmt.errors.UsageError` (exit 2).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fanfmt.batch import BatchReport, Outcome, Plan
from fanfmt.errors import UsageError
from fanfmt.files import STDOUT_NAMES, up_to_date
from fanfmt.options import Options
from fanfmt.record import record

if TYPE_CHECKING:
    from fanfmt.build import Built
    from fanfmt.epub.build import EpubBuild
    from fanfmt.explain import Change

Kind = Literal["single", "batch", "book"]


@record()
class BuildPlan:
    """One ``fanfmt build``, planned."""

    kind: Kind
    inputs: tuple[str, ...]
    """``single``: the one chapter; ``batch``: every source, INPUTs then the list's;
    ``book``: the INPUTs (files and folders)."""
    output: str | None
    """As given (``-`` for standard output); ``None``: named after the input."""
    to: str | None
    """The format asked for; a batch's is always set (``xhtml`` by default)."""
    explain: bool = False
    """``single`` only: record every rule's changes too."""
    fresh: str = ""
    """``single`` with ``update``: its output, when that is already newer (nothing to do)."""
    work: Plan | None = None
    """``batch``: every job and every input already settled."""
    in_place: bool = False
    """``book`` from an EPUB: write the new book over the old one."""


@record()
class Explained:
    """A chapter built with ``explain``: the build, and what every rule changed."""

    built: Built
    changes: tuple[Change, ...]


def plan_build(
    inputs: Iterable[str],
    output: str | None = None,
    to: str | None = None,
    *,
    files_from: Iterable[str] | None = None,
    explain: bool = False,
    update: bool = False,
    stylesheet: str = "link",
    in_place: bool = False,
    ao3: str = "kit",
    book: str = "",
) -> BuildPlan:
    """Decide what ``fanfmt build INPUT... [-o output] [--to to]`` does (see the module).

    :param files_from: lines naming more inputs (``--files-from``); blank ones are skipped.
    :param update: skip chapters whose output is already at least as new.
    :param stylesheet: the ``stylesheet`` option (``link`` writes ``fanfmt.css`` beside XHTML).
    :param in_place: EPUB inputs only: write each new book over its input.
    :param ao3: the ``ao3`` option: ``kit`` names a folder (``ch5.ao3``) for ``--to ao3``.
    :param book: ``[book] to`` of the ``fanfmt.toml`` in force (``epub`` or ``html``): one
        folder INPUT is one book (or one reading page), unless ``--to`` asks for a format.
    :raises UsageError: for a command given wrongly;
        :class:`~fanfmt.errors.ConfigError` for an output whose format cannot be told, or a
        batch output (or stylesheet) that is one of its inputs: then nothing is written.
    """
    inputs = tuple(inputs)
    if not inputs and files_from is None:
        raise UsageError("no INPUT given (a chapter file, a folder, or - for standard input)")
    if output in STDOUT_NAMES:
        output = "-"  # -o /dev/stdout: written as standard output is, not as a file
    if explain and (len(inputs) != 1 or files_from is not None or to == "epub"):
        raise UsageError("--explain works on one chapter at a time (see also: fanfmt diff)")
    from fanfmt.epub.library import plan_epubs

    epubs = plan_epubs(inputs, output, to, listed=files_from is not None, in_place=in_place)
    if epubs == "book":
        return BuildPlan("book", inputs, output, "epub", in_place=in_place)
    if epubs == "batch":
        return _plan_batch(inputs, files_from or (), output, "epub", update, stylesheet, in_place)
    if in_place:
        raise UsageError("--in-place rebuilds EPUB inputs; these are chapters (give -o)")
    if book and to is None and files_from is None and is_book_folder(inputs, output, book):
        return BuildPlan("book", inputs, output, book)
    if (to or ("epub" if (output or "").lower().endswith(".epub") else "")) == "epub":
        return BuildPlan("book", inputs, output, "epub")
    if wants_batch(inputs, output, listed=files_from is not None):
        fmt = to or "xhtml"
        return _plan_batch(inputs, files_from or (), output, fmt, update, stylesheet, ao3=ao3)
    source = inputs[0]
    fresh = _fresh(source, output, to, ao3) if update else ""
    return BuildPlan("single", (source,), output, to, explain=explain, fresh=fresh)


def is_book_folder(inputs: tuple[str, ...], output: str | None, book: str = "epub") -> bool:
    """One folder as the INPUT, and an output that is a folder, none, or a file of the
    book's format (``.epub``; ``.html`` for a reading page) or standard output."""
    if len(inputs) != 1 or inputs[0] == "-" or not os.path.isdir(inputs[0]):
        return False
    suffixes = (".html", ".htm") if book == "html" else (".epub",)
    if output is None or (output == "-" and book == "html"):
        return True
    return output.lower().endswith(suffixes) or _is_folder(output)


def _is_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def wants_batch(inputs: tuple[str, ...], output: str | None, *, listed: bool = False) -> bool:
    """Several inputs, a folder, a list of inputs, or an output folder → a batch build."""
    if listed or len(inputs) > 1:
        return True
    if inputs[0] != "-" and os.path.isdir(inputs[0]):
        return True
    if output is None or output == "-":
        return False
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def _plan_batch(
    inputs: tuple[str, ...],
    listed: Iterable[str],
    output: str | None,
    to: str,
    update: bool,
    stylesheet: str,
    in_place: bool = False,
    *,
    ao3: str = "kit",
) -> BuildPlan:
    from fanfmt.batch import plan

    lines = [line.rstrip("\r\n") for line in listed]
    sources = [*inputs, *(line for line in lines if line.strip())]
    if "-" in sources:
        raise UsageError(
            "- (standard input) cannot be one of several inputs; "
            "--files-from - reads a list of paths from it"
        )
    if output == "-":
        raise UsageError("several chapters cannot go to standard output: give -o a folder")
    if in_place and output is not None:
        raise UsageError("--in-place writes over each input: give no -o with it")
    if (
        output is not None
        and not output.endswith(("/", os.sep))
        and not os.path.isdir(output)
        and os.path.splitext(output)[1]
    ):
        raise UsageError(
            f"-o {output} looks like a file, but several chapters are built: "
            f"give a folder (ending in /)"
        )
    work = plan(
        sources, output, to=to, update=update, stylesheet=stylesheet, in_place=in_place, ao3=ao3
    )
    return BuildPlan("batch", tuple(sources), output, to, work=work, in_place=in_place)


def _fresh(source: str, output: str | None, to: str | None, ao3: str = "kit") -> str:
    """``--update`` for one chapter: its output (an AO3 kit: its folder) when that is
    newer, else ``""``."""
    from fanfmt.build import default_output, kit_folder, pick_format

    if source == "-" or output == "-":
        return ""
    fmt = pick_format(to, output)
    out = output or default_output(source, fmt)
    if fmt == "ao3" and ao3 == "kit":
        out = kit_folder(out)
    return out if up_to_date(Path(source), Path(out)) else ""


def build(
    plan: BuildPlan,
    options: Options,
    *,
    workers: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    stdout: Callable[[Iterable[str]], None] | None = None,
) -> Built | Explained | BatchReport | EpubBuild | Outcome:
    """Carry out ``plan`` with ``options``.

    :param workers: a batch's worker processes (default: the CPUs available).
    :param on_outcome: called as each chapter of a batch is settled (a progress bar).
    :param stdout: handed a single chapter's output for standard output a part at a time;
        a book for standard output leaves its bytes in ``book.data`` for the caller.
    """
    if plan.kind == "book" and plan.to == "html":
        from fanfmt.story_page import build_story_page

        return build_story_page(plan.inputs, plan.output, options)
    if plan.kind == "book":
        from fanfmt.epub import build_epub
        from fanfmt.reader.epub_in import is_epub

        if len(plan.inputs) == 1 and is_epub(plan.inputs[0]):
            from fanfmt.epub.rebuild import rebuild_epub

            return rebuild_epub(plan.inputs[0], plan.output, options, in_place=plan.in_place)

        return build_epub(plan.inputs, plan.output, options)
    if plan.kind == "batch":
        from fanfmt.batch import run

        work, to = plan.work or Plan(()), plan.to or "xhtml"
        return run(work, to=to, options=options, workers=workers, on_outcome=on_outcome)
    source = plan.inputs[0]
    if plan.fresh:
        return Outcome(source, plan.fresh, "skipped", "up to date")
    from fanfmt.build import build_file

    if not plan.explain:
        return build_file(source, plan.output, plan.to, options, stdout=stdout)
    from fanfmt.explain import explain_changes
    from fanfmt.rules.table import Context

    ctx = Context(options, changes=[])
    built = build_file(source, plan.output, plan.to, options, ctx=ctx, stdout=stdout)
    return Explained(built, tuple(explain_changes(ctx.changes or [])))


__all__ = ["BuildPlan", "Explained", "build", "is_book_folder", "plan_build", "wants_batch"]
