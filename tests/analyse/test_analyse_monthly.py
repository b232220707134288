"""The `dyad_month` path gives the same tables as reading `events`, on a generated store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from blocwatch import analyse
from blocwatch.analyse import _monthly
from blocwatch.store import Store, open_store
from blocwatch.store.derive import rebuild_dyad_month

CODES = ["VEN", "CUB", "BOL", "NIC", "ECU", "MEX", "COL", "BRA", "ARG", "PER", "CHL", "DMA",
         "ATG", "USA", "CHN", "OAS"]
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("AID", 2, 7.0), ("COOPERATE", 2, 6.4),
         ("ACCUSE", 3, -2.0), ("REJECT", 3, -4.0), ("SANCTION", 4, -8.0),
         ("ASSAULT", 4, -10.0), ("REQUEST", None, None)]

# About 30,000 events over 2009-2022 (some undated, some without target, quad class or
# Goldstein, some of an actor with itself), skewed toward the first codes.
_GENERATE = """
INSERT INTO events
WITH draws AS (
    SELECT range AS i,
           CAST(floor(pow(random(), 1.6) * len($codes)) AS INTEGER) + 1 AS s,
           CAST(floor(pow(random(), 1.6) * len($codes)) AS INTEGER) + 1 AS t,
           CAST(floor(random() * len($types)) AS INTEGER) + 1 AS k,
           CAST(floor(random() * 5110) AS INTEGER) AS day,
           random() AS u
    FROM range(30000)
)
SELECT 'k' || i, CASE WHEN u < 0.01 THEN NULL ELSE DATE '2009-01-01' + day END,
       NULL, NULL, $types[k], NULL, '000', $quads[k],
       CASE WHEN u > 0.98 THEN NULL ELSE $golds[k] END,
       $codes[s], CASE WHEN u < 0.9 THEN 'GOV' ELSE 'MIL' END,
       CASE WHEN u BETWEEN 0.4 AND 0.42 THEN NULL ELSE $codes[t] END, 'GOV', NULL,
       1 + i % 4, 1, NULL, 0.9
FROM draws
"""


@pytest.fixture(scope="module")
def stores() -> Iterator[tuple[Store, duckdb.DuckDBPyConnection]]:
    """A store with `dyad_month`, and a bare connection with the same `events` only."""
    with open_store() as store:
        con = store.con
        con.execute("SELECT setseed(0.25)").fetchall()
        con.execute(_GENERATE, {
            "codes": CODES, "types": [t[0] for t in TYPES], "quads": [t[1] for t in TYPES],
            "golds": [t[2] for t in TYPES]})
        con.execute("UPDATE events SET year = year(date), "
                    "month = CAST(date_trunc('month', date) AS DATE)")
        con.execute("BEGIN TRANSACTION")
        rebuild_dyad_month(con)
        con.execute("COMMIT")
        bare = duckdb.connect(":memory:")
        bare.register("copied", con.sql("SELECT * FROM events").to_arrow_table())
        bare.execute("CREATE TABLE events AS SELECT * FROM copied")
        bare.unregister("copied")
        yield store, bare
        bare.close()


def _same(got: pa.Table, want: pa.Table) -> None:
    assert got.schema == want.schema
    assert got.num_rows == want.num_rows
    for name in want.column_names:  # exactly: Goldstein sums are exact in both paths
        assert got[name].to_pylist() == want[name].to_pylist(), name


def _tables(result: Any) -> list[pa.Table]:
    if isinstance(result, pa.Table):
        return [result]
    if isinstance(result, analyse.Forces):
        return [result.camps, result.relations, result.summary]
    assert isinstance(result, analyse.BlocDiscovery)
    return [result.communities, result.overlaps, result.edges]


Case = Callable[[duckdb.DuckDBPyConnection, Any], Any]
CASES: dict[str, Case] = {
    "dyad month": lambda con, kb: analyse.dyad_series(con, "VEN", "CUB"),
    "dyad quarter range": lambda con, kb: analyse.dyad_series(
        con, "MEX", "VEN", freq="quarter", start="2012-04-01", end="2018-06-30"),
    "dyad year directed": lambda con, kb: analyse.dyad_series(
        con, "USA", "VEN", freq="year", directed=True, end="2020-12-31"),
    "alignment": lambda con, kb: analyse.alignment(con, "VEN", "CUB"),
    "alignment both ways, cut end": lambda con, kb: analyse.alignment(
        con, "MEX", "COL", start="2012-01-01", end="2019-08-17", both_directions=True,
        window="6 months", step="1 quarter"),
    "cohesion year": lambda con, kb: analyse.bloc_cohesion(con, "ALBA", kb=kb),
    "cohesion month range": lambda con, kb: analyse.bloc_cohesion(
        con, "CELAC", kb=kb, freq="month", start="2015-01-01", end="2016-12-31"),
    "cohesion quarter from": lambda con, kb: analyse.bloc_cohesion(
        con, "ALBA", kb=kb, freq="quarter", start="2018-01-01"),
    "blocs all": lambda con, kb: analyse.discover_blocs(con, kb=kb, min_events=3),
    "blocs range": lambda con, kb: analyse.discover_blocs(
        con, kb=kb, start="2015-01-01", end="2019-12-31"),
    "forces orientation": lambda con, kb: analyse.correlation_of_forces(con, kb=kb),
    "forces bloc quarter": lambda con, kb: analyse.correlation_of_forces(
        con, kb=kb, camps="bloc", blocs=["ALBA"], freq="quarter", end="2016-12-31"),
    "forces community": lambda con, kb: analyse.correlation_of_forces(
        con, kb=kb, camps="community", start="2010-01-01", end="2021-12-31"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_monthly_path_equals_the_event_path(stores: Any, kb: Any, name: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store, bare = stores
    used: list[bool] = []
    usable = _monthly.usable

    def spy(*args: Any, **kwargs: Any) -> bool:
        used.append(usable(*args, **kwargs))
        return used[-1]

    monkeypatch.setattr(_monthly, "usable", spy)
    got = _tables(CASES[name](store.con, kb))
    assert used and all(used), "the store's query did not read dyad_month"
    used.clear()
    want = _tables(CASES[name](bare, kb))
    assert used and not any(used), "the bare connection has no dyad_month"
    assert sum(t.num_rows for t in want) > 0
    for g, w in zip(got, want, strict=True):
        _same(g, w)


@pytest.mark.parametrize(("start", "end", "sectors"), [
    ("2015-01-02", None, None), (None, "2019-12-30", None), (None, None, ["GOV"]),
])
def test_a_cut_month_or_a_sector_reads_events(stores: Any, start: Any, end: Any,
                                               sectors: Any) -> None:
    store, _ = stores
    filt = analyse._common.make_filter(start, end, sectors)
    assert not _monthly.usable(store.con, filt)
    assert _monthly.usable(store.con, analyse._common.make_filter("2015-01-01", "2019-12-31"))


@pytest.mark.parametrize(("actor", "start", "end"), [
    ("VEN", None, None), ("ALBA", "2015-01-01", "2019-12-31"), ("MEX", "2012-03-01", None),
])
def test_the_service_map_reads_dyad_month_alike(stores: Any, kb: Any, actor: str, start: Any,
                                                end: Any) -> None:
    from blocwatch.serve.queries import relations_map

    store, bare = stores
    got = relations_map(store.con, actor, kb=kb, start=start, end=end)
    want = relations_map(bare, actor, kb=kb, start=start, end=end)
    assert got["countries"] and got == want
