"""Read-only SQL and event frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from store_helpers import ScriptedCoder, doc

from blocwatch.errors import QueryError
from blocwatch.store import Store, check_read_only, ingest_documents


@pytest.fixture
def filled(store: Store) -> Store:
    ingest_documents(store, [
        doc("a", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. VEN ACCUSE USA 2021-01-05 112."),
        doc("b", "COL/GOV REJECT VEN/GOV 2021-10-02 120. USA SANCTION VEN 2022-03-01 163."),
    ], coder=ScriptedCoder())
    return store


@pytest.mark.parametrize("sql", [
    "SELECT 1",
    "  select * from events",
    "WITH e AS (SELECT * FROM events) SELECT count(*) FROM e",
    "FROM events",
    "DESCRIBE events",
    "SHOW TABLES",
    "SUMMARIZE events",
    "VALUES (1), (2)",
    "EXPLAIN SELECT * FROM events",
    "PRAGMA table_info('events')",
    "-- a comment\nSELECT 1;",
])
def test_reads_are_allowed(filled: Store, sql: str) -> None:
    check_read_only(sql)
    assert isinstance(filled.query(sql), pa.Table)


@pytest.mark.parametrize("sql", [
    "DELETE FROM events",
    "INSERT INTO events SELECT * FROM events",
    "UPDATE events SET mentions = 0",
    "DROP TABLE events",
    "CREATE TABLE x AS SELECT 1",
    "WITH e AS (SELECT 1) INSERT INTO bad_documents SELECT NULL, NULL, 'x', now() FROM e",
    "COPY events TO 'out.csv'",
    "ATTACH 'other.duckdb'",
    "SET threads = 1",
    "CHECKPOINT",
    "CALL pragma_version()",
    "PRAGMA enable_profiling",
    "EXPLAIN ANALYZE DELETE FROM events",
    "SELECT 1; DROP TABLE events",
    "BEGIN TRANSACTION",
])
def test_writes_and_side_effects_are_refused(filled: Store, sql: str) -> None:
    before = filled.query("SELECT count(*) AS n FROM events")
    with pytest.raises(QueryError):
        filled.query(sql)
    assert filled.query("SELECT count(*) AS n FROM events") == before


def test_bad_sql_is_a_query_error(filled: Store) -> None:
    with pytest.raises(QueryError, match="parse"):
        filled.query("SELEKT 1")
    with pytest.raises(QueryError, match="query failed"):
        filled.query("SELECT * FROM no_such_table")


def test_query_takes_parameters(filled: Store) -> None:
    got = filled.query("SELECT type FROM events WHERE source_code = ?", ["COL"])
    assert got["type"].to_pylist() == ["REJECT"]


@pytest.mark.parametrize(("kwargs", "types"), [
    ({}, ["ACCUSE", "CONSULT", "REJECT", "SANCTION"]),
    ({"start": "2021-02-01"}, ["CONSULT", "REJECT", "SANCTION"]),
    ({"start": dt.date(2021, 2, 1), "end": "2021-12-31"}, ["CONSULT", "REJECT"]),
    ({"actors": ["VEN"]}, ["ACCUSE", "REJECT", "SANCTION"]),
    ({"actors": ["VEN"], "types": ["sanction", "REJECT"]}, ["REJECT", "SANCTION"]),
    ({"types": ["AID"]}, []),
])
def test_events_frame_filters(filled: Store, kwargs: dict[str, object],
                              types: list[str]) -> None:
    frame = filled.events_frame(**kwargs)  # type: ignore[arg-type]
    assert sorted(frame["type"].to_pylist()) == types


@pytest.mark.parametrize(("kind", "cls"), [
    ("arrow", pa.Table), ("pandas", pd.DataFrame), ("polars", pl.DataFrame),
])
def test_events_frame_kinds(filled: Store, kind: str, cls: type) -> None:
    frame = filled.events_frame(kind=kind)  # type: ignore[arg-type]
    assert isinstance(frame, cls) and len(frame) == 4
    assert list(frame.columns if kind != "arrow" else frame.column_names)[:3] == [
        "event_key", "date", "year"]


def test_events_frame_rejects_bad_arguments(filled: Store) -> None:
    with pytest.raises(QueryError, match="kind"):
        filled.events_frame(kind="excel")  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="start"):
        filled.events_frame(start="last tuesday")
