"""The few HTML tags a Markdown draft uses for formatting, read as formatting.

Raw HTML in Markdown is text to fanfmt (nothing passes through as markup), but a draft
exported from a blog writes its italics as tags. In a run of text:

* ``She said <em>no</em>.`` → ``She said``, ``Emphasis(no)``, ``.``; ``<i>`` the same
* ``<b>``/``<strong>`` → :class:`Strong`; ``<br>``/``<br />`` → :class:`LineBreak`
* ``<span style="…">``, ``<font>``, ``<u>`` and their end tags go; their words stay
* anything else stays as typed: ``<grin>``, ``I <3 you``, a tag left open (``<em>no``),
  ``<script>`` (never markup here)

An HTML comment on lines of its own (a blog's ``<!--more-->`` excerpt mark, an author's
``<!-- fix this -->``) is what no reader of the draft ever sees: :func:`blank_comments`
blanks it before the Markdown is parsed. A comment inside a line of text stays as typed.
So does a line of nothing but wrapping tags (``<div class="calibre4">``, ``</div>``,
``<span id="c1"></span>``, pandoc's ``:::`` fences): :func:`blank_wrappers` blanks it, and
the Markdown inside is read as Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from fanfmt.model import (
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Meta,
    Paragraph,
    Strong,
    Text,
)
from fanfmt.patterns import NAV_LINK_TEXT

_TAG_RE = re.compile(
    r"<(/?)(em|i|cite|b|strong|br|span|font|u|small|big)\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)/?>",
    re.IGNORECASE,
)
_COMMENT_OPEN_RE = re.compile(r"^[ ]{0,3}<!--")
_COMMENT_LINES_MAX = 40
"""A comment closes within this many lines, or its opening is text."""


def _closing_line(lines: list[str], start: int, limit: int, needle: str, skip: int = 0) -> int:
    """The first line from ``start`` (within ``limit`` lines, the first read from column
    ``skip``) that holds ``needle``, case aside, or -1: where a comment or a ``<style>``
    block opening at ``start`` ends."""
    return next(
        (
            j
            for j in range(start, min(len(lines), start + limit))
            if needle in lines[j][skip if j == start else 0 :].lower()
        ),
        -1,
    )


def blank_comments(lines: list[str]) -> int:
    """Blank the HTML comments that stand on lines of their own in ``lines`` (in place, so
    every other line keeps its number); how many were blanked.

    ``["Text.", "", "<!--more-->", "", "More."]`` → 1, ``["Text.", "", "", "", "More."]``;
    ``["I <!-- no --> said."]`` → 0 (inside a line of text it is text).
    """
    count = 0
    i = 0
    while i < len(lines):
        if not _COMMENT_OPEN_RE.match(lines[i]):
            i += 1
            continue
        end = _closing_line(lines, i, _COMMENT_LINES_MAX, "-->", lines[i].index("<!--") + 4)
        if end < 0 or not lines[end].rstrip().endswith("-->"):
            i += 1
            continue
        lines[i : end + 1] = [""] * (end + 1 - i)
        count += 1
        i = end + 1
    return count


_CODE_OPEN_RE = re.compile(r"^\s*<(style|script)\b[^>]*>\s*$", re.IGNORECASE)
"""The tag opening a page's ``<style>`` or ``<script>`` block, alone on its line."""
_CODE_LINES_MAX = 400
_PAGE_TAG_RE = re.compile(r"^\s*</?(?:html|head|body|meta|link|title)\b[^>]*>\s*$", re.IGNORECASE)


def blank_page_code(lines: list[str]) -> int:
    """Blank a page's ``<style>`` and ``<script>`` blocks, and its ``<html>``/``<head>``/
    ``<body>`` lines, in a draft that carries them (in place); how many were blanked. Their
    contents are CSS and code, never words of the story.

    ``["<style>", "p { text-indent: 32px; }", "</style>", "", "It rained."]`` → 1, and
    the three first lines blank; ``<script>x</script>`` on one line stays as typed."""
    count = 0
    i = 0
    while i < len(lines):
        if _PAGE_TAG_RE.match(lines[i]):
            lines[i] = ""
            count += 1
            i += 1
            continue
        m = _CODE_OPEN_RE.match(lines[i])
        if m is None:
            i += 1
            continue
        end = _closing_line(lines, i, _CODE_LINES_MAX, f"</{m.group(1).lower()}")
        if end < 0:
            i += 1
            continue
        lines[i : end + 1] = [""] * (end + 1 - i)
        count += 1
        i = end + 1
    return count


_WRAPPER_RE = re.compile(
    r"[ ]{0,3}(?:(?:</?(?:div|span|section|article|main|aside|header|footer|center"
    r"|[a-z][a-z0-9]*-[\w-]*)\b"
    r"(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>[ \t]*)+|:{3,}(?:[ \t]*\{[^{}]*\}|[ \t]*[\w-]+)?[ \t]*)$",
    re.IGNORECASE,
)
"""A line of nothing but ``<div …>``, ``</div>``, ``<span id="…"></span>`` (or pandoc's
``::: {.calibre4}`` / ``:::`` fences): the wrapping pandoc writes round the Markdown it
makes of an EPUB; so is a site's own element (``<game-move>``, a name with a hyphen)."""


_ARROWS = "«\u2039←→»\u203a<>"
_LINK_ROW_RE = re.compile(
    rf"[ ]{{0,3}}[{_ARROWS}=\s]*(?:[*_]*\[[^\[\]]*\]\([^()\s]*\)[*_]*[\s|·•/{_ARROWS}=-]*)+$"
)
"""A line of links and nothing else: ``[« Prev](1.md) | [Index](/) | [Next »](3.md)``."""
_LINK_TEXT_RE = re.compile(r"\[([^\[\]]*)\]\(")
_LINK_RE = re.compile(r"\[[^\[\]]*\]\([^()\s]*\)")
_ARROW_RE = re.compile(r"<=|=>|<<|>>|[←→«»\u2039\u203a]")


_ATTRS_RE = re.compile(
    r"^\s*\{:?\s*(?:(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))\s*)+\}\s*$"
)
"""``{ .center }``, ``{: #intro .lead }``, ``{ width="50%" }``: an attribute list on a line
of its own (Python-Markdown's attr_list, kramdown's IAL, as MkDocs sites write them)."""
_WIDGET_RE = re.compile(r"[.](?:md-)?(?:time-to-read|reading-time|read-time|readtime)\b")
"""The class that says the line above is a reading-time estimate, the site's widget."""


def blank_attributes(lines: list[str]) -> int:
    """Blank attribute lists alone on their lines (in place); how many were blanked. They
    style the block they touch, and CommonMark would show them as text. One that names
    the site's reading-time widget (``11 min`` / ``{ .md-time-to-read }``) takes that line.

    ``["\\* \\* \\*", "{ .center }", "", "She woke."]`` → 1,
    ``["\\* \\* \\*", "", "", "She woke."]``."""
    count = 0
    for i, line in enumerate(lines):
        if "{" in line and _ATTRS_RE.match(line):
            lines[i] = ""
            count += 1
            if i and _WIDGET_RE.search(line) and len(lines[i - 1].split()) <= 4:
                lines[i - 1] = ""
    return count


def blank_navigation(lines: list[str]) -> int:
    """Blank the lines of a site's chapter links (in place); how many were blanked.

    ``["[Previous chapter](01.md)", "", "She woke."]`` → 1, ``["", "", "She woke."]``;
    ``["She read [the next chapter](2.md) twice."]`` → 0 (a link in the story's words).
    A row of links to the story's other pages typed twice (above and below the chapter)
    is one too, whatever its links say (:func:`_sibling_row`)."""
    count = 0
    rows = [_BR_END_RE.sub("", line).rstrip() if "](" in line else "" for line in lines]
    typed = Counter(row for row in rows if row)
    for i, row in enumerate(rows):
        if row and (_nav_line(row) or (typed[row] >= 2 and _sibling_row(row))):
            lines[i] = ""
            count += 1
    return count


_LOCAL_PAGE_RE = re.compile(r"\((?!\w+:)[^()\s]*\.(?:md|html?)(?:#[^()\s]*)?\)")


def _sibling_row(line: str) -> bool:
    """``[ch-049: Prologue](./ch-049.md) | [ch-051: Worries](./ch-051.md)``, typed above
    and below the chapter: a row of two links or more to the story's other pages."""
    links = _LINK_RE.findall(line)
    return (
        _LINK_ROW_RE.match(line) is not None
        and len(links) >= 2
        and all(_LOCAL_PAGE_RE.search(link) for link in links)
    )


def _nav_line(line: str) -> bool:
    """``_[Previous chapter](01.md)_``, ``[« Prev](1.md) | [Index](/) | [Next »](3.md)``,
    ``[Siguiente](3.md)``: a line of links to the chapters around it, and nothing else
    (:data:`fanfmt.patterns.NAV_LINK_TEXT`, the words a saved page's row of links has)."""
    if not _LINK_ROW_RE.match(line):
        return False
    texts = _LINK_TEXT_RE.findall(line)
    if len(texts) >= 2 and _ARROW_RE.search(_LINK_RE.sub(" ", line)):
        return True  # "[Lair](a.md) <= [Series](s.md) => [A dragon](c.md)": by its arrows
    return all(NAV_LINK_TEXT.match(text.strip()) for text in texts)


def blank_wrappers(lines: list[str]) -> int:
    """Blank the lines that only wrap the Markdown in ``div``/``span``/``section`` tags (in
    place, so every line keeps its number); how many were blanked. CommonMark would end
    the Markdown at such a line's block, and show each tag as typed.

    ``["<div class=\"c4\">", "", "# Rain", "", "He ran.", "", "</div>"]`` →
    ``["", "", "# Rain", "", "He ran.", "", ""]``; ``["<div>He ran.</div>"]`` → unchanged
    (words in the line: it is the chapter's own HTML).
    """
    count = 0
    fenced = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.strip() and _WRAPPER_RE.match(line):
            lines[i] = ""
            count += 1
    return count


_KINDS = {"em": "em", "i": "em", "cite": "em", "b": "strong", "strong": "strong"}


def read_tags(node: Text) -> tuple[Inline, ...]:
    """``Text("a <em>b</em> c")`` → ``(Text("a "), Emphasis((Text("b"),), "*"), Text(" c"))``;
    the node itself, alone, when its tags do not pair up (no word is ever lost)."""
    text = node.text
    if "<" not in text or _TAG_RE.search(text) is None:
        return (node,)
    stack: list[tuple[str, list[Inline]]] = [("", [])]
    pos = 0
    for m in _TAG_RE.finditer(text):
        if m.start() > pos:
            stack[-1][1].append(Text(text[pos : m.start()]))
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "br":
            stack[-1][1].append(LineBreak())
            continue
        kind = _KINDS.get(name)
        if kind is None:
            continue  # span, font, u …: the markup goes, the words stay
        if not closing:
            stack.append((kind, []))
        elif len(stack) > 1 and stack[-1][0] == kind:
            done, children = stack.pop()
            inner = tuple(children)
            stack[-1][1].append(Strong(inner) if done == "strong" else Emphasis(inner, "*"))
        else:
            return (node,)  # an end tag that closes nothing
    if len(stack) > 1:
        return (node,)  # a tag left open
    if pos < len(text):
        stack[0][1].append(Text(text[pos:]))
    return tuple(stack[0][1])


_HTML_CLOSE_RE = re.compile(r"</(?:p|div)\s*>", re.IGNORECASE)
_HTML_START_RE = re.compile(
    r"\s*<(?:p|div|span|center|i|em|b|strong|br|hr|h[1-6]|section|article|html|head|body"
    r"|style|meta|table|!doctype)\b",
    re.IGNORECASE,
)
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")
_LEAD_LINES = 2
"""A title line or two may stand over the HTML body (``Chapter 1: Forks`` / ``<p>…``)."""
_HTML_BODY_MIN = 3
"""A Markdown file whose body is HTML (a blog export: ``<p>…</p>`` paragraphs) starts with a
tag and closes at least this many paragraphs."""


def html_body(lines: list[str]) -> bool:
    """Is the body (front matter blanked) a page of HTML, not Markdown?

    ``["", "<p>She ran.</p>", "<p>He ran.</p>", "<p>…</p>"]`` → True, and so with a title
    line or two over it (``Chapter 1: Forks``); a draft with one ``<em>`` → False.
    """
    heads = [line for line in lines[:200] if line.strip()][: _LEAD_LINES + 1]
    if not any(_HTML_START_RE.match(line) for line in heads):
        return False
    if not _HTML_START_RE.match(heads[0]) and any(len(h) > 120 for h in heads):
        return False  # a paragraph of Markdown first, not a title over the page
    head = "\n".join(lines[:2000])
    closes = len(_HTML_CLOSE_RE.findall(head))
    plain = sum(  # paragraphs of Markdown, no tag in them: a draft with a page's head
        1
        for block in _BLANK_LINES_RE.split(head)
        if "<" not in block and any(map(str.isalnum, block))
    )
    return closes >= _HTML_BODY_MIN and closes >= plain


def read_html_body(lines: list[str], meta: Meta, heading: str) -> Document:
    """An HTML body under Markdown front matter, read as HTML (safely: nothing passes through
    as markup but what the HTML reader keeps); the front matter's heading when it has none."""
    from fanfmt.reader.html import read_html

    doc = read_html("\n".join(lines), meta)
    if heading and not any(isinstance(b, Heading) for b in doc.blocks[:3]):
        doc = replace(doc, blocks=(Heading(title=(Text(heading),), line=1), *doc.blocks))
    return doc


_IMAGE_LINE_RE = re.compile(r"^\s*(?:<img\b[^<>]*>\s*)+$", re.IGNORECASE)
_MD_IMAGE_LINE_RE = re.compile(r"^\s*(?:!\[[^\]\n]*\]\([^()\s]*(?:\s+\"[^\"]*\")?\)\s*)+$")
"""``![Stolen Sun](../images/sun.jpg)`` alone on its line: a picture, its alt text no words
of the story (a saved page's ``<img>`` is left out the same way)."""
_ASCII_MARKS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
"""Marks that Markdown could read as syntax at a line's start (``#`` a heading, ``-`` a
list): escaped, so that ``<p>#</p>`` is the row ``#`` the author typed."""
_CENTRED_LINE_RE = re.compile(
    r"^\s*<(center|p|div)(?:\s[^<>]*)?>([^<>]*\S[^<>]*)</\1>\s*$", re.IGNORECASE
)
"""``<center> The Nine Mile Walk </center>``, ``<p style="text-align: center;">© Christi
Nogle</p>`` alone on its line: a block of words, its tags the page's layout."""
_HR_LINE_RE = re.compile(r"^\s*<hr\b[^<>]*/?>\s*$", re.IGNORECASE)
_COMMAND_RE = re.compile(r"^[ ]{0,3}(?:\\[A-Za-z]+\*?(?:\{[^{}]*\})*[ \t]*)+$")
"""``\\noindent``, ``\\Startbonus``, ``\\vspace{1em}`` alone on a line: a typesetting command
of the LaTeX a book was made from, never a word of the story."""


def html_lines(lines: list[str]) -> None:
    """A draft's lines of HTML, one element a line, read as the page would show them (in
    place; run once the draft is known not to be a page of HTML): an ``<img>`` or a
    ``![picture](a.jpg)`` alone is left out, as a saved page's images are;
    ``<center>Title</center>`` and ``<p style="…">© Name</p>`` are their words (a mark in
    one, ``<p>#</p>``, the row typed); an ``<hr>`` right under a line is a break, not the
    line's last words.

    ``["<center> The Walk </center>", "<HR>"]`` → ``["The Walk", "* * *"]``."""
    for i, line in enumerate(lines):
        if "![" in line and _MD_IMAGE_LINE_RE.match(line):
            lines[i] = ""
        if "<" not in line:
            continue
        if _IMAGE_LINE_RE.match(line):
            lines[i] = ""
        elif m := _CENTRED_LINE_RE.match(line):
            inner = m.group(2).strip()
            lines[i] = "\\" + inner if inner[0] in _ASCII_MARKS else inner
        elif i and lines[i - 1].strip() and _HR_LINE_RE.match(line):
            lines[i] = "* * *"


def blank_furniture(lines: list[str], meta: Meta | None) -> Meta | None:
    """Blank, in place, what a draft holds that is not the chapter (every line keeps its
    number): comments, a page's ``<style>`` and ``<head>``, wrapping tags, chapter links,
    typesetting commands, a post's ``From:``/``Subject:`` block; ``meta`` with the title
    that block gives, if it has none.

    ``["\\noindent", "She ran."]`` → ``["", "She ran."]``."""
    from fanfmt.reader.transport import draft_headers, subject_title

    blank_comments(lines)
    blank_attributes(lines)
    blank_page_code(lines)
    blank_wrappers(lines)
    blank_navigation(lines)
    for i, line in enumerate(lines):
        if line.startswith("\\"):
            if _COMMAND_RE.match(line):
                lines[i] = ""
            elif line.startswith("\\noindent "):
                lines[i] = line[len("\\noindent ") :]

    posted, subjects = draft_headers(lines)
    for k in posted:
        lines[k] = ""  # a post's From:/Subject: block, kept in the draft: transport
    if subjects and not (meta and meta.title) and subject_title(subjects[0]):
        meta = replace(meta or Meta(), title=subject_title(subjects[0]))
    return meta


_BR_END_RE = re.compile(r"<br\s*/?>\s*$", re.IGNORECASE)
_BR_LINES_MIN = 10
_BR_LINE_CHARS = 50
"""A line of prose (a poem's lines, set with ``<br>`` too, are shorter)."""


def br_lined(lines: list[str]) -> bool:
    """Does (nearly) every line end in ``<br/>``, as a scrape of a web novel writes its
    paragraphs, a line each, no blank line between them? ``<br/>`` alone is a blank line.

    ``["Poyopoyo<br/>", "Having stopped by the guild, I …<br/>", …]`` → True; a poem's
    short lines set with ``<br>`` → False."""
    texts = [line for line in lines if line.strip()]
    ended = [line for line in texts if _BR_END_RE.search(line)]
    if len(ended) < _BR_LINES_MIN or len(ended) < 0.9 * len(texts):
        return False  # (a poem's stanzas end on a line with no <br>, a blank line after)
    return sum(len(line) for line in ended) >= _BR_LINE_CHARS * len(ended)


def at_breaks(p: Paragraph, br: bool) -> list[Paragraph]:
    """``p`` cut at its line breaks, a paragraph a line, in a :func:`br_lined` file
    (``br``); else ``[p]``."""
    from fanfmt.rules._chapter import strip_ends
    from fanfmt.walk import plain_text

    if not br:
        return [p]
    out: list[Paragraph] = []
    run: list[Inline] = []
    for node in (*p.children, LineBreak()):
        if isinstance(node, LineBreak):
            if plain_text(tuple(run)).strip():
                out.append(Paragraph(strip_ends(tuple(run)), p.line + len(out)))
            run = []
        else:
            run.append(node)
    return out
