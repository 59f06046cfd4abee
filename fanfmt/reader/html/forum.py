"""A story posted in a forum thread: the first post's body, the thread's title as the story's.

A saved thread page is mostly furniture (navigation, "Previous Thread", the poster's
"Joined:" box, signatures, quick-reply forms); the story is the body of the first post.
Each forum software marks it its own way:

* UBB.threads: ``div.post_inner > div#body0``; the subject ``td.subjecttable .truncate``;
  the poster ``.author-name``
* vBulletin: ``div#post_message_123``; ``h1.threadtitle`` / ``span.threadtitle``;
  ``.bigusername`` / ``a.username``
* phpBB: ``div.postbody div.content``; ``h2.topic-title``; ``.author a.username``
* XenForo: ``article.message-body div.bbWrapper``; ``h1.p-title-value``; ``h4.message-name``

``A Lucky Strike 1/1`` → story title ``A Lucky Strike`` (the part count is the thread's, not
the story's title); ``Re: …`` → the title without ``Re:``. A link that closes the post and
only points readers at the thread's replies (``Comments``, ``Feedback``, ``Discuss``) is the
board's furniture, not the story's last line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from fanfmt.model import Text
from fanfmt.reader.html.blocks import Page
from fanfmt.reader.html.dom import collapse, select_one

if TYPE_CHECKING:
    from bs4 import BeautifulSoup


class _Forum(NamedTuple):
    post: str
    title: str
    author: str


FORUMS: dict[str, _Forum] = {
    "UBB.threads": _Forum(
        "div.post_inner > div[id^=body]", "td.subjecttable .truncate", ".author-name"
    ),
    "vBulletin": _Forum(
        "div[id^=post_message_]", "h1.threadtitle, span.threadtitle", ".bigusername, a.username"
    ),
    "phpBB": _Forum("div.postbody div.content", "h2.topic-title", ".author a.username"),
    "XenForo": _Forum("article.message-body div.bbWrapper", "h1.p-title-value", "h4.message-name"),
}
_PART_COUNT_RE = re.compile(r"\s*[\[(]?\s*\d+\s*/\s*(?:\d+|\?)\s*[\])]?\s*$")
_REPLY_RE = re.compile(r"^re:\s*", re.I)
_REPLIES_LINK_RE = re.compile(
    r"^\W*(?:comments?|feedback|discuss(?:ion)?|replies|reply(?: here)?|comment here"
    r"|(?:leave|send|post) (?:a |your )?(?:comment|feedback|review)s?)\W*$",
    re.I,
)


def read_forum(soup: BeautifulSoup, page: Page) -> bool:
    """Read the first post of a saved forum thread into ``page``; ``False`` if not one."""
    for forum in FORUMS.values():
        post = select_one(soup, forum.post)
        if post is None:
            continue
        title = select_one(soup, forum.title)
        if title is not None:
            name = story_title(collapse(title.get_text()))
            if name:
                page.story_title = (Text(name),)
        author = select_one(soup, forum.author)
        if author is not None:
            page.author = collapse(author.get_text())
        _drop_closing_replies_link(post)
        page.text(post)
        return True
    return False


def _drop_closing_replies_link(post: object) -> None:
    """Take out the post's last link when it is a ``Comments`` link and nothing follows it."""
    from bs4.element import NavigableString, Tag

    assert isinstance(post, Tag)
    links = post.find_all("a")
    last = links[-1] if links else None
    if not isinstance(last, Tag) or not _REPLIES_LINK_RE.match(collapse(last.get_text())):
        return
    node: Tag = last
    while node is not post:
        for sibling in node.next_siblings:
            if isinstance(sibling, NavigableString):
                if sibling.strip():
                    return
            elif not (isinstance(sibling, Tag) and sibling.name == "br"):
                return
        parent = node.parent
        if parent is None:
            return
        node = parent
    last.decompose()


def story_title(subject: str) -> str:
    """``"A Lucky Strike 1/1"`` → ``"A Lucky Strike"``; ``"Re: Dusk (2/?)"`` → ``"Dusk"``."""
    return _PART_COUNT_RE.sub("", _REPLY_RE.sub("", subject)).strip()
