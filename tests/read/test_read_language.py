"""Language detection and the language policy (forced, declared, detected, refused)."""

from __future__ import annotations

import pytest
from read_helpers import EN_TEXT, ES_TEXT, FR_TEXT, assert_actionable

from blocwatch.contract import Document
from blocwatch.errors import ReadError, UnsupportedLanguageError
from blocwatch.read import SUPPORTED_LANGUAGES, UNDETERMINED, assign_language, detect_language
from blocwatch.read.language import check_lang_option, normalize_lang_code

DETECT = [
    (EN_TEXT, "en"),
    (ES_TEXT, "es"),
    ("El Gobierno de Venezuela rechazó las sanciones de Estados Unidos", "es"),
    ("MADURO ACUSA A COLOMBIA DE PLANEAR UN ATAQUE CONTRA VENEZUELA", "es"),
    ("Los cancilleres de la CELAC se reunieron en Buenos Aires", "es"),
    ("NATO allies pledge more military support to Ukraine", "en"),
    (FR_TEXT, "fr"),
    ("O presidente brasileiro se reuniu com o chanceler argentino em Brasília", "pt"),
    ("Президент России встретился с министром иностранных дел Мексики", "ru"),
]


@pytest.mark.parametrize(("text", "code"), DETECT)
def test_detect_language(text: str, code: str) -> None:
    detected, confidence = detect_language(text)
    assert detected == code
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("text", ["", "Hola", "¡Sí! 2021-09-20 — 100 %", "OEA, ONU y UE"])
def test_short_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == (UNDETERMINED, 0.0)


def _doc(text: str, *, lang: str | None = None, declared: str | None = None) -> Document:
    meta = {"declared_lang": declared} if declared else {}
    return Document(id="doc-7", text=text, lang=lang, meta=meta)


POLICY = [
    # (text, document lang, declared lang, option, expected lang, expected source)
    (EN_TEXT, None, None, "auto", "en", "detected"),
    (ES_TEXT, None, None, "auto", "es", "detected"),
    (FR_TEXT, None, None, "es", "es", "forced"),
    (ES_TEXT, "en", None, "auto", "en", "document"),  # the document's own field wins
    (EN_TEXT, "es-MX", None, "auto", "es", "document"),
    (EN_TEXT, "fr", None, "en", "en", "forced"),  # forcing wins over everything
    ("Cuba condena", None, "es-ES", "auto", "es", "declared"),  # too short: the source's word
    (ES_TEXT, None, "en", "auto", "es", "detected"),  # detection beats a declaration
]


@pytest.mark.parametrize(("text", "lang", "declared", "option", "expected", "source"), POLICY)
def test_policy(text: str, lang: str | None, declared: str | None, option: str,
                expected: str, source: str) -> None:
    doc = assign_language(_doc(text, lang=lang, declared=declared), lang=option)
    assert doc.lang == expected and doc.meta["lang_source"] == source
    assert doc.lang in SUPPORTED_LANGUAGES


def test_unsupported_detected_language() -> None:
    with pytest.raises(UnsupportedLanguageError) as caught:
        assign_language(_doc(FR_TEXT))
    assert_actionable(caught.value, "doc-7", "French", "fr", "--lang")


def test_unsupported_declared_field() -> None:
    with pytest.raises(UnsupportedLanguageError) as caught:
        assign_language(_doc(ES_TEXT, lang="pt-BR"))
    assert_actionable(caught.value, "doc-7", "pt-BR", "--lang")


def test_undecidable_short_text() -> None:
    with pytest.raises(ReadError) as caught:
        assign_language(_doc("Hola, ¿qué tal?"))
    assert not isinstance(caught.value, UnsupportedLanguageError)
    assert_actionable(caught.value, "doc-7", "too short", "--lang")


@pytest.mark.parametrize(("value", "code"), [("EN", "en"), ("es-MX", "es"), (" es_ES ", "es")])
def test_normalize_lang_code(value: str, code: str) -> None:
    assert normalize_lang_code(value) == code


@pytest.mark.parametrize("option", ["fr", "", "english"])
def test_bad_lang_option(option: str) -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        check_lang_option(option)
