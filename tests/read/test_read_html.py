"""HTML pages: main text without boilerplate, metadata, fallbacks and bad pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from read_helpers import ES_TEXT, assert_actionable

import blocwatch.read.htmldoc as htmldoc
from blocwatch.errors import ReadError
from blocwatch.read import read_html_file
from blocwatch.read.htmltext import fragment_to_text

PAGE = f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Castillo visita México | Diario</title>
<meta property="article:published_time" content="2021-09-18T22:00:00-05:00">
<script>window.tracker = "analytics";</script><style>body {{ color: red }}</style>
</head><body>
<nav><a href="/">Inicio</a> <a href="/mundo">Mundo</a> <a href="/s">Suscríbete ahora</a></nav>
<header>Diario El Sur — edición digital</header>
<article><h1>Castillo visita México</h1>
<p>{ES_TEXT}</p>
<p>Ambos mandatarios firmaron un acuerdo de cooperación en materia migratoria y comercial,
según informó la cancillería mexicana en un comunicado.</p>
</article>
<aside>Lo más leído: receta de tamales oaxaqueños</aside>
<footer>© 2021 Diario El Sur. Todos los derechos reservados. Política de cookies.</footer>
</body></html>"""


def _page(tmp_path: Path, name: str, markup: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(markup.encode("utf-8") if isinstance(markup, str) else markup)
    return path


def test_main_text_without_boilerplate(tmp_path: Path) -> None:
    doc = read_html_file(_page(tmp_path, "castillo.html", PAGE))
    assert doc.id == "castillo.html"
    assert ES_TEXT in doc.text
    assert "firmaron un acuerdo" in doc.text
    for boilerplate in ("Suscríbete", "tamales", "derechos reservados", "analytics", "color"):
        assert boilerplate not in doc.text
    assert doc.title == "Castillo visita México"
    assert doc.date == dt.date(2021, 9, 18)  # from the meta tag, in the page's own time zone
    assert doc.meta["declared_lang"] == "es"
    assert doc.meta["extractor"] == "trafilatura"


def test_date_option_wins_over_metadata(tmp_path: Path) -> None:
    doc = read_html_file(_page(tmp_path, "p.htm", PAGE), date=dt.date(2020, 1, 1))
    assert doc.date == dt.date(2020, 1, 1)


def test_no_date_in_page_is_none(tmp_path: Path) -> None:
    markup = re.sub(r'<meta property="article:published_time"[^>]*>', "", PAGE)
    assert read_html_file(_page(tmp_path, "nodate.html", markup)).date is None


def test_lxml_fallback_when_trafilatura_finds_nothing(tmp_path: Path) -> None:
    doc = read_html_file(_page(tmp_path, "frag.html", "<p>Un fragmento sin estructura"))
    assert doc.text == "Un fragmento sin estructura"
    assert doc.meta["extractor"] == "lxml"


def test_lxml_fallback_keeps_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmldoc, "_extract_trafilatura", lambda _markup: None)
    doc = read_html_file(_page(tmp_path, "fb.html", PAGE))
    assert doc.meta["extractor"] == "lxml"
    assert ES_TEXT in doc.text and "Suscríbete" not in doc.text and "tamales" not in doc.text
    assert doc.title == "Castillo visita México | Diario"
    assert doc.date == dt.date(2021, 9, 18)


def test_trafilatura_crash_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(htmldoc.trafilatura, "bare_extraction", explode)
    doc = read_html_file(_page(tmp_path, "crash.html", PAGE))
    assert ES_TEXT in doc.text and doc.meta["extractor"] == "lxml"


MALFORMED = [
    ("<html><body><div><p>Texto sin <b>cerrar<p>Segundo párrafo</div>", "Segundo párrafo"),
    ("<p>Primero<p>Segundo<table><tr><td>celda", "Segundo"),
    ('<?xml version="1.0" encoding="utf-8"?><html><body><p>Con declaración XML</p>',
     "Con declaración XML"),
]


@pytest.mark.parametrize(("markup", "expected"), MALFORMED)
def test_malformed_html_still_yields_its_text(tmp_path: Path, markup: str,
                                              expected: str) -> None:
    assert expected in read_html_file(_page(tmp_path, "bad.html", markup)).text


def test_legacy_charset(tmp_path: Path) -> None:
    markup = f'<html><head><meta charset="windows-1252"></head><body><p>{ES_TEXT}</p></body>'
    doc = read_html_file(_page(tmp_path, "viejo.html", markup.encode("cp1252")))
    assert ES_TEXT in doc.text and doc.meta["encoding"] == "cp1252"


BAD_PAGES = [
    ("empty.html", b"", "empty"),
    ("blank.html", b"   \n ", "empty"),
    ("menus.html", b"<html><head><title>T</title></head><body><nav>Home</nav>"
     b"<script>var x = 1;</script><footer>(c) 2021</footer></body></html>", "no text"),
    ("image.html", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "binary"),
]


@pytest.mark.parametrize(("name", "content", "fragment"), BAD_PAGES,
                         ids=[case[0] for case in BAD_PAGES])
def test_bad_pages(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_html_file(_page(tmp_path, name, content))
    assert_actionable(caught.value, name, fragment)


def test_huge_page(tmp_path: Path) -> None:
    markup = "<html><body>" + f"<p>{ES_TEXT}</p>" * 50 + "</body></html>"
    with pytest.raises(ReadError) as caught:
        read_html_file(_page(tmp_path, "big.html", markup), max_bytes=2_000)
    assert_actionable(caught.value, "big.html", "too large", "split")


@pytest.mark.parametrize(("fragment", "text"), [
    ("<p>Uno <b>dos</b></p><p>tres</p>", "Uno dos\ntres"),
    ("Texto &amp; más", "Texto & más"),
    ("sin etiquetas", "sin etiquetas"),
    ("<ul><li>a</li><li>b</li></ul><script>x()</script>", "a\nb"),
    ("", ""),
])
def test_fragment_to_text(fragment: str, text: str) -> None:
    assert fragment_to_text(fragment) == text
