"""How the plain-text reader read a doubtful layout (all ``info``): said, never guessed silently.

* a blank line after every line, wider gaps between paragraphs → P003 (read as double-spaced)
* lines with no blank line between, short, not speech → P004 (read as verse stanzas)
* ``From:`` / ``Newsgroups:`` / ``Subject:`` headers, a ``-- `` signature → P005 (removed)
* ``Picard: Report.`` one speaker a line → P006 (read as a script)
* blank lines start some paragraphs, a two-space indent the others → P007
* lines that go on a sentence the line before broke off, in a file of a line a paragraph
  (a paste, a PDF's text) → P008 (joined to it)

The layout is decided by the reader from the source text (:mod:`fanfmt.reader.layout`);
these checks read the same source again and say what was decided.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from fanfmt.checks.base import Chapter, Finding, check
from fanfmt.model import LineBreak, Paragraph
from fanfmt.reader.layout import Layout
from fanfmt.reader.transport import story_title


@lru_cache(maxsize=2)
def source_layout(source: str) -> Layout | None:
    """The layout the plain-text reader found in ``source``; for a Markdown draft only its
    post headers (:func:`_draft_layout`); None for HTML.

    Kept for the last two sources: ``lint`` asks for it before it reads the chapter, when
    the reader's lines are all there is in memory beside the text, and the checks find
    it kept.
    """
    from fanfmt.reader import sniff
    from fanfmt.reader.paragraphs import plain_paragraphs

    kind = sniff(source)
    if kind == "markdown":
        return _draft_layout(source)
    if kind != "text":
        return None
    layout = Layout()
    for _ in plain_paragraphs(source, layout):
        pass
    return layout


def _draft_layout(source: str) -> Layout | None:
    """A Markdown draft's layout, as far as lint asks: the post headers at its top that the
    reader blanks (``From:`` / ``Subject:`` over the draft), else None."""
    from fanfmt.reader.front_matter import split_front_matter
    from fanfmt.reader.transport import Transport, draft_headers

    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front = split_front_matter(lines)
    lines[: front.lines] = [""] * front.lines
    posted, subjects = draft_headers(lines)
    if not posted:
        return None
    layout = Layout()
    layout.transport = Transport(header_lines=len(posted), subjects=subjects)
    return layout


def _first_line(chapter: Chapter) -> int:
    return chapter.paragraphs[0].line if chapter.paragraphs else 1


@check("P003", "read-as-double-spaced", "info")
def double_spaced(chapter: Chapter) -> Iterator[Finding]:
    """Every line is followed by a blank line: the chapter was read as double-spaced.

    Example: ``It was very late when the call finally came, and she had been ¶ ¶ asleep for an hour or so by then, dreaming of the sea. ¶ ¶ ¶ ×5``
    """  # noqa: E501
    layout = source_layout(chapter.source)
    if layout is not None and layout.double_spaced:
        message = (
            "every line is followed by a blank line: read as double-spaced "
            "(one blank line is a line of a paragraph, two end it)"
        )
        yield Finding(_first_line(chapter), 1, message)


@check("P004", "read-as-verse", "info")
def verse(chapter: Chapter) -> Iterator[Finding]:
    """Short lines with no blank line between them were read as verse, a stanza each.

    Example: ``She sang. ¶ ¶ Carry me down to the water ¶ Carry me down in the dark ¶ Light me a lamp for the crossing ¶ ¶ It ended.``
    """  # noqa: E501
    stanzas = [b for b in chapter.document.blocks if isinstance(b, Paragraph) and b.role == "verse"]
    if stanzas:
        lines = sum(1 + sum(isinstance(c, LineBreak) for c in b.children) for b in stanzas)
        message = f"{lines} lines look like verse: read as {len(stanzas)} stanza(s), lines kept"
        yield Finding(stanzas[0].line, 1, message)


@check("P005", "transport-removed", "info")
def transport_removed(chapter: Chapter) -> Iterator[Finding]:
    """Mail or Usenet headers and signatures were taken out of the story.

    Example: ``From: ann@example.org ¶ Newsgroups: rec.arts.example ¶ Subject: Home (1/2) ¶ Lines: 3 ¶ ¶ It rained.``
    """  # noqa: E501
    layout = source_layout(chapter.source)
    if layout is None or not layout.transport.removed:
        return
    found = layout.transport
    parts = []
    if found.header_lines:
        parts.append(f"Usenet/mail headers removed: {found.header_lines} lines")
    if found.signature_lines:
        parts.append(f"signatures removed: {found.signature_lines} lines")
    title = story_title(found)
    if title:
        parts.append(f"story title from Subject: {title!r}")
    yield Finding(1, 1, "; ".join(parts))


@check("P006", "read-as-script", "info")
def script(chapter: Chapter) -> Iterator[Finding]:
    """Lines start with a speaker's name and a colon: read as a script, a paragraph a speech.

    Example: ``Ann: Report. ¶ Bo: Nothing yet. ¶ Ann: And now? ¶ Bo: Rocks. ¶ Ann: Moving? ¶ Bo: Towards us.``
    """  # noqa: E501
    layout = source_layout(chapter.source)
    if layout is not None and layout.script:
        message = "lines start with a speaker's name: read as a script, one paragraph a speech"
        yield Finding(_first_line(chapter), 1, message)


@check("P007", "read-as-mixed-paragraphs", "info")
def mixed_paragraphs(chapter: Chapter) -> Iterator[Finding]:
    """Blank lines start some paragraphs and an indent with no blank line the others.

    Example: ``The keeper had not spoken to anyone for a month, and he had come to like it ¶ better than he had ever expected to, all things considered, up there alone. ¶   He signed for the peaches. ¶ ¶ The boatman lingered on the jetty longer than usual, looking at the sky and ¶ then at the keeper, as if one of them owed him a long explanation of it. ¶   The keeper nodded. ¶ ¶ That night the lamp went out at a quarter past eleven, and it stayed out ¶ until the storm had passed, whatever he tried to do about it in the dark. ¶   Nobody ever asked him.``
    """  # noqa: E501
    layout = source_layout(chapter.source)
    if layout is not None and layout.indent_rhythm:
        message = (
            "blank lines start some paragraphs and a two-space indent the others: "
            "read both as paragraph starts"
        )
        yield Finding(_first_line(chapter), 1, message)


@check("P008", "read-as-ragged-wrap", "info")
def ragged_wrap(chapter: Chapter) -> Iterator[Finding]:
    """Lines that go on a sentence the line before broke off were joined to it.

    Example: ``She lit the first lamp on the street and went on down the hill to the harbour, where the boats were in. ¶ ¶ ¶ The tears came, sounds she barely recognized as her own ¶ and could not choke back. ¶ ¶ ¶ She sat on the step. ¶ ¶ ¶ He came out and stood beside her for a long while and ¶ said nothing at all. ¶ ¶ ¶ The lamps went out one by one along the street below ¶ until the dark was whole.``
    """  # noqa: E501
    layout = source_layout(chapter.source)
    if layout is not None and layout.soft_joins:
        message = (
            f"{layout.soft_joins} line(s) go on a sentence the line before broke off: "
            "joined to it as one paragraph (a line a paragraph elsewhere)"
        )
        yield Finding(_first_line(chapter), 1, message)
