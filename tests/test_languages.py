"""Chapters in other languages: which language, how it was found, and the marks it is printed in.

The golden chapters ``samples/lang-*.txt`` (``tests/test_golden.py``) and the fixtures
``tests/fixtures/rules/lang_marks.*.txt`` (``tests/test_rules.py``) show the output; this
file checks the language itself: English stays English (every sample, the Gutenberg novel),
the others are found, from the flag, the page or the text, and ``-v`` says how.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt import convert
from fanfmt.cli import cli
from fanfmt.files import read_input
from fanfmt.langfind import detect, from_page, settle
from fanfmt.languages import TABLE, Marks, typography
from fanfmt.options import Options
from fanfmt.pipeline import prepare
from fanfmt.rules.quotes.typed import style

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
ENGLISH = [p for p in SAMPLES if not p.name.startswith("lang-")]
OTHERS = [p for p in SAMPLES if p.name.startswith("lang-")]
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
"""``shared/`` beside the repository (or beside the folder of its worktrees)."""
NOVEL = SHARED / "corpus" / "prose" / "pride_and_prejudice_pg1342_straight_crlf.txt"
FOUNDING = SHARED / "corpus" / "return-of-darkness-ch7.txt"


def found(path: Path) -> tuple[str, str]:
    meta = prepare(read_input(str(path)).text, Options(), source=path.name).doc.meta
    return meta.lang, meta.lang_found


@pytest.mark.parametrize("sample", ENGLISH, ids=[p.stem for p in ENGLISH])
def test_every_english_sample_is_english(sample: Path) -> None:
    lang, how = found(sample)
    assert lang == "en"
    assert how.startswith("detected: common English words"), how


@pytest.mark.parametrize("path", [NOVEL, FOUNDING], ids=["gutenberg-novel", "founding-chapter"])
def test_the_novel_and_the_founding_chapter_are_english(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is not beside the repository")
    assert found(path) == ("en", "detected: common English words")


@pytest.mark.parametrize("sample", OTHERS, ids=[p.stem for p in OTHERS])
def test_each_other_sample_is_found_in_its_language(sample: Path) -> None:
    assert found(sample) == (sample.name.split("-")[1], "detected")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("—No lo sé —dijo ella—. ¿Y tú? Tenemos que salir de aquí antes de la tormenta.", "es"),
        ("« Je ne sais pas », dit-elle en haussant les épaules. Il pleuvait.", "fr"),
        ("„Ich weiß es nicht“, sagte sie leise und sah aus dem Fenster in den Regen hinaus.", "de"),
        ("— Я не знаю, — сказала она и отвернулась к окну, за которым шёл дождь.", "ru"),
        ("«Non lo so» disse lei, guardando dell'acqua che scorreva sotto il ponte.", "it"),
        ("— Nie wiem — powiedziała cicho i odwróciła się do okna, za którym padał deszcz.", "pl"),
        ("— Não sei — disse ela, olhando para o chão da cozinha enquanto chovia.", "pt"),
        ('"I don\'t know," she said, looking away from the window where the rain fell.', "en"),
    ],
)
def test_one_paragraph_is_enough_to_tell(text: str, lang: str) -> None:
    assert detect([text])[0] == lang


def test_a_text_too_short_to_tell_is_english() -> None:
    assert detect(["¿Qué?"]) == ("en", "default: too short to tell")


def test_the_flag_wins_then_the_page_then_the_text() -> None:
    spanish = ["—No lo sé —dijo ella—. ¿Y tú? Tenemos que salir de aquí antes de la tormenta."]
    assert settle("fr", "es", spanish) == ("fr", "set")
    assert settle("auto", "de", spanish) == ("de", "page")
    assert settle("auto", "en-US", spanish) == ("en", "page")  # English stays plain ``en``
    assert settle("auto", "", spanish) == ("es", "detected")


def test_a_page_states_its_language_in_its_html_or_in_words() -> None:
    assert from_page('<!DOCTYPE html><html xml:lang="pt-BR" lang="pt-BR"><head>') == "pt-BR"
    assert from_page("<html><head>", "Español") == "es"
    assert from_page("<html><head>", "Klingon") == ""


def test_an_html_page_in_french_is_french_by_its_lang(tmp_path: Path) -> None:
    page = tmp_path / "ch.html"
    page.write_text(
        '<html lang="fr"><body><p>"Oui", dit-il.</p><p>Il partit.</p></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "ch.xhtml"
    result = CliRunner().invoke(cli, ["build", str(page), "-o", str(out), "-v"])
    assert result.exit_code == 0, result.output
    assert "language: fr (page)" in result.stderr
    text = out.read_text("utf-8")
    assert 'xml:lang="fr"' in text
    assert "«\u202fOui\u202f»" in text


def test_verbose_says_the_language_and_how_it_was_found(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "lang-es-dash-dialogue.txt"
    result = CliRunner().invoke(cli, ["build", str(sample), "-o", str(tmp_path / "a.xhtml"), "-v"])
    assert result.exit_code == 0, result.output
    assert "language: es (detected)" in result.stderr
    assert "dash dialogue" in result.stderr
    result = CliRunner().invoke(
        cli, ["build", str(sample), "-o", str(tmp_path / "b.xhtml"), "-v", "--lang", "es-419"]
    )
    assert "language: es-419 (set)" in result.stderr
    assert 'lang="es-419"' in (tmp_path / "b.xhtml").read_text("utf-8")


def test_an_epub_takes_the_language_its_chapters_are_in(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "lang-ru-dash-dialogue.txt"
    book = tmp_path / "b.epub"
    result = CliRunner().invoke(cli, ["build", str(sample), "-o", str(book)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(book) as z:
        opf = next(z.read(n).decode() for n in z.namelist() if n.endswith(".opf"))
    assert "<dc:language>ru</dc:language>" in opf


def test_german_alternate_marks_are_a_setting() -> None:
    text = '"Wo warst du?", fragte Anna. "Er hat \'nein\' gesagt, weißt du das nicht mehr?"\n'
    standard = convert(text, "markdown", Options(lang="de")).text
    alternate = convert(text, "markdown", Options(lang="de", marks="alternate")).text
    assert "„Wo warst du?“" in standard
    assert "‚nein‘" in standard
    assert "»Wo warst du?«" in alternate
    assert "›nein‹" in alternate


def test_marks_a_chapter_types_are_kept_not_made_the_standard_ones() -> None:
    text = "“Non lo so”, disse lei. “E tu? Mi ha detto ‘torna’ e se n’è andato.”\n"
    out = convert(text, "markdown", Options(lang="it")).text
    assert "“Non lo so”" in out
    assert "‘torna’" in out
    assert "«" not in out


def test_an_english_chapter_keeps_its_glyphs_by_kind() -> None:
    assert typography("en") is None
    assert typography("en-GB") is None
    out = convert("'Run,' he said. 'She told me \"no\".'\n", "markdown", Options()).text
    assert "‘Run,’ he said. ‘She told me “no”.’" in out


def test_every_language_has_two_pairs_of_marks() -> None:
    for code, typo in TABLE.items():
        marks = Marks.of(typo)
        assert len(marks.primary) == 2, code
        assert len(marks.secondary) == 2, code
        assert typo.code == code
    assert Marks.of(TABLE["fr"]).inner == "\u202f"


@pytest.mark.parametrize(
    ("text", "lang", "marks"),
    [
        ("« Oui », dit-il. « Non. »", "fr", "«»“”"),
        ("„Ja“, sagte er. „Nein.“", "de", "„“‚‘"),
        ("»Ja«, sagte er. »Nein.«", "de", "»«›‹"),
        ("„Tak” – powiedział. „Nie.”", "pl", "„”«»"),
        ('"Ja", sagte er.', "de", ""),
        ("“Sí”, dijo. “No.”", "es", "“”‘’"),
        ("«Sí», dijo. «No.»", "es", "«»“”"),
    ],
)
def test_the_marks_a_chapter_types_are_found(text: str, lang: str, marks: str) -> None:
    typo = typography(lang)
    assert typo is not None
    assert style(text, typo) == marks


def test_an_english_txt_build_loads_no_language_detector(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "british-single-quotes.txt"
    code = (
        "import sys\n"
        "from fanfmt.cli import main\n"
        f"sys.argv = ['fanfmt', 'build', {str(sample)!r}, '-o', {str(tmp_path / 'o.xhtml')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('py3langid', 'numpy'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_french_gets_its_narrow_space_before_high_punctuation_where_none_is_typed() -> None:
    text = (
        "«Tu viens?» demanda Léa. «Attends!» Il hésita; puis il répondit: «Oui.»\n\n"
        "Rendez-vous à 12:30, sur http://exemple.fr/page?id=3, d'accord?\n"
    )
    out = convert(text, "markdown", Options(lang="fr")).text
    nb = "\u202f"
    assert f"«{nb}Tu viens{nb}?{nb}»" in out
    assert f"«{nb}Attends{nb}!{nb}»" in out
    assert f"hésita{nb}; puis il répondit{nb}: «" in out
    assert "12:30" in out
    assert "http://exemple.fr/page?id=3" in out
    assert f"d’accord{nb}?" in out


def test_french_space_before_punctuation_is_a_setting() -> None:
    text = "Il hésita; puis: «Tu viens ?»\n"
    out = convert(text, "markdown", Options(lang="fr", punct_space="typed")).text
    assert "hésita; puis: «" in out
    assert "Tu viens\u202f?" in out  # the space typed is still made a narrow one


def test_other_languages_get_no_space_before_punctuation() -> None:
    text = '"Kommst du?", fragte Lea. "Warte!"\n'
    out = convert(text, "markdown", Options(lang="de")).text
    assert "„Kommst du?“" in out
    assert "„Warte!“" in out


@pytest.mark.parametrize(
    ("lang", "text", "speech"),
    [
        (
            "nl",
            "'Ga je mee naar de markt?' vroeg Sanne. 'Straks,' zei Joris.\n\n"
            "Hij keek naar de lucht. 'Het gaat zo regenen,' zei hij.\n",
            "“Straks,”",
        ),
        (
            "de",
            "'Gehst du mit zum Markt?', fragte Lena. 'Gleich', sagte Jonas.\n\n"
            "Er sah zum Himmel. 'Gleich regnet es', meinte er.\n",
            "„Gleich“,",
        ),
        (
            "ru",
            "'Ты пойдёшь на рынок?' — спросила Лена. 'Потом', — сказал Иван.\n\n"
            "Он посмотрел на небо. 'Скоро дождь', — тихо ответил он.\n",
            "«Потом»,",
        ),
        (
            "es",
            "'¿Vienes al mercado?' preguntó Lucía. 'Luego,' contestó Iván.\n\n"
            "Miró el cielo. 'Va a llover,' dijo él.\n",
            "“Luego,”",
        ),
    ],
)
def test_single_quoted_speech_with_the_languages_tags_is_dialogue_not_thought(
    lang: str, text: str, speech: str
) -> None:
    doc = prepare(text, Options(lang=lang)).doc
    assert doc.convention.quotes == "british"
    out = convert(text, "markdown", Options(lang=lang)).text
    assert speech in out
    assert "*" not in out  # no speech set in italics as a thought


def test_the_language_is_found_with_no_network(tmp_path: Path) -> None:
    """The detector's model ships with it: nothing is fetched at run time (a build of a
    Spanish chapter with every socket refused still finds Spanish)."""
    sample = ROOT / "samples" / "lang-es-dash-dialogue.txt"
    code = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n    raise OSError('no network in this test')\n"
        "socket.socket.connect = socket.socket.connect_ex = refuse\n"
        "socket.create_connection = socket.getaddrinfo = refuse\n"
        "from fanfmt.cli import main\n"
        f"sys.argv = ['fanfmt', 'build', {str(sample)!r}, '-v', "
        f"'-o', {str(tmp_path / 'o.xhtml')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    print('exit', exc.code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "exit 0" in out.stdout, out.stderr
    assert 'lang="es"' in (tmp_path / "o.xhtml").read_text(encoding="utf-8")


def test_words_in_single_marks_keep_them_and_speech_takes_the_primary_marks() -> None:
    source = (
        "Sie hatte die 'Traviata' schon zweimal gesehen, und im Foyer war es laut.\n\n"
        '"Gehen wir?", fragte er. Sie nickte, und sie gingen hinaus in den Regen.\n'
    )
    out = convert(source, "markdown", Options(lang="de")).text
    assert "die ‚Traviata‘ schon" in out
    assert "„Gehen wir?“, fragte er." in out
