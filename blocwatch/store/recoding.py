"""Recode: every stored document coded again (a newer coder or knowledge base) as a new run.

The new coding goes to staging tables batch by batch; only when every document is coded is it
swapped in, with `events` rebuilt, in one transaction. Until then (and for ever, if the recode
fails or is killed) the old coding stays in place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from blocwatch.contract import Document, Event
from blocwatch.errors import StoreError
from blocwatch.store import derive, rows
from blocwatch.store.db import Store
from blocwatch.store.ingestion import DEFAULT_BATCH_SIZE, Progress, code_together, write_coding
from blocwatch.store.runs import BadDocument, CoderLike, finish_run, start_run, versions
from blocwatch.store.schema import scalar

log = logging.getLogger(__name__)

_STAGE_SENTENCES = "_recode_sentences"
_STAGE_MENTIONS = "_recode_mentions"


@dataclass(slots=True)
class RecodeReport:
    run_id: int
    documents: int = 0
    mentions: int = 0
    previous_mentions: int = 0
    coder_version: str | None = None
    kb_version: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "documents": self.documents, "mentions": self.mentions,
            "previous_mentions": self.previous_mentions, "coder_version": self.coder_version,
            "kb_version": self.kb_version, "seconds": round(self.seconds, 3),
        }


def recode(store: Store, *, coder: CoderLike, batch_size: int = DEFAULT_BATCH_SIZE,
           progress: Progress | None = None) -> RecodeReport:
    """Code every stored document with `coder`; swap the new coding in only if all succeed.

    Raises `StoreError` (old coding untouched) when the coder fails on a document.
    """
    if store.read_only:
        raise StoreError("the store is open read-only; open it for writing to recode")
    con = store.con
    started = time.perf_counter()
    coder_version, kb_version = versions(coder)
    report = RecodeReport(run_id=start_run(con, kind="recode", coder=coder),
                          coder_version=coder_version, kb_version=kb_version)
    try:
        _create_stage(con)
        for docs in _stored_documents(con, batch_size=batch_size):
            _code_into_stage(con, docs, coder=coder, run_id=report.run_id, report=report)
            if progress:
                progress(report.documents, report.mentions, 0)
        report.previous_mentions = _count(con, "event_mentions")
        _swap(con, report)
    except BaseException:
        _abandon(con, report.run_id)
        raise
    report.seconds = time.perf_counter() - started
    return report


def _create_stage(con: duckdb.DuckDBPyConnection) -> None:
    # Left over from a killed recode, the staging tables are simply started afresh.
    derive.create_like(con, "sentences", _STAGE_SENTENCES)
    derive.create_like(con, "event_mentions", _STAGE_MENTIONS)


def _stored_documents(con: duckdb.DuckDBPyConnection, *,
                      batch_size: int) -> Iterator[list[Document]]:
    """All stored documents, a batch at a time, in doc_id order (keyset paging)."""
    last: str | None = None
    while True:
        rel = con.sql(
            "SELECT doc_id, text, pub_date, title, url, lang, source_path FROM documents "
            "WHERE ? IS NULL OR doc_id > ? ORDER BY doc_id LIMIT ?",
            params=[last, last, batch_size])
        batch = [rows.row_to_document(row) for row in rel.to_arrow_table().to_pylist()]
        if not batch:
            return
        yield batch
        last = batch[-1].id


def _code_into_stage(con: duckdb.DuckDBPyConnection, docs: list[Document], *,
                     coder: CoderLike, run_id: int, report: RecodeReport) -> None:
    coded = [(doc, _checked(doc, events)) for doc, events
             in zip(docs, code_together(coder, docs))]
    sentences = [s for doc, events in coded for s in rows.sentences_of(doc.id, events)]
    mentions = rows.mentions_table((i, e) for _, events in coded for i, e in enumerate(events))
    con.execute("BEGIN TRANSACTION")
    try:
        write_coding(con, pa.Table.from_pylist(sentences, schema=rows.SENTENCE_SCHEMA),
                     mentions, run_id=run_id, sentences_table=_STAGE_SENTENCES,
                     mentions_table=_STAGE_MENTIONS)
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"writing recoded events failed: {e}") from e
    report.documents += len(docs)
    report.mentions += mentions.num_rows


def _checked(doc: Document, events: list[Event] | BadDocument) -> list[Event]:
    if isinstance(events, BadDocument):
        raise StoreError(
            f"recode stopped: {doc.id}: {events.reason}; the previous coding is kept")
    return events


def _swap(con: duckdb.DuckDBPyConnection, report: RecodeReport) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for table, stage in (("sentences", _STAGE_SENTENCES),
                             ("event_mentions", _STAGE_MENTIONS)):
            con.execute(f"DROP TABLE {table}")
            con.execute(f"ALTER TABLE {stage} RENAME TO {table}")
        con.execute("UPDATE documents SET coder_version = ?, kb_version = ?",
                    [report.coder_version, report.kb_version])
        derive.rebuild_all(con)
        con.execute("UPDATE runs SET documents = ?, mentions = ? WHERE run_id = ?",
                    [report.documents, report.mentions, report.run_id])
        finish_run(con, report.run_id, status="done")
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"swapping in the recoded events failed: {e}") from e


def _abandon(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
    try:
        con.execute(f"DROP TABLE IF EXISTS {_STAGE_SENTENCES}")
        con.execute(f"DROP TABLE IF EXISTS {_STAGE_MENTIONS}")
        finish_run(con, run_id, status="failed")
    except duckdb.Error as e:
        log.warning("could not clean up the failed recode run %d: %s", run_id, e)


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {table}") or 0)
