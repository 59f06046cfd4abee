"""Where the story is on a page: AO3, FanFiction.Net, or any other page.

* AO3 (``div#workskin``): ``h2.title`` → story title, ``h3.title`` → a chapter heading,
  ``div.notes`` → a note ``before``, ``div.end.notes`` → a note ``after``,
  ``div.userstuff`` → the chapter text; AO3's downloaded HTML (``<p>Chapter Notes</p>
  <blockquote>…``) is read the same way; menus, kudos, comments and tags are skipped
* FanFiction.Net and FictionPress: :mod:`.ffn`
* anything else: the block that holds most of the page's words in its own paragraphs
  (:mod:`.main_text`), or the page body, without ``nav``, ``header``, ``footer`` and ARIA
  furniture
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fanfmt.patterns import NAV_LINK_TEXT
from fanfmt.reader.html.ao3_facts import work_facts
from fanfmt.reader.html.blocks import BodyWalk, Page
from fanfmt.reader.html.dom import (
    child_tags,
    class_names,
    collapse,
    has_class,
    select_one,
    source_line,
)
from fanfmt.reader.html.inlines import HEADING_TAGS, inline_content
from fanfmt.rules._text import fold

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

DROP_TAGS = (
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
# Site furniture inside an AO3 work (by class or id): never story text.
_AO3_SKIP_CLASSES = frozenset(
    """navigation actions summary byline landmark jump associations kudos feedback
    comments comment share bookmark series hidden message tags stats""".split()
)
# AO3's downloaded HTML labels its blocks with a paragraph before a block quote: is it a note?
_AO3_LABELS: dict[str, bool] = {
    "notes": True,
    "chapter notes": True,
    "end notes": True,
    "chapter end notes": True,
    "summary": False,
    "chapter summary": False,
}
_AO3_SKIP_IDS = frozenset("feedback comments kudos share header footer".split())
# Furniture of an unknown page.
_GENERIC_SKIP_ROLES = frozenset("navigation banner contentinfo search menu menubar toolbar".split())
_GENERIC_SKIP_TAGS = frozenset("nav header footer".split())
_SITE_CLASS_RE = re.compile(
    r"(?:^|[-_])(?:nav|navigation|pagination|pager|breadcrumbs?|share|sharing|social"
    r"|newsletter|mailing|subscribe|subscription|signup|help|feedback)(?:$|[-_])",
    re.IGNORECASE,
)
"""A class (or id) the site gives its own boxes: ``chapter-nav``, ``nav-links``,
``mailing-card``, ``share-buttons``, ``newsletter``, ``help-with-errors``."""
_COMMENTS = frozenset(
    "comments comments-area comment-list commentlist respond comment-respond disqus_thread"
    " comments-section".split()
)
"""The id or class of a blog's block of readers' comments and its reply form (WordPress's
``<div id="comments">``, ``<ol class="commentlist">``): the readers' words, not the story's."""
_SITE_BOX_MAX_LETTERS = 600
"""Such a box holds a few links or a line of text; a bigger one is left to be judged."""


def read_ao3(soup: BeautifulSoup, page: Page) -> bool:
    root = select_one(soup, "#workskin")
    if root is None:
        chapters = select_one(soup, "#chapters")
        if chapters is None or not has_class(soup, "userstuff"):
            return False
        root = chapters.parent if chapters.parent is not None else chapters
    for landmark in root.select(".landmark"):
        landmark.decompose()  # "Chapter Text", "Work Text:"
    page.story = work_facts(soup)
    author = root.select_one("h3.byline a[rel~=author], a[rel~=author]")
    if author is not None:
        page.author = collapse(author.get_text())

    def visit(node: Tag) -> None:
        label: str | None = None
        for child in child_tags(node):
            classes = class_names(child)
            skip = classes & _AO3_SKIP_CLASSES or str(child.get("id") or "") in _AO3_SKIP_IDS
            if skip or child.name == "dl":  # menus, tags, stats, kudos, comments…
                continue
            text = collapse(child.get_text()).rstrip(":").lower() if child.name == "p" else ""
            if text in _AO3_LABELS:
                label = text  # "Chapter Notes" before its block quote (downloads)
                continue
            if child.name == "blockquote" and label is not None:
                if _AO3_LABELS[label]:
                    page.note(child)
            elif (
                child.name in ("h1", "h2")
                and ("title" in classes or child.name == "h1")
                and not page.story_title
            ):
                page.story_title = inline_content(child, page.styles)
            elif "toc-heading" in classes and _contents_entry(child, page):
                pass  # a download's hidden "Preface", "Afterword", or the work's title again
            elif child.name in ("h2", "h3", "h4") and classes & {"title", "heading", "toc-heading"}:
                page.heading(inline_content(child, page.styles), source_line(child))
            elif "notes" in classes and "userstuff" not in classes:
                _ao3_note(child, page)
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


def _contents_entry(heading: Tag, page: Page) -> bool:
    """Is this ``h2.toc-heading`` of an AO3 download only an entry for the reader's table of
    contents (hidden in the file: ``.toc-heading{display:none}``)? ``Preface`` and
    ``Afterword`` always are, and so is a one-chapter work's, which repeats its title."""
    from fanfmt.walk import plain_text

    if any(str(p.get("id") or "") in ("preface", "afterword") for p in heading.parents):
        return True
    title = " ".join(plain_text(page.story_title).split()).casefold()
    return bool(title) and collapse(heading.get_text()).casefold() == title


def _ao3_note(node: Tag, page: Page) -> None:
    """An AO3 notes module's words: its label, AO3's ``(See the end of the work for notes)``
    pointer (``p.jump``, or a plain ``<p>`` on pages of the early 2010s) and its links go."""
    from fanfmt.rules.ao3_preface import is_pointer

    quotes = node.select("blockquote.userstuff") or [node]
    for quote in quotes:
        for tag in quote.select("h3.heading, .heading, p.jump, .jump, ul.associations"):
            if tag is not quote:
                tag.decompose()
        for tag in quote.select("p"):
            if tag is not quote and is_pointer(collapse(tag.get_text())):
                tag.decompose()
        page.note(quote)


def page_title(soup: BeautifulSoup) -> str:
    """The text of the page's ``<title>`` (read before the head is dropped)."""
    tag = soup.find("title")
    return collapse(tag.get_text()) if tag is not None else ""


def without_site(title: str) -> str:
    """A page's ``<title>`` without the site's name after its last bar.

    ``"The Knight (1) | Tapas Community"`` → ``"The Knight (1)"``; ``"Lamp"`` → ``"Lamp"``.
    """
    head, bar, _site = title.rpartition(" | ")
    return " ".join((head if bar else title).split()).strip(" |")


def read_generic(
    soup: BeautifulSoup, page: Page, title: str = "", walk: BodyWalk | None = None
) -> bool:
    """The page's body, or the whole page when text is typed outside the body; ``walk``
    has the body's children read already (a long page). ``False`` when the whole page
    is to be read, or an unknown site's story block found (:func:`read_main`), and ``walk``
    let go of part of it: the page must be parsed again."""
    from bs4 import Tag

    from fanfmt.reader.html.main_text import main_block, read_main

    furniture = [
        tag
        for tag in soup.find_all(True)
        if (tag.name in _GENERIC_SKIP_TAGS and not _story_header(tag, title))
        or str(tag.get("role") or "") in _GENERIC_SKIP_ROLES
    ]
    drop(furniture)
    drop(nav_rows(soup))
    if walk is not None and main_block(soup) is not None:
        return False  # an unknown site's page: its story block is read from the whole tree
    if read_main(soup, page, title):
        return True  # an unknown site's page: the block that holds the story
    body = soup.find("body")
    if isinstance(body, Tag) and _letters(body) == _letters(soup):
        if walk is None:
            page.text(body)
        else:
            walk.end(page, body)
    elif walk is not None:
        return False
    else:  # no <body>, or text typed outside it: the whole page
        page.text(soup)
    return True


def site_boxes(soup: BeautifulSoup) -> list[Tag]:
    """The boxes of the site's own on any page (see :func:`_site_box`), to be dropped
    before the page is read, whichever site's reader reads it."""
    return [tag for tag in soup.find_all(True) if _site_box(tag)]


def _site_box(tag: Tag) -> bool:
    """``<div class="chapter-nav">`` of links, ``<div class="mailing-card">`` asking for an
    e-mail, ``<div id="help-with-errors">``: a box of the site's, by its class or id,
    small enough to hold no chapter; and a blog's readers' comments (``<div
    id="comments">``), whatever their length."""
    names = class_names(tag)
    ident = str(tag.get("id") or "")
    if ident.lower() in _COMMENTS or any(c.lower() in _COMMENTS for c in names):
        return True
    if not any(_SITE_CLASS_RE.search(c) for c in (*names, ident)):
        return False
    return _letters(tag) <= _SITE_BOX_MAX_LETTERS


def _story_header(tag: Tag, title: str = "") -> bool:
    """``<header class="story-header">``, ``<header class="chapter-heading">``, a
    ``<header>`` inside the ``<article>`` or ``<main>`` it heads, or one whose heading the
    page's ``<title>`` repeats: the story's own header
    (its title, the chapter's), not the site's."""
    if tag.name != "header":
        return False  # <nav class="chapter-nav">, <footer class="story-footer">: the site's
    if tag.find_parent(("article", "main")) is not None:
        return True
    named = fold(title)
    if named and any(fold(h.get_text()) in named for h in tag.find_all(("h1", "h2"))):
        return True  # <header><h1>Chapter 1 — The Choice</h1>, as <title> names the page
    return any("story" in c.lower() or "chapter" in c.lower() for c in class_names(tag))


_NAV_BLOCKS = frozenset("p div li span td center ul ol".split())
"""The blocks a row of links stands in."""
_NAV_CONTAINERS = frozenset("body main article section".split())
"""Where a chapter link may stand alone between the blocks (``<hr><a>Go Back</a><div>``)."""
_LINE_ENDS = frozenset("p div li ul ol center table br hr h1 h2 h3 h4 h5 h6".split())
_MENU_MIN_LINKS = 2
_MENU_LINK_MAX_WORDS = 5


def nav_rows(soup: BeautifulSoup) -> list[Tag]:
    """The blocks of a page that hold nothing but links to other chapters (a ``<p>`` of
    ``<a>← Chapter 1</a> | <a>Chapter 3 →</a>``), or nothing but two short links or more
    (the site's menu: ``Home`` / ``Fanart`` / ``Contact``), and a chapter link alone on its
    line between the story's blocks (``<a>Go Back</a>``), or as a whole heading
    (``<h2><a href="../">Home</a></h2>``); a link inside a sentence, or a chapter's
    heading that links to it, stays."""
    from bs4 import Tag

    from fanfmt.rules._chapter import chapter_line

    rows: list[Tag] = []
    blocks: dict[int, tuple[Tag, list[Tag]]] = {}
    for link in soup.find_all("a"):
        block = link.parent
        while isinstance(block, Tag) and block.name in ("span", "strong", "em", "b", "i"):
            block = block.parent
        if isinstance(block, Tag) and block.name in _NAV_BLOCKS:
            blocks.setdefault(id(block), (block, []))[1].append(link)
        elif (
            isinstance(block, Tag)
            and block.name in HEADING_TAGS
            and _letters(block) == sum(map(str.isalnum, text := link.get_text(" ", strip=True)))
            and _nav_link(link, text)
            and not chapter_line(text)  # AO3's <h3><a href="…">Chapter 29</a></h3>: its heading
        ):
            rows.append(block)  # <h2><a href="../">Home</a></h2>: the site's, not a heading
        elif (
            isinstance(block, Tag)
            and block.name in _NAV_CONTAINERS
            and NAV_LINK_TEXT.match(link.get_text(" ", strip=True))
            and _on_own_line(link)
        ):
            rows.append(link)  # <body>…<hr><a>Go Back</a><div>…
    for block, links in blocks.values():
        texts = [a.get_text(" ", strip=True) for a in links]
        navs = [_nav_link(a, t) for a, t in zip(links, texts, strict=True)]
        if block.find(HEADING_TAGS) is not None:
            # <div><a>back to fanfic page</a><h2>Title</h2>…: the link alone on its line
            rows.extend(a for a, nav in zip(links, navs, strict=True) if nav and _on_own_line(a))
            continue
        linked = sum(sum(map(str.isalnum, t)) for t in texts)  # nothing else: no letter
        if _letters(block) == linked and (
            all(navs)
            or (
                len(links) >= _MENU_MIN_LINKS
                and all(len(t.split()) <= _MENU_LINK_MAX_WORDS for t in texts)
            )
        ):
            rows.append(block)
            continue
        rows.extend(a for a, nav in zip(links, navs, strict=True) if nav and _on_own_line(a))
    return rows


_INDEX_HREF_RE = re.compile(r"(?:\.{1,2}/?|(?:[\w.-]+/)*(?:index\.html?)?|.*/)")
_INDEX_LINK_MAX_WORDS = 4


def _nav_link(link: Tag, text: str) -> bool:
    """A link to the chapters around the page (``Next »``), or a short one to the folder's
    index (``<a href=".">Story</a>``, ``<a href="../">Home</a>``)."""
    if NAV_LINK_TEXT.match(text):
        return True
    href = str(link.get("href") or "").strip()
    return (
        bool(href)
        and _INDEX_HREF_RE.fullmatch(href) is not None
        and (0 < len(text.split()) <= _INDEX_LINK_MAX_WORDS)
    )


def _on_own_line(link: Tag) -> bool:
    """Does ``link`` stand alone between blocks (nothing but blocks, ``<br>`` or the
    container's edge on either side)?"""
    from bs4 import Tag

    for step in ("previous_sibling", "next_sibling"):
        node = getattr(link, step)
        while node is not None and not isinstance(node, Tag) and not str(node).strip():
            node = getattr(node, step)
        if node is None:
            continue
        if not isinstance(node, Tag):
            return False
        if node.name == "a" and NAV_LINK_TEXT.match(node.get_text(" ", strip=True)):
            continue  # <a>Back to Chapter Selection</a> <a>Next Chapter</a>: one row of them
        if node.name not in _LINE_ENDS:
            return False
    return True


def _letters(node: Tag) -> int:
    """How many letters and digits ``node`` holds (the head is gone by now)."""
    return sum(map(str.isalnum, node.get_text()))  # as fast as counting gets in Python


def drop(tags: list[Tag]) -> None:
    """Decompose ``tags``, outermost first (an inner one goes with its outer one)."""
    chosen = {id(t) for t in tags}
    for tag in tags:
        if not any(id(p) in chosen for p in tag.parents):
            tag.decompose()
