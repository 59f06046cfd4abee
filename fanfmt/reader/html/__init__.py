"""Read a saved AO3 or FanFiction.Net page, or any HTML fragment, into the document model.

Only the story is kept: its title, the chapter title, the author's notes and the
chapter text with its italics, bold and breaks. Site furniture (navigation, kudos,
comments, scripts, styles, images) is left out; what the site states about the story
(rating, tags, summary …) goes to ``Meta.story``, not into the text. Quotes and dashes
stay as typed for the rules.

* AO3 (``div#workskin``): ``h2.title`` → story title, ``h3.title`` → a chapter heading,
  ``div.notes`` → a note ``before``, ``div.end.notes`` → a note ``after``,
  ``div.userstuff`` → the chapter text; a full work gives one heading per chapter;
  AO3's downloaded HTML (``<p>Chapter Notes</p><blockquote>…``) is read the same way
* FanFiction.Net (``div#storytext``, ``#storycontent``): desktop, mobile and 2000s
  layouts, see :mod:`.ffn`; ``A/N:`` paragraphs are left to the ``author_notes`` rule
* a forum thread (UBB.threads, vBulletin, phpBB, XenForo): the first post, see :mod:`.forum`
* ``<h1>10</h1><h2>Title</h2>`` → one heading, number ``10`` and title ``Title``
* anything else: the page body; ``<h1>``–``<h6>`` → headings
* ``<i>``, ``<em>``, ``<u>``, ``<span style="font-style:italic">`` → :class:`Emphasis`
  (``marker="html"``); ``<b>``, ``<strong>``, ``font-weight:bold`` → :class:`Strong`
* ``<hr>`` → :class:`SceneBreak`; a ``<center>* * *</center>`` line stays a paragraph for
  the ``scene_breaks`` rule; runs of empty paragraphs (``<p>&nbsp;</p>``) and ``<br><br>``
  become blank-line gaps, as the plain-text reader counts them
* ``<p>Long line.<br>Long line.</p>`` (a paragraph per line) → one paragraph per line;
  short lines (a poem, a text message) keep their line breaks

* a page saved as an escaped string (``\\n`` typed out, ``<\\/p>``) is unescaped first,
  see :mod:`.escaped`

Parsed with BeautifulSoup's ``html.parser``: no DTD, no external entity, nothing fetched.
Where the story is on the page: :mod:`.sites`; blocks: :mod:`.blocks`; inline markup:
:mod:`.inlines`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from fanfmt.errors import InputError
from fanfmt.model import Document, Meta
from fanfmt.reader.html.blocks import BodyWalk, Page
from fanfmt.reader.html.dom import page_index
from fanfmt.reader.html.escaped import unescape
from fanfmt.reader.html.ffn import read_ffn, selected_chapter
from fanfmt.reader.html.forum import read_forum
from fanfmt.reader.html.inlines import class_styles, hidden_classes, hidden_text
from fanfmt.reader.html.sites import (
    DROP_TAGS,
    drop,
    nav_rows,
    page_title,
    read_ao3,
    read_generic,
    site_boxes,
    without_site,
)
from fanfmt.reader.html.stream import parse

if TYPE_CHECKING:
    from bs4 import BeautifulSoup


def read_html(text: str, meta: Meta | None = None) -> Document:
    """Read an HTML page or fragment (already decoded) into a document.

    A page the parser gives up on (``a <![i](x.png) b``: a ``<![`` that opens no known
    section) is an :class:`InputError`, as a page nested too deeply is.
    """
    from bs4.exceptions import ParserRejectedMarkup

    try:
        return _read(text, meta)
    except RecursionError:  # (not seen since tags nest MAX_TAG_DEPTH deep at most)
        where = f"{meta.source}: " if meta is not None and meta.source else ""
        raise InputError(f"{where}the page nests its tags too deeply to read") from None
    except ParserRejectedMarkup:
        message = "the page has markup the HTML parser cannot read (a stray '<![')"
        raise InputError(message) from None


def _read(text: str, meta: Meta | None) -> Document:
    from bs4 import BeautifulSoup

    text = unescape(text)
    soup, walk = parse(text)
    page = _page(soup, walk)
    if page is None:  # the body read as it was parsed is not what the page needs
        page = _page(BeautifulSoup(text, "html.parser"), None)
        assert page is not None
    meta = meta or Meta()
    if page.named and not meta.named:
        meta = replace(meta, named=page.named)
    if page.author and not meta.author:
        meta = replace(meta, author=page.author)
    if page.story and not meta.story:
        meta = replace(meta, story=replace(page.story, stated_by=page.story.stated_by or "page"))
    return Document(blocks=page.finish(), meta=meta)


def _page(soup: BeautifulSoup, walk: BodyWalk | None) -> Page | None:
    """What the page yields; ``None`` when ``walk`` (a long page's body, read as it was
    parsed) is not the part of it to read."""
    page = Page(class_styles(soup), chapter=selected_chapter(soup))
    title = page_title(soup)
    page.named = without_site(title)
    hidden = hidden_classes(soup)
    if hidden:
        if walk is not None:
            return None  # read whole, so that what the page hides is left out
        drop(hidden_text(soup, hidden))
    if page_index(soup).names.intersection(DROP_TAGS):
        drop(list(soup.find_all(DROP_TAGS)))
    boxes = site_boxes(soup) + nav_rows(soup)
    if boxes:
        if walk is not None:
            return None  # read whole, so that the site's own boxes are left out
        drop(boxes)
    site = read_ao3(soup, page) or read_ffn(soup, page, title) or read_forum(soup, page)
    if walk is not None and (site or page.items):
        return None  # a site's page: the body is not read as it stands
    if site and not page.items:  # a site's frame with nothing in it (an empty #workskin):
        page = Page(
            page.styles, chapter=page.chapter, named=page.named
        )  # the text is elsewhere on the page
    if not page.items and not read_generic(soup, page, title, walk):
        return None
    _named_parts(page)
    return page


_STORY_CHAPTER_RE = re.compile(r"^(?:Read\s+)?(?P<story>\S.*?)\s+::\s+(?P<chapter>\S.*)$")
"""``Read The Last Story :: The Knight (1)`` (a ``<title>``, its site's name gone): the
story's title, then the chapter's, as a serial site names its pages."""


def _named_parts(page: Page) -> None:
    """A page whose text names neither story nor chapter, its ``<title>`` both, as
    ``Story :: Chapter``: the two become the story title and the heading."""
    from fanfmt.model import Heading, Text

    m = _STORY_CHAPTER_RE.match(page.named)
    if m is None or page.story_title or any(isinstance(b, Heading) for b in page.items):
        return
    page.items.insert(0, Heading(title=(Text(m.group("chapter")),), line=1))
    page.story_title = (Text(m.group("story")),)
