"""`events` and `event_links`, derived from the factual rows of `event_mentions`.

One `events` row per (date, source code and sector, target code and sector, type, CAMEO code).
Every aggregate is order-independent (ties broken by document date, id and position), so the rows
do not depend on the order or the number of runs that stored the mentions.
"""

from __future__ import annotations

import duckdb

from blocwatch.errors import StoreError
from blocwatch.store.schema import DYAD_MONTH_ORDER, DYAD_MONTH_SELECT, scalar

_FACTUAL = "NOT m.negated AND NOT m.hypothetical"
# The mention that speaks first for an event: originals before wire copies, then earliest
# publication, then document id and position.
_FIRST = ("(d.dup_of IS NOT NULL), d.pub_date NULLS LAST, m.doc_id, m.sentence_index, "
          "m.mention_index")

_SELECT_EVENTS = f"""
SELECT
    m.event_key,
    any_value(m.date) AS date,
    year(any_value(m.date)) AS year,
    CAST(date_trunc('month', any_value(m.date)) AS DATE) AS month,
    any_value(m.type) AS type,
    first(m.mode ORDER BY {_FIRST}) AS mode,
    any_value(m.cameo) AS cameo,
    min(m.quad_class) AS quad_class,
    min(m.goldstein) AS goldstein,
    any_value(m.source_code) AS source_code,
    any_value(m.source_sector) AS source_sector,
    any_value(m.target_code) AS target_code,
    any_value(m.target_sector) AS target_sector,
    first(m.location_country ORDER BY {_FIRST})
        FILTER (WHERE m.location_country IS NOT NULL) AS location_country,
    count(*) AS mentions,
    count(DISTINCT coalesce(d.dup_of, d.doc_id)) AS sources,
    first(m.doc_id ORDER BY {_FIRST}) AS first_doc_id,
    max(m.confidence) AS confidence
FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
WHERE {_FACTUAL} {{where}}
GROUP BY m.event_key
"""

_SELECT_LINKS = f"""
SELECT DISTINCT m.event_key, m.event_id FROM event_mentions m
WHERE {_FACTUAL} {{where}}
"""


_MONTHS_OF_KEYS = """
SELECT DISTINCT CAST(date_trunc('month', date) AS DATE) AS month FROM events
WHERE date IS NOT NULL AND event_key IN (SELECT event_key FROM {keys})
"""


def rebuild_keys(con: duckdb.DuckDBPyConnection, keys_table: str) -> None:
    """Recompute the events whose `event_key` is in `keys_table`, and `dyad_month` for their
    months (inside the caller's transaction, so readers never see a half-built event)."""
    where = f"AND m.event_key IN (SELECT event_key FROM {keys_table})"
    # A key fixes its event's date: the months touched are those of the old rows and the new.
    con.execute("CREATE OR REPLACE TEMP TABLE _touched_months AS "
                + _MONTHS_OF_KEYS.format(keys=keys_table))
    con.execute(f"DELETE FROM events WHERE event_key IN (SELECT event_key FROM {keys_table})")
    con.execute(
        f"DELETE FROM event_links WHERE event_key IN (SELECT event_key FROM {keys_table})")
    con.execute("INSERT INTO events " + _SELECT_EVENTS.format(where=where))
    con.execute("INSERT INTO event_links " + _SELECT_LINKS.format(where=where))
    con.execute("INSERT INTO _touched_months " + _MONTHS_OF_KEYS.format(keys=keys_table))
    refresh_dyad_month(con, "_touched_months")
    con.execute("DROP TABLE _touched_months")


def refresh_dyad_month(con: duckdb.DuckDBPyConnection, months_table: str) -> None:
    """Recompute the `dyad_month` rows of the months (first days) listed in `months_table`'s
    `month` column from `events` (inside the caller's transaction)."""
    months = f"(SELECT DISTINCT month FROM {months_table})"
    con.execute(f"DELETE FROM dyad_month WHERE month IN {months}")
    con.execute("INSERT INTO dyad_month " + DYAD_MONTH_SELECT.format(
        where=f"AND CAST(date_trunc('month', date) AS DATE) IN {months}"))


def rebuild_dyad_month(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute all of `dyad_month` from `events`, in dyad order (inside the caller's
    transaction)."""
    replace_table(con, "dyad_month", DYAD_MONTH_SELECT.format(where="") + DYAD_MONTH_ORDER)


def rebuild_all(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every event, stored in dyad order, and `dyad_month` (inside the caller's
    transaction)."""
    replace_table(con, "events", _SELECT_EVENTS.format(where="") + _DYAD_ORDER)
    replace_table(con, "event_links",
                  _SELECT_LINKS.format(where="") + " ORDER BY event_key, event_id")
    rebuild_dyad_month(con)


# Rows stored in this order give DuckDB tight min/max zone maps on the dyad columns, so
# `WHERE source_code = ? AND target_code = ?` and date ranges skip most row groups.
_DYAD_ORDER = " ORDER BY source_code, target_code, date, event_key"


def compact_events(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite `events` in dyad order (incremental rebuilds append out of order), and
    `dyad_month` with it (recomputed whole, so it is also in dyad order again)."""
    con.execute("BEGIN TRANSACTION")
    try:
        replace_table(con, "events", "SELECT * FROM events" + _DYAD_ORDER)
        rebuild_dyad_month(con)
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise


def create_like(con: duckdb.DuckDBPyConnection, table: str, new: str) -> None:
    """An empty table `new` with `table`'s columns and constraints."""
    ddl = scalar(con, "SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' "
                 "AND table_name = ?", [table])
    head = f"CREATE TABLE {table}("
    if not ddl or not ddl.startswith(head):
        raise StoreError(f"cannot copy the definition of table {table}: {ddl!r}")
    con.execute(f"DROP TABLE IF EXISTS {new}")
    con.execute(f"CREATE TABLE {new}(" + ddl[len(head):])


def replace_table(con: duckdb.DuckDBPyConnection, table: str, select: str) -> None:
    """Replace `table`'s rows by `select`'s, by building a new table and renaming it: much
    cheaper in DuckDB than deleting and reinserting every row in place."""
    new = f"_{table}_new"
    create_like(con, table, new)
    con.execute(f"INSERT INTO {new} {select}")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {new} RENAME TO {table}")
