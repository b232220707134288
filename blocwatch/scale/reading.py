"""Reading one partition on a worker, exactly as the single-process reader reads those files.

A whole file goes through the reader's own file reader; a chunk of a JSON Lines file goes
through the reader's own line parser, fed the chunk's bytes after blank lines that stand for
the lines before it (blank lines are skipped), so line numbers in errors stay true. Documents
then get the run's default date and language as `iter_documents` gives them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from blocwatch.contract import Document
from blocwatch.errors import ReadError
from blocwatch.read._common import DEFAULT_MAX_BYTES, os_error
from blocwatch.read.documents import _finish_all, _guarded, _Reader
from blocwatch.read.jsonl import _byte_lines, _iter_records
from blocwatch.read.language import check_lang_option
from blocwatch.scale.partitions import Partition, Unit

Item = Document | ReadError


def read_partition(partition: Partition, *, date: dt.date | None = None, lang: str = "auto",
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """The documents (and read errors) of one partition, in reading order."""
    option = check_lang_option(lang)
    reader = _Reader(date=date, stdin=None, max_bytes=max_bytes, timeout=10)

    def raw() -> Iterator[Item]:
        for unit in partition.units:
            if unit.chunked:
                yield from _guarded(_read_chunk(unit, max_bytes=max_bytes), label=unit.doc_id)
            else:
                yield from reader.read_file(Path(unit.path), doc_id=unit.doc_id,
                                            explicit=unit.explicit)

    return _finish_all(raw(), date=date, lang=option)


def _read_chunk(unit: Unit, *, max_bytes: int) -> Iterator[Item]:
    try:
        with open(unit.path, "rb") as handle:
            handle.seek(unit.start)
            data = handle.read(unit.end - unit.start)
    except OSError as exc:
        yield os_error(unit.doc_id, exc)
        return
    stream = io.BytesIO(b"\n" * (unit.first_line - 1) + data)
    lines = _byte_lines(stream, label=unit.doc_id, max_bytes=max_bytes)
    yield from _iter_records(lines, label=unit.doc_id, source_path=unit.path,
                             max_bytes=max_bytes)
