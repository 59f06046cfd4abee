"""Read a saved AO3 or FanFiction.Net page, or any HTML fragment, into the document model.

Only the story is kept: its title, the chapter title, the author's notes and the
chapter text with its italics, bold and breaks. Site furniture (navigation, kudos,
comments, summaries, tags, scripts, styles, images) is left out. Quotes and dashes stay
as typed for the rules.

* AO3 (``div#workskin``): ``h2.title`` → story title, ``h3.title`` → a chapter heading,
  ``div.notes`` → a note ``before``, ``div.end.notes`` → a note ``after``,
  ``div.userstuff`` → the chapter text; a full work gives one heading per chapter;
  AO3's downloaded HTML (``<p>Chapter Notes</p><blockquote>…``) is read the same way
* FanFiction.Net (``div#storytext``): ``#profile_top b`` → story title, the selected
  ``select#chap_select`` option (``2. The Road``) → ``Chapter 2`` / ``The Road``;
  ``A/N:`` paragraphs are left to the ``author_notes`` rule
* anything else: the page body; ``<h1>``–``<h6>`` → headings
* ``<i>``, ``<em>``, ``<u>``, ``<span style="font-style:italic">`` → :class:`Emphasis`
  (``marker="html"``); ``<b>``, ``<strong>``, ``font-weight:bold`` → :class:`Strong`
* ``<hr>`` → :class:`SceneBreak`; a ``<center>* * *</center>`` line stays a paragraph for
  the ``scene_breaks`` rule; runs of empty paragraphs (``<p>&nbsp;</p>``) and ``<br><br>``
  become blank-line gaps, as the plain-text reader counts them
* ``<p>Long line.<br>Long line.</p>`` (a paragraph per line) → one paragraph per line;
  short lines (a poem, a text message) keep their line breaks

Parsed with BeautifulSoup's ``html.parser``: no DTD, no external entity, nothing fetched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from fanfmt.chars import ELLIPSIS, RIGHT_DOUBLE_QUOTE, RIGHT_SINGLE_QUOTE
from fanfmt.errors import InputError
from fanfmt.model import (
    AuthorNote,
    Block,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Meta,
    NotePosition,
    Paragraph,
    ParagraphRole,
    SceneBreak,
    Strong,
    Text,
    Thought,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from bs4.element import PageElement

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "img",
    "picture",
    "source",
    "link",
    "meta",
    "head",
    "title",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "form",
    "map",
    "area",
)
_BLOCK_TAGS = frozenset(
    """p div center blockquote section article main aside header footer nav ul ol li dl dt dd
    table thead tbody tfoot tr td th caption figure figcaption address details summary
    fieldset h1 h2 h3 h4 h5 h6 pre body html""".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_ITALIC_TAGS = frozenset("i em cite dfn var u ins".split())
_BOLD_TAGS = frozenset("b strong".split())
_SPACE_RE = re.compile(r"[ \t\n\r\f\u00a0\u2002\u2003\u2009\u3000]+")
_ITALIC_STYLE_RE = re.compile(
    r"font-style\s*:\s*(?:italic|oblique)|text-decoration[\w-]*\s*:[^;]*underline", re.I
)
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)", re.I)
_CSS_RULE_RE = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")
_CHAPTER_OPTION_RE = re.compile(r"^\s*(\d+)\s*\.\s*(.*)$", re.S)
_CHAPTER_WORD_RE = re.compile(
    r"^\s*(?:chapter|chap\.?|ch\.|part|prologue|epilogue|interlude)\b", re.I
)
_PROSE_LINE = 80
"""Mean length (characters) above which ``<br>``-separated lines are paragraphs."""
_SENTENCE_END = (".", "!", "?", '"', ")", ELLIPSIS, RIGHT_DOUBLE_QUOTE, RIGHT_SINGLE_QUOTE)

# Site furniture inside an AO3 work (by class or id): never story text.
_AO3_SKIP_CLASSES = frozenset(
    """navigation actions summary byline landmark jump associations kudos feedback
    comments comment share bookmark series hidden message tags stats""".split()
)
# AO3's downloaded HTML labels its blocks with a paragraph before a block quote.
_AO3_LABELS: dict[str, NotePosition | None] = {
    "notes": "before",
    "chapter notes": "before",
    "end notes": "after",
    "chapter end notes": "after",
    "summary": None,
    "chapter summary": None,
}
_AO3_SKIP_IDS = frozenset("feedback comments kudos share header footer".split())
# Furniture of an unknown page.
_GENERIC_SKIP_ROLES = frozenset("navigation banner contentinfo search menu menubar toolbar".split())
_GENERIC_SKIP_TAGS = frozenset("nav header footer".split())


def read_html(text: str, meta: Meta | None = None) -> Document:
    """Read an HTML page or fragment (already decoded) into a document."""
    try:
        return _read(text, meta)
    except RecursionError:
        raise InputError("the page nests its italics or other tags too deeply to read") from None


def _read(text: str, meta: Meta | None) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    page = _Page(_class_styles(soup), chapter=_selected_chapter(soup))
    page_title = _page_title(soup)
    _drop(list(soup.find_all(_DROP_TAGS)))
    if not (_ao3(soup, page) or _ffn(soup, page, page_title)):
        _generic(soup, page)
    meta = meta or Meta()
    if page.author and not meta.author:
        meta = replace(meta, author=page.author)
    return Document(blocks=page.finish(), meta=meta)


# ---------------------------------------------------------------------------- pages


def _ao3(soup: BeautifulSoup, page: _Page) -> bool:
    root = soup.select_one("#workskin")
    if root is None:
        chapters = soup.select_one("#chapters")
        if chapters is None or not _has_class(soup, "userstuff"):
            return False
        root = chapters.parent if chapters.parent is not None else chapters
    for landmark in root.select(".landmark"):
        landmark.decompose()  # "Chapter Text", "Work Text:"
    author = root.select_one("h3.byline a[rel~=author], a[rel~=author]")
    if author is not None:
        page.author = _collapse(author.get_text())

    def visit(node: Tag) -> None:
        label: str | None = None
        for child in _tags(node):
            classes = _classes(child)
            skip = classes & _AO3_SKIP_CLASSES or str(child.get("id") or "") in _AO3_SKIP_IDS
            if skip or child.name == "dl":  # menus, tags, stats, kudos, comments…
                continue
            text = _collapse(child.get_text()).rstrip(":").lower() if child.name == "p" else ""
            if text in _AO3_LABELS:
                label = text  # "Chapter Notes" before its block quote (downloads)
                continue
            if child.name == "blockquote" and label is not None:
                position = _AO3_LABELS[label]
                if position is not None:
                    page.note(child, position)
            elif (
                child.name in ("h1", "h2")
                and ("title" in classes or child.name == "h1")
                and not page.story_title
            ):
                page.story_title = _inlines(child, page.styles)
            elif child.name in ("h2", "h3", "h4") and classes & {"title", "heading", "toc-heading"}:
                page.heading(_inlines(child, page.styles), _line(child))
            elif "notes" in classes and "userstuff" not in classes:
                _ao3_note(child, page, "after" if "end" in classes else "before")
            elif "userstuff" in classes and child.name != "blockquote":
                if child.select_one("div.userstuff") is not None:
                    visit(child)  # a download's chapters, each with its own text
                else:
                    page.text(child)
            else:
                visit(child)
            label = None

    visit(root)
    return True


def _ao3_note(node: Tag, page: _Page, position: NotePosition) -> None:
    quotes = node.select("blockquote.userstuff") or [node]
    for quote in quotes:
        for tag in quote.select("h3.heading, .heading, p.jump, .jump, ul.associations"):
            if tag is not quote:
                tag.decompose()
        page.note(quote, position)


def _ffn(soup: BeautifulSoup, page: _Page, page_title: str = "") -> bool:
    story = (
        soup.select_one("#storytext")
        or soup.select_one("div.storytext")
        or soup.select_one("#storycontent")
        or soup.select_one("div.storycontent")
        or soup.select_one("#storytextp")
    )
    if story is None:
        return False
    top = soup.select_one("#profile_top")
    if top is not None:
        title = top.select_one("b.xcontrast_txt") or top.find("b")
        if title is not None:
            page.story_title = _inlines(title, page.styles)
        author = top.select_one("a[href*='/u/']")
        if author is not None:
            page.author = _collapse(author.get_text())
    else:  # the layout of the 2000s: no profile box; the page's title names the story
        title_text = _ffn_story_title(page_title)
        if title_text:
            page.story_title = (Text(title_text),)
        author = next((a for a in soup.select("a[href^='/u/']") if story not in a.parents), None)
        if author is not None:
            page.author = _collapse(author.get_text())
    if page.chapter:
        page.heading(page.chapter, _line(story))
    page.text(story)
    return True


def _selected_chapter(soup: BeautifulSoup) -> tuple[Inline, ...]:
    """FanFiction.Net's chapter menu names the chapter shown (read before menus are dropped).

    The site never closes its ``<option>`` tags, so the parser nests each option inside the
    one before it: only the option's own text is its label, not the options after it.
    """
    option = soup.select_one("select#chap_select option[selected]") or soup.select_one(
        "select[name=chapter] option[selected]"
    )
    if option is None:
        return ()
    own = "".join(str(s) for s in option.find_all(string=True, recursive=False))
    return _chapter_option(_collapse(own))


_FFN_TITLE_RE = re.compile(
    r"^(?P<story>.+?)(?:\s+Chapter\s+\d+(?::.*?)?)?,\s+an?\s+[^,|]*?\s+"
    r"(?:fan\s?fic(?:tion)?|fiction)\s*\|\s*(?:FanFiction|FictionPress)(?:\.Net)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""``Lanterns Over Harrowgate Chapter 6: The Ferryman, a misc fanfic | FanFiction.Net``."""


def _page_title(soup: BeautifulSoup) -> str:
    """The text of the page's ``<title>`` (read before the head is dropped)."""
    tag = soup.find("title")
    return _collapse(tag.get_text()) if tag is not None else ""


def _ffn_story_title(page_title: str) -> str:
    """The story's title in a FanFiction.Net page title.

    ``"Lanterns Over Harrowgate Chapter 6: The Ferryman, a misc fanfic | FanFiction.Net"``
    → ``"Lanterns Over Harrowgate"``; a title of any other site → ``""``.
    """
    m = _FFN_TITLE_RE.match(page_title)
    return m.group("story").strip() if m else ""


def _chapter_option(label: str) -> tuple[Inline, ...]:
    """``"2. The Road"`` → ``Chapter 2: The Road``; ``"2. Chapter 2"`` → ``Chapter 2``."""
    m = _CHAPTER_OPTION_RE.match(label)
    if m is None or _CHAPTER_WORD_RE.match(m.group(2)):
        return (Text(m.group(2) if m else label),)
    name = m.group(2).strip()
    return (Text(f"Chapter {m.group(1)}: {name}" if name else f"Chapter {m.group(1)}"),)


def _generic(soup: BeautifulSoup, page: _Page) -> None:
    from bs4 import Tag

    furniture = [
        tag
        for tag in soup.find_all(True)
        if (tag.name in _GENERIC_SKIP_TAGS and "chapter-heading" not in _classes(tag))
        or str(tag.get("role") or "") in _GENERIC_SKIP_ROLES
    ]
    _drop(furniture)
    body = soup.find("body")
    page.text(body if isinstance(body, Tag) else soup)


def _drop(tags: list[Tag]) -> None:
    """Decompose ``tags``, outermost first (an inner one goes with its outer one)."""
    chosen = {id(t) for t in tags}
    for tag in tags:
        if not any(id(p) in chosen for p in tag.parents):
            tag.decompose()


# ---------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class _Para:
    children: tuple[Inline, ...]
    line: int
    empties: int
    role: ParagraphRole = "text"


@dataclass(slots=True)
class _Page:
    """What a page yields, in reading order, before gaps are settled."""

    styles: dict[str, tuple[bool, bool]]
    chapter: tuple[Inline, ...] = ()
    story_title: tuple[Inline, ...] = ()
    author: str = ""
    items: list[Block | _Para] = field(default_factory=list)

    def heading(self, title: tuple[Inline, ...], line: int) -> None:
        if title:
            self.items.append(Heading(title=title, line=line))

    def note(self, node: Tag, position: NotePosition) -> None:
        paragraphs = [
            Paragraph(p.children, p.line)
            for p in _Builder(self.styles).run(node)
            if isinstance(p, _Para)
        ]
        if paragraphs:
            self.items.append(AuthorNote(tuple(paragraphs), position, True, paragraphs[0].line))

    def text(self, node: Tag | BeautifulSoup) -> None:
        self.items.extend(_Builder(self.styles).run(node))

    def finish(self) -> tuple[Block, ...]:
        items = list(self.items)
        first = next((i for i, b in enumerate(items) if isinstance(b, Heading)), None)
        if first is not None and all(isinstance(b, AuthorNote) for b in items[:first]):
            items.insert(0, items.pop(first))  # work notes follow the heading
        elif self.story_title:
            items.insert(0, Heading(line=1))
            first = 0
        if self.story_title and first is not None:
            head = items[0]
            assert isinstance(head, Heading)
            items[0] = replace(head, story_title=self.story_title)
        return tuple(_settle_gaps(items))


def _settle_gaps(items: list[Block | _Para]) -> list[Block]:
    """Empty paragraphs counted before each paragraph → ``gap_before`` beyond the usual spacing."""
    paras = [it for it in items if isinstance(it, _Para)]
    seps = Counter(min(p.empties, 9) for p in paras[1:])
    adjacent = seps.get(0, 0)
    separated = sum(n for k, n in seps.items() if k >= 1)
    normal = 0
    if separated >= adjacent and separated:
        normal = max((k for k in seps if k >= 1), key=lambda k: (seps[k], -k))
    out: list[Block] = []
    for it in items:
        if isinstance(it, _Para):
            gap = max(0, it.empties - normal) if out else 0
            out.append(Paragraph(it.children, it.line, role=it.role, gap_before=gap))
        else:
            out.append(it)
    return out


_Item = Block | _Para


@dataclass(slots=True)
class _Builder:
    """Walks a story region: block elements end paragraphs, inline ones fill them."""

    styles: dict[str, tuple[bool, bool]]
    out: list[_Item] = field(default_factory=list)
    buffer: list[Inline] = field(default_factory=list)
    wrappers: list[Callable[[tuple[Inline, ...]], Inline]] = field(default_factory=list)
    empties: int = 0
    line: int = 0

    def run(self, node: Tag | BeautifulSoup) -> list[_Item]:
        self.line = _line(node)
        self.walk(node)
        self.flush()
        return self.out

    def walk(self, node: Tag | BeautifulSoup) -> None:
        """Visit ``node``'s descendants in order (a loop, not recursion: legacy pages nest
        thousands of unclosed ``<p>`` tags)."""
        stack: list[tuple[PageElement | None, Callable[[], None] | None]] = [
            (child, None) for child in reversed(list(node.children))
        ]
        while stack:
            child, then = stack.pop()
            if then is not None:
                then()
                continue
            assert child is not None
            tag = _as_tag(child)
            if tag is None:
                text = _as_text(child)
                if text:
                    self.buffer.append(Text(text))
                continue
            name = tag.name
            inner: list[PageElement] = []
            if name == "hr":
                self.flush()
                self.empties = 0
                self.out.append(SceneBreak("", _line(tag)))
            elif name == "br":
                self.buffer.append(LineBreak())
            elif name in _BLOCK_TAGS:
                if self.open_block(tag):
                    stack.append((None, partial(self.close_block, tag, len(self.out))))
                    inner = list(tag.children)
            elif _contains_block(tag):
                wrap = _wrapper(tag, self.styles)
                if wrap is not None:
                    self.flush()
                    self.wrappers.append(wrap)
                    stack.append((None, self.unwrap))
                inner = list(tag.children)
            else:
                self.buffer.extend(_inline_nodes(tag, self.styles))
            stack.extend((c, None) for c in reversed(inner))

    def unwrap(self) -> None:
        self.flush()
        self.wrappers.pop()

    def open_block(self, tag: Tag) -> bool:
        """Start a block element; False when it was read whole (a heading, a note…)."""
        self.flush()
        self.line = _line(tag)
        classes = _classes(tag)
        if tag.name == "aside" and "author-note" in classes:
            position: NotePosition = (
                "after" if "after" in classes else "inline" if "inline" in classes else "before"
            )
            paragraphs = tuple(
                Paragraph(p.children, p.line)
                for p in _Builder(self.styles).run(tag)
                if isinstance(p, _Para)
            )
            if paragraphs:
                self.out.append(AuthorNote(paragraphs, position, False, paragraphs[0].line))
            return False
        if tag.name == "header" and "chapter-heading" in classes:
            self.out.append(_own_heading(tag, self.styles))
            return False
        if tag.name in _HEADINGS:
            title = _inlines(tag, self.styles)
            if title:
                self.out.append(Heading(title=title, line=_line(tag)))
                self.empties = 0
            return False
        if tag.name == "pre":
            self.buffer.extend(_pre(tag))
            self.close_block(tag, len(self.out))
            return False
        return True

    def close_block(self, tag: Tag, before: int) -> None:
        self.flush("caption" if "scene-heading" in _classes(tag) else "text")
        if len(self.out) == before and tag.name in ("p", "div", "center"):
            self.empties += 1  # an empty paragraph: blank space the author left

    def flush(self, role: ParagraphRole = "text") -> None:
        if not self.buffer:
            return
        children = _tidy(self.buffer)
        self.buffer = []
        for wrap in reversed(self.wrappers):
            if children:
                children = (wrap(children),)
        groups: list[tuple[int, list[tuple[Inline, ...]]]] = []
        blank = 0
        for line in _split_lines(children):
            if not line:
                blank += 1  # an empty line: <br><br>
            elif groups and not blank:
                groups[-1][1].append(line)
            else:
                groups.append((blank, [line]))
                blank = 0
        for blank_before, group in groups:
            self.empties += blank_before
            for para in _paragraphs(group):
                self.out.append(_Para(para, self.line, self.empties, role))
                self.empties = 0
        if groups:
            self.empties += max(0, blank - 1)  # a last <br> only ends the line


def _paragraphs(lines: list[tuple[Inline, ...]]) -> list[tuple[Inline, ...]]:
    """Lines of one block: a paragraph per line when they are prose, else one paragraph."""
    from fanfmt.walk import plain_text

    if len(lines) >= 2:
        texts = [plain_text(ln).rstrip() for ln in lines]
        mean = sum(len(t) for t in texts) / len(texts)
        ended = sum(1 for t in texts if t.endswith(_SENTENCE_END)) / len(texts)
        if mean >= _PROSE_LINE or (mean >= _PROSE_LINE * 0.6 and ended >= 0.75):
            return lines
    joined: list[Inline] = []
    for i, line in enumerate(lines):
        if i:
            joined.append(LineBreak())
        joined.extend(line)
    return [tuple(joined)]


def _split_lines(children: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """Split at top-level line breaks (breaks inside italics stay in place)."""
    lines: list[list[Inline]] = [[]]
    for node in children:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [_tidy(line) for line in lines]


# ---------------------------------------------------------------------------- inlines


def _inlines(tag: Tag, styles: dict[str, tuple[bool, bool]]) -> tuple[Inline, ...]:
    """A heading's or title's inline content, on one line."""
    nodes = [Text(" ") if isinstance(n, LineBreak) else n for n in _children(tag, styles)]
    return _tidy(nodes)


def _children(tag: Tag, styles: dict[str, tuple[bool, bool]]) -> list[Inline]:
    out: list[Inline] = []
    for child in tag.children:
        sub = _as_tag(child)
        if sub is None:
            text = _as_text(child)
            if text:
                out.append(Text(text))
        elif sub.name == "br" or sub.name == "hr":
            out.append(LineBreak())
        elif sub.name in _BLOCK_TAGS:
            out.append(LineBreak())
            out.extend(_children(sub, styles))
            out.append(LineBreak())
        else:
            out.extend(_inline_nodes(sub, styles))
    return out


def _inline_nodes(tag: Tag, styles: dict[str, tuple[bool, bool]]) -> list[Inline]:
    children = _children(tag, styles)
    if tag.name == "q":
        return [Text('"'), *children, Text('"')]
    wrap = _wrapper(tag, styles)
    if wrap is None or not children:
        return children
    return [wrap(tuple(children))]


def _wrapper(
    tag: Tag, styles: dict[str, tuple[bool, bool]]
) -> Callable[[tuple[Inline, ...]], Inline] | None:
    italic = tag.name in _ITALIC_TAGS
    bold = tag.name in _BOLD_TAGS
    style = str(tag.get("style") or "")
    if style:
        italic = italic or bool(_ITALIC_STYLE_RE.search(style))
        bold = bold or bool(_BOLD_STYLE_RE.search(style))
    for name in _classes(tag):
        if name in styles:
            class_italic, class_bold = styles[name]
            italic, bold = italic or class_italic, bold or class_bold
    if italic and bold:
        return lambda c: Strong((Emphasis(c, "html"),))
    if italic:
        return lambda c: Emphasis(c, "html")
    if bold:
        return Strong
    return None


def _pre(tag: Tag) -> list[Inline]:
    out: list[Inline] = []
    for i, line in enumerate(tag.get_text().split("\n")):
        if i:
            out.append(LineBreak())
        if line.strip():
            out.append(Text(line))
    return out


def _own_heading(tag: Tag, styles: dict[str, tuple[bool, bool]]) -> Heading:
    """fanfmt's own XHTML heading (``header.chapter-heading``) read back."""

    def part(selector: str) -> tuple[Inline, ...]:
        found = tag.select_one(selector)
        return _inlines(found, styles) if found is not None else ()

    number, title = part(".chapter-number"), part(".chapter-title")
    if not number and not title:
        h = tag.find(list(_HEADINGS))
        title = _inlines(h, styles) if h is not None else ()
    return Heading(number, title, part(".story-title"), _line(tag))


def _tidy(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Collapse spaces, trim the ends, hoist edge spaces out of italics, merge neighbours."""
    merged = _merge(_hoist(nodes))
    trimmed = _collapse_spaces(merged, [True])
    return _strip_end(trimmed)


def _hoist(nodes: Iterable[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            text = _SPACE_RE.sub(" ", node.text)
            if text:
                out.append(Text(text))
        elif isinstance(node, Emphasis | Strong | Thought):
            inner = list(_merge(_hoist(node.children)))
            first, last = (inner[0], inner[-1]) if inner else (None, None)
            lead = isinstance(first, Text) and first.text.startswith(" ")
            trail = isinstance(last, Text) and last.text.endswith(" ")
            if isinstance(first, Text):
                inner[0] = Text(first.text.lstrip(" "))
            if isinstance(inner[-1] if inner else None, Text):
                inner[-1] = Text(inner[-1].text.rstrip(" "))  # type: ignore[union-attr]
            inner = [n for n in inner if not (isinstance(n, Text) and not n.text)]
            if lead or (trail and not inner):
                out.append(Text(" "))
            if inner and all(isinstance(n, LineBreak) for n in inner):
                out.extend(inner)
            elif inner:
                out.append(replace(node, children=tuple(inner)))
            if trail and inner:
                out.append(Text(" "))
        else:
            out.append(node)
    return out


def _merge(nodes: Sequence[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring texts, and neighbouring italics (or bolds) split by the editor."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and not node.text:
            continue
        prev = out[-1] if out else None
        if isinstance(node, Text) and isinstance(prev, Text):
            out[-1] = Text(prev.text + node.text)
            continue
        if isinstance(node, Emphasis | Strong):
            if type(prev) is type(node):
                assert isinstance(prev, Emphasis | Strong)
                out[-1] = replace(prev, children=_merge((*prev.children, *node.children)))
                continue
            if (
                isinstance(prev, Text)
                and prev.text == " "
                and len(out) >= 2
                and type(out[-2]) is type(node)
            ):
                before = out[-2]
                assert isinstance(before, Emphasis | Strong)
                out[-2:] = [
                    replace(before, children=_merge((*before.children, prev, *node.children)))
                ]
                continue
        out.append(node)
    return tuple(out)


def _collapse_spaces(nodes: Sequence[Inline], last_space: list[bool]) -> tuple[Inline, ...]:
    """Drop a space that follows another space (or a line start), across node edges."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            text = node.text
            if last_space[0]:
                text = text.lstrip(" ")
            if text:
                last_space[0] = text.endswith(" ")
                out.append(Text(text))
        elif isinstance(node, LineBreak):
            if out and isinstance(out[-1], Text):
                stripped = out[-1].text.rstrip(" ")
                out[-1:] = [Text(stripped)] if stripped else []
            out.append(node)
            last_space[0] = True
        elif isinstance(node, Emphasis | Strong | Thought):
            inner = _collapse_spaces(node.children, last_space)
            if inner:
                out.append(replace(node, children=inner))
        else:
            out.append(node)
    return tuple(out)


def _strip_end(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out = list(nodes)
    while out and (isinstance(out[-1], LineBreak) and len(out) == 1):
        out.pop()
    if out and isinstance(out[-1], Text):
        text = out[-1].text.rstrip(" ")
        out[-1:] = [Text(text)] if text else []
    elif out and isinstance(out[-1], Emphasis | Strong | Thought):
        last = out[-1]
        out[-1] = replace(last, children=_strip_end(last.children))
    return tuple(out)


# ---------------------------------------------------------------------------- helpers


def _class_styles(soup: BeautifulSoup) -> dict[str, tuple[bool, bool]]:
    """Italic and bold classes from ``<style>`` rules (``.c3{font-style:italic}``, Google Docs)."""
    styles: dict[str, tuple[bool, bool]] = {}
    for sheet in soup.find_all("style"):
        for m in _CSS_RULE_RE.finditer(sheet.get_text()):
            italic = bool(_ITALIC_STYLE_RE.search(m.group(2)))
            bold = bool(_BOLD_STYLE_RE.search(m.group(2)))
            if italic or bold:
                styles[m.group(1)] = (italic, bold)
    return styles


def _as_tag(node: PageElement) -> Tag | None:
    from bs4 import Tag

    return node if isinstance(node, Tag) else None


def _as_text(node: PageElement) -> str:
    from bs4.element import NavigableString, PreformattedString, Script, Stylesheet, TemplateString

    if not isinstance(node, NavigableString) or isinstance(
        node, PreformattedString | Script | Stylesheet | TemplateString
    ):
        return ""
    return str(node)


def _tags(node: Tag) -> list[Tag]:
    return [t for t in (_as_tag(c) for c in node.children) if t is not None]


def _classes(tag: Tag) -> set[str]:
    value = tag.get("class")
    if value is None:
        return set()
    if isinstance(value, str):
        return set(value.split())
    return {str(v) for v in value}


def _has_class(soup: BeautifulSoup, name: str) -> bool:
    return soup.select_one(f".{name}") is not None


def _contains_block(tag: Tag) -> bool:
    from bs4 import Tag

    return any(
        isinstance(d, Tag) and (d.name in _BLOCK_TAGS or d.name == "hr") for d in tag.descendants
    )


def _line(node: Tag | BeautifulSoup) -> int:
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else 0


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
