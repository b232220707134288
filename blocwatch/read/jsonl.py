"""JSON Lines: one document per line, streamed so memory stays flat however long the file.

Each line is read with a size cap: an over-long line is skipped chunk by chunk (never held
whole) and reported. A bad line is a ReadError naming the file and line; the rest goes on.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from blocwatch.contract import Document
from blocwatch.errors import ReadError
from blocwatch.read._common import (
    DEFAULT_MAX_BYTES,
    check_text_size,
    empty_error,
    format_size,
    is_blank,
    open_binary,
    os_error,
)
from blocwatch.read.dates import parse_iso_date
from blocwatch.read.decode import decode_bytes

logger = logging.getLogger(__name__)

LINE_SIZE_FACTOR = 2
"""A JSON line may be this many times `max_bytes` (escapes make JSON longer than its text)."""
LINE_HINT = 'each line must be one JSON object such as {"id": "doc-1", "text": "..."}'
FIELDS = ("id", "text", "date", "title", "url", "lang")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_TYPES = {
    dict: "object", list: "array", str: "string", int: "number", float: "number",
    bool: "boolean", type(None): "null",
}


def iter_jsonl(
    source: str | Path | TextIO,
    *,
    label: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadError]:
    """Stream Documents (or a ReadError per bad line) from a JSON Lines file or text stream.

    `source` is a path or an open text stream (standard input). `label` names the source in
    errors (default: the file name, or the stream's name). Required fields: `id` (a string,
    or an integer taken as its decimal string) and `text`; optional: `date` (ISO 8601 date or
    datetime), `title`, `url`, `lang`. Other fields are kept in `meta["extra"]`. The text is
    kept exactly as given. A repeated id within the source is an error for the later lines.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        return _iter_file(path, label=label or path.name, max_bytes=max_bytes)
    name = label or str(getattr(source, "name", "") or "<stream>")
    return _iter_records(_text_lines(source, label=name, max_bytes=max_bytes),
                         label=name, source_path=None, max_bytes=max_bytes)


def record_to_document(
    record: dict[str, Any], *, where: str, fallback_id: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Validate one JSON object and make it a Document; raise ReadError naming the problem.

    `where` locates the record in messages ("data.jsonl line 3"); `fallback_id` names the
    record in errors raised before its id is known.
    """
    doc_id = _record_id(record, fallback_id=fallback_id)

    def fail(problem: str, hint: str = LINE_HINT) -> ReadError:
        return ReadError(doc_id, f"{problem} ({where})", hint=hint)

    text = record.get("text")
    if text is None:
        raise fail('"text" is missing')
    if not isinstance(text, str):
        raise fail(f'"text" must be a string, not a JSON {_json_type(text)}')
    if is_blank(text):
        raise ReadError(doc_id, f"text is empty (no text, or only whitespace) ({where})",
                        hint="remove the record or fill in its text")
    if _SURROGATE.search(text) or _SURROGATE.search(doc_id):
        raise fail("invalid Unicode: a lone surrogate escape such as \\ud800",
                   hint="write the text as valid UTF-8 (a broken UTF-16 escape is usually "
                   "the cause)")
    check_text_size(text, doc_id=doc_id, max_bytes=max_bytes)
    optional = {name: _optional_string(record, name, fail) for name in ("title", "url", "lang")}
    extra = {key: value for key, value in record.items() if key not in FIELDS}
    meta: dict[str, Any] = {"date_source": "document" if record.get("date") else None}
    if extra:
        meta["extra"] = extra
    return Document(
        id=doc_id, text=text, date=_record_date(record, fail), title=optional["title"],
        url=optional["url"], lang=optional["lang"], meta=meta,
    )


def _iter_file(path: Path, *, label: str, max_bytes: int) -> Iterator[Document | ReadError]:
    try:
        handle = open_binary(path)
    except OSError as exc:
        yield os_error(label, exc)
        return
    with handle:
        try:
            head = handle.read(4)
            handle.seek(0)
        except OSError as exc:
            yield os_error(label, exc)
            return
        lines: Iterator[tuple[int, str | ReadError]]
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            stream = io.TextIOWrapper(handle, encoding="utf-16", newline="\n")
            lines = _text_lines(stream, label=label, max_bytes=max_bytes)
        else:
            lines = _byte_lines(handle, label=label, max_bytes=max_bytes)
        yield from _iter_records(lines, label=label, source_path=str(path), max_bytes=max_bytes)


def _iter_records(
    lines: Iterator[tuple[int, str | ReadError]],
    *,
    label: str,
    source_path: str | None,
    max_bytes: int,
) -> Iterator[Document | ReadError]:
    seen: dict[str, int] = {}
    any_line = False
    for number, line in lines:
        if isinstance(line, ReadError):
            any_line = True
            yield line
            continue
        if is_blank(line):
            continue
        any_line = True
        try:
            doc = _parse_line(line, label=label, number=number, max_bytes=max_bytes)
        except ReadError as error:
            yield error
            continue
        if doc.id in seen:
            yield ReadError(
                doc.id, f"duplicate id ({label} line {number}; first seen on line "
                f"{seen[doc.id]})", hint="give each document a unique id; this copy was skipped",
            )
            continue
        seen[doc.id] = number
        doc.source_path = source_path
        doc.meta["line"] = number
        yield doc
    if not any_line:
        yield empty_error(label, what="JSON Lines input (no records)")


def _parse_line(line: str, *, label: str, number: int, max_bytes: int) -> Document:
    position = f"{label}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReadError(position, f"malformed JSON: {exc.msg} (column {exc.colno})",
                        hint=LINE_HINT) from exc
    except (ValueError, RecursionError) as exc:
        raise ReadError(position, f"malformed JSON: {exc}", hint=LINE_HINT) from exc
    if not isinstance(record, dict):
        raise ReadError(position, f"a JSON {_json_type(record)}, not an object", hint=LINE_HINT)
    return record_to_document(record, where=f"{label} line {number}", fallback_id=position,
                              max_bytes=max_bytes)


def _record_id(record: dict[str, Any], *, fallback_id: str) -> str:
    value = record.get("id")
    if value is None:
        raise ReadError(fallback_id, '"id" is missing', hint=LINE_HINT)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ReadError(fallback_id, f'"id" must be a string, not a JSON {_json_type(value)}',
                        hint=LINE_HINT)
    if is_blank(value):
        raise ReadError(fallback_id, '"id" is empty', hint="give the record a non-empty id")
    return value


def _optional_string(record: dict[str, Any], name: str, fail: Any) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(f'"{name}" must be a string or null, not a JSON {_json_type(value)}')
    return value if value.strip() else None


def _record_date(record: dict[str, Any], fail: Any) -> dt.date | None:
    value = record.get("date")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    hint = "write the date as YYYY-MM-DD (or an ISO 8601 datetime), or leave it out"
    if not isinstance(value, str):
        raise fail(f'"date" must be an ISO 8601 string, not a JSON {_json_type(value)}', hint)
    try:
        return parse_iso_date(value)
    except ValueError:
        raise fail(f'"date" {value!r} is not an ISO 8601 date', hint) from None


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _byte_lines(
    handle: IO[bytes], *, label: str, max_bytes: int
) -> Iterator[tuple[int, str | ReadError]]:
    """(line number, decoded line or ReadError) from a binary file, UTF-8 expected."""
    warned = False
    for number, raw in _capped_lines(handle, label=label, max_bytes=max_bytes):
        if isinstance(raw, ReadError):
            yield number, raw
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield number, raw.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            text, encoding = decode_bytes(raw, doc_id=f"{label}:{number}", warn=False)
        except ReadError as error:
            yield number, error
            continue
        if not warned:
            logger.warning("%s: line %d is not UTF-8; decoded as %s (further lines like it "
                           "are decoded without warning)", label, number, encoding)
            warned = True
        yield number, text


def _text_lines(
    stream: IO[str], *, label: str, max_bytes: int
) -> Iterator[tuple[int, str | ReadError]]:
    """(line number, line or ReadError) from a text stream; stops at undecodable input."""
    try:
        yield from _capped_lines(stream, label=label, max_bytes=max_bytes)
    except UnicodeDecodeError as exc:
        yield 0, ReadError(
            label, f"the input is not valid text in its encoding ({exc.reason}); "
            "reading stopped", hint="send UTF-8 JSON Lines (one JSON object per line)",
        )


def _capped_lines(
    handle: IO[Any], *, label: str, max_bytes: int
) -> Iterator[tuple[int, Any]]:
    """Lines of at most max_bytes * LINE_SIZE_FACTOR units; longer ones become a ReadError."""
    limit = max_bytes * LINE_SIZE_FACTOR + 1
    number = 0
    while True:
        chunk = handle.readline(limit)
        if not chunk:
            return
        number += 1
        if len(chunk) < limit or _ends_line(chunk):
            yield number, chunk
            continue
        size = len(chunk) + _skip_rest_of_line(handle, limit)
        yield number, ReadError(
            f"{label}:{number}",
            f"document is too large: one line of {format_size(size)}, over the limit of "
            f"{format_size(limit - 1)} per JSON line ({format_size(max_bytes)} of text)",
            hint="split the text into several records, each under the limit, "
            "or raise the limit with max_bytes",
        )


def _skip_rest_of_line(handle: IO[Any], limit: int) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(limit)
        skipped += len(chunk)
        if not chunk or _ends_line(chunk):
            return skipped


def _ends_line(chunk: str | bytes) -> bool:
    return chunk[-1:] in ("\n", b"\n")
