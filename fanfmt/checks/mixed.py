"""Two conventions for one thing in the same chapter (reported once, where the rarer one starts).

* ``Wait..`` … ``Then...`` → C001 (two ellipsis styles; both become …)
* ``'Not again.'`` … ``*Not again.*`` … → C002 (two thought styles; only one is set as thoughts)
* ``"Run," he said.`` … ``'Why?' she asked.`` → C003 (American and British dialogue)
* ``***`` … ``~~~`` → C004 (two scene-break markers; all are drawn alike)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from fanfmt import rx
from fanfmt.checks.base import Chapter, Finding, check, run_fold, story_spots
from fanfmt.lexicon import SPEECH_VERBS
from fanfmt.model import Emphasis, Quoted, SceneBreak, Thought
from fanfmt.patterns import ELLIPSIS_TYPED, alternatives
from fanfmt.walk import plain_text

_SPEECH_VERBS = alternatives(SPEECH_VERBS)
TAG_AFTER_RE = rx.compile(
    rf"^\s*(?:he|she|they|I|we|you|it|[A-Z][\w-]+)\s+(?:{_SPEECH_VERBS})\b"
    rf"|^\s*(?:{_SPEECH_VERBS})\s+(?:he|she|they|I|[A-Z][\w-]+)\b"
)
TAG_BEFORE_RE = rx.compile(rf"\b(?:{_SPEECH_VERBS}),?\s*$")
_MIN_THOUGHTS = 2


def _ellipsis_style(text: str) -> str:
    return {"..": "'..'", "...": "'...'", ". . .": "'. . .'"}.get(text, "'…'")


@check("C001", "mixed-ellipses", "info")
def mixed_ellipses(chapter: Chapter) -> Iterator[Finding]:
    """Ellipses typed two ways (``..`` and ``...``); fanfmt makes them all one ``…``.

    Example: ``"Wait.." ¶ "Why..." ¶ "Never mind.."``
    """
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for p in chapter.prose():
        for m in ELLIPSIS_TYPED.finditer(p.text):
            style = _ellipsis_style(m.group())
            counts[style] += 1
            if style not in first:  # (where a match is costs the paragraph's positions)
                first[style] = p.at(m.start(), "")
    if len(counts) < 2:
        return
    rarest = min(counts, key=lambda s: (counts[s], first[s].line))
    summary = ", ".join(f"{n} {style}" for style, n in counts.most_common())
    at = first[rarest]
    yield Finding(at.line, at.col, f"ellipses typed {len(counts)} ways ({summary}): first {rarest}")


class _Thoughts:
    """Thought-like spans by style: thoughts found, and sentences that look like thoughts."""

    def __init__(self, chapter: Chapter) -> None:
        self.chapter = chapter
        self.counts: Counter[str] = Counter()
        self.first: dict[str, Finding] = {}

    def _seen(self, style: str, line: int, text: str) -> None:
        self.counts[style] += 1
        if style not in self.first:
            self.first[style] = self.chapter.near(line, text, "")

    def tally(self, piece: Chapter) -> None:
        doc = piece.document
        for spot in story_spots(doc):
            node = spot.node
            if spot.in_dialogue:
                continue
            if isinstance(node, Thought):
                style = "'single-quoted'" if node.marker == "single" else "*italic*"
                self._seen(style, spot.line, plain_text(node.children))
            elif isinstance(node, Emphasis) and _sentence(plain_text(node.children)):
                self._seen("*italic*", spot.line, plain_text(node.children))
            elif (
                isinstance(node, Quoted)
                and node.kind == "single"
                and doc.convention.quotes == "american"
                and _sentence(plain_text(node.children))
                and not TAG_AFTER_RE.match(spot.after)
            ):
                self._seen("'single-quoted'", spot.line, plain_text(node.children))

    def verdict(self) -> Iterator[Finding]:
        counts, first = self.counts, self.first
        if len(counts) < 2 or min(counts.values()) < _MIN_THOUGHTS:
            return
        rarest = min(counts, key=lambda s: (counts[s], first[s].line))
        summary = " and ".join(f"{n} {style}" for style, n in counts.most_common())
        at = first[rarest]
        yield Finding(
            at.line, at.col, f"thoughts written two ways ({summary}): first {rarest} one here"
        )


def _sentence(text: str) -> bool:
    stripped = text.strip()
    return len(stripped.split()) >= 3 and stripped[-1:] in ".?!…"


@check("C002", "mixed-thoughts", "warning", scope="fold", fold=_Thoughts)
def mixed_thoughts(chapter: Chapter) -> Iterator[Finding]:
    """Thoughts in both ``'single quotes'`` and ``*italics*``: only one style is set as thoughts.

    Example: ``'Not this again.' ¶ *Why is it always me?* ¶ 'Just go away now.' ¶ *I could stay.*``
    """
    return run_fold(_Thoughts, chapter)


class _Quoting:
    """Dialogue spans in the quotes the chapter's convention does not use."""

    def __init__(self, chapter: Chapter) -> None:
        self.chapter = chapter
        self.other = ""
        self.spans = 0
        self.found: Finding | None = None

    def tally(self, piece: Chapter) -> None:
        doc = piece.document
        other = self.other = "single" if doc.convention.quotes == "american" else "double"
        for spot in story_spots(doc):
            node = spot.node
            if spot.in_dialogue or not isinstance(node, Quoted | Thought):
                continue
            kind = node.kind if isinstance(node, Quoted) else "single"
            if isinstance(node, Thought) and node.marker != "single":
                continue
            if kind == other and (
                TAG_AFTER_RE.match(spot.after) or TAG_BEFORE_RE.search(spot.before)
            ):
                self.spans += 1
                if self.found is None:
                    text = plain_text(node.children)
                    style = "British" if other == "single" else "American"
                    self.found = self.chapter.near(spot.line, text, f"{style}-style dialogue")

    def verdict(self) -> Iterator[Finding]:
        found, other = self.found, self.other
        if found is not None:
            main = "American (double quotes)" if other == "single" else "British (single quotes)"
            yield Finding(
                found.line,
                found.col,
                f"dialogue quoted two ways: the chapter reads as {main}, but {self.spans} "
                f"span(s) are in {other} quotes, first here",
            )


@check("C003", "mixed-quoting", "warning", scope="fold", fold=_Quoting)
def mixed_quoting(chapter: Chapter) -> Iterator[Finding]:
    """Dialogue in both double and single quotes: some of it will be read as something else.

    Example: ``"Run," he said. ¶ 'Why?' she asked. ¶ "Just run!"``
    """
    return run_fold(_Quoting, chapter)


@check("C004", "mixed-scene-breaks", "info")
def mixed_scene_breaks(chapter: Chapter) -> Iterator[Finding]:
    """Scene breaks marked more than one way; fanfmt draws them all alike.

    Example: ``One. ¶ * * * ¶ Two. ¶ ~~~ ¶ Three.``
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for block in chapter.document.blocks:
        if isinstance(block, SceneBreak):
            marker = repr(block.marker) if block.marker else "blank lines"
            counts[marker] += 1
            first.setdefault(marker, block.line)
    if len(counts) < 2:
        return
    rarest = min(counts, key=lambda m: (counts[m], first[m]))
    summary = ", ".join(f"{n} {marker}" for marker, n in counts.most_common())
    yield Finding(first[rarest], 1, f"scene breaks marked {len(counts)} ways ({summary})")
