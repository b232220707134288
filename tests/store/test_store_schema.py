"""Opening stores: migrations from an empty file, versions, read-only rules."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from blocwatch.errors import StoreError
from blocwatch.store import SCHEMA_VERSION, open_store
from blocwatch.store.schema import MIGRATIONS, migrate

TABLES = {"schema_version", "documents", "sentences", "event_mentions", "events",
          "event_links", "bad_documents", "runs"}
EVENTS_COLUMNS = [
    "event_key", "date", "year", "month", "type", "mode", "cameo", "quad_class", "goldstein",
    "source_code", "source_sector", "target_code", "target_sector", "location_country",
    "mentions", "sources", "first_doc_id", "confidence",
]


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}


def test_migrates_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        assert _tables(store.con) >= TABLES
    with open_store(path, read_only=True) as store:
        versions = store.query("SELECT version FROM schema_version ORDER BY version")
        assert versions.column("version").to_pylist() == list(range(1, SCHEMA_VERSION + 1))


def test_migrates_an_existing_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "plain.duckdb"
    duckdb.connect(str(path)).close()
    with open_store(path) as store:
        assert _tables(store.con) >= TABLES


def test_events_columns_are_the_shared_interface() -> None:
    with open_store() as store:
        assert store.query("SELECT * FROM events LIMIT 0").column_names == EVENTS_COLUMNS


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    with open_store(path) as store:
        assert migrate(store.con) == SCHEMA_VERSION
        assert store.query("SELECT count(*) AS n FROM schema_version")["n"][0].as_py() == (
            SCHEMA_VERSION)


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with open_store(path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 1])
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer"):
            open_store(path, read_only=read_only)


def test_read_only_needs_an_existing_migrated_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    duckdb.connect(str(tmp_path / "old.duckdb")).close()
    with pytest.raises(StoreError, match="migrate"):
        open_store(tmp_path / "old.duckdb", read_only=True)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(duckdb.Error):
        store.con.execute("DELETE FROM events")


def test_a_failed_migration_leaves_the_version(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    broken = [*MIGRATIONS, ("CREATE TABLE extra (x INTEGER)", "THIS IS NOT SQL")]
    monkeypatch.setattr("blocwatch.store.schema.MIGRATIONS", broken)
    monkeypatch.setattr("blocwatch.store.schema.SCHEMA_VERSION", len(broken))
    with pytest.raises(StoreError, match="migration to schema version"):
        open_store(path)
    monkeypatch.undo()
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert "extra" not in _tables(store.con)
