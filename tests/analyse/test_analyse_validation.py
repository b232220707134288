"""Bad input is refused with QueryError before any SQL runs."""

from __future__ import annotations

import pytest
from conftest import event

from blocwatch.analyse import (
    alignment,
    bloc_cohesion,
    correlation_of_forces,
    discover_blocs,
    dyad_series,
)
from blocwatch.errors import QueryError

BAD_CODES = ["mex", "M", "MEX'; DROP TABLE events; --", "A" * 21, "", "1AB", "MEX VEN",
             "_MEX", "MÉX", None, 42]
ROWS = [event("2021-03-02", "MEX", "VEN", "CONSULT")]


@pytest.mark.parametrize("code", BAD_CODES)
@pytest.mark.parametrize("call", [
    lambda con, kb, c: dyad_series(con, c, "VEN"),
    lambda con, kb, c: dyad_series(con, "MEX", c),
    lambda con, kb, c: alignment(con, c, "VEN"),
    lambda con, kb, c: bloc_cohesion(con, c, kb=kb),
    lambda con, kb, c: discover_blocs(con, compare_with=[c]),
    lambda con, kb, c: correlation_of_forces(con, kb=kb, camps="bloc", blocs=[c]),
    lambda con, kb, c: correlation_of_forces(con, kb=kb, region=[c]),
], ids=["dyad-a", "dyad-b", "align", "cohesion", "blocs", "forces-bloc", "forces-region"])
def test_bad_codes_are_rejected(con_of, kb, call, code):
    with pytest.raises(QueryError):
        call(con_of(ROWS), kb, code)


@pytest.mark.parametrize("code", ["G20", "LIMA_GROUP", "UN", "PACIFIC_ALLIANCE"])
def test_contract_organization_codes_pass(con_of, code):
    assert dyad_series(con_of(ROWS), code, "VEN").num_rows == 0


@pytest.mark.parametrize("options", [
    {"freq": "decade"}, {"freq": "MONTH"}, {"start": "2021-13-01"}, {"end": "yesterday"},
    {"start": "2021-05-01", "end": "2021-04-01"}, {"sectors": ["gov"]}, {"sectors": []},
])
def test_bad_dyad_options(con_of, options):
    with pytest.raises(QueryError):
        dyad_series(con_of(ROWS), "MEX", "VEN", **options)


def test_same_actor_twice(con_of):
    with pytest.raises(QueryError, match="two different"):
        dyad_series(con_of(ROWS), "MEX", "MEX")


@pytest.mark.parametrize("options", [
    {"window": "12 monkeys"}, {"window": "0 months"}, {"step": "1 month; DROP"},
    {"window": "INTERVAL 1 year"}, {"min_events": 0},
])
def test_bad_alignment_options(con_of, options):
    with pytest.raises(QueryError):
        alignment(con_of(ROWS), "MEX", "VEN", **options)


@pytest.mark.parametrize("freq", ["day", "week", "decade"])
def test_cohesion_frequencies(con_of, kb, freq):
    with pytest.raises(QueryError, match="bad frequency"):
        bloc_cohesion(con_of(ROWS), "ALBA", kb=kb, freq=freq)


def test_missing_events_table(kb):
    import duckdb

    with duckdb.connect() as con, pytest.raises(QueryError, match="events table"):
        dyad_series(con, "MEX", "VEN")
