"""bloc_cohesion: members from the KB on each period's last day, inside versus outside."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import event

from blocwatch.analyse import bloc_cohesion
from blocwatch.errors import QueryError

D = dt.date.fromisoformat

ROWS = [
    # 2018: Bolivia is in ALBA (to 2019-11-15), Ecuador has left (2018-08-23).
    event("2018-03-01", "BOL", "VEN", "AGREE"),         # inside, 3.0
    event("2018-03-02", "ECU", "VEN", "CONSULT"),       # outside, 1.0
    # 2019: members on 2019-12-31 are VEN CUB NIC DMA ATG VCT LCA GRD KNA (not Bolivia).
    event("2019-02-01", "VEN", "CUB", "COOPERATE"),     # inside, 6.0
    event("2019-02-02", "VEN", "CUB", "COOPERATE"),     # inside, 6.0
    event("2019-02-03", "CUB", "NIC", "AGREE"),         # inside, 3.0
    event("2019-03-01", "COL", "VEN", "ACCUSE"),        # outside, -2.0
    event("2019-03-02", "COL", "VEN", "ACCUSE"),        # outside, -2.0
    event("2019-03-03", "VEN", "USA", "PROTEST"),       # outside, -6.5
    event("2019-03-04", "BOL", "VEN", "AGREE"),         # outside now, 3.0
    event("2019-03-05", "NIC", "OAS", "REJECT"),        # an organization: not counted
    event("2019-03-06", "VEN", "VEN", "ASSAULT"),       # domestic: not counted
    event("2019-03-07", "COL", "BRA", "AGREE"),         # no member: not counted
]


@pytest.mark.parametrize(
    ("year", "members", "inside", "outside", "cohesion"),
    [
        # year, members, (events, net, mean), (events, net, mean), inside - outside
        (2018, 10, (1, 1, 3.0), (1, 1, 1.0), 2.0),
        (2019, 9, (3, 3, 5.0), (4, -2, -7.5 / 4), 5.0 + 7.5 / 4),
    ],
)
def test_alba_by_year(con_of, kb, year, members, inside, outside, cohesion):
    rows = {r["period"].year: r for r in bloc_cohesion(con_of(ROWS), "ALBA", kb=kb).to_pylist()}
    row = rows[year]
    assert row["members"] == members
    got_in = (row["inside_events"], row["inside_net_coop"], row["inside_goldstein_mean"])
    got_out = (row["outside_events"], row["outside_net_coop"], row["outside_goldstein_mean"])
    assert got_in == (inside[0], inside[1], pytest.approx(inside[2]))
    assert got_out == (outside[0], outside[1], pytest.approx(outside[2]))
    assert row["cohesion"] == pytest.approx(cohesion)
    assert row["inside_net_coop_rate"] == pytest.approx(inside[1] / inside[0])


def test_suspended_member_is_an_outsider(con_of, kb):
    # Venezuela has been suspended from Mercosur since 2016-12-01.
    rows = [event("2017-05-01", "ARG", "BRA", "AGREE"),
            event("2017-05-02", "VEN", "BRA", "ACCUSE")]
    row = bloc_cohesion(con_of(rows), "MERCOSUR", kb=kb).to_pylist()[0]
    assert (row["members"], row["inside_events"], row["outside_events"]) == (4, 1, 1)
    assert row["cohesion"] == pytest.approx(3.0 - -2.0)


def test_quarters_cover_the_range_with_empty_periods(con_of, kb):
    table = bloc_cohesion(con_of(ROWS), "ALBA", kb=kb, freq="quarter", start="2019-01-01",
                          end="2019-12-31")
    assert [r["period"] for r in table.to_pylist()] == [
        D("2019-01-01"), D("2019-04-01"), D("2019-07-01"), D("2019-10-01")]
    # On 2019-03-31 Bolivia is still a member, so its March agreement counts inside.
    assert table.column("inside_events").to_pylist() == [4, 0, 0, 0]


def test_bloc_before_it_existed_has_no_members(con_of, kb):
    rows = [event("2016-05-01", "COL", "BRA", "AGREE"),
            event("2019-05-01", "COL", "BRA", "AGREE")]
    table = bloc_cohesion(con_of(rows), "LIMA_GROUP", kb=kb).to_pylist()
    assert [(r["period"].year, r["members"], r["inside_events"]) for r in table] == [
        (2016, 0, 0), (2017, 12, 0), (2018, 12, 0), (2019, 11, 1)]  # Mexico left 2019-01-04


def test_unknown_bloc_is_an_error(con_of, kb):
    with pytest.raises(QueryError, match="no members of NOBLOC"):
        bloc_cohesion(con_of(ROWS), "NOBLOC", kb=kb)


def test_high_internal_cooperation_gives_positive_cohesion(con_of, kb):
    rows = [event(f"2021-{m:02d}-01", a, b, "COOPERATE") for m in range(1, 13)
            for a, b in (("VEN", "CUB"), ("CUB", "NIC"), ("NIC", "BOL"))]
    rows += [event(f"2021-{m:02d}-02", "VEN", "USA", "ACCUSE") for m in range(1, 13)]
    row = bloc_cohesion(con_of(rows), "ALBA", kb=kb).to_pylist()[0]
    assert row["cohesion"] > 0 and row["inside_net_coop_rate"] == 1.0
    assert row["outside_net_coop_rate"] == -1.0
