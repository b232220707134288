"""Dyadic series: what two actors did to each other, period by period."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from blocwatch.analyse import _monthly
from blocwatch.analyse._common import (
    GOLDSTEIN_SUM,
    NET_COOP,
    NET_COOP_WEIGHTED,
    check_code,
    check_freq,
    make_filter,
    period_start,
    query,
)
from blocwatch.contract import PLOVER_TYPES
from blocwatch.errors import QueryError

log = logging.getLogger(__name__)

QUAD_COLUMNS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
TYPE_COLUMNS = tuple(t.lower() for t in PLOVER_TYPES)
# Frequencies whose periods are whole months: these can read `dyad_month`.
MONTHLY_FREQS = ("month", "quarter", "year")


def dyad_where(directed: bool) -> str:
    if directed:
        return "source_code = $a AND target_code = $b"
    return "((source_code = $a AND target_code = $b) OR (source_code = $b AND target_code = $a))"


def _aggregates() -> str:
    by_type = ", ".join(
        f"count(*) FILTER (WHERE type = '{t}') AS {t.lower()}" for t in PLOVER_TYPES
    )
    by_quad = ", ".join(
        f"count(*) FILTER (WHERE quad_class = {i}) AS {name}"
        for i, name in enumerate(QUAD_COLUMNS, start=1)
    )
    return (
        f"count(*) AS events, {by_type}, {by_quad}, "
        f"CAST({GOLDSTEIN_SUM} AS DOUBLE) AS goldstein_sum, "
        f"CAST({GOLDSTEIN_SUM} AS DOUBLE) / nullif(count(goldstein), 0) AS goldstein_mean, "
        f"{NET_COOP} AS net_coop, {NET_COOP_WEIGHTED} AS net_coop_weighted"
    )


def _monthly_aggregates() -> str:
    """`_aggregates()` over `dyad_month` rows: sums of the monthly sums."""
    counts = ", ".join(f"sum({c})::BIGINT AS {c}"
                       for c in ("events", *TYPE_COLUMNS, *QUAD_COLUMNS))
    return (
        f"{counts}, CAST(sum(goldstein_sum) AS DOUBLE) AS goldstein_sum, "
        f"CAST(sum(goldstein_sum) AS DOUBLE) / nullif(sum(goldstein_n), 0) AS goldstein_mean, "
        f"sum(net_coop)::HUGEINT AS net_coop, "
        f"sum(net_coop_weighted)::HUGEINT AS net_coop_weighted"
    )


def _series_sql(freq: str, where: str, *, monthly: bool = False) -> str:
    # One scan: aggregate the dyad's events (or, when `monthly`, its `dyad_month` rows), then
    # fill the periods between the requested (or, when missing, the first and last active)
    # periods.
    zero_cols = ("events", *TYPE_COLUMNS, *QUAD_COLUMNS, "net_coop", "net_coop_weighted")
    filled = ", ".join(f"coalesce(agg.{c}, 0)::BIGINT AS {c}" for c in zero_cols)
    column, table, sums = (("month", _monthly.TABLE, _monthly_aggregates()) if monthly
                           else ("date", "events", _aggregates()))
    return f"""
        WITH agg AS (
            SELECT CAST(date_trunc('{freq}', {column}) AS DATE) AS period, {sums}
            FROM {table}
            WHERE {where}
            GROUP BY ALL
        ),
        bounds AS (
            SELECT coalesce($lo::DATE, min(period)) AS lo, coalesce($hi::DATE, max(period)) AS hi
            FROM agg
        ),
        periods AS (
            SELECT CAST(unnest(generate_series(
                CAST(lo AS TIMESTAMP), CAST(hi AS TIMESTAMP), INTERVAL 1 {freq})) AS DATE) AS period
            FROM bounds WHERE lo IS NOT NULL AND hi IS NOT NULL
        )
        SELECT periods.period, {filled},
               coalesce(agg.goldstein_sum, 0.0) AS goldstein_sum, agg.goldstein_mean
        FROM periods LEFT JOIN agg USING (period)
        ORDER BY periods.period
    """


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    freq: str = "month",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    directed: bool = False,
    sectors: Sequence[str] | None = None,
) -> pa.Table:
    """Events between `a` and `b` per period, one row per period from start to end.

    Columns: period (first day), events, one count per PLOVER type (lower-case names), the four
    quad-class counts, goldstein_sum, goldstein_mean (null for an empty period), net_coop
    ((verbal_coop + material_coop) - (verbal_conflict + material_conflict)) and
    net_coop_weighted (the same with each event counted `mentions` times). Undirected by
    default (a→b and b→a); `directed=True` keeps only a→b. Missing start or end default to the
    dyad's first or last event.
    """
    check_code(a)
    check_code(b)
    if a == b:
        raise QueryError(f"a dyad needs two different actors, got {a} twice")
    check_freq(freq)
    filt = make_filter(start, end, sectors)
    monthly = freq in MONTHLY_FREQS and _monthly.usable(con, filt)
    base, params = filt.month_sql() if monthly else filt.sql()
    where = f"{dyad_where(directed)} AND {base}"
    params |= {
        "a": a, "b": b,
        "lo": period_start(filt.start, freq) if filt.start else None,
        "hi": filt.end,
    }
    table = query(con, _series_sql(freq, where, monthly=monthly), params)
    if table.num_rows == 0:
        log.info("no events between %s and %s", a, b)
        return _empty_series()
    return table


def _empty_series() -> pa.Table:
    fields = [pa.field("period", pa.date32())]
    fields += [pa.field(c, pa.int64()) for c in ("events", *TYPE_COLUMNS, *QUAD_COLUMNS)]
    fields += [pa.field("net_coop", pa.int64()), pa.field("net_coop_weighted", pa.int64())]
    fields += [pa.field("goldstein_sum", pa.float64()), pa.field("goldstein_mean", pa.float64())]
    return pa.schema(fields).empty_table()
