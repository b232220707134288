"""Export: events to Parquet (partitioned by month), CSV or JSON Lines, in three layouts.

Layouts (documented in docs/EXPORT.md):
- `blocwatch`: the `events` table as stored, one row per deduplicated event.
- `gdelt`: one row per deduplicated event, with GDELT 2.0 event-table column names.
- `polecat`: one row per factual mention (a sentence's event), with POLECAT-like names.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from blocwatch.errors import StoreError
from blocwatch.store.db import Store
from blocwatch.store.schema import scalar

log = logging.getLogger(__name__)

Format = Literal["parquet", "csv", "jsonl"]
Layout = Literal["blocwatch", "gdelt", "polecat"]
FORMATS = ("parquet", "csv", "jsonl")
LAYOUTS = ("blocwatch", "gdelt", "polecat")

_FACTUAL = "NOT m.negated AND NOT m.hypothetical"
_FIRST = ("(d.dup_of IS NOT NULL), d.pub_date NULLS LAST, m.doc_id, m.sentence_index, "
          "m.mention_index")


def _actor_code(side: str) -> str:
    # CAMEO-style actor code: country then role ("MEXGOV"); organisations "IGO" then code.
    code, sector = f"e.{side}_code", f"e.{side}_sector"
    return (f"CASE WHEN {sector} = 'IGO' THEN 'IGO' || coalesce({code}, '') "
            f"ELSE nullif(coalesce({code}, '') || coalesce({sector}, ''), '') END")


def _gdelt_actor(n: int, side: str) -> str:
    code, sector = f"e.{side}_code", f"e.{side}_sector"
    return f"""
    {_actor_code(side)} AS Actor{n}Code,
    f.{side}_name AS Actor{n}Name,
    CASE WHEN {sector} = 'IGO' THEN NULL ELSE {code} END AS Actor{n}CountryCode,
    CASE WHEN {sector} = 'IGO' THEN {code} END AS Actor{n}KnownGroupCode,
    {sector} AS Actor{n}Type1Code,"""


_GDELT = f"""
WITH f AS (
    SELECT m.event_key,
        first(coalesce(m.source_name, m.source_text) ORDER BY {_FIRST}) AS source_name,
        first(coalesce(m.target_name, m.target_text) ORDER BY {_FIRST}) AS target_name,
        first({{'lat': m.location_lat, 'lon': m.location_lon}} ORDER BY {_FIRST})
            FILTER (WHERE m.location_lat IS NOT NULL) AS geo
    FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
    WHERE {_FACTUAL}
    GROUP BY m.event_key
)
SELECT
    CAST('0x' || substr(e.event_key, 1, 15) AS BIGINT) AS GLOBALEVENTID,
    CAST(strftime(e.date, '%Y%m%d') AS INTEGER) AS SQLDATE,
    CAST(strftime(e.date, '%Y%m') AS INTEGER) AS MonthYear,
    e.year AS Year,
    round(e.year + (dayofyear(e.date) - 1) / 365.0, 4) AS FractionDate,
    {_gdelt_actor(1, "source")}
    {_gdelt_actor(2, "target")}
    e.cameo AS EventCode,
    left(e.cameo, 3) AS EventBaseCode,
    left(e.cameo, 2) AS EventRootCode,
    e.quad_class AS QuadClass,
    e.goldstein AS GoldsteinScale,
    e.mentions AS NumMentions,
    e.sources AS NumSources,
    e.location_country AS ActionGeo_CountryCode,
    f.geo.lat AS ActionGeo_Lat,
    f.geo.lon AS ActionGeo_Long,
    d.url AS SOURCEURL,
    e.type AS PLOVERType,
    e.mode AS PLOVERMode,
    e.event_key AS EventKey,
    e.month AS _month
FROM events e
LEFT JOIN f ON f.event_key = e.event_key
LEFT JOIN documents d ON d.doc_id = e.first_doc_id
ORDER BY e.date NULLS LAST, e.event_key
"""


def _polecat_actor(title: str, side: str) -> str:
    m = f"m.{side}"
    return f"""
    coalesce({m}_name, {m}_text) AS "{title} Name",
    CASE WHEN {m}_sector = 'IGO' THEN NULL ELSE {m}_code END AS "{title} Country",
    CAST(NULL AS INTEGER) AS "{title} COW",
    {m}_sector AS "Primary {title} Sector",
    {m}_text AS "{title} Name Raw",
    {m}_code AS "{title} Code",
    {m}_kb_id AS "{title} KB ID","""


_POLECAT = f"""
SELECT
    m.event_id AS "Event ID",
    m.date AS "Event Date",
    m.date_precision AS "Event Date Precision",
    m.type AS "Event Type",
    m.mode AS "Event Mode",
    m.quad_class AS "Quad Code",
    m.cameo AS "CAMEO Code",
    m.goldstein AS "Goldstein",
    {_polecat_actor("Actor", "source")}
    {_polecat_actor("Recipient", "target")}
    m.location_text AS "Placename",
    m.location_country AS "Country",
    m.location_lat AS "Latitude",
    m.location_lon AS "Longitude",
    d.url AS "Source",
    d.title AS "Headline",
    d.pub_date AS "Publication Date",
    m.lang AS "Language",
    m.coder AS "Version",
    m.doc_id AS "Story ID",
    d.dup_of AS "Duplicate Of",
    m.sentence_index + 1 AS "Sentence Number",
    m.sentence AS "Event Text",
    m.confidence AS "Confidence",
    m.event_key AS "Event Key",
    CAST(date_trunc('month', m.date) AS DATE) AS _month
FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
WHERE {_FACTUAL}
ORDER BY m.date NULLS LAST, m.doc_id, m.sentence_index, m.mention_index
"""

_BLOCWATCH = """
SELECT *, month AS _month FROM events ORDER BY date NULLS LAST, event_key
"""

_LAYOUT_SQL = {"blocwatch": _BLOCWATCH, "gdelt": _GDELT, "polecat": _POLECAT}


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    rows: int
    format: str
    layout: str


def export(store: Store, out: str | Path, *, format: Format = "parquet",
           layout: Layout = "blocwatch", overwrite: bool = False) -> ExportReport:
    """Write the store's events to `out`.

    Parquet goes to a directory partitioned by event month, hive style
    (`out/month=YYYY-MM/data_0.parquet`; events without a date under `month=unknown`); CSV and
    JSONL to one file. An existing `out` is replaced only with `overwrite=True` (and for
    Parquet only when it holds nothing but a previous export's `month=` folders).
    """
    if format not in FORMATS:
        raise StoreError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if layout not in LAYOUTS:
        raise StoreError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    target = Path(out)
    _make_room(target, overwrite=overwrite, directory=format == "parquet")
    select = _LAYOUT_SQL[layout]
    try:
        rows = _copy(store.con, select, target, format=format)
    except duckdb.Error as e:
        raise StoreError(f"export to {target} failed: {e}") from e
    log.info("exported %d rows to %s", rows, target)
    return ExportReport(path=target, rows=rows, format=format, layout=layout)


def _copy(con: duckdb.DuckDBPyConnection, select: str, target: Path, *, format: str) -> int:
    path = "'" + str(target).replace("'", "''") + "'"
    if format == "parquet":
        body = ("SELECT * EXCLUDE (_month), coalesce(strftime(_month, '%Y-%m'), 'unknown') "
                f"AS month FROM ({select})")
        if "month" in _columns(con, select):  # the blocwatch layout has its own month
            body = ("SELECT * EXCLUDE (_month) REPLACE (coalesce(strftime(_month, '%Y-%m'), "
                    f"'unknown') AS month) FROM ({select})")
        options = "FORMAT parquet, PARTITION_BY (month), COMPRESSION zstd"
    else:
        body = f"SELECT * EXCLUDE (_month) FROM ({select})"
        options = "FORMAT csv, HEADER true" if format == "csv" else "FORMAT json"
    return int(scalar(con, f"COPY ({body}) TO {path} ({options})") or 0)


def _columns(con: duckdb.DuckDBPyConnection, select: str) -> list[str]:
    return [c[0] for c in con.execute(f"DESCRIBE {select}").fetchall()]


def _make_room(target: Path, *, overwrite: bool, directory: bool) -> None:
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        return
    if not overwrite:
        raise StoreError(f"{target} exists; choose another path or pass overwrite")
    if not directory:
        if target.is_dir():
            raise StoreError(f"{target} is a directory; CSV and JSONL go to a file")
        target.unlink()
        return
    if not target.is_dir() or any(not p.name.startswith("month=") for p in target.iterdir()):
        raise StoreError(f"{target} is not a previous Parquet export; refusing to replace it")
    shutil.rmtree(target)
