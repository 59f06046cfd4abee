"""The library surface: the rule tables, :class:`Options` and :func:`fanfmt.convert`."""

from __future__ import annotations

import dataclasses

import pytest

import fanfmt
from fanfmt.api import Result
from fanfmt.diagnostics import Diagnostic
from fanfmt.errors import ConfigError
from fanfmt.model import Convention, Document, Heading, Quoted, SceneBreak
from fanfmt.options import Options
from fanfmt.reader import read_text
from fanfmt.rules import BLOCK_RULES, DEFAULT_CHAIN, INLINE_RULES, Context, RuleChain

NAMES = [
    "ao3_preface",
    "headings",
    "legend",
    "author_notes",
    "scene_breaks",
    "captions",
    "conventions",
    "emphasis",
    "ellipses",
    "dashes",
    "apostrophes",
    "quotes",
    "thoughts",
]


def enabled(chain: RuleChain) -> list[str]:
    return [r.name for r in chain.rules if r.enabled]


def test_default_chain_order() -> None:
    assert DEFAULT_CHAIN.names() == NAMES
    assert enabled(DEFAULT_CHAIN) == NAMES


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
    assert result.text == "*Run,* he said.\n"


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
    assert str(info.value) == "unknown output format 'pdf' (known: xhtml, markdown, html, ao3)"
    with pytest.raises(ConfigError):
        fanfmt.render(Document(()), "pdf")
