"""The modules of ``fanfmt/`` import one another without a cycle.

Every ``import`` and ``from … import`` counts, at module level or inside a function (a
lazy import is still a dependency), under ``TYPE_CHECKING`` too. ``from fanfmt.x import
y`` is an edge to ``fanfmt.x.y`` when that is a module, else to ``fanfmt.x``::

    fanfmt.api → fanfmt.pipeline → fanfmt.rules → fanfmt.rules.table → fanfmt.model
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fanfmt"


def module_name(path: Path) -> str:
    """``fanfmt/rules/__init__.py`` → ``fanfmt.rules``; ``fanfmt/api.py`` → ``fanfmt.api``."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _absolute(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    """The module a (possibly relative) ``from`` import names."""
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that ``path`` imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(node, name, path.name == "__init__.py")
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of ``edges`` as ``[a, b, …, a]``, or ``[]`` when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_sees_lazy_and_relative_imports() -> None:
    edges = graph()
    assert "fanfmt.api" in edges["fanfmt"]  # inside __getattr__
    assert "fanfmt.pipeline" in edges["fanfmt.api"]
    assert "fanfmt.rules.table" in edges["fanfmt.rules"]


def test_the_import_graph_has_no_cycle() -> None:
    cycle = find_cycle(graph())
    assert not cycle, " → ".join(cycle)


def test_nothing_in_the_package_imports_the_api() -> None:
    importers = sorted(name for name, deps in graph().items() if "fanfmt.api" in deps)
    assert importers == ["fanfmt"]  # the package's lazy public names, and nothing else


PREVIEW_ONLY = ("watchfiles", "http.server", "socketserver", "fanfmt.preview")
"""What only ``fanfmt preview`` loads: its file watcher, its server, and the package itself
(``fanfmt.preview_command``, the command's flags, is loaded with the command line)."""


def _in_preview(name: str) -> bool:
    return name == "fanfmt.preview" or name.startswith("fanfmt.preview.")


def _top_level_imports(tree: ast.Module) -> set[str]:
    """The modules a module imports as it is loaded (not in a function, not for types only)."""
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                break
            if isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.module and not inner.level:
                found.add(inner.module)
    return found


def _named(found: set[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in found)


def test_only_the_preview_imports_the_watcher_and_the_server() -> None:
    for name, path in modules().items():
        if _in_preview(name):
            continue
        found = {
            alias.name if isinstance(node, ast.Import) else node.module or ""
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        for library in ("watchfiles", "http.server", "socketserver"):
            assert not _named(found, library), f"{name} imports {library}"


def test_nothing_loads_the_preview_package_at_start_up() -> None:
    for name, path in modules().items():
        if _in_preview(name):
            continue
        loaded = _top_level_imports(ast.parse(path.read_text("utf-8")))
        assert not _named(loaded, "fanfmt.preview"), f"{name} loads fanfmt.preview"


def test_a_build_loads_neither_the_watcher_nor_the_server(tmp_path: Path) -> None:
    import subprocess
    import sys

    sample = PACKAGE.parent / "samples" / "british-single-quotes.txt"
    script = (
        "import sys\n"
        "from fanfmt.cli import cli\n"
        "try:\n"
        f"    cli(['build', {str(sample)!r}, '-o', {str(tmp_path / 'ch.html')!r}, '-q'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"only = {PREVIEW_ONLY!r}\n"
        "loaded = [m for m in sys.modules if any(m == o or m.startswith(o + '.') for o in only)]\n"
        "print(sorted(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert (tmp_path / "ch.html").is_file()
    assert done.stdout.strip() == "[]"


BUILD_NEVER = (
    "fanfmt.reader.html",
    "fanfmt.reader.markdown",
    "fanfmt.reader.epub_in",
    "fanfmt.checks",
    "fanfmt.explain",
    "fanfmt.epub.build",
    "markdown_it",
    "jinja2.compiler",
    "jinja2.lexer",
    "jinja2.parser",
)
"""What a plain ``.txt`` → XHTML build has no use for: the other readers, the checks, the
book writer, Markdown's parser and Jinja's compiler (built-in templates run on its runtime)."""


def test_a_plain_text_build_loads_only_what_it_uses(tmp_path: Path) -> None:
    import subprocess
    import sys

    sample = PACKAGE.parent / "samples" / "british-single-quotes.txt"
    script = (
        "import sys\n"
        "from fanfmt.cli import cli\n"
        "try:\n"
        f"    cli(['build', {str(sample)!r}, '-o', {str(tmp_path / 'ch.xhtml')!r}, '-q'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"never = {BUILD_NEVER!r}\n"
        "hit = [m for m in sys.modules if any(m == n or m.startswith(n + '.') for n in never)]\n"
        "print(sorted(hit))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert (tmp_path / "ch.xhtml").is_file()
    assert done.stdout.strip() == "[]"
