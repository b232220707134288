"""Runs: one row per ingest or recode, so every mention names the run that coded it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import duckdb

from blocwatch.contract import Document, Event
from blocwatch.store.schema import scalar


class CoderLike(Protocol):
    """What the store needs of a coder (`blocwatch.coder.Coder` is one)."""

    version: str

    def code(self, doc: Document) -> list[Event]: ...


@dataclass(frozen=True, slots=True)
class BadDocument:
    """A document that could not be read or coded, and why."""

    doc_id: str
    path: str | None
    reason: str


def versions(coder: CoderLike) -> tuple[str | None, str | None]:
    """(coder version, knowledge-base version) of a coder; the KB's when the coder has one."""
    kb = getattr(coder, "kb", None)
    kb_version = getattr(kb, "version", None)
    return getattr(coder, "version", None), (str(kb_version) if kb_version else None)


def start_run(con: duckdb.DuckDBPyConnection, *, kind: str, coder: CoderLike) -> int:
    """Record a new run (committed at once) and return its id.

    A run still marked `running` here was killed (DuckDB lets one process write a file at a
    time), so it is marked `interrupted` first.
    """
    coder_version, kb_version = versions(coder)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = int(scalar(con, "SELECT coalesce(max(run_id), 0) + 1 FROM runs"))
        con.execute(
            "INSERT INTO runs (run_id, kind, started_at, coder_version, kb_version, status) "
            "VALUES (?, ?, now(), ?, ?, 'running')",
            [run_id, kind, coder_version, kb_version],
        )
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, *, status: str) -> None:
    con.execute("UPDATE runs SET status = ?, finished_at = now() WHERE run_id = ?",
                [status, run_id])


def count_into_run(con: duckdb.DuckDBPyConnection, run_id: int, *, documents: int,
                   mentions: int, bad: int) -> None:
    """Add a batch's counts to its run (inside the batch's transaction)."""
    con.execute(
        "UPDATE runs SET documents = documents + ?, mentions = mentions + ?, bad = bad + ? "
        "WHERE run_id = ?",
        [documents, mentions, bad, run_id],
    )


def insert_bad(con: duckdb.DuckDBPyConnection, table: Any) -> None:
    """Record bad documents once each: a rerun that meets them again adds nothing."""
    con.register("_bad_batch", table)
    try:
        con.execute(
            "INSERT INTO bad_documents "
            "SELECT DISTINCT b.doc_id, b.path, b.reason, now() FROM _bad_batch b "
            "WHERE NOT EXISTS (SELECT 1 FROM bad_documents x WHERE x.doc_id "
            "IS NOT DISTINCT FROM b.doc_id AND x.path IS NOT DISTINCT FROM b.path "
            "AND x.reason = b.reason)"
        )
    finally:
        con.unregister("_bad_batch")
