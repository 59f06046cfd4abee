"""Character references to control characters (``&#1;``, ``&#11;``, ``&#xFFFE;`` in HTML,
``&#12;`` in Markdown) build to well-formed XHTML and Markdown, every word kept."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("ch.html", "<p>One &#1; two &#11; three &#xFFFE; four.</p>"),
        ("ch.md", "One &#12; two &#12; three four.\n"),
    ],
)
def test_control_character_references_build_to_well_formed_xhtml(
    tmp_path: Path, name: str, source: str
) -> None:
    src = tmp_path / name
    src.write_text(source, encoding="utf-8")
    out = tmp_path / "ch.xhtml"
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    body = ET.parse(out).getroot().find("{http://www.w3.org/1999/xhtml}body")
    assert body is not None
    assert " ".join("".join(body.itertext()).split()) == "One two three four."
    md = tmp_path / "ch.out.md"
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(md)])
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert not any(ord(c) < 32 and c != "\n" for c in text)


def test_a_page_the_html_parser_rejects_is_a_one_line_error(tmp_path: Path) -> None:
    src = tmp_path / "ch.html"
    src.write_text("<p>a <![i](x.png) b</p>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "ch.xhtml")])
    assert result.exit_code == 3, result.output
    assert "HTML parser cannot read" in result.output
    assert "Traceback" not in result.output
