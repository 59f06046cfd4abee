"""Read a cover image for an EPUB, and accept only a real image.

``read_cover("art/cover.png")`` → ``Cover(data, "image/png")``. Accepted:

* JPEG, PNG, GIF and WebP that Pillow opens and verifies as that format (a file that only
  starts like one is refused), with no more pixels than Pillow's decompression-bomb limit
* SVG that parses as XML with an SVG root, written anew without what could run or fetch
  (:func:`fanfmt.epub.svg.clean_svg`); what was taken out is in ``Cover.removed``

Refused, each with one line (a :class:`~fanfmt.errors.ConfigError`, exit 2):
``--cover page.html: not an SVG image (its root is <html>, not an SVG <svg>)``; a missing
file, a folder, a device or pipe (``/dev/zero``: never read), a file over 32 MiB.
"""

from __future__ import annotations

import io
import os
import stat

from fanfmt.epub.package import Cover, sniff_image
from fanfmt.errors import ConfigError, one_line

MAX_COVER_BYTES = 32 * 1024 * 1024
PILLOW_FORMATS: dict[str, str] = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}
"""The raster media types a cover may have → Pillow's name for each format."""
_KINDS = "a JPEG, PNG, GIF, WebP or SVG image"


def read_cover(path: str) -> Cover:
    """Read, check and (SVG) clean the cover image at ``path``."""
    data = _read_regular(path)
    media_type = sniff_image(data)
    if media_type in PILLOW_FORMATS:
        problem = raster_problem(data, media_type)
        if problem:
            raise ConfigError(f"--cover {path}: {problem}")
        return Cover(data, media_type)
    if not _looks_like_xml(data):
        raise ConfigError(f"--cover {path}: not {_KINDS}")
    from fanfmt.epub.svg import NotSvgError, clean_svg  # only an SVG cover needs the parser

    try:
        svg = clean_svg(data)
    except NotSvgError as exc:
        raise ConfigError(f"--cover {path}: not an SVG image ({one_line(exc, 160)})") from None
    return Cover(svg.data, "image/svg+xml", svg.removed)


def raster_problem(data: bytes, media_type: str) -> str:
    """What is wrong with ``data`` as an image of ``media_type``, by Pillow; ``""`` if nothing.

    ``raster_problem(b"\\x89PNG\\r\\n\\x1a\\n<html>", "image/png")`` →
    ``"not a valid PNG image (…)"``.
    """
    import warnings

    from PIL import Image  # only a build with a cover needs Pillow

    expected = PILLOW_FORMATS[media_type]
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[expected]) as image:
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return "has too many pixels for an image (a decompression bomb?)"
        except Exception as exc:  # Pillow's plugins raise many kinds on damaged data
            return f"not a valid {expected} image ({one_line(exc, 120) or type(exc).__name__})"
    return ""


def _looks_like_xml(data: bytes) -> bool:
    """Text that starts with ``<`` (after a byte-order mark and spaces), in UTF-8 or UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return data.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"<")


def _read_regular(path: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_COVER_BYTES`, or a ConfigError.

    It is opened without blocking and checked before anything is read, so a pipe or a
    device (``/dev/zero``) is refused at once rather than waited on or read forever.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ConfigError(f"--cover {path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"--cover {path}: is a folder, not an image") from None
    except (ValueError, UnicodeError):
        raise ConfigError(f"--cover {path!r}: not a valid file name") from None
    except OSError as exc:
        raise ConfigError(f"--cover {path}: cannot read ({exc.strerror or exc})") from None
    with open(fd, "rb", closefd=True) as fh:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise ConfigError(f"--cover {path}: is a folder, not an image")
            if not stat.S_ISREG(info.st_mode):
                raise ConfigError(f"--cover {path}: not a regular file (a device, pipe or socket)")
            if info.st_size > MAX_COVER_BYTES:
                raise ConfigError(f"--cover {path}: larger than {MAX_COVER_BYTES // 2**20} MiB")
            data = fh.read(MAX_COVER_BYTES + 1)
        except OSError as exc:
            raise ConfigError(f"--cover {path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_COVER_BYTES:
        raise ConfigError(f"--cover {path}: larger than {MAX_COVER_BYTES // 2**20} MiB")
    return data


__all__ = ["MAX_COVER_BYTES", "PILLOW_FORMATS", "raster_problem", "read_cover"]
