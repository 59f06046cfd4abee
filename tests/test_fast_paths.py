"""The shortcuts that keep fanfmt fast give the same results as the long way round.

* mojibake repair: only lines with the signature of mis-decoded UTF-8 go to ftfy, and
  that changes nothing: the result is the one of asking ftfy about every line
* tree helpers hand back the very same objects when a rule changed nothing
* compiled built-in templates are kept in the user's cache folder; a cache that cannot
  be written, or a damaged cache file, is no error
* block templates write every paragraph (story, notes, legend) in one place
* a stylesheet that is already there, the same, is not written again
* invisible characters are found by one fast pattern, as by the plain one
* emphasis spans are found in linear time, as the one pattern that describes them finds them
* the cycle collector, paused while reading and rendering, is always switched back on
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import is_bad
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from fanfmt import convert
from fanfmt.files import write_if_changed
from fanfmt.gcpause import gc_paused
from fanfmt.model import Document, Emphasis, Paragraph, Quoted, Text
from fanfmt.reader.decode import Decoded, decode
from fanfmt.reader.decode.repair import INVISIBLE_RE, unmojibake
from fanfmt.reader.decode.repair_fast import (
    CHARMAPS,
    MAYBE_MOJIBAKE_RE,
    SPACED_LEADS,
    signature,
)
from fanfmt.rules.emphasis import _spans
from fanfmt.templating import environment
from fanfmt.walk import map_inlines_text, map_paragraphs, map_text

# -- mojibake: the signature gate ------------------------------------------------------------


def _high_half(encoding: str) -> str:
    chars = bytes(range(0x80, 0x100)).decode(encoding, errors="replace")
    return "".join(c for c in chars if c != "\ufffd")


PIECES = sorted({c for name in CHARMAPS for c in _high_half(name)} | set("ab ?.\ufffd"))
WORDS = (
    "don\u2019t",
    "caf\u00e9",
    "na\u00efve",
    "\u201chi\u201d",
    "\u041f\u0440\u0438\u0432\u0435\u0442",
    "\u00c5ngstr\u00f6m",
    "\u00bd",
    "\u2014",
    "\u00e0 la",
    "\U0001f600",
)


def _mojibake(word: str, encoding: str) -> str:
    return word.encode("utf-8").decode(encoding, errors="replace")


def _reference(text: str) -> tuple[str, list[tuple[str, str]], list[int]]:
    """What the repair did before the gate: ftfy asked about the text, then every line."""
    import fanfmt.reader.decode.repair as module

    result = Decoded("", "")
    if text.isascii() or not is_bad(text):
        return text, result.repairs, result.lines
    lines = text.split("\n")
    repaired = 0
    for i, line in enumerate(lines):
        if not is_bad(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed == line:
            continue
        repaired += 1
        if repaired <= module._MAX_LINE_REPORTS:
            excerpt = module._excerpt(line, fixed)
            result.report("E002", f"repaired mojibake: {excerpt}", i + 1)
        lines[i] = fixed
    if repaired > module._MAX_LINE_REPORTS:
        more = repaired - module._MAX_LINE_REPORTS
        result.report("E002", f"repaired mojibake on {more} more line(s)")
    return "\n".join(lines), result.repairs, result.lines


@given(st.text(st.sampled_from(PIECES), min_size=1, max_size=6))
@example("don\u00e2\u20ac\u2122t")
@example("\u00c3 ")
@example("voil\u00c3 le")
def test_ftfy_changes_no_line_without_the_signature(line: str) -> None:
    if ftfy.fix_encoding(line) != line:
        assert signature().search(line) is not None


def test_the_quick_look_finds_every_pair_the_exact_pattern_finds() -> None:
    chars = [*PIECES, *(chr(c) for c in range(0x20, 0x7F))]
    exact = signature()
    missed = [
        a + b
        for a in chars
        if not a.isascii()
        for b in chars
        if exact.search(a + b) and not MAYBE_MOJIBAKE_RE.search(a + b)
    ]
    assert missed == []


def test_the_leads_a_space_may_follow_are_listed_in_full() -> None:
    leads = {
        bytes([byte]).decode(name, errors="replace")
        for name in CHARMAPS
        if name != "mac-roman"
        for byte in (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE2, 0xE3, 0xF0)
    }
    assert set(SPACED_LEADS) == leads


LINE = st.one_of(
    st.sampled_from(WORDS),
    st.builds(_mojibake, st.sampled_from(WORDS), st.sampled_from(CHARMAPS)),
    st.text(st.sampled_from(PIECES), max_size=4),
    st.sampled_from(("He said", "plain", "")),
)


@given(st.lists(st.lists(LINE, max_size=4).map(" ".join), min_size=1, max_size=5).map("\n".join))
@example("ok line\n\u00c3 next")
@example("caf\u00e9\nna\u00efve\nvoil\u00c3 le")
@example("\u201cHi,\u201d she said \u2014 caf\u00e9\u2019s\n\u0412 \u0434\u043e\u043c\u0435")
def test_repair_is_what_ftfy_does_line_by_line(text: str) -> None:
    result = Decoded("", "")
    fixed = unmojibake(text, result)
    assert (fixed, result.repairs, result.lines) == _reference(text)


@pytest.mark.parametrize("encoding", CHARMAPS)
def test_mojibake_of_every_encoding_is_still_repaired(encoding: str) -> None:
    line = _mojibake("It\u2019s na\u00efve \u2014 \u00bfqu\u00e9?", encoding)
    if ftfy.fix_encoding(line) == line:
        pytest.skip(f"ftfy does not repair {encoding} mojibake of this line")
    result = Decoded("", "")
    text = f"Clean line.\n{line}\nAnother \u201cclean\u201d line."
    assert unmojibake(text, result) == _reference(text)[0] != text
    assert result.lines == [2]


def test_clean_non_ascii_text_does_not_import_ftfy() -> None:
    russian = "\u041f\u0440\u0438\u0432\u0435\u0442"
    clean = f"\u201cHi,\u201d she said \u2014 caf\u00e9, na\u00efve, {russian}.\n"
    code = (
        "import sys\n"
        "from fanfmt.reader.decode import decode\n"
        "text = sys.stdin.read()\n"
        "same = decode(text.encode()).text == text\n"
        "print('ftfy' in sys.modules, same)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=clean,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout.split() == ["False", "True"]


def test_mojibake_file_is_repaired_with_its_line() -> None:
    data = "Clean.\n\nShe didn\u00e2\u20ac\u2122t go.\n".encode()
    decoded = decode(data)
    assert decoded.text == "Clean.\n\nShe didn\u2019t go.\n"
    assert [code for code, _ in decoded.repairs] == ["E002"]
    assert decoded.lines == [3]


# -- invisible characters: one character class first, the same matches ---------------------

_INVISIBLE_BY_BRANCHES = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u200b\u2060\ufeff\ufffc\ufffe\uffff]"
    "|(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])"
)
"""The plain way to write the pattern: each branch tried at every character (slow)."""


@given(st.text(st.sampled_from("a \n\u200c\u200d\u200b\x00\x85\x90\u0915\U0001f600\ufeff\u00e9")))
def test_invisible_characters_are_found_as_the_plain_pattern_finds_them(text: str) -> None:
    found = [(m.start(), m.group()) for m in INVISIBLE_RE.finditer(text)]
    assert found == [(m.start(), m.group()) for m in _INVISIBLE_BY_BRANCHES.finditer(text)]


def test_a_lone_surrogate_is_still_replaced() -> None:
    decoded = decode(b"+2AA- and more", "utf-7")
    assert decoded.text == "\ufffd and more"


# -- emphasis: spans found in linear time, as the pattern finds them ------------------------

SPAN_RE = re.compile(
    r"(?<![\w*\\])\*\*\*(?=[^\s*~])(?P<b1>.+?)(?<=[^\s*~])\*\*\*(?![\w*])"
    r"|(?<![\w_\\])___(?=[^\s_~])(?P<b2>.+?)(?<=[^\s_~])___(?![\w_])"
    r"|(?<![\w*\\])\*\*(?=[^\s*~])(?P<s1>.+?)(?<=[^\s*~])\*\*(?![\w*])"
    r"|(?<![\w_\\])__(?=[^\s_~])(?P<s2>.+?)(?<=[^\s_~])__(?![\w_])"
    r"|(?<![\w*\\])\*(?=[^\s*~])(?P<e1>.+?)(?<=[^\s*~])\*(?![\w*])"
    r"|(?<![\w_\\])_(?=[^\s_~])(?P<e2>.+?)(?<=[^\s_~])_(?![\w_])"
)
"""What an emphasis span is: the slow reference for ``emphasis._spans``."""
_KIND = {"b1": "***", "b2": "___", "s1": "**", "s2": "__", "e1": "*", "e2": "_"}


@given(st.text(st.sampled_from("ab *_~\\\n."), max_size=40))
@example("a *very* bad idea, **Stop!** and ***never*** or _Hogwarts_ __x__ ___y___")
@example("f*ck snake_case 2 * 3 * 4 ~*~FLASHBACK~*~")
def test_emphasis_spans_are_the_ones_the_pattern_finds(text: str) -> None:
    expected = [
        (m.start(), m.end(), _KIND[str(m.lastgroup)], str(m.group(m.lastgroup or 0)))
        for m in SPAN_RE.finditer(text)
    ]
    assert list(_spans(text)) == expected


# -- the cycle collector is paused only while reading and rendering ----------------------------


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_converting_leaves_the_collector_on() -> None:
    convert("One.\n\nTwo.\n", "xhtml")
    assert gc.isenabled()


# -- tree helpers keep what did not change ----------------------------------------------------


def _doc() -> Document:
    return convert("\u201cHi,\u201d she said.\n\n*Run.*\n\nA/N: thanks!\n", "markdown").document


def test_map_text_returns_the_same_document_when_nothing_changes() -> None:
    doc = _doc()
    assert map_text(doc, lambda s: s) is doc
    assert map_paragraphs(doc, lambda p: p) is doc


def test_map_text_rebuilds_only_what_changed() -> None:
    doc = _doc()
    changed = map_text(doc, lambda s: s.replace("Run", "Walk"))
    assert changed is not doc
    kept = [new is old for new, old in zip(changed.blocks, doc.blocks, strict=True)]
    assert kept.count(False) == 1


def test_map_inlines_text_returns_the_same_tuple_when_nothing_changes() -> None:
    children = (Text("a"), Quoted((Text("b"), Emphasis((Text("c"),)))), Text("d"))
    assert map_inlines_text(children, str) is children
    upper = map_inlines_text(children, lambda s: s.upper() if s == "c" else s)
    assert upper[0] is children[0]
    assert upper[2] is children[2]
    assert upper[1] == Quoted((Text("b"), Emphasis((Text("C"),))))


def test_map_paragraphs_keeps_notes_it_did_not_change() -> None:
    doc = _doc()
    first = next(b for b in doc.blocks if isinstance(b, Paragraph))
    changed = map_paragraphs(doc, lambda p: Paragraph((Text("x"),)) if p is first else p)
    assert [new is old for new, old in zip(changed.blocks, doc.blocks, strict=True)].count(
        False
    ) == 1


# -- templates: the bytecode cache ------------------------------------------------------------


def _fresh(code: str, cache_home: Path | str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )


CONVERT = "from fanfmt import convert; print(convert('\"Hi,\" she said.', 'xhtml').text)"


def test_built_in_templates_are_cached_and_read_back(tmp_path: Path) -> None:
    first = _fresh(CONVERT, tmp_path / "cache", tmp_path)
    cached = sorted((tmp_path / "cache" / "fanfmt").glob("templates-*.cache"))
    assert first.returncode == 0, first.stderr
    assert cached
    second = _fresh(CONVERT, tmp_path / "cache", tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert sorted((tmp_path / "cache" / "fanfmt").glob("templates-*.cache")) == cached


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path) -> None:
    first = _fresh(CONVERT, tmp_path / "cache", tmp_path)
    for path in (tmp_path / "cache" / "fanfmt").glob("templates-*.cache"):
        path.write_bytes(b"\x00not a cache")
    again = _fresh(CONVERT, tmp_path / "cache", tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", "utf-8")
    done = _fresh(CONVERT, blocker, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "dialogue" in done.stdout


def test_user_templates_are_not_cached(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "markdown"
    mine.mkdir(parents=True)
    (mine / "chapter.md").write_text("mine: {{ blocks | length }}\n", "utf-8")
    code = (
        "from fanfmt import convert, Options\n"
        f"print(convert('One.', 'markdown', Options(templates={str(mine.parent)!r})).text)"
    )
    done = _fresh(code, tmp_path / "cache", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "mine: 1"
    assert not list((tmp_path / "cache" / "fanfmt").glob("templates-*.cache"))


# -- templates: one place for a paragraph's markup ---------------------------------------------


@pytest.mark.parametrize("name", ["xhtml/blocks.xhtml", "html/blocks.html"])
def test_the_paragraph_macro_writes_what_blocks_writes(name: str) -> None:
    macros = environment(None).get_template(name).module
    view = {"kind": "paragraph", "role": "caption", "content": Markup("a &amp; b"), "line": 1}
    one = str(macros.paragraph(view))  # type: ignore[attr-defined]
    assert one == str(macros.blocks([view], None))  # type: ignore[attr-defined]
    assert one == '<p class="scene-heading">a &amp; b</p>\n'


def test_dict_keys_named_like_dict_methods_still_read_as_jinja_reads_them() -> None:
    env = environment(None)
    page = env.from_string("{{ d.kind }} {{ d.items is callable }} {{ d.missing is defined }}")
    assert page.render(d={"kind": "paragraph", "items": 3}) == "paragraph True False"


# -- the stylesheet is written only when it changes -------------------------------------------


def test_write_if_changed_skips_the_same_bytes(tmp_path: Path) -> None:
    css = tmp_path / "fanfmt.css"
    assert write_if_changed(css, "p { margin: 0 }\n")
    os.utime(css, (1, 1))
    assert not write_if_changed(css, "p { margin: 0 }\n")
    assert css.stat().st_mtime == 1
    assert write_if_changed(css, "p { margin: 1em }\n")
    assert css.read_text("utf-8") == "p { margin: 1em }\n"
