"""Build many chapters at once: folders, long lists, worker processes, one report.

``build_many(["a.txt", "b.txt", "stories/"], "out/")`` writes ``out/a.xhtml``,
``out/b.xhtml`` and, for ``stories/arc1/ch01.txt``, ``out/arc1/ch01.xhtml``; it
returns a :class:`BatchReport` whose ``summary()`` reads ``"37 built, 1 failed"``.

* a folder stands for every ``*.txt`` file below it (hidden files and folders
  skipped), and its chapters keep their paths inside it
* a file keeps the relative path it was given (``arc1/ch01.txt`` →
  ``out/arc1/ch01.xhtml``); an absolute path, or one that climbs out with
  ``..``, keeps only its name
* without an output folder each output lands beside its input
* one bad chapter never stops the rest: it becomes a failed :class:`Outcome`
  with a one-line reason, and two inputs never write the same output
* ``update=True`` skips a chapter whose output is at least as new as it is (an output is
  dated as its chapter was when read, so an edit made during the build is not missed)

Everything here is a plain function of its arguments (no module state), so
:func:`build_job` can run in any worker process (``concurrent.futures``, Dask).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fanfmt.chapters import BATCH_SUFFIXES, no_chapters_message, walk_folder
from fanfmt.errors import FanfmtError, one_line
from fanfmt.files import up_to_date
from fanfmt.options import Options
from fanfmt.overwrite import file_id, refuse_overwrites
from fanfmt.record import record

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Status = Literal["built", "skipped", "failed"]
CHAPTER_SUFFIXES = BATCH_SUFFIXES
"""What a folder input contributes to a batch: its ``.txt`` files (any case)."""
MAX_CHUNK = 16
"""At most this many chapters travel to a worker process at once."""


@record()
class Job:
    """One chapter to build: ``Job("stories/ch1.txt", "out/ch1.xhtml")``."""

    source: str
    output: str
    root: str = field(default="", compare=False)
    """The folder the output must stay in (no link may lead it out); empty: no limit."""


@record()
class Outcome:
    """What became of one chapter."""

    source: str
    output: str
    status: Status
    reason: str = ""
    """Why it failed (or was skipped), in one line; empty when built."""
    exit_code: int = 0
    """The exit code a single build of this chapter would have had."""
    notes: tuple[str, ...] = ()
    """What was left alone, a line each (a user's ``fanfmt.css``; see :class:`Built`)."""


@record()
class BatchReport:
    """Every chapter's outcome, in input order."""

    outcomes: tuple[Outcome, ...] = ()

    def count(self, status: Status) -> int:
        """How many chapters ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failures(self) -> tuple[Outcome, ...]:
        """The failed chapters."""
        return tuple(o for o in self.outcomes if o.status == "failed")

    @property
    def ok(self) -> bool:
        """True when no chapter failed."""
        return not self.failures

    def summary(self) -> str:
        """``"37 built, 1 failed"`` (with ``", 5 up to date"`` when chapters were skipped)."""
        parts = [f"{self.count('built')} built"]
        if skipped := self.count("skipped"):
            parts.append(f"{skipped} up to date")
        parts.append(f"{self.count('failed')} failed")
        return ", ".join(parts)


@record()
class Plan:
    """The jobs to run and the inputs already settled (unusable or up to date)."""

    jobs: tuple[Job, ...]
    settled: tuple[Outcome, ...] = field(default=())


def output_suffix(to: str, ao3: str = "single") -> str:
    """``"markdown"`` → ``".md"``; ``"ao3"`` with the kit → ``".ao3"`` (its folder)."""
    from fanfmt.writers import KIT_SUFFIX, format_suffix

    return KIT_SUFFIX if to == "ao3" and ao3 == "kit" else format_suffix(to)


def relative_name(source: Path) -> Path:
    """The path a file input keeps under the output folder (see the module docstring)."""
    if source.is_absolute() or ".." in source.parts:
        return Path(source.name)
    return source


def expand(
    inputs: Iterable[str], suffixes: tuple[str, ...] = BATCH_SUFFIXES
) -> Iterator[tuple[Path, Path] | Outcome]:
    """``(source, path kept under the output folder)`` per chapter (or book, for EPUBs).

    A folder without chapters gives a failed :class:`Outcome` instead.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = False
            for source in walk_folder(path, suffixes):
                found = True
                yield source, source.relative_to(path)
            if not found:
                yield Outcome(item, "", "failed", no_chapters_message(suffixes), 3)
        else:
            yield path, relative_name(path)


def plan(
    inputs: Iterable[str],
    output_dir: str | None = None,
    *,
    to: str = "xhtml",
    update: bool = False,
    stylesheet: str = "link",
    in_place: bool = False,
    ao3: str = "kit",
) -> Plan:
    """Expand folders, name every output, and settle the inputs that need no work.

    :param inputs: chapter files and folders.
    :param output_dir: where outputs go, mirroring the inputs' paths; ``None``: beside each input.
    :param to: the output format (``"xhtml"`` or ``"markdown"``).
    :param update: skip chapters whose output is at least as new as the chapter.
    :param stylesheet: ``"link"``: XHTML outputs get ``fanfmt.css`` written beside them.
    :param in_place: ``to="epub"`` only: each book is rebuilt over itself.
    :param ao3: ``kit``: each ``to="ao3"`` output is a kit's folder (``ch5.ao3``).
    :raises ConfigError: when an output, or a stylesheet beside one, is one of the inputs:
        nothing is built, so no input is ever overwritten (see :func:`refuse_overwrites`).
    """
    suffix = output_suffix(to, ao3)
    found = list(expand(inputs, (".epub",) if to == "epub" else BATCH_SUFFIXES))
    files = {file_id(f[0]) for f in found if not isinstance(f, Outcome)} - {None}
    css = to == "xhtml" and stylesheet == "link"
    jobs: list[Job] = []
    settled: list[Outcome] = []
    claimed: dict[str, str] = {}
    for item in found:
        if isinstance(item, Outcome):
            settled.append(item)
            continue
        source, kept = item
        output = Path(output_dir, kept) if output_dir is not None else source
        output = output.with_suffix(suffix) if not in_place else source
        key = os.path.normcase(os.path.abspath(output))
        if key in claimed:
            reason = f"{output} would also be written by {claimed[key]} (rename one of them)"
            settled.append(Outcome(str(source), str(output), "failed", reason, 4))
            continue
        claimed[key] = str(source)
        root = output_dir if output_dir is not None else str(source.parent)
        job = Job(str(source), str(output), root)
        if not in_place:
            refuse_overwrites(job.source, job.output, files, stylesheet=css)
        if update and not in_place and up_to_date(source, output):
            settled.append(Outcome(job.source, job.output, "skipped", "up to date"))
            continue
        jobs.append(job)
    return Plan(tuple(jobs), tuple(settled))


def build_job(job: Job, to: str = "xhtml", options: Options | None = None) -> Outcome:
    """Build one chapter; every error becomes a failed :class:`Outcome`, never an exception.

    This is the function worker processes run (it is what a Dask bag maps over).
    """
    try:
        from fanfmt.build import build_or_rebuild

        notes = build_or_rebuild(job.source, job.output, to, options or Options(), job.root)
    except FanfmtError as exc:
        return Outcome(job.source, job.output, "failed", _one_line(str(exc), job), exc.exit_code)
    except Exception as exc:  # a bug must not stop the other chapters
        reason = f"internal error ({type(exc).__name__}: {exc})"
        return Outcome(job.source, job.output, "failed", _one_line(reason, job), 1)
    return Outcome(job.source, job.output, "built", notes=notes)


def _one_line(message: str, job: Job) -> str:
    """The reason alone, on one line: ``"ch1.txt: the file is empty"`` → ``"the file is empty"``."""
    prefix = f"{job.source}: "
    reason = message[len(prefix) :] if message.startswith(prefix) else message
    return one_line(reason) or "failed"


def build_jobs(jobs: Sequence[Job], to: str, options: Options) -> list[Outcome]:
    """Build several chapters one after the other (one chunk of a parallel batch)."""
    return [build_job(job, to, options) for job in jobs]


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunk_size(count: int, workers: int) -> int:
    """Chapters per worker round trip: about eight per worker, at most :data:`MAX_CHUNK`.

    Small enough that the last chunks finish together, large enough that sending
    work to a process costs little: ``chunk_size(1000, 2)`` → 16 (63 round trips).
    """
    return max(1, min(MAX_CHUNK, -(-count // (workers * 8))))


def build_many(
    inputs: Iterable[str],
    output_dir: str | None = None,
    *,
    to: str = "xhtml",
    options: Options | None = None,
    workers: int | None = None,
    update: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Build every chapter of ``inputs``, in parallel, and report on each.

    :param inputs: chapter files and folders (see :func:`plan`).
    :param output_dir: the output folder; ``None`` writes each output beside its input.
    :param to: ``"xhtml"`` or ``"markdown"``.
    :param options: the same :class:`~fanfmt.options.Options` for every chapter.
    :param workers: worker processes (default: the CPUs available; ``1`` builds in this process).
    :param update: skip chapters whose output is at least as new as the chapter.
    :param on_outcome: called in this process as each chapter finishes (progress bars).
    :raises ConfigError: when an output would overwrite one of the inputs (nothing is built).
    """
    stylesheet = options.stylesheet if options else "link"
    work = plan(inputs, output_dir, to=to, update=update, stylesheet=stylesheet)
    return run(work, to=to, options=options, workers=workers, on_outcome=on_outcome)


def run(
    work: Plan,
    *,
    to: str = "xhtml",
    options: Options | None = None,
    workers: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Run a :class:`Plan`; outcomes come back in the plan's order (settled ones first)."""
    options = options or Options()
    notify = on_outcome or _ignore
    for outcome in work.settled:
        notify(outcome)
    jobs = list(work.jobs)
    workers = max(1, min(workers or default_workers(), len(jobs)))
    results: dict[Job, Outcome] = {}
    if workers == 1:
        for job in jobs:
            results[job] = outcome = build_job(job, to, options)
            notify(outcome)
    else:
        _run_parallel(jobs, to, options, workers, results, notify)
    return BatchReport(work.settled + tuple(results[job] for job in jobs))


def _ignore(outcome: Outcome) -> None:
    del outcome


def _warm(to: str, options: Options) -> None:
    """Import the pipeline (and compile templates) once, before worker processes fork."""
    from fanfmt.rules import DEFAULT_CHAIN
    from fanfmt.template_set import templates
    from fanfmt.writers import get_writer

    for rule in DEFAULT_CHAIN.rules:
        rule.load()
    get_writer("xhtml" if to == "epub" else to)
    try:
        env = templates(options.templates)
        for name in ("xhtml/chapter.xhtml", "xhtml/blocks.xhtml", "markdown/chapter.md"):
            env.get_template(name)
    except Exception:  # a broken template is reported per chapter, by build_job
        pass


def _run_parallel(
    jobs: list[Job],
    to: str,
    options: Options,
    workers: int,
    results: dict[Job, Outcome],
    notify: Callable[[Outcome], None],
) -> None:
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    _warm(to, options)
    size = chunk_size(len(jobs), workers)
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    import gc

    gc.freeze()  # forked workers share the warmed objects instead of copying them for the GC
    from fanfmt.orphans import die_with_parent

    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=die_with_parent
    )
    try:
        pending: dict[Future[list[Outcome]], list[Job]] = {
            pool.submit(build_jobs, chunk, to, options): chunk for chunk in chunks
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    outcomes = _lost(chunk, "a worker process stopped unexpectedly")
                except Exception as exc:
                    outcomes = _lost(chunk, f"internal error ({type(exc).__name__}: {exc})")
                for outcome in outcomes:
                    results[Job(outcome.source, outcome.output)] = outcome
                    notify(outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    pool.shutdown()


def _context() -> BaseContext:
    """Fork (fast: workers inherit the warmed pipeline) when that is safe, else the default.

    Fork is safe on Linux while this process has one thread; a process with more
    (a Dask client, a GUI) gets ``forkserver``.
    """
    import multiprocessing
    import threading

    linux = sys.platform.startswith("linux")
    method = "fork" if threading.active_count() == 1 else "forkserver"
    return multiprocessing.get_context(method if linux else None)


def _lost(chunk: list[Job], reason: str) -> list[Outcome]:
    return [Outcome(job.source, job.output, "failed", reason, 1) for job in chunk]


def dask_bag(
    work: Plan,
    *,
    to: str = "xhtml",
    options: Options | None = None,
    partition_size: int = MAX_CHUNK,
) -> Any:
    """A Dask bag of :class:`Outcome` for the plan's jobs (needs ``pip install fanfmt[dask]``).

    Compute it on any Dask scheduler. Relative paths are resolved against this
    process's folder first, so the workers must see the same absolute paths::

        work = plan(["chapters/"], "out/")
        with distributed.Client("tcp://scheduler:8786") as client:
            outcomes = client.compute(dask_bag(work)).result()
        report = BatchReport(work.settled + tuple(outcomes))
    """
    from importlib import import_module

    bag: Any = import_module("dask.bag")  # typed loosely: dask is an optional extra
    jobs = bag.from_sequence(work.jobs, partition_size=partition_size)
    return jobs.map(build_job_in, os.getcwd(), to, options or Options())


def build_job_in(job: Job, folder: str, to: str, options: Options) -> Outcome:
    """:func:`build_job` with relative paths taken from ``folder``, not the worker's own.

    The outcome names the job's paths as they were given.
    """
    root = os.path.join(folder, job.root) if job.root else ""
    where = Job(os.path.join(folder, job.source), os.path.join(folder, job.output), root)
    outcome = build_job(where, to, options)
    return Outcome(job.source, job.output, outcome.status, outcome.reason, outcome.exit_code)


__all__ = [
    "BatchReport",
    "Job",
    "Outcome",
    "Plan",
    "build_job",
    "build_job_in",
    "build_jobs",
    "build_many",
    "dask_bag",
    "default_workers",
    "plan",
    "run",
]
