"""Fill a store's `events` table with N synthetic events, fast, in DuckDB SQL.

For the analytics benchmarks: `python benchmarks/gen_events.py --db bench.duckdb -n 10000000`.
Rows have the store's exact columns and invariants (event_key is the dedup key's hash, one row
per key, month is the first day of the month, quad class and Goldstein follow the CAMEO code),
with a skewed actor distribution (a few states appear in most events, as in the news). Only
`events` (and `dyad_month`, its monthly sums) is filled: documents and mentions are not
generated.

CAMEO → PLOVER type and mode from CAMEO2PLOVER-2021 (openeventdata/PLOVER, CC BY-SA 4.0);
Goldstein values from the GDELT CAMEO lookup tables.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blocwatch.store import EVENT_KEY_SQL, open_store
from blocwatch.store.derive import rebuild_dyad_month

# (CAMEO code, PLOVER type, mode, quad class, Goldstein)
CODES = [
    ("036", "AGREE", None, 1, 4.0), ("030", "AGREE", None, 1, 4.0),
    ("040", "CONSULT", None, 1, 1.0), ("042", "CONSULT", "visit", 1, 1.9),
    ("043", "CONSULT", "visit", 1, 2.8), ("046", "CONSULT", None, 1, 7.0),
    ("051", "SUPPORT", None, 1, 3.4), ("057", "SUPPORT", None, 1, 8.0),
    ("081", "CONCEDE", None, 1, 5.0), ("061", "COOPERATE", None, 2, 6.4),
    ("070", "AID", None, 2, 7.0), ("073", "AID", None, 2, 7.4), ("084", "RETREAT", None, 2, 7.0),
    ("100", "REQUEST", None, 1, -5.0), ("1041", "REQUEST", "change", 1, -5.0),
    ("112", "ACCUSE", "disapprove", 3, -2.0), ("090", "ACCUSE", "investigate", 3, -2.0),
    ("120", "REJECT", None, 3, -4.0), ("125", "REJECT", "meet", 3, -5.0),
    ("130", "THREATEN", None, 3, -4.4), ("138", "THREATEN", "violence", 3, -7.0),
    ("141", "PROTEST", "demo", 3, -6.5), ("161", "SANCTION", "withdraw", 4, -4.0),
    ("1621", "SANCTION", "discontinue", 4, -5.6), ("150", "MOBILIZE", None, 4, -7.2),
    ("152", "MOBILIZE", "troops", 4, -7.2), ("163", "COERCE", "restrict", 4, -8.0),
    ("173", "COERCE", "arrest", 4, -5.0), ("190", "ASSAULT", None, 4, -10.0),
    ("193", "ASSAULT", "firearms", 4, -10.0),
]
# Most frequent first: the skew below favours the head of the list.
ACTORS = [
    "USA", "VEN", "MEX", "COL", "BRA", "ARG", "CUB", "PER", "CHL", "BOL", "ECU", "CHN", "RUS",
    "NIC", "ESP", "CAN", "URY", "PRY", "GTM", "HND", "SLV", "PAN", "CRI", "DOM", "HTI", "OAS",
    "UN", "EU", "CELAC", "MERCOSUR", "ALBA", "LIMA_GROUP", "IMF", "GBR", "FRA", "DEU", "JPN",
    "IND", "IRN", "TUR", "ITA", "PRT", "KOR", "ISR", "SAU", "ZAF", "NGA", "EGY", "UKR", "PRK",
]
IGOS = {"OAS", "UN", "EU", "CELAC", "MERCOSUR", "ALBA", "LIMA_GROUP", "IMF"}
SECTORS = ["GOV", "MIL", "OPP", "CVL", "LEG", "JUD", "BUS", "MED"]  # most frequent first


def _list(values: Sequence[object]) -> str:
    """A SQL list literal (1-based in SQL)."""
    def lit(v: object) -> str:
        return "NULL" if v is None else (f"'{v}'" if isinstance(v, str) else repr(v))
    return "[" + ", ".join(lit(v) for v in values) + "]"


def generate_sql(n: int, *, start: str, days: int) -> str:
    """SELECT of about `n` events in the `events` columns, in dyad order.

    Draws are integers; rows repeating a dedup key are merged on those integers and sorted
    while rows are narrow; names come from list literals (projections keep the order, where
    joins would not). Skew: floor(k * u^2.2) favours the first actors.
    """
    k, igo = len(ACTORS), [i for i, a in enumerate(ACTORS) if a in IGOS]
    col = {name: _list([row[i] for row in CODES])
           for i, name in enumerate(("cameo", "type", "mode", "quad_class", "goldstein"))}
    actors, sectors = _list(ACTORS), _list(SECTORS)
    return f"""
    WITH draws AS (
        SELECT
            range AS r,
            CAST(floor({k} * pow(random(), 2.2)) AS INTEGER) AS s,
            CAST(floor({k} * pow(random(), 2.2)) AS INTEGER) AS t0,
            CAST(floor(random() * {len(CODES)}) AS INTEGER) AS c,
            CAST(floor(pow(random(), 2.5) * {len(SECTORS)}) AS INTEGER) AS ss0,
            CAST(floor(pow(random(), 2.5) * {len(SECTORS)}) AS INTEGER) AS ts0,
            CAST(floor(random() * {days}) AS INTEGER) AS day,
            random() < 0.08 AS no_target,
            1 + CAST(floor(pow(random(), 6) * 40) AS INTEGER) AS mentions,
            random() AS u
        FROM range({n})
    ),
    keyed AS (
        -- the integers of the dedup key: organisations have one sector, no target none
        SELECT *,
            CASE WHEN no_target THEN -1 WHEN t0 = s THEN (t0 + 1) % {k} ELSE t0 END AS t,
            CASE WHEN list_contains({igo}, s) THEN -1 ELSE ss0 END AS ss,
            CASE WHEN no_target THEN -1 WHEN list_contains({igo}, t0) THEN -2
                 ELSE ts0 END AS ts
        FROM draws
    ),
    merged AS (
        SELECT s, t, c, ss, ts, day, sum(mentions) AS mentions, min(r) AS r, max(u) AS u
        FROM keyed GROUP BY s, t, c, ss, ts, day
        ORDER BY s, t, day, c, ss, ts
    ),
    named AS (
        SELECT
            DATE '{start}' + day AS date,
            {col["type"]}[c + 1] AS type, {col["mode"]}[c + 1] AS mode,
            {col["cameo"]}[c + 1] AS cameo, {col["quad_class"]}[c + 1] AS quad_class,
            {col["goldstein"]}[c + 1] AS goldstein,
            {actors}[s + 1] AS source_code,
            CASE WHEN ss = -1 THEN 'IGO' ELSE {sectors}[ss + 1] END AS source_sector,
            CASE WHEN t >= 0 THEN {actors}[t + 1] END AS target_code,
            CASE WHEN ts = -2 THEN 'IGO' WHEN ts >= 0 THEN {sectors}[ts + 1] END
                AS target_sector,
            CASE WHEN u < 0.7 AND ss >= 0 THEN {actors}[s + 1] END AS location_country,
            CAST(mentions AS INTEGER) AS mentions,
            greatest(1, CAST(ceil(mentions * (0.3 + 0.7 * u)) AS INTEGER)) AS sources,
            'synthetic-' || r AS first_doc_id,
            round(0.4 + 0.6 * u, 3) AS confidence
        FROM merged
    )
    SELECT {EVENT_KEY_SQL} AS event_key, date, year(date) AS year,
        CAST(date_trunc('month', date) AS DATE) AS month, type, mode, cameo, quad_class,
        goldstein, source_code, source_sector, target_code, target_sector, location_country,
        mentions, sources, first_doc_id, confidence
    FROM named
    """


def fill(db: str | Path | None, n: int, *, seed: float = 0.42, start: str = "2000-01-01",
         days: int = 25 * 365) -> int:
    """Replace the store's events with about `n` synthetic ones; returns how many were kept
    (rows that repeat a dedup key are merged, as the store would)."""
    with open_store(db) as store:
        con = store.con
        con.execute("SELECT setseed(?)", [seed]).fetchall()
        ddl = con.execute(
            "SELECT sql FROM duckdb_tables() WHERE table_name = 'events'").fetchall()[0][0]
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM event_links")
        # Loading without the primary key and adding it after is ~10x faster than
        # maintaining the index row by row; the table ends up as the schema defines it.
        plain = ddl.replace("event_key VARCHAR PRIMARY KEY", "event_key VARCHAR")
        assert plain != ddl, "the events DDL changed: update gen_events.py"
        con.execute("DROP TABLE events")
        con.execute(plain)
        con.execute("INSERT INTO events " + generate_sql(n, start=start, days=days))
        con.execute("ALTER TABLE events ADD PRIMARY KEY (event_key)")
        rebuild_dyad_month(con)  # the store's monthly sums, as ingest would leave them
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store file (created if absent)")
    parser.add_argument("-n", type=int, default=10_000_000, help="events to generate")
    parser.add_argument("--seed", type=float, default=0.42, help="random seed in [-1, 1]")
    args = parser.parse_args()
    started = time.perf_counter()
    kept = fill(args.db, args.n, seed=args.seed)
    seconds = time.perf_counter() - started
    print(f"{kept:,} events in {args.db} ({args.n:,} drawn) in {seconds:.1f} s "
          f"({kept / seconds:,.0f} events/s)")


if __name__ == "__main__":
    main()
