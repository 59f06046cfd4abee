"""Turn decoded input into a :class:`~fanfmt.model.Document`: plain text, Markdown or HTML.

Plain text gives plain paragraphs; every structural and typographic decision
is a rule (``fanfmt rules``)::

    read_text("Title\\n\\nOne.\\nTwo.\\n")
    → Document(blocks=(Paragraph((Text("Title"),), line=1),
                       Paragraph((Text("One."),), line=3),
                       Paragraph((Text("Two."),), line=4)))

Markdown and HTML readers also keep the structure their markup states
(headings, emphasis, breaks, notes) and leave the rest to the same rules::

    read("# Chapter 1\\n\\n*Oh no.*\\n", "markdown")
    → Document(blocks=(Heading(title=(Text("Chapter 1"),)),
                       Paragraph((Emphasis((Text("Oh no."),), "*"),))))

Which reader: :func:`input_format` picks it from a file suffix, :func:`sniff`
from the text itself; either is overridden by naming the format.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from fanfmt import rx
from fanfmt.gcpause import gc_paused
from fanfmt.model import Document, Meta
from fanfmt.options import INPUT_FORMATS, InputFormat
from fanfmt.reader.ao3_text import split_preface
from fanfmt.reader.hyphens import join_lines
from fanfmt.reader.layout import Layout
from fanfmt.reader.lines import lines
from fanfmt.reader.paragraphs import plain_paragraphs
from fanfmt.reader.transport import story_title, strip_transport

__all__ = [
    "INPUT_FORMATS",
    "InputFormat",
    "as_read",
    "input_format",
    "read",
    "read_text",
    "rules_done_by",
    "sniff",
]
SUFFIX_INPUTS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_DONE_BY_READER = {"markdown": frozenset({"emphasis"})}

_HTML_START_RE = rx.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG_RE = rx.compile(
    r"</(?:p|div|span|i|em|b|strong|center|font|blockquote)\s*>|<br\s*/?>|<p[\s>]", re.IGNORECASE
)
_MD_HEADING_RE = rx.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_QUOTE_RE = rx.compile(r"^>[ \t]?\S", re.MULTILINE)
_MD_ESCAPE_RE = rx.compile(r"\\[\\`*_\[\]#>&<.-]")
_MD_LINK_RE = rx.compile(r"\[[^\]\n]+\]\([^)\s]+\)")
_MD_NOTE_DEF_RE = rx.compile(r"^\[\^([^\]\s]+)\]:[ \t]", re.MULTILINE)
_MD_NOTE_REF_RE = rx.compile(r"(?<=\S)\[\^([^\]\s]+)\](?!:)")


def read_text(text: str, meta: Meta | None = None) -> Document:
    """Read a raw chapter (already decoded) into a document of paragraphs.

    A mail or news ``Subject:`` the reader took out names the story when nothing else does.
    """
    layout = Layout()
    meta = meta or Meta()
    head, text = split_preface(text)  # an AO3 download's preface: a line is a paragraph
    with gc_paused():  # many small objects, no cycles
        blocks = (*head, *plain_paragraphs(text, layout))
    if not meta.title and layout.transport.subjects:
        meta = replace(meta, title=story_title(layout.transport))
    return Document(blocks=blocks, meta=meta)


def as_read(text: str) -> str:
    """``text`` as the plain-text reader reads its words: transport lines (mail headers,
    signatures) out, and the lines of each block joined with their broken words mended.

    ``as_read("From: a@b\\nNewsgroups: x\\nLines: 2\\n\\nthe stu-\\ndents")`` → ``"the students"``
    (what "every word kept" is measured against).
    """
    from fanfmt.reader.layout import double_spacing

    kept, _ = strip_transport(lines(text))
    spaced = double_spacing(kept, wider=0)  # a blank line after every line: one may part a word
    blocks: list[list[str]] = []
    for line in kept:
        broken = bool(blocks) and blocks[-1][-1].endswith("-") and line.blanks_before <= int(spaced)
        if blocks and (not line.blanks_before or broken):
            blocks[-1].append(line.text)
        else:
            blocks.append([line.text])
    return "\n".join(join_lines(block) for block in blocks)


def read(text: str, fmt: str = "text", meta: Meta | None = None) -> Document:
    """Read ``text`` as ``fmt`` (``text``, ``markdown``, ``html``, or ``auto`` to sniff)."""
    if fmt == "auto":
        fmt = sniff(text)
    if fmt in ("markdown", "html"):
        from fanfmt.reader.depth import flatten_deep  # italics a thousand deep: one italics

        if fmt == "markdown":
            from fanfmt.reader.markdown import read_markdown

            return flatten_deep(read_markdown(text, meta))
        from fanfmt.reader.html import read_html

        return flatten_deep(read_html(text, meta))
    if fmt == "text":
        return read_text(text, meta)
    raise ValueError(f"unknown input format {fmt!r} (known: {', '.join(INPUT_FORMATS)})")


def input_format(path: str | None, fmt: str = "auto", text: str | None = None) -> str:
    """``fmt`` when named, else the format of ``path``'s suffix, else ``auto``.

    A ``.txt`` file is plain text unless its ``text`` is plainly a web page (it starts with
    ``<!DOCTYPE html>``/``<html>`` or has several ``</p>``/``<br>`` tags): then ``html``;
    or a Markdown draft with footnotes (``word[^1]`` and ``[^1]: …``): then ``markdown``.

    ``input_format("ch7.md")`` → ``"markdown"``; ``input_format("ch7.txt")`` → ``"text"``;
    ``input_format("ch7")`` → ``"auto"``;
    ``input_format("ch7.md", "text")`` → ``"text"``.
    """
    if fmt != "auto" or not path or path == "-":
        return fmt
    found = SUFFIX_INPUTS.get(Path(path).suffix.lower(), "auto")
    if found == "text" and text is not None and _html_page(text):
        return "html"  # a web page saved as .txt
    if found == "text" and text is not None and _md_footnotes(text):
        return "markdown"  # a draft with Markdown's footnotes saved as .txt
    return found


def _md_footnotes(text: str) -> bool:
    """``…the Ning Clan[^2]’s hall…`` and ``[^2]: Ning Clan – 宁家 – …`` on a line of its
    own: Markdown's footnotes, a reference and its definition (no plain text has both)."""
    defined = {m.group(1) for m in _MD_NOTE_DEF_RE.finditer(text)}
    return bool(defined) and any(m.group(1) in defined for m in _MD_NOTE_REF_RE.finditer(text))


def _html_page(text: str) -> bool:
    head = text[:200_000]
    return bool(_HTML_START_RE.match(head)) or len(_HTML_TAG_RE.findall(head, 0, 50_000)) >= 3


def sniff(text: str) -> str:
    """Guess the format of ``text``: ``html``, ``markdown`` or (when unsure) ``text``.

    * ``<!DOCTYPE html>…`` or ``<html>…``, or several ``</p>``/``<br>`` tags → ``html``
    * a ``# Heading`` line first, or two Markdown-only signs (``> `` quotes,
      ``\\*`` escapes, ``[links](…)``, ``#`` headings) → ``markdown``
    * a saved mail or news post (a header block first): ``text``, whatever its ``>`` quotes
    * anything else → ``text`` (fanfic ``*thoughts*`` and ``***`` are plain text too)
    """
    from fanfmt.reader.transport import opens_with_headers

    head = text[:200_000]
    if _html_page(head):
        return "html"
    if opens_with_headers(head):
        return "text"
    first = next((line for line in head.splitlines() if line.strip()), "")
    if _MD_HEADING_RE.match(first):
        return "markdown"
    signs = sum(
        1
        for pattern in (_MD_HEADING_RE, _MD_QUOTE_RE, _MD_ESCAPE_RE, _MD_LINK_RE)
        if pattern.search(head)
    )
    return "markdown" if signs >= 2 else "text"


def rules_done_by(fmt: str) -> frozenset[str]:
    """Rules whose work the reader for ``fmt`` has already done (the chain skips them).

    Markdown emphasis is parsed by the Markdown reader, so the ``emphasis`` rule, which
    reads ``*stars*`` in plain text, would only undo the author's ``\\*`` escapes.
    """
    return _DONE_BY_READER.get(fmt, frozenset())
