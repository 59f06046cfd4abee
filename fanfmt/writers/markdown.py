"""The Markdown writer: CommonMark that renders back to the same visible text.

* ``Thought`` → ``*…*``; ``Emphasis`` → ``_…_`` (``*…*`` inside a word, where CommonMark
  ignores ``_``); the other mark when nested in the same one; ``Strong`` → ``**…**``.
  Both render as italics; the two marks let fanfmt read its own Markdown back with
  thoughts and emphasis apart (``fanfmt build ch.md``)
* ``Quoted`` → curly quotes in the text; ``SceneBreak`` → ``* * *``; notes → block quotes
* anything that CommonMark would read as markup is escaped: ``*``, ``_``, ``[``, ``<``,
  ``&``, a backtick, and at a paragraph start ``#``, ``>``, ``-``/``+``/``*`` lists,
  ``1984.`` / ``1)`` ordered lists, ``---``/``===`` and ``~~~`` fences
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import assert_never

from fanfmt.chars import (
    LEFT_SINGLE_QUOTE,
    RIGHT_SINGLE_QUOTE,
)
from fanfmt.model import Document, Emphasis, Inline, LineBreak, Quoted, Strong, Text, Thought
from fanfmt.options import Options
from fanfmt.stream import Prepared
from fanfmt.walk import quote_marks
from fanfmt.writers._views import generate_page

_MARKUP_CHARS = "\\`*_[]<&"
"""Characters CommonMark may read as markup; the backslash first, so no escape is escaped."""
_BLANK_LINES_RE = re.compile("\n\n\n+")
"""Three newlines or more (written so, the pattern starts with a string re searches fast)."""
_BLOCK_START_RE = re.compile(r"^(\s*)([#>+=\-]|\d{1,9}(?=[.)])|~{3}|`{3})")


def escape_text(text: str) -> str:
    """``"a*b"`` → ``"a\\*b"``: every character CommonMark might read as markup."""
    for ch in _MARKUP_CHARS:  # a few scans of a short string: faster than str.translate
        if ch in text:
            text = text.replace(ch, "\\" + ch)
    return text


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


def _wrap(inner: str, mark: str) -> str:
    """Put ``mark`` around ``inner`` with any edge spaces moved outside."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _italic_mark(
    node: Emphasis | Thought, before: list[str], after: tuple[Inline, ...], within: str
) -> str:
    """``*`` for a thought, ``_`` for emphasis, unless inside a word or the same mark."""
    mark = "*" if isinstance(node, Thought) else "_"
    if mark == "_":
        prev = before[-1][-1:] if before else ""
        nxt = after[0].text[:1] if after and isinstance(after[0], Text) else ""
        if prev.isalnum() or nxt.isalnum():
            mark = "*"
    if mark in within:
        mark = "_" if mark == "*" else "*"
    return mark


def render_inlines(
    children: tuple[Inline, ...], options: Options, depth: int = 0, *, within: str = ""
) -> str:
    """Inline nodes → CommonMark inline text (``within``: the italic marks already open)."""
    parts: list[str] = []
    for i, node in enumerate(children):
        match node:
            case Text():
                parts.append(escape_text(node.text))
            case Emphasis() | Thought():
                mark = _italic_mark(node, parts, children[i + 1 : i + 2], within)
                inner = render_inlines(node.children, options, depth + 1, within=within + mark)
                if isinstance(node, Thought) and options.thought_marks and node.marker == "single":
                    inner = f"{LEFT_SINGLE_QUOTE}{inner}{RIGHT_SINGLE_QUOTE}"
                parts.append(_wrap(inner, mark))
            case Strong():
                inner = render_inlines(node.children, options, depth, within=within)
                parts.append(_wrap(inner, "**"))
            case Quoted():
                left, right = quote_marks(node)
                inner = render_inlines(node.children, options, depth, within=within)
                parts.append(f"{left}{inner}{right}")
            case LineBreak():
                parts.append("\\\n")
            case _:
                assert_never(node)
    return "".join(parts)


def _paragraph(children: tuple[Inline, ...], options: Options) -> str:
    return escape_block_start(render_inlines(children, options).strip(" "))


class MarkdownWriter:
    """CommonMark output."""

    name = "markdown"
    extension = ".md"
    template = "markdown/chapter.md"

    def body(self, doc: Document, options: Options) -> str:
        """The blocks (the Markdown template has no page around them)."""
        return self.write(doc, options)

    def write(self, doc: Document, options: Options) -> str:
        """A whole Markdown document."""
        return "".join(self.generate(Prepared.finished(doc, options), options))

    def generate(self, prepared: Prepared, options: Options) -> Iterator[str]:
        """The document a part at a time, finishing the chapter as it goes."""
        scene_break = (
            escape_block_start(escape_text(options.scene_break)) if options.scene_break else "* * *"
        )
        parts = generate_page(
            prepared,
            options,
            self.template,
            lambda c: _paragraph(c, options),
            scene_break=scene_break,
        )
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
