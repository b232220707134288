"""The service's own read queries: event search, one event's provenance, relations by country.

The analytics (dyads, alignment, cohesion, blocs, forces) are `blocwatch.analyse`'s; what is here
has no CLI command yet. Every function takes a DuckDB connection, checks its input, binds it as
parameters and returns plain data (dicts and lists) ready for JSON and for the templates.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from blocwatch.analyse import _monthly
from blocwatch.analyse._common import GOLDSTEIN_SUM, SIGN, check_code, check_codes, make_filter
from blocwatch.analyse._kb import KBLike
from blocwatch.contract import PLOVER_TYPES
from blocwatch.errors import BlocwatchError, QueryError
from blocwatch.store.rows import row_to_event

MAX_PAGE = 500
_FACTUAL = "NOT m.negated AND NOT m.hypothetical"


class NotFoundError(BlocwatchError):
    """The requested event, actor or person does not exist."""


class TotalsLike(Protocol):
    def get(self, key: str) -> int | None: ...

    def put(self, key: str, total: int) -> None: ...


# -- rows as JSON-ready values -------------------------------------------------------------------

def clean(value: Any) -> Any:
    """Dates as ISO strings and NaN as None, recursively: what JSON and templates want."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def table_rows(table: pa.Table) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = clean(table.to_pylist())
    return rows


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any]
           ) -> list[dict[str, Any]]:
    try:
        return con.sql(sql, params=params).to_arrow_table().to_pylist()
    except duckdb.Error as e:
        raise QueryError(f"query failed: {e}") from e


# -- event search --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters of an event search. Codes are actor codes; `text` is searched in sentences."""

    source: list[str] | None = None
    target: list[str] | None = None
    actor: list[str] | None = None
    sectors: list[str] | None = None
    types: list[str] | None = None
    cameo: str | None = None
    quad: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0

    def check(self) -> None:
        for codes in (self.source, self.target, self.actor):
            if codes is not None:
                check_codes(codes)
        if self.country is not None:
            check_code(self.country, what="country code")
        bad = [t for t in self.types or () if t not in PLOVER_TYPES]
        if bad:
            raise QueryError(f"unknown event type {bad[0]!r}: expected one of "
                             f"{', '.join(PLOVER_TYPES)}")
        if self.cameo is not None and not (self.cameo.isdigit() and 2 <= len(self.cameo) <= 4):
            raise QueryError(f"bad CAMEO code {self.cameo!r}: expected 2 to 4 digits, e.g. 04")
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            raise QueryError(f"bad quad class {self.quad!r}: expected 1, 2, 3 or 4")
        if not 1 <= self.limit <= MAX_PAGE or self.offset < 0:
            raise QueryError(f"limit must be 1 to {MAX_PAGE} and offset not negative")
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"start {self.start} is after end {self.end}")


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _event_where(q: EventQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if q.source:
        add(_one_of("source_code", q.source), _arg(q.source))
    if q.target:
        add(_one_of("target_code", q.target), _arg(q.target))
    if q.actor:
        add(f"({_one_of('source_code', q.actor)} OR {_one_of('target_code', q.actor)})",
            _arg(q.actor), _arg(q.actor))
    if q.sectors:
        add(f"({_one_of('source_sector', q.sectors)} OR "
            f"{_one_of('target_sector', q.sectors)})", _arg(q.sectors), _arg(q.sectors))
    if q.types:
        add(_one_of("type", q.types), _arg(q.types))
    if q.cameo:
        add("starts_with(cameo, ?)", q.cameo)
    if q.quad:
        add("quad_class = ?", q.quad)
    if q.start:
        add("date >= ?", q.start)
    if q.end:
        add("date <= ?", q.end)
    if q.country:
        add("location_country = ?", q.country)
    if q.text:
        add("event_key IN (SELECT event_key FROM event_mentions "
            "WHERE sentence ILIKE ? ESCAPE '\\')", _like_pattern(q.text))
    return (" AND ".join(clauses) or "TRUE"), params


def _one_of(column: str, values: list[str]) -> str:
    # An equality lets DuckDB use zone maps; a list is still one bound parameter.
    return f"{column} = ?" if len(values) == 1 else f"list_contains(?::VARCHAR[], {column})"


def _arg(values: list[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else values


# Newest first; within a day, storage order (rowid) keeps pages stable and is far cheaper to
# sort by than the event key.
_PAGE_SQL = """
WITH keys AS (
    -- Sort only (date, rowid), then fetch the page's rows: much cheaper than sorting whole rows.
    SELECT rowid AS row_number, date AS day FROM events WHERE {where}
    ORDER BY date DESC NULLS LAST, rowid LIMIT ? OFFSET ?
),
page AS (
    SELECT e.*, keys.row_number FROM events e JOIN keys ON e.rowid = keys.row_number
),
rep AS (
    SELECT m.event_key, arg_min(m.event_id, m.mention_index) AS event_id,
           arg_min(m.sentence, m.mention_index) AS sentence,
           arg_min(m.source_text, m.mention_index) AS source_text,
           arg_min(m.target_text, m.mention_index) AS target_text
    FROM event_mentions m JOIN page p ON m.event_key = p.event_key AND m.doc_id = p.first_doc_id
    WHERE {factual}
    GROUP BY m.event_key
)
SELECT p.event_key, rep.event_id, p.date, p.type, p.mode, p.cameo, p.quad_class, p.goldstein,
       p.source_code, p.source_sector, rep.source_text, p.target_code, p.target_sector,
       rep.target_text, p.location_country, p.mentions, p.sources, p.first_doc_id AS doc_id,
       d.title, rep.sentence, p.confidence
FROM page p LEFT JOIN rep USING (event_key) LEFT JOIN documents d ON d.doc_id = p.first_doc_id
ORDER BY p.date DESC NULLS LAST, p.row_number
"""


def search_events(con: duckdb.DuckDBPyConnection, query: EventQuery, *,
                  totals: TotalsLike | None = None) -> dict[str, Any]:
    """One page of deduplicated events matching `query`, newest first (storage order within a
    day), with the total count.

    Each row carries the event's first mention (`event_id`, its sentence and the actors'
    text) for display; `/api/events/{event_id}` gives the full provenance. `totals` (the
    service's `cache.Totals`) remembers the count of each filter, so the other pages of a
    search do not count again; the caller empties it when the store changes.
    """
    query.check()
    where, params = _event_where(query)
    key = repr((where, params))
    total = totals.get(key) if totals is not None else None
    if total is None:
        total = _fetch(con, f"SELECT count(*) AS n FROM events WHERE {where}", params)[0]["n"]
        if totals is not None:
            totals.put(key, int(total))
    rows = _fetch(con, _PAGE_SQL.format(where=where, factual=_FACTUAL),
                  [*params, query.limit, query.offset])
    return {"total": int(total), "limit": query.limit, "offset": query.offset,
            "events": clean(rows)}


# -- one event and its provenance ----------------------------------------------------------------

_MENTION_SQL = """
SELECT m.*, d.title, d.url, d.pub_date, d.dup_of
FROM event_mentions m LEFT JOIN documents d ON d.doc_id = m.doc_id
WHERE {column} = ?
ORDER BY (d.dup_of IS NOT NULL), d.pub_date NULLS LAST, m.doc_id, m.sentence_index,
         m.mention_index
LIMIT 1
"""


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any]:
    """An event mention (by its `event_id`, or the first mention of a deduplicated
    `event_key`) with its provenance: document, sentence, offsets and what to highlight."""
    if not (isinstance(event_id, str) and 8 <= len(event_id) <= 64
            and all(c in "0123456789abcdef" for c in event_id)):
        raise QueryError(f"bad event id {event_id!r}: expected a hexadecimal hash")
    found = (_fetch(con, _MENTION_SQL.format(column="m.event_id"), [event_id])
             or _fetch(con, _MENTION_SQL.format(column="m.event_key"), [event_id]))
    if not found:
        raise NotFoundError(f"no event {event_id} in the store")
    row = found[0]
    event = row_to_event(row).to_dict()
    highlights = find_highlights(row)
    others = _fetch(con, "SELECT m.event_id, m.doc_id, d.title FROM event_mentions m "
                    "LEFT JOIN documents d ON d.doc_id = m.doc_id "
                    f"WHERE m.event_key = ? AND m.event_id <> ? AND {_FACTUAL} "
                    "ORDER BY m.doc_id, m.mention_index LIMIT 50",
                    [row["event_key"], row["event_id"]])
    return clean({
        **event,
        "event_key": row["event_key"],
        "document": {"doc_id": row["doc_id"], "title": row["title"], "url": row["url"],
                     "pub_date": row["pub_date"], "dup_of": row["dup_of"]},
        "highlights": highlights,
        "segments": segments(row["sentence"] or "", highlights),
        "other_mentions": others,
    })


def find_highlights(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans to mark in the sentence, offsets relative to it: the trigger (from its stored
    offsets), then the source and target (where their text occurs in the sentence)."""
    sentence = row["sentence"] or ""
    base = row["span_start"] or 0
    out: list[dict[str, Any]] = []
    if row["trigger_start"] is not None and row["trigger_end"] is not None:
        start, end = row["trigger_start"] - base, row["trigger_end"] - base
        if 0 <= start < end <= len(sentence):
            out.append({"kind": "trigger", "start": start, "end": end, "how": "offsets"})
    for kind in ("source", "target"):
        text = row[f"{kind}_text"]
        if not text:
            continue
        at = _find_free(sentence, text, out)
        if at is not None:
            out.append({"kind": kind, "start": at, "end": at + len(text), "how": "text match"})
    return sorted(out, key=lambda h: h["start"])


def _find_free(sentence: str, text: str, taken: list[dict[str, Any]]) -> int | None:
    """The first occurrence of `text` (case folded) overlapping no span taken already."""
    hay, needle = sentence.casefold(), text.casefold()
    at = hay.find(needle)
    while at >= 0:
        if all(at + len(text) <= h["start"] or at >= h["end"] for h in taken):
            return at
        at = hay.find(needle, at + 1)
    return None


def segments(sentence: str, highlights: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentence cut at the highlights: [{"text", "kind" (None for plain text)}]."""
    out, pos = [], 0
    for h in highlights:
        if h["start"] < pos:
            continue
        if h["start"] > pos:
            out.append({"text": sentence[pos:h["start"]], "kind": None})
        out.append({"text": sentence[h["start"]:h["end"]], "kind": h["kind"]})
        pos = h["end"]
    if pos < len(sentence):
        out.append({"text": sentence[pos:], "kind": None})
    return out


# -- relations by country (the map) --------------------------------------------------------------

_MAP_SQL = """
SELECT CASE WHEN source_code IN (SELECT unnest($partners::VARCHAR[])) THEN target_code
            ELSE source_code END AS country,
       {sums}
FROM {table}
WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL
  AND source_code <> target_code
  AND (source_code IN (SELECT unnest($partners::VARCHAR[]))
       OR target_code IN (SELECT unnest($partners::VARCHAR[])))
GROUP BY ALL
ORDER BY events DESC, country
"""


# The per-country sums from `events`, or (whole months) from `dyad_month`: the same numbers.
_MAP_EVENTS = {"table": "events", "sums": f"""
       count(*) AS events,
       count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
       sum({SIGN}) AS net_coop,
       CAST({GOLDSTEIN_SUM} AS DOUBLE) / nullif(count(goldstein), 0) AS goldstein_mean"""}
_MAP_MONTHLY = {"table": _monthly.TABLE, "sums": """
       sum(events)::BIGINT AS events,
       sum(verbal_coop + material_coop)::BIGINT AS cooperation,
       sum(verbal_conflict + material_conflict)::BIGINT AS conflict,
       sum(net_coop)::HUGEINT AS net_coop,
       CAST(sum(goldstein_sum) AS DOUBLE) / nullif(sum(goldstein_n), 0) AS goldstein_mean"""}


def relations_map(con: duckdb.DuckDBPyConnection, actor: str, *, kb: KBLike,
                  start: dt.date | str | None = None, end: dt.date | str | None = None
                  ) -> dict[str, Any]:
    """Per country: events with `actor` (a state, or a bloc: the bloc itself and its members
    on the range's last day), cooperative and conflictual counts, net cooperation and mean
    Goldstein. Only states of the knowledge base are listed."""
    check_code(actor)
    filt = make_filter(start, end)
    monthly = _monthly.usable(con, filt)
    where, params = filt.month_sql() if monthly else filt.sql()
    members = kb.members(actor, filt.end or dt.date.today()) if actor not in kb.countries else []
    partners = sorted({actor, *members})
    sql = _MAP_SQL.format(where=where, **(_MAP_MONTHLY if monthly else _MAP_EVENTS))
    rows = _fetch(con, sql, params | {"partners": partners})
    countries = []
    for row in rows:
        code = row["country"]
        if code == actor or code not in kb.countries:
            continue
        row["name"] = kb.countries[code].name_en
        row["net_coop"] = int(row["net_coop"] or 0)
        row["net_coop_rate"] = row["net_coop"] / row["events"] if row["events"] else None
        countries.append(row)
    return clean({"actor": actor, "members": members, "start": filt.start, "end": filt.end,
                  "countries": countries})


# -- what is in the store ------------------------------------------------------------------------

def top_actors(con: duckdb.DuckDBPyConnection, *, limit: int = 10) -> list[dict[str, Any]]:
    """The actors in most events (for defaults and pickers)."""
    return _fetch(con, """
        SELECT code, count(*) AS events FROM (
            SELECT source_code AS code FROM events UNION ALL SELECT target_code FROM events)
        WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT ?""", [limit])


def top_dyads(con: duckdb.DuckDBPyConnection, *, limit: int = 10) -> list[dict[str, Any]]:
    return _fetch(con, """
        SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b,
               count(*) AS events
        FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
          AND source_code <> target_code AND date IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?""", [limit])


def store_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    row = _fetch(con, "SELECT count(*) AS events, min(date) AS first, max(date) AS last "
                 "FROM events", [])[0]
    docs = _fetch(con, "SELECT count(*) AS n FROM documents", [])[0]["n"]
    return clean({**row, "documents": docs})
