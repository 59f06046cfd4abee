"""The built-in templates' kept code, run on Jinja's runtime alone, writes what Jinja writes.

* the first run compiles every built-in template into ``runtime-*.marshal`` in the user's
  cache folder; the next ones render from it without importing Jinja's compiler, and give
  the same bytes in every format
* Jinja stays whole for any code that asks for it afterwards in the same process
* a kept template whose file has changed, a file others may write, a damaged or foreign
  file: the template is compiled from its source instead
* a template's mistake reads the same either way (template, line, what)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fanfmt.template_cache import read_compiled, write_compiled
from fanfmt.template_runtime import BadTemplateError, RuntimeTemplates, builtin_templates
from fanfmt.templating import environment, keep_compiled

FORMATS = ("xhtml", "markdown", "html", "ao3")
CHAPTER = (
    "Chapter 3: The Road\\n\\nA/N: thanks for reading!\\n\\n"
    '\\"Hi,\\" she said. *Not again,* he thought.\\n\\n* * *\\n\\nIt\'s over[^1].\\n\\n'
    "[^1]: Or is it?\\n"
)
RENDER_ALL = f"""
import sys
from fanfmt import convert, Options
for fmt in {FORMATS!r}:
    for notes in ("keep", "end"):
        print(repr(convert("{CHAPTER}", fmt, Options(notes=notes)).text))
print("compiler loaded:", "jinja2.compiler" in sys.modules)
import jinja2
print("whole afterwards:", jinja2.Environment.__name__, jinja2.__version__ != "")
from jinja2 import Template
print(Template("{{{{ 1 + 1 }}}}").render())
"""


def _run(code: str, cache_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


def test_kept_code_renders_the_same_bytes_without_jinjas_compiler(tmp_path: Path) -> None:
    first = _run(RENDER_ALL, tmp_path)
    assert first.returncode == 0, first.stderr
    kept = list((tmp_path / "fanfmt").glob("runtime-*.marshal"))
    assert len(kept) == 1
    assert kept[0].stat().st_mode & 0o077 == 0
    second = _run(RENDER_ALL, tmp_path)
    assert second.returncode == 0, second.stderr
    one, two = first.stdout.splitlines(), second.stdout.splitlines()
    assert one[-3:] == ["compiler loaded: True", "whole afterwards: Environment True", "2"]
    assert two[-3:] == ["compiler loaded: False", "whole afterwards: Environment True", "2"]
    assert one[:-3] == two[:-3]
    assert len(one) == len(FORMATS) * 2 + 3


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    path = tmp_path / "runtime.marshal"
    keep_compiled(environment(None), str(path), builtin_templates())
    return path


def test_every_built_in_template_is_kept(compiled: Path) -> None:
    table = read_compiled(str(compiled), builtin_templates())
    assert table is not None
    names = {
        p.relative_to(builtin_templates()).as_posix()
        for p in builtin_templates().rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert set(table) == names
    assert "xhtml/chapter.xhtml" in names


def test_a_changed_template_file_is_compiled_from_its_source(compiled: Path) -> None:
    table = read_compiled(str(compiled), builtin_templates())
    assert table is not None
    filename, size, mtime, code = table["markdown/chapter.md"]
    table["markdown/chapter.md"] = (filename, size + 1, mtime, code)
    asked: list[str] = []

    def full() -> object:
        asked.append("full")
        return environment(None)

    runtime = RuntimeTemplates(table, full)
    assert type(runtime.get_template("markdown/chapter.md")).__name__ == "Template"
    assert type(runtime.get_template("xhtml/chapter.xhtml")).__name__ == "RuntimeTemplate"
    assert asked == ["full"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
def test_a_file_others_may_write_is_not_read(compiled: Path) -> None:
    compiled.chmod(0o622)
    assert read_compiled(str(compiled), builtin_templates()) is None
    compiled.chmod(0o600)
    assert read_compiled(str(compiled), builtin_templates()) is not None


def test_a_damaged_or_foreign_file_is_not_read(tmp_path: Path, compiled: Path) -> None:
    damaged = tmp_path / "damaged.marshal"
    damaged.write_bytes(compiled.read_bytes()[:100])
    damaged.chmod(0o600)
    assert read_compiled(str(damaged), builtin_templates()) is None
    foreign = tmp_path / "foreign.marshal"
    write_compiled(str(foreign), tmp_path, {})  # stamped for another template folder
    assert read_compiled(str(foreign), builtin_templates()) is None
    assert read_compiled(str(tmp_path / "missing.marshal"), builtin_templates()) is None


def test_a_mistake_reads_the_same_on_the_runtime(compiled: Path) -> None:
    table = read_compiled(str(compiled), builtin_templates())
    assert table is not None
    runtime = RuntimeTemplates(table, lambda: environment(None))
    messages = []
    for templates in (runtime, environment(None)):
        for name in ("xhtml/chapter.xhtml", "html/page.html"):
            with pytest.raises(BadTemplateError) as caught:
                templates.get_template(name).render(blocks=[])
            messages.append(str(caught.value))
    assert messages[:2] == messages[2:]
    assert messages[:2] == [
        "template xhtml/chapter.xhtml, line 7: 'meta' is undefined",
        "template html/page.html, line 16: 'story' is undefined",
    ]


def test_what_the_runtime_lacks_comes_from_the_full_environment(compiled: Path) -> None:
    table = read_compiled(str(compiled), builtin_templates())
    assert table is not None
    runtime = RuntimeTemplates(table, lambda: environment(None))
    assert runtime.policies is environment(None).policies
    with pytest.raises(AttributeError):
        runtime._nothing  # noqa: B018
