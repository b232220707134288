"""Ingest: documents in, coded, stored batch by batch; idempotent and resumable.

Each batch (documents, their sentences and mentions, the bad documents met, and the rebuilt
`events` rows it touches) is written in one transaction. A run killed at any moment loses at most
the batch in flight; rerunning skips every stored document by its content hash and, because the
input is read in the same order, ends with the rows a clean run would have written.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from blocwatch.contract import Document, Event
from blocwatch.errors import ReadError, StoreError
from blocwatch.store import derive, rows
from blocwatch.store.db import Store
from blocwatch.store.runs import (
    BadDocument,
    CoderLike,
    count_into_run,
    finish_run,
    insert_bad,
    start_run,
    versions,
)
from blocwatch.store.schema import EVENT_KEY_SQL, scalar

log = logging.getLogger(__name__)

Progress = Callable[[int, int, int], None]
DEFAULT_BATCH_SIZE = 500
# Below this many events, re-sorting `events` after a run costs about a second: always do it.
COMPACT_ALWAYS_BELOW = 100_000


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did. `documents` counts newly stored documents, of which
    `duplicates` are near-duplicate wire copies; `skipped` were stored already."""

    run_id: int
    read: int = 0
    documents: int = 0
    duplicates: int = 0
    skipped: int = 0
    mentions: int = 0
    events_touched: int = 0
    bad: list[BadDocument] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "read": self.read, "documents": self.documents,
            "duplicates": self.duplicates, "skipped": self.skipped, "mentions": self.mentions,
            "events_touched": self.events_touched,
            "bad": [{"doc_id": b.doc_id, "path": b.path, "reason": b.reason} for b in self.bad],
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class _Batch:
    """One batch after planning: what to store, and what was met on the way."""

    docs: list[dict[str, Any]] = field(default_factory=list)
    coded: list[tuple[Document, list[Event]]] = field(default_factory=list)
    bad: list[BadDocument] = field(default_factory=list)
    skipped: int = 0
    duplicates: int = 0


Item = Document | BadDocument


def ingest(store: Store, paths_or_urls: Sequence[str | Path], *, coder: CoderLike,
           batch_size: int = DEFAULT_BATCH_SIZE, date: dt.date | str | None = None,
           lang: str = "auto", progress: Progress | None = None,
           compact: bool | None = None) -> IngestReport:
    """Read, code and store documents from files, folders, globs, JSONL, feeds and feed URLs.

    `date` and `lang` are passed to the reader (publication date for plain files, language).
    `progress(docs, events, bad)` is called after every batch with running totals.
    `compact` re-sorts `events` in dyad order at the end: True always, False never, None
    (default) when the store is small or the run touched a quarter of its events or more.
    """
    items = _read(paths_or_urls, date=rows.as_date(date), lang=lang)
    return ingest_documents(store, items, coder=coder, batch_size=batch_size,
                            progress=progress, compact=compact)


def ingest_documents(store: Store, docs: Iterable[Document | ReadError | BadDocument], *,
                     coder: CoderLike, batch_size: int = DEFAULT_BATCH_SIZE,
                     progress: Progress | None = None,
                     compact: bool | None = None) -> IngestReport:
    """Store already-read documents (a `ReadError` in the stream is recorded as bad)."""
    if store.read_only:
        raise StoreError("the store is open read-only; open it for writing to ingest")
    if batch_size < 1:
        raise StoreError(f"batch size must be at least 1, not {batch_size}")
    started = time.perf_counter()
    report = IngestReport(run_id=start_run(store.con, kind="ingest", coder=coder))
    try:
        for chunk in _chunks((_as_item(d) for d in docs), batch_size):
            _ingest_chunk(store, chunk, coder=coder, report=report)
            if progress:
                progress(report.read, report.mentions, len(report.bad))
        if _should_compact(store, report, compact=compact):
            store.compact()
    except BaseException:
        _close_run(store.con, report.run_id, status="failed")
        raise
    _close_run(store.con, report.run_id, status="done")
    report.seconds = time.perf_counter() - started
    return report


def _ingest_chunk(store: Store, chunk: list[Item], *, coder: CoderLike,
                  report: IngestReport) -> None:
    batch = _plan(store.con, chunk)
    _code_batch(batch, coder=coder)
    report.events_touched += _write(store.con, batch, run_id=report.run_id, coder=coder)
    report.read += len(chunk)
    report.documents += len(batch.docs)
    report.duplicates += batch.duplicates
    report.skipped += batch.skipped
    report.mentions += sum(len(events) for _, events in batch.coded)
    report.bad.extend(batch.bad)


def _should_compact(store: Store, report: IngestReport, *, compact: bool | None) -> bool:
    if compact is not None:
        return compact and report.events_touched > 0
    if not report.events_touched:
        return False
    total = int(scalar(store.con, "SELECT count(*) FROM events") or 0)
    return total <= COMPACT_ALWAYS_BELOW or 4 * report.events_touched >= total


def _close_run(con: duckdb.DuckDBPyConnection, run_id: int, *, status: str) -> None:
    try:
        finish_run(con, run_id, status=status)
    except duckdb.Error as e:  # the connection may be gone on interrupt; the run stays open
        log.warning("could not close run %d: %s", run_id, e)


# -- reading ------------------------------------------------------------------------------------

def _read(paths_or_urls: Sequence[str | Path], *, date: dt.date | None,
          lang: str) -> Iterator[Document | BadDocument]:
    """Every input in the order given (the reader reads a URL as a feed)."""
    from blocwatch import read  # only needed when reading from paths

    for got in read.iter_documents(paths_or_urls, date=date, lang=lang):
        yield _bad_from_error(got, got.doc_id) if isinstance(got, ReadError) else got


def _bad_from_error(error: ReadError, path: str) -> BadDocument:
    reason = error.reason + (f" ({error.hint})" if error.hint else "")
    return BadDocument(doc_id=error.doc_id, path=getattr(error, "path", None) or path,
                       reason=reason)


def _as_item(doc: Document | ReadError | BadDocument) -> Item:
    if isinstance(doc, ReadError):
        return _bad_from_error(doc, doc.doc_id)
    return doc


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# -- planning: what is new, what is a copy ------------------------------------------------------

def _plan(con: duckdb.DuckDBPyConnection, chunk: list[Item]) -> _Batch:
    batch = _Batch(bad=[item for item in chunk if isinstance(item, BadDocument)])
    docs = [item for item in chunk if isinstance(item, Document)]
    hashes = [rows.content_hash(doc.text) for doc in docs]
    norms = [rows.norm_hash(doc.text) for doc in docs]
    stored_hashes, stored_ids, originals = _stored(con, docs, hashes, norms)
    for doc, content, norm in zip(docs, hashes, norms):
        _plan_one(batch, doc, content=content, norm=norm, stored_hashes=stored_hashes,
                  stored_ids=stored_ids, originals=originals)
    return batch


def _stored(con: duckdb.DuckDBPyConnection, docs: list[Document], hashes: list[str],
            norms: list[str | None]) -> tuple[set[str], set[str], dict[str, str]]:
    """What the store already holds of a batch, in one scan: its texts (content hashes), its
    ids, and the originals (norm hash → doc_id) its wire copies point at."""
    if not docs:
        return set(), set(), {}
    found = con.execute(
        "SELECT content_hash, doc_id, norm_hash, dup_of FROM documents "
        "WHERE content_hash IN (SELECT unnest($1)) OR doc_id IN (SELECT unnest($2)) "
        "OR norm_hash IN (SELECT unnest($3))",
        [hashes, [doc.id for doc in docs], [n for n in norms if n]],
    ).fetchall()
    stored_hashes, stored_ids, originals = set(), set(), {}
    for content, doc_id, norm, dup_of in found:
        stored_hashes.add(content)
        stored_ids.add(doc_id)
        if norm and dup_of is None:
            originals[norm] = doc_id
    return stored_hashes, stored_ids, originals


def _plan_one(batch: _Batch, doc: Document, *, content: str, norm: str | None,
              stored_hashes: set[str], stored_ids: set[str],
              originals: dict[str, str]) -> None:
    if content in stored_hashes:
        batch.skipped += 1
        return
    if doc.id in stored_ids:
        batch.bad.append(BadDocument(
            doc_id=doc.id, path=doc.source_path,
            reason="a different text is already stored under this id (give it a new id)"))
        return
    dup_of = originals.get(norm) if norm else None
    if norm and dup_of is None:
        originals[norm] = doc.id
    batch.duplicates += dup_of is not None
    stored_hashes.add(content)
    stored_ids.add(doc.id)
    batch.docs.append(rows.document_row(doc, content_hash=content, norm_hash=norm,
                                        dup_of=dup_of))
    batch.coded.append((doc, []))


# -- coding -------------------------------------------------------------------------------------

def _code_batch(batch: _Batch, *, coder: CoderLike) -> None:
    """Code every planned document; one the coder fails on is moved to the bad list."""
    docs = [doc for doc, _ in batch.coded]
    coded = code_together(coder, docs)
    kept_docs, kept_coded = [], []
    for doc_row, doc, events in zip(batch.docs, docs, coded):
        if isinstance(events, BadDocument):
            batch.bad.append(events)
            batch.duplicates -= doc_row["dup_of"] is not None
            continue
        kept_docs.append(doc_row)
        kept_coded.append((doc, events))
    batch.docs, batch.coded = kept_docs, kept_coded


def code_together(coder: CoderLike, docs: list[Document]) -> list[list[Event] | BadDocument]:
    """The coder's batched `code_many` when it has one (much faster: parsing is batched);
    document by document when it fails, to find the document at fault."""
    code_many = getattr(coder, "code_many", None)
    if code_many is not None and docs:
        try:
            return [events for _, events in code_many(docs)]
        except Exception as e:  # retried one by one below, which names the document
            log.debug("batched coding failed (%s); coding one by one", e)
    return [_code_one(coder, doc) for doc in docs]


def _code_one(coder: CoderLike, doc: Document) -> list[Event] | BadDocument:
    try:
        return coder.code(doc)
    except Exception as e:  # a coder bug on one document must not stop the run
        log.warning("coding %s failed: %s: %s", doc.id, type(e).__name__, e)
        log.debug("coding %s failed", doc.id, exc_info=True)
        return BadDocument(doc_id=doc.id, path=doc.source_path,
                           reason=f"coding failed: {type(e).__name__}: {e}")


# -- writing ------------------------------------------------------------------------------------

def _write(con: duckdb.DuckDBPyConnection, batch: _Batch, *, run_id: int,
           coder: CoderLike) -> int:
    """The batch in one transaction, `events` rebuilt for the keys it touches (returns how
    many)."""
    coder_version, kb_version = versions(coder)
    tables = _batch_tables(batch)
    con.execute("BEGIN TRANSACTION")
    try:
        write_documents(con, tables["docs"], coder_version=coder_version, kb_version=kb_version)
        write_coding(con, tables["sentences"], tables["mentions"], run_id=run_id)
        if batch.bad:
            insert_bad(con, tables["bad"])
        touched = _rebuild_touched(con, tables["mentions"])
        count_into_run(con, run_id, documents=len(batch.docs),
                       mentions=tables["mentions"].num_rows, bad=len(batch.bad))
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"writing a batch to the store failed: {e}") from e
    except BaseException:  # an interrupt: leave no half-written batch open
        con.execute("ROLLBACK")
        raise
    return touched


def _batch_tables(batch: _Batch) -> dict[str, pa.Table]:
    sentences: list[dict[str, Any]] = []
    for doc, events in batch.coded:
        sentences += rows.sentences_of(doc.id, events)
    return {
        "docs": rows.columnar(batch.docs, rows.DOCUMENT_SCHEMA),
        "sentences": rows.columnar(sentences, rows.SENTENCE_SCHEMA),
        "mentions": rows.mentions_table(
            (i, event) for _, events in batch.coded for i, event in enumerate(events)),
        "bad": pa.Table.from_pylist(
            [{"doc_id": b.doc_id, "path": b.path, "reason": b.reason} for b in batch.bad],
            schema=rows.BAD_SCHEMA),
    }


def write_documents(con: duckdb.DuckDBPyConnection, docs: pa.Table, *,
                    coder_version: str | None, kb_version: str | None) -> None:
    con.register("_doc_batch", docs)
    try:
        con.execute(
            "INSERT INTO documents SELECT *, now(), ?, ? FROM _doc_batch",
            [coder_version, kb_version],
        )
    finally:
        con.unregister("_doc_batch")


def write_coding(con: duckdb.DuckDBPyConnection, sentences: pa.Table, mentions: pa.Table, *,
                 run_id: int, sentences_table: str = "sentences",
                 mentions_table: str = "event_mentions") -> None:
    """Append sentences and mentions (to the live tables, or a recode's staging tables)."""
    con.register("_sent_batch", sentences)
    con.register("_mention_batch", mentions)
    try:
        con.execute(f"INSERT INTO {sentences_table} SELECT * FROM _sent_batch")
        con.execute(
            f"INSERT INTO {mentions_table} SELECT *, CAST(? AS INTEGER), "
            f"{EVENT_KEY_SQL} FROM _mention_batch",
            [run_id],
        )
    finally:
        con.unregister("_sent_batch")
        con.unregister("_mention_batch")


def _rebuild_touched(con: duckdb.DuckDBPyConnection, mentions: pa.Table) -> int:
    if not mentions.num_rows:
        return 0
    con.register("_touched_mentions", mentions)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _touched AS "
            f"SELECT DISTINCT {EVENT_KEY_SQL} AS event_key FROM _touched_mentions "
            "WHERE NOT negated AND NOT hypothetical"
        )
        derive.rebuild_keys(con, "_touched")
        touched = int(scalar(con, "SELECT count(*) FROM _touched") or 0)
        con.execute("DROP TABLE _touched")
        return touched
    finally:
        con.unregister("_touched_mentions")
