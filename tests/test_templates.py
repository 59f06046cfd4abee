"""Templates users own: export, edit, build with them; mistakes fail loudly with name and line."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner

from fanfmt.api import convert, normalise
from fanfmt.cli import cli
from fanfmt.options import Options
from fanfmt.template_runtime import RuntimeTemplate
from fanfmt.templating import BadTemplateError, builtin_templates, export_templates
from fanfmt.writers._views import block_views
from fanfmt.writers.html import story_view
from fanfmt.writers.page import Page

REPO = Path(__file__).resolve().parent.parent
BRITISH = REPO / "samples" / "british-single-quotes.txt"
NOTES = REPO / "samples" / "blank-line-unmarked-notes.txt"
DOCS = REPO / "docs" / "templates.md"
ORNAMENT = "\N{ROTATED FLORAL HEART BULLET} \N{ROTATED FLORAL HEART BULLET}"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def chapter_in(folder: Path, source: Path = BRITISH) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ch5.txt"
    path.write_text(source.read_text("utf-8"), "utf-8")
    return path


def builtin_files() -> dict[str, bytes]:
    root = builtin_templates()
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_export_copies_every_default_template(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    code, out, err = run("templates", "export", str(target))
    assert code == 0, err
    assert f"exported {len(builtin_files())} templates to {target}" in out
    exported = {
        p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()
    }
    assert exported == builtin_files()
    assert {"html/page.html", "html/blocks.html", "ao3/chapter.html"} <= set(exported)


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    export_templates(target)
    edited = target / "html" / "page.html"
    edited.write_text("mine", "utf-8")
    code, _, err = run("templates", "export", str(target))
    assert code == 4
    assert "already exists (use --force to overwrite)" in err
    assert edited.read_text("utf-8") == "mine"
    code, _, err = run("templates", "export", str(target), "--force")
    assert code == 0, err
    assert edited.read_bytes() == builtin_files()["html/page.html"]


def edit_html_blocks(folder: Path) -> None:
    """A different scene-break ornament and a different chapter heading layout."""
    path = folder / "html" / "blocks.html"
    text = path.read_text("utf-8")
    heading = re.search(r"^<h1>.*</h1>$", text, re.M)
    assert heading is not None
    text = text.replace(
        heading.group(0),
        '<h1 class="mine">{{ b.title }} \N{MIDDLE DOT} <small>{{ b.number }}</small></h1>',
    )
    assert '<hr class="scene-break">' in text
    text = text.replace('<hr class="scene-break">', f'<p class="ornament">{ORNAMENT}</p>')
    path.write_text(text, "utf-8")


def test_an_edited_template_changes_the_next_build(tmp_path: Path) -> None:
    chapter = chapter_in(tmp_path / "story")
    code, _, err = run("build", str(chapter), "--to", "html", "--no-config")
    assert code == 0, err
    before = (tmp_path / "story" / "ch5.html").read_text("utf-8")
    assert before.count('<hr class="scene-break">') == 4
    assert ORNAMENT not in before

    run("templates", "export", str(tmp_path / "mine"))
    edit_html_blocks(tmp_path / "mine")
    code, _, err = run(
        "build", str(chapter), "--to", "html", "--no-config", "--templates", str(tmp_path / "mine")
    )
    assert code == 0, err
    after = (tmp_path / "story" / "ch5.html").read_text("utf-8")
    assert after.count(f'<p class="ornament">{ORNAMENT}</p>') == 4
    assert '<hr class="scene-break">' not in after
    assert (
        '<h1 class="mine">The Drowned Bell \N{MIDDLE DOT} <small>Chapter Five</small></h1>'
    ) in after
    assert '<span class="chapter-number">' not in after


def test_templates_folder_from_fanfmt_toml(tmp_path: Path) -> None:
    chapter = chapter_in(tmp_path / "story")
    export_templates(tmp_path / "story" / "tpl")
    ao3 = tmp_path / "story" / "tpl" / "ao3" / "chapter.html"
    ao3.write_text(ao3.read_text("utf-8").replace("<hr />", "<p>(break)</p>"), "utf-8")
    (tmp_path / "story" / "fanfmt.toml").write_text('[output]\ntemplates = "tpl"\n', "utf-8")
    code, out, err = run("build", str(chapter), "--to", "ao3", "-o", "-")
    assert code == 0, err
    assert out.count("<p>(break)</p>") == 4
    assert "<hr />" not in out


def test_a_template_edited_between_builds_in_one_process_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "ao3").mkdir(parents=True)
    page = folder / "ao3" / "chapter.html"
    options = Options(templates=str(folder))
    page.write_text("first {{ blocks | length }}", "utf-8")
    assert convert("Hi.", "ao3", options).text == "first 1\n"
    page.write_text("second {{ blocks | length }}", "utf-8")
    later = page.stat().st_mtime + 2
    os.utime(page, (later, later))
    assert convert("Hi.", "ao3", options).text == "second 1\n"


def with_line(name: str, text: str) -> tuple[str, int]:
    """The built-in template ``name`` with ``text`` on the line after its opening comment."""
    lines = (builtin_templates() / name).read_text("utf-8").splitlines(keepends=True)
    at = next((i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("-#}")), 0)
    lines.insert(at, text + "\n")
    return "".join(lines), at + 1


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("xhtml", "xhtml/chapter.xhtml"),
        ("xhtml", "xhtml/blocks.xhtml"),
        ("markdown", "markdown/chapter.md"),
        ("html", "html/page.html"),
        ("html", "html/blocks.html"),
        ("ao3-single", "ao3/chapter.html"),
        ("ao3", "ao3/kit-fields.html"),
        ("ao3", "ao3/kit.html"),
        ("ao3", "ao3/title.txt"),
        ("ao3", "ao3/workskin.css"),
        ("ffn", "ffn/chapter.html"),
    ],
)
def test_an_unknown_variable_fails_with_the_template_name_and_line(
    tmp_path: Path, fmt: str, name: str
) -> None:
    fmt, _, mode = fmt.partition("-")
    chapter = chapter_in(tmp_path / "story")
    source, line = with_line(name, "{{ sumary }}")
    (tmp_path / "mine" / name).parent.mkdir(parents=True)
    (tmp_path / "mine" / name).write_text(source, "utf-8")
    out = tmp_path / "story" / "out.txt"
    code, stdout, err = run(
        "build", str(chapter), "--to", fmt, "-o", str(out), "--no-config",
        "--templates", str(tmp_path / "mine"), *(["--ao3", mode] if mode else []),
    )  # fmt: skip
    assert code == 2
    assert err == f"fanfmt: error: template {name}, line {line}: 'sumary' is undefined\n"
    assert stdout == ""
    assert not out.exists()


def test_an_unknown_attribute_fails_too(tmp_path: Path) -> None:
    source, line = with_line("html/page.html", "{{ story.sumary }}")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "page.html").write_text(source, "utf-8")
    with pytest.raises(BadTemplateError) as caught:
        convert("Hi.", "html", Options(templates=str(tmp_path)))
    assert str(caught.value) == (
        f"template html/page.html, line {line}: 'dict object' has no attribute 'sumary'"
    )
    assert caught.value.exit_code == 2


def test_a_syntax_error_fails_with_the_template_name_and_line(tmp_path: Path) -> None:
    chapter = chapter_in(tmp_path / "story")
    source, _ = with_line("ao3/chapter.html", "{% if blocks %}")
    (tmp_path / "mine" / "ao3").mkdir(parents=True)
    (tmp_path / "mine" / "ao3" / "chapter.html").write_text(source, "utf-8")
    code, _, err = run(
        "build", str(chapter), "--to", "ao3", "-o", "-", "--no-config",
        "--templates", str(tmp_path / "mine"),
    )  # fmt: skip
    assert code == 2
    assert re.fullmatch(r"fanfmt: error: template ao3/chapter\.html, line \d+: .+\n", err)


def documented(section: str) -> str:
    """The text of the docs section whose heading names ``section``."""
    text = DOCS.read_text("utf-8")
    parts = re.split(r"^#{2,4} ", text, flags=re.M)
    found = [p for p in parts if p.splitlines()[0].strip().strip("`") == section]
    assert found, f"docs/templates.md has no section for {section}"
    return found[0]


@pytest.mark.parametrize("fmt", ["xhtml", "markdown", "html", "ao3"])
def test_every_variable_a_template_receives_is_documented(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, set[str]] = {}
    render = jinja2.Template.render
    generate = jinja2.Template.generate

    def recording(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        seen.setdefault(str(self.name), set()).update(kwargs)
        return render(self, *args, **kwargs)

    def recording_parts(self: jinja2.Template, *args: Any, **kwargs: Any) -> Iterator[str]:
        seen.setdefault(str(self.name), set()).update(kwargs)
        return generate(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", recording)
    monkeypatch.setattr(jinja2.Template, "generate", recording_parts)
    # the built-in templates' kept code runs on these instead (fanfmt.template_runtime)
    runtime_render, runtime_generate = RuntimeTemplate.render, RuntimeTemplate.generate

    def runtime_recording(self: RuntimeTemplate, *args: Any, **kwargs: Any) -> str:
        seen.setdefault(str(self.name), set()).update(kwargs)
        return runtime_render(self, *args, **kwargs)

    def runtime_parts(self: RuntimeTemplate, *args: Any, **kwargs: Any) -> Iterator[str]:
        seen.setdefault(str(self.name), set()).update(kwargs)
        return runtime_generate(self, *args, **kwargs)

    monkeypatch.setattr(RuntimeTemplate, "render", runtime_recording)
    monkeypatch.setattr(RuntimeTemplate, "generate", runtime_parts)
    options = Options(stylesheet="inline")
    convert(NOTES.read_text("utf-8"), fmt, options)
    assert seen
    for name, variables in seen.items():
        section = documented(name)
        for variable in variables:
            assert f"`{variable}`" in section, f"{name}: {variable}"


def test_every_block_and_story_field_is_documented() -> None:
    doc, _ = normalise(NOTES.read_text("utf-8"))
    section = documented("Blocks")
    kinds: dict[str, set[str]] = {}
    for view in block_views(doc, Options(notes="keep"), lambda c: ""):
        kinds.setdefault(view["kind"], set()).update(view)
        for p in view.get("paragraphs", []):
            kinds.setdefault("paragraph", set()).update(p)
    assert {"heading", "paragraph", "scene_break", "legend", "author_note"} <= set(kinds)
    for kind, keys in kinds.items():
        assert f"`{kind}`" in section
        for key in keys:
            assert f"`{key}`" in section, f"{kind}.{key}"
    story = documented("story")
    for key in story_view(Page.of(doc), Options()):
        assert f"`{key}`" in story, key
    options = documented("options")
    for field in Options.__dataclass_fields__:
        assert f"`{field}`" in options, field


def test_blocks_is_a_sequence_a_template_can_measure_index_and_loop_twice(tmp_path: Path) -> None:
    (tmp_path / "markdown").mkdir()
    (tmp_path / "markdown" / "chapter.md").write_text(
        "{{ blocks | length }}|{{ blocks[0].kind }}|{{ blocks[-1].kind }}"
        "|{% for b in blocks %}{{ b.kind }},{% endfor %}"
        "|{% for b in blocks[1:3] %}{{ b.kind }},{% endfor %}"
        "|{% for b in blocks %}{% if loop.last %}{{ loop.length }}{% endif %}{% endfor %}",
        "utf-8",
    )
    doc, _ = normalise(NOTES.read_text("utf-8"))
    kinds = [view["kind"] for view in block_views(doc, Options(), lambda c: "")]
    text = convert(NOTES.read_text("utf-8"), "markdown", Options(templates=str(tmp_path))).text
    assert text.strip().split("|") == [
        str(len(kinds)),
        kinds[0],
        kinds[-1],
        "".join(f"{kind}," for kind in kinds),
        "".join(f"{kind}," for kind in kinds[1:3]),
        str(len(kinds)),
    ]
    assert len(set(kinds)) >= 3


def test_a_build_with_templates_of_ones_own_leaves_no_cache_a_plain_build_trips_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in templates a user's folder falls back on are compiled in the sandbox;
    a build without ``--templates`` must not be handed that compiled code."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    mine = tmp_path / "mine"
    (mine / "html").mkdir(parents=True)
    (mine / "html" / "style.css").write_text("p { margin: 0; }\n", "utf-8")
    text = BRITISH.read_text("utf-8")
    sandboxed = convert(text, "html", Options(templates=str(mine))).text
    assert "p { margin: 0; }" in sandboxed
    for fmt in ("html", "xhtml"):
        assert convert(text, fmt, Options()).text
