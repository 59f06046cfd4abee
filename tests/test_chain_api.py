"""The library surface: the rule tables, :class:`Options` and :func:`fanfmt.convert`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it.utils import read_fixture_file

import fanfmt
import fanfmt.rules
from fanfmt.api import Result
from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import ConfigError
from fanfmt.model import Convention, Document, Heading, Quoted, SceneBreak
from fanfmt.options import Options
from fanfmt.reader import read_text
from fanfmt.rules import BLOCK_RULES, DEFAULT_CHAIN, INLINE_RULES, Context, RuleChain, RuleTable
from fanfmt.rules.table import R
from fanfmt.writers import blocks_only

NAMES = [
    "ao3_preface",
    "front_matter",
    "headings",
    "legend",
    "furniture",
    "verse",
    "author_notes",
    "scene_breaks",
    "captions",
    "conventions",
    "lang_marks",
    "emphasis",
    "ellipses",
    "dashes",
    "apostrophes",
    "quotes",
    "thoughts",
]


def enabled(chain: RuleChain) -> list[str]:
    return [r.name for r in chain.rules if r.enabled]


CHAIN_CASES = {
    " ".join(title.split()): (source, expected)
    for _, title, source, expected in read_fixture_file(
        Path(__file__).parent / "fixtures" / "chain.txt"
    )
}
_PAIR_RE = re.compile(r"``(\w+)``(?: runs)? (before|after) ``(\w+)``")
_CASE_RE = re.compile(r'\(chain\.txt: "([^"]+)"\)')


def ordering_bullets() -> list[str]:
    """The ``* `` bullets of the :mod:`fanfmt.rules` docstring, each on one line."""
    bullets: list[list[str]] = []
    current: list[str] | None = None
    for line in (fanfmt.rules.__doc__ or "").splitlines():
        if line.startswith("* "):
            current = [line[2:]]
            bullets.append(current)
        elif current is not None and line.startswith("  "):
            current.append(line.strip())
        else:
            current = None
    return [" ".join(b) for b in bullets]


def reasons(bullet: str) -> list[tuple[str, str, str]]:
    """``(first, second, case title)`` for each "``a`` runs before ``b``" of a bullet."""
    pairs = [(a, b) if way == "before" else (b, a) for a, way, b in _PAIR_RE.findall(bullet)]
    cases = _CASE_RE.findall(bullet)
    assert pairs, f"an ordering bullet names no two rules: {bullet!r}"
    assert len(pairs) == len(cases), f"each pair of rules needs its chain.txt case: {bullet!r}"
    return [(a, b, case) for (a, b), case in zip(pairs, cases, strict=True)]


REASONS = [reason for bullet in ordering_bullets() for reason in reasons(bullet)]


def test_every_ordering_bullet_names_its_rules_and_a_case() -> None:
    names = DEFAULT_CHAIN.names()
    assert len(ordering_bullets()) >= 6
    for first, second, case in REASONS:
        assert first in names, f"{first!r} is not a rule"
        assert second in names, f"{second!r} is not a rule"
        assert names.index(first) < names.index(second), f"{first} must run before {second}"
        assert case in CHAIN_CASES, f"no case titled {case!r} in chain.txt"
    assert enabled(DEFAULT_CHAIN) == NAMES


def _after(table: RuleTable[R], first: str, second: str) -> RuleTable[R]:
    rules = list(table.rules)
    moved = rules.pop(table.names().index(first))
    rules.insert([r.name for r in rules].index(second) + 1, moved)
    return RuleTable(tuple(rules))


def out_of_order(first: str, second: str) -> RuleChain:
    """``first`` moved to just after ``second``; switched off when the two are in two tables."""
    if first in BLOCK_RULES.names() and second in BLOCK_RULES.names():
        return RuleChain(_after(BLOCK_RULES, first, second), INLINE_RULES)
    if first in INLINE_RULES.names() and second in INLINE_RULES.names():
        return RuleChain(BLOCK_RULES, _after(INLINE_RULES, first, second))
    return DEFAULT_CHAIN.disable([first])


@pytest.mark.parametrize(
    ("first", "second", "case"),
    [pytest.param(*reason, id=f"{reason[0]}-before-{reason[1]}") for reason in REASONS],
)
def test_each_order_is_shown_by_its_case(first: str, second: str, case: str) -> None:
    """The case comes out right in chain order, and otherwise when the order is broken."""
    source, expected = CHAIN_CASES[case]

    def render(chain: RuleChain) -> str:
        return blocks_only(chain.run(read_text(source), Context()), "xhtml", Options())

    assert render(DEFAULT_CHAIN) == expected
    assert render(out_of_order(first, second)) != expected, f"{case!r} does not need the order"


def test_every_rule_loads_with_its_entry_point_and_summary() -> None:
    for block in BLOCK_RULES.rules:
        assert callable(block.load().apply)
    for inline in INLINE_RULES.rules:
        state = inline.start()
        assert callable(state.paragraph)
        assert callable(state.end)
    for rule in DEFAULT_CHAIN.rules:
        assert rule.summary
        assert rule.summary == rule.summary.strip()


def test_a_rule_has_the_entry_point_of_its_table_and_not_the_other() -> None:
    for block in BLOCK_RULES.rules:
        module = block.load()
        assert not hasattr(module, "paragraph"), f"{block.name} is a block rule"
        assert not hasattr(module, "State"), f"{block.name} is a block rule"
    for inline in INLINE_RULES.rules:
        module = inline.load()
        assert not hasattr(module, "apply"), f"{inline.name} is an inline rule"
        assert hasattr(module, "paragraph") != hasattr(module, "State"), inline.name


def test_open_dialogue_is_followed_across_paragraphs_and_closed_by_a_break() -> None:
    ctx = Context()
    DEFAULT_CHAIN.run(read_text('"Open,\n\n"and on.\n\n"Open again\n\n***\n\nNext.\n'), ctx)
    assert [(d.code, d.line, d.rule) for d in ctx.diagnostics.sorted()] == [("Q001", 5, "quotes")]


def test_only() -> None:
    chain = DEFAULT_CHAIN.only(["quotes", "dashes"])
    assert enabled(chain) == ["dashes", "quotes"]  # chain order, not the order asked
    assert chain.names() == NAMES  # the others are switched off, not removed
    assert enabled(DEFAULT_CHAIN) == NAMES  # chains are immutable


def test_disable() -> None:
    chain = DEFAULT_CHAIN.disable(["thoughts", "emphasis"])
    assert enabled(chain) == [n for n in NAMES if n not in ("thoughts", "emphasis")]
    assert enabled(chain.disable(["dashes"])) == [
        n for n in NAMES if n not in ("thoughts", "emphasis", "dashes")
    ]


def test_disable_nothing() -> None:
    assert enabled(DEFAULT_CHAIN.disable([])) == NAMES


@pytest.mark.parametrize("method", ["only", "disable"])
def test_unknown_names_raise_key_error_listing_known_names(method: str) -> None:
    with pytest.raises(KeyError) as info:
        getattr(DEFAULT_CHAIN, method)(["quotes", "smart_quotes", "zzz"])
    message = str(info.value)
    assert "smart_quotes" in message
    assert "zzz" in message
    for name in NAMES:
        assert name in message


def test_run_only_one_rule() -> None:
    doc = read_text('"Wait--" she said.\n\nOne...\n')
    out = DEFAULT_CHAIN.only(["dashes"]).run(doc, Context())
    assert fanfmt.render(out, "markdown") == '"Wait—" she said.\n\nOne...\n'


def test_run_records_each_step_when_asked() -> None:
    ctx = Context(changes=[])
    DEFAULT_CHAIN.only(["dashes", "ellipses"]).run(read_text("A--b...\n"), ctx)
    assert ctx.changes is not None
    assert [name for name, _ in ctx.changes] == ["ellipses", "dashes"]


def test_options_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Options().quotes = "british"  # type: ignore[misc]


def test_options_replace() -> None:
    base = Options(quotes="british", disabled_rules=frozenset({"dashes"}))
    changed = base.replace(dash_style="spaced", title="A Story")
    assert changed.dash_style == "spaced"
    assert changed.title == "A Story"
    assert changed.quotes == "british"
    assert changed.disabled_rules == frozenset({"dashes"})
    assert base.dash_style == "closed"  # the original is unchanged
    assert base.replace() == base


def test_options_replace_unknown_field() -> None:
    with pytest.raises(TypeError):
        Options().replace(no_such_option=1)


CHAPTER = """Chapter 2: Dawn

"Run!" she said. 'Not again.'

***

"I never-
"""


def test_convert_result_fields() -> None:
    result = fanfmt.convert(CHAPTER, "xhtml", source="ch2.txt")
    assert isinstance(result, Result)
    assert result.format == "xhtml"
    assert result.text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert '<span class="dialogue">“Run!”</span>' in result.text
    doc = result.document
    assert isinstance(doc, Document)
    assert isinstance(doc.blocks[0], Heading)
    assert any(isinstance(b, SceneBreak) for b in doc.blocks)
    assert doc.meta.chapter == "Chapter 2: Dawn"
    assert doc.meta.source == "ch2.txt"
    assert result.convention == doc.convention
    assert result.convention == Convention("american", "single", detected=True)
    assert all(isinstance(d, Diagnostic) for d in result.diagnostics)


def test_convert_reports_unclosed_dialogue() -> None:
    result = fanfmt.convert(CHAPTER, "markdown")
    codes = [(d.code, d.line) for d in result.diagnostics]
    assert ("Q001", 7) in codes
    unclosed = [
        node
        for block in result.document.blocks
        if hasattr(block, "children")
        for node in block.children
        if isinstance(node, Quoted) and not node.closed
    ]
    assert len(unclosed) == 1


def test_convert_markdown() -> None:
    result = fanfmt.convert(CHAPTER, "markdown")
    assert result.format == "markdown"
    assert result.text.startswith("# Chapter 2: Dawn\n")
    assert "*Not again.*" in result.text


def test_convert_forced_convention() -> None:
    result = fanfmt.convert(
        "'Run,' he said.\n", "markdown", Options(quotes="american", thoughts="single")
    )
    assert result.convention == Convention("american", "single", detected=False)
    # a thought, written as the italics *…* would not read back as a thought (no sentence)
    assert result.text == "_Run,_ he said.\n"


def test_convert_with_disabled_rule() -> None:
    result = fanfmt.convert("A--b\n", "markdown", Options(disabled_rules=frozenset({"dashes"})))
    assert result.text == "A--b\n"


def test_convert_title_option_overrides() -> None:
    result = fanfmt.convert(CHAPTER, "xhtml", Options(title="My Story"))
    assert result.document.meta.title == "My Story"
    assert "<title>My Story — Chapter 2: Dawn</title>" in result.text


def test_normalise_and_render_compose_to_convert() -> None:
    doc, diagnostics = fanfmt.normalise(CHAPTER)
    assert fanfmt.render(doc, "markdown") == fanfmt.convert(CHAPTER, "markdown").text
    assert diagnostics == fanfmt.convert(CHAPTER, "markdown").diagnostics


def test_unknown_format_is_a_config_error_listing_the_known_ones() -> None:
    with pytest.raises(ConfigError) as info:
        fanfmt.convert("Hi.\n", "pdf")
    assert str(info.value) == "unknown output format 'pdf' (known: xhtml, markdown, html, ao3, ffn)"
    with pytest.raises(ConfigError):
        fanfmt.render(Document(()), "pdf")


@pytest.mark.parametrize("to", ["epub", "EPUB"])
def test_convert_to_epub_says_how_to_build_a_book(to: str) -> None:
    with pytest.raises(ConfigError) as info:
        fanfmt.convert("Hi.\n", to)
    message = str(info.value)
    assert message.startswith(f"{to!r} is a book, not a page: build one from chapter files with")
    assert "fanfmt.epub.build_epub(" in message
    assert message.endswith("a page is one of: xhtml, markdown, html, ao3, ffn")
    with pytest.raises(ConfigError, match="build_epub"):
        fanfmt.render(Document(()), to)


def test_the_book_hint_names_a_function_that_builds_a_book(tmp_path: Path) -> None:
    from fanfmt.epub import build_epub

    (tmp_path / "ch1.txt").write_text("Chapter 1\n\nIt rained.\n", encoding="utf-8")
    built = build_epub([str(tmp_path / "ch1.txt")], str(tmp_path / "story.epub"), Options())
    assert (tmp_path / "story.epub").read_bytes()[:2] == b"PK"
    assert built.output == str(tmp_path / "story.epub")


@pytest.mark.parametrize(
    ("field", "bad", "choices"),
    [
        ("quotes", "brit", "auto, american, british"),
        ("thoughts", "italics", "auto, single, asterisk, underscore, none"),
        ("dash_style", "wide", "closed, spaced"),
        ("notes", "hide", "keep, end, omit"),
        ("stylesheet", "embed", "link, inline"),
        ("from_format", "epub", "auto, text, markdown, html"),
    ],
)
def test_options_refuse_a_value_not_among_the_choices(field: str, bad: str, choices: str) -> None:
    message = f"Options({field}={bad!r}): expected one of {choices}"
    given: dict[str, Any] = {field: bad}
    with pytest.raises(ConfigError) as info:
        Options(**given)
    assert str(info.value) == message
    with pytest.raises(ConfigError) as again:
        Options().replace(**given)
    assert str(again.value) == message


def test_options_refuse_a_switch_that_is_not_true_or_false() -> None:
    with pytest.raises(
        ConfigError, match=r"^Options\(thought_marks='yes'\): expected True or False$"
    ):
        Options(thought_marks="yes")  # type: ignore[arg-type]


def test_options_refuse_one_rule_name_given_as_a_string() -> None:
    with pytest.raises(ConfigError, match=r"such as frozenset\(\{'dashes'\}\)"):
        Options(disabled_rules="dashes")  # type: ignore[arg-type]


def test_an_unknown_rule_in_options_is_a_config_error_listing_the_rules() -> None:
    with pytest.raises(ConfigError) as info:
        fanfmt.convert("Hi.\n", options=Options(disabled_rules=frozenset({"smart_quotes"})))
    assert "unknown rule smart_quotes" in str(info.value)
    assert "dashes" in str(info.value)


def test_the_settings_check_the_same_choices_as_options() -> None:
    from fanfmt.settings import SETTINGS, Choice

    choices = {s.field: s.check.choices for s in SETTINGS if isinstance(s.check, Choice)}
    assert set(choices) == {
        "quotes",
        "thoughts",
        "dash_style",
        "notes",
        "stylesheet",
        "from_format",
        "ao3",
        "status",
        "book_to",
        "marks",
        "punct_space",
    }
    for field, allowed in choices.items():
        for value in allowed:
            given: dict[str, Any] = {field: value}
            assert getattr(Options(**given), field) == value
