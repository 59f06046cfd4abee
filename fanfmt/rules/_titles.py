"""The shapes a story's title takes at the top of an old archive file.

* ``----- JUMP START  by Corin Vale -----`` (a banner) → title ``JUMP START`` and byline
  ``by Corin Vale``: :func:`split_banner`
* ``Dana Whitfield: LOST HIGHWAY`` → title ``LOST HIGHWAY``, byline ``Dana Whitfield``:
  :func:`split_author_title`
* ``Lost Highway`` / ``by`` / ``Dana Whitfield`` (a centred title block, each on its own
  line) → the lone ``by`` and the name are one byline: :func:`lone_by`
* ``Lost Highway (1/7)``, ``Lost Highway [Part 2 of 3]`` → title ``Lost Highway`` and
  part ``(1/7)``: :func:`split_part`
* ``Lost Highway`` alone over the story, no chapter line: :func:`lone_title`
"""

from __future__ import annotations

import re
from dataclasses import replace

from fanfmt import rx
from fanfmt.model import Block, Heading, Paragraph, Text, is_story
from fanfmt.patterns import AN_LABEL, BYLINE, CHAPTER_LINE
from fanfmt.rules._text import is_short_line, text_of, words

_BANNER_RE = rx.compile(
    r"^(?P<left>[-=~*_+#.:oOxX\s]{3,}?)\s*(?P<title>[^\W_].*?)\s+(?P<by>by\s+\S.*?)\s*"
    r"(?P<right>[-=~*_+#.:\s]{3,})$",
    re.IGNORECASE,
)
_DECORATION = set("-=~*_+#.:")
_PART_RE = rx.compile(
    r"^(?P<title>.*?[^\W_].*?)\s*[,:\-–—]?\s*"
    r"(?P<part>[(\[]\s*(?:part\s+)?\d{1,3}\s*(?:/|of)\s*(?:\d{1,3}|\?)\s*[)\]]"
    r"|(?:part\s+)\d{1,3}\s*(?:/|of)\s*(?:\d{1,3}|\?))\s*$",
    re.IGNORECASE,
)
_AUTHOR_TITLE_RE = rx.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}):\s+(?P<title>[^a-z]{2,60})$"
)
"""``Ana Morrow: LOW TIDE``: two to four capitalised words, a colon, a title in capitals."""
_FIELD_LINE_RE = rx.compile(r"^[^\W\d_][\w .'’-]{0,30}:\s")
_MAX_BANNER = 90
PROSE_MIN_WORDS = 15
PROSE_ENDS = '.!?"”’…'
"""A lone title line is the title when a paragraph of at least ``PROSE_MIN_WORDS`` words,
ending as a sentence ends, follows it."""
BYLINE_NAME_MAX_WORDS = 5
TITLE_LOOK_AHEAD = 5
"""How many blocks under a lone title line the story's first prose may wait."""
"""The name under a lone ``by`` is at most this many words."""


def split_banner(text: str) -> tuple[str, str] | None:
    """``"----- JUMP START  by Corin Vale -----"`` → ``("JUMP START", "by Corin Vale")``.

    The line must be decorated on both sides with rule characters; ``"Stand by me"`` →
    ``None``.
    """
    if len(text) > _MAX_BANNER:
        return None
    m = _BANNER_RE.match(text.strip())
    if m is None:
        return None
    left, right = m.group("left"), m.group("right")
    if sum(ch in _DECORATION for ch in left) < 3 or sum(ch in _DECORATION for ch in right) < 3:
        return None
    title = " ".join(m.group("title").split())
    byline = " ".join(m.group("by").split())
    if len(byline.split()) > 6:
        return None
    return title, byline


def lone_by(text: str) -> bool:
    """``"by"`` (or ``"By:"``, ``"written by"``) alone on its line: a name follows."""
    return text.strip().lower().rstrip(":") in ("by", "written by", "a story by", "story by")


def split_part(text: str) -> tuple[str, str] | None:
    """``"Lost Highway (1/7)"`` → ``("Lost Highway", "(1/7)")``; ``"Lost Highway"`` → ``None``.

    ``"Lost Highway, Part 2 of 3"`` → ``("Lost Highway", "Part 2 of 3")``.
    """
    m = _PART_RE.match(text.strip())
    if m is None:
        return None
    return m.group("title").strip(" ,:-"), m.group("part").strip()


def split_author_title(text: str) -> tuple[str, str] | None:
    """``"Ana Morrow: LOW TIDE"`` → ``("LOW TIDE", "Ana Morrow")``: a disk magazine's
    heading, the author's name, a colon and the title in capitals.

    ``"Mairiam: Ooh, it's late."`` (a script's speaker) → ``None``.
    """
    m = _AUTHOR_TITLE_RE.match(text.strip())
    if m is None or not any(ch.isalpha() for ch in m.group("title")):
        return None
    return m.group("title").strip(), m.group("name").strip()


def _typed_block(out: list[Block]) -> list[Block] | None:
    """``“Low Tide”`` / ``Sung to the tune of …`` / ``by Ana Morrow``, on the first lines
    with no blank line between: the first line the title (a heading), the byline, and
    the lines between them metadata."""
    top = out[:4]
    if not top or not all(isinstance(b, Paragraph) and is_story(b) for b in top[:2]):
        return None
    byline = next(
        (
            k
            for k, b in enumerate(top)
            if k and isinstance(b, Paragraph) and BYLINE.match(text_of(b))
        ),
        None,
    )
    if byline is None or byline < 2:
        return None  # title / by: the front matter pairs them with a chapter line
    lines = [b.line for b in top[: byline + 1] if isinstance(b, Paragraph)]
    if len(lines) != byline + 1 or lines != list(range(lines[0], lines[0] + byline + 1)):
        return None  # not one run of lines
    if any(is_story(b) and CHAPTER_LINE.match(text_of(b)) for b in top[: byline + 1]):
        return None  # "TITLE / Part Two / by Name": the front matter reads a chapter line
    first = top[0]
    assert isinstance(first, Paragraph)
    if not is_short_line(text_of(first), 10) or _FIELD_LINE_RE.match(text_of(first)):
        return None  # "Title: …" is a header field: the front matter reads those
    heading = Heading((), (), first.children, first.line, first.gap_before)
    middle = [replace(b, role="metadata") for b in top[1:byline] if isinstance(b, Paragraph)]
    name = top[byline]
    assert isinstance(name, Paragraph)
    return [heading, *middle, replace(name, role="byline"), *out[byline + 1 :]]


def title_block(blocks: list[Block], rows: int) -> list[Block]:
    """An old archive's title block, made plain for :func:`_front_matter`: a banner line
    (``--- TITLE by Name ---``) or a ``Name: TITLE`` line becomes a title and a byline,
    a lone ``by`` and the name under it one byline; a title, a subtitle and a ``by``
    line typed one under the other become a heading, metadata and a byline."""
    out = list(blocks)
    typed = _typed_block(out)
    if typed is not None:
        return typed
    if out and is_story(out[0]):
        first = out[0]
        assert isinstance(first, Paragraph)
        banner = split_banner(text_of(first))
        named = split_author_title(text_of(first))
        if banner is not None:
            title, byline = banner
            out[0:1] = [
                replace(first, children=(Text(title),)),
                replace(first, children=(Text(byline),), gap_before=0),
            ]
        elif named is not None:
            title, author = named
            out[0:1] = [
                replace(first, children=(Text(title),)),
                replace(first, children=(Text(author),), role="byline", gap_before=0),
            ]
    for j in range(min(len(out) - 1, rows)):
        block, name = out[j], out[j + 1]
        if is_story(block) and lone_by(text_of(block)) and is_story(name):
            assert isinstance(block, Paragraph)
            assert isinstance(name, Paragraph)
            if is_short_line(text_of(name), BYLINE_NAME_MAX_WORDS):
                joined = (Text(text_of(block).strip() + " "), *name.children)
                out[j : j + 2] = [replace(block, children=joined)]
                break
    return out


def part_number(blocks: list[Block], zone: int) -> list[Block]:
    """``Lost Highway (1/7)`` as the story title: the title ``Lost Highway``, and ``(1/7)``
    the heading's number when it has none."""
    from fanfmt.walk import plain_text

    for j, block in enumerate(blocks[:zone]):
        if isinstance(block, Heading) and block.story_title and not block.number:
            found = split_part(plain_text(block.story_title))
            if found is not None and found[0]:
                title, part = found
                blocks = list(blocks)
                blocks[j] = replace(block, story_title=(Text(title),), number=(Text(part),))
            break
    return blocks


def lone_title(
    blocks: list[Block], i: int, title: Paragraph, out: list[Block], recognised: list[Paragraph]
) -> bool:
    """Is ``title``, waiting with no chapter line found, the story's title?

    * the first block, in title case, then an A/N, a disclaimer or prose (``Paper Lanterns``)
    * the first line, set apart, that the opening says again word for word (``Out of
      ideas?`` / ``No plot? No time? Out of ideas?``): a headline, as an advert or a poem
      names itself
    * or the first block that is not a date, a copyright or a byline line, and set apart:
      below such header lines, or with more space around it than the story's paragraphs
      have (``Our ghost struck again`` / two blank lines / the story); a short subtitle
      (``(a play)``), a centred subtitle of several lines, its underline row or a banner
      line (``*** Project ***``) may stand between it and the prose
    """
    first = blocks.index(title)
    if any(is_story(b) for b in out):
        return False  # the blocks above it were not all header lines
    if _first_of_sections(title, blocks[first + 1 :]):
        return False  # PRODUCT NAME … BRIEF DESCRIPTION … REVIEW: a post's sections
    after = blocks[i] if i < len(blocks) else None
    followed = recognised or (after is not None and (_note_label(after) or _prose(after)))
    if first == 0 and _title_case(text_of(title)) and followed:
        return True
    if first == 0 and _echoed(title, blocks[i : i + ECHO_BLOCKS]):
        return True
    for block in blocks[i : i + TITLE_LOOK_AHEAD]:
        if isinstance(block, Paragraph) and (
            block.role in ("byline", "verse") or _set_lines(block)
        ):
            continue  # a byline, or a subtitle set as lines
        if isinstance(block, Paragraph) and not any(ch.isalnum() for ch in text_of(block)):
            continue  # the row under a title block
        if is_story(block) and len(text_of(block).split()) >= PROSE_MIN_WORDS:
            # set apart: by header lines above it, or by more space than paragraphs have
            return first > 0 or title.gap_before > 0 or block.gap_before > 0
        if not (is_story(block) and is_short_line(text_of(block), 8)):
            return False
    return False


SECTION_TITLE_MAX_WORDS = 6
SECTION_TITLES_MIN = 3
"""A text with this many more lines like it in capitals, alone, has sections, not a title."""


def _caps_line(block: Block) -> bool:
    """``BRIEF DESCRIPTION``, ``COPY PROTECTION``: a short line in capitals, alone."""
    if not is_story(block):
        return False
    text = text_of(block).strip()
    return (
        "\n" not in text
        and 0 < len(text.split()) <= SECTION_TITLE_MAX_WORDS
        and text.upper() == text
        and any(ch.isalpha() for ch in text)
    )


def _first_of_sections(title: Paragraph, rest: list[Block]) -> bool:
    """Is ``title`` (``PRODUCT NAME``) the first of the text's section titles, several more
    of them below it (``BRIEF DESCRIPTION`` / ``LIST PRICE`` / ``REVIEW``)?"""
    return _caps_line(title) and sum(map(_caps_line, rest)) >= SECTION_TITLES_MIN


ECHO_BLOCKS = 6
"""A headline is said again within this many paragraphs of the opening."""


def _echoed(title: Paragraph, opening: list[Block]) -> bool:
    """Does a line of ``opening`` say ``title`` again (case and spacing aside), after other
    lines of its own, with prose to follow? (``X`` / ``X`` alone is no headline.)"""
    said = " ".join(text_of(title).split()).casefold()
    if not said or not is_short_line(said, 8) or not any(_prose(b) for b in opening):
        return False
    for block in opening[1:]:
        if is_story(block):
            lines = text_of(block).splitlines() or [text_of(block)]
            if any(" ".join(line.split()).casefold() == said for line in lines):
                return True
    return False


def _set_lines(block: Paragraph) -> bool:
    """A block of short lines kept as lines (``being the keeper's account`` / ``of the
    winter``), as a centred subtitle is set."""
    from fanfmt.model import LineBreak

    return any(isinstance(c, LineBreak) for c in block.children) and all(
        is_short_line(line, 8) for line in text_of(block).split("\n")
    )


def _prose(block: Block) -> bool:
    """A paragraph of the story proper: long, and ending as a sentence ends."""
    if not is_story(block):
        return False
    text = text_of(block).rstrip()
    return len(text.split()) >= PROSE_MIN_WORDS and text[-1:] in PROSE_ENDS


def _note_label(block: Block) -> bool:
    return is_story(block) and bool(AN_LABEL.match(text_of(block)))


def _title_case(text: str) -> bool:
    """``Paper Lanterns``, ``The Girl Who Counted Crows``: most longer words capitalised."""
    if any(ch in text for ch in "[]<>{}"):
        return False  # markup, not a title
    long_words = [w for w in words(text) if len(w) >= 4]
    capitals = sum(1 for w in long_words if w[0].isupper())
    return bool(long_words) and capitals >= 0.6 * len(long_words)


_HEADS_OVER = 3
"""At most this many headings with no chapter number stand over the first chapter line."""


def story_over_chapter(blocks: list[Block], zone: int) -> list[Block]:
    """The page's unnumbered headings over its first chapter line: the first names the
    story, the others under it (an author, a translator) are its bylines.

    ``<h1>The Long Night</h1><h4>by Fish</h4><h2>Chapter 1: Riders</h2>`` → one heading,
    story title ``The Long Night``, number ``Chapter 1``, title ``Riders``, and the byline
    ``by Fish`` under it; a rule or an epigraph in italics may stand between them. A
    story's words between them, or a heading with a number of its own first (``Book
    One``), and nothing changes."""
    from fanfmt.walk import plain_text

    heads: list[int] = []
    for j, block in enumerate(blocks[:zone]):
        if isinstance(block, Heading):
            if block.story_title:
                return blocks
            if block.number:
                break
            heads.append(j)
            if len(heads) > _HEADS_OVER:
                return blocks
        elif not _between_heads(block):
            return blocks
    else:
        return blocks
    if not heads:
        return blocks
    chapter = blocks[j]
    assert isinstance(chapter, Heading)
    first = blocks[heads[0]]
    assert isinstance(first, Heading)
    if not plain_text(first.title).strip():
        return blocks
    bylines = [
        Paragraph(h.title, h.line, "byline", h.gap_before)
        for h in (blocks[i] for i in heads[1:])
        if isinstance(h, Heading)
    ]
    merged = replace(chapter, story_title=first.title, line=first.line)
    kept = [b for i, b in enumerate(blocks[heads[0] + 1 : j], heads[0] + 1) if i not in heads]
    return [*blocks[: heads[0]], merged, *bylines, *kept, *blocks[j + 1 :]]


def _between_heads(block: Block) -> bool:
    """What may stand between a page's title and its chapter line: a rule, an empty row,
    an epigraph in italics (``<p><em>“Your fear of death…</em>”</p>``)."""
    from fanfmt.model import Emphasis, SceneBreak
    from fanfmt.walk import plain_text

    if isinstance(block, SceneBreak):
        return True
    if not isinstance(block, Paragraph) or block.role != "text":
        return False
    outside = "".join(plain_text((c,)) for c in block.children if not isinstance(c, Emphasis))
    return not any(ch.isalnum() for ch in outside)


TITLE_AFTER_NOTE_WORDS = 8


def title_after_note(blocks: list[Block], k: int) -> bool:
    """After an opening note, in a chapter with no heading anywhere, is the line at ``k``
    (set apart over the prose) the title? If so it becomes a heading, in place:
    ``[note, FROM EARTH, As the sun rose…]`` at 1 → True; a sentence, a long line, a
    line in lower case, or a line with no prose under it → False."""
    if k + 1 >= len(blocks) or any(isinstance(b, Heading) for b in blocks):
        return False
    line = blocks[k]
    if not (isinstance(line, Paragraph) and is_story(line) and _prose(blocks[k + 1])):
        return False
    text = text_of(line).strip()
    if "\n" in text or not is_short_line(text, TITLE_AFTER_NOTE_WORDS):
        return False
    if not (text.isupper() or _title_case(text)) or text.endswith((".", "!", "?", ",", ":")):
        return False
    blocks[k] = Heading(title=line.children, line=line.line, gap_before=line.gap_before)
    return True
