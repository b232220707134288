"""Bloc cohesion: do a bloc's members treat each other better than they treat outsiders?"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from blocwatch.analyse import _monthly
from blocwatch.analyse._common import (
    check_code,
    check_freq,
    in_states,
    make_filter,
    period_end,
    period_starts,
    query,
    resolve_range,
)
from blocwatch.analyse._kb import KBLike, state_codes
from blocwatch.errors import QueryError

log = logging.getLogger(__name__)

COHESION_FREQS = ("year", "quarter", "month")

_SQL = """
WITH periods AS (
    SELECT unnest($periods::DATE[]) AS period, unnest($sizes::BIGINT[]) AS members
),
membership AS (
    SELECT unnest($m_periods::DATE[]) AS period, unnest($m_codes::VARCHAR[]) AS code
),
ev AS (
    -- Aggregate per period and directed pair first: the joins below then see thousands of
    -- rows, not millions of events.
    SELECT CAST(date_trunc('{freq}', {day}) AS DATE) AS period, source_code, target_code,
           {sums}
    FROM {table}
    WHERE {base} AND {day} >= {lo} AND {day} <= $hi AND source_code <> target_code
      AND (source_code IN (SELECT code FROM membership)
           OR target_code IN (SELECT code FROM membership))
    GROUP BY ALL
),
sided AS (
    SELECT ev.*, ms.code IS NOT NULL AND mt.code IS NOT NULL AS inside,
           CASE WHEN ms.code IS NOT NULL THEN ev.target_code ELSE ev.source_code END AS other
    FROM ev
    LEFT JOIN membership AS ms ON ms.period = ev.period AND ms.code = ev.source_code
    LEFT JOIN membership AS mt ON mt.period = ev.period AND mt.code = ev.target_code
    WHERE ms.code IS NOT NULL OR mt.code IS NOT NULL
),
tagged AS (
    -- Whether the outsider is a state, worked out once per row (not once per aggregate).
    SELECT *, NOT inside AND {other_is_state} AS outside FROM sided
),
agg AS (
    SELECT period,
           sum(n) FILTER (WHERE inside) AS inside_events,
           sum(net) FILTER (WHERE inside) AS inside_net_coop,
           CAST(sum(g) FILTER (WHERE inside) AS DOUBLE) / sum(n) FILTER (WHERE inside)
               AS inside_goldstein_mean,
           sum(n) FILTER (WHERE outside) AS outside_events,
           sum(net) FILTER (WHERE outside) AS outside_net_coop,
           CAST(sum(g) FILTER (WHERE outside) AS DOUBLE) / sum(n) FILTER (WHERE outside)
               AS outside_goldstein_mean
    FROM tagged GROUP BY period
)
SELECT p.period, p.members,
       coalesce(agg.inside_events, 0)::BIGINT AS inside_events,
       coalesce(agg.inside_net_coop, 0)::BIGINT AS inside_net_coop,
       agg.inside_goldstein_mean,
       coalesce(agg.outside_events, 0)::BIGINT AS outside_events,
       coalesce(agg.outside_net_coop, 0)::BIGINT AS outside_net_coop,
       agg.outside_goldstein_mean,
       agg.inside_net_coop / nullif(agg.inside_events, 0) AS inside_net_coop_rate,
       agg.outside_net_coop / nullif(agg.outside_events, 0) AS outside_net_coop_rate,
       agg.inside_goldstein_mean - agg.outside_goldstein_mean AS cohesion
FROM periods AS p LEFT JOIN agg USING (period)
ORDER BY p.period
"""


def membership_by_period(
    kb: KBLike, bloc: str, freq: str, lo: dt.date, hi: dt.date
) -> dict[dt.date, list[str]]:
    """Members of `bloc` for each period, taken on the period's last day."""
    return {
        p: sorted(set(kb.members(bloc, period_end(p, freq))))
        for p in period_starts(freq, lo, hi)
    }


def bloc_cohesion(
    con: duckdb.DuckDBPyConnection,
    bloc: str,
    *,
    kb: KBLike,
    freq: str = "year",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    sectors: Sequence[str] | None = None,
) -> pa.Table:
    """Per period: relations among the bloc's members and between members and outside states.

    Membership is the KB's (members not suspended) on each period's last day. `inside_*`
    columns count events whose source and target are both members (self-dyads excluded);
    `outside_*` those with exactly one member and a state on the other side. cohesion =
    inside_goldstein_mean - outside_goldstein_mean; the `*_net_coop_rate` columns are net
    cooperation per event, comparable between inside and outside.
    """
    check_code(bloc, what="bloc code")
    check_freq(freq, COHESION_FREQS)
    filt = make_filter(start, end, sectors)
    monthly = _monthly.usable(con, filt)
    if monthly:
        base, params = filt.month_sql()
        span = _monthly.resolve_range(con, filt, base, params)
    else:
        base, params = filt.sql()
        span = resolve_range(con, filt, base, params)
    if span is None:
        day = filt.start or filt.end or dt.date.today()
        span = (filt.start or day, filt.end or day)
    by_period = membership_by_period(kb, bloc, freq, *span)
    if not any(by_period.values()):
        raise QueryError(f"the knowledge base knows no members of {bloc} between "
                         f"{span[0]} and {span[1]}")
    m_periods = [p for p, codes in by_period.items() for _ in codes]
    m_codes = [c for codes in by_period.values() for c in codes]
    states = state_codes(kb)
    if states is not None:
        params["states"] = states
    params |= {
        "lo": span[0], "hi": span[1],
        "periods": list(by_period), "sizes": [len(c) for c in by_period.values()],
        "m_periods": m_periods, "m_codes": m_codes,
    }
    source = _monthly.pair_source(monthly)
    sql = _SQL.format(freq=freq, base=base, other_is_state=in_states("other", states), **source)
    return query(con, sql, params)
