"""Export: three formats, three layouts, month partitions, no silent overwrite."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest
from store_helpers import ScriptedCoder, doc

from blocwatch.errors import StoreError
from blocwatch.store import Store, export, ingest_documents

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code", "Actor2Code", "Actor2Name",
    "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
    "PLOVERType", "PLOVERMode", "EventKey",
]
POLECAT_SOME = ["Event ID", "Event Date", "Event Type", "Event Mode", "Actor Name",
                "Actor Country", "Actor COW", "Recipient Name", "Recipient Country",
                "Story ID", "Sentence Number", "Latitude", "Longitude"]
ROWS = {"blocwatch": 4, "gdelt": 4, "polecat": 6}


@pytest.fixture
def filled(store: Store) -> Store:
    ingest_documents(store, [
        doc("a", "PER/GOV CONSULT MEX/GOV 2021-09-18 042. OAS/IGO ACCUSE VEN/GOV - 112.",
            url="https://example.org/a"),
        doc("b", "COL/GOV REJECT VEN/GOV 2021-10-02 120. USA SANCTION VEN 2022-03-01 163."),
        doc("c", "LIMA (AP) — COL/GOV REJECT VEN/GOV 2021-10-02 120. "
            "USA SANCTION VEN 2022-03-01 163."),
        doc("d", "X ACCUSE Y 2022-01-01 112 not."),
    ], coder=ScriptedCoder())
    return store


def _read(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "parquet":
        return ds.dataset(path, format="parquet", partitioning="hive").to_table().to_pylist()
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("layout", ["blocwatch", "gdelt", "polecat"])
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_every_format_and_layout(filled: Store, tmp_path: Path, fmt: str, layout: str) -> None:
    out = tmp_path / f"out.{fmt}"
    report = export(filled, out, format=fmt, layout=layout)  # type: ignore[arg-type]
    assert report.rows == ROWS[layout]
    assert len(_read(out, fmt)) == ROWS[layout]


def test_parquet_is_partitioned_by_month(filled: Store, tmp_path: Path) -> None:
    export(filled, tmp_path / "pq")
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        "month=2021-09", "month=2021-10", "month=2022-03", "month=unknown"]
    con = duckdb.connect()
    got = con.execute(f"SELECT month, count(*) FROM read_parquet('{tmp_path}/pq/*/*.parquet', "
                      "hive_partitioning = true) GROUP BY month ORDER BY month").fetchall()
    assert [(str(m), n) for m, n in got] == [
        ("2021-09", 1), ("2021-10", 1), ("2022-03", 1), ("unknown", 1)]


def test_gdelt_layout(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.jsonl"
    export(filled, out, format="jsonl", layout="gdelt")
    rows = _read(out, "jsonl")
    assert list(rows[0]) == GDELT_COLUMNS
    reject = next(r for r in rows if r["EventCode"] == "120")
    assert reject["SQLDATE"] == 20211002 and reject["MonthYear"] == 202110
    assert reject["Year"] == 2021 and reject["EventRootCode"] == "12"
    assert (reject["Actor1Code"], reject["Actor1CountryCode"], reject["Actor1Type1Code"]) == (
        "COLGOV", "COL", "GOV")
    assert (reject["NumMentions"], reject["NumSources"]) == (2, 1)
    assert (reject["ActionGeo_Lat"], reject["ActionGeo_Long"]) == (-12.05, -77.04)
    accuse = next(r for r in rows if r["EventCode"] == "112")
    assert (accuse["Actor1Code"], accuse["Actor1CountryCode"],
            accuse["Actor1KnownGroupCode"]) == ("IGOOAS", None, "OAS")
    assert accuse["SQLDATE"] is None
    consult = next(r for r in rows if r["EventCode"] == "042")
    assert consult["SOURCEURL"] == "https://example.org/a"
    assert isinstance(consult["GLOBALEVENTID"], int) and consult["GLOBALEVENTID"] > 0
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)


def test_polecat_layout(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    export(filled, out, format="csv", layout="polecat")
    rows = _read(out, "csv")
    assert set(POLECAT_SOME) <= set(rows[0])
    first = rows[0]
    assert (first["Story ID"], first["Sentence Number"], first["Event Type"]) == (
        "a", "1", "CONSULT")
    assert (first["Actor Country"], first["Recipient Country"]) == ("PER", "MEX")
    copy = [r for r in rows if r["Story ID"] == "c"]
    assert copy and all(r["Duplicate Of"] == "b" for r in copy)


def test_existing_output_is_not_replaced_silently(filled: Store, tmp_path: Path) -> None:
    export(filled, tmp_path / "pq")
    export(filled, tmp_path / "e.csv", format="csv")
    with pytest.raises(StoreError, match="exists"):
        export(filled, tmp_path / "pq")
    with pytest.raises(StoreError, match="exists"):
        export(filled, tmp_path / "e.csv", format="csv")
    assert export(filled, tmp_path / "pq", overwrite=True).rows == 4
    assert export(filled, tmp_path / "e.csv", format="csv", overwrite=True).rows == 4
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(StoreError, match="refusing"):
        export(filled, tmp_path / "mine", overwrite=True)
    assert (tmp_path / "mine" / "notes.txt").exists()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"format": "xlsx"}, "format"), ({"layout": "icews"}, "layout"),
])
def test_unknown_format_or_layout(filled: Store, tmp_path: Path, kwargs: dict[str, str],
                                  message: str) -> None:
    with pytest.raises(StoreError, match=message):
        export(filled, tmp_path / "x", **kwargs)  # type: ignore[arg-type]
