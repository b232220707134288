"""Alignment of two states: how they treat each other and how alike they treat everyone else."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from blocwatch.analyse import _monthly
from blocwatch.analyse._common import (
    GOLDSTEIN_SUM,
    SIGN,
    check_code,
    check_interval,
    make_filter,
    query,
    resolve_range,
)
from blocwatch.errors import QueryError

log = logging.getLogger(__name__)

_SQL = """
WITH windows AS (
    SELECT CAST(ws AS DATE) AS window_start,
           CAST(ws + CAST($window AS INTERVAL) AS DATE) AS window_end
    FROM generate_series(
        CAST($lo AS TIMESTAMP),
        CAST($hi AS TIMESTAMP) + INTERVAL 1 day - CAST($window AS INTERVAL),
        CAST($step AS INTERVAL)) AS t(ws)
),
stance AS (
    SELECT CASE WHEN source_code IN ($a, $b) THEN source_code ELSE target_code END AS actor,
           CASE WHEN source_code IN ($a, $b) THEN target_code ELSE source_code END AS third,
           {bucket} AS date, {n} AS n, {g} AS g
    FROM {table}
    WHERE {base} AND {day} >= $lo AND {day} <= $hi AND {involves}
      AND source_code IS NOT NULL AND target_code IS NOT NULL
      AND source_code <> target_code
      AND NOT (source_code IN ($a, $b) AND target_code IN ($a, $b))
    GROUP BY ALL
),
per_window AS (
    SELECT w.window_start, s.actor, s.third, CAST(sum(s.g) AS DOUBLE) / sum(s.n) AS mean_g
    FROM windows AS w JOIN stance AS s
      ON s.date >= w.window_start AND s.date < w.window_end
    GROUP BY ALL
    HAVING sum(s.n) >= $k
),
similarity AS (
    SELECT window_start,
           count(*) FILTER (WHERE actor = $a) AS thirds_a,
           count(*) FILTER (WHERE actor = $b) AS thirds_b
    FROM per_window GROUP BY ALL
),
shared AS (
    -- Summed in a fixed order (by third actor): the same bits on every run.
    SELECT pa.window_start, count(*) AS shared_thirds,
           sum(pa.mean_g * pb.mean_g ORDER BY pa.third)
             / nullif(sqrt(sum(pa.mean_g * pa.mean_g ORDER BY pa.third)
                           * sum(pb.mean_g * pb.mean_g ORDER BY pa.third)), 0)
             AS stance_cosine
    FROM per_window AS pa JOIN per_window AS pb
      ON pa.window_start = pb.window_start AND pa.third = pb.third
     AND pa.actor = $a AND pb.actor = $b
    GROUP BY ALL
),
direct_daily AS (
    SELECT {bucket} AS date, {n} AS n, {net} AS net, {g} AS g
    FROM {table}
    WHERE {base} AND {day} >= $lo AND {day} <= $hi
      AND ((source_code = $a AND target_code = $b) OR (source_code = $b AND target_code = $a))
    GROUP BY ALL
),
direct AS (
    SELECT w.window_start, sum(d.n) AS n, sum(d.net) AS net,
           CAST(sum(d.g) AS DOUBLE) / sum(d.n) AS mean_g
    FROM windows AS w JOIN direct_daily AS d
      ON d.date >= w.window_start AND d.date < w.window_end
    GROUP BY ALL
)
SELECT w.window_start, w.window_end,
       coalesce(direct.n, 0)::BIGINT AS direct_events,
       coalesce(direct.net, 0)::BIGINT AS direct_net_coop,
       direct.mean_g AS direct_goldstein_mean,
       coalesce(similarity.thirds_a, 0)::BIGINT AS thirds_a,
       coalesce(similarity.thirds_b, 0)::BIGINT AS thirds_b,
       coalesce(shared.shared_thirds, 0)::BIGINT AS shared_thirds,
       shared.stance_cosine
FROM windows AS w
LEFT JOIN direct USING (window_start)
LEFT JOIN similarity USING (window_start)
LEFT JOIN shared USING (window_start)
ORDER BY w.window_start
"""


def alignment(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    window: str = "12 months",
    step: str = "1 month",
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    min_events: int = 3,
    both_directions: bool = False,
    sectors: Sequence[str] | None = None,
) -> pa.Table:
    """Sliding-window alignment of actors `a` and `b`.

    One row per window [window_start, window_end) of length `window`, starting at `start` and
    moving by `step` (start defaults to the first day of the month of the first event
    involving a or b); only whole windows inside [start, end] are reported. Columns:
    direct_events, direct_net_coop and direct_goldstein_mean (events between a and b, both
    ways); thirds_a and thirds_b (third actors each has at least `min_events` events toward);
    shared_thirds (third actors both have) and stance_cosine, the cosine similarity of their
    vectors of mean Goldstein toward the shared third actors (null when there are none or a
    vector is all zeros). A stance counts a's events as source toward the third actor; with
    `both_directions=True` also the third actor's events toward a.
    """
    check_code(a)
    check_code(b)
    if a == b:
        raise QueryError(f"alignment needs two different actors, got {a} twice")
    if not isinstance(min_events, int) or min_events < 1:
        raise QueryError(f"min_events must be a positive integer, got {min_events!r}")
    window_sql = check_interval(window, what="window")
    step_sql = check_interval(step, what="step")
    filt = make_filter(start, end, sectors)
    base, params = filt.sql()
    involves = "source_code IN ($a, $b)"
    if both_directions:
        involves = "(source_code IN ($a, $b) OR target_code IN ($a, $b))"
    params |= {"a": a, "b": b}
    span = resolve_range(con, filt, f"{base} AND {involves}", params)
    if span is None:
        log.info("no events involving %s or %s", a, b)
        span = (filt.start or dt.date(2000, 1, 1), filt.start or dt.date(2000, 1, 1))
    elif filt.start is None:
        span = (span[0].replace(day=1), span[1])  # windows from the first event's month
    params |= {"lo": span[0], "hi": span[1], "window": window_sql, "step": step_sql,
               "k": min_events}
    # Whole-month windows from the first of a month only need monthly totals: far fewer rows
    # to join with the windows than daily ones.
    monthly = span[0].day == 1 and all(x.endswith(("months", "years"))
                                       for x in (window_sql, step_sql))
    if monthly and _monthly.usable(con, filt, whole_months=False):
        # Every window is whole months ending by `end`, so a month cut by `end` is in none:
        # `dyad_month` gives the same totals.
        base, f_params = filt.month_sql()
        params = {k: v for k, v in params.items() if not k.startswith("f_")} | f_params
        sql = _SQL.format(base=base, involves=involves, bucket="month", day="month",
                          table=_monthly.TABLE,
                          n="sum(events)::BIGINT", g="sum(goldstein_sum)",
                          net="sum(net_coop)::HUGEINT")
    else:
        bucket = "CAST(date_trunc('month', date) AS DATE)" if monthly else "date"
        sql = _SQL.format(base=base, involves=involves, bucket=bucket, day="date",
                          table="events",
                          n="count(*)", g=GOLDSTEIN_SUM, net=f"sum({SIGN})")
    return query(con, sql, params)
