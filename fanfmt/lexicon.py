"""The words fanfmt's heuristics look for, in one place (plain sets, lower case).

A rule or check that asks "is this a speech tag?" or "does this talk about the story?"
takes its words from here, so that adding ``sneered`` to :data:`SPEECH_VERBS` is one line
that every rule sees. Patterns built from these words are in :mod:`fanfmt.patterns`.

>>> "whispered" in SPEECH_VERBS and "wondered" in THOUGHT_VERBS
True
"""

from __future__ import annotations

from collections.abc import Iterable

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

CHAPTER_WORDS: tuple[str, ...] = (
    "chapter",
    "chap.",
    "chap",
    "ch.",
    "ch",
    "part",
    "book",
    "act",
    "episode",
    "capítulo",
    "capitulo",
    "chapitre",
    "kapitel",
    "capitolo",
)
"""The word before a chapter's number: ``Chapter 7``, ``Ch. 3``, ``Episode 5`` (a web
serial's), ``Capítulo 2`` (the words of the other languages are added at
the end of this module)."""

SECTION_WORDS: tuple[str, ...] = (
    "prologue",
    "epilogue",
    "interlude",
    "afterword",
    "foreword",
    "preface",
)
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


# -- other languages --------------------------------------------------------------------
#
# One table per kind of word, one row per language, so a language is added (or a word of
# one) in one place. Each table is joined to the English words above, after them: the
# English patterns stay as they were, and a chapter in any language is read with the words
# of every language (a word of one is never a word of English prose). Labels that could be
# an English word (``Nota``, ``N/A``) count only before a colon or alone on their line.

LANG_NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "ru": (
        "первая", "первый", "вторая", "второй", "третья", "третий", "четвёртая", "четвертая",
        "четвёртый", "четвертый", "пятая", "пятый", "шестая", "шестой", "седьмая", "седьмой",
        "восьмая", "восьмой", "девятая", "девятый", "десятая", "десятый", "последняя",
    ),
    "es": (
        "primero", "primer", "segundo", "tercero", "tercer", "cuarto", "quinto", "sexto",
        "séptimo", "octavo", "noveno", "décimo", "uno", "dos", "tres", "cuatro", "cinco",
        "seis", "siete", "ocho", "nueve", "diez",
    ),
    "fr": (
        "premier", "deuxième", "troisième", "quatrième", "cinquième", "un", "deux", "trois",
        "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    ),
    "de": (
        "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    ),
}  # fmt: skip
"""Numbers written out after a chapter word in other languages: ``Глава вторая``,
``Capítulo tres``, ``Chapitre deux``, ``Kapitel drei`` (longer words before the words they
begin with)."""


LANG_CHAPTER_WORDS: dict[str, tuple[str, ...]] = {
    "es": ("capítulo", "capitulo", "parte"),
    "pt": ("capítulo", "capitulo", "parte"),
    "fr": ("chapitre", "partie"),
    "de": ("kapitel", "teil"),
    "it": ("capitolo", "parte"),
    "ru": ("глава", "часть"),
    "uk": ("розділ", "глава", "частина"),
    "pl": ("rozdział", "rozdzial", "część"),
    "cs": ("kapitola",),
    "nl": ("hoofdstuk",),
    "sv": ("kapitel",),
    "da": ("kapitel",),
    "fi": ("luku",),
}
"""The word before a chapter's number: ``Capítulo 3``, ``Глава 2``, ``Rozdział 5``."""

LANG_SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "es": ("prólogo", "prologo", "epílogo", "epilogo"),
    "pt": ("prólogo", "prologo", "epílogo", "epilogo"),
    "fr": ("épilogue", "prologue"),
    "de": ("prolog", "epilog", "vorwort", "nachwort"),
    "it": ("prologo", "epilogo"),
    "ru": ("пролог", "эпилог", "предисловие", "послесловие"),
    "pl": ("prolog", "epilog"),
}
"""Headings that need no number: ``Prólogo``, ``Эпилог``."""

LANG_NOTE_LABELS: dict[str, tuple[str, ...]] = {
    "es": (
        "nota de la autora", "nota del autor", "nota de autora", "nota de autor",
        "notas de la autora", "notas del autor", "n. de la a.", "n. del a.", "n/a", "n.a.",
        "notas finales", "nota final", "notas", "nota", "advertencias", "advertencia",
        "aclaraciones", "aclaración",
    ),
    "pt": (
        "nota da autora", "nota do autor", "notas da autora", "notas do autor", "n/a",
        "notas iniciais", "notas finais", "avisos", "aviso",
    ),
    "fr": (
        "note de l'autrice", "note de l’autrice", "note de l'auteure", "note de l’auteure",
        "note de l'auteur", "note de l’auteur", "notes de l'auteur", "notes de l’auteur",
        "n.d.a.", "nda", "notes de l'auteure", "mot de l'auteure", "mot de l'auteur",
        "avertissement",
    ),
    "de": (
        "anmerkung der autorin", "anmerkung des autors", "anmerkungen", "anmerkung",
        "anm. d. a.", "anm.", "anmerkungen der autorin", "anmerkungen des autors", "vorwort",
        "warnung",
    ),
    "it": (
        "nota dell'autrice", "nota dell’autrice", "nota dell'autore", "nota dell’autore",
        "note dell'autrice", "note dell’autrice", "n.d.a.", "nda",
    ),
    "ru": (
        "примечание автора", "примечания автора", "примечание", "примечания", "от автора",
        "п/а",
    ),
    "uk": (
        "примітка автора", "примітки автора", "від автора",
    ),
    "pl": (
        "notka autorki", "notka autora", "nota autorki", "od autorki", "od autora",
    ),
    "nl": (
        "noot van de auteur", "n/a",
    ),
}  # fmt: skip
"""An author's note's label in each language: ``Nota de la autora:``, ``Anmerkung:``."""

LANG_COLON_LABELS = frozenset({
    "aclaraciones", "aclaración", "advertencia", "advertencias", "anm.",
    "anmerkungen der autorin", "anmerkungen des autors", "avertissement", "aviso", "avisos",
    "mot de l'auteur", "mot de l'auteure", "n.a.", "n.d.a.", "n/a", "nda", "nota", "nota final",
    "notas", "notas finais", "notas finales", "notas iniciais", "notes de l'auteure", "vorwort",
    "warnung", "примечание", "примечания",
})  # fmt: skip
"""The labels of :data:`LANG_NOTE_LABELS` that count only before a colon or a dash, or alone on
their line (``N/A:``, ``Advertencia 1:``, ``Anmerkung -``, ``Notas``): on their own they are
common words or letters."""

LANG_DISCLAIMERS: dict[str, tuple[str, ...]] = {
    "es": (r"(?:los\s+)?personajes\s+(?:no\s+(?:me|nos)\s+pertenecen|(?:le\s+)?pertenecen\s+a"
           r"|son\s+(?:de|propiedad\s+de))", r"nada\s+(?:me|nos)\s+pertenece",
           r"ninguno\s+de\s+los\s+personajes\s+(?:me|nos)\s+pertenece"),
    "pt": (r"(?:os\s+)?personagens\s+(?:não\s+(?:me|nos)\s+pertencem|pertencem\s+a)",),
    "fr": (r"(?:les\s+)?personnages\s+(?:ne\s+m['’]appartiennent\s+pas|appartiennent\s+à"
           r"|sont\s+(?:la\s+propriété\s+)?(?:de|à))", r"rien\s+ne\s+m['’]appartient"),
    "de": (r"(?:alle\s+|die\s+)?(?:charaktere|figuren|personen)\s+(?:gehören|sind\s+eigentum)",
           r"mir\s+gehört\s+nichts", r"haftungsausschluss\s*[:\-–—]"),
    "it": (r"(?:i\s+)?personaggi\s+(?:non\s+mi\s+appartengono|appartengono\s+a"
           r"|sono\s+(?:di|proprietà))",),
    "ru": (r"(?:все\s+)?(?:персонажи|права)\s+принадлежат", r"отказ\s+от\s+прав",
           r"дисклеймер\s*[:\-–—]"),
    "pl": (r"(?:wszystkie\s+)?postacie\s+należą\s+do", r"nic\s+do\s+mnie\s+nie\s+należy"),
}  # fmt: skip
"""A disclaimer's words in each language (regular expressions): ``Los personajes no me
pertenecen``, ``Die Charaktere gehören J. K. Rowling``."""

LANG_TIME_WORDS: dict[str, tuple[str, ...]] = {
    "es": (
        "después",
        "despues",
        "más tarde",
        "antes",
        "años",
        "días",
        "horas",
        "semanas",
        "meses",
        "mañana",
        "noche",
        "tarde",
        "flashback",
    ),
    "pt": ("depois", "mais tarde", "anos", "dias", "horas", "semanas", "meses", "manhã", "noite"),
    "fr": (
        "plus tard",
        "après",
        "avant",
        "jours",
        "heures",
        "semaines",
        "années",
        "matin",
        "soir",
        "nuit",
        "lendemain",
    ),
    "de": (
        "später",
        "danach",
        "vorher",
        "jahre",
        "tage",
        "stunden",
        "wochen",
        "monate",
        "morgen",
        "abend",
        "nacht",
    ),
    "it": (
        "dopo",
        "più tardi",
        "prima",
        "anni",
        "giorni",
        "settimane",
        "mesi",
        "mattina",
        "sera",
        "notte",
    ),
    "ru": (
        "спустя",
        "позже",
        "через",
        "назад",
        "лет",
        "дней",
        "часов",
        "недель",
        "утро",
        "вечер",
        "ночь",
    ),
    "pl": ("później", "potem", "godzin", "tygodni", "miesięcy", "rano", "wieczorem", "nocą"),
}
"""Words of a time caption: ``Tres días después…``, ``Drei Jahre später``, ``Спустя год``."""

LANG_THOUGHT_VERBS: dict[str, tuple[str, ...]] = {
    "es": ("pensó", "pensaba", "se dijo", "se preguntó"),
    "pt": ("pensou", "pensava", "se perguntou"),
    "fr": ("pensa", "songea", "se dit", "se demanda", "pensait", "songeait"),
    "de": ("dachte", "fragte sich"),
    "it": ("pensò", "pensava", "si chiese", "si disse"),
    "ru": ("подумал", "подумала", "думал", "думала", "подумалось"),
    "uk": ("подумав", "подумала"),
    "pl": ("pomyślał", "pomyślała", "myślał", "myślała"),
    "nl": ("dacht",),
    "sv": ("tänkte",),
    "da": ("tænkte",),
    "cs": ("pomyslel", "pomyslela"),
}
"""Verbs that cue a thought right after it: ``*Eso no es propio de él*, pensó``,
``*Этого не может быть*, подумал он``."""

LANG_SPEECH_VERBS: dict[str, str] = {
    "es": "dijo preguntó respondió contestó gritó susurró murmuró exclamó añadió replicó",
    "pt": "disse perguntou respondeu gritou sussurrou murmurou exclamou acrescentou",
    "fr": "dit demanda répondit cria murmura chuchota s'exclama ajouta répliqua lança",
    "de": "sagte fragte antwortete rief flüsterte murmelte meinte erwiderte schrie",
    "it": "disse chiese rispose gridò sussurrò mormorò esclamò aggiunse replicò",
    "ru": "сказал сказала спросил спросила ответил ответила крикнул крикнула прошептал"
    " прошептала воскликнул воскликнула произнёс произнесла",
    "uk": "сказав сказала спитав спитала відповів відповіла крикнув крикнула прошепотів",
    "pl": "powiedział powiedziała zapytał zapytała spytał spytała odpowiedział odpowiedziała"
    " krzyknął krzyknęła szepnął szepnęła",
    "cs": "řekl řekla zeptal zeptala odpověděl odpověděla vykřikl vykřikla zašeptal zašeptala",
    "nl": "zei vroeg antwoordde riep fluisterde mompelde",
    "sv": "sa sade frågade svarade ropade viskade",
    "fi": "sanoi kysyi vastasi huusi kuiskasi",
    "da": "sagde spurgte svarede råbte hviskede",
}  # fmt: skip
"""Verbs of a speech tag in other languages (``'Ja', sagte er``, ``'Kom je?' vroeg Anna``,
``«Да», — сказал он``): with them ``conventions`` sees which quotes a chapter speaks in."""

LANG_NOTE_WORDS: dict[str, tuple[str, ...]] = {
    "es": (
        "capítulo",
        "capitulo",
        "historia",
        "fic",
        "reviews",
        "comentarios",
        "comentario",
        "actualización",
        "actualizar",
        "gracias",
        "leer",
        "lectores",
        "lectoras",
    ),
    "pt": ("capítulo", "história", "comentários", "obrigada", "obrigado", "leitores"),
    "fr": ("chapitre", "histoire", "commentaires", "merci", "lecteurs", "lectrices"),
    "de": ("kapitel", "geschichte", "kommentare", "danke", "leser", "leserinnen"),
    "it": ("capitolo", "storia", "recensioni", "grazie", "lettori", "lettrici"),
    "ru": ("глава", "главы", "фанфик", "отзывы", "отзыв", "спасибо", "читатели", "проду"),
    "pl": ("rozdział", "opowiadanie", "komentarze", "dziękuję", "czytelnicy"),
}
"""Words an author uses talking about the story, in each language (``¡Gracias por los
comentarios!``)."""


def _joined(table: dict[str, tuple[str, ...]], known: Iterable[str] = ()) -> tuple[str, ...]:
    """The words of every language in ``table`` not in ``known``, in order, each once."""
    seen = set(known)
    out: list[str] = []
    for words in table.values():
        for w in words:
            if w not in seen:
                seen.add(w)
                out.append(w)
    return tuple(out)


CHAPTER_WORDS = CHAPTER_WORDS + _joined(LANG_CHAPTER_WORDS, CHAPTER_WORDS)
NUMBER_WORDS = [*NUMBER_WORDS, *_joined(LANG_NUMBER_WORDS, NUMBER_WORDS)]
SECTION_WORDS = SECTION_WORDS + _joined(LANG_SECTION_WORDS, SECTION_WORDS)
TIME_WORDS = TIME_WORDS | frozenset(_joined(LANG_TIME_WORDS))
NOTE_WORDS = NOTE_WORDS | frozenset(_joined(LANG_NOTE_WORDS))
