"""Plain-text files: ids, dates, titles, encodings and every way a file can be bad."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from read_helpers import EN_TEXT, ES_TEXT, assert_actionable

import blocwatch.read._common as common
from blocwatch.errors import ReadError
from blocwatch.read import read_text_file
from blocwatch.read.dates import find_header_date, parse_date_phrase
from blocwatch.read.plaintext import guess_title

HEADER_DATES = [
    ("Published: Monday, 20 September 2021 10:32 GMT", dt.date(2021, 9, 20)),
    ("Publicado el lunes 20 de septiembre de 2021", dt.date(2021, 9, 20)),
    ("Publicado: 1º de mayo de 2020", dt.date(2020, 5, 1)),
    ("Date: 2021-09-20", dt.date(2021, 9, 20)),
    ("Posted on Sept. 3rd, 2020", dt.date(2020, 9, 3)),
    ("LIMA, 18 de septiembre de 2021 (AFP) - El presidente habló.", dt.date(2021, 9, 18)),
    ("CARACAS, 20 sep 2021 (EFE).- El canciller dijo", dt.date(2021, 9, 20)),
    ("Washington, September 20, 2021 — The president said", dt.date(2021, 9, 20)),
    # Not clearly a publication date: ambiguous, incomplete, impossible or mid-sentence.
    ("Publicado: 20/09/2021", None),
    ("MEXICO CITY, Sept 18 (Reuters) - Peru's president said", None),
    ("Published: 31 February 2021", None),
    ("However, 20 September 2021 was a quiet day in Lima.", None),
    ("The summit opened on 20 September 2021 in Mexico City.", None),
]


@pytest.mark.parametrize(("line", "expected"), HEADER_DATES)
def test_header_date(line: str, expected: dt.date | None) -> None:
    assert find_header_date(f"A headline here\n\n{line}\n\nBody text.") == expected


def test_date_far_below_the_top_is_not_taken() -> None:
    body = "\n".join(f"Paragraph {n} of the story." for n in range(20))
    assert find_header_date(body + "\nPublished: 20 September 2021\n") is None


@pytest.mark.parametrize(("phrase", "expected"), [
    ("20 de septiembre de 2021", dt.date(2021, 9, 20)),
    ("September 20, 2021", dt.date(2021, 9, 20)),
    ("2021-09-20T10:00:00Z", dt.date(2021, 9, 20)),
    ("sábado 18 de setiembre del 2021", dt.date(2021, 9, 18)),
    ("18 September", None),
    ("yesterday", None),
])
def test_parse_date_phrase(phrase: str, expected: dt.date | None) -> None:
    assert parse_date_phrase(phrase) == expected


TITLES = [
    ("Castillo meets López Obrador in Mexico City\n\nBody of the story.", "Castillo meets "
     "López Obrador in Mexico City"),
    ("\n\n  ¿Qué pasará con la CELAC?  \nCuerpo.", "¿Qué pasará con la CELAC?"),
    ("The president met the minister on Saturday.\nMore text.", None),
    ("Single-line document without anything after it", None),
    ("Word\nMore text.", None),
    ("Published: 20 September 2021\nBody.", None),
    ("x " * 150 + "\nBody.", None),
]


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_guess_title(text: str, title: str | None) -> None:
    assert guess_title(text) == title


def test_reads_text_with_title_and_dateline(tmp_path: Path) -> None:
    text = f"Castillo visita México\n\nLIMA, 18 de septiembre de 2021 (AFP) - {ES_TEXT}\r\n"
    path = tmp_path / "castillo.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = read_text_file(path)
    assert doc.id == "castillo.txt"
    assert doc.text == text  # exactly the file, CRLF included, so offsets match the file
    assert doc.title == "Castillo visita México"
    assert doc.date == dt.date(2021, 9, 18)
    assert doc.source_path == str(path)
    assert doc.lang is None  # settled by iter_documents


def test_date_option_wins_and_no_date_is_none(tmp_path: Path) -> None:
    dated = tmp_path / "dated.txt"
    dated.write_text(f"Published: 20 September 2021\n\n{EN_TEXT}", encoding="utf-8")
    assert read_text_file(dated, date=dt.date(2022, 1, 2)).date == dt.date(2022, 1, 2)
    undated = tmp_path / "undated.txt"
    undated.write_text(EN_TEXT, encoding="utf-8")
    assert read_text_file(undated).date is None  # never today


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig"])
def test_legacy_and_unicode_encodings_decode(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "viejo.txt"
    path.write_bytes(ES_TEXT.encode(encoding))
    doc = read_text_file(path)
    assert doc.text == ES_TEXT
    assert "sábado" in doc.text


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n   \n", "empty"),
    ("blank16.txt", "   \n".encode("utf-16"), "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 100, "binary"),
    ("garbage.txt", bytes(range(0x80, 0x100)) * 20, "decode"),
]


@pytest.mark.parametrize(("name", "content", "fragment"), BAD_FILES,
                         ids=[case[0] for case in BAD_FILES])
def test_bad_files_are_read_errors(tmp_path: Path, name: str, content: bytes,
                                   fragment: str) -> None:
    path = _write(tmp_path / name, content)
    with pytest.raises(ReadError) as caught:
        read_text_file(path)
    assert_actionable(caught.value, name, fragment)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_text_file(tmp_path / "nowhere.txt")
    assert_actionable(caught.value, "nowhere.txt", "not found")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "secret.txt", ES_TEXT.encode())

    def refuse(_path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(_path))

    monkeypatch.setattr(common, "open_binary", refuse)
    with pytest.raises(ReadError) as caught:
        read_text_file(path)
    assert_actionable(caught.value, "secret.txt", "permission denied", "chmod")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = _write(tmp_path / "locked.txt", ES_TEXT.encode())
    path.chmod(0)
    try:
        with pytest.raises(ReadError) as caught:
            read_text_file(path)
    finally:
        path.chmod(0o644)
    assert_actionable(caught.value, "locked.txt", "permission denied")


def test_huge_text_over_a_configured_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "long.txt", (EN_TEXT + "\n").encode() * 20)
    with pytest.raises(ReadError) as caught:
        read_text_file(path, max_bytes=1_000)
    assert_actionable(caught.value, "long.txt", "too large", "1,000 bytes", "split")


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = _write(tmp_path / "huge.txt", b"a" * 5_000)
    with pytest.raises(ReadError) as caught:
        read_text_file(path, max_bytes=1_000)
    assert_actionable(caught.value, "huge.txt", "too large", "file")


def test_default_limit_is_five_megabytes(tmp_path: Path) -> None:
    line = (EN_TEXT + "\n").encode()
    path = _write(tmp_path / "big.txt", line * (5_100_000 // len(line)))
    with pytest.raises(ReadError) as caught:
        read_text_file(path)
    assert_actionable(caught.value, "big.txt", "5.0 MB", "split")
    ok = _write(tmp_path / "fine.txt", line * (4_900_000 // len(line)))
    assert read_text_file(ok).text.startswith("Peruvian")
