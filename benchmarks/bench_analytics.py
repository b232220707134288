"""Time the analytics over 10 million synthetic events.

    .venv/bin/python benchmarks/bench_analytics.py [--events 10000000] [--db PATH] [--repeat 5]

Generates the events with one SQL statement (`range()` and hashing, no Python loop) into a
DuckDB file (kept between runs: delete it, or pass --fresh, to regenerate), adds the store's
`dyad_month` monthly sums when missing (`--raw` drops them, to time the analytics over `events`
alone), opens it read-only as the CLI does, runs each analytic `--repeat` times and prints a
markdown table of median and slowest times. The synthetic world: 33 Latin American states plus
17 others and a few organizations, actor choice skewed toward the first states of the list, 25
years of dates, and two camps (even / odd position in the list) that mostly cooperate inside
and quarrel across.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from blocwatch.analyse import (
    alignment,
    bloc_cohesion,
    correlation_of_forces,
    discover_blocs,
    dyad_series,
)
from blocwatch.contract import PLOVER_TYPES

LATAM = [
    "MEX", "BRA", "COL", "ARG", "VEN", "PER", "CHL", "ECU", "BOL", "CUB", "GTM", "HND", "NIC",
    "PAN", "CRI", "SLV", "DOM", "HTI", "PRY", "URY", "JAM", "TTO", "GUY", "SUR", "BHS", "BRB",
    "BLZ", "LCA", "VCT", "GRD", "ATG", "DMA", "KNA",
]
OTHERS = ["USA", "CAN", "ESP", "CHN", "RUS", "FRA", "DEU", "GBR", "ITA", "JPN", "IND", "IRN",
          "TUR", "PRT", "NLD", "KOR", "ISR"]
ORGS = ["OAS", "UN", "CELAC", "EU", "IMF"]
ACTORS = LATAM + OTHERS + ORGS
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
GOLDSTEIN = {"AGREE": 3.0, "CONSULT": 1.0, "SUPPORT": 3.5, "CONCEDE": 5.0, "COOPERATE": 6.0,
             "AID": 7.0, "RETREAT": 5.0, "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -4.0,
             "THREATEN": -6.0, "PROTEST": -6.5, "SANCTION": -8.0, "MOBILIZE": -7.2,
             "COERCE": -7.0, "ASSAULT": -10.0}
TYPES = list(PLOVER_TYPES)
COOP = [i + 1 for i, t in enumerate(TYPES) if QUAD[t] <= 2]  # 1-based SQL list positions
CONFLICT = [i + 1 for i, t in enumerate(TYPES) if QUAD[t] >= 3]

GENERATE = """
CREATE TABLE events AS
WITH raw AS (
    SELECT i,
           hash(i) % 1000000 / 1000000.0 AS u1,
           hash(i + 1000000007) % 1000000 / 1000000.0 AS u2,
           hash(i * 3 + 17) % 1000000 / 1000000.0 AS u3,
           CAST(hash(i * 5 + 29) % 9131 AS BIGINT) AS day_offset,
           CAST(hash(i * 7 + 31) % 1000 AS BIGINT) AS h
    FROM range($n) AS t(i)
),
picked AS (
    SELECT i, day_offset, h, u3,
           1 + CAST(floor(len($actors) * u1 * u1) AS INTEGER) AS si,
           1 + CAST(floor(len($actors) * u2 * u2) AS INTEGER) AS ti
    FROM raw
),
typed AS (
    SELECT *,
           CASE WHEN (si % 2 = ti % 2) = (u3 < 0.8)
                THEN $coop[1 + h % len($coop)]
                ELSE $conflict[1 + h % len($conflict)] END AS k
    FROM picked
)
SELECT 'ev' || i AS event_key,
       CAST(DATE '2000-01-01' + CAST(day_offset AS INTEGER) AS DATE) AS date,
       CAST(year(DATE '2000-01-01' + CAST(day_offset AS INTEGER)) AS INTEGER) AS year,
       CAST(date_trunc('month', DATE '2000-01-01' + CAST(day_offset AS INTEGER)) AS DATE)
           AS month,
       $types[k] AS type, NULL::VARCHAR AS mode, '000' AS cameo,
       $quads[k] AS quad_class, $goldstein[k] AS goldstein,
       $actors[si] AS source_code, 'GOV' AS source_sector,
       $actors[ti] AS target_code, CASE WHEN h % 10 = 0 THEN 'MIL' ELSE 'GOV' END AS target_sector,
       NULL::VARCHAR AS location_country,
       CAST(1 + h % 5 AS INTEGER) AS mentions, 1 AS sources, 0.8 AS confidence
FROM typed
WHERE si <> ti
ORDER BY date
"""


def generate(path: Path, n: int) -> None:
    try:
        with duckdb.connect(str(path)) as con:
            con.execute(GENERATE, {
                "n": n, "actors": ACTORS, "coop": COOP, "conflict": CONFLICT, "types": TYPES,
                "quads": [QUAD[t] for t in TYPES], "goldstein": [GOLDSTEIN[t] for t in TYPES],
            })
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def ensure_dyad_month(path: Path) -> float:
    """Add the store's `dyad_month` (schema migration 2: the events summed per month and
    directed dyad) to a bench file that lacks it; returns the seconds it took (0 if present).
    Stores built by blocwatch have it already and keep it current."""
    from blocwatch.store.schema import MIGRATIONS

    with duckdb.connect(str(path)) as con:
        present = con.execute("SELECT count(*) FROM duckdb_tables() "
                              "WHERE table_name = 'dyad_month'").fetchall()[0][0]
        if present:
            return 0.0
        t0 = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        for sql in MIGRATIONS[1]:
            con.execute(sql)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return time.perf_counter() - t0


def synthetic_kb() -> Any:
    """A KnowledgeBase for the synthetic world (the shipped one is used when it loads)."""
    from blocwatch.kb import Country, KnowledgeBase, Membership, Orientation, Tables

    def country(code: str, i: int) -> Country:
        return Country(code, code[:2], code, code, (), (), (), (), (), (), "", "", None, None,
                       None, None, 1_000_000 * (50 - i), "member", "Americas",
                       "South America" if code in LATAM else "Elsewhere", "benchmark")

    start = dt.date(1990, 1, 1)
    tables = Tables(
        countries=[country(c, i) for i, c in enumerate(LATAM + OTHERS)],
        memberships=[Membership("CELAC", c, "member", start, None, "benchmark") for c in LATAM]
        + [Membership("ALBA", c, "member", start, None, "benchmark") for c in LATAM[::2]],
        orientation=[Orientation(c, start, None, ("left", "right")[i % 2], None, "benchmark")
                     for i, c in enumerate(LATAM)],
    )
    return KnowledgeBase(tables, version="benchmark")


def load_kb() -> Any:
    try:
        from blocwatch.kb import load_kb as load

        kb = load()
        if len(kb.members("CELAC", dt.date(2012, 1, 1))) == 33 and kb.members("ALBA",
                                                                           dt.date(2015, 1, 1)):
            return kb
    except Exception:
        pass
    return synthetic_kb()


def cases(kb: Any) -> dict[str, Callable[[duckdb.DuckDBPyConnection], Any]]:
    return {
        "dyad_series MEX–VEN, month, 25 years": lambda con: dyad_series(con, "MEX", "VEN"),
        "dyad_series MEX–VEN, week, 2019 directed": lambda con: dyad_series(
            con, "MEX", "VEN", freq="week", start="2019-01-01", end="2019-12-31", directed=True),
        "alignment MEX–VEN, 12-month windows, monthly step": lambda con: alignment(
            con, "MEX", "VEN"),
        "bloc_cohesion ALBA, year": lambda con: bloc_cohesion(con, "ALBA", kb=kb),
        "bloc_cohesion ALBA, month": lambda con: bloc_cohesion(con, "ALBA", kb=kb, freq="month"),
        "discover_blocs, 2015–2019": lambda con: discover_blocs(
            con, start="2015-01-01", end="2019-12-31", kb=kb),
        "discover_blocs, all 25 years": lambda con: discover_blocs(con, kb=kb),
        "correlation_of_forces orientation, year": lambda con: correlation_of_forces(
            con, kb=kb),
        "correlation_of_forces bloc, quarter": lambda con: correlation_of_forces(
            con, kb=kb, camps="bloc", blocs=["ALBA"], freq="quarter"),
        "correlation_of_forces community, year": lambda con: correlation_of_forces(
            con, kb=kb, camps="community"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("benchmarks/analytics-bench.duckdb"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="Regenerate the events.")
    parser.add_argument("--raw", action="store_true",
                        help="Time the analytics over `events` only (drop dyad_month first).")
    args = parser.parse_args()
    if args.fresh and args.db.exists():
        args.db.unlink()
    if not args.db.exists():
        t0 = time.perf_counter()
        generate(args.db, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - t0:.1f} s")
    if not args.raw:
        seconds = ensure_dyad_month(args.db)
        if seconds:
            print(f"built dyad_month in {seconds:.1f} s")
    kb = load_kb()
    if args.raw:
        with duckdb.connect(str(args.db)) as con:
            con.execute("DROP TABLE IF EXISTS dyad_month")
    with duckdb.connect(str(args.db), read_only=True) as con:
        total = con.sql("SELECT count(*) FROM events").fetchall()[0][0]
        source = "events only" if args.raw else "with dyad_month"
        print(f"\n{total:,} events in {args.db} ({source})\n")
        print("| analytic | median (ms) | slowest (ms) |\n|---|---:|---:|")
        for name, run in cases(kb).items():
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                run(con)
                times.append(1000 * (time.perf_counter() - t0))
            print(f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} |")


if __name__ == "__main__":
    main()
