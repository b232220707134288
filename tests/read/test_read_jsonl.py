"""JSON Lines: good records, every bad line, streaming, and a round-trip property."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from read_helpers import EN_TEXT, ES_TEXT, assert_actionable, split

from blocwatch.contract import Document
from blocwatch.errors import ReadError
from blocwatch.read import iter_jsonl


def _jsonl(path: Path, *lines: object, raw: str = "") -> Path:
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines) + raw
    path.write_text(body, encoding="utf-8")
    return path


def test_reads_records_with_all_fields(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "docs.jsonl",
        {"id": "afp-1", "text": ES_TEXT, "date": "2021-09-20", "title": "Cumbre",
         "url": "https://example.org/1", "lang": "es", "source": "AFP"},
        {"id": 42, "text": EN_TEXT, "date": "2021-09-18T23:30:00-05:00"},
        {"id": "afp-3", "text": EN_TEXT, "date": None, "title": None},
    )
    docs, errors = split(iter_jsonl(path))
    assert errors == []
    first, second, third = docs
    assert (first.id, first.text, first.date) == ("afp-1", ES_TEXT, dt.date(2021, 9, 20))
    assert (first.title, first.url, first.lang) == ("Cumbre", "https://example.org/1", "es")
    assert first.meta["extra"] == {"source": "AFP"}
    assert first.meta["line"] == 1 and first.source_path == str(path)
    assert second.id == "42" and second.date == dt.date(2021, 9, 18)  # the date as written
    assert third.date is None and third.title is None


def test_blank_lines_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    record = json.dumps({"id": "a", "text": EN_TEXT}).encode()
    path.write_bytes(codecs.BOM_UTF8 + record + b"\r\n\r\n   \n" + record.replace(b'"a"', b'"b"'))
    docs, errors = split(iter_jsonl(path))
    assert [doc.id for doc in docs] == ["a", "b"] and errors == []
    assert docs[1].meta["line"] == 4


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(json.dumps({"id": "u", "text": ES_TEXT}, ensure_ascii=False)
                     .encode("utf-16") + "\n".encode("utf-16-le"))
    docs, errors = split(iter_jsonl(path))
    assert [doc.text for doc in docs] == [ES_TEXT] and errors == []


def test_latin1_line_is_decoded_with_one_warning(tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "latin.jsonl"
    lines = [json.dumps({"id": f"l{n}", "text": ES_TEXT}, ensure_ascii=False) for n in range(3)]
    path.write_bytes("\n".join(lines).encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        docs, errors = split(iter_jsonl(path))
    assert [doc.text for doc in docs] == [ES_TEXT] * 3 and errors == []
    assert caplog.text.count("not UTF-8") == 1


BAD_LINES = [
    ("{bad json", "data.jsonl:2", "malformed JSON"),
    ('{"id": "x", "text": "unterminated}', "data.jsonl:2", "malformed JSON"),
    ("[1, 2]", "data.jsonl:2", "array, not an object"),
    ('"just a string"', "data.jsonl:2", "string, not an object"),
    ("null", "data.jsonl:2", "null, not an object"),
    ('{"text": "no id here"}', "data.jsonl:2", '"id" is missing'),
    ('{"id": "", "text": "empty id"}', "data.jsonl:2", '"id" is empty'),
    ('{"id": ["a"], "text": "list id"}', "data.jsonl:2", "must be a string"),
    ('{"id": true, "text": "bool id"}', "data.jsonl:2", "must be a string"),
    ('{"id": "no-text"}', "no-text", '"text" is missing'),
    ('{"id": "num-text", "text": 12}', "num-text", "must be a string, not a JSON number"),
    ('{"id": "obj-text", "text": {"a": 1}}', "obj-text", "not a JSON object"),
    ('{"id": "blank", "text": "  \\n\\t "}', "blank", "empty"),
    ('{"id": "bad-date", "text": "x", "date": "20/09/2021"}', "bad-date", "ISO 8601"),
    ('{"id": "num-date", "text": "x", "date": 20210920}', "num-date", "ISO 8601"),
    ('{"id": "bad-title", "text": "x", "title": 3}', "bad-title", '"title" must be'),
    ('{"id": "bad-lang", "text": "x", "lang": ["es"]}', "bad-lang", '"lang" must be'),
    ('{"id": "sur", "text": "broken \\ud800 escape"}', "sur", "lone surrogate"),
]


@pytest.mark.parametrize(("line", "doc_id", "fragment"), BAD_LINES,
                         ids=[case[2] + "|" + case[1] for case in BAD_LINES])
def test_bad_line_is_an_error_and_the_file_goes_on(tmp_path: Path, line: str, doc_id: str,
                                                   fragment: str) -> None:
    path = tmp_path / "data.jsonl"
    good = [json.dumps({"id": name, "text": EN_TEXT}) for name in ("before", "after")]
    path.write_text(f"{good[0]}\n{line}\n{good[1]}\n", encoding="utf-8")
    items = list(iter_jsonl(path))
    assert [type(item) for item in items] == [Document, ReadError, Document]
    error = items[1]
    assert isinstance(error, ReadError)
    assert_actionable(error, doc_id, fragment, "data.jsonl")
    if not doc_id.startswith("data.jsonl"):
        assert "line 2" in str(error)


def test_duplicate_ids_are_errors_for_the_later_lines(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "dup.jsonl", {"id": "a", "text": EN_TEXT},
                  {"id": "b", "text": EN_TEXT}, {"id": "a", "text": ES_TEXT})
    docs, errors = split(iter_jsonl(path))
    assert [doc.id for doc in docs] == ["a", "b"]
    assert docs[0].text == EN_TEXT
    (error,) = errors
    assert_actionable(error, "a", "duplicate id", "line 3", "line 1", "unique")


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "none.jsonl"
    path.write_bytes(content)
    (error,) = list(iter_jsonl(path))
    assert isinstance(error, ReadError)
    assert_actionable(error, "none.jsonl", "empty")


def test_missing_file(tmp_path: Path) -> None:
    (error,) = list(iter_jsonl(tmp_path / "absent.jsonl"))
    assert isinstance(error, ReadError)
    assert_actionable(error, "absent.jsonl", "not found")


def test_binary_line(tmp_path: Path) -> None:
    path = tmp_path / "bin.jsonl"
    good = json.dumps({"id": "ok", "text": EN_TEXT}).encode()
    path.write_bytes(b"\x00\x01\x02\xff\xfe garbage\n" + good + b"\n")
    items = list(iter_jsonl(path))
    assert isinstance(items[0], ReadError) and isinstance(items[1], Document)
    assert_actionable(items[0], "bin.jsonl:1", "binary")


def test_oversized_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"id": "huge", "text": "a" * 10_000})
    path.write_text("\n".join([json.dumps({"id": "small", "text": EN_TEXT}), huge,
                               json.dumps({"id": "last", "text": ES_TEXT})]), encoding="utf-8")
    items = list(iter_jsonl(path, max_bytes=1_000))
    assert [getattr(item, "id", None) for item in items] == ["small", None, "last"]
    assert_actionable(items[1], "big.jsonl:2", "too large", "split")  # type: ignore[arg-type]


def test_text_over_the_limit_within_a_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "t.jsonl", {"id": "long", "text": "é" * 700})  # 1,400 bytes
    (error,) = list(iter_jsonl(path, max_bytes=1_000))
    assert isinstance(error, ReadError)
    assert_actionable(error, "long", "too large", "1,000 bytes")


class CountingStream(io.StringIO):
    """A text stream that counts how many lines have been pulled from it."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.lines_read = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.lines_read += 1
        return super().readline(-1 if size is None else size)


def test_streams_line_by_line() -> None:
    stream = CountingStream("".join(
        json.dumps({"id": f"d{n}", "text": EN_TEXT}) + "\n" for n in range(5_000)))
    iterator = iter_jsonl(stream, label="<stdin>")
    first = next(iterator)
    assert isinstance(first, Document) and first.id == "d0"
    assert stream.lines_read <= 2
    assert sum(1 for _ in iterator) == 4_999


def test_stream_label_names_errors() -> None:
    stream = io.StringIO('{"id": "s", "text": "x"}\nnot json\n')
    docs, errors = split(iter_jsonl(stream, label="<stdin>"))
    assert [doc.id for doc in docs] == ["s"] and docs[0].source_path is None
    assert_actionable(errors[0], "<stdin>:2", "malformed JSON")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.tuples(st.text(min_size=1), st.text(min_size=1)), min_size=1,
                        max_size=5, unique_by=lambda pair: pair[0]),
       ensure_ascii=st.booleans())
def test_round_trip(tmp_path: Path, records: list[tuple[str, str]], ensure_ascii: bool) -> None:
    path = tmp_path / "round.jsonl"
    path.write_text("".join(json.dumps({"id": doc_id, "text": text}, ensure_ascii=ensure_ascii)
                            + "\n" for doc_id, text in records), encoding="utf-8")
    items = list(iter_jsonl(path))
    assert len(items) == len(records)
    for (doc_id, text), item in zip(records, items, strict=True):
        if doc_id.strip() and text.strip():
            assert isinstance(item, Document)
            assert (item.id, item.text) == (doc_id, text)
        else:
            assert isinstance(item, ReadError)
