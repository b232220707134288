"""`dyad_month`: the events summed per month and directed dyad, kept current by the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from store_helpers import ScriptedCoder, doc

from blocwatch.store import SCHEMA_VERSION, Store, ingest_documents, open_store, recode
from blocwatch.store.derive import rebuild_dyad_month
from blocwatch.store.schema import DYAD_MONTH_TYPES, MIGRATIONS

DOCS = [
    doc("a", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. VEN ACCUSE USA - 112."),
    doc("b", "MEX/GOV CONSULT PER/GOV 2021-09-19 042. PER/GOV CONSULT MEX/GOV 2021-09-18 042."),
    doc("c", "VEN ACCUSE USA - 112 not. OAS/IGO SUPPORT - 2021-09-01 050."),
    doc("d", "COL/GOV REJECT VEN/GOV 2021-10-02 120. PER/GOV CONSULT MEX/GOV 2021-11-18 042."),
    doc("e", "COL/GOV REJECT VEN/GOV 2021-10-02 120. VEN/GOV ACCUSE COL/GOV 2022-01-05 112.",
        date="2021-10-03"),
    doc("f", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. MEX/GOV REJECT PER/GOV 2021-09-30 120."),
]


def _ingest(store: Store, docs: list[Any], **kw: Any) -> None:
    ingest_documents(store, docs, coder=kw.pop("coder", ScriptedCoder()), **kw)


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return sorted(con.execute("SELECT * FROM dyad_month").fetchall(), key=repr)


def _rebuilt(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    con.execute("BEGIN TRANSACTION")
    rebuild_dyad_month(con)
    rows = _rows(con)
    con.execute("ROLLBACK")
    return rows


def test_the_type_columns_follow_the_contract() -> None:
    from blocwatch.contract import PLOVER_TYPES

    assert DYAD_MONTH_TYPES == PLOVER_TYPES


def test_sums_match_the_events(store: Store) -> None:
    _ingest(store, DOCS)
    got = store.query(
        "SELECT month, source_code, target_code, events, consult, reject, verbal_coop, "
        "verbal_conflict, net_coop, first_date, last_date FROM dyad_month "
        "WHERE source_code = 'PER' AND target_code = 'MEX' ORDER BY month").to_pylist()
    assert [(str(r["month"]), r["events"], r["consult"], str(r["first_date"]),
             str(r["last_date"])) for r in got] == [
        ("2021-09-01", 1, 1, "2021-09-18", "2021-09-18"),
        ("2021-11-01", 1, 1, "2021-11-18", "2021-11-18"),
    ]
    total = store.query("SELECT sum(events) AS n FROM dyad_month")["n"][0].as_py()
    dated = store.query("SELECT count(*) AS n FROM events WHERE date IS NOT NULL")["n"][0]
    assert total == dated.as_py()


@pytest.mark.parametrize("batch_size", [1, 2, 100])
def test_incremental_upkeep_equals_a_rebuild(store: Store, batch_size: int) -> None:
    for i in range(0, len(DOCS), 2):
        _ingest(store, DOCS[i:i + 2], batch_size=batch_size, compact=False)
    assert _rows(store.con) and _rows(store.con) == _rebuilt(store.con)


def test_compaction_and_recode_keep_it_current(store: Store) -> None:
    _ingest(store, DOCS, compact=False)
    before = _rows(store.con)
    store.compact()
    assert _rows(store.con) == before
    recode(store, coder=ScriptedCoder("scripted 2"))
    assert _rows(store.con) == before == _rebuilt(store.con)


def test_a_version_1_store_migrates_forward(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    with open_store(path) as store:
        _ingest(store, DOCS)
        want = _rows(store.con)
    with duckdb.connect(str(path)) as con:  # back to what version 1 stored
        con.execute("DROP TABLE dyad_month")
        con.execute("DELETE FROM schema_version WHERE version > 1")
    with pytest.raises(Exception, match="migrate"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        assert _rows(store.con) == want
