"""Opening a store, read-only SQL over it, and events as data frames."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import duckdb
import pyarrow as pa

from blocwatch.errors import QueryError, StoreError
from blocwatch.store import derive, schema
from blocwatch.store.rows import as_date

log = logging.getLogger(__name__)

FrameKind = Literal["arrow", "pandas", "polars"]

_READ_TYPES = {duckdb.StatementType.SELECT}
# PRAGMAs that only report; others change settings or write.
_READ_PRAGMAS = {
    "table_info", "show_tables", "show_tables_expanded", "database_size", "storage_info",
    "show", "version", "database_list", "functions", "platform", "metadata_info",
}
_PRAGMA_NAME = re.compile(r"^\s*PRAGMA\s+(\w+)", re.IGNORECASE)
_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(ANALY[SZ]E\s+)?", re.IGNORECASE)


class Store:
    """An open event store: a DuckDB connection with the blocwatch schema.

    Use `open_store` to get one. `con` is the underlying connection, for the library's own
    modules; users query through `query` and `events_frame`.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, path: Path | None,
                 read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- life cycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        where = str(self.path) if self.path else ":memory:"
        return f"Store({where!r}, read_only={self.read_only})"

    @property
    def schema_version(self) -> int:
        return schema.current_version(self.con)

    # -- reading ------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pa.Table:
        """Run one read-only SQL statement and return its rows as an Arrow table.

        Raises `QueryError` for anything but a read (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW,
        SUMMARIZE, EXPLAIN of a read, reporting PRAGMAs) or for SQL DuckDB rejects.
        """
        check_read_only(sql)
        try:
            return self.con.sql(sql, params=params).to_arrow_table()
        except duckdb.Error as e:
            raise QueryError(f"query failed: {e}") from e

    def events_frame(self, *, start: dt.date | str | None = None,
                     end: dt.date | str | None = None, actors: Sequence[str] | None = None,
                     types: Sequence[str] | None = None, kind: FrameKind = "arrow") -> Any:
        """Deduplicated events, filtered, as an Arrow table, pandas or polars frame.

        `start`/`end` bound `date` (inclusive); `actors` keeps events whose source or target
        code is listed; `types` keeps those PLOVER types. Rows are ordered by date, event_key.
        """
        where, params = _events_filter(start=start, end=end, actors=actors, types=types)
        sql = f"SELECT * FROM events {where} ORDER BY date, event_key"
        try:
            rel = self.con.sql(sql, params=params)
            return _materialise(rel, kind)
        except duckdb.Error as e:
            raise QueryError(f"events query failed: {e}") from e

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (for summaries and tests)."""
        tables = ("documents", "sentences", "event_mentions", "events", "event_links",
                  "bad_documents", "runs")
        return {t: _scalar(self.con, f"SELECT count(*) FROM {t}") for t in tables}

    # -- maintenance --------------------------------------------------------------------------
    def compact(self) -> None:
        """Store `events` in dyad order, which keeps dyad and date-range queries fast."""
        derive.compact_events(self.con)


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (creating and migrating when writable) the store at `path`; None is in memory."""
    if path is None:
        if read_only:
            raise StoreError("an in-memory store cannot be read-only: it would be empty")
        con = duckdb.connect(":memory:")
        schema.migrate(con)
        return Store(con, path=None, read_only=False)
    file = Path(path)
    if read_only and not file.exists():
        raise StoreError(f"{file}: no store there; create it with `blocwatch ingest`")
    try:
        con = duckdb.connect(str(file), read_only=read_only)
    except duckdb.Error as e:
        raise StoreError(f"{file}: cannot open the store: {e}") from e
    try:
        if read_only:
            schema.check_version(con)
        else:
            schema.migrate(con)
    except StoreError:
        con.close()
        raise
    return Store(con, path=file, read_only=read_only)


def check_read_only(sql: str) -> None:
    """Raise `QueryError` unless `sql` is exactly one statement that only reads."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryError(f"cannot parse the query: {e}") from e
    if len(statements) != 1:
        raise QueryError(f"give exactly one SQL statement (got {len(statements)})")
    if not _is_read(statements[0].type, sql):
        raise QueryError(
            f"only read queries are allowed (SELECT, WITH, DESCRIBE, SHOW, ...), "
            f"not {statements[0].type.name}"
        )


def _is_read(kind: duckdb.StatementType, sql: str) -> bool:
    if kind in _READ_TYPES:
        return True
    if kind == duckdb.StatementType.PRAGMA:
        match = _PRAGMA_NAME.match(sql)
        return bool(match and match.group(1).lower() in _READ_PRAGMAS)
    if kind == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs its statement: it is a read only when that statement is.
        inner = _EXPLAIN.sub("", sql, count=1)
        inner_statements = duckdb.extract_statements(inner)
        return len(inner_statements) == 1 and _is_read(inner_statements[0].type, inner)
    return False


def _events_filter(*, start: dt.date | str | None, end: dt.date | str | None,
                   actors: Sequence[str] | None,
                   types: Sequence[str] | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if start is not None:
        clauses.append("date >= ?")
        params.append(_date_arg(start, "start"))
    if end is not None:
        clauses.append("date <= ?")
        params.append(_date_arg(end, "end"))
    if actors:
        clauses.append("(list_contains(?, source_code) OR list_contains(?, target_code))")
        params += [list(actors), list(actors)]
    if types:
        clauses.append("list_contains(?, type)")
        params.append([t.upper() for t in types])
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _date_arg(value: dt.date | str, name: str) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError as e:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from e


def _materialise(rel: duckdb.DuckDBPyRelation, kind: str) -> Any:
    if kind == "arrow":
        return rel.to_arrow_table()
    if kind == "pandas":
        return rel.df()
    if kind == "polars":
        return rel.pl()
    raise QueryError(f"kind must be arrow, pandas or polars, not {kind!r}")


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> int:
    return int(schema.scalar(con, sql, params) or 0)
