"""What a chapter file or an EPUB states about its story, read for ``fanfmt config``.

``read_source_facts("work.txt", Options())`` → the :class:`~fanfmt.model.StoryFacts` its
AO3 preface, page or front matter gives; for an EPUB, its package's and title page's.
"""

from __future__ import annotations

from fanfmt.model import StoryFacts
from fanfmt.options import Options


def read_source_facts(path: str, options: Options) -> StoryFacts:
    """What the chapter (or EPUB) at ``path`` states about its story (its preface, its
    page, its front matter, its package); the reading errors are the readers'."""
    from fanfmt.reader.epub_in import is_epub

    if is_epub(path):
        from fanfmt.reader.epub_in import read_epub

        return read_epub(path).facts
    from fanfmt.files import read_input
    from fanfmt.pipeline import prepare
    from fanfmt.reader import input_format

    decoded = read_input(path, options.encoding)
    fmt = input_format(path, options.from_format, decoded.text)
    return prepare(decoded.text, options, source=path, from_format=fmt).doc.meta.story


__all__ = ["read_source_facts"]
