"""Reading `dyad_month`, the store's per-month, per-directed-dyad sums of `events`.

Analytics at month-or-coarser frequency aggregate these few hundred thousand rows instead of
millions of events, with identical results: every count, net cooperation and Goldstein sum of a
month and dyad is a sum of the same events. The store keeps the table current (see
`blocwatch.store.derive`); a connection without it (a bare `events` table) reads `events`.
`dyad_month` has no sectors, so a sector filter, or a range that cuts a month, reads `events`.
"""

from __future__ import annotations

import datetime as dt
import logging

import duckdb

from blocwatch.analyse._common import GOLDSTEIN_SUM, SIGN, EventFilter, Params
from blocwatch.analyse._common import resolve_range as common_resolve_range

log = logging.getLogger(__name__)

TABLE = "dyad_month"
# Where the cohesion and forces queries get their per-period, per-directed-pair sums (n, net,
# g): SQL pieces for the events, and for `dyad_month` with the types the same sums over
# `events` have (count -> BIGINT, sum of INTEGER -> HUGEINT). `dyad_month`'s months must lie in
# [first month of $lo, $hi], so its `lo` is truncated to the month.
_EVENT_SOURCE = {"table": "events", "day": "date", "lo": "$lo",
                 "sums": f"count(*) AS n, sum({SIGN}) AS net, {GOLDSTEIN_SUM} AS g"}
_MONTHLY_SOURCE = {"table": TABLE, "day": "month",
                   "lo": "CAST(date_trunc('month', $lo::DATE) AS DATE)",
                   "sums": ("sum(events)::BIGINT AS n, sum(net_coop)::HUGEINT AS net, "
                            "sum(goldstein_sum) AS g")}


def pair_source(monthly: bool) -> dict[str, str]:
    """SQL pieces `table`, `day` (its date column), `lo` (the lower bound to compare `day`
    with) and `sums` (n, net, g) for reading `events` or, when `monthly`, `dyad_month`."""
    return _MONTHLY_SOURCE if monthly else _EVENT_SOURCE


def has_table(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the connection's database has a `dyad_month` table."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main' "
        "AND database_name = current_database()", [TABLE]).fetchall()
    return bool(found and found[0][0])


def usable(con: duckdb.DuckDBPyConnection, filt: EventFilter, *,
           whole_months: bool = True) -> bool:
    """Whether `dyad_month` answers a query over `filt` exactly: no sectors, and (when
    `whole_months`) a range of whole months."""
    if filt.sectors is not None or (whole_months and not filt.month_aligned()):
        return False
    return has_table(con)


def resolve_range(con: duckdb.DuckDBPyConnection, filt: EventFilter, where: str,
                  params: Params) -> tuple[dt.date, dt.date] | None:
    """`_common.resolve_range` over `dyad_month` (`where` over its columns, from
    `EventFilter.month_sql()`; the filter must be month-aligned): the first and last event
    days are kept per row."""
    return common_resolve_range(con, filt, where, params, table=TABLE, first="first_date",
                                last="last_date")
