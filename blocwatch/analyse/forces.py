"""The correlation of forces: how a region's states divide into camps, and how the camps relate."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from blocwatch.analyse import _monthly
from blocwatch.analyse._common import (
    EventFilter,
    Params,
    check_codes,
    check_freq,
    make_filter,
    period_end,
    period_starts,
    query,
)
from blocwatch.analyse._kb import KBLike, population, region_states
from blocwatch.analyse.communities import find_communities, fold_pairs, pair_sql, signed_graph
from blocwatch.errors import QueryError

log = logging.getLogger(__name__)

CAMP_KINDS = ("orientation", "bloc", "community")
FORCES_FREQS = ("year", "quarter", "month")
DEFAULT_CAMP_BLOCS = ("ALBA", "LIMA_GROUP")
UNKNOWN, OTHER, UNALIGNED = "unknown", "other", "unaligned"

_RELATIONS_SQL = """
WITH camps AS (
    SELECT unnest($c_periods::DATE[]) AS period, unnest($c_codes::VARCHAR[]) AS code,
           unnest($c_camps::VARCHAR[]) AS camp
),
ev AS (
    SELECT CAST(date_trunc('{freq}', {day}) AS DATE) AS period, source_code, target_code,
           {sums}
    FROM {table}
    WHERE {where} AND {day} >= {lo} AND {day} <= $hi AND source_code <> target_code
      AND source_code IN (SELECT unnest($states::VARCHAR[]))
      AND target_code IN (SELECT unnest($states::VARCHAR[]))
    GROUP BY ALL
)
SELECT ev.period, least(cs.camp, ct.camp) AS camp_a, greatest(cs.camp, ct.camp) AS camp_b,
       sum(n)::BIGINT AS events, sum(net)::BIGINT AS net_coop,
       CAST(sum(g) AS DOUBLE) / sum(n) AS goldstein_mean
FROM ev
JOIN camps AS cs ON cs.period = ev.period AND cs.code = ev.source_code
JOIN camps AS ct ON ct.period = ev.period AND ct.code = ev.target_code
GROUP BY ALL
ORDER BY ALL
"""


@dataclass(frozen=True, slots=True)
class Forces:
    """What `correlation_of_forces` measured.

    camps: period, camp, states, state_share, population, population_share, members (list),
    events_within, net_coop_within, goldstein_mean_within.
    relations: period, camp_a <= camp_b, events, net_coop, goldstein_mean (camp_a == camp_b is
    the camp's inner relations).
    summary: period, events_within, goldstein_mean_within, events_between, net_coop_between,
    goldstein_mean_between (all pairs of different camps pooled: the inter-camp balance).
    """

    camps: pa.Table
    relations: pa.Table
    summary: pa.Table


Assignment = dict[dt.date, dict[str, str]]  # period -> state -> camp


def correlation_of_forces(
    con: duckdb.DuckDBPyConnection,
    *,
    kb: KBLike,
    region: str | Sequence[str] = "Latin America",
    camps: str = "orientation",
    blocs: Sequence[str] | None = None,
    freq: str = "year",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    min_events: int = 3,
    sectors: Sequence[str] | None = None,
) -> Forces:
    """Split the region's states into camps each period and weigh the camps and their relations.

    Camps are taken on each period's last day: `orientation` (the government's left / centre /
    right from the KB, `unknown` when not recorded); `bloc` (the first of `blocs` the state
    belongs to, default ALBA then LIMA_GROUP, else `other`); `community` (Louvain communities
    of the period's positive network among the region's states with at least `min_events`
    events a pair, named after their most populous member, e.g. `C:BRA`; states with no
    cooperative tie are `unaligned`). Only events between two states of the region count.
    """
    if camps not in CAMP_KINDS:
        raise QueryError(f"bad camps {camps!r}: expected one of {', '.join(CAMP_KINDS)}")
    check_freq(freq, FORCES_FREQS)
    camp_blocs = check_codes(blocs or DEFAULT_CAMP_BLOCS, what="bloc code")
    states = region_states(kb, region)
    filt = make_filter(start, end, sectors)
    monthly = _monthly.usable(con, filt)
    base, params = filt.month_sql() if monthly else filt.sql()
    params["states"] = states
    lo, hi = _span(con, filt, base, params, monthly=monthly)
    periods = period_starts(freq, lo, hi)
    params |= {"lo": lo, "hi": hi}
    if camps == "orientation":
        assignment = {p: _by_orientation(kb, states, period_end(p, freq)) for p in periods}
    elif camps == "bloc":
        assignment = {p: _by_bloc(kb, states, camp_blocs, period_end(p, freq)) for p in periods}
    else:
        assignment = _by_community(con, kb, base, params, freq, periods, min_events,
                                   monthly=monthly)
    relations = _relations(con, base, params, freq, assignment, monthly=monthly)
    return Forces(
        camps=_camp_table(kb, assignment, relations),
        relations=relations,
        summary=_summary(periods, relations),
    )


def _span(con: duckdb.DuckDBPyConnection, filt: EventFilter, base: str, params: Params, *,
          monthly: bool = False) -> tuple[dt.date, dt.date]:
    """The requested range, a missing end filled from all events: a scan of the date column
    only (or of `dyad_month`'s first and last days), cheaper than finding the region's first
    and last event."""
    if filt.start is not None and filt.end is not None:
        return filt.start, filt.end
    used = {k: v for k, v in params.items() if k.startswith("f_")}
    sql = (f"SELECT min(first_date), max(last_date) FROM {_monthly.TABLE} WHERE {base}"
           if monthly else f"SELECT min(date), max(date) FROM events WHERE {base}")
    lo, hi = (col[0].as_py() for col in query(con, sql, used).columns)
    start = filt.start or lo or filt.end
    end = filt.end or hi or start
    if start is None or end is None:
        raise QueryError("no events in the store; give --start and --end")
    return start, end


def _by_orientation(kb: KBLike, states: list[str], date: dt.date) -> dict[str, str]:
    return {code: kb.orientation(code, date) or UNKNOWN for code in states}


def _by_bloc(kb: KBLike, states: list[str], blocs: list[str], date: dt.date) -> dict[str, str]:
    members = {bloc: set(kb.members(bloc, date)) for bloc in blocs}
    return {
        code: next((bloc for bloc in blocs if code in members[bloc]), OTHER) for code in states
    }


def _by_community(con: duckdb.DuckDBPyConnection, kb: KBLike, base: str, params: Params,
                  freq: str, periods: list[dt.date], min_events: int, *,
                  monthly: bool = False) -> Assignment:
    source = _monthly.pair_source(monthly)
    where = f"{base} AND {source['day']} >= {source['lo']} AND {source['day']} <= $hi"
    sql = pair_sql(where, by_period=freq, states=True, monthly=monthly)
    rows_by_period: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for row in query(con, sql, params).to_pylist():
        rows_by_period[row.pop("period")].append(row)
    out: Assignment = {}
    for p in periods:
        pairs = fold_pairs(rows_by_period[p])
        groups = find_communities(signed_graph(pairs, min_events=min_events))
        camp = {code: UNALIGNED for code in params["states"]}
        for members in groups:
            if len(members) > 1:
                leader = max(members, key=lambda c: (population(kb, c), c))
                camp.update({code: f"C:{leader}" for code in members})
        out[p] = camp
    return out


def _relations(con: duckdb.DuckDBPyConnection, base: str, params: Params, freq: str,
               assignment: Assignment, *, monthly: bool = False) -> pa.Table:
    flat = [(p, code, camp) for p, camps in assignment.items() for code, camp in camps.items()]
    params = params | {
        "c_periods": [r[0] for r in flat], "c_codes": [r[1] for r in flat],
        "c_camps": [r[2] for r in flat],
    }
    sql = _RELATIONS_SQL.format(freq=freq, where=base, **_monthly.pair_source(monthly))
    return query(con, sql, params)


def _camp_table(kb: KBLike, assignment: Assignment, relations: pa.Table) -> pa.Table:
    within = {
        (r["period"], r["camp_a"]): r for r in relations.to_pylist() if r["camp_a"] == r["camp_b"]
    }
    rows = []
    for p, camps in assignment.items():
        n_states = len(camps)
        pops = {code: population(kb, code) for code in camps}
        total_pop = sum(pops.values())
        counts = Counter(camps.values())
        for camp in sorted(counts):
            members = sorted(c for c, k in camps.items() if k == camp)
            pop = sum(pops[c] for c in members)
            rel = within.get((p, camp), {})
            rows.append({
                "period": p, "camp": camp, "states": counts[camp],
                "state_share": counts[camp] / n_states, "population": pop,
                "population_share": pop / total_pop if total_pop else None, "members": members,
                "events_within": rel.get("events", 0), "net_coop_within": rel.get("net_coop", 0),
                "goldstein_mean_within": rel.get("goldstein_mean"),
            })
    return pa.Table.from_pylist(rows, schema=_CAMP_SCHEMA)


def _summary(periods: list[dt.date], relations: pa.Table) -> pa.Table:
    acc = {p: [0, 0.0, 0, 0, 0.0] for p in periods}
    for r in relations.to_pylist():
        slot = acc.setdefault(r["period"], [0, 0.0, 0, 0, 0.0])
        g_sum = r["goldstein_mean"] * r["events"]
        if r["camp_a"] == r["camp_b"]:
            slot[0] += r["events"]
            slot[1] += g_sum
        else:
            slot[2] += r["events"]
            slot[3] += r["net_coop"]
            slot[4] += g_sum
    rows = [
        {"period": p, "events_within": int(w), "goldstein_mean_within": gw / w if w else None,
         "events_between": int(b), "net_coop_between": int(net),
         "goldstein_mean_between": gb / b if b else None}
        for p, (w, gw, b, net, gb) in sorted(acc.items())
    ]
    return pa.Table.from_pylist(rows, schema=_SUMMARY_SCHEMA)


_CAMP_SCHEMA = pa.schema([
    ("period", pa.date32()), ("camp", pa.string()), ("states", pa.int64()),
    ("state_share", pa.float64()), ("population", pa.int64()),
    ("population_share", pa.float64()), ("members", pa.list_(pa.string())),
    ("events_within", pa.int64()), ("net_coop_within", pa.int64()),
    ("goldstein_mean_within", pa.float64()),
])
_SUMMARY_SCHEMA = pa.schema([
    ("period", pa.date32()), ("events_within", pa.int64()),
    ("goldstein_mean_within", pa.float64()), ("events_between", pa.int64()),
    ("net_coop_between", pa.int64()), ("goldstein_mean_between", pa.float64()),
])
