"""``--explain``: every change the rules made, paragraph by paragraph, with the rule that made it.

The chain records the document after each rule (``ctx.changes``); comparing each
with the one before gives the changes::

       143  apostrophes   " doesn[-'-]{+’+}t look right," he said.
            quotes        [-"-]{+“+} doesn’t look right,[-"-]{+”+} he said.
        88  captions      paragraph → caption

Inline nodes are shown as text: quotation marks as the glyphs a writer prints,
``[i:…]`` emphasis, ``[b:…]`` strong, ``[thought:…]`` a thought, ``↵`` a line break.
Deletions are ``[-…-]`` and insertions ``{+…+}`` (red and green on a terminal).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from fanfmt import rx
from fanfmt.model import (
    AuthorNote,
    Document,
    Footnotes,
    Heading,
    Inline,
    Legend,
    Paragraph,
    SceneBreak,
)
from fanfmt.options import Options
from fanfmt.pipeline import READ_STEP
from fanfmt.writers.inline import LINE_BREAK, ExplainInlines

__all__ = ["LINE_BREAK", "READ_STEP", "explain_changes", "explain_text", "render_inlines"]

CONTEXT = 24
"""Characters of unchanged text shown on each side of a change."""
_TOKEN_RE = rx.compile(r"\w+|\s+|.", re.DOTALL)

Style = Callable[[str, str], str]
"""``style(text, role)`` → text to print; roles: ``delete``, ``insert``, ``rule``, ``line``."""


def plain_style(text: str, role: str) -> str:
    """No colour."""
    return text


@dataclass(frozen=True, slots=True)
class Entry:
    """One block (or one paragraph of a note or legend) as the explain view shows it."""

    kind: str
    node: object
    """The model node, compared before anything is rendered."""

    def tokens(self) -> tuple[str, ...]:
        """The rendered text, split into words, spaces, punctuation and markup."""
        return tuple(_tokens(render_entry(self.node)))


@dataclass(frozen=True, slots=True)
class Change:
    """What one rule did to one source line."""

    line: int
    """The source line (0 for a change to the whole document)."""
    rule: str
    what: Literal["text", "kind", "added", "removed", "document"]
    before: str = ""
    """The kind (or text) before, for kind changes and removals."""
    after: str = ""
    """The kind (or text) after, for kind changes and additions."""
    segments: tuple[tuple[str, str], ...] = ()
    """For text changes: ``(op, text)`` with op ``equal``, ``delete`` or ``insert``."""


def render_inlines(children: tuple[Inline, ...]) -> str:
    """``(Text("a "), Emphasis((Text("b"),)))`` → ``"a [i:b]"``; quotes as their glyphs."""
    return _EXPLAIN.render(children)


_EXPLAIN = ExplainInlines()


def render_entry(node: object) -> str:
    """The text shown for a block."""
    match node:
        case Paragraph():
            return render_inlines(node.children)
        case Heading():
            number, title = render_inlines(node.number), render_inlines(node.title)
            text = f"{number}: {title}" if number and title else number or title
            story = render_inlines(node.story_title)
            return f"{text} (story: {story})" if story else text
        case SceneBreak():
            return node.marker or f"{node.gap_before or 'extra'} blank lines"
    return ""


def _tokens(text: str) -> Iterator[str]:
    """Words, runs of space, single characters; ``[i:`` and friends stay whole."""
    pos = 0
    for m in re.finditer(r"\[(?:i|b|thought):", text):
        yield from _TOKEN_RE.findall(text, pos, m.start())
        yield m.group()
        pos = m.end()
    yield from _TOKEN_RE.findall(text, pos)


def view(doc: Document) -> dict[int, Entry]:
    """Source line → the block (or note or legend paragraph) that starts there."""
    entries: dict[int, Entry] = {}
    for block in doc.blocks:
        match block:
            case Paragraph():
                kind = "paragraph" if block.role == "text" else block.role
                entries[block.line] = Entry(kind, block)
            case AuthorNote():
                for p in block.paragraphs:
                    entries[p.line] = Entry(f"author's note ({block.position})", p)
            case Legend():
                for p in block.paragraphs:
                    entries[p.line] = Entry("legend", p)
            case Footnotes():
                for note in block.notes:
                    for p in note.paragraphs:
                        entries[p.line] = Entry(f"footnote {note.number}", p)
            case Heading():
                entries[block.line] = Entry("heading", block)
            case SceneBreak():
                entries.setdefault(block.line, Entry("scene break", block))
    return entries


def diff_segments(before: Sequence[str], after: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Token lists → ``(op, text)`` segments, adjacent ones of the same op merged."""
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", "".join(before[i1:i2]))
            continue
        add("delete", "".join(before[i1:i2]))
        add("insert", "".join(after[j1:j2]))
    return tuple(out)


def _compare(rule: str, old: Document, new: Document) -> Iterator[Change]:
    if old.convention is not new.convention:  # set by a rule, even if to the same value
        yield Change(0, rule, "document", after=f"convention: {new.convention.describe()}")
    if old.blocks is new.blocks:
        return
    before, after = view(old), view(new)
    for line in sorted(before.keys() | after.keys()):
        a, b = before.get(line), after.get(line)
        if a is not None and b is not None and a.kind == b.kind and (a.node is b.node or a == b):
            continue
        if a is None and b is not None:
            yield Change(line, rule, "added", after=f"{b.kind}: {render_entry(b.node)}")
        elif b is None and a is not None:
            yield Change(line, rule, "removed", before=f"{a.kind}: {render_entry(a.node)}")
        elif a is not None and b is not None:
            if a.kind != b.kind:
                yield Change(line, rule, "kind", before=a.kind, after=b.kind)
            old_tokens, new_tokens = a.tokens(), b.tokens()
            if old_tokens != new_tokens:
                segments = diff_segments(old_tokens, new_tokens)
                yield Change(line, rule, "text", segments=segments)


def explain_changes(steps: Sequence[tuple[str, Document]]) -> list[Change]:
    """Every change between consecutive documents of ``steps`` (``ctx.changes``), by line.

    The first step is the document as read; each later one is named after its rule.
    Changes to one line keep the chain's order.
    """
    changes: list[Change] = []
    for (_, old), (rule, new) in itertools.pairwise(steps):
        changes.extend(_compare(rule, old, new))
    changes.sort(key=lambda c: c.line)
    return changes


def _elide(text: str, *, keep_start: bool, keep_end: bool) -> str:
    """Shorten an unchanged run to ``CONTEXT`` characters next to the changes around it."""
    if len(text) <= 2 * CONTEXT + 1:
        return text
    head = text[:CONTEXT] if keep_start else ""
    tail = text[-CONTEXT:] if keep_end else ""
    return f"{head}…{tail}"


def format_segments(segments: Sequence[tuple[str, str]], style: Style = plain_style) -> str:
    """Segments as one line: ``[("equal", "don"), ("delete", "'"), ("insert", "’"), …]``
    → ``don[-'-]{+’+}…``, long unchanged runs shortened to their ends."""
    parts: list[str] = []
    last = len(segments) - 1
    for i, (op, text) in enumerate(segments):
        if op == "equal":
            parts.append(_elide(text, keep_start=i > 0, keep_end=i < last))
        elif op == "delete":
            parts.append(style(f"[-{text}-]", "delete"))
        else:
            parts.append(style(f"{{+{text}+}}", "insert"))
    return "".join(parts).replace("\n", LINE_BREAK)


def describe(change: Change, style: Style = plain_style) -> str:
    """What a change did, on one line."""
    match change.what:
        case "text":
            return format_segments(change.segments, style)
        case "kind":
            return f"{change.before} → {change.after}"
        case "added":
            return style(f"+ {change.after}", "insert")
        case "removed":
            return style(f"- {change.before}", "delete")
        case "document":
            return change.after


def format_changes(source: str, changes: Sequence[Change], style: Style = plain_style) -> str:
    """The whole explain view of one chapter."""
    from fanfmt.shown import printable

    source = printable(source)
    if not changes:
        return f"{source}: no changes\n"
    width = max(len(c.rule) for c in changes)
    numbers = max(len(str(c.line) if c.line else "doc") for c in changes)
    per_rule = Counter(c.rule for c in changes)
    order = list(dict.fromkeys(c.rule for c in sorted(changes, key=_chain_order(changes))))
    lines = {c.line for c in changes if c.line}
    out = [
        f"{source}: {len(changes)} changes to {len(lines)} paragraphs",
        "by rule: " + ", ".join(f"{rule} {per_rule[rule]}" for rule in order),
        "",
    ]
    previous: int | None = None
    for change in changes:
        label = "" if change.line == previous else (str(change.line) if change.line else "doc")
        previous = change.line
        rule = style(f"{change.rule:<{width}}", "rule")
        out.append(f"{style(f'{label:>{numbers}}', 'line')}  {rule}  {describe(change, style)}")
    return "\n".join(out) + "\n"


def _chain_order(changes: Sequence[Change]) -> Callable[[Change], int]:
    """Rules in the order they first change something in a paragraph, chain order kept."""
    first: dict[str, int] = {}
    for index, change in enumerate(changes):
        first.setdefault(change.rule, index)
    from fanfmt.rules import DEFAULT_CHAIN

    names = DEFAULT_CHAIN.names()
    return lambda c: names.index(c.rule) if c.rule in names else len(names) + first[c.rule]


def explain_text(
    text: str, options: Options | None = None, *, source: str = "", from_format: str = "auto"
) -> list[Change]:
    """Run the chain on ``text`` (as ``build`` does) and list every change it made."""
    from fanfmt.pipeline import normalise
    from fanfmt.rules.table import Context

    ctx = Context(options or Options(), changes=[])
    normalise(text, options, source=source, ctx=ctx, from_format=from_format)
    return explain_changes(ctx.changes or [])


def explain_file(path: str, options: Options | None = None) -> list[Change]:
    """:func:`explain_text` for a chapter file (``-`` for standard input)."""
    from fanfmt.files import read_input
    from fanfmt.reader import input_format

    options = options or Options()
    decoded = read_input(path, options.encoding)
    fmt = input_format(path, options.from_format, decoded.text)
    return explain_text(decoded.text, options, source=path, from_format=fmt)
