"""The plain-text reader on the layouts real archives have: each shape, in our own words.

Double spacing, a paragraph-gap rhythm of two blank lines, indented paragraphs led by a
caption, scripts, verse, mail and Usenet transport text, rule lines wrapped into a
paragraph, and words a hard wrap broke at a hyphen.
"""

from __future__ import annotations

import pytest

from fanfmt import convert
from fanfmt.lint import lint_text
from fanfmt.model import LineBreak, Paragraph
from fanfmt.reader import read_text
from fanfmt.reader.hyphens import join_lines
from fanfmt.reader.layout import Layout
from fanfmt.reader.paragraphs import plain_paragraphs
from fanfmt.reader.transport import subject_title
from fanfmt.rules._ornament import is_ornament_row
from fanfmt.rules.scene_breaks import is_separator
from fanfmt.walk import plain_text


def texts(source: str) -> list[str]:
    return [plain_text(p.children) for p in read_text(source).blocks if isinstance(p, Paragraph)]


def gaps(source: str) -> list[int]:
    return [p.gap_before for p in read_text(source).blocks if isinstance(p, Paragraph)]


def markdown(source: str) -> str:
    return convert(source, "markdown").text


def codes(source: str) -> set[str]:
    return {d.code for d in lint_text(source)}


WRAPPED = [
    "The rain had not stopped for three days and the river was high",
    "against the bridge, brown and fast and loud with all that it had",
    "carried down from the hills in the night.",
]


def double_spaced(paragraphs: list[list[str]], break_after: int = -1) -> str:
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        out.append("\n\n".join(para))
        out.append("\n\n\n\n\n* * *\n\n\n" if i == break_after else "\n\n\n")
    return "".join(out)


# --- double spacing and rhythm ------------------------------------------------------------


def test_double_spaced_lines_join_into_paragraphs_and_gaps_are_not_breaks() -> None:
    source = double_spaced([WRAPPED] * 4)
    got = texts(source)
    assert len(got) == 4
    assert got[0] == " ".join(WRAPPED)
    assert "* * *" not in markdown(source)
    assert "P003" in codes(source)


def test_double_spaced_keeps_its_real_break() -> None:
    source = double_spaced([WRAPPED] * 4, break_after=1)
    assert markdown(source).count("* * *") == 1


def test_one_line_paragraphs_with_blank_lines_are_not_double_spaced() -> None:
    source = "\n\n".join(["She ran.", "He followed.", "It rained."] * 4)
    source += "\n\n\nLater, they met.\n\n\nThe end came."
    layout = Layout()
    list(plain_paragraphs(source, layout))
    assert not layout.double_spaced
    assert "P003" not in codes(source)


def test_two_blank_lines_between_every_paragraph_are_the_rhythm_not_breaks() -> None:
    paras = [f"Paragraph {n} of the story, with a sentence in it." for n in range(12)]
    source = "\n\n\n".join(paras) + "\n"
    assert gaps(source) == [0] * 12
    assert "* * *" not in markdown(source)


def test_a_few_wider_gaps_are_still_breaks() -> None:
    paras = [f"Paragraph {n} of the story, with a sentence in it." for n in range(12)]
    source = "\n\n".join(paras[:6]) + "\n\n\n\n" + "\n\n".join(paras[6:])
    assert markdown(source).count("* * *") == 1


# --- indented paragraphs -------------------------------------------------------------------

INDENTED = """Chapter One

8:15 AM
     The office was empty when he let himself in, which suited
him well enough. He hung up his coat and stood at the window
with his coffee.
     Someone had left a file on the desk, and he knew before he
opened it whose name would be on the tab. He sat down slowly.
     "You're early," she said from the doorway, and he nodded.
"""


def test_an_indent_starts_a_paragraph_after_a_caption_line() -> None:
    got = texts(INDENTED)
    assert got[1] == "8:15 AM"
    assert got[2].startswith("The office was empty")
    assert got[2].endswith("coffee.")
    assert got[3].startswith("Someone had left")
    assert len(got) == 5


def test_a_hanging_indent_continues_its_paragraph() -> None:
    source = (
        "Terms of the archive, in full, as they were given to us:\n\n"
        "- You may copy this story for your own reading and share it with\n"
        "  friends, so long as this notice stays attached to every copy.\n"
        "- You may not sell it, or any part of it, to anyone at all, for\n"
        "  any price, in any form, now or at any time in the future.\n\n"
        "The story follows.\n"
    )
    got = texts(source)
    assert not any(text.startswith(("friends", "any price")) for text in got)


MIXED = """The lighthouse keeper had not spoken to anyone for a month, and he
had begun to like it that way. The gulls did not count.

On the first of the month the supply boat came, as it always did, with
flour and lamp oil and a crate of tinned peaches he had never ordered.
  He signed for the peaches anyway. It seemed easier than asking.

The boatman lingered on the jetty longer than usual, looking at the sky
and then at the keeper, as if one of them owed him an explanation.
  "Weather coming," he said at last, and the keeper nodded. He had
known that for two days.

That night the lamp went out at a quarter past eleven, and it would not
be lit again, whatever he tried, until the storm had passed by.
  Nobody ever asked him what he saw out there in the dark.
"""


def test_blank_lines_and_indents_both_start_paragraphs() -> None:
    # most blocks hold one indented line or none: the file as a whole says what an indent is
    got = texts(MIXED)
    assert len(got) == 7
    assert got[2] == "He signed for the peaches anyway. It seemed easier than asking."
    assert got[4].startswith("\u201cWeather coming") or got[4].startswith('"Weather coming')
    assert got[4].endswith("for two days.")


MARGINED = "   The Pulse\n\n" + "".join(
    "   " + line + "\n"
    for line in [
        "The survey ship had been out for eleven months when the scanner found the",
        "signal, a faint and regular pulse from the second moon of a dead world.",
        "Nobody believed it.",
        "The captain ordered a second sweep anyway, and then a third, and each time",
        "the pulse was there, steady as a heartbeat under the dust and the rock, as",
        "if something down there had been waiting for them to come and listen to it.",
        "They went down at dawn.",
        "The hatch opened onto a plain of grey stone that ran flat to the horizon in",
        "every direction, and the only thing standing on it was a small white tent,",
        "its flap tied back, a lamp burning inside as though someone had just left.",
        "Inside there was a chair, and a cup of tea that was still warm.",
        "Nobody touched it.",
    ]
)


def test_a_margin_on_every_line_is_no_indent_and_short_ends_close_paragraphs() -> None:
    got = texts(MARGINED)[1:]
    assert got[0].startswith("The survey ship")
    assert got[0].endswith("Nobody believed it.")
    assert got[1].endswith("They went down at dawn.")
    assert got[2].startswith("The hatch opened")
    assert got[2].endswith("Nobody touched it.")
    assert len(got) == 3


def test_a_line_underlined_with_a_row_is_a_section_title_not_a_break() -> None:
    source = (
        "The Crossing\n------------\n"
        "The ferry left at six, and nobody on it spoke until the far shore.\n\n"
        "It was a long way over, longer than any of them remembered from the summer.\n\n"
        "The Landing\n-----------\nThey came ashore in the rain, as they had known they would.\n"
    )
    doc = read_text(source)
    assert [plain_text(p.children) for p in doc.blocks if isinstance(p, Paragraph)][
        3
    ] == "The Landing"
    assert not any(t.startswith("---") for t in texts(source))


POEM = """Notes for the Road

Thermos of tea
a map with the corners gone
spare socks
the good torch, not the other one
"are you coming, or not?"

Keys on the hook
a note for the cat
nothing left on the hob
door pulled to, and locked
"""


def test_a_file_of_stanzas_is_verse_not_one_paragraph_a_line() -> None:
    doc = read_text(POEM)
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.role for p in paras] == ["text", "verse", "verse"]
    assert sum(isinstance(c, LineBreak) for c in paras[1].children) == 4


def test_a_boxed_or_contact_signature_at_the_end_leaves_the_story() -> None:
    story = "The door closed behind her, and the hallway was quiet again at last.\n\n"
    boxed = (
        story + "#################\n# Written by Ana Morrow  # Share freely #\n#################\n"
    )
    contact = story + "Ana Morrow\n12 Orchard Lane\n4410 Millbrook\nana@example.org\n"
    for source in (boxed, contact):
        assert texts(source) == [
            "The door closed behind her, and the hallway was quiet again at last."
        ]
    kept = story + "Write to me at ana@example.org and tell me what you thought of it.\n"
    assert len(texts(kept)) == 2


DIARY = """    Monday 3rd May
Nothing happened today. I watered the tomatoes and read the paper twice, which
took most of the morning.
  In the afternoon I slept.

    Tuesday 4th May
The tomatoes have been eaten in the night by something with very large teeth.
I have told the police, who were polite about it and did not write anything
down, which I thought was unprofessional of them.
  My neighbour says it was a badger. My neighbour says that about everything.

    Wednesday 5th May
More teeth, and a trail of soil that goes all the way round the shed and into it.
  I have locked the shed.
"""


def test_indented_datelines_over_flush_entries_stand_alone() -> None:
    got = texts(DIARY)
    assert got[0] == "Monday 3rd May"
    assert got[2] == "In the afternoon I slept."
    assert got[3] == "Tuesday 4th May"
    assert got[4].endswith("unprofessional of them.")
    assert got[5].startswith("My neighbour says")
    assert got[6] == "Wednesday 5th May"
    assert got[-1] == "I have locked the shed."


# --- scripts -------------------------------------------------------------------------------

SCRIPT = """Okafor:  Report.
Lind:    Nothing on the scan, Captain. Same as the last six
         hours.
Okafor:  And the short range?
Lind:    Rock. Some of it moving.
(Okafor crosses to the window.)
Okafor:  Wake the engineer.
Lind:    She'll complain.

Voss:    You know what time it is?
Okafor:  I know exactly.
"""


def test_a_script_is_one_paragraph_a_speech() -> None:
    got = texts(SCRIPT)
    assert got[1] == "Lind: Nothing on the scan, Captain. Same as the last six hours."
    assert got[4] == "(Okafor crosses to the window.)"
    assert len(got) == 9
    assert "* * *" not in markdown(SCRIPT)
    assert "P006" in codes(SCRIPT)


def test_a_script_may_name_its_speakers_by_initials_and_a_dash() -> None:
    source = (
        "KB - Keeper of the Bridge\nTR - Traveller\n\n"
        "KB - Halt. Nobody crosses after dark, not even on a night like\n"
        "     this one.\n"
        "TR - I have come a long way.\n"
        "KB - They all say that.\n"
        "TR - Then let me be the first to mean it.\n"
        "(The keeper lowers his lamp.)\n"
        "KB - Go on, then.\n"
    )
    got = texts(source)
    assert got[2] == "KB - Halt. Nobody crosses after dark, not even on a night like this one."
    assert len(got) == 8


def test_header_fields_are_not_a_script() -> None:
    source = "Title: Home\nRating: PG\nSummary: A walk.\nWarnings: none\nAuthor: Me\nSeries: One\n"
    assert "P006" not in codes(source)


# --- verse ---------------------------------------------------------------------------------

SONG = """They sat by the fire, and after a while somebody began to sing.

Carry me down to the water
Carry me down in the dark
Light me a lamp for the crossing

The fire burned low and nobody spoke for a long time after that.
"""


def test_a_stanza_keeps_its_line_breaks() -> None:
    blocks = [b for b in read_text(SONG).blocks if isinstance(b, Paragraph)]
    stanza = blocks[1]
    assert stanza.role == "verse"
    assert sum(isinstance(c, LineBreak) for c in stanza.children) == 2
    assert '<p class="verse">Carry me down to the water<br/>' in convert(SONG, "xhtml").text
    assert "P004" in codes(SONG)


@pytest.mark.parametrize(
    "block",
    [
        '"Hi."\n"Hello."\n"How are you?"',  # dialogue, a line each
        "Ann: hi\nBo: hey\nAnn: you up?",  # a text-message exchange
        "For more details:\nThe Archive\nPO Box 12",  # an address after a colon
    ],
)
def test_short_lines_that_are_not_verse(block: str) -> None:
    source = f"The story starts here, a long line of prose.\n\n{block}\n\nIt ends.\n"
    assert all(p.role != "verse" for p in read_text(source).blocks if isinstance(p, Paragraph))


# --- transport -----------------------------------------------------------------------------

POSTING = """From: ann@example.org (Ann)
Newsgroups: rec.arts.example.creative
Subject: Re: NEW: Salt and Iron (1/2) [XF]
Date: 14 Oct 1997 02:31:55 GMT
Message-ID: <1@example.org>
Summary: A lighthouse and a storm.

The keeper had been missing for nine days.

End of Part 1/2

{SIG}
Ann | ann@example.org

From: ann@example.org (Ann)
Newsgroups: rec.arts.example.creative
Subject: Salt and Iron (2/2) [XF]
Lines: 4

The storm came in at dusk.
""".replace("{SIG}", "-- ")  # a signature separator keeps its space


def test_headers_and_signatures_leave_the_story() -> None:
    got = texts(POSTING)
    assert got == [
        "Summary: A lighthouse and a storm.",
        "The keeper had been missing for nine days.",
        "End of Part 1/2",
        "The storm came in at dusk.",
    ]
    found = [d for d in lint_text(POSTING) if d.code == "P005"]
    assert found
    assert "headers removed: 9 lines" in found[0].message
    assert "signatures removed: 2 lines" in found[0].message


def test_subject_names_the_story() -> None:
    assert read_text(POSTING).meta.title == "Salt and Iron"
    assert "<title>Salt and Iron</title>" in convert(POSTING, "xhtml").text


def test_part_markers_are_furniture() -> None:
    assert '<p class="furniture">End of Part 1/2</p>' in convert(POSTING, "xhtml").text


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Re: NEW: Long Way Home (2/7) [XF]", "Long Way Home"),
        ("[SG-1] Blue Hour, part 2", "Blue Hour"),
        ("Fic: Snow Day 1/3 (PG-13)", "Snow Day"),
        ("Catch-22 (3/4)", "Catch-22"),
        ("Title - Part 3 of 7", "Title"),
    ],
)
def test_subject_title(subject: str, title: str) -> None:
    assert subject_title(subject) == title


def test_a_story_line_with_a_colon_is_not_a_header() -> None:
    source = "From: the desk of the headmaster\nDate: unknown\n\nDear Harry,\n"
    assert texts(source)[0] == "From: the desk of the headmaster"


def test_a_long_run_after_dashes_is_the_story_not_a_signature() -> None:
    lines = "\n".join(f"Line {n} of the story goes on." for n in range(20))
    source = f"It began.\n-- \n{lines}\n"
    assert len(texts(source)) == 22


# --- ornament rows -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    ["oooooooooooooooooooooooo", ".:O:.:O:.:O:.", "________", "-=-=-=-=-", "+ + + + +",
     "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~", "OoOoO",
     "8888", "0000000"],
)  # fmt: skip
def test_ornament_rows_are_breaks(row: str) -> None:
    assert is_ornament_row(row)
    assert is_separator(row) == row


@pytest.mark.parametrize(
    "text", ["hahahaha", "xoxoxo", "ooo", "...", "!!!", "nonono", "zzzzz", "1984", "888"]
)
def test_words_and_marks_are_not_rows(text: str) -> None:
    assert not is_ornament_row(text)


def test_a_row_is_told_by_its_characters_without_spaces_whatever_the_line_length() -> None:
    assert is_ornament_row("+ " * 100 + " " * 5_000)  # 100 marks, many spaces: a row
    assert not is_ornament_row("+ " * 201)  # more marks than a row has
    assert not is_ornament_row("a -- b - " * 50_000)  # a long line of prose


def test_a_rule_line_wrapped_into_a_paragraph_is_split_off() -> None:
    source = (
        "\n".join(WRAPPED)
        + "\n______________________________\n"
        + "\n".join(WRAPPED)
        + "\n\n"
        + "\n".join(WRAPPED)
        + "\n"
    )
    got = texts(source)
    assert got[1] == "______________________________"
    assert markdown(source).count("* * *") == 1


# --- hyphens -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["the stu-", "dents left"], "the students left"),
        (["sorted chronologi-", "cally"], "sorted chronologically"),
        (["quite un-", "daunted by it"], "quite undaunted by it"),
        (["a sabre-", "tooth cat"], "a sabre-tooth cat"),
        (["a half-", "nelson"], "a half-nelson"),
        (["a smart-", "assed answer"], "a smart-assed answer"),
        (["the station-", "wagon"], "the station-wagon"),
        (["the old X-", "Files tapes"], "the old X-Files tapes"),
        (["a non-", "Muggle"], "a non-Muggle"),
        (['"I was going to-', 'What was that?"'], '"I was going to- What was that?"'),
        (["You-", "you can't"], "You- you can't"),
        (["from 1990-", "1995"], "from 1990- 1995"),
        (["no hyphen", "here"], "no hyphen here"),
    ],
)
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_hyphen_words_come_out_whole() -> None:
    source = "\n".join(
        [
            "They walked up the track and he told her about the stu-",
            "dents at the new school and the fight, a proper half-",
            "nelson, that he broke up in the corridor, and the old X-",
            "Files tapes that he still watched late at night, alone.",
        ]
    )
    got = markdown(source + "\n\n" + "\n".join(WRAPPED) + "\n")
    assert "students" in got
    assert "half-nelson" in got
    assert "X-Files" in got
    assert "—" not in got


def test_hyphen_before_italics_stays_a_hyphen() -> None:
    assert "non-_X-Files_" in markdown("He was a non-_X-Files_ fan.\n")


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        ("<p>She sang.</p><p>Carry me down<br/>Carry me home<br/>Light me a lamp</p>", "html"),
        ("She sang.\n\nCarry me down\\\nCarry me home\\\nLight me a lamp\n", "markdown"),
    ],
)
def test_verse_with_line_breaks_in_html_and_markdown(source: str, fmt: str) -> None:
    assert '<p class="verse">Carry me down<br/>' in convert(source, "xhtml", from_format=fmt).text


def test_messages_with_line_breaks_are_not_verse() -> None:
    source = "<p>She read them.</p><p>Where are you?<br/>Answer me.<br/>This is not funny.</p>"
    assert 'class="verse"' not in convert(source, "xhtml", from_format="html").text


def test_an_email_in_the_story_stays() -> None:
    source = (
        "She opened the message at last.\n\n"
        "From: fox@example.gov\nTo: dana@example.gov\nSubject: the case\nDate: Monday\n\n"
        "Scully, call me when you read this.\n"
    )
    assert texts(source)[1] == "From: fox@example.gov"


def test_double_spaced_with_indented_paragraphs_and_no_wider_gaps() -> None:
    paragraph = ["    " + WRAPPED[0], *WRAPPED[1:]]
    source = "\n\n".join(paragraph * 4) + "\n"
    got = texts(source)
    assert len(got) == 4
    assert got[0] == " ".join(WRAPPED)
    assert "P003" in codes(source)


def test_one_line_paragraphs_some_indented_with_blank_lines_stay_apart() -> None:
    lines = [("    " if n % 4 == 0 else "") + f"Paragraph {n} is one line." for n in range(16)]
    assert len(texts("\n\n".join(lines))) == 16


UNEVEN_SCRIPT = """ACT 1    "THE BAKERY"
-----

(Morning. Flour everywhere.)

MB - Marta Baker
AP - Apprentice


MB - Where is the rye? I asked for the rye at six!
AP - The cart has not come yet.
MB - Then go and fetch it, and run.


(The apprentice runs out. Marta kneads alone.)

MB - Nobody in this town gets up early any more.
AP - ....
MB - Not you, either.



ACT 2    "THE MARKET"
-----

(Noon. The square is full.)

AP - I found the cart, but the horse has gone.
MB - Of course it has.
"""


def test_a_script_spaces_its_speeches_unevenly_and_its_titles_divide_it() -> None:
    out = convert(UNEVEN_SCRIPT, "xhtml").text
    assert "scene-break" not in out
    got = texts(UNEVEN_SCRIPT)
    assert got[9] == "AP - ...."  # a speaker saying nothing is a speech, not a mark
    assert got[11] == 'ACT 2 "THE MARKET"'
    assert len(got) == 15


def test_a_speakers_silence_is_not_the_authors_mark() -> None:
    from fanfmt.rules.scene_breaks import repeated_marks

    doc = read_text("G - ....\n\nBG - Talk to me.\n\nG - ....\n\nBG - Please.\n")
    assert repeated_marks(doc.blocks) == frozenset()


SPACED_POST = """From: Corin Vale <corin@example.edu>

Newsgroups: alt.fan.harbour.creative

Subject: Tidewater (1/3)

Date: 4 May 1997 10:00:00 GMT



The boat came in late, and nobody on the quay said a word about it.

The harbour master counted the ropes twice before he went home.
"""


def test_a_post_header_kept_double_spaced_is_still_transport() -> None:
    got = texts(SPACED_POST)
    assert got[0].startswith("The boat came in late")
    assert len(got) == 2
    assert convert(SPACED_POST, "xhtml").document.meta.title == "Tidewater"


SAVED_POST = """Article 2211 of rec.humor.harbour:
Path: pier!corin
From: corin@pier.example.edu (Corin Vale)
Newsgroups: rec.humor.harbour
Subject: The FASTEST ferry in the WORLD
Message-ID: <2211@pier.example.edu>
Date: 3 Mar 91 10:00:00 GMT
Lines: 20


	You people have NO IDEA what a fast ferry is.  The TIDEWATER crosses
the bay before it has even LEFT, which saves a great deal of time for the
passengers, the crew, and the seagulls who would otherwise have to wait on
the pier for their lunch like everybody else in this miserable harbour.

	Tickets are sold yesterday, so you had better hurry.  The captain is a
retired racing driver who refuses to slow down for anything, including the
lighthouse, the harbour master, and the laws of physics as we know them.

	The TIDEWATER does not have brakes.  Brakes are for WIMPS and for people
who read the timetable.  If you miss the boat, the boat will come back for
you, at roughly twice the speed of sound, and apologise on the way past.

							Corin

 /////////////////////\\\\\\\\\\\\\\\\\\\\\\\\
| Corin Vale, Pier University  corin@pier.example.edu |
 \\\\\\\\\\\\\\\\\\\\\\\\//////////////////////


Copyright 1991 by Corin Vale.  All rights reserved.
This article may be freely distributed, but it may not be included in any
publication without the written permission of the author.
"""


def test_a_saved_post_loses_its_newsreader_line_headers_and_boxed_signature() -> None:
    got = texts(SAVED_POST)
    assert got[0].startswith("You people have NO IDEA")
    assert not any("Path:" in t or "Article 2211" in t or "////" in t for t in got)
    assert not any("Pier University" in t for t in got)
    out = convert(SAVED_POST, "xhtml")
    assert out.document.meta.title == "The FASTEST ferry in the WORLD"
    assert '<p class="disclaimer">Copyright 1991 by Corin Vale.' in out.text
    assert "<p>Corin</p>" in out.text  # the author's own sign-off stays


def test_a_notice_closing_the_story_goes_with_notes_omit() -> None:
    from fanfmt.options import Options

    out = convert(SAVED_POST, "xhtml", Options(notes="omit")).text
    assert "Copyright 1991" not in out
    assert "Tickets are sold yesterday" in out


INDENTED_WITH_ONE_PAUSE = """The lamp had been lit since noon, though nobody could say who lit it
or why, and the keeper had long since stopped asking the gulls about it.
  He climbed the stairs again at four, counting them under his breath as he
always did, and found the glass clean and the wick trimmed by someone else.
  At six the fog came in from the west and swallowed the rocks one by one,
and the horn began its slow complaint across the water towards the town.
  By eight he had stopped pretending he was alone in the tower at all.
He set a second cup on the table and poured the tea, and waited for her.

  The morning was bright and ordinary. The supply boat came at nine with
flour, paraffin and a newspaper a week old, and the boatman said nothing
about the second cup drying on the rack beside the sink in the kitchen.
  He did not mention it either. Some things keep better unsaid, he thought,
and went up the stairs to put the lamp out for the day, counting as he went.
  The wick had been trimmed again. He smiled, and let it be.
"""


def test_paragraphs_started_by_indents_make_a_lone_blank_line_a_break() -> None:
    got = texts(INDENTED_WITH_ONE_PAUSE)
    assert len(got) == 7
    assert gaps(INDENTED_WITH_ONE_PAUSE)[4] == 1  # "The morning was bright": after the pause
    assert convert(INDENTED_WITH_ONE_PAUSE, "xhtml").text.count("scene-break") == 1


def test_a_saved_post_with_quoted_lines_is_sniffed_as_text() -> None:
    from fanfmt.reader import sniff

    post = (
        "From: corin@pier.example.edu (Corin Vale)\nNewsgroups: rec.humor.harbour\n"
        "Subject: Re: ferries\nDate: 3 Mar 91 10:00:00 GMT\n\n"
        "In article <1@pier> someone wrote:\n> # of ferries: too many\n> [see the FAQ](faq)\n\n"
        "\tThere is no such thing as too many ferries.\n"
    )
    assert sniff(post) == "text"
    assert sniff(post.split("\n\n", 1)[1]) == "markdown"  # without its headers: Markdown signs


LOG = """Tuesday 4th June 1996
(C) Wren Hollis



                    The Lighthouse Ledger

              being the keeper's own account
              of the winter of the long fog
              ==============================


    Entry #01. Dawn
    Wind at dawn: north-east, strong
    State of the lamp: lit, trimmed twice

The fog came in before the tide, which it has never done in all my years on this
rock, and the gulls went quiet all at once as if somebody had told them to hush.
I lit the lamp early and sat with it, and the horn kept time for both of us.

    Entry #02. Noon
    Wind at noon: none
    State of the lamp: cold

No boat today. I ate the last of the good bread and began on the hard tack, which
tastes of the tin it came in and nothing else whatever, and then I slept an hour
in the chair by the stove, and dreamt of nothing, which was a mercy of a kind.

    Entry #03. Dusk
    Wind at dusk: south, rising
    State of the lamp: lit, smoking

The wick smoked all evening and I trimmed it three times before it would behave.
There is a knock in the stove pipe that I do not like, and the cat will not sit
near it, which tells me more than any book about stoves could ever tell me.
"""


def test_records_set_in_from_flush_prose_keep_their_lines() -> None:
    doc = read_text(LOG)
    paragraphs = [p for p in doc.blocks if isinstance(p, Paragraph)]
    entries = [p for p in paragraphs if plain_text(p.children).startswith("Entry #")]
    assert len(entries) == 3
    assert sum(isinstance(c, LineBreak) for c in entries[0].children) == 2
    assert not any(plain_text(p.children).startswith("====") for p in paragraphs)


def test_a_dated_title_over_a_centred_subtitle_is_the_title() -> None:
    out = convert(LOG, "xhtml")
    assert out.document.meta.title == "" or "Lighthouse Ledger" in out.text
    assert '<p class="story-title">The Lighthouse Ledger</p>' in out.text


QUOTING_POST = """From: corin@pier.example.edu (Corin Vale)
Newsgroups: rec.humor.harbour
Subject: Re: ferries
Date: 3 Mar 91 10:00:00 GMT

Somebody wrote, in a fit of madness:
>Ferries are slow, and nobody in their right mind takes one when
>there is a perfectly good bridge twelve miles up the coast road.

	You people have NO IDEA what a fast ferry is.  The TIDEWATER crosses
the bay before it has even LEFT, which saves a great deal of time for the
passengers, the crew, and the seagulls who would otherwise have to wait on
the pier for their lunch like everybody else in this miserable harbour.

	Tickets are sold yesterday, so you had better hurry.  The captain is a
retired racing driver who refuses to slow down for anything, including the
lighthouse, the harbour master, and the laws of physics as we know them.
"""


def test_a_posts_quoted_lines_stay_lines() -> None:
    doc = read_text(QUOTING_POST)
    first = next(p for p in doc.blocks if isinstance(p, Paragraph))
    assert plain_text(first.children).split("\n") == [
        "Somebody wrote, in a fit of madness:",
        ">Ferries are slow, and nobody in their right mind takes one when",
        ">there is a perfectly good bridge twelve miles up the coast road.",
    ]
