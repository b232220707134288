"""Charts: each plot writes a non-empty PNG and SVG, also from empty results."""

from __future__ import annotations

import pytest
from conftest import event

from blocwatch.analyse import bloc_cohesion, correlation_of_forces, discover_blocs, dyad_series
from blocwatch.analyse.plots import plot_cohesion, plot_dyad, plot_forces, plot_network
from blocwatch.errors import QueryError

ROWS = [
    row
    for year in (2019, 2020)
    for m in range(1, 13)
    for row in (
        event(f"{year}-{m:02d}-10", "VEN", "CUB", "COOPERATE"),
        event(f"{year}-{m:02d}-10", "CUB", "NIC", "AGREE"),
        event(f"{year}-{m:02d}-10", "COL", "BRA", "AGREE"),
        event(f"{year}-{m:02d}-10", "COL", "VEN", "ACCUSE"),
        event(f"{year}-{m:02d}-12", "MEX", "VEN", "CONSULT" if m % 3 else "REJECT"),
    )
]


def charts(con, kb):
    return {
        "dyad": lambda out: plot_dyad(dyad_series(con, "MEX", "VEN"), out, title="MEX – VEN"),
        "cohesion": lambda out: plot_cohesion(bloc_cohesion(con, "ALBA", kb=kb), out),
        "forces": lambda out: plot_forces(
            correlation_of_forces(con, kb=kb, region=["VEN", "CUB", "NIC", "COL", "BRA"]), out),
        "forces-one-period": lambda out: plot_forces(correlation_of_forces(
            con, kb=kb, camps="bloc", start="2019-01-01", end="2019-12-31"), out, share="states"),
        "network": lambda out: plot_network(discover_blocs(con, kb=kb), out),
        "network-orientation": lambda out: plot_network(
            discover_blocs(con, kb=kb), out, color_by="orientation", kb=kb),
        "network-empty": lambda out: plot_network(discover_blocs(con, min_events=1000), out),
    }


@pytest.mark.parametrize("suffix", [".png", ".svg"])
@pytest.mark.parametrize("name", ["dyad", "cohesion", "forces", "forces-one-period", "network",
                                  "network-orientation", "network-empty"])
def test_chart_files(con_of, kb, tmp_path, name, suffix):
    out = tmp_path / f"{name}{suffix}"
    written = charts(con_of(ROWS), kb)[name](out)
    assert written == out and out.stat().st_size > 1000
    head = out.read_bytes()[:400]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head


def test_empty_dyad_still_draws(con_of, tmp_path):
    out = plot_dyad(dyad_series(con_of(ROWS), "ARG", "CHL"), tmp_path / "empty.png")
    assert out.stat().st_size > 0


@pytest.mark.parametrize("out", ["chart.pdf", "chart"])
def test_only_png_and_svg(con_of, tmp_path, out):
    with pytest.raises(QueryError, match=r"\.png or \.svg"):
        plot_dyad(dyad_series(con_of(ROWS), "MEX", "VEN"), tmp_path / out)


def test_orientation_colours_need_a_kb(con_of, tmp_path):
    with pytest.raises(QueryError, match="knowledge base"):
        plot_network(discover_blocs(con_of(ROWS)), tmp_path / "n.png", color_by="orientation")
