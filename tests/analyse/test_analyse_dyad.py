"""dyad_series: counts, Goldstein and net cooperation per period, checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import event

from blocwatch.analyse import dyad_series

D = dt.date.fromisoformat

# March 2021: MEX→VEN 3 CONSULT (Goldstein 1.0 each) and 1 ACCUSE (-2.0, 3 mentions);
# May 2021: VEN→MEX 1 AID (7.0). Nothing in April. Noise that must not count: another dyad
# and a self-dyad.
ROWS = [
    event("2021-03-02", "MEX", "VEN", "CONSULT"),
    event("2021-03-09", "MEX", "VEN", "CONSULT"),
    event("2021-03-16", "MEX", "VEN", "CONSULT"),
    event("2021-03-23", "MEX", "VEN", "ACCUSE", mentions=3),
    event("2021-05-04", "VEN", "MEX", "AID", mentions=None),
    event("2021-03-10", "MEX", "USA", "THREATEN"),
    event("2021-03-11", "VEN", "VEN", "ASSAULT"),
]
OPPOSITION = event("2021-03-12", "MEX", "VEN", "PROTEST", source_sector="OPP")


def test_march_has_net_cooperation_two(con_of):
    con = con_of(ROWS[:5])
    rows = dyad_series(con, "MEX", "VEN").to_pylist()
    march = rows[0]
    assert march["period"] == D("2021-03-01")
    assert (march["events"], march["consult"], march["accuse"]) == (4, 3, 1)
    assert (march["verbal_coop"], march["verbal_conflict"]) == (3, 1)
    assert march["net_coop"] == 2
    assert march["net_coop_weighted"] == 0  # 3 consults, one accusation mentioned 3 times
    assert march["goldstein_sum"] == pytest.approx(1.0)
    assert march["goldstein_mean"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # (options, [(period, events, net_coop, goldstein_sum), ...])
        ({}, [("2021-03-01", 4, 2, 1.0), ("2021-04-01", 0, 0, 0.0), ("2021-05-01", 1, 1, 7.0)]),
        ({"directed": True}, [("2021-03-01", 4, 2, 1.0)]),
        ({"freq": "quarter"}, [("2021-01-01", 4, 2, 1.0), ("2021-04-01", 1, 1, 7.0)]),
        ({"freq": "year"}, [("2021-01-01", 5, 3, 8.0)]),
        ({"freq": "week", "end": "2021-03-10"},
         [("2021-03-01", 1, 1, 1.0), ("2021-03-08", 1, 1, 1.0)]),
        ({"start": "2021-04-01", "end": "2021-05-31"},
         [("2021-04-01", 0, 0, 0.0), ("2021-05-01", 1, 1, 7.0)]),
        ({"freq": "year", "start": "2022-01-01", "end": "2022-12-31"},
         [("2022-01-01", 0, 0, 0.0)]),
    ],
)
def test_periods_and_options(con_of, options, expected):
    con = con_of(ROWS)
    table = dyad_series(con, "MEX", "VEN", **options)
    got = [(r["period"], r["events"], r["net_coop"], r["goldstein_sum"]) for r in
           table.to_pylist()]
    assert got == [(D(p), n, net, pytest.approx(g)) for p, n, net, g in expected]


@pytest.mark.parametrize(
    ("sectors", "expected"),
    [(None, (6, 2, 1.5)), (["GOV"], (5, 3, 8.0)), (["GOV", "OPP"], (6, 2, 1.5)), (["MIL"], None)],
)
def test_sector_filter(con_of, sectors, expected):
    # The opposition's protest (-6.5) counts unless the filter keeps government actors only.
    rows = dyad_series(con_of([*ROWS, OPPOSITION]), "MEX", "VEN", freq="year",
                       sectors=sectors).to_pylist()
    got = [(r["events"], r["net_coop"], pytest.approx(r["goldstein_sum"])) for r in rows]
    assert got == ([expected] if expected else [])


def test_weighted_counts_missing_mentions_once(con_of):
    con = con_of(ROWS[:5])
    may = dyad_series(con, "MEX", "VEN").to_pylist()[-1]
    assert (may["aid"], may["material_coop"], may["net_coop_weighted"]) == (1, 1, 1)


def test_empty_month_has_null_mean(con_of):
    april = dyad_series(con_of(ROWS[:5]), "MEX", "VEN").to_pylist()[1]
    assert april["events"] == 0 and april["goldstein_mean"] is None


def test_no_events_gives_empty_table_with_columns(con_of):
    table = dyad_series(con_of(ROWS), "ARG", "CHL")
    assert table.num_rows == 0
    assert {"period", "net_coop", "goldstein_mean", "assault"} <= set(table.column_names)


def test_rising_cooperation_shows_in_the_series(con_of):
    # MEX–VEN cooperation rises year on year: n consultations in year 2018 + n.
    rows = [event(f"{2018 + n}-06-{day + 1:02d}", "MEX", "VEN", "CONSULT")
            for n in range(4) for day in range(n + 1)]
    series = dyad_series(con_of(rows), "VEN", "MEX", freq="year").column("net_coop").to_pylist()
    assert series == [1, 2, 3, 4]
