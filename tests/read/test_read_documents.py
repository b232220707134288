"""iter_documents: folders, globs, standard input, ids, dates, languages and bad inputs."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
from pathlib import Path

import pytest
from read_helpers import EN_TEXT, ES_TEXT, FR_TEXT, assert_actionable, split

import blocwatch.read.documents as documents
from blocwatch.contract import Document
from blocwatch.errors import ReadError, UnsupportedLanguageError
from blocwatch.read import iter_documents

RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
<item><guid>feed-1</guid><description>{EN_TEXT}</description></item></channel></rss>"""


def _mixed_folder(root: Path) -> Path:
    """A corpus with every supported kind, subfolders, and files to skip."""
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(f"Published: 20 September 2021\n\n{EN_TEXT}", encoding="utf-8")
    (root / "b" / "a.txt").write_bytes(ES_TEXT.encode("latin-1"))
    (root / "b" / "deep" / "page.HTML").write_text(
        f"<html><body><article><p>{ES_TEXT}</p></article></body></html>", encoding="utf-8")
    (root / "c.jsonl").write_text(
        json.dumps({"id": "j1", "text": EN_TEXT}) + "\n"
        + json.dumps({"id": "j2", "text": ES_TEXT, "date": "2021-01-05"}) + "\n",
        encoding="utf-8")
    (root / "d.rss").write_text(RSS, encoding="utf-8")
    (root / "notes.md").write_text("# notes", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / ".hidden.txt").write_text(EN_TEXT, encoding="utf-8")
    (root / ".git" / "config.txt").write_text(EN_TEXT, encoding="utf-8")
    return root


def test_mixed_folder(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = _mixed_folder(tmp_path / "corpus")
    with caplog.at_level(logging.DEBUG, logger="blocwatch.read.documents"):
        docs, errors = split(iter_documents([root]))
    assert errors == []
    assert [doc.id for doc in docs] == ["a.txt", "b/a.txt", "b/deep/page.HTML", "j1", "j2",
                                        "feed-1"]
    by_id = {doc.id: doc for doc in docs}
    assert by_id["a.txt"].date == dt.date(2021, 9, 20) and by_id["a.txt"].lang == "en"
    assert by_id["b/a.txt"].text == ES_TEXT and by_id["b/a.txt"].lang == "es"
    assert by_id["b/deep/page.HTML"].lang == "es"
    assert "notes.md" in caplog.text and "image.png" in caplog.text  # skipped, logged


def test_date_option(tmp_path: Path) -> None:
    root = _mixed_folder(tmp_path / "corpus")
    docs, _ = split(iter_documents([root], date=dt.date(2022, 3, 4)))
    dates = {doc.id: doc.date for doc in docs}
    assert dates["a.txt"] == dt.date(2022, 3, 4)  # --date wins for plain files
    assert dates["j1"] == dt.date(2022, 3, 4)  # and fills in records without a date
    assert dates["j2"] == dt.date(2021, 1, 5)  # a record's own date is kept


def test_no_date_anywhere_is_none(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(EN_TEXT, encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path / "x.txt"]))
    assert isinstance(doc, Document) and doc.date is None


def test_explicit_file_id_is_its_name_and_glob_ids_are_relative(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    root = _mixed_folder(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    (doc,) = list(iter_documents([root / "b" / "a.txt"]))
    assert isinstance(doc, Document) and doc.id == "a.txt"
    docs, errors = split(iter_documents(["corpus/*/a.txt", "corpus/**/*.HTML"]))
    assert [doc.id for doc in docs] == ["b/a.txt", "b/deep/page.HTML"] and errors == []


def test_stdin(tmp_path: Path) -> None:
    stdin = io.StringIO(json.dumps({"id": "s1", "text": ES_TEXT}) + "\n{oops\n"
                        + json.dumps({"id": "s2", "text": EN_TEXT, "lang": "en"}) + "\n")
    items = list(iter_documents(["-"], stdin=stdin))
    assert [getattr(item, "id", None) for item in items] == ["s1", None, "s2"]
    assert_actionable(items[1], "<stdin>:2", "malformed JSON")  # type: ignore[arg-type]
    assert items[2].meta["lang_source"] == "document"  # type: ignore[union-attr]


def test_forced_language(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FR_TEXT, encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path / "fr.txt"], lang="es"))
    assert isinstance(doc, Document) and doc.lang == "es"


def test_bad_lang_option_fails_at_once() -> None:
    with pytest.raises(ValueError, match="lang"):
        iter_documents(["whatever.txt"], lang="fr")


def test_duplicate_ids_across_inputs(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        (folder / "same.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "dup.jsonl").write_text(json.dumps({"id": "same.txt", "text": ES_TEXT}),
                                        encoding="utf-8")
    docs, errors = split(iter_documents([one, two, tmp_path / "dup.jsonl", one / "same.txt"]))
    assert [doc.id for doc in docs] == ["same.txt"]
    assert docs[0].source_path == str(one / "same.txt")
    assert len(errors) == 3
    for error in errors:
        assert_actionable(error, "same.txt", "duplicate id", "unique")
    assert "given twice" in str(errors[2])


def _bad_inputs(tmp_path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """(argument, id expected in the message, fragments) for each bad input."""
    (tmp_path / "empty_dir").mkdir()
    other = tmp_path / "only_other"
    other.mkdir()
    (other / "a.pdf").write_bytes(b"%PDF-1.4")
    (other / "b.docx").write_bytes(b"PK\x03\x04")
    files = {
        "report.pdf": b"%PDF-1.4 binary",
        "README": b"plain but no extension",
        "empty.txt": b"",
        "spaces.txt": b"   \n\n\t",
        "binary.txt": b"\x00\x01\x02\x03\x89PNG",
        "garbage.txt": bytes(range(0x80, 0x100)) * 10,
        "french.txt": FR_TEXT.encode(),
        "short.txt": b"Hola amigos",
        "bad.rss": b"<<< not a feed",
        "menus.html": b"<html><body><nav>Home</nav><footer>(c)</footer></body></html>",
        "blank.jsonl": b"\n\n",
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    return [
        (str(tmp_path / "missing.txt"), "missing.txt", ("not found",)),
        (str(tmp_path / "empty_dir"), "empty_dir", ("no files", "empty")),
        (str(other), "only_other", ("no supported files", "2 other files")),
        (str(tmp_path / "*.nothing"), "*.nothing", ("no file matches",)),
        (str(tmp_path / "report.pdf"), "report.pdf", ("unsupported file type", ".pdf")),
        (str(tmp_path / "README"), "README", ("unsupported", "without an extension")),
        (str(tmp_path / "empty.txt"), "empty.txt", ("empty",)),
        (str(tmp_path / "spaces.txt"), "spaces.txt", ("empty",)),
        (str(tmp_path / "binary.txt"), "binary.txt", ("binary",)),
        (str(tmp_path / "garbage.txt"), "garbage.txt", ("cannot decode", "UTF-8")),
        (str(tmp_path / "french.txt"), "french.txt", ("French", "--lang")),
        (str(tmp_path / "short.txt"), "short.txt", ("too short", "--lang")),
        (str(tmp_path / "bad.rss"), "bad.rss", ("malformed feed",)),
        (str(tmp_path / "menus.html"), "menus.html", ("no text",)),
        (str(tmp_path / "blank.jsonl"), "blank.jsonl", ("empty",)),
    ]


BAD_INPUT_COUNT = 15


@pytest.mark.parametrize("case", range(BAD_INPUT_COUNT))
def test_each_bad_input_is_one_actionable_error(tmp_path: Path, case: int) -> None:
    argument, doc_id, fragments = _bad_inputs(tmp_path)[case]
    items = list(iter_documents([argument]))
    assert len(items) == 1, items
    (error,) = items
    assert isinstance(error, ReadError)
    assert_actionable(error, doc_id, *fragments)


def test_a_batch_goes_on_past_every_bad_input(tmp_path: Path) -> None:
    cases = _bad_inputs(tmp_path)
    assert len(cases) == BAD_INPUT_COUNT
    good = tmp_path / "good.txt"
    good.write_text(EN_TEXT, encoding="utf-8")
    arguments = [case[0] for case in cases] + [str(good)]
    docs, errors = split(iter_documents(arguments))
    assert [doc.id for doc in docs] == ["good.txt"]
    assert len(errors) == BAD_INPUT_COUNT
    assert sum(isinstance(error, UnsupportedLanguageError) for error in errors) == 1


def test_unexpected_failure_is_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "b.rss").write_text(RSS, encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr(documents, "read_text_file", broken)
    docs, errors = split(iter_documents([tmp_path]))
    assert [doc.id for doc in docs] == ["feed-1"]
    assert_actionable(errors[0], "a.txt", "unexpected error", "boom")


def test_unlistable_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(EN_TEXT, encoding="utf-8")
    real_walk = os.walk

    def walk(top: str, onerror: object = None) -> object:
        assert callable(onerror)
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
        return real_walk(top)

    monkeypatch.setattr(documents.os, "walk", walk)
    docs, errors = split(iter_documents([tmp_path]))
    assert [doc.id for doc in docs] == ["ok.txt"]
    assert_actionable(errors[0], "locked", "permission denied")


def test_accepts_paths_and_strings_lazily(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    listed: list[str | Path] = [tmp_path / "a.txt", str(tmp_path / "a.txt")]
    arguments = (path for path in listed)
    docs, errors = split(iter_documents(arguments))
    assert len(docs) == 1 and len(errors) == 1
