"""decode_bytes: encodings that succeed, and binary or undecodable bytes that do not."""

from __future__ import annotations

import codecs
import logging
import random

import pytest
from read_helpers import ES_TEXT, assert_actionable

from blocwatch.errors import ReadError
from blocwatch.read.decode import decode_bytes

DECODES = [
    ("utf-8", ES_TEXT.encode("utf-8"), "utf-8"),
    ("utf-8 bom", codecs.BOM_UTF8 + ES_TEXT.encode("utf-8"), "utf-8-sig"),
    ("utf-16 le bom", codecs.BOM_UTF16_LE + ES_TEXT.encode("utf-16-le"), "utf-16"),
    ("utf-16 be bom", codecs.BOM_UTF16_BE + ES_TEXT.encode("utf-16-be"), "utf-16"),
    ("utf-16 le, no bom", ES_TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 be, no bom", ES_TEXT.encode("utf-16-be"), "utf-16-be"),
    ("utf-32 bom", ES_TEXT.encode("utf-32"), "utf-32"),
    ("latin-1", ES_TEXT.encode("latin-1"), "cp1252"),
    ("cp1252 quotes", ("“Acuerdo” – " + ES_TEXT).encode("cp1252"), "cp1252"),
]


@pytest.mark.parametrize(("name", "data", "encoding"), DECODES, ids=[d[0] for d in DECODES])
def test_decodes_known_encodings(name: str, data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data, doc_id="doc.txt")
    assert text.endswith(ES_TEXT)
    assert not text.startswith("\ufeff")
    assert used == encoding


def test_legacy_encoding_is_a_warning_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="blocwatch.read.decode"):
        text, _ = decode_bytes(ES_TEXT.encode("latin-1"), doc_id="viejo.txt")
    assert text == ES_TEXT
    assert "viejo.txt" in caplog.text and "cp1252" in caplog.text


def test_declared_charset_is_used_when_not_utf8() -> None:
    text, used = decode_bytes("Perú y España".encode("iso8859_15"), doc_id="p.html",
                              declared="iso-8859-15")
    assert (text, used) == ("Perú y España", "iso8859-15")


def _garbage() -> bytes:
    generator = random.Random(7)
    return bytes(generator.randrange(0x80, 0x100) for _ in range(4000))


FAILS = [
    ("nul bytes", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("control characters", bytes(range(1, 9)) * 200 + b"text", "binary"),
    ("high-byte garbage", _garbage(), "cannot decode"),
    ("cyrillic cp1251", "Президент России встретился с министром".encode("cp1251") * 5,
     "cannot decode"),
    ("broken utf-16", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "utf-16"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), FAILS, ids=[f[0] for f in FAILS])
def test_bad_bytes_are_read_errors(name: str, data: bytes, fragment: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode_bytes(data, doc_id="bad.txt")
    assert_actionable(caught.value, "bad.txt", fragment)
