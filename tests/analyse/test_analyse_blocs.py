"""discover_blocs: two camps that cooperate inside and quarrel across are found and named."""

from __future__ import annotations

import pytest
from conftest import event

from blocwatch.analyse import discover_blocs
from blocwatch.errors import QueryError

# Every month of 2019: a left triangle (VEN, CUB, NIC) and a right triangle (COL, BRA, CHL)
# cooperate inside; Colombia and Brazil accuse and reject Venezuela. Mexico meets Venezuela
# twice only (below min_events); the OAS and a domestic event are not state pairs.
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
        event(f"2019-{m:02d}-11", "COL", "OAS", "REQUEST"),
        event(f"2019-{m:02d}-11", "VEN", "VEN", "ASSAULT"),
    )
] + [event("2019-03-01", "MEX", "VEN", "CONSULT"), event("2019-04-01", "MEX", "VEN", "AGREE")]


@pytest.fixture
def found(con_of, kb):
    return discover_blocs(con_of(ROWS), start="2019-01-01", end="2019-12-31", min_events=5,
                          kb=kb)


def test_two_communities(found):
    assert found.communities.column("members").to_pylist() == [
        ["BRA", "CHL", "COL"], ["CUB", "NIC", "VEN"]]


@pytest.mark.parametrize(
    ("community", "internal", "external", "best"),
    [
        # internal: 36 events, (3 + 6 + 1) * 12 / 36; external: 24 events, (-2 - 4) * 12 / 24
        (1, (36, 36, 10 / 3), (24, -24, -3.0), ("LIMA_GROUP", 1.0)),
        # internal: (6 + 3 + 3.5) * 12 / 36
        (2, (36, 36, 12.5 / 3), (24, -24, -3.0), ("ALBA", 1.0)),
    ],
)
def test_balance_and_best_formal_bloc(found, community, internal, external, best):
    row = found.communities.to_pylist()[community - 1]
    assert row["community"] == community
    assert (row["internal_events"], row["internal_net_coop"]) == internal[:2]
    assert row["internal_goldstein_mean"] == pytest.approx(internal[2])
    assert (row["external_events"], row["external_net_coop"]) == external[:2]
    assert row["external_goldstein_mean"] == pytest.approx(external[2])
    assert row["balance"] == pytest.approx(internal[2] - external[2])
    assert (row["best_bloc"], row["best_jaccard"]) == best


def test_overlaps_with_formal_blocs(found):
    overlaps = {(r["community"], r["bloc"]): r["jaccard"] for r in found.overlaps.to_pylist()}
    # CELAC members in the network: all six; Mercosur: Brazil only.
    assert overlaps[(1, "CELAC")] == pytest.approx(0.5)
    assert overlaps[(1, "MERCOSUR")] == pytest.approx(1 / 3)
    assert overlaps[(2, "LIMA_GROUP")] == 0.0


def test_edges_respect_min_events(found):
    pairs = {(r["a"], r["b"]) for r in found.edges.to_pylist()}
    assert ("MEX", "VEN") not in pairs and ("BRA", "VEN") in pairs
    assert len(pairs) == 8


def test_without_kb_there_is_no_comparison(con_of):
    result = discover_blocs(con_of(ROWS), min_events=5)
    assert result.overlaps.num_rows == 0
    assert result.communities.column("best_bloc").to_pylist() == [None, None]
    assert result.communities.column("size").to_pylist() == [3, 3]


def test_restricted_to_listed_states(con_of, kb):
    result = discover_blocs(con_of(ROWS), min_events=5, kb=kb, states=["VEN", "CUB", "COL"])
    assert result.communities.column("members").to_pylist() == [["CUB", "VEN"], ["COL"]]


def test_bad_min_events(con_of):
    with pytest.raises(QueryError):
        discover_blocs(con_of(ROWS), min_events=0)
