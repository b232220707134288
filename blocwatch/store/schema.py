"""The store's schema as forward migrations: a list of SQL steps applied in order.

Step *i* (0-based) takes the store from schema version *i* to *i + 1*. A step runs inside one
transaction together with the row that records it in `schema_version`, so a store is always at a
whole version. Steps are only ever appended: a released step is never edited.

Column names of `events` are a shared interface (the analytics read them); add, never rename.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import duckdb

from blocwatch.errors import StoreError

log = logging.getLogger(__name__)

#: The hash that names one deduplicated event; the same expression everywhere (ingest, recode,
#: benchmarks), so an event's key does not depend on which path wrote it.
EVENT_KEY_SQL = (
    "substr(md5(concat_ws(chr(31), coalesce(CAST(date AS VARCHAR), ''), "
    "coalesce(source_code, ''), coalesce(source_sector, ''), coalesce(target_code, ''), "
    "coalesce(target_sector, ''), type, cameo)), 1, 24)"
)

_V1 = (
    """
    CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        norm_hash VARCHAR,
        dup_of VARCHAR,
        title VARCHAR,
        url VARCHAR,
        lang VARCHAR,
        pub_date DATE,
        source_path VARCHAR,
        text VARCHAR NOT NULL,
        ingested_at TIMESTAMP,
        coder_version VARCHAR,
        kb_version VARCHAR
    )
    """,
    """
    CREATE TABLE sentences (
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR
    )
    """,
    """
    CREATE TABLE event_mentions (
        event_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        mention_index INTEGER NOT NULL,
        sentence_index INTEGER,
        span_start INTEGER,
        span_end INTEGER,
        sentence VARCHAR,
        lang VARCHAR,
        date DATE,
        date_precision VARCHAR,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR NOT NULL,
        goldstein DOUBLE,
        quad_class INTEGER,
        source_text VARCHAR,
        source_name VARCHAR,
        source_code VARCHAR,
        source_sector VARCHAR,
        source_kb_id VARCHAR,
        target_text VARCHAR,
        target_name VARCHAR,
        target_code VARCHAR,
        target_sector VARCHAR,
        target_kb_id VARCHAR,
        location_text VARCHAR,
        location_country VARCHAR,
        location_lat DOUBLE,
        location_lon DOUBLE,
        negated BOOLEAN NOT NULL,
        hypothetical BOOLEAN NOT NULL,
        confidence DOUBLE,
        coder VARCHAR,
        trigger VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        run_id INTEGER,
        event_key VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE events (
        event_key VARCHAR PRIMARY KEY,
        date DATE,
        year INTEGER,
        month DATE,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        cameo VARCHAR NOT NULL,
        quad_class INTEGER,
        goldstein DOUBLE,
        source_code VARCHAR,
        source_sector VARCHAR,
        target_code VARCHAR,
        target_sector VARCHAR,
        location_country VARCHAR,
        mentions INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        first_doc_id VARCHAR,
        confidence DOUBLE
    )
    """,
    "CREATE TABLE event_links (event_key VARCHAR NOT NULL, event_id VARCHAR NOT NULL)",
    """
    CREATE TABLE bad_documents (
        doc_id VARCHAR, path VARCHAR, reason VARCHAR NOT NULL, seen_at TIMESTAMP
    )
    """,
    """
    CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY,
        kind VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        coder_version VARCHAR,
        kb_version VARCHAR,
        status VARCHAR NOT NULL,
        documents INTEGER DEFAULT 0,
        mentions INTEGER DEFAULT 0,
        bad INTEGER DEFAULT 0
    )
    """,
    # Point lookups on these keep "is this document stored already?" cheap per batch.
    "CREATE INDEX documents_content_hash ON documents (content_hash)",
    "CREATE INDEX documents_norm_hash ON documents (norm_hash)",
)

# -- version 2: `dyad_month`, the events summed per month and directed dyad ---------------------
#
# The analytics at month-or-coarser frequency read this instead of `events`: a few hundred
# thousand rows instead of millions. The store refreshes it in the same transaction as every
# change to `events` (ingest batches, recode, compaction). Written out literally (not built from
# `PLOVER_TYPES`) so that this released step never changes.

#: Per-type count columns of `dyad_month`, in `PLOVER_TYPES` order (the PLOVER type, lower case).
DYAD_MONTH_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Per-quad-class count columns of `dyad_month`, quad classes 1 to 4.
DYAD_MONTH_QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")

_DYAD_MONTH_DDL = (
    "CREATE TABLE dyad_month (\n"
    "    month DATE NOT NULL,\n"
    "    source_code VARCHAR,\n"
    "    target_code VARCHAR,\n"
    "    events BIGINT NOT NULL,\n"
    + "".join(f"    {t.lower()} BIGINT NOT NULL,\n" for t in DYAD_MONTH_TYPES)
    + "".join(f"    {q} BIGINT NOT NULL,\n" for q in DYAD_MONTH_QUADS)
    + "    net_coop BIGINT NOT NULL,\n"
    "    net_coop_weighted BIGINT NOT NULL,\n"
    "    goldstein_sum DECIMAL(38, 6),\n"
    "    goldstein_n BIGINT NOT NULL,\n"
    "    mentions BIGINT,\n"
    "    first_date DATE NOT NULL,\n"
    "    last_date DATE NOT NULL\n"
    ")"
)

_SIGN = "(CASE WHEN quad_class IN (1, 2) THEN 1 WHEN quad_class IN (3, 4) THEN -1 ELSE 0 END)"

#: The rows of `dyad_month` computed from `events`; `{where}` adds conditions (`AND ...`).
DYAD_MONTH_SELECT = (
    "SELECT CAST(date_trunc('month', date) AS DATE) AS month, source_code, target_code, "
    "count(*) AS events, "
    + "".join(f"count(*) FILTER (WHERE type = '{t}') AS {t.lower()}, " for t in DYAD_MONTH_TYPES)
    + "".join(f"count(*) FILTER (WHERE quad_class = {i}) AS {q}, "
              for i, q in enumerate(DYAD_MONTH_QUADS, start=1))
    + f"sum({_SIGN}) AS net_coop, sum({_SIGN} * coalesce(mentions, 1)) AS net_coop_weighted, "
    "sum(CAST(goldstein AS DECIMAL(18, 6))) AS goldstein_sum, "
    "count(goldstein) AS goldstein_n, "
    "sum(mentions) AS mentions, min(date) AS first_date, max(date) AS last_date "
    "FROM events WHERE date IS NOT NULL {where} "
    "GROUP BY 1, 2, 3"
)
#: Stored in dyad order, so per-dyad reads skip most row groups.
DYAD_MONTH_ORDER = " ORDER BY source_code, target_code, month"

_V2 = (
    _DYAD_MONTH_DDL,
    "INSERT INTO dyad_month " + DYAD_MONTH_SELECT.format(where="") + DYAD_MONTH_ORDER,
)

#: Every migration step, oldest first. Append only.
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2]

SCHEMA_VERSION = len(MIGRATIONS)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first value of the first row, or None. (Fetches every row: DuckDB 2 refuses new
    work on a connection whose last result is unfinished.)"""
    found = con.execute(sql, list(params)).fetchall()
    return found[0][0] if found else None


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the store; 0 for an empty database."""
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_name = 'schema_version'")
    if not exists:
        return 0
    return int(scalar(con, "SELECT max(version) FROM schema_version") or 0)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the steps the store lacks, each in its own transaction; returns the new version."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, newer than this blocwatch "
            f"({SCHEMA_VERSION}); upgrade blocwatch to open it"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        _apply(con, target, MIGRATIONS[target - 1])
    return SCHEMA_VERSION


def _apply(con: duckdb.DuckDBPyConnection, target: int, steps: tuple[str, ...]) -> None:
    log.info("migrating store to schema version %d", target)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
        )
        for sql in steps:
            con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, now())", [target])
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"migration to schema version {target} failed: {e}") from e


def check_version(con: duckdb.DuckDBPyConnection) -> None:
    """For read-only stores, which cannot migrate: refuse a schema this code does not know."""
    version = current_version(con)
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, this blocwatch expects {SCHEMA_VERSION}; "
            "open it for writing once (`blocwatch ingest` or `blocwatch recode`) to migrate it"
            if version < SCHEMA_VERSION else
            f"the store has schema version {version}, newer than this blocwatch "
            f"({SCHEMA_VERSION}); upgrade blocwatch to read it"
        )
