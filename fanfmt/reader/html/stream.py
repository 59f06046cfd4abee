"""Parse a long page a slice at a time, reading the body's paragraphs as they close.

BeautifulSoup keeps a tree of a whole page, and on a page of short tags that tree costs
over a hundred times the page (``<p>a</p>`` repeated: 5 MB of page, 650 MiB of tree).
A page of :data:`STREAM_CHARS` or more is fed to the parser in slices instead. After
each slice, if the parser stands in the ``<body>`` (``html > body``, nothing open inside
it), the body's finished children are walked by a :class:`~.blocks.BodyWalk` and let
go: the tree never holds more than a slice of the body.

Only children that the generic read would walk just as they are take this way: with no
``id``, ``class`` or ``role``, and no tag that is dropped or furniture (``script``,
``nav`` …). A page whose body holds one before any child was let go is kept whole, as
a short page is; one whose body holds one later is parsed again, whole. The reader
then decides on the page as ever (a site's frame, the body or the whole page), and uses
the walk only where it would have walked that body::

    soup, walk = parse(text)   # walk is None: soup is BeautifulSoup(text, "html.parser")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fanfmt.reader.html.blocks import BodyWalk
from fanfmt.reader.html.dom import source_line
from fanfmt.reader.html.sites import _GENERIC_SKIP_TAGS, DROP_TAGS

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from bs4.element import PageElement

STREAM_CHARS = 1 << 20
"""Pages this long or longer are parsed a slice at a time."""
SLICE_CHARS = 1 << 16
"""About how much of the page is fed to the parser at once."""

_NOT_STREAMED = frozenset(DROP_TAGS) | _GENERIC_SKIP_TAGS | {"html", "body"}
_SITE_ATTRIBUTES = ("id", "class", "role")


class _WholeError(Exception):
    """The body let go of children a site's reading would have needed."""


def parse(text: str) -> tuple[BeautifulSoup, BodyWalk | None]:
    """The page's tree, and the walk of the body children let go (``None``: none were)."""
    from bs4 import BeautifulSoup

    if len(text) < STREAM_CHARS:
        return BeautifulSoup(text, "html.parser"), None
    builder = _slicing_builder(SLICE_CHARS)
    try:
        soup = BeautifulSoup(text, builder=builder)
    except _WholeError:
        return BeautifulSoup(text, "html.parser"), None
    return soup, builder.walk


def slices(text: str, size: int) -> list[tuple[int, int]]:
    """Where ``text`` is cut into slices of about ``size``, each but the last ending with
    an end tag (where a paragraph may have closed): ``slices("<p>a</p><p>b</p>", 3)`` →
    ``[(0, 8), (8, 16)]``."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        close = text.find("</", start + size)
        end = text.find(">", close) + 1 if close >= 0 else 0
        end = end if end > 0 else len(text)
        out.append((start, end))
        start = end
    return out


def _slicing_builder(slice_chars: int) -> Any:
    from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
    from bs4.exceptions import ParserRejectedMarkup

    class SlicingBuilder(HTMLParserTreeBuilder):
        """``html.parser`` fed a slice at a time (its own ``feed`` otherwise)."""

        walk: BodyWalk | None = None
        whole = False

        def feed(
            self,
            markup: str | bytes,
            _parser_class: type[BeautifulSoupHTMLParser] = BeautifulSoupHTMLParser,
        ) -> None:
            args, kwargs = self.parser_args
            soup = self.soup
            assert isinstance(markup, str)
            assert soup is not None
            parser = _parser_class(soup, *args, **kwargs)
            try:
                for start, end in slices(markup, slice_chars):
                    parser.feed(markup[start:end])
                    if not self.whole:
                        self.let_go(soup)
                parser.close()
            except AssertionError as e:
                raise ParserRejectedMarkup(e) from e
            parser.already_closed_empty_element = []

        def let_go(self, soup: BeautifulSoup) -> None:
            body = _open_body(soup)
            if body is None or not body.contents:
                return
            if self.walk is None:
                if soup.find("body") is not body or not _plain(body.contents):
                    self.whole = True  # nothing let go yet: the page is kept whole
                    return
                self.walk = BodyWalk(source_line(body))
            elif not _plain(body.contents):
                raise _WholeError
            self.walk.feed(body.contents)
            _forget(soup, body)

    return SlicingBuilder()


def _open_body(soup: BeautifulSoup) -> Tag | None:
    """The ``<body>`` the parser stands in, with nothing open inside it, or ``None``."""
    stack = soup.tagStack
    names = [t.name for t in stack[1:]]
    if names in (["html", "body"], ["body"]):
        body: Tag = stack[-1]
        return body
    return None


def _plain(nodes: list[PageElement]) -> bool:
    """True when no tag in ``nodes`` has an ``id``, ``class`` or ``role``, or a name the
    reader drops or takes for furniture."""
    from bs4 import Tag

    for node in nodes:
        if not isinstance(node, Tag):
            continue
        for tag in (node, *node.find_all(True)):
            if tag.name in _NOT_STREAMED or any(a in tag.attrs for a in _SITE_ATTRIBUTES):
                return False
    return True


def _forget(soup: BeautifulSoup, body: Tag) -> None:
    """Take the body's children out of the tree and break their links, so that they are
    freed at once (the parser links each new node to the last one it made)."""
    node = body.next_element
    while node is not None:
        after = node.next_element
        node.__dict__.clear()
        node = after
    body.contents = []
    body.next_element = None
    soup._most_recent_element = body
