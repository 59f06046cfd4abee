"""The AO3 posting kit: one file per field of AO3's chapter form, and a page to copy them from.

AO3's form has its own fields for a chapter's title, summary, beginning notes and end
notes, beside the chapter text; it shows the chapter number itself. The kit puts each
part of a chapter in its field, every word in exactly one:

* the first heading's title → ``title.txt`` (its number is AO3's own); the story's title,
  when the chapter shows it → ``work-title.txt``
* the summary (``--summary``, ``fanfmt.toml``) → ``summary.html``
* notes before the story, and disclaimers → ``notes-begin.html``; notes after it →
  ``notes-end.html`` (``--notes end``: every note there; ``omit``: none anywhere)
* everything else → ``chapter.html``, with its classes (``thought``, ``scene-break``,
  ``caption``, ``author-note``, ``legend``, ``byline``…) for the work skin; without the
  skin it still reads right: thoughts are ``<em>``, breaks ``<hr />``
* ``workskin.css``, the work skin; ``kit.html``, a page showing each field with a Copy
  button, in the order of AO3's form

``kit_files(page, options)`` → ``{"title.txt": "The Drowned Bell\\n", …, "kit.html": …}``.
The fields are ``templates/ao3/kit-fields.html``; the page ``templates/ao3/kit.html``; the
skin ``templates/ao3/workskin.css``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from fanfmt.model import AuthorNote, Block, Heading, Inline, Paragraph
from fanfmt.options import Options
from fanfmt.template_set import templates
from fanfmt.writers._views import Render, View, _shown_refs, _view
from fanfmt.writers.ao3 import unindented_lines
from fanfmt.writers.inline import Ao3Inlines, Ao3KitInlines, display_text
from fanfmt.writers.page import Page
from fanfmt.xmlchars import strip_unsafe


@dataclass(frozen=True, slots=True)
class Field:
    """One field of AO3's form: its id (``data-field`` on the kit page) and its file."""

    id: str
    file: str


FIELDS: tuple[Field, ...] = (
    Field("work-title", "work-title.txt"),
    Field("title", "title.txt"),
    Field("summary", "summary.html"),
    Field("notes-begin", "notes-begin.html"),
    Field("notes-end", "notes-end.html"),
    Field("chapter", "chapter.html"),
)
"""The fields, in the order of AO3's form; ``work-title`` only when the chapter shows the
story's title (a new work's form asks for it first)."""
SKIN = Field("workskin", "workskin.css")
"""The work skin: not a field of the chapter's form, but on the kit page after them."""
PAGE_FILE = "kit.html"


@dataclass(slots=True)
class _Parts:
    """A chapter's blocks, sorted into the fields they go to."""

    heading: Heading | None = None
    begin: list[Block] = field(default_factory=list)
    end: list[Block] = field(default_factory=list)
    chapter: list[Block] = field(default_factory=list)


def _sort(blocks: Sequence[Block], options: Options) -> _Parts:
    """The first heading to the title fields; notes before the story and disclaimers to the
    beginning notes, notes after it to the end notes (``--notes end``: all of them, ``omit``:
    none); notes inside the story, and everything else, to the chapter text."""
    parts = _Parts()
    for block in blocks:
        if isinstance(block, Heading) and parts.heading is None:
            parts.heading = block
        elif isinstance(block, AuthorNote) or _disclaimer(block):
            after = isinstance(block, AuthorNote) and block.position == "after"
            if options.notes == "omit":
                continue
            if options.notes == "end" or after:
                parts.end.append(block)
            elif isinstance(block, AuthorNote) and block.position == "inline":
                parts.chapter.append(block)
            else:
                parts.begin.append(block)
        else:
            parts.chapter.append(block)
    return parts


def _disclaimer(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "disclaimer"


def kit_files(page: Page, options: Options) -> dict[str, str]:
    """Every file of the kit, by name, in the kit page's order (the page last)."""
    blocks = list(page.blocks)  # the kit needs the whole chapter: it is not streamed
    parts = _sort(blocks, options)
    shown = _shown_refs(blocks, tuple(range(len(blocks))))
    kit_render, note_render = Ao3KitInlines(options).render, Ao3Inlines(options).render

    def text(children: tuple[Inline, ...]) -> str:
        return Markup(kit_render(children))

    def notes(children: tuple[Inline, ...]) -> str:  # AO3 keeps classes there; none needed
        return Markup(note_render(children))

    env = templates(options.templates)
    macros: Any = env.get_template("ao3/kit-fields.html").module

    def lines(markup: object) -> str:
        """One block a line, no blank line; an empty field is an empty file."""
        text = strip_unsafe("".join(unindented_lines([str(markup)])))
        return text if text.strip() else ""

    def views(blocks: list[Block], render: Render) -> list[View]:
        return [_view(b, render, shown) for b in blocks]

    heading = parts.heading
    fields: dict[str, str] = {}
    if heading is not None and heading.story_title:
        fields["work-title"] = lines(env.get_template("ao3/title.txt").render(
            title=display_text(heading.story_title)))  # fmt: skip
    title = display_text(heading.title) if heading is not None else ""
    fields["title"] = lines(env.get_template("ao3/title.txt").render(title=title))
    summary = [p.strip() for p in options.summary.split("\n\n") if p.strip()]
    fields["summary"] = lines(macros.summary(summary))
    fields["notes-begin"] = lines(macros.notes(views(parts.begin, notes)))
    fields["notes-end"] = lines(macros.notes(views(parts.end, notes)))
    fields["chapter"] = lines(macros.chapter(views(parts.chapter, text), options))
    skin = strip_unsafe(env.get_template("ao3/workskin.css").render(options=options))
    files = {f.file: fields[f.id] for f in FIELDS if f.id in fields}
    files[SKIN.file] = skin
    shown_fields = [
        {"id": f.id, "file": f.file, "content": fields[f.id]} for f in FIELDS if f.id in fields
    ]
    skin_view = {"id": SKIN.id, "file": SKIN.file, "content": skin}
    files[PAGE_FILE] = strip_unsafe(
        env.get_template("ao3/kit.html").render(
            fields=shown_fields, skin=skin_view, meta=page.meta, options=options
        )
    )
    return files


__all__ = ["FIELDS", "PAGE_FILE", "SKIN", "Field", "kit_files"]
