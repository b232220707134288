"""The Parquet part files a Dask run writes, one per partition, and how to read them back.

Each `part-NNNNN.parquet` holds the partition's events as flat `event_mentions` rows (the
store's own flattening, without the `run_id` and `event_key` the store adds), in reading order,
and in its schema metadata (key `blocwatch`) a JSON record of what the partition did: its key,
the documents it coded (ids and where they were read) and the errors it met. A part is written
to a temporary name and renamed, so a part file that exists is complete.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from blocwatch.contract import Event
from blocwatch.errors import ReadError, StoreError
from blocwatch.store.rows import MENTION_SCHEMA, mentions_table, row_to_event
from blocwatch.store.schema import EVENT_KEY_SQL

log = logging.getLogger(__name__)

META_KEY = b"blocwatch"
PART_GLOB = "part-*.parquet"


@dataclass(slots=True)
class PartInfo:
    """What one partition did (stored in its part file's metadata)."""

    index: int
    key: str
    doc_ids: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: bool = False  # True when a rerun found the part already written

    def to_json(self) -> str:
        return json.dumps({"index": self.index, "key": self.key, "doc_ids": self.doc_ids,
                           "origins": self.origins, "events": self.events,
                           "errors": self.errors}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> PartInfo:
        data = json.loads(text)
        return cls(index=int(data["index"]), key=str(data["key"]),
                   doc_ids=list(data["doc_ids"]), origins=list(data["origins"]),
                   events=int(data["events"]), errors=list(data["errors"]))

    @property
    def documents(self) -> int:
        return len(self.doc_ids)

    def read_errors(self) -> list[ReadError]:
        return [error_from_dict(e) for e in self.errors]


def error_to_dict(error: ReadError) -> dict[str, Any]:
    return {"doc_id": error.doc_id, "reason": error.reason, "hint": error.hint,
            "path": error.path}


def error_from_dict(data: dict[str, Any]) -> ReadError:
    return ReadError(data["doc_id"], data["reason"], hint=data.get("hint") or "",
                     path=data.get("path"))


def part_path(out_dir: str | Path, index: int) -> Path:
    return Path(out_dir) / f"part-{index:05d}.parquet"


def events_table(events_by_doc: Iterable[list[Event]]) -> pa.Table:
    """Events in `event_mentions` layout, `mention_index` counting within each document."""
    return mentions_table((i, e) for events in events_by_doc for i, e in enumerate(events))


def write_part(out_dir: str | Path, info: PartInfo, table: pa.Table) -> Path:
    """Write a part atomically: a fixed temporary name (a retry overwrites it), then rename."""
    final = part_path(out_dir, info.index)
    temp = final.with_name(f".{final.name}.tmp")
    metadata = dict(table.schema.metadata or {})
    metadata[META_KEY] = info.to_json().encode("utf-8")
    pq.write_table(table.replace_schema_metadata(metadata), temp, compression="zstd")
    with open(temp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, final)
    return final


def read_info(path: str | Path) -> PartInfo | None:
    """The metadata of a part file; None when it is missing or unreadable."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    raw = metadata.get(META_KEY)
    if raw is None:
        return None
    try:
        return PartInfo.from_json(raw)
    except (ValueError, KeyError, TypeError):
        return None


def part_files(out_dir: str | Path) -> list[Path]:
    """The part files of a directory, in partition order."""
    return sorted(Path(out_dir).glob(PART_GLOB))


def iter_part_events(out_dir: str | Path) -> Iterator[Event]:
    """Every event of a directory of parts, in reading order (as a single process codes
    them), rebuilt with the store's `row_to_event`."""
    for path in part_files(out_dir):
        table = pq.read_table(path, schema=MENTION_SCHEMA)
        for row in table.to_pylist():
            yield row_to_event(row)


def attach_parquet(store: Any, out_dir: str | Path, *, name: str = "parquet_mentions") -> str:
    """Make the parts readable in `store` as a view `name`, without copying them.

    The view has exactly the columns of `event_mentions` (`run_id` is NULL, `event_key` is
    computed as the store computes it), so `SELECT * FROM event_mentions UNION ALL SELECT *
    FROM parquet_mentions` works. It is a temporary view: it lives as long as the connection
    and leaves the database file unchanged (read-only stores can attach too). Returns `name`.
    """
    if not name.isidentifier():
        raise StoreError(f"{name!r} is not a valid view name")
    files = part_files(out_dir)
    if not files:
        raise StoreError(f"{out_dir}: no part files (part-*.parquet) to attach")
    pattern = str(Path(out_dir).resolve() / PART_GLOB).replace("'", "''")
    columns = ", ".join(f'"{c}"' for c in MENTION_SCHEMA.names)
    store.con.execute(
        f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {columns}, "
        f"CAST(NULL AS INTEGER) AS run_id, {EVENT_KEY_SQL} AS event_key "
        f"FROM read_parquet('{pattern}')"
    )
    return name


def write_events_jsonl(out_dir: str | Path, sink: IO[str]) -> int:
    """Write the parts' events as the `code` command does (one JSON object per line, in
    reading order); returns how many were written."""
    count = 0
    for event in iter_part_events(out_dir):
        sink.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count
