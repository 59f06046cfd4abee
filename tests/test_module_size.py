"""Small modules: no module of ``fanfmt/`` runs over :data:`MAX_LINES` lines, and the CLI
holds no build decision (it imports the planner, never the batch or book builders)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fanfmt"
MAX_LINES = 450


def test_no_module_is_over_the_limit() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_the_cli_is_a_shell_over_the_planner() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert "plan_build" in names
    builders = {"build_file", "build_many", "build_book", "build_batch", "build_epub"}
    assert not names & builders, names & builders
