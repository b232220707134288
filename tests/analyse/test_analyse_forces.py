"""correlation_of_forces: camps, their shares and the balance between them."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import event

from blocwatch.analyse import correlation_of_forces, region_states
from blocwatch.errors import QueryError

D = dt.date.fromisoformat
SIX = ["VEN", "CUB", "NIC", "COL", "BRA", "CHL"]

# 2019, on 2019-12-31: VEN, CUB, NIC are left-governed and in ALBA; COL, BRA, CHL are
# right-governed and in the Lima Group. Each triangle cooperates inside; across, conflict.
ROWS = [
    row
    for m in range(1, 13)
    for row in (
        event(f"2019-{m:02d}-10", "VEN", "CUB", "COOPERATE"),  # 6.0
        event(f"2019-{m:02d}-10", "CUB", "NIC", "AGREE"),      # 3.0
        event(f"2019-{m:02d}-10", "NIC", "VEN", "SUPPORT"),    # 3.5
        event(f"2019-{m:02d}-10", "COL", "BRA", "AGREE"),      # 3.0
        event(f"2019-{m:02d}-10", "BRA", "CHL", "COOPERATE"),  # 6.0
        event(f"2019-{m:02d}-10", "CHL", "COL", "CONSULT"),    # 1.0
        event(f"2019-{m:02d}-10", "COL", "VEN", "ACCUSE"),     # -2.0
        event(f"2019-{m:02d}-10", "BRA", "VEN", "REJECT"),     # -4.0
        event(f"2019-{m:02d}-11", "VEN", "USA", "PROTEST"),    # outside the region
    )
]
LEFT, RIGHT = ["CUB", "NIC", "VEN"], ["BRA", "CHL", "COL"]


@pytest.mark.parametrize(
    ("camps", "names"),
    [("orientation", ("left", "right")), ("bloc", ("ALBA", "LIMA_GROUP")),
     ("community", ("C:VEN", "C:BRA"))],
)
def test_two_camps_shares_and_relations(con_of, kb, camps, names):
    forces = correlation_of_forces(con_of(ROWS), kb=kb, region=SIX, camps=camps)
    left, right = names
    rows = {r["camp"]: r for r in forces.camps.to_pylist()}
    assert set(rows) == {left, right}
    pop = {c: kb.country(c).population for c in SIX}
    assert rows[left]["members"] == LEFT and rows[right]["members"] == RIGHT
    assert rows[left]["state_share"] == 0.5
    assert rows[left]["population_share"] == pytest.approx(
        sum(pop[c] for c in LEFT) / sum(pop.values()))
    assert (rows[left]["events_within"], rows[left]["net_coop_within"]) == (36, 36)
    assert rows[left]["goldstein_mean_within"] == pytest.approx(12.5 / 3)
    assert rows[right]["goldstein_mean_within"] == pytest.approx(10 / 3)
    between = [r for r in forces.relations.to_pylist() if r["camp_a"] != r["camp_b"]]
    assert [(r["events"], r["net_coop"], r["goldstein_mean"]) for r in between] == [
        (24, -24, -3.0)]
    summary = forces.summary.to_pylist()
    assert summary == [{"period": D("2019-01-01"), "events_within": 72,
                        "goldstein_mean_within": pytest.approx((12.5 + 10) * 12 / 72),
                        "events_between": 24, "net_coop_between": -24,
                        "goldstein_mean_between": -3.0}]


def test_latin_america_has_unknown_and_other_camps(con_of, kb):
    forces = correlation_of_forces(con_of(ROWS), kb=kb, camps="bloc")
    rows = {r["camp"]: r for r in forces.camps.to_pylist()}
    assert sum(r["states"] for r in rows.values()) == 33
    # On 2019-12-31 ALBA has 9 members, the Lima Group 11, of which Canada is not in the region.
    assert (rows["ALBA"]["states"], rows["LIMA_GROUP"]["states"], rows["other"]["states"]) == (
        9, 10, 14)
    assert sum(r["population_share"] for r in rows.values()) == pytest.approx(1.0)


def test_orientation_changes_between_periods(con_of, kb):
    # Bolivia: left under Morales, right under Áñez (2019-11-12), left under Arce (2020-11-08);
    # camps are taken on each year's last day.
    rows = [event(f"{year}-06-01", "BOL", "VEN", "AGREE") for year in (2019, 2020, 2021)]
    forces = correlation_of_forces(con_of(rows), kb=kb, region=["BOL", "VEN"])
    camps = [(r["period"].year, r["camp"], r["members"]) for r in forces.camps.to_pylist()]
    assert camps == [(2019, "left", ["VEN"]), (2019, "right", ["BOL"]),
                     (2020, "left", ["BOL", "VEN"]), (2021, "left", ["BOL", "VEN"])]
    assert forces.summary.column("events_between").to_pylist() == [1, 0, 0]
    assert forces.summary.column("events_within").to_pylist() == [0, 1, 1]


def test_community_camps_leave_isolated_states_unaligned(con_of, kb):
    forces = correlation_of_forces(con_of(ROWS), kb=kb, region=[*SIX, "MEX"], camps="community")
    rows = {r["camp"]: r["members"] for r in forces.camps.to_pylist()}
    assert rows["unaligned"] == ["MEX"]


@pytest.mark.parametrize(
    ("region", "expected"),
    [("Latin America", 33), ("South America", 12), ("Americas", 35), (["MEX", "VEN"], 2)],
)
def test_regions(kb, region, expected):
    assert len(region_states(kb, region)) == expected


@pytest.mark.parametrize("region", ["Atlantis", ["mex"], ["CELAC"], []])
def test_bad_regions(kb, region):
    with pytest.raises(QueryError):
        region_states(kb, region)


def test_bad_camps(con_of, kb):
    with pytest.raises(QueryError, match="bad camps"):
        correlation_of_forces(con_of(ROWS), kb=kb, camps="ideology")
