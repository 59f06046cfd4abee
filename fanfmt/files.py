"""Reading inputs and writing outputs safely: refusals, decoding, atomic writes.

* ``read_input("ch7.txt")`` → the decoded chapter (:class:`~fanfmt.reader.decode.Decoded`);
  ``read_input("-")`` reads standard input
* refused with a one-line :class:`~fanfmt.errors.InputError` (exit code 3): a missing
  or unreadable path, a folder, a device, a pipe nothing writes to, a file over
  256 MiB, binary data, an empty or whitespace-only file
* ``write_atomic("out/ch7.xhtml", text)`` writes a temporary file beside the target
  and renames it into place, so an interrupted run leaves the old file or the new
  one, never half of one; a folder missing on the way is created; any failure is a
  one-line :class:`~fanfmt.errors.OutputError` (exit code 4) and leaves nothing behind
* the file written keeps the permissions of the one it replaces (a private ``0600`` file
  stays private); a new file gets ``0666`` less the umask, as any program's would
* ``write_atomic(path, text, within="out")`` refuses (:class:`~fanfmt.errors.OutputError`)
  a ``path`` that a symbolic link, dangling or not, leads out of ``out``: a batch build
  never writes outside its output folder
* ``same_file("ch7.txt", "./link-to-ch7.txt")`` → True (through links, ``..`` and hard links)
* ``write_if_changed("out/fanfmt.css", css)`` writes (atomically) only when the file does
  not already hold exactly those bytes: a stylesheet shared by many chapters is written once
* ``write_stdout(parts)`` writes an output to standard output as it is made
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from fanfmt.errors import InputError, OutputError
from fanfmt.reader.decode import Decoded, decode

MAX_INPUT_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024
_WRITER_WAIT_SECONDS = 2.0
_SILENT_WRITER_SECONDS = 30.0


def read_input(path: str, encoding: str | None = None) -> Decoded:
    """Read and decode ``path`` (``-`` for standard input)."""
    data = read_bytes(path)
    try:
        return decode(data, encoding)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-``: standard input), or a one-line :class:`InputError`."""
    try:
        if path == "-":
            return _read_stream(sys.stdin.buffer, "-")
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a folder, not a chapter file")
        if stat.S_ISFIFO(info.st_mode):
            return _read_pipe(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file (a device or socket)")
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB")
        with open(path, "rb") as fh:
            return _read_stream(fh, path, info.st_size)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a chapter file") from None
    except (ValueError, UnicodeError):
        raise InputError(f"{path!r}: not a valid file name") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_stream(fh: BinaryIO, path: str, size: int = 0) -> bytes:
    """All of ``fh``, refused past the limit; ``size`` is what the file's size said (a
    read of the whole limit at once would ask for a buffer of the limit's size)."""
    limit = MAX_INPUT_BYTES + 1
    data = fh.read(min(limit, size + 1) if size else limit)
    if size and len(data) > size:  # it grew since: the rest, to the limit
        data += fh.read(limit - len(data))
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB")
    return data


def _read_pipe(path: str) -> bytes:
    """Read a named pipe, refusing it (rather than hanging) when nothing writes to it.

    Opened without blocking, a pipe with no writer reads as end-of-file at once: wait a
    moment for a writer to connect, then read until it closes the pipe.
    """
    import select  # only pipes need it

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    size = 0
    connected = False
    deadline = time.monotonic() + _WRITER_WAIT_SECONDS
    try:
        while True:
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:  # a writer is there, with nothing to say yet
                connected = True
                ready, _, _ = select.select([fd], [], [], _SILENT_WRITER_SECONDS)
                if not ready:
                    raise InputError(
                        f"{path}: the pipe's writer sent nothing for a while"
                    ) from None
                continue
            if chunk:
                connected = True
                size += len(chunk)
                if size > MAX_INPUT_BYTES:
                    raise InputError(f"{path}: larger than {MAX_INPUT_BYTES // 2**20} MiB")
                chunks.append(chunk)
            elif connected or time.monotonic() > deadline:
                break
            else:
                time.sleep(0.02)
    finally:
        os.close(fd)
    if not chunks:
        raise InputError(f"{path}: a pipe that nothing writes to")
    return b"".join(chunks)


def seen(path: str) -> os.stat_result | None:
    """What ``path`` is as it is about to be read (``None``: standard input, or not a file)."""
    if path == "-":
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def dated_as_read(path: str, read: os.stat_result | None) -> int | None:
    """The modification time for an output built from ``path``, as ``read`` saw it: the
    source's own when it has not changed since, else just before it (so that ``--update``
    builds it again, however quickly it was edited); ``None``: not a file, leave it be.
    """
    if read is None:
        return None
    try:
        now = os.stat(path)
    except (OSError, ValueError):
        return max(0, read.st_mtime_ns - 1)
    fields = ("st_mtime_ns", "st_ctime_ns", "st_size", "st_ino", "st_dev")
    if all(getattr(now, f) == getattr(read, f) for f in fields):
        return read.st_mtime_ns
    return max(0, min(read.st_mtime_ns, now.st_mtime_ns) - 1)


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when ``a`` and ``b`` name the same file (through links and ``..`` too)."""
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
        return pa.resolve() == pb.resolve()
    except (OSError, ValueError, RuntimeError):
        return os.path.abspath(pa) == os.path.abspath(pb)


def write_atomic(
    path: str | Path,
    data: str | bytes | Iterable[str],
    *,
    within: str | Path | None = None,
    mtime: Callable[[], int | None] | None = None,
) -> bool:
    """Write to a temporary file beside ``path``, flush it to disk, and rename it into place.

    ``data`` may come in parts (an iterable of strings, such as a page being rendered):
    each part is written as it comes, so a long output is never whole in memory. If
    making a part fails, the temporary file goes and ``path`` is left as it was.

    A device or a pipe is written into instead (see :func:`is_device`): then the result
    is True.

    A link is written through (the file it points to is replaced, the link kept); with
    ``within``, a path that a link leads out of that folder is refused instead, as is a
    device there. The new file keeps the permission bits of the file it replaces; a new
    one gets ``0666`` less the umask.

    ``mtime``, asked once everything is written, gives the file's modification time (in
    nanoseconds; ``None``: now), set before it is renamed into place.
    """
    target = Path(path)
    parts = _encoded(data)
    if within is not None:
        target = confined(target, within)
    elif is_device(target):
        _write_device(target, parts)
        return True
    elif os.path.islink(target):  # (False, not an error, for a name too long to look up)
        # write the file the link points to, and keep the link
        target = Path(os.path.realpath(target))
    try:
        if target.is_dir():
            raise OutputError(f"{target}: is a folder, not a file")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary_beside(target)
    except FileExistsError:
        raise OutputError(f"{target}: cannot write (a file is in the way of its folder)") from None
    except (ValueError, UnicodeError):
        raise OutputError(f"{str(target)!r}: not a valid file name") from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None
    try:
        _write_parts(os.fdopen(fd, "wb"), parts, target, sync=True)
        when = mtime() if mtime is not None else None
        if when is not None:
            os.utime(tmp, ns=(time.time_ns(), when), follow_symlinks=False)
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise _cannot(target, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return False


def confined(target: Path, within: str | Path) -> Path:
    """``target`` with its links resolved, or an :class:`OutputError` if that leaves ``within``.

    ``confined(Path("out/ch1.xhtml"), "out")`` → ``Path("/home/me/out/ch1.xhtml")``; when
    ``out/ch1.xhtml`` (or ``out/arc1``) is a link to ``/etc/passwd`` (or ``/etc``), refused:
    ``out/ch1.xhtml: a symbolic link leads out of the output folder (to /etc/passwd)``.
    A device or pipe in the folder is refused too: only regular files are written there.
    """
    try:
        root = os.path.realpath(within)
        real = os.path.realpath(target)
        inside = os.path.commonpath([root, real]) == root
    except (OSError, ValueError):
        raise OutputError(f"{str(target)!r}: not a valid file name") from None
    if not inside:
        raise OutputError(
            f"{target}: a symbolic link leads out of the output folder (to {real}); "
            "not written (remove the link)"
        )
    if is_device(real):
        raise OutputError(f"{target}: not a regular file (a device or pipe); not written")
    return Path(real)


def _temporary_beside(target: Path) -> tuple[int, str]:
    """Create a new, empty file in ``target``'s folder, for :func:`write_atomic` to fill.

    It gets the permission bits of ``target`` when that is a file already, else ``0666``
    less the umask (the kernel applies it, as for any new file); never through a link.
    """
    try:
        info = os.stat(target)
        keep: int | None = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None
    except (OSError, ValueError):
        keep = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    from fanfmt.leftovers import clean_leftovers, temporary_name

    clean_leftovers(target.parent)
    for _ in range(100):
        tmp = os.path.join(target.parent, temporary_name(target.name))
        try:
            fd = os.open(tmp, flags, 0o600 if keep is not None else 0o666)
        except FileExistsError:
            continue
        if keep is not None:
            try:
                # the setuid and setgid bits are not kept: an output is never a program
                os.fchmod(fd, keep & ~(stat.S_ISUID | stat.S_ISGID))
            except OSError:
                os.close(fd)
                os.unlink(tmp)
                raise
        return fd, tmp
    raise FileExistsError(f"{target.parent}: no free name for a temporary file")


def _encoded(data: str | bytes | Iterable[str]) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
    elif isinstance(data, str):
        yield data.encode("utf-8")
    else:
        for part in data:
            yield part.encode("utf-8")


def _write_parts(fh: BinaryIO, parts: Iterable[bytes], target: Path, *, sync: bool) -> None:
    """Write ``parts`` into ``fh``, flush (and with ``sync``, to disk), and close it.

    A write that fails is an :class:`OutputError`; an error in making a part is not a
    write error, and passes up as it is.
    """
    try:
        for part in parts:
            try:
                fh.write(part)
            except OSError as exc:
                raise _cannot(target, exc) from None
        try:
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _cannot(target, exc) from None
    finally:
        try:
            fh.close()
        except OSError as exc:
            raise _cannot(target, exc) from None


def _cannot(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write ({exc.strerror or exc})")


def is_device(path: str | Path) -> bool:
    """``/dev/null``, ``/dev/stdout``, a terminal, a named pipe: an output written into, never
    replaced (a file renamed over ``/dev/stdout`` would replace the link, not reach the reader).
    """
    where = os.path.abspath(path)
    if where.startswith(("/dev/", "/proc/")):
        return os.path.exists(where)
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _write_device(target: Path, parts: Iterable[bytes]) -> None:
    """Write into a device or pipe (``-o /dev/null``); renaming a file over it would replace it."""
    try:
        # appending: /dev/stderr may be a log file a shell opened, to be added to, not emptied
        fh = open(target, "ab")  # noqa: SIM115 (_write_parts closes it)
    except OSError as exc:
        raise _cannot(target, exc) from None
    _write_parts(fh, parts, target, sync=False)


STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
"""Output names that mean this process's standard output."""


def write_if_changed(
    path: str | Path, data: str | bytes, *, within: str | Path | None = None
) -> bool:
    """:func:`write_atomic`, unless ``path`` already holds exactly ``data``; True when written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if within is not None:
        path = confined(Path(path), within)
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size == len(payload):
            with open(path, "rb") as fh:
                if fh.read() == payload:
                    return False
    except (OSError, ValueError):
        pass  # missing or unreadable: write it, and let that say what is wrong
    write_atomic(path, payload, within=within)
    return True


def write_stdout(parts: Iterable[str] | Iterable[bytes]) -> None:
    """Write ``parts`` to standard output as they are made (a string as UTF-8), after
    whatever was printed before them.

    A write that fails (a full disk) is an :class:`OutputError`, ``-: cannot write to
    standard output (No space left on device)``; a reader that closed the pipe
    (:class:`BrokenPipeError`) and an error in making a part pass up as they are.
    """
    out = sys.stdout.buffer
    _stdout_step(sys.stdout.flush)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        _stdout_step(partial(out.write, data))
    _stdout_step(out.flush)


def _stdout_step(step: Callable[[], object]) -> None:
    try:
        step()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"-: cannot write to standard output ({exc.strerror or exc})") from None


def up_to_date(source: Path, output: Path) -> bool:
    """True when ``output`` exists and is not older than ``source`` (as ``make`` decides).

    fanfmt dates an output as its chapter was when read (:func:`fanfmt.files.dated_as_read`):
    a chapter edited while it was being built is newer than its output, and is built again.
    """
    try:
        return output.stat().st_mtime_ns >= source.stat().st_mtime_ns
    except OSError:
        return False
