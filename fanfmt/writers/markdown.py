"""The Markdown writer: CommonMark that renders back to the same visible text.

* ``Thought`` → ``*…*``; ``Emphasis`` → ``_…_`` (``*…*`` inside a word, where CommonMark
  ignores ``_``); the other mark when nested in the same one; ``Strong`` → ``**…**``.
  Both render as italics; the two marks let fanfmt read its own Markdown back with
  thoughts and emphasis apart (``fanfmt build ch.md``)
* ``Quoted`` → curly quotes in the text; ``SceneBreak`` → ``* * *``; notes → block quotes
* anything that CommonMark would read as markup is escaped: ``*``, ``_``, ``[``, ``<``,
  ``&``, a backtick, and at a paragraph start ``#``, ``>``, ``-``/``+``/``*`` lists,
  ``1984.`` / ``1)`` ordered lists, ``---``/``===`` and ``~~~`` fences; and so is each
  line after a line break (``\\`` at a line's end), where a heading, a list, a quote, a
  fence or a setext underline would start as well
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from fanfmt import rx
from fanfmt.model import Inline
from fanfmt.options import Options
from fanfmt.writers._views import Render, generate_page
from fanfmt.writers.inline import MarkdownInlines, chapter_marks, escape_text
from fanfmt.writers.page import Page

if TYPE_CHECKING:
    from fanfmt.languages import Marks

_BLANK_LINES_RE = rx.compile("\n\n\n+")
"""Three newlines or more (written so, the pattern starts with a string re searches fast)."""
_BLOCK_START_RE = rx.compile(r"^(\s*)([#>+=\-]|\d{1,9}(?=[.)])|~{3}|`{3})")
_LINE_END_RE = rx.compile(r"\r\n?|\n")


def escape_block_start(line: str) -> str:
    """``"1984. was a year"`` → ``"1984\\. was a year"``; ``"# no"`` → ``"\\# no"``."""
    m = _BLOCK_START_RE.match(line)
    if m is None:
        return line
    lead, token = m.group(1), m.group(2)
    rest = line[m.end() :]
    if token[0].isdigit():
        return f"{lead}{token}\\{rest}"
    return f"{lead}\\{token}{rest}"


def escape_line_starts(text: str) -> str:
    """Every line of a paragraph's Markdown with its block start escaped (see
    :func:`escape_block_start`): the lines ``Roses are red\\`` and ``# no`` → the lines
    ``Roses are red\\`` and ``\\# no`` (a text, not a heading, after the line break)."""
    if "\n" not in text and "\r" not in text:
        return escape_block_start(text)
    return "\n".join(escape_block_start(line) for line in _LINE_END_RE.split(text))


def render_inlines(children: tuple[Inline, ...], options: Options) -> str:
    """Inline nodes → CommonMark inline text."""
    return MarkdownInlines(options).render(children)


class MarkdownWriter:
    """CommonMark output."""

    name = "markdown"
    template = "markdown/chapter.md"
    blocks_template = None

    def inlines(self, options: Options, marks: Marks | None = None) -> Render:
        """A paragraph's nodes → its CommonMark line(s), each line's block start escaped."""
        render = MarkdownInlines(options, marks).render
        return lambda children: escape_line_starts(render(children).strip(" "))

    def write(self, page: Page, options: Options) -> Iterator[str]:
        """The document a part at a time."""
        scene_break = (
            escape_block_start(escape_text(options.scene_break)) if options.scene_break else "* * *"
        )
        render = self.inlines(options, chapter_marks(page.meta, page.convention, options))
        parts = generate_page(page, options, self.template, render, scene_break=scene_break)
        return tidy_blank_lines(parts)


def tidy_blank_lines(parts: Iterable[str]) -> Iterator[str]:
    """The text of ``parts`` with no leading or trailing white space, no run of blank lines
    (one blank line between blocks) and one newline at the end, a part at a time.

    ``"".join(tidy_blank_lines(["\\n# A\\n\\n", "\\n\\nB\\n\\n"]))`` → ``"# A\\n\\nB\\n"``
    """
    held = ""  # white space at the end of what came so far: what follows decides its fate
    started = False
    for part in parts:
        text = held + part
        end = len(text.rstrip())
        if end == 0:
            held = text
            continue
        body, held = text[:end], text[end:]
        if not started:
            body = body.lstrip()
            started = True
        # a run of newlines never spans two parts: each part given ends in non-space
        yield _BLANK_LINES_RE.sub("\n\n", body)
    yield "\n"


__all__ = [
    "MarkdownWriter",
    "escape_block_start",
    "escape_line_starts",
    "escape_text",
    "render_inlines",
    "tidy_blank_lines",
]
