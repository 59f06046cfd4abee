"""Author's notes a page sets apart by their dress: wholly italic paragraphs with a label in
them, up to the separator under them, in any language; the note after a closing marker."""

from __future__ import annotations

from fanfmt.api import convert

STORY = "".join(
    f"<p>{line}</p>"
    for line in (
        "La casa estaba en silencio cuando Marta volvió del mercado.",
        "Dejó las bolsas sobre la mesa y escuchó la radio del vecino.",
        "Nadie había tocado las cartas que dejó en el recibidor.",
        "Se sentó a esperar, con el abrigo todavía puesto.",
        "A las seis sonó el teléfono, pero no contestó.",
        "...",
        "El día siguiente amaneció gris y frío sobre el puerto.",
        "Los barcos no salieron; el viento soplaba del norte.",
        "Marta bajó al muelle con la carta en el bolsillo.",
        "Allí estaba él, como había prometido, junto a la grúa.",
    )
)

TOP = (
    "<p><em>Advertencia 1: es un universo alterno.</em></p>"
    "<p><em>Advertencia 2: los personajes no son como en los libros.</em></p>"
    "<p><em><strong>[Parejas]</strong></em></p>"
    "<p><em>Marta y Tomás</em></p>"
    "<p><em>Hola a todas, por fin traigo este capítulo, que me costó bastante terminar por "
    "los exámenes; gracias a mi amiga por leerlo antes que nadie.</em></p>"
    '<p style="text-align:center"><strong>...</strong></p>'
)

BOTTOM = (
    "<p><em><strong>Continuará…</strong></em></p>"
    '<p style="text-align:center"><strong>...</strong></p>'
    "<p><em>Espero que les guste, nos leemos la próxima semana.</em></p>"
)


def page(body: str) -> str:
    return f"<html><body><div id='storytext'>{body}</div></body></html>"


def test_an_italic_block_with_a_label_up_to_its_row_of_dots_is_one_note() -> None:
    out = convert(page(TOP + STORY + BOTTOM), "xhtml", from_format="html").text
    before = out.split('<aside class="author-note before">')[1].split("</aside>")[0]
    for words in ("Advertencia 1", "[Parejas]", "Marta y Tomás", "Hola a todas"):
        assert words in before
    assert out.count('<aside class="author-note') == 2
    after = out.split('<aside class="author-note after">')[1].split("</aside>")[0]
    assert "Espero que les guste" in after
    assert out.count('class="scene-break"') == 1  # the row inside the story, only


def test_notes_omit_keeps_the_story_and_the_closing_marker() -> None:
    from fanfmt.options import Options

    out = convert(page(TOP + STORY + BOTTOM), "xhtml", Options(notes="omit"), from_format="html")
    assert "Advertencia" not in out.text
    assert "Espero" not in out.text
    assert "Continuará" in out.text
    assert "Allí estaba él" in out.text


def test_an_italic_block_with_no_label_is_left_to_the_story() -> None:
    opening = "<p><em>Era otoño.</em></p><p><em>Las hojas caían.</em></p><p>...</p>"
    out = convert(page(opening + STORY), "xhtml", from_format="html").text
    assert "author-note" not in out
