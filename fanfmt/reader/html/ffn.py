"""A saved FanFiction.Net or FictionPress chapter page, in each of the site's layouts.

* the desktop page (``#profile_top``): ``b.xcontrast_txt`` → story title, the ``/u/`` link
  → author, the selected ``select#chap_select`` option (``2. The Road``) →
  ``Chapter 2: The Road``; the profile line and summary → :class:`StoryFacts`
* the mobile page (``m.fanfiction.net``: ``#content`` with a centred ``<b>Title</b> by
  <a href="/u/…">Author</a>``): the line before the text (``Chapter 24: Cry Havoc``) →
  the chapter heading; ``Ch 24 of 24`` → the chapter count
* the layout of the 2000s (no profile box): the page's ``<title>`` names the story, the
  ``Name=chapter`` menu the chapter
* the chapter text: ``#storytext`` / ``#storycontent`` (``A/N:`` paragraphs are left to the
  ``author_notes`` rule)
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from fanfmt.model import Inline, Text
from fanfmt.reader.html.blocks import Page
from fanfmt.reader.html.dom import collapse, select, select_one, source_line
from fanfmt.reader.html.ffn_facts import breadcrumb_fandoms, profile_facts
from fanfmt.reader.html.inlines import inline_content

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

_CHAPTER_OPTION_RE = re.compile(r"^\s*(\d+)\s*\.\s*(.*)$", re.S)
_CHAPTER_WORD_RE = re.compile(
    r"^\s*(?:chapter|chap\.?|ch\.|part|prologue|epilogue|interlude)\b", re.I
)
_MOBILE_NAV_RE = re.compile(r"\bCh\s+(\d+)\s+of\s*$")


def read_ffn(soup: BeautifulSoup, page: Page, page_title: str = "") -> bool:
    """Read a FanFiction.Net chapter page into ``page``; ``False`` if it is not one."""
    story = (
        select_one(soup, "#storytext")
        or select_one(soup, "div.storytext")
        or select_one(soup, "#storycontent")
        or select_one(soup, "div.storycontent")
        or select_one(soup, "#storytextp")
    )
    if story is None:
        return False
    top = select_one(soup, "#profile_top")
    mobile = _mobile_header(soup, story)
    if top is not None:
        _read_profile(soup, top, page)
    elif mobile is not None:
        _read_mobile(soup, mobile, page)
    else:  # the layout of the 2000s: no profile box; the page's title names the story
        title_text = ffn_story_title(page_title) or _title_over(soup, story)
        if title_text:
            page.story_title = (Text(title_text),)
        links = select(soup, "a[href^='/u/'], a[href*='fanfiction.net/u/']")
        author = next((a for a in links if story not in a.parents), None)
        if author is not None:
            page.author = collapse(author.get_text())
    if page.chapter:
        page.heading(page.chapter, source_line(story))
    page.text(story)
    return True


def _read_profile(soup: BeautifulSoup, top: Tag, page: Page) -> None:
    title = top.select_one("b.xcontrast_txt") or top.find("b")
    if title is not None:
        page.story_title = inline_content(title, page.styles)
    author = top.select_one("a[href*='/u/']")
    if author is not None:
        page.author = collapse(author.get_text())
    line = top.select_one("span.xgray") or top.select_one("span.xcontrast_txt")
    summary = top.select_one("div.xcontrast_txt")
    facts = profile_facts(line) if line is not None else page.story
    crumbs = select_one(soup, "#pre_story_links")
    fandoms = breadcrumb_fandoms(crumbs) if crumbs is not None else ()
    page.story = replace(
        facts,
        fandoms=fandoms or facts.fandoms,
        summary=collapse(summary.get_text()) if summary is not None else facts.summary,
    )


def _mobile_header(soup: BeautifulSoup, story: Tag) -> Tag | None:
    """The mobile page's box above the text: ``<b>Title</b> by <a href="/u/…">``."""
    content = select_one(soup, "#content")
    if content is None or story in content.descendants:
        return None
    centre = content.find("div", attrs={"align": "center"})
    if centre is None or centre.find("b") is None or centre.select_one("a[href*='/u/']") is None:
        return None
    return content


def _read_mobile(soup: BeautifulSoup, content: Tag, page: Page) -> None:
    from bs4 import Tag
    from bs4.element import NavigableString

    centre = content.find("div", attrs={"align": "center"})
    assert isinstance(centre, Tag)
    title = centre.find("b")
    author = centre.select_one("a[href*='/u/']")
    if isinstance(title, Tag):
        page.story_title = inline_content(title, page.styles)
    if author is not None:
        page.author = collapse(author.get_text())
    rules = content.find_all("hr", recursive=False)
    if len(rules) >= 2:  # the profile line lies between the two rules, the chapter after
        facts = profile_facts(content, after=rules[0], before=rules[1])
        page.story = replace(facts, fandoms=breadcrumb_fandoms(content) or facts.fandoms)
        tail = [s for s in rules[-1].next_siblings if isinstance(s, NavigableString)]
        label = collapse("".join(str(s) for s in tail))
        if label and not page.chapter:
            page.chapter = (Text(label),)
    count = _mobile_chapter_count(soup)
    if count:
        page.story = replace(page.story, chapters=count)


def _mobile_chapter_count(soup: BeautifulSoup) -> str:
    """``« Prev Ch 24 of <a>24</a>`` → ``"24"``."""
    for text in soup.find_all(string=_MOBILE_NAV_RE):
        link = text.find_next_sibling("a")
        if link is not None and collapse(link.get_text()).isdigit():
            return collapse(link.get_text())
    return ""


def selected_chapter(soup: BeautifulSoup) -> tuple[Inline, ...]:
    """FanFiction.Net's chapter menu names the chapter shown (read before menus are dropped).

    The site never closes its ``<option>`` tags, so the parser nests each option inside the
    one before it: only the option's own text is its label, not the options after it.
    """
    option = select_one(soup, "select#chap_select option[selected]") or select_one(
        soup, "select[name=chapter] option[selected]"
    )
    if option is None:
        return ()
    own = "".join(str(s) for s in option.find_all(string=True, recursive=False))
    return _chapter_option(collapse(own))


_FFN_TITLE_RE = re.compile(
    r"^(?P<story>.+?)(?:\s+Chapter\s+\d+(?::.*?)?)?,\s+an?\s+[^,|]*?\s+"
    r"(?:fan\s?fic(?:tion)?|fiction)\s*\|\s*(?:FanFiction|FictionPress)(?:\.Net)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""``Lanterns Over Harrowgate Chapter 6: The Ferryman, a misc fanfic | FanFiction.Net``."""
_FFN_MOBILE_TITLE_RE = re.compile(
    r"^(?:Fanfic|Fiction|Story):\s+(?P<story>.+?)(?:\s+Ch\s+\d+)?,\s+[^,|]+"
    r"\|\s*(?:FanFiction|FictionPress)(?:\.Net)?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""``Fanfic: Lanterns Over Harrowgate Ch 6, Misc | FanFiction`` (the mobile page)."""


def _title_over(soup: BeautifulSoup, story: Tag) -> str:
    """A saved page's own ``<h1>`` over the story text, when it names no chapter (a
    downloader's page of a one-shot: ``<h1>Past and Future King</h1>``); else ``""``."""
    from fanfmt.rules._chapter import chapter_line

    h1 = story.find_previous("h1")
    text = collapse(h1.get_text()) if h1 is not None else ""
    return "" if not text or chapter_line(text) or _CHAPTER_OPTION_RE.match(text) else text


def ffn_story_title(title: str) -> str:
    """The story's title in a FanFiction.Net page title.

    ``"Lanterns Over Harrowgate Chapter 6: The Ferryman, a misc fanfic | FanFiction.Net"``
    → ``"Lanterns Over Harrowgate"``; ``"Fanfic: Lanterns Ch 6, Misc | FanFiction"`` →
    ``"Lanterns"``; a title of any other site → ``""``.
    """
    m = _FFN_TITLE_RE.match(title) or _FFN_MOBILE_TITLE_RE.match(title)
    return m.group("story").strip() if m else ""


def _chapter_option(label: str) -> tuple[Inline, ...]:
    """``"2. The Road"`` → ``Chapter 2: The Road``; ``"2. Chapter 2"`` → ``Chapter 2``."""
    m = _CHAPTER_OPTION_RE.match(label)
    if m is None or _CHAPTER_WORD_RE.match(m.group(2)):
        return (Text(m.group(2) if m else label),)
    name = m.group(2).strip()
    return (Text(f"Chapter {m.group(1)}: {name}" if name else f"Chapter {m.group(1)}"),)
