"""alignment: direct relations and stance similarity per sliding window, checked by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from conftest import event

from blocwatch.analyse import alignment

D = dt.date.fromisoformat

# January: MEX→USA 3 AGREE (3.0), VEN→USA 3 ACCUSE (-2.0).
# February: MEX→CUB 3 SUPPORT (3.5), VEN→CUB 3 COOPERATE (6.0).
# Direct: MEX→VEN CONSULT (1.0) in January, VEN→MEX ACCUSE (-2.0) in February.
ROWS = [
    *[event(f"2021-01-{d:02d}", "MEX", "USA", "AGREE") for d in (4, 5, 6)],
    *[event(f"2021-01-{d:02d}", "VEN", "USA", "ACCUSE") for d in (4, 5, 6)],
    *[event(f"2021-02-{d:02d}", "MEX", "CUB", "SUPPORT") for d in (8, 9, 10)],
    *[event(f"2021-02-{d:02d}", "VEN", "CUB", "COOPERATE") for d in (8, 9, 10)],
    event("2021-01-15", "MEX", "VEN", "CONSULT"),
    event("2021-02-15", "VEN", "MEX", "ACCUSE"),
    event("2021-02-16", "USA", "MEX", "THREATEN"),  # the USA's stance, not Mexico's
]
JAN_MAR = (3.0 * -2.0 + 3.5 * 6.0) / (math.hypot(3.0, 3.5) * math.hypot(-2.0, 6.0))


def run(con_of, **options):
    options = {"window": "3 months", "step": "1 month", "start": "2021-01-01",
               "end": "2021-06-30"} | options
    return alignment(con_of(ROWS), "MEX", "VEN", **options).to_pylist()


def test_windows_are_whole_and_step_monthly(con_of):
    rows = run(con_of)
    assert [(r["window_start"], r["window_end"]) for r in rows] == [
        (D("2021-01-01"), D("2021-04-01")), (D("2021-02-01"), D("2021-05-01")),
        (D("2021-03-01"), D("2021-06-01")), (D("2021-04-01"), D("2021-07-01")),
    ]


@pytest.mark.parametrize(
    ("index", "direct", "shared", "cosine"),
    [
        # window, (events, net coop, mean Goldstein), shared third parties, cosine
        (0, (2, 0, -0.5), 2, JAN_MAR),
        (1, (1, -1, -2.0), 1, 1.0),  # February on: only Cuba, both positive
        (2, (0, 0, None), 0, None),
    ],
)
def test_direct_relations_and_stance_similarity(con_of, index, direct, shared, cosine):
    row = run(con_of)[index]
    assert (row["direct_events"], row["direct_net_coop"]) == direct[:2]
    assert row["direct_goldstein_mean"] == (None if direct[2] is None else
                                            pytest.approx(direct[2]))
    assert row["shared_thirds"] == shared
    assert row["stance_cosine"] == (None if cosine is None else pytest.approx(cosine))


def test_min_events_drops_thin_stances(con_of):
    first = run(con_of, min_events=4)[0]
    assert (first["thirds_a"], first["thirds_b"], first["shared_thirds"]) == (0, 0, 0)
    assert first["stance_cosine"] is None


def test_both_directions_adds_the_third_partys_events(con_of):
    # USA→MEX THREATEN joins Mexico's stance toward the USA: (3*3.0 - 6.0) / 4 = 0.75.
    first = run(con_of, both_directions=True, min_events=1)[0]
    expected = (0.75 * -2.0 + 3.5 * 6.0) / (math.hypot(0.75, 3.5) * math.hypot(-2.0, 6.0))
    assert first["stance_cosine"] == pytest.approx(expected)


def test_opposed_stances_have_negative_cosine(con_of):
    rows = [*[event(f"2020-0{m}-01", "COL", "VEN", "ACCUSE") for m in range(1, 10)],
            *[event(f"2020-0{m}-01", "CUB", "VEN", "SUPPORT") for m in range(1, 10)]]
    row = alignment(con_of(rows), "COL", "CUB", window="6 months").to_pylist()[0]
    assert row["shared_thirds"] == 1
    assert row["stance_cosine"] == pytest.approx(-1.0)


def test_no_events_gives_no_windows(con_of):
    assert alignment(con_of(ROWS), "ARG", "CHL").num_rows == 0


def test_windows_in_days_match_monthly_windows(con_of):
    # January and February 2021 are 59 days: the first window holds the same events.
    by_days = run(con_of, window="59 days", step="7 days")[0]
    by_months = run(con_of, window="2 months")[0]
    assert by_days["window_end"] == by_months["window_end"] == D("2021-03-01")
    for column in ("direct_events", "direct_net_coop", "shared_thirds"):
        assert by_days[column] == by_months[column]
    assert by_days["stance_cosine"] == pytest.approx(by_months["stance_cosine"])
