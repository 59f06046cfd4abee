"""Layouts of old plain-text and Markdown archives: front matter, posts, records."""

from __future__ import annotations

from fanfmt import convert
from fanfmt.lint import lint_text
from fanfmt.model import AuthorNote, LineBreak, Paragraph, SceneBreak
from fanfmt.options import Options
from fanfmt.reader import read_text
from fanfmt.walk import plain_text


def breaks(source: str) -> int:
    doc = convert(source, "markdown").document
    return sum(isinstance(b, SceneBreak) for b in doc.blocks)


def texts(source: str) -> list[str]:
    return [plain_text(p.children) for p in read_text(source).blocks if isinstance(p, Paragraph)]


STORY = (
    "The kettle had boiled dry twice before anyone in the house noticed the\n"
    "smell, and by then the whole of the top landing was thick with it.\n\n"
    "Nobody owned up to it. The lodger blamed the cat, the cat said nothing,\n"
    "and by supper time the matter had been more or less forgotten by all.\n\n"
    "In the morning the stove would not light at all, which was new, and the\n"
    "landlady stood over it with a match and a face like thunder for an hour.\n\n"
    "By noon a man had come about the gas. He looked at the stove, then at\n"
    "the kettle, then at the cat, and wrote something down in a small book.\n"
)

FRONT = (
    "Tuesday 4th March\n"
    "(C) the lodger\n\n\n\n"
    "                 The Kettle Affair\n\n\n"
    "        a short account of a long week\n"
    "        told by the lodger on the top floor\n"
    "        =====================================\n\n\n"
    "Teller: the lodger     House: Number Nine\n"
    "Season: late winter\n\n\n"
)


def test_gaps_inside_front_matter_are_not_scene_breaks() -> None:
    assert breaks(FRONT + STORY) == 0


def test_a_wide_gap_inside_the_story_is_still_a_break() -> None:
    story = STORY.replace("by all.\n\n", "by all.\n\n\n\n")
    assert breaks(FRONT + story) == 1


def test_a_lone_subject_line_opening_a_file_is_a_header_not_story() -> None:
    source = "Subject: Notes from the lighthouse, part one\n\n" + STORY
    assert not any(text.startswith("Subject:") for text in texts(source))
    assert convert(source, "markdown").document.meta.title == "Notes from the lighthouse, part one"


def test_a_subject_line_inside_the_story_stays() -> None:
    source = STORY + "\nSubject: the gas man\n\nHe never came back.\n"
    assert any(text.startswith("Subject:") for text in texts(source))


# --- Markdown drafts ------------------------------------------------------------------------

EPIGRAPH = """# Chapter One

> The sea remembers what the shore forgets,
> and keeps it in the cold beneath the swell.
>
> — an old fishing song

The boats went out before dawn, as they always did, and Mara watched them go.

Her brother was on the third boat. He had not waved.
"""


def test_a_quoted_epigraph_before_the_story_is_verse_not_a_note() -> None:
    doc = convert(EPIGRAPH, "markdown").document
    assert not any(isinstance(b, AuthorNote) for b in doc.blocks)
    verse = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "verse"]
    assert len(verse) == 2
    assert any(isinstance(c, LineBreak) for c in verse[0].children)


def test_notes_omit_keeps_the_epigraph() -> None:
    out = convert(EPIGRAPH, "markdown", Options(notes="omit")).text
    assert "shore forgets" in out
    assert "old fishing song" in out


def test_a_quoted_note_before_the_story_is_still_a_note() -> None:
    source = EPIGRAPH.replace(
        "> The sea remembers what the shore forgets,\n"
        "> and keeps it in the cold beneath the swell.",
        "> A/N: thanks to everyone who left a kind word on the last chapter,\n> it kept me going.",
    )
    doc = convert(source, "markdown").document
    assert any(isinstance(b, AuthorNote) for b in doc.blocks)


def test_lint_says_when_post_headers_are_dropped_from_a_draft() -> None:
    source = (
        "# Bliss\n\nFrom: Lara <lara@example.org>\nSubject: [R] Bliss 1/5\n\n"
        "She woke before the alarm, as she always did, and lay listening to the rain.\n\n"
        "The house was quiet. Too quiet, she thought, and then laughed at herself.\n"
    )
    found = [d for d in lint_text(source) if d.code == "P005"]
    assert found
    assert "headers removed: 2 lines" in found[0].message


# --- records in a post ----------------------------------------------------------------------

PROSE = (
    "\tThe club keeps a list of every kettle its members have ever owned, and\n"
    "once a year somebody posts it, whether or not anybody has asked to see it.\n\n"
)
RECORD = (
    "Kettle name:\t\tOld Faithful {n}\n"
    "Owner:\t\t\tthe lodger\n"
    "Capacity:\t\t{n} pints\n"
    "Condition:\t\tscorched\n"
    "Remarks:\t\tWhistles in B flat when it is in the mood,\n"
    "\t\t\twhich is not often.\n\n"
)


def test_blocks_of_named_fields_are_records_not_a_script() -> None:
    source = PROSE * 3 + "".join(RECORD.format(n=n) for n in range(1, 7)) + PROSE
    got = texts(source)
    assert not any(text.startswith(("Owner:", "Capacity:", "which is")) for text in got)
    assert sum(text.startswith("Kettle name:") for text in got) == 6


def test_a_script_whose_speakers_come_back_is_still_a_script() -> None:
    turns = "Ann:\tGo on, then.\nBo:\tI will not.\nAnn:\tGo on.\nBo:\tNo.\n\n"
    got = texts(PROSE + turns * 3 + PROSE)
    assert sum(text.startswith("Bo:") for text in got) == 6


def test_a_title_boxed_between_two_rows_is_one_break() -> None:
    rule = "=" * 60 + "\n"
    source = STORY + "\n" + rule + "\nTHE KETTLES\n\n" + rule + "\n" + STORY
    assert breaks(source) == 1


SIG = (
    "\n ////////////////////////////////\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\n"
    "| A. Poster -- Kettle Society, Room 9, poster@example.edu |\n"
    " \\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\////////////////////////////////\n"
)


def test_a_boxed_signature_over_a_postscript_and_notice_goes_the_postscript_stays() -> None:
    source = (
        "From: poster@example.edu\nNewsgroups: rec.kettles\nSubject: The kettle list\n\n"
        + STORY
        + SIG
        + "---\nps:  thanks to the lodger for the kettle.\n---\n"
        + "Copyright 1993 by A. Poster.  May be freely distributed.\n"
    )
    got = texts(source)
    assert not any("Kettle Society" in text for text in got)
    assert any(text.startswith("ps:") for text in got)
    assert any(text.startswith("Copyright 1993") for text in got)


INDENTED_POST = (
    "\tThe club met on Tuesday, as it always does, and the question of the kettle\n"
    "came up again before anyone had even sat down or taken off a coat.\n"
    "\tThe secretary read out the rules, which nobody had read in years, and which\n"
    "turned out to say a great deal more about kettles than anybody remembered.\n"
    "\tThey said, among other things, that a member who brings a kettle must:\n"
    "\t(1)  fill it from the tap in the hall and never from the one in\n"
    "\t     the kitchen, which is for the caretaker; AND,\n"
    "\t(2)  boil it only once an evening, whatever the weather or the\n"
    "\t     company or the state of the biscuits; AND,\n"
    "\t(3)  take it home again afterwards.\n\n"
    "\tNobody could say who had written the rules, or when, or why, and the\n"
    "secretary put them back in the drawer where they had been found.\n"
)


def test_a_list_item_with_a_hanging_indent_is_one_paragraph() -> None:
    got = texts(INDENTED_POST)
    assert not any(text.startswith(("the kitchen", "company")) for text in got)
    assert any(text.startswith("(1) fill it") and text.endswith("caretaker; AND,") for text in got)


def test_addresses_under_a_closing_rule_are_a_signature() -> None:
    source = (
        "From: poster@example.edu\nNewsgroups: rec.kettles.reviews\nSubject: REVIEW: a kettle\n\n"
        + STORY
        + "\n\t\t\t\t\tA. Reviewer, reviewer@example.org\n\n---\n\n"
        + "   The Kettle Reviews, moderated by B. Keeper\n"
        + "   Send reviews to:\tkettle-reviews-submissions@lists.example.edu\n"
        + "   Ask the moderator:\tkettle-reviews-requests@lists.example.edu\n"
    )
    got = texts(source)
    assert not any("kettle-reviews@" in text or "moderated by" in text for text in got)
    assert any(text.startswith("A. Reviewer") for text in got)


def test_the_first_of_several_capitalised_section_titles_is_not_the_story_title() -> None:
    sections = "".join(
        f"{name}\n\n\t{body}\n\n\n"
        for name, body in (
            ("KETTLE NAME", "Old Faithful"),
            (
                "WHERE IT LIVES",
                "On the second shelf in the hall, next to the tea caddy and the tin\n"
                "of biscuits that nobody admits to opening, behind the good cups.",
            ),
            ("CAPACITY", "Four pints, or five if nobody is watching the spout."),
            ("THE VERDICT", "It whistles, it boils, and it has never once let us down."),
        )
    )
    source = (
        "From: poster@example.edu\nNewsgroups: rec.kettles.reviews\n"
        "Subject: REVIEW: Old Faithful\nDate: 1 Apr 1993 05:10:38 GMT\n"
        "Keywords: kettle, review\n\n\n" + sections + STORY
    )
    out = convert(source, "xhtml")
    assert "<title>REVIEW: Old Faithful</title>" in out.text
    assert "story-title" not in out.text


RAGGED = """    The knight rode out at dawn from the keep, and the road ahead of him was long
and muddy. He did not
 look back once, not even at the gate of the keep where he was born.

    By noon the rain had stopped, and the riders behind him had
fallen silent, every one of them tired of the road and of the cold.
    He made camp by the river.
"""

PASTED = "".join(
    f"The lamplighter climbed ladder {i} at the end of the street, slow and careful.\n\n\n"
    for i in range(6)
) + 3 * (
    "The tears had reshaped into deep sobs, sounds she barely recognized as her own\n"
    "and could not choke back.\n\n\nShe sat on the step.\n\n\n"
)


def test_a_ragged_wrap_joins_the_lines_that_go_on_a_sentence() -> None:
    """Lines broken off mid-sentence (a paste, a PDF's text) go on the paragraph, however
    short or set in; a new paragraph starts after a sentence's end, at its indent."""
    doc = read_text(RAGGED)
    paragraphs = [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "The knight rode out at dawn from the keep, and the road ahead of him was long and "
        "muddy. He did not look back once, not even at the gate of the keep where he was born.",
        "By noon the rain had stopped, and the riders behind him had fallen silent, every one "
        "of them tired of the road and of the cold.",
        "He made camp by the river.",
    ]
    pasted = [plain_text(b.children) for b in read_text(PASTED).blocks if isinstance(b, Paragraph)]
    assert len(pasted) == 12
    assert pasted[-2].endswith("her own and could not choke back.")


def test_one_line_a_paragraph_stays_so_when_no_sentence_breaks_off() -> None:
    text = "".join(f"She walked past lamp {i} and did not stop.\nHe followed.\n" for i in range(5))
    paragraphs = [b for b in read_text(text).blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 10


def test_a_run_on_line_with_its_indents_left_inside_is_cut_into_paragraphs() -> None:
    """A page copied with its line ends lost keeps each paragraph's indent as a run of
    spaces inside one long line: cut there, each piece a paragraph, its line number kept."""
    paras = [
        "Тишина.",
        "— Ты слышишь? — спросила она, и в её голосе было что-то новое, чего я не знал.",
        "Я покачал головой и отвернулся к окну, за которым шёл снег.",
        "— Нет, — ответил я.",
    ] * 6
    text = "        ".join(paras) + "\n\nThe next line.\n"
    doc = read_text(text)
    got = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [plain_text(p.children) for p in got[:4]] == paras[:4]
    assert len(got) == len(paras) + 1
    assert got[-2].line == 1
    assert got[-1].line == 3


_GUTENBERG = (
    "The Project Gutenberg eBook of The Heir of Mondolfo, by Mary Shelley\n\n"
    "This eBook is for the use of anyone anywhere in the United States at no cost.\n\n"
    "Title: The Heir of Mondolfo\n\nAuthor: Mary Shelley\n\n"
    "Release Date: October 15, 2021 [eBook #66545]\n\n"
    "*** START OF THE PROJECT GUTENBERG EBOOK THE HEIR OF MONDOLFO ***\n\n"
    + "".join(f"The castle stood on its hill for the {n} time that year.\n\n" for n in range(6))
    + "*** END OF THE PROJECT GUTENBERG EBOOK THE HEIR OF MONDOLFO ***\n\n"
    "Updated editions will replace the previous one--the old editions will be renamed.\n"
)


def test_a_gutenberg_books_header_and_licence_are_transport_and_its_title_names_it() -> None:
    doc = read_text(_GUTENBERG)
    texts = [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(texts) == 6
    assert not any("Gutenberg" in t or "Release Date" in t for t in texts)
    assert doc.meta.title == "The Heir of Mondolfo"


def test_all_rights_reserved_under_a_title_is_a_disclaimer() -> None:
    text = "Beacons of Light\nCopyright (c) 1995, L. Aiken\nAll rights reserved\n\n\n\n"
    text += "".join(f"The ebon craft burst forth, the {n} of seven.\n\n" for n in range(5))
    blocks = convert(text, "xhtml").document.blocks
    story = [
        plain_text(b.children) for b in blocks if isinstance(b, Paragraph) and b.role == "text"
    ]
    assert "All rights reserved" not in story
    assert len(story) == 5


def test_a_chapter_written_a_sentence_a_line_keeps_its_paragraphs() -> None:
    blocks = [
        "This evening there arrived from Gratz the grave, dark-faced son of the picture "
        "cleaner, with a horse and cart laden with two large packing cases.\n"
        "It was a journey of ten leagues.\n"
        "We used to crowd about any messenger in the hall, to hear the news.",
        "This arrival created in our secluded quarters quite a sensation.\n"
        "The cases remained in the hall, and the messenger was taken charge of by the servants "
        "till he had eaten his supper.",
        '"There is a picture that I have not seen," said my father.\n'
        '"In one corner, at the top of it, is the name, as well as I could read it, Marcia '
        'Karnstein, and the date, 1698; and I am curious to see how it has turned out."',
        "Carmilla sat looking listlessly on.\n"
        "One after the other the old pictures, nearly all portraits, were brought to light, "
        "and my father read out the numbers from his list.",
        "I remembered it; it was a small picture, about a foot and a half high.\n"
        "It was so blackened by age that I could not make it out.",
    ]
    doc = read_text("\n\n".join(blocks) + "\n")
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 5


def test_speeches_a_line_each_stay_paragraphs_of_their_own() -> None:
    talk = '"Is it you out there in the dark, after all these years?"\n"Yes."\n"Why?"'
    prose = "The rain went on all night and into the grey morning, and nobody slept at all."
    blocks = [talk, prose, talk, prose, talk, prose, talk, prose, talk, prose]
    doc = read_text("\n\n".join(blocks) + "\n")
    assert len([b for b in doc.blocks if isinstance(b, Paragraph)]) == 20


def test_a_game_panel_drawn_in_box_lines_keeps_its_words_and_makes_no_break() -> None:
    edge = "─" * 20
    panel = f"┌{edge}┐\n│\n│  YOU HAVE GAINED LEVEL 24\n│\n│  • 1 new Skill point\n└{edge}┘\n"
    prose = "Ted cracked his knuckles and reached for the last of the corn chips."
    text = "\n\n".join([prose, panel, prose, panel, prose]) + "\n"
    doc = read_text(text)
    texts = [plain_text(b.children) for b in doc.blocks if isinstance(b, Paragraph)]
    assert not any("─" in t or "│" in t for t in texts)
    assert "YOU HAVE GAINED LEVEL 24" in " ".join(texts)
    blocks = convert(text, "xhtml").document.blocks
    assert not any(isinstance(b, SceneBreak) for b in blocks)


def test_a_lone_from_line_and_an_mbox_header_with_a_cut_line_are_transport() -> None:
    story = "".join(f"Shampoo hated cold water, day {n} of the rain.\n\n" for n in range(5))
    doc = read_text("From: Keener Barnes <kb@example.net>\n\n" + story)
    first = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert plain_text(first.children).startswith("Shampoo")
    mbox = (
        "From - Sun Jun 14 22:13:26 1998\n\tby mail.example.com (8.8.5) with ESMTP id UA1;\n"
        "\tSun, 14 Jun 1998 20:16:43 -0700 (PDT)\nReceived: (from majordomo@localhost)\n"
        "Message-ID: <1@example.com>\nFrom: Chris <c@example.com>\n"
        "Subject: [FFML] No Need for Rain\nDate: Sun, 14 Jun 1998 22:11:41 -0400\n\n"
    )
    doc = read_text(mbox + story)
    first = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert plain_text(first.children).startswith("Shampoo")
    assert doc.meta.title == "No Need for Rain"
