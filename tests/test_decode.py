"""Decoding: every encoding a chapter file arrives in, through ``decode`` and through the CLI."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from fanfmt.cli import cli
from fanfmt.errors import ConfigError, InputError
from fanfmt.reader.decode import decode

STORY = "“Don’t go,” she said. The café was naïve… Zoë’s façade."
WORDS = ["Don", "go", "she", "said", "café", "naïve", "Zoë", "façade"]


def codes(data: bytes, encoding: str | None = None) -> list[str]:
    return [code for code, _ in decode(data, encoding).repairs]


# -- decode() ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16"),
        (STORY.encode("utf-32"), "utf-32"),
        (codecs.BOM_UTF32_BE + STORY.encode("utf-32-be"), "utf-32"),
        (STORY.encode("utf-16-le"), "utf-16-le"),
        (STORY.encode("utf-16-be"), "utf-16-be"),
        (STORY.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf32-bom", "utf32be-bom",
         "utf16le-no-bom", "utf16be-no-bom", "utf32le-no-bom"],
)  # fmt: skip
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == STORY
    assert decoded.encoding == encoding
    assert decoded.repairs == []


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("He said “don’t” … it’s a café, naïve and très cher.", "cp1252"),
        ("Müller aß Äpfel und Öl, größer als je zuvor. " * 3, "cp1252"),
        ("Привет, как дела? Это тест русского текста. " * 4, "cp1251"),
        ("Привет, как дела? Это тест русского текста. " * 4, "koi8-r"),
        ("Καλημέρα κόσμε, τι κάνεις σήμερα; " * 4, "cp1253"),
        ("これは日本語のテキストです。東京に行きます。" * 4, "cp932"),
        ("Le café était fermé, et Zoë attendait devant la porte.\n", "cp437"),
        ("Il réfléchit: déjà vu, garçon, naïve. Où était-il?\n" * 3, "cp437"),
        ("Müller said “don’t”—never… Café, naïve.\n" * 3, "cp1252"),
        ("„Hallo“, sagte er. „Grüße aus München“, schrieb sie.\n" * 3, "cp1252"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert codecs.lookup(decoded.encoding).name == codecs.lookup(encoding).name
    assert decoded.repairs == [("E001", f"not UTF-8: read as {decoded.encoding}")]


def test_mostly_ascii_with_one_high_byte_is_cp1252() -> None:
    assert decode(b"hello \xe9 world").text == "hello é world"
    assert decode(b"He said don\x92t go.").text == "He said don’t go."


def test_utf8_with_stray_cp1252_quotes() -> None:
    data = "Café naïve ".encode() + b'\x93quoted\x94 and "straight" ' + "Zoë".encode()
    decoded = decode(data)
    assert decoded.text == 'Café naïve “quoted” and "straight" Zoë'
    assert decoded.encoding == "utf-8"
    assert codes(data) == ["E006"]


def test_invalid_utf8_mid_file_keeps_every_word() -> None:
    data = ("Un café. " * 50).encode() + b"\xff\xfe broken " + ("Naïve end." * 50).encode()
    text = decode(data).text
    assert text.startswith("Un café. ")
    assert "broken" in text
    assert text.endswith("Naïve end.")


def test_mojibake_is_repaired_line_by_line() -> None:
    data = "Fine line.\nShe didnâ€™t know. The cafÃ© was shut.\nFine again.".encode()
    decoded = decode(data)
    assert decoded.text == "Fine line.\nShe didn’t know. The café was shut.\nFine again."
    assert codes(data) == ["E002"]
    (diagnostic,) = decoded.diagnostics()
    assert diagnostic.line == 2
    assert "didnâ€™t" in diagnostic.message


def test_mojibake_reports_each_line() -> None:
    data = "donâ€™t\nok\ncafÃ©\n".encode()
    decoded = decode(data)
    assert [d.line for d in decoded.diagnostics()] == [1, 3]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"),
        (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
        ("one\u2028two\u2029three".encode(), "one\ntwo\n\nthree"),
        (b"one\x0ctwo", "one\ntwo"),
    ],
    ids=["crlf", "lone-cr", "unicode-separators", "form-feed"],
)
def test_line_endings(raw: bytes, text: str) -> None:
    assert decode(raw).text == text


def test_control_and_zero_width_characters_are_removed_and_reported() -> None:
    decoded = decode("a\x00b\x07c\u200bd \ufeffe\x1bf".encode())
    assert decoded.text == "abcd ef"
    ((code, message),) = decoded.repairs
    assert code == "E003"
    assert "removed 5" in message
    assert "NUL" in message
    assert "zero-width space" in message


def test_emoji_joiners_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert decode(f"A {family} here.".encode()).text == f"A {family} here."


def test_tabs_and_nbsp_indents_are_kept_for_the_reader() -> None:
    assert decode("\tOne.\n\u00a0\u00a0Two.".encode()).text == "\tOne.\n\u00a0\u00a0Two."


def test_rtl_and_combining_text_is_untouched() -> None:
    text = "שלום עולם \u200fمرحبا\u200e cafe\u0301 \u05d0\u05b8"
    assert decode(text.encode()).text == text


def test_lone_surrogate_in_utf16_becomes_a_replacement_character() -> None:
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8" + "cd".encode("utf-16-le")
    decoded = decode(data)
    assert decoded.text == "ab\ufffdcd"
    assert codes(data) == ["E006"]


def test_forced_encoding() -> None:
    data = "Привет".encode("cp1251")
    assert decode(data, "cp1251").text == "Привет"
    assert decode(codecs.BOM_UTF8 + b"Hi", "utf-8").text == "Hi"


def test_forced_encoding_that_does_not_fit_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"not valid ascii at line 2 \(byte 6"):
        decode("Hello\nПривет".encode(), "ascii")


@pytest.mark.parametrize("name", ["klingon", "base64"])
def test_unknown_forced_encoding_is_a_config_error(name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        decode(b"Hello", name)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "empty"),
        (b"\x00 \x00\n", "empty"),
        ("\u200b\ufeff\u200b".encode(), "only invisible or control characters"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip archive"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"\x7fELF\x02\x01\x01", "program"),
        (bytes(range(256)) * 8, "binary data"),
    ],
)
def test_refused_bytes(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data)


# -- through the CLI ---------------------------------------------------------------------


def build(tmp_path: Path, data: bytes, *args: str) -> tuple[int, str, str]:
    source = tmp_path / "chapter.txt"
    source.write_bytes(data)
    out = tmp_path / "chapter.md"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(out), "-v", *args])
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return result.exit_code, text, result.stderr


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.encode("utf-32"),
        lambda s: s.encode("utf-16-le"),
        lambda s: s.encode("cp1252"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
        lambda s: s.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf32", "utf16le-no-bom", "cp1252", "crlf", "cr"],
)
def test_cli_builds_every_encoding(tmp_path: Path, encode: object) -> None:
    source = "\u201cDon\u2019t go,\u201d she said.\n\nThe caf\u00e9 was na\u00efve.\n"
    code, text, _ = build(tmp_path, encode(source))  # type: ignore[operator]
    assert code == 0
    assert text == "\u201cDon\u2019t go,\u201d she said.\n\nThe caf\u00e9 was na\u00efve.\n"


def test_cli_reports_repairs_with_verbose(tmp_path: Path) -> None:
    data = "She didnâ€™t.\x00\n\nCafé ".encode() + b"\x93hi\x94"
    code, text, stderr = build(tmp_path, data)
    assert code == 0
    assert "She didn’t." in text
    assert "“hi”" in text
    assert ":1:1: E002 repaired mojibake" in stderr
    assert "E003 removed 1 invisible or control character(s): NUL" in stderr
    assert "E006 2 byte(s) that are not UTF-8 read as cp1252" in stderr


def test_cli_legacy_encoding_is_reported(tmp_path: Path) -> None:
    code, text, stderr = build(tmp_path, "Привет, как дела? Это тест. ".encode("cp1251") * 5)
    assert code == 0
    assert "Привет" in text
    assert "E001 not UTF-8: read as cp1251" in stderr


def test_cli_forced_encoding(tmp_path: Path) -> None:
    data = "Привет, мир.".encode("koi8-r")
    code, text, _ = build(tmp_path, data, "--encoding", "koi8-r")
    assert (code, text) == (0, "Привет, мир.\n")


def test_cli_forced_encoding_mismatch_is_refused(tmp_path: Path) -> None:
    code, text, stderr = build(tmp_path, "Привет".encode(), "--encoding", "ascii")
    assert code == 3
    assert text == ""
    assert stderr.startswith("fanfmt: error: ")
    assert "chapter.txt: not valid ascii at line 1" in stderr
    assert len(stderr.splitlines()) == 1


def test_cli_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    code, text, stderr = build(tmp_path, b"Hello.", "--encoding", "klingon")
    assert (code, text) == (2, "")
    assert stderr == "fanfmt: error: --encoding: unknown encoding 'klingon'\n"


def test_cli_tab_and_nbsp_indented_paragraphs(tmp_path: Path) -> None:
    first = [
        "\tThe first paragraph starts",
        "here and runs on",
        "for a few lines",
        "until it ends.",
    ]
    second = ["\u00a0\u00a0The second one", "is indented with", "no-break spaces", "and ends too."]
    data = "\n".join((first + second) * 3).encode()
    code, text, _ = build(tmp_path, data)
    assert code == 0
    assert text.split("\n\n")[:2] == [
        "The first paragraph starts here and runs on for a few lines until it ends.",
        "The second one is indented with no-break spaces and ends too.",
    ]


def _sloppy_cp1252(data: bytes) -> str:
    """Bytes read as cp1252 the way browsers do: a byte cp1252 leaves undefined stays itself."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data
    )


MOJIBAKE_STORY = "\u201cWhere are you going?\u201d she asked. He didn\u2019t say.\n"


@pytest.mark.parametrize(
    "data",
    [
        _sloppy_cp1252(MOJIBAKE_STORY.encode()).encode(),
        _sloppy_cp1252(_sloppy_cp1252(MOJIBAKE_STORY.encode()).encode()).encode(),
        MOJIBAKE_STORY.encode().decode("latin-1").encode(),
    ],
    ids=["cp1252-once", "cp1252-twice", "latin-1-with-c1-controls"],
)
def test_mojibake_with_control_characters_is_repaired_before_they_are_removed(
    data: bytes,
) -> None:
    decoded = decode(data)
    assert decoded.text == MOJIBAKE_STORY
    assert "E002" in [code for code, _ in decoded.repairs]


def test_a_file_cut_short_in_its_last_character_stays_utf8() -> None:
    data = "Chapter 1\n\nThe end of the caf\u00e9 story \u2014".encode()[:-1]
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Chapter 1\n\nThe end of the caf\u00e9 story \ufffd"
    assert [code for code, _ in decoded.repairs] == ["E006"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?\n"
         "\u042d\u0442\u043e \u0433\u043b\u0430\u0432\u0430.\n", "utf-16-le"),
        ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?\n",
         "utf-16-be"),
        ("\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03ba\u03cc\u03c3\u03bc\u03b5.\n",
         "utf-16-le"),
    ],
    ids=["russian-le", "russian-be", "greek-le"],
)  # fmt: skip
def test_utf16_without_a_bom_outside_ascii(text: str, encoding: str) -> None:
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_dos_end_of_file_padding_is_dropped() -> None:
    data = b'"Run," she said.\r\n\r\nHe ran.\r\n' + b"\x1a" * 64
    decoded = decode(data)
    assert decoded.text == '"Run," she said.\n\nHe ran.\n'


def test_cli_a_web_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>Ch 1</title><script>var secret = 1;</script>"
        "</head><body><nav>Menu Home</nav><p>It was caf&eacute; night.</p><p>Then.</p>"
        "</body></html>\n"
    )
    code, text, _ = build(tmp_path, page.encode())
    assert code == 0
    assert text == "It was caf\u00e9 night.\n\nThen.\n"
