"""The words fanfmt's heuristics look for, in one place (plain sets, lower case).

A rule or check that asks "is this a speech tag?" or "does this talk about the story?"
takes its words from here, so that adding ``sneered`` to :data:`SPEECH_VERBS` is one line
that every rule sees. Patterns built from these words are in :mod:`fanfmt.patterns`.

>>> "whispered" in SPEECH_VERBS and "wondered" in THOUGHT_VERBS
True
"""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """said says say saying asked asks replied answered shouted shouting yelled yelling
    cried called whispered whispering muttered muttering murmured mumbled screamed snapped
    added continued told returned observed exclaimed rejoined remarked demanded insisted
    laughed sighed growled began agreed admitted hissed breathed repeated offered suggested
    warned interrupted pleaded begged grumbled teased joked""".split()
)
"""Verbs of a speech tag: ``"Run," he said`` / ``'Why?' asked Ron``. The ``conventions``,
``quotes`` and ``thoughts`` rules and the C003 check all take these."""

SAYING_VERBS = frozenset(
    """said says asked replied answered shouted yelled cried called whispered muttered
    murmured snapped added continued told returned observed exclaimed rejoined remarked""".split()
)
"""The speech verbs that make a tag even after a full stop, as fanfic often writes one
(``'Hello.' He said.``). After a full stop the others are an action of their own:
``'Not again.' He sighed.`` is a thought and a sigh, not a tag."""

THOUGHT_VERBS = frozenset("thought wondered mused realized realised".split())
"""Verbs that cue a thought: ``'Not again,' he thought`` / ``Harry wondered``."""

MENTION_WORDS = SPEECH_VERBS | frozenset(
    """read reads like called named titled entitled word words wrote writes written marked
    labelled labeled signed spelled spelt meant means term phrase motto headline sign""".split()
)
"""The word before a quotation that says it is quoted, not thought: ``the headline read
'BOY WHO LIVED'``, ``a sign saying 'Keep Out'``, ``he yelled 'Stop!'`` (every speech verb,
and the words of reading, writing and naming)."""

PRONOUNS = frozenset("he she they i we you it".split())
"""Subject pronouns, as in a speech tag: ``'Go,' she said``."""

NOTE_WORDS = frozenset(
    """story stories chapter chapters fic fics fanfic fanfiction update updates updated
    updating review reviews reviewed reviewing reviewer reviewers readers reader write
    writing wrote written writer author beta betaed betas enjoy enjoyed thanks thank
    follow follows followers favorite favourite favorites favourites favs faves
    oneshot sequel prequel plot canon ooc au pm hiatus posted post posting upload
    uploaded cliffhanger fandom pairing pairings comment comments kudos feedback
    disclaimer reading read criticism critique concrit flames""".split()
)
"""Words an author uses talking about the story: ``Thanks for the reviews, next update
soon!`` has four."""

READER_WORDS = frozenset(
    """reviewer reviewers review reviews guest anon kudos beta betaed reader readers
    follower followers""".split()
)
"""Words that only come up when the author talks about the story's readers."""

TIME_WORDS = frozenset(
    """later earlier ago meanwhile morning afternoon evening night midnight noon yesterday
    today tomorrow year years month months week weeks day days hour hours minute minutes
    flashback present past pov elsewhere somewhere january february march april may june
    july august september october november december monday tuesday wednesday thursday
    friday saturday sunday spring summer autumn winter""".split()
)
"""Words of a scene caption that sets a time: ``Three years later``, ``Monday morning``."""

VOICE_WORDS = frozenset(
    """speech speak speaking spoken talk talking said thought thoughts thinking think mind
    mental telepathy telepathic demon demonic beast bijuu monster inner voice voices
    yelling shouting whisper whispering""".split()
)
"""Words of a legend entry that name a way of speaking: ``"Tailed Beast/Demonic speak"``."""

CONVENTION_WORDS = VOICE_WORDS | frozenset(
    """normal jutsu technique techniques spell spells flashback flashbacks dream dreams
    memory memories letter letters writing written text texting texts message messages
    sign signing signed language foreign translation translated parseltongue radio phone
    comm comms communication summon summons animal creature emphasis sound sounds effects
    noise""".split()
)
"""Words of a legend entry (``*Flashback*``, ``"Speech"``, ``**Jutsu**``): the voices and
everything else a story marks in its own way."""

ELISIONS = frozenset(
    """em cause cos coz cuz til till bout kay tis twas twere twould twill twon tisn twasn
    tweren twouldn round nuff n im er ere e ow ello allo ave alf ead ome ouse fraid scuse sup
    course gainst neath nother member cept specially ya yer spose preciate magine bye night
    mornin evenin twixt lo ey ee andsome""".split()
)
"""Words that start with an apostrophe for a dropped letter: ``'em``, ``'cause``, ``'tis``."""

CHAPTER_WORDS = (
    "chapter",
    "chap.",
    "chap",
    "ch.",
    "ch",
    "part",
    "book",
    "act",
    "capítulo",
    "capitulo",
    "chapitre",
    "kapitel",
    "capitolo",
)
"""The word before a chapter's number: ``Chapter 7``, ``Ch. 3``, ``Capítulo 2``."""

SECTION_WORDS = ("prologue", "epilogue", "interlude", "afterword", "foreword", "preface")
"""Headings that need no number: ``Prologue``, ``Epilogue``."""

NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "first second third fourth fifth sixth seventh eighth ninth tenth last final"
).split()
"""Numbers written out, as in ``Chapter Seven`` or ``Part Twenty-One``.

In this order, which the chapter pattern tries them in: ``seven`` comes before
``seventeen``, so ``Chapter Seventeen`` is read as ``Chapter Seven`` and a title ``teen``
(which ``headings`` then refuses: not a chapter line). A known defect, kept as it is
until a change that may change output."""

METADATA_FIELDS = (
    "rating rated summary pairing pairings genre genres warning warnings words fandom fandoms "
    "characters status published updated category categories spoilers series language "
    "chapters complete timeline setting tags archive archiving feedback website contact "
    "keywords prompt length date"
).split()
"""Labels of a story's header: ``Rating: T``, ``Pairing: Harry/Ginny``."""

NOTE_LABELS_ABROAD = (
    # Spanish
    "notas de la autora", "notas del autor", "nota de la autora", "nota del autor",
    "nota de autora", "nota de autor", "notas finales", "nota final", "notas", "nota",
    "n/a", "n.a.", "advertencias", "advertencia", "aclaraciones", "aclaración",
    # Portuguese
    "notas da autora", "notas do autor", "nota da autora", "nota do autor",
    "notas iniciais", "notas finais", "avisos", "aviso",
    # French
    "notes de l'auteure", "notes de l'auteur", "note de l'auteure", "note de l'auteur",
    "mot de l'auteure", "mot de l'auteur", "n.d.a.", "nda", "avertissement",
    # German
    "anmerkungen der autorin", "anmerkungen des autors", "anmerkung der autorin",
    "anmerkung des autors", "anmerkungen", "anmerkung", "vorwort", "warnung",
)  # fmt: skip
"""An author's note's labels in Spanish, Portuguese, French and German, longest first where
one begins another: a note when followed by ``:`` or a dash (``Nota de la autora:``,
``N/A:``, ``Advertencia 1:``, ``Anmerkung -``) or alone on the line (``Notas``)."""

PART_MARKERS_ABROAD = (
    "continuará", "continuara", "continuará en el próximo capítulo", "continua", "continuação",
    "à suivre", "a suivre", "fortsetzung folgt", "ende", "fim",
)  # fmt: skip
"""``To be continued`` and ``The End`` in Spanish, Portuguese, French and German: story
furniture like their English forms (``fin`` is already one)."""

OTHER_LABELS = ("summary", "chapter text")
"""Labels alone on a line that are not a note's: AO3's ``Summary`` and ``Chapter Text``.
(The labels of a note, ``A/N``, ``Author's Note`` and their spellings, are patterns:
:mod:`fanfmt.patterns`.)"""
