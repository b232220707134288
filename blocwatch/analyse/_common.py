"""Shared pieces of the analytics: input checks, periods, SQL fragments and query running.

Every analytic is one or two parametrised DuckDB queries over the `events` table; user input
reaches SQL only as bound parameters, after the checks here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from blocwatch.errors import QueryError

# Contract actor codes: a letter, then letters, digits or underscores (G20 and LIMA_GROUP pass).
# Codes only ever reach SQL as bound parameters; the check gives the user a clear message.
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,19}$")
STATE_RE = re.compile(r"^[A-Z]{3}$")
SECTOR_RE = re.compile(r"^[A-Z]{3}$")
INTERVAL_RE = re.compile(r"^\s*(\d{1,4})\s+(day|week|month|quarter|year)s?\s*$", re.IGNORECASE)
FREQS = ("day", "week", "month", "quarter", "year")

# +1 for a cooperative event (quad classes 1 and 2), -1 for a conflictual one (3 and 4).
SIGN = "(CASE WHEN quad_class IN (1, 2) THEN 1 WHEN quad_class IN (3, 4) THEN -1 ELSE 0 END)"
NET_COOP = f"sum({SIGN})"
NET_COOP_WEIGHTED = f"sum({SIGN} * coalesce(mentions, 1))"
# Goldstein values are summed exactly, as decimals with six places (CAMEO's have one), and
# turned into DOUBLE only for a mean or an output column: a sum then does not depend on the
# order in which DuckDB's threads add the values, nor on whether it comes from `events` or from
# the monthly sums of `dyad_month` (whose `goldstein_sum` is the same DECIMAL(38, 6)).
GOLDSTEIN_SUM = "sum(CAST(goldstein AS DECIMAL(18, 6)))"
# Without a knowledge base, a state is a three-letter code other than the contract's
# three-letter organization codes.
ORG_CODES_3 = ("OAS", "IDB", "ICC", "ICJ", "WHO", "IMF", "WTO", "G20", "G77")
IS_STATE = (
    "(regexp_full_match({col}, '[A-Z]{{3}}') AND {col} NOT IN ("
    + ", ".join(f"'{c}'" for c in ORG_CODES_3) + "))"
)


def in_states(col: str, states: Sequence[str] | None, param: str = "states") -> str:
    """SQL true when `col` is a state: in the bound list `$param`, or by its form when None.

    A semi-join on the unnested list keeps this fast over millions of rows."""
    if states is None:
        return IS_STATE.format(col=col)
    return f"{col} IN (SELECT unnest(${param}::VARCHAR[]))"


def check_code(code: str, *, what: str = "actor code") -> str:
    """Return `code` if it looks like a contract actor code, else raise QueryError."""
    if not isinstance(code, str) or not CODE_RE.fullmatch(code):
        raise QueryError(
            f"bad {what} {code!r}: expected 2-20 upper-case letters, digits or underscores "
            "starting with a letter, e.g. MEX, CELAC, LIMA_GROUP"
        )
    return code


def check_codes(codes: Iterable[str], *, what: str = "actor code") -> list[str]:
    return [check_code(c, what=what) for c in codes]


def check_state(code: str) -> str:
    check_code(code, what="state code")
    if not STATE_RE.fullmatch(code):
        raise QueryError(f"bad state code {code!r}: expected an ISO 3166-1 alpha-3 code, e.g. MEX")
    return code


def check_freq(freq: str, allowed: Sequence[str] = FREQS) -> str:
    if freq not in allowed:
        raise QueryError(f"bad frequency {freq!r}: expected one of {', '.join(allowed)}")
    return freq


def check_sectors(sectors: Sequence[str] | None) -> list[str] | None:
    if sectors is None:
        return None
    bad = [s for s in sectors if not isinstance(s, str) or not SECTOR_RE.fullmatch(s)]
    if bad or not sectors:
        raise QueryError(f"bad sectors {list(sectors)!r}: expected codes such as GOV, MIL")
    return list(sectors)


def check_interval(text: str, *, what: str) -> str:
    """Normalise '12 months', '1 quarter', '2 years' to an interval DuckDB accepts."""
    m = INTERVAL_RE.fullmatch(text) if isinstance(text, str) else None
    if not m or int(m.group(1)) == 0:
        raise QueryError(f"bad {what} {text!r}: expected e.g. '12 months', '1 quarter', '1 year'")
    n, unit = int(m.group(1)), m.group(2).lower()
    if unit == "quarter":
        n, unit = 3 * n, "month"
    return f"{n} {unit}s"


def to_date(value: dt.date | str | None, *, what: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise QueryError(f"bad {what} date {value!r}: expected YYYY-MM-DD") from e


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise QueryError(f"start {start} is after end {end}")


def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period containing `day` (DuckDB's date_trunc; weeks start Monday)."""
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def next_period(p: dt.date, freq: str) -> dt.date:
    if freq == "day":
        return p + dt.timedelta(days=1)
    if freq == "week":
        return p + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    index = p.year * 12 + p.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_end(p: dt.date, freq: str) -> dt.date:
    """The last day of the period starting at `p`."""
    return next_period(p, freq) - dt.timedelta(days=1)


def period_starts(freq: str, start: dt.date, end: dt.date) -> list[dt.date]:
    out, p = [], period_start(start, freq)
    while p <= end:
        out.append(p)
        p = next_period(p, freq)
    return out


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The WHERE clause every analytic shares: a date range and optional actor sectors."""

    start: dt.date | None = None
    end: dt.date | None = None
    sectors: list[str] | None = None

    def sql(self) -> tuple[str, dict[str, Any]]:
        """The clause, with named parameters `$f_start`, `$f_end`, `$f_sectors` as needed."""
        clauses: list[str] = ["date IS NOT NULL"]
        params: dict[str, Any] = {}
        if self.start is not None:
            clauses.append("date >= $f_start")
            params["f_start"] = self.start
        if self.end is not None:
            clauses.append("date <= $f_end")
            params["f_end"] = self.end
        if self.sectors is not None:
            clauses.append("list_contains($f_sectors::VARCHAR[], source_sector)")
            clauses.append("list_contains($f_sectors::VARCHAR[], target_sector)")
            params["f_sectors"] = self.sectors
        return " AND ".join(clauses), params

    def month_aligned(self) -> bool:
        """True when the range is made of whole months (a missing bound counts as whole)."""
        return ((self.start is None or self.start.day == 1)
                and (self.end is None or (self.end + dt.timedelta(days=1)).day == 1))

    def month_sql(self) -> tuple[str, dict[str, Any]]:
        """The clause over `dyad_month` (its `month` column) that selects the same events as
        `sql()` over `events`: exact when the range is month-aligned and no sectors are
        asked for (`dyad_month` has no sectors)."""
        if self.sectors is not None:
            raise ValueError("dyad_month cannot filter by sector")
        clauses: list[str] = ["TRUE"]
        params: dict[str, Any] = {}
        if self.start is not None:
            clauses.append("month >= CAST(date_trunc('month', $f_start::DATE) AS DATE)")
            params["f_start"] = self.start
        if self.end is not None:
            clauses.append("month <= $f_end")
            params["f_end"] = self.end
        return " AND ".join(clauses), params


def make_filter(
    start: dt.date | str | None, end: dt.date | str | None, sectors: Sequence[str] | None = None
) -> EventFilter:
    s, e = to_date(start, what="start"), to_date(end, what="end")
    check_range(s, e)
    return EventFilter(s, e, check_sectors(sectors))


Params = dict[str, Any]


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Params) -> pa.Table:
    """Run one read-only query with named parameters and return its rows as an Arrow table."""
    try:
        return con.sql(sql, params=params).to_arrow_table()
    except duckdb.CatalogException as e:
        raise QueryError(f"the database has no usable events table: {e}") from e


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Params) -> list[tuple[Any, ...]]:
    table = query(con, sql, params)
    return list(zip(*(col.to_pylist() for col in table.columns), strict=True))


def resolve_range(
    con: duckdb.DuckDBPyConnection, filt: EventFilter, where: str, params: Params, *,
    table: str = "events", first: str = "date", last: str = "date",
) -> tuple[dt.date, dt.date] | None:
    """Fill a missing start or end from the first or last event matching `where`.

    None when nothing matches. `where` and `params` must already include the filter's clause.
    """
    start, end = filt.start, filt.end
    if start is None or end is None:
        rows = query_rows(con, f"SELECT min({first}), max({last}) FROM {table} WHERE {where}",
                          params)
        lo, hi = rows[0]
        if lo is None or hi is None:
            return None
        start = start if start is not None else lo
        end = end if end is not None else hi
    return start, end
