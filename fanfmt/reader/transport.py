"""Mail and Usenet transport text around a story: header blocks and signatures.

A story posted to a newsgroup or a list arrives with its headers, at the top and again
before every part, and often with the poster's ``.sig`` after each part::

    From: jdoe@example.edu (Jane Doe)        ← dropped: transport, not the story
    Newsgroups: alt.tv.x-files.creative
    Subject: Re: NEW: Long Way Home (2/7) [XF]
    Date: 12 Mar 1996 04:11:09 GMT
    Summary: Mulder waits.                   ← kept: the author typed it
    <blank>
    Story text …
    --                                       ← "-- ": a signature follows; dropped with it
    Jane Doe, jdoe@example.edu

A last block boxed in ``*`` or ``#`` that names the poster, or a short contact block
(name, street, town, e-mail), is a signature too, with no ``-- `` line above it.

A header block is a run of ``Field: value`` lines (and their indented continuations)
with at least three known transport fields, one of them a field only mail or news has
(``Newsgroups``, ``Message-ID``, ``Path``, ``Lines`` …), or, on the file's first lines only,
``From`` + ``Subject`` + ``Date``: further down those three are an e-mail in the story.
A ``Subject:`` line alone on the file's first line is a post's header too. A Project
Gutenberg book's header and licence, before its ``*** START OF THE PROJECT GUTENBERG
EBOOK … ***`` line and after its ``*** END OF …`` line, are transport too; its ``Title:``
names the story.
Fields an author fills in (``Summary``, ``Keywords``) stay in the story.
``Subject:`` is kept as a fact: it is usually the story's only title.
"""

from __future__ import annotations

import re

from fanfmt import rx
from fanfmt.reader.lines import Line
from fanfmt.record import record

_FIELD_RE = rx.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9-]{0,40}):(?:\s+(?P<value>.*))?$")
_MBOX_RE = rx.compile(
    r"^(?:From \S+@?\S* +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
    r"|Article:? \d+ (?:of|in) [a-z][\w.+-]*\.[\w.+-]+:?$)"
)
"""A mailbox's ``From jdoe@x Mon …`` line, or a newsreader's ``Article 51180 of
comp.sys.amiga:`` over a saved post's headers."""
_TRANSPORT = frozenset(
    """from subject newsgroups message-id date lines organization organisation path references
    reply-to sender nntp-posting-host nntp-posting-date xref followup-to distribution approved
    mime-version content-type content-transfer-encoding in-reply-to to cc article posted
    return-path received status expires supersedes user-agent newsreader injection-info
    injection-date complaints-to mail-copies-to originator delivered-to list-id precedence
    errors-to resent-from resent-date thread-index thread-topic importance priority
    content-length""".split()
)
_ONLY_TRANSPORT = frozenset(
    """newsgroups message-id path references nntp-posting-host nntp-posting-date xref lines
    organization organisation mime-version content-type content-transfer-encoding received
    return-path followup-to in-reply-to injection-info user-agent""".split()
)
_AUTHOR_FIELDS = frozenset({"summary", "keywords"})
"""Header fields that hold the author's words: they stay."""
_MAX_SIG_LINES = 8


@record(frozen=False)
class Transport:
    """What was taken out of the story: line counts and the ``Subject:`` lines."""

    header_lines: int = 0
    signature_lines: int = 0
    subjects: tuple[str, ...] = ()

    @property
    def removed(self) -> int:
        """How many lines were dropped in all."""
        return self.header_lines + self.signature_lines


def _field(line: Line) -> str | None:
    """``Line("Message-ID: <1@x>")`` → ``"message-id"``; a line of prose → None."""
    if line.indented:
        return None
    m = _FIELD_RE.match(line.text)
    if m is None:
        return None
    name = m.group("name").lower()
    if name in _TRANSPORT or name in _AUTHOR_FIELDS or name.startswith("x-"):
        return name
    return None


def _header_end(lines: list[Line], start: int, *, spaced: bool = False, top: bool = False) -> int:
    """The index after the header block starting at ``start``, or ``start`` if there is none.

    ``spaced``: one blank line may stand between two fields (a post kept in a double-spaced
    copy); ``top``: the block opens the text, wherever ``start`` is in ``lines``.
    """
    i = start
    mbox = i < len(lines) and bool(_MBOX_RE.match(lines[i].text))
    if mbox:
        i += 1
    names: list[str] = []
    subject = ""
    while i < len(lines) and (
        i == start
        or lines[i].blanks_before == 0
        or (spaced and lines[i].blanks_before == 1 and _field(lines[i]) is not None)
    ):
        line = lines[i]
        name = _field(line)
        if name is not None:
            names.append(name)
            if name == "subject":
                subject = line.text.partition(":")[2]
        elif not (line.indented and (names or mbox)):  # an indented line continues a
            break  # field (under an mbox "From " line, one whose first line was cut off)
        i += 1
    known = [n for n in names if n not in _AUTHOR_FIELDS]
    strong = any(n in _ONLY_TRANSPORT or n.startswith("x-") for n in known)
    # From + Subject + Date alone is also an e-mail in the story (X-Files fic is full of
    # them): it is transport only at the very top of the file
    top = top or start == 0
    mail = top and {"from", "subject", "date"} <= set(known)
    if len(known) >= 3 and (strong or mail):
        return i
    # From + Subject over the text, the subject a post's (``[Tag] Title 1/5``): a post too
    if top and set(known) == {"from", "subject"} and _posted(subject):
        return i
    # a lone ``Subject:`` line opening the file over a blank line: a post whose other
    # headers were cut when it was passed on (the subject is kept as a fact)
    if start == 0 and known == ["subject"] and i == start + 1 < len(lines):
        return i
    # a lone ``From: Name <address>`` opening the file: the post's one header left
    if (
        start == 0
        and known == ["from"]
        and i == start + 1 < len(lines)
        and _EMAIL_RE.search(lines[start].text)
    ):
        return i
    return start


def _posted(subject: str) -> bool:
    """``[Ranma][FanFic] Bliss 1/5`` → True: a newsgroup's tags or a part count."""
    return bool(_PART_RE.search(subject) or re.match(r"\s*(?:re:\s*)?\[", subject, re.I))


def opens_with_headers(text: str) -> bool:
    """Does ``text`` open with a mail or news header block (a saved post)?

    ``"From: a@b\nNewsgroups: x\nSubject: Home\n\nStory."`` → True; ``"From the
    start, she knew."`` → False.
    """
    from fanfmt.reader.lines import lines as read_lines

    head = read_lines("\n".join(text[:8000].split("\n")[:40]))
    return bool(head) and _header_end(head, 0, spaced=True) > 0


TOP_LINES = 12
"""A post's header block in a draft stands within its first lines (under a title)."""


def draft_headers(texts: list[str]) -> tuple[list[int], tuple[str, ...]]:
    """The lines of a post's header block near the top of a draft (Markdown), and its
    ``Subject:`` values: the indexes into ``texts`` to blank.

    ``["# Bliss", "", "From: Lara <l@x>", "", "Subject: [R] Bliss 1/5", "", "She woke."]``
    → ``([2, 4], ("[R] Bliss 1/5",))``; a ``From:`` line in the story further down → none.
    """
    kept: list[Line] = []
    blanks = 0
    for index, text in enumerate(texts):
        if not text.strip():
            blanks += 1
            continue
        kept.append(Line(index, text.strip(), text[:1].isspace(), blanks))
        blanks = 0
        if len(kept) > TOP_LINES + 8:
            break
    for k in range(min(len(kept), TOP_LINES)):
        end = _header_end(kept, k, spaced=True, top=True)
        if end > k:
            block = kept[k:end]
            subjects = tuple(
                line.text.partition(":")[2].strip()
                for line in block
                if _field(line) == "subject" and line.text.partition(":")[2].strip()
            )
            return [line.number for line in block if _field(line) not in _AUTHOR_FIELDS], subjects
    return [], ()


def strip_transport(lines: list[Line]) -> tuple[list[Line], Transport]:
    """Drop header blocks and signatures from ``lines``; say what was dropped.

    ``["From: a@b", "Newsgroups: x", "Subject: Home (1/2)", "Story."]`` →
    ``(["Story."], Transport(header_lines=3, subjects=("Home (1/2)",)))``
    """
    book = _gutenberg(lines)
    if book is not None:  # a Project Gutenberg book: its header and licence, not the story
        start, stop, title = book
        kept, found = strip_transport(lines[start:stop])
        found.header_lines += start + len(lines) - stop
        found.subjects = (title, *found.subjects) if title else found.subjects
        return kept, found
    end = _closing_signature(lines)
    if end < len(lines):
        kept, found = strip_transport(lines[:end])
        found.signature_lines += len(lines) - end
        return kept, found
    box = _box_over_notice(lines)
    if box is not None:
        top, bottom = box
        kept, found = strip_transport(lines[:top])
        notice = lines[bottom:]
        notice[0].blanks_before = max(notice[0].blanks_before, lines[top].blanks_before, 1)
        found.signature_lines += bottom - top
        return kept + notice, found
    if not any(_FIELD_RE.match(line.text) or line.sig for line in lines[:4000]):
        return lines, Transport()
    out: list[Line] = []
    found = Transport()
    subjects: list[str] = []
    i = 0
    carry = -1  # blank lines before a dropped block, given to the next kept line
    while i < len(lines):
        line = lines[i]
        end = _header_end(lines, i, spaced=True) if (line.blanks_before or i == 0) else i
        if end > i:
            for dropped in lines[i:end]:
                if _field(dropped) in _AUTHOR_FIELDS:
                    out.append(dropped)
                    continue
                found.header_lines += 1
                m = _FIELD_RE.match(dropped.text)
                if m and m.group("name").lower() == "subject" and m.group("value"):
                    subjects.append(m.group("value").strip())
            carry = max(carry, line.blanks_before)
            i = end
            continue
        if line.sig:
            sig_end = _signature_end(lines, i)
            if sig_end > i:
                found.signature_lines += sig_end - i
                carry = max(carry, line.blanks_before)
                i = sig_end
                continue
        if carry >= 0:
            line.blanks_before = max(line.blanks_before, carry) if out else 0
            carry = -1
        out.append(line)
        i += 1
    found.subjects = tuple(subjects)
    return out, found


_EMAIL_RE = rx.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CREDIT_RE = rx.compile(
    r"\b(?:written by|all rights reserved|freely distributable|irc\s*:)", re.IGNORECASE
)
_BOX_EDGE = "*#|+=~"
_MAX_CONTACT_CHARS = 45


_PG_START_RE = rx.compile(
    r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b.*\*{3}\s*$", re.IGNORECASE
)
_PG_END_RE = rx.compile(r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b", re.IGNORECASE)
_PG_TITLE_RE = rx.compile(r"^Title:\s+(?P<title>\S.*)$")
_PG_HEADER_LINES = 400
_PG_CREDIT_RE = rx.compile(
    r"^(?:Produced by|E-?text prepared by|Transcribed from|This e-?book was produced by)\b",
    re.IGNORECASE,
)
_PG_CREDIT_LINES = 3


def _gutenberg(lines: list[Line]) -> tuple[int, int, str] | None:
    """A Project Gutenberg book's text between its ``*** START OF THE PROJECT GUTENBERG
    EBOOK … ***`` and ``*** END OF …`` lines: ``(first line, end, the header's Title:)``,
    or None for any other file."""
    start = next(
        (i for i, line in enumerate(lines[:_PG_HEADER_LINES]) if _PG_START_RE.match(line.text)),
        None,
    )
    if start is None:
        return None
    stop = next(
        (i for i in range(len(lines) - 1, start, -1) if _PG_END_RE.match(lines[i].text)),
        len(lines),
    )
    titles = (
        m.group("title").strip() for ln in lines[:start] if (m := _PG_TITLE_RE.match(ln.text))
    )
    first = start + 1
    while first < min(stop, start + 1 + _PG_CREDIT_LINES) and _PG_CREDIT_RE.match(
        lines[first].text
    ):
        first += 1  # "Produced by Anonymous Volunteers": the edition's credit, not the book's
    return first, stop, next(titles, "")


def _closing_signature(lines: list[Line]) -> int:
    """Where a signature without a ``-- `` line starts at the end of the file, else its length.

    The last block is a signature when it names the poster (an e-mail, ``Written by``,
    ``All rights reserved``) and is either boxed (every line edged with ``*``, ``#``, ``|``
    …, or a rule row)::

        ###########################################
        # Written by A. Poster  # Freely copied.  #
        ###########################################

    or a short contact block: a name, a street, a town and an e-mail, no line longer
    than a few words and none a sentence; or, under a closing ``---`` rule, a block of
    addresses (a moderated group's: ``Send reviews to:  reviews@…``), none a sentence.
    """
    start = len(lines)
    while start > 0 and len(lines) - start < _MAX_SIG_LINES:
        start -= 1
        if lines[start].blanks_before:
            break
    else:
        return len(lines)
    block = [line.text for line in lines[start:]]
    if start == 0 or not any(_EMAIL_RE.search(t) or _CREDIT_RE.search(t) for t in block):
        return len(lines)
    boxed = all(t[0] in _BOX_EDGE or t[-1] in _BOX_EDGE for t in block)
    contact = len(block) >= 2 and all(
        len(t) <= _MAX_CONTACT_CHARS and not t.endswith((".", "!", "?", '"')) for t in block
    )
    # under a ``---`` rule closing the post: a group's or a moderator's addresses
    ruled = (
        lines[start - 1].text in ("--", "---")
        and 2 * sum(bool(_EMAIL_RE.search(t)) for t in block) >= len(block)
        and not any(t.endswith((".", "!", "?", '"')) for t in block)
    )
    return start if boxed or contact or ruled else len(lines)


_NOTICE_RE = rx.compile(
    r"\bcopyright\b|\(c\)|©|all rights reserved|freely distribut"
    r"|may (?:not )?be (?:freely )?(?:distributed|copied|reproduced|included)",
    re.IGNORECASE,
)
_PS_RE = re.compile(r"^p\.?\s?p?\.?s\.?\s*[:.\-–—]", re.IGNORECASE)
"""``ps:``, ``P.S.:``, ``PPS -``: a postscript."""
_BOX_LINE_EDGE = "|#*"
_BOX_LOOK_BACK = 16
"""A boxed signature over a closing notice starts within this many lines of the end."""


def _rule_row(text: str) -> bool:
    """``////////\\\\\\\\``, ``+--------+``, ``#########``: a box's top or bottom."""
    return len(text) >= 10 and not any(ch.isalnum() for ch in text) and len(set(text)) <= 4


def _box_over_notice(lines: list[Line]) -> tuple[int, int] | None:
    """``(top, bottom)`` of a boxed signature (a rule row, lines edged with ``|``, a rule
    row, naming the poster) with only the author's notice under it (``Copyright 1992 by
    …``, ``may be freely distributed``), perhaps after a postscript (``ps: thanks to …``),
    which stay; None when the file ends otherwise."""
    n = len(lines)
    for bottom in range(n - 1, max(0, n - _BOX_LOOK_BACK) - 1, -1):
        if not _rule_row(lines[bottom].text):
            continue
        top = bottom - 1
        while top > 0 and lines[top].text[:1] in _BOX_LINE_EDGE and not lines[top].blanks_before:
            top -= 1
        inner = [line.text for line in lines[top + 1 : bottom]]
        if top == bottom - 1 or not _rule_row(lines[top].text) or lines[bottom].blanks_before:
            continue
        if not any(_EMAIL_RE.search(t) or _CREDIT_RE.search(t) for t in inner):
            continue
        rest = [line.text for line in lines[bottom + 1 :]]
        words = [t for t in rest if not _rule_row(t) and t not in ("--", "---")]
        # the notice right under it, or after the author's postscript (``ps: thanks…``)
        notice = words and (
            _NOTICE_RE.search(words[0])
            or (_PS_RE.match(words[0]) and any(_NOTICE_RE.search(t) for t in words[1:]))
        )
        if notice and top > 0:
            return top, bottom + 1
        return None
    return None


def _signature_end(lines: list[Line], start: int) -> int:
    """After a ``-- `` line: the signature runs to the end, or to the next header block."""
    for j in range(start + 1, min(len(lines), start + _MAX_SIG_LINES + 2)):
        if lines[j].blanks_before and _header_end(lines, j) > j:
            return j
    if len(lines) - start <= _MAX_SIG_LINES + 1:
        return len(lines)
    return start  # too long for a signature: the author's own "--"


_REPLY_RE = rx.compile(r"^(?:(?:re|fwd?|aw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_PREFIX_RE = rx.compile(
    r"^(?:(?:new|fic|fanfic|story|new story|repost|revised|complete)\s*[:\-–]\s*)+", re.IGNORECASE
)
_TAG_RE = rx.compile(r"\s*(?:\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\})\s*")
"""``[XF]``, ``[MSR, PG-13]``, ``{NEW}``: a newsgroup's tags."""
_PART_RE = rx.compile(
    r"[\s,:;–—-]*[(\[]?\s*(?:(?:part|pt\.?|chapter|ch\.?)\s*)?"
    r"\d{1,3}\s*(?:/|\bof\b)\s*\d{1,3}[a-z]?\s*[)\]]?"
    r"|[\s,:;–—-]*[(\[]\s*(?:part|pt\.?|chapter|ch\.?)\s*\d{1,3}\s*[)\]]"
    r"|[\s,:;–—]+(?:part|pt\.?)\s*\d{1,3}\b",
    re.IGNORECASE,
)
"""``(1/7)``, ``1/7``, ``[2 of 7]``, ``Part 3/7``, ``, part 2``, ``(Part 4)``: a part number."""
_RATING_RE = rx.compile(r"\s*\((?:G|PG|PG-13|R|NC-17|NR|M|MA|T|K\+?)\)", re.IGNORECASE)
"""``(PG-13)``: a rating."""


def subject_title(subject: str) -> str:
    """The story title in a ``Subject:`` line.

    ``"Re: NEW: Long Way Home (2/7) [XF]"`` → ``"Long Way Home"``;
    ``"[SG-1] Blue Hour, part 2"`` → ``"Blue Hour"``; ``"Re: Re: Fin (1/1)"`` → ``"Fin"``.
    """
    text = _REPLY_RE.sub("", subject.strip())
    text = _TAG_RE.sub(" ", text)
    text = _REPLY_RE.sub("", text.strip())
    text = _PREFIX_RE.sub("", text)
    text = _PART_RE.sub(" ", text)
    text = _RATING_RE.sub(" ", text)
    return " ".join(text.split()).strip(" -–—:;,")


def story_title(found: Transport) -> str:
    """The title the first ``Subject:`` line names, or ``""``."""
    for subject in found.subjects:
        title = subject_title(subject)
        if title:
            return title
    return ""
