"""Ingest: idempotent, wire copies marked, bad documents recorded, `events` consistent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import ScriptedCoder, doc, snapshot

from blocwatch.contract import Document
from blocwatch.errors import ReadError, StoreError
from blocwatch.store import Store, ingest_documents, open_store
from blocwatch.store.derive import rebuild_all

CORPUS = [
    doc("a", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. Filler sentence. VEN ACCUSE USA - 112."),
    doc("b", "MEX/GOV CONSULT PER/GOV 2021-09-18 042. PER/GOV CONSULT MEX/GOV 2021-09-18 042."),
    doc("c", "VEN ACCUSE USA - 112 not. OAS/IGO SUPPORT - 2021-09-01 050 maybe."),
    doc("d", "COL/GOV REJECT VEN/GOV 2021-10-02 120. PER/GOV CONSULT MEX/GOV 2021-09-18 042."),
    doc("e", "LIMA (AP) — COL/GOV REJECT VEN/GOV 2021-10-02 120. "
        "PER/GOV CONSULT MEX/GOV 2021-09-18 042.", date="2021-10-03"),
    doc("f", "No events here at all."),
]


def _ingest(store: Store, docs: list[Any], **kw: Any) -> Any:
    return ingest_documents(store, docs, coder=kw.pop("coder", ScriptedCoder()), **kw)


def _events(store: Store) -> dict[tuple[Any, ...], dict[str, Any]]:
    rows = store.query("SELECT * FROM events").to_pylist()
    return {(r["date"] and r["date"].isoformat(), r["source_code"], r["target_code"],
             r["type"]): r for r in rows}


def test_ingest_stores_documents_mentions_and_events(store: Store) -> None:
    report = _ingest(store, CORPUS, batch_size=2)
    assert (report.read, report.documents, report.duplicates, report.skipped) == (6, 6, 1, 0)
    assert report.mentions == 10 and not report.bad
    counts = store.counts()
    assert counts["documents"] == 6 and counts["event_mentions"] == 10
    consult = _events(store)[("2021-09-18", "PER", "MEX", "CONSULT")]
    # a, b, d and e's wire copy of d: four mentions, three distinct stories.
    assert (consult["mentions"], consult["sources"], consult["first_doc_id"]) == (4, 3, "a")
    assert consult["month"].isoformat() == "2021-09-01" and consult["year"] == 2021
    assert consult["location_country"] == "PER"


def test_only_factual_mentions_make_events(store: Store) -> None:
    _ingest(store, CORPUS)
    keys = _events(store)
    assert (None, "VEN", "USA", "ACCUSE") in keys  # from a, factual
    assert keys[(None, "VEN", "USA", "ACCUSE")]["mentions"] == 1  # c's is negated
    assert not [k for k in keys if k[3] == "SUPPORT"]  # hypothetical only
    flags = store.query("SELECT count(*) AS n FROM event_mentions WHERE negated OR hypothetical")
    assert flags["n"][0].as_py() == 2  # stored all the same


def test_wire_copy_is_marked_and_not_counted_as_a_source(store: Store) -> None:
    _ingest(store, CORPUS)
    dups = store.query("SELECT doc_id, dup_of FROM documents WHERE dup_of IS NOT NULL")
    assert dups.to_pylist() == [{"doc_id": "e", "dup_of": "d"}]
    reject = _events(store)[("2021-10-02", "COL", "VEN", "REJECT")]
    assert (reject["mentions"], reject["sources"], reject["first_doc_id"]) == (2, 1, "d")


def test_a_copy_arriving_later_points_at_the_stored_original(store: Store) -> None:
    _ingest(store, CORPUS[:4])
    report = _ingest(store, CORPUS[4:])
    assert report.duplicates == 1
    assert store.query("SELECT dup_of FROM documents WHERE doc_id = 'e'")["dup_of"][0].as_py() \
        == "d"


def test_ingest_is_idempotent(store: Store) -> None:
    _ingest(store, CORPUS, batch_size=4)
    before = snapshot(store)
    report = _ingest(store, CORPUS, batch_size=3)
    assert (report.documents, report.skipped, report.mentions) == (0, 6, 0)
    assert snapshot(store) == before


def test_same_text_under_another_id_is_skipped(store: Store) -> None:
    _ingest(store, CORPUS[:1])
    report = _ingest(store, [doc("a-again", CORPUS[0].text)])
    assert report.skipped == 1 and store.counts()["documents"] == 1


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 7), st.permutations(range(len(CORPUS))))
def test_events_do_not_depend_on_batches_or_order(batch_size: int, order: list[int]) -> None:
    docs = [CORPUS[i] for i in order]
    with open_store() as store, open_store() as reference:
        _ingest(store, docs, batch_size=batch_size)
        _ingest(reference, CORPUS, batch_size=len(CORPUS))
        got, want = snapshot(store), snapshot(reference)
        # Which copy is the original depends on arrival order; everything else must not.
        if order.index(3) < order.index(4):
            assert got == want


def test_incremental_events_equal_a_full_rebuild(store: Store) -> None:
    for i in range(0, len(CORPUS), 2):
        _ingest(store, CORPUS[i:i + 2], batch_size=1)
    incremental = snapshot(store)
    store.con.execute("BEGIN TRANSACTION")
    rebuild_all(store.con)
    store.con.execute("COMMIT")
    assert snapshot(store) == incremental


BAD_STREAM: list[Document | ReadError] = [
    doc("ok-1", "PER/GOV CONSULT MEX/GOV 2021-09-18 042."),
    ReadError("broken.html", "cannot decode the file", hint="save it as UTF-8"),
    doc("crash", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. CRASH."),
    doc("ok-2", "COL/GOV REJECT VEN/GOV 2021-10-02 120."),
]


def test_bad_documents_are_recorded_and_the_run_goes_on(store: Store) -> None:
    report = _ingest(store, BAD_STREAM, batch_size=2)
    assert report.documents == 2
    assert [(b.doc_id, b.reason) for b in report.bad] == [
        ("broken.html", "cannot decode the file (save it as UTF-8)"),
        ("crash", "coding failed: RuntimeError: scripted failure"),
    ]
    rows = store.query("SELECT doc_id, reason FROM bad_documents ORDER BY doc_id").to_pylist()
    assert [r["doc_id"] for r in rows] == ["broken.html", "crash"]
    assert store.query("SELECT doc_id FROM documents ORDER BY doc_id")["doc_id"].to_pylist() \
        == ["ok-1", "ok-2"]


def test_bad_documents_are_recorded_once(store: Store) -> None:
    _ingest(store, BAD_STREAM)
    _ingest(store, BAD_STREAM)
    assert store.counts()["bad_documents"] == 2


def test_a_new_text_under_a_stored_id_is_bad(store: Store) -> None:
    _ingest(store, [doc("a", "PER/GOV CONSULT MEX/GOV 2021-09-18 042.")])
    report = _ingest(store, [doc("a", "COL/GOV REJECT VEN/GOV 2021-10-02 120.")])
    assert report.documents == 0
    assert "already stored under this id" in report.bad[0].reason


def test_progress_reports_running_totals(store: Store) -> None:
    calls: list[tuple[int, int, int]] = []
    _ingest(store, BAD_STREAM, batch_size=2, progress=lambda *a: calls.append(a))
    assert calls == [(2, 1, 1), (4, 2, 2)]


def test_runs_are_recorded(store: Store) -> None:
    _ingest(store, BAD_STREAM, coder=ScriptedCoder("scripted 7"))
    run = store.query("SELECT * FROM runs").to_pylist()[0]
    assert (run["kind"], run["status"], run["coder_version"]) == ("ingest", "done", "scripted 7")
    assert (run["documents"], run["mentions"], run["bad"]) == (2, 2, 2)
    assert run["finished_at"] >= run["started_at"]
    versions = store.query("SELECT DISTINCT coder_version FROM documents")
    assert versions["coder_version"].to_pylist() == ["scripted 7"]


def test_a_killed_run_is_marked_interrupted(store: Store) -> None:
    store.con.execute("INSERT INTO runs (run_id, kind, started_at, status) "
                      "VALUES (1, 'ingest', now(), 'running')")
    _ingest(store, CORPUS[:1])
    statuses = store.query("SELECT status FROM runs ORDER BY run_id")["status"].to_pylist()
    assert statuses == ["interrupted", "done"]


def test_a_failing_batch_rolls_back_whole(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _ingest(store, CORPUS[:2])
    before = snapshot(store)

    def broken(con: Any, keys_table: str) -> None:
        con.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr("blocwatch.store.derive.rebuild_keys", broken)
    with pytest.raises(StoreError, match="writing a batch"):
        _ingest(store, CORPUS[2:])
    assert snapshot(store) == before
    assert store.query("SELECT status FROM runs WHERE run_id = 2")["status"][0].as_py() \
        == "failed"


def test_read_only_store_refuses_ingest(tmp_path: Any) -> None:
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        _ingest(store, CORPUS)


def _constraints(store: Store, table: str) -> list[str]:
    got = store.query("SELECT constraint_text FROM duckdb_constraints() WHERE table_name = ? "
                      "ORDER BY constraint_text", [table])
    return got["constraint_text"].to_pylist()


def test_compaction_keeps_rows_order_and_constraints(store: Store) -> None:
    _ingest(store, CORPUS, compact=False)
    before, constraints = snapshot(store), _constraints(store, "events")
    assert "PRIMARY KEY(event_key)" in constraints
    store.compact()
    assert snapshot(store) == before and _constraints(store, "events") == constraints
    stored = store.query("SELECT source_code, target_code, date FROM events").to_pylist()
    last = "\uffff"  # NULLs sort last, as in DuckDB
    key = [(r["source_code"] or last, r["target_code"] or last, r["date"] or dt.date.max)
           for r in stored]
    assert key == sorted(key)


def test_full_rebuild_keeps_constraints(store: Store) -> None:
    _ingest(store, CORPUS)
    constraints = {t: _constraints(store, t) for t in ("events", "event_links")}
    store.con.execute("BEGIN TRANSACTION")
    rebuild_all(store.con)
    store.con.execute("COMMIT")
    assert {t: _constraints(store, t) for t in constraints} == constraints
