"""One chapter, one heading: the page's own heading and the one the author typed are merged.

A saved FanFiction.Net or AO3 page names its chapter (``Chapter 6: The Ferryman``, from
the chapter menu), and the author often typed the heading again at the top of the text
(``Chapter Six``). When the two name the same chapter, with nothing of the story between
them, they are one heading:

* ``Chapter 6`` / ``The Ferryman`` then ``Chapter Six`` → ``Chapter Six`` / ``The Ferryman``
  (the author's own words for the number, the page's title where the author gave none)
* ``Chapter 6`` / ``The Ferryman`` then ``Chapter 6: Crossing`` → ``Chapter 6`` /
  ``Crossing`` (the author's heading is the one the reader sees in the text)
* ``Chapter 6`` then ``Chapter 7`` → two headings (two chapters)
* ``Chapter 13: Evil Fantasies`` then ``Chapter XII: Evil Fantasies`` → ``Chapter 13: Evil
  Fantasies``: the same title under another count (the author's count leaves out the
  prologue); the page's number is the one that runs through the book
* ``Prologue`` then ``Prologue`` (after the author's notes) → one heading: the same label
* ``Part 2`` then ``Chapter 2`` → two headings: a part and a chapter are other levels of
  the book, whatever their numbers
* notes, a disclaimer or a byline between the two stay where they are
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from fanfmt.model import AuthorNote, Block, Heading, Legend, Paragraph, Strong, is_story

_UNITS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_ORDINALS = {
    w: n
    for n, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
        "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
        "nineteenth".split()
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def number_value(label: str) -> int | None:
    """The number a chapter label names.

    ``"Chapter 6"`` → 6; ``"Chapter Six"`` → 6; ``"Chapter VI"`` → 6;
    ``"Chapter Twenty-One"`` → 21; ``"Sixth Chapter"`` → ``None``; ``"Prologue"`` → ``None``.
    """
    tokens = re.split(r"[\s\-–]+", label.strip().lower().rstrip(".:"))
    if len(tokens) < 2:
        return None  # "Prologue", "Chapter": a label with no number
    last = tokens[-1]
    if last.isdigit():
        return int(last)
    if all(ch in _ROMAN for ch in last):
        return _roman(last)
    words = _UNITS | _ORDINALS
    if len(tokens) >= 3 and tokens[-2] in _TENS and last in words:
        return _TENS[tokens[-2]] + words[last]
    return _TENS.get(last, words.get(last))


_LEVELS = frozenset(
    "part book volume vol act arc season episode section teil tome livre libro parte "
    "tomo часть книга том część".split()
)
"""Words that name a level of the book above or beside a chapter: ``Part 2`` is no twin of
``Chapter 2``."""


def other_levels(a: str, b: str) -> bool:
    """Whether labels ``a`` and ``b`` name different levels of the book.

    ``("Part 2", "Chapter 2")`` → ``True``; ``("Chapter 6", "Chapter Six")`` → ``False``;
    ``("Chapter 5", "Capítulo 5")`` → ``False`` (the same level, in two languages).
    """
    first = [(label.split() or [""])[0].casefold().rstrip(".:") for label in (a, b)]
    return first[0] != first[1] and any(word in _LEVELS for word in first)


def _roman(word: str) -> int:
    total = 0
    for ch, nxt in zip(word, [*word[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


_BETWEEN = 4
"""At most this many paragraphs (notes, a disclaimer) stand between the two headings."""
_FAR = 12
"""Further down, up to this many blocks, only a heading that repeats the page's number and
title (``Chapter 23 – Humiliation and Other Diversionary Tactics`` under the page's
``Chapter 23: Humiliation and Other Diversionary``, cut short by the site) is its twin,
whatever stands between them (an unlabelled thank-you, a rule)."""
_FAR_TITLE = 24
"""Up to this many blocks down, a line that is the page's chapter title alone, as typed
(``PROLOGO`` under the page's ``Chapter 1: Prologo``), is where the heading stands; so is
a heading that repeats the page's number and title both (``Chapter 1 – Banishment`` under
``Chapter 1: Banishment``, after a long preface, a legend and a disclaimer)."""


def merge_twin_headings(
    blocks: list[Block], aside: Callable[[Paragraph], bool] = lambda p: False
) -> list[Block]:
    """``blocks`` with a page's heading and the author's typed twins merged into one (an
    author may type it twice: ``*Chapter 1*: Title`` at the top, and again under the
    story's title).

    ``aside(p)`` says that a story paragraph between them is not story (a labelled note).
    """
    for _ in range(_TWINS_MAX):
        merged = _merge_twin(blocks, aside)
        if len(merged) == len(blocks):
            return merged
        blocks = merged
    return blocks


_TWINS_MAX = 3


def _merge_twin(blocks: list[Block], aside: Callable[[Paragraph], bool]) -> list[Block]:
    """One merge of :func:`merge_twin_headings`."""
    from fanfmt.walk import plain_text

    first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    if first is None or not blocks[first].number:  # type: ignore[union-attr]
        return blocks
    page = blocks[first]
    assert isinstance(page, Heading)
    clear = True
    for j in range(first + 1, min(len(blocks), first + 2 + _FAR_TITLE)):
        block = blocks[j]
        if isinstance(block, AuthorNote | Legend):
            continue
        if isinstance(block, Paragraph) and (block.role != "text" or aside(block)):
            continue  # a disclaimer, a byline, metadata, a labelled note
        named = plain_text(page.title) or plain_text(page.number)  # "Prologue": a label alone
        if isinstance(block, Paragraph) and _title_alone(named, block):
            moved = replace(page, line=block.line)  # the author's line: the same words
            return [*blocks[:first], *blocks[first + 1 : j], moved, *blocks[j + 1 :]]
        if not isinstance(block, Heading) or not block.number:
            clear = False
            continue
        if other_levels(plain_text(page.number), plain_text(block.number)):
            return blocks  # a part's heading and a chapter's: two headings
        a, b = number_value(plain_text(page.number)), number_value(plain_text(block.number))
        label = (
            a is None
            and b is None
            and _alnum(plain_text(page.number)) == _alnum(plain_text(block.number))
        )
        if label:
            a = b = 0  # "Prologue" and "Prologue": the same label, no count to compare
        both = (
            a is not None
            and a == b
            and (
                _same_title(plain_text(page.title), plain_text(block.title))
                or (label and not page.title and not block.title)
            )
        )
        if j > first + 1 + _FAR and not both:
            return blocks
        if (
            plain_text(page.title).strip()
            and plain_text(block.title).strip()
            and not _same_title(plain_text(page.title), plain_text(block.title))
        ):
            return blocks  # two titles: two headings, or one title's words would be lost
        near = clear and j <= first + 1 + _BETWEEN
        if a is None or a != b:
            if None in (a, b) or not _same_title(plain_text(page.title), plain_text(block.title)):
                return blocks
            # the same title under another count (the author leaves out the prologue):
            # the page's number is the one that runs through the book
            block = replace(block, number=page.number)
        if not near and not (both or _same_title(plain_text(page.title), plain_text(block.title))):
            return blocks
        typed = {
            _alnum(plain_text(b.children))
            for b in blocks[first + 1 : j]
            if isinstance(b, Paragraph)
        }
        story = page.story_title if _alnum(plain_text(page.story_title)) not in typed else ()
        merged = replace(
            block,
            title=block.title or page.title,
            story_title=block.story_title or story,  # not twice, where the author typed it
            line=page.line if near else block.line,
        )
        if j > first + 1 + _FAR:  # a long preface: the page's heading over it, and the
            # unlabelled paragraphs of the preface are the author's note they are
            top = replace(merged, line=page.line)
            return [*blocks[:first], top, *_preface(blocks[first + 1 : j]), *blocks[j + 1 :]]
        if not near:  # what stands between is the author's front matter: the heading stays
            return [*blocks[:first], *blocks[first + 1 : j], merged, *blocks[j + 1 :]]
        return [*blocks[:first], merged, *blocks[first + 1 : j], *blocks[j + 1 :]]
    return blocks


def _preface(blocks: list[Block]) -> list[Block]:
    """The blocks between a page's heading and its far twin, the run of plain story
    paragraphs they open with made one author's note (what follows it, a disclaimer, a
    legend, a byline, stays as it is)."""
    n = 0
    while n < len(blocks) and isinstance(blocks[n], Paragraph) and blocks[n].role == "text":  # type: ignore[union-attr]
        n += 1
    if n == 0:
        return blocks
    run = tuple(b for b in blocks[:n] if isinstance(b, Paragraph))
    return [AuthorNote(run, "before", line=run[0].line), *blocks[n:]]


def _title_alone(title: str, block: Paragraph) -> bool:
    """``PROLOGO`` (bold, italic or not) alone on its line, for the page's ``Prologo``."""
    from fanfmt.walk import plain_text

    text = plain_text(block.children)
    return len(text) <= len(title) + 8 and _alnum(text) == _alnum(title) != ""


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _same_title(page: str, typed: str) -> bool:
    """``"Cry Havoc"`` and ``"CRY HAVOC!"``; ``"Other Diversionary"`` and ``"Other
    Diversionary Tactics"`` (the site cuts long titles); never two empty titles."""
    a, b = _alnum(page), _alnum(typed)
    return bool(a and b) and (b.startswith(a) or a.startswith(b))


_TITLE_ROWS = 24
"""How far down the story's title typed again (with its byline) is looked for."""


def mark_typed_title(blocks: list[Block]) -> list[Block]:
    """The story's title typed again at the top (:func:`_typed_title`), then the heading
    typed again right over it (:func:`_title_over_heading`) or the title right under it
    (:func:`_title_under_heading`)."""
    marked = _typed_title(blocks)
    first = next((i for i, b in enumerate(marked) if isinstance(b, Heading)), None)
    if first is None:
        return marked
    below = first + 1 if first + 1 < len(marked) and isinstance(marked[first + 1], Heading) else 0
    marked = _title_over_heading(marked, below or first)
    first = next(i for i, b in enumerate(marked) if isinstance(b, Heading))
    return _title_under_heading(marked, first)


def _title_over_heading(blocks: list[Block], first: int) -> list[Block]:
    """The heading's words typed once more right over it, as the page's first line
    (``The Second Day`` / ``<h1>The Second Day</h1>``): one heading, the line is gone (its
    words are the heading's)."""
    from fanfmt.walk import plain_text

    if first == 0 or any(is_story(b) for b in blocks[: first - 1]):
        return blocks
    above, head = blocks[first - 1], blocks[first]
    assert isinstance(head, Heading)
    if isinstance(above, Heading) and not (above.number or above.story_title):
        typed = _alnum(plain_text(above.title))  # made a heading of its own, as a title
    elif isinstance(above, Paragraph) and above.role == "text":
        typed = _alnum(plain_text(above.children))
    else:
        return blocks
    names = {
        _alnum(plain_text(head.title)),
        _alnum(plain_text(head.number) + plain_text(head.title)),
        _alnum(plain_text(head.story_title) + plain_text(head.number) + plain_text(head.title)),
    }
    title = _alnum(plain_text(head.title))
    suffix = typed and title.endswith(typed) and 2 * len(typed) >= len(title)
    if not typed or not (typed in names or suffix):  # "Desperate Measures" over "Days 74-77:
        return blocks  # Desperate Measures": the title, its number left out
    return [*blocks[: first - 1], replace(head, line=above.line), *blocks[first + 1 :]]


def _typed_title(blocks: list[Block]) -> list[Block]:
    """The story's title as the author typed it again under the notes, alone or with its
    byline (``A Lucky Strike`` / ``by KSaraSara``), is a byline row, not story text.

    Only when the first heading names the story (a page's title) and the line is that
    title exactly, standing apart: a line typed right under another line of the story
    (``No ideas?`` / ``Out of ideas?``) is the story saying its title, not a title row.
    A ``By Someone`` line right under the title, in a paragraph of its own, is the same
    byline row. The words stay where they are.
    """
    from fanfmt.patterns import BYLINE
    from fanfmt.walk import plain_text

    first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
    if first is None:
        return blocks
    head = blocks[first]
    assert isinstance(head, Heading)
    title = _alnum(plain_text(head.story_title))
    if not title:
        return blocks
    out = list(blocks)
    passed = False  # a header of the title alone, then the chapter's line: one chapter
    for j in range(first + 1, min(len(out), first + 1 + _TITLE_ROWS)):
        block = out[j]
        if isinstance(block, Heading):
            if passed or head.number or head.title:
                break
            passed = True
            continue
        if not isinstance(block, Paragraph) or block.role != "text":
            continue
        lines = plain_text(block.children).split("\n")
        rest = [line.strip() for line in lines[1:] if line.strip()]
        above = out[j - 1]
        if (
            isinstance(above, Paragraph)
            and above.role == "text"
            and above.line + plain_text(above.children).count("\n") == block.line - 1
        ):
            continue  # one line of a run of lines: the story's own
        if (
            _alnum(lines[0]) == title
            and not rest
            and j == first + 1
            and not (head.number or head.title)
        ):  # a one-shot's page title, then the author's own right under it: one title
            typed = block.children
            if len(typed) == 1 and isinstance(typed[0], Strong):
                typed = typed[0].children
            out[first] = replace(head, story_title=typed, line=block.line)
            del out[j]
            break
        if lines[0].rstrip().endswith(":"):
            continue  # "To whom it may concern:" opening a letter, however like the title
        if _alnum(lines[0]) == title and all(BYLINE.match(line) for line in rest):
            out[j] = replace(block, role="byline")
            below = out[j + 1] if j + 1 < len(out) else None
            if (
                not rest
                and isinstance(below, Paragraph)
                and below.role == "text"
                and BYLINE.match(plain_text(below.children).strip())
            ):
                out[j + 1] = replace(below, role="byline")  # the title, then "By Someone"
            break
    return out


_HEADINGS_AT_TOP = 3
"""The title typed again is looked for under this many headings at the top."""


def _title_under_heading(blocks: list[Block], first: int) -> list[Block]:
    """A chapter heading, then the story's (or the chapter's) title alone on the next line,
    as a downloader prints it: the line is a title row (``byline``), not story. The words stay.

    ``Hot Chocolate`` (a header) / ``Chapter 1: Hot Chocolate`` / ``Hot Chocolate`` → the
    last line a title row; ``Chapter 1: Run`` / ``Run.`` → story (a sentence). A title typed
    on two lines under its heading is two title rows (:func:`_split_title`). In a whole
    story, each later chapter's title typed again under its heading is a title row too."""
    from fanfmt.walk import plain_text

    out = list(blocks)
    names: set[str] = set()
    seen = 0
    for k in range(first, len(out) - 1):
        head = out[k]
        if not isinstance(head, Heading):
            continue
        seen += 1
        top = seen <= _HEADINGS_AT_TOP  # further down, only the chapter's own title again
        if top:
            names.add(_alnum(plain_text(head.story_title)))
        below = out[k + 1]
        if not (isinstance(below, Paragraph) and below.role == "text"):
            continue
        two = _split_title(out, k + 1, names) if top else []
        if two:
            out[k + 1 : k + 3] = two
            continue
        if not head.number:
            continue
        typed = plain_text(below.children).strip()
        title = plain_text(head.title).strip()
        if "\n" in typed or (typed[-1:] in ".!?:" and typed[-1:] != title[-1:]):
            continue
        if _alnum(typed) and _alnum(typed) in (names if top else set()) | {_alnum(title)}:
            out[k + 1] = replace(below, role="byline")
    return out


def _split_title(blocks: list[Block], j: int, names: set[str]) -> list[Block]:
    """``blocks[j]`` and ``blocks[j + 1]`` as title rows when the two lines together are a
    title in ``names`` (``The Shroud`` / ``A Preface to It`` under ``The Shroud — A Preface
    to It``); else ``[]``."""
    from fanfmt.walk import plain_text

    pair = blocks[j : j + 2]
    if len(pair) < 2 or not all(isinstance(b, Paragraph) and b.role == "text" for b in pair):
        return []
    texts = [plain_text(b.children).strip() for b in pair if isinstance(b, Paragraph)]
    if any("\n" in t or not _alnum(t) for t in texts) or _alnum("".join(texts)) not in names:
        return []
    return [replace(b, role="byline") for b in pair if isinstance(b, Paragraph)]
