"""Recode: a new coding swaps in whole, or not at all."""

from __future__ import annotations

import pytest
from store_helpers import ScriptedCoder, doc, snapshot

from blocwatch.contract import Document, Event
from blocwatch.errors import StoreError
from blocwatch.store import Store, ingest_documents, open_store, recode

DOCS = [
    doc("a", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. VEN ACCUSE USA - 112."),
    doc("b", "COL/GOV REJECT VEN/GOV 2021-10-02 120."),
    doc("c", "LIMA (AP) — COL/GOV REJECT VEN/GOV 2021-10-02 120."),
]


class NewerCoder(ScriptedCoder):
    """A 'better' coder: also reads the sentences its predecessor missed (lower case)."""

    def code(self, doc: Document) -> list[Event]:
        return super().code(Document(id=doc.id, text=doc.text.upper(), date=doc.date,
                                     lang=doc.lang))


class FailingCoder(ScriptedCoder):
    def code(self, doc: Document) -> list[Event]:
        if doc.id == "b":
            raise ValueError("the model is broken")
        return super().code(doc)


def _constraints(store: Store) -> list[tuple[str, str]]:
    got = store.query("SELECT table_name, constraint_text FROM duckdb_constraints() "
                      "ORDER BY ALL")
    return [(r["table_name"], r["constraint_text"]) for r in got.to_pylist()]


@pytest.fixture
def filled(store: Store) -> Store:
    ingest_documents(store, DOCS, coder=ScriptedCoder("scripted 1"))
    return store


def test_recode_with_the_same_coder_changes_nothing(filled: Store) -> None:
    before = snapshot(filled)
    report = recode(filled, coder=ScriptedCoder("scripted 1"), batch_size=2)
    assert (report.documents, report.mentions, report.previous_mentions) == (3, 4, 4)
    assert snapshot(filled) == before


def test_recode_swaps_in_the_new_coding(filled: Store) -> None:
    ingest_documents(filled, [doc("d", "per/gov consult mex/gov 2021-09-18 042.")],
                     coder=ScriptedCoder("scripted 1"))
    assert filled.counts()["event_mentions"] == 4
    constraints = _constraints(filled)
    report = recode(filled, coder=NewerCoder("scripted 2"))
    assert _constraints(filled) == constraints
    assert report.mentions == 5 and report.coder_version == "scripted 2"
    consult = filled.query("SELECT mentions, sources FROM events WHERE type = 'CONSULT'")
    assert consult.to_pylist() == [{"mentions": 2, "sources": 2}]
    coders = filled.query("SELECT DISTINCT coder FROM event_mentions")["coder"].to_pylist()
    assert coders == ["scripted 2"]
    versions = filled.query("SELECT DISTINCT coder_version FROM documents")
    assert versions["coder_version"].to_pylist() == ["scripted 2"]
    run = filled.query("SELECT kind, status, run_id FROM runs ORDER BY run_id DESC LIMIT 1")
    assert run.to_pylist() == [{"kind": "recode", "status": "done", "run_id": report.run_id}]
    mention_runs = filled.query("SELECT DISTINCT run_id FROM event_mentions")
    assert mention_runs["run_id"].to_pylist() == [report.run_id]


def test_a_failed_recode_keeps_the_old_coding(filled: Store) -> None:
    before = snapshot(filled)
    with pytest.raises(StoreError, match="b: coding failed: ValueError: the model is broken"):
        recode(filled, coder=FailingCoder("scripted 2"), batch_size=1)
    assert snapshot(filled) == before
    status = filled.query("SELECT status FROM runs WHERE kind = 'recode'")["status"]
    assert status.to_pylist() == ["failed"]
    tables = filled.query("SELECT table_name FROM information_schema.tables")["table_name"]
    assert not [t for t in tables.to_pylist() if t.startswith("_recode")]


def test_leftovers_of_a_killed_recode_are_ignored(filled: Store) -> None:
    filled.con.execute("CREATE TABLE _recode_mentions AS SELECT * FROM event_mentions")
    recode(filled, coder=ScriptedCoder("scripted 1"))
    assert filled.counts()["event_mentions"] == 4


def test_recode_needs_a_writable_store(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "s.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        recode(store, coder=ScriptedCoder())
