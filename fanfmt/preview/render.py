"""What ``fanfmt preview`` shows: the reading page with lint's findings, and the AO3 view.

One run of the chain gives both the page and the findings (:func:`fanfmt.lint.lint_document`),
so what is shown is what ``fanfmt build --to html`` writes and ``fanfmt lint`` reports.

* every paragraph and chapter heading is marked where it starts in the source,
  ``<span class="fanfmt-at" data-line="12">``; a finding goes beside the last paragraph
  starting on or before its line (one before every paragraph goes in a list at the top)
* the preview's bar, its stylesheet and the script that reloads the page come from
  ``templates/preview/parts.html``; nothing of them is ever in a built file
* a chapter that cannot be built as saved shows its one-line error instead (an internal
  error too: the preview goes on watching), and the page comes back at the next save
  that builds
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import NO_WORDS, FanfmtError, InputError, describe_unexpected, one_line
from fanfmt.model import AuthorNote, Block, Document, Footnotes, Heading, Legend, Paragraph
from fanfmt.options import Options
from fanfmt.preview.chrome import chrome, insert, parts
from fanfmt.templating import environment
from fanfmt.writers._views import Render

MARK_RE = re.compile(r'<span class="fanfmt-at" data-line="(\d+)"></span>')
"""The mark put before each paragraph's content, filled with its findings afterwards."""


@dataclass(frozen=True, slots=True)
class Views:
    """One build of the chapter, as the preview serves it."""

    page: str
    """The reading page, findings beside their paragraphs, with the preview's bar."""
    kit: str
    """The AO3 view: the posting kit where there is one, else the single AO3 paste."""
    findings: tuple[Diagnostic, ...] = ()
    error: str = ""
    """Why the chapter could not be built as saved (``""`` when it was)."""
    placed: dict[int, tuple[Diagnostic, ...]] = field(default_factory=dict)
    """Findings by the source line of the paragraph they are shown beside."""


def paragraph_lines(blocks: Iterable[Block]) -> dict[int, int]:
    """``id(children)`` → source line, for every paragraph's and heading's content.

    The writer hands :func:`marked` each paragraph's own ``children`` tuple, so its identity
    says which paragraph is being rendered (an empty one has nothing to mark).
    """
    lines: dict[int, int] = {}

    def paragraph(p: Paragraph) -> None:
        if p.children and p.line:
            lines.setdefault(id(p.children), p.line)

    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph(block)
        elif isinstance(block, Heading):
            content = block.title or block.number or block.story_title
            if content and block.line:
                lines.setdefault(id(content), block.line)
        elif isinstance(block, Legend | AuthorNote):
            for p in block.paragraphs:
                paragraph(p)
        elif isinstance(block, Footnotes):
            for note in block.notes:
                for p in note.paragraphs:
                    paragraph(p)
    return lines


def marked(render: Render, lines: dict[int, int], shown: set[int]) -> Render:
    """``render`` with a mark before the content of each paragraph of ``lines``; the
    lines marked are added to ``shown`` (a paragraph left out of the page is not)."""

    def mark(children: Any) -> str:
        out = render(children)
        line = lines.get(id(children))
        if line is None:
            return out
        shown.add(line)
        return Markup(f'<span class="fanfmt-at" data-line="{line}"></span>') + out

    return mark


def place(
    findings: Iterable[Diagnostic], lines: Iterable[int]
) -> tuple[dict[int, tuple[Diagnostic, ...]], tuple[Diagnostic, ...]]:
    """Each finding beside the last paragraph starting on or before its line.

    ``place([Diagnostic(7, 1, "Q001", "…")], [1, 5, 9])`` → ``({5: (…Q001…,)}, ())``;
    a finding before every paragraph is in the second part.
    """
    starts = sorted(set(lines))
    placed: dict[int, list[Diagnostic]] = {}
    unplaced: list[Diagnostic] = []
    for f in findings:
        i = bisect.bisect_right(starts, f.line) - 1
        if i < 0:
            unplaced.append(f)
        else:
            placed.setdefault(starts[i], []).append(f)
    return {k: tuple(v) for k, v in placed.items()}, tuple(unplaced)


class Renderer:
    """Builds the views of one chapter file with the options in force."""

    def __init__(self, source: str, options: Options) -> None:
        self.source = source
        self.options = options
        self.name = Path(source).name

    def _chrome(self, view: str, tag: str, **kw: Any) -> dict[str, Markup]:
        return chrome(self.options.templates, view=view, source=self.name, tag=tag, **kw)

    def build(self, tag: str) -> Views:
        """The views of the chapter as saved now; ``tag`` names this build (the reload
        script compares it with the newest)."""
        from fanfmt.files import read_input
        from fanfmt.lint import lint_document
        from fanfmt.reader import input_format

        options = self.options
        try:
            decoded = read_input(self.source, options.encoding)
            if not re.search(r"[^\W_]", decoded.text):
                raise InputError(f"{self.source}: {NO_WORDS}")
            fmt = input_format(self.source, options.from_format, decoded.text)
            doc, found = lint_document(decoded.text, options, source=self.source, from_format=fmt)
            findings = tuple(sorted((*decoded.diagnostics(), *found)))
            return self._views(doc, findings, tag)
        except FanfmtError as exc:
            return self.failed(one_line(exc), tag)
        except Exception as exc:  # a bug met on this save: say so, and keep watching
            return self.failed(f"{self.source}: {describe_unexpected(exc)}", tag)

    def failed(self, error: str, tag: str) -> Views:
        """What is shown while the chapter cannot be built: ``error``, on both views."""
        page = self._render_error(error, tag, "page")
        return Views(page, self._render_error(error, tag, "kit"), error=error)

    def _render_error(self, error: str, tag: str, view: str) -> str:
        template = environment(self.options.templates).get_template("preview/error.html")
        markup = self._chrome(view, tag, error=error)
        return str(template.render(title=self.name, parts=markup))

    def _views(self, doc: Document, findings: tuple[Diagnostic, ...], tag: str) -> Views:
        from fanfmt.preview.kit import kit_view
        from fanfmt.writers.html import html_markup, reading_page
        from fanfmt.writers.inline import chapter_marks
        from fanfmt.writers.page import Page

        lines = paragraph_lines(doc.blocks)
        shown: set[int] = set()
        chapter = Page.of(doc)
        marks = chapter_marks(chapter.meta, chapter.convention, self.options)
        render = marked(html_markup(self.options, marks), lines, shown)
        html = "".join(reading_page(chapter, self.options, render))
        placed, unplaced = place(findings, shown)
        macros = parts(self.options.templates)
        done: set[int] = set()

        def fill(match: re.Match[str]) -> str:
            line = int(match.group(1))
            notes = () if line in done else placed.get(line, ())
            done.add(line)
            return str(macros.marks(line, notes))

        html = MARK_RE.sub(fill, html)
        page = insert(html, self._chrome("page", tag, findings=findings, unplaced=unplaced))

        def kit_chrome(kind: str) -> dict[str, Markup]:
            return self._chrome("kit", tag, findings=findings, kit=kind)

        kit = kit_view(doc, self.options, kit_chrome)
        return Views(page, kit, findings, placed=placed)


__all__ = ["MARK_RE", "Renderer", "Views", "marked", "paragraph_lines", "place"]
