"""Fill a store's `events` table with N synthetic events, fast, in DuckDB SQL.

For the analytics benchmarks: `python benchmarks/gen_events.py --db bench.duckdb -n 10000000`.
Rows have the store's exact columns and invariants (event_key is the dedup key's hash, one row
per key, month is the first day of the month, quad class and Goldstein follow the CAMEO code),
with a skewed actor distribution (a few states appear in most events, as in the news). Only
`events` is filled: documents and mentions are not generated.

CAMEO → PLOVER type and mode from CAMEO2PLOVER-2021 (openeventdata/PLOVER, CC BY-SA 4.0);
Goldstein values from the GDELT CAMEO lookup tables.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blocwatch.store import EVENT_KEY_SQL, open_store

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


def _values(rows: list[tuple[object, ...]]) -> str:
    def lit(v: object) -> str:
        return "NULL" if v is None else (f"'{v}'" if isinstance(v, str) else str(v))
    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def generate_sql(n: int, *, start: str, days: int) -> str:
    codes = _values([(i, *row) for i, row in enumerate(CODES)])
    actors = _values([(i, a, "IGO" if a in IGOS else None) for i, a in enumerate(ACTORS)])
    sectors = _values(list(enumerate(SECTORS)))
    k = len(ACTORS)
    igo = ", ".join(str(i) for i, a in enumerate(ACTORS) if a in IGOS)
    # Draws are integers; rows repeating a dedup key are merged on those integers (cheap),
    # and only then turned into strings and hashed. Skew: floor(k * u^2.2) favours the first
    # actors. A target equal to its source is moved to the next actor.
    return f"""
    WITH codes(i, cameo, type, mode, quad_class, goldstein) AS (VALUES {codes}),
    actors(i, code, fixed_sector) AS (VALUES {actors}),
    sectors(i, sector) AS (VALUES {sectors}),
    draws AS (
        SELECT
            range AS r,
            CAST(floor({k} * pow(random(), 2.2)) AS INTEGER) AS s,
            CAST(floor({k} * pow(random(), 2.2)) AS INTEGER) AS t0,
            CAST(floor(random() * {len(CODES)}) AS INTEGER) AS c,
            CAST(floor(pow(random(), 2.5) * {len(SECTORS)}) AS INTEGER) AS ss,
            CAST(floor(pow(random(), 2.5) * {len(SECTORS)}) AS INTEGER) AS ts,
            CAST(floor(random() * {days}) AS INTEGER) AS day,
            random() < 0.08 AS no_target,
            1 + CAST(floor(pow(random(), 6) * 40) AS INTEGER) AS mentions,
            random() AS u
        FROM range({n})
    ),
    merged AS (
        SELECT s, t, c, ss, ts, day, no_target, sum(mentions) AS mentions, min(r) AS r,
            max(u) AS u
        FROM (
            -- the integers of the dedup key: organisations have one sector, no target none
            SELECT s, CASE WHEN no_target THEN -1 ELSE t1 END AS t,
                c, CASE WHEN s IN ({igo}) THEN -1 ELSE ss END AS ss,
                CASE WHEN no_target OR t1 IN ({igo}) THEN -1 ELSE ts END AS ts,
                day, no_target, mentions, r, u
            FROM (SELECT *, CASE WHEN t0 = s THEN (t0 + 1) % {k} ELSE t0 END AS t1 FROM draws))
        GROUP BY ALL
    ),
    rows AS (
        SELECT
            m.s, m.t, DATE '{start}' + m.day AS date,
            c.type, c.mode, c.cameo, c.quad_class, c.goldstein,
            sa.code AS source_code, coalesce(sa.fixed_sector, sec1.sector) AS source_sector,
            CASE WHEN m.no_target THEN NULL ELSE ta.code END AS target_code,
            CASE WHEN m.no_target THEN NULL
                 ELSE coalesce(ta.fixed_sector, sec2.sector) END AS target_sector,
            CASE WHEN m.u < 0.7 AND sa.fixed_sector IS NULL THEN sa.code END
                AS location_country,
            CAST(m.mentions AS INTEGER) AS mentions,
            greatest(1, CAST(ceil(m.mentions * (0.3 + 0.7 * m.u)) AS INTEGER)) AS sources,
            'synthetic-' || m.r AS first_doc_id,
            round(0.4 + 0.6 * m.u, 3) AS confidence
        FROM merged m
        JOIN codes c ON c.i = m.c
        JOIN actors sa ON sa.i = m.s
        LEFT JOIN actors ta ON ta.i = m.t
        LEFT JOIN sectors sec1 ON sec1.i = m.ss
        LEFT JOIN sectors sec2 ON sec2.i = m.ts
    )
    SELECT {EVENT_KEY_SQL} AS event_key, date, year(date) AS year,
        CAST(date_trunc('month', date) AS DATE) AS month, type, mode, cameo, quad_class,
        goldstein, source_code, source_sector, target_code, target_sector, location_country,
        mentions, sources, first_doc_id, confidence
    FROM rows
    -- dyad order (by actor rank, cheaper to sort than codes): tight zone maps for dyad queries
    ORDER BY s, t, date
    """


def fill(db: str | Path | None, n: int, *, seed: float = 0.42, start: str = "2000-01-01",
         days: int = 25 * 365) -> int:
    """Replace the store's events with about `n` synthetic ones; returns how many were kept
    (rows that repeat a dedup key are merged, as the store would)."""
    with open_store(db) as store:
        con = store.con
        con.execute("SELECT setseed(?)", [seed]).fetchall()
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM events")
        con.execute("DELETE FROM event_links")
        con.execute("INSERT INTO events " + generate_sql(n, start=start, days=days))
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
