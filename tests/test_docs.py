"""The README stays true: its rule table, its commands, its opening commands."""

from __future__ import annotations

import re
from pathlib import Path

from fanfmt.cli import cli
from fanfmt.rules import DEFAULT_CHAIN

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_rules_table_lists_the_chain_in_order() -> None:
    table = _section("Rules")
    names = re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)
    assert names == DEFAULT_CHAIN.names()


def test_every_command_is_in_the_readme() -> None:
    commands = _section("Commands")
    for name in cli.commands:
        assert f"`fanfmt {name}" in commands, name


def test_readme_opens_with_setup_and_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    assert "pip install" in blocks[0]
    assert "fanfmt build samples/" in blocks[0]
    assert "pytest" in blocks[1]
    sample = re.search(r"fanfmt build (samples/\S+)", blocks[0])
    assert sample is not None
    assert (ROOT / sample.group(1)).is_file()


def test_every_doc_link_resolves() -> None:
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        prose = re.sub(r"`[^`\n]*`", "", text)  # links shown as code are examples
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", prose):
            if "://" in target:
                continue
            assert (doc.parent / target).exists(), f"{doc.name}: broken link {target}"
