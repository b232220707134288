"""Charts of the analytics' results, written as PNG or SVG.

Figures are built with `matplotlib.figure.Figure` (no pyplot state, Agg canvas), so charts can
be drawn from several threads, as the web server does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from blocwatch.analyse._kb import KBLike
from blocwatch.analyse.communities import BlocDiscovery
from blocwatch.analyse.forces import Forces
from blocwatch.errors import QueryError

FORMATS = (".png", ".svg")
EPOCH = dt.date(1970, 1, 1)  # matplotlib's default date epoch
QUAD_COLOURS = ("#4daf4a", "#1b7837", "#fdae61", "#d7191c")
ORIENTATION_COLOURS = {"left": "#d7191c", "centre": "#fdae61", "right": "#2c7bb6"}
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
           "#666666", "#1f78b4", "#b2df8a")


def _figure(width: float = 9.0, height: float = 4.5, *, dates: bool = True
            ) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    if dates:
        ax.xaxis_date()
    return fig, ax


def _save(fig: Figure, out: str | Path) -> Path:
    path = Path(out)
    if path.suffix.lower() not in FORMATS:
        raise QueryError(f"cannot write {path.name}: the chart file must end in .png or .svg")
    fig.savefig(path, dpi=120)
    return path


def _column(table: pa.Table, name: str) -> list[Any]:
    values: list[Any] = table.column(name).to_pylist()
    return values


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _dates(table: pa.Table, name: str = "period") -> list[float]:
    """Matplotlib date numbers (days since its default epoch), so bar widths are in days."""
    return [float((day - EPOCH).days) for day in _column(table, name)]


def plot_dyad(series: pa.Table, out: str | Path, *, title: str = "") -> Path:
    """Stacked bars of the four quad classes per period and a line of net cooperation."""
    fig, ax = _figure()
    periods = _dates(series)
    width = _bar_width(periods)
    bottom = [0.0] * len(periods)
    names = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
    for name, colour in zip(names, QUAD_COLOURS, strict=True):
        values = [float(v) for v in _column(series, name)]
        ax.bar(periods, values, width=width, bottom=bottom, color=colour,
               label=name.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.plot(periods, _column(series, "net_coop"), color="black", marker=".", label="net coop")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_ylabel("events")
    ax.set_title(title or "Dyadic events")
    ax.legend(loc="upper left", fontsize="small")
    return _save(fig, out)


def _bar_width(periods: Sequence[float]) -> float:
    if len(periods) < 2:
        return 20.0
    return 0.8 * min(b - a for a, b in itertools.pairwise(periods))


def plot_cohesion(cohesion: pa.Table, out: str | Path, *, title: str = "") -> Path:
    """Mean Goldstein among members and toward outsiders, with cohesion (their difference)."""
    fig, ax = _figure()
    periods = _dates(cohesion)
    ax.bar(periods, _nan(_column(cohesion, "cohesion")), width=_bar_width(periods),
           color="#bbbbbb", label="cohesion (inside − outside)")
    ax.plot(periods, _nan(_column(cohesion, "inside_goldstein_mean")), marker="o",
            color="#1b7837", label="among members")
    ax.plot(periods, _nan(_column(cohesion, "outside_goldstein_mean")), marker="o",
            color="#d7191c", label="with outsiders")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_ylabel("mean Goldstein")
    ax.set_title(title or "Bloc cohesion")
    ax.legend(loc="best", fontsize="small")
    return _save(fig, out)


def plot_forces(forces: Forces, out: str | Path, *, share: str = "population",
                title: str = "") -> Path:
    """Stacked areas of each camp's share (of population or of states) and, on a second axis,
    the mean Goldstein of relations between different camps."""
    if share not in ("population", "states"):
        raise QueryError(f"bad share {share!r}: expected population or states")
    column = "population_share" if share == "population" else "state_share"
    periods = _dates(forces.summary)
    camps = sorted(set(_column(forces.camps, "camp")))
    values = {camp: [0.0] * len(periods) for camp in camps}
    index = {p: i for i, p in enumerate(_column(forces.summary, "period"))}
    for row in forces.camps.to_pylist():
        if row["period"] in index:
            values[row["camp"]][index[row["period"]]] = row[column] or 0.0
    fig, ax = _figure()
    colours = [ORIENTATION_COLOURS.get(c, PALETTE[i % len(PALETTE)]) for i, c in enumerate(camps)]
    if len(periods) > 1:
        ax.stackplot(periods, *(values[c] for c in camps), labels=camps, colors=colours,
                     alpha=0.8)
    else:
        _stacked_bar(ax, periods, camps, values, colours)
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"share of {share}")
    balance = ax.twinx()
    balance.plot(periods, _nan(_column(forces.summary, "goldstein_mean_between")),
                 color="black", marker="o", label="between camps (mean Goldstein)")
    balance.axhline(0, color="grey", linewidth=0.5, linestyle=":")
    balance.set_ylabel("mean Goldstein between camps")
    ax.legend(loc="upper left", fontsize="small")
    balance.legend(loc="upper right", fontsize="small")
    ax.set_title(title or "Correlation of forces")
    return _save(fig, out)


def _stacked_bar(ax: Axes, periods: list[float], camps: list[str],
                 values: dict[str, list[float]], colours: list[str]) -> None:
    bottom = [0.0] * len(periods)
    for camp, colour in zip(camps, colours, strict=True):
        ax.bar(periods, values[camp], bottom=bottom, color=colour, label=camp, width=200)
        bottom = [b + v for b, v in zip(bottom, values[camp], strict=True)]


def plot_network(discovery: BlocDiscovery, out: str | Path, *, color_by: str = "community",
                 kb: KBLike | None = None, title: str = "") -> Path:
    """The alignment network: green edges cooperate, red edges conflict (width by |net
    Goldstein|); nodes coloured by discovered community or, with a KB, by orientation on the
    period's last day."""
    if color_by not in ("community", "orientation"):
        raise QueryError(f"bad color_by {color_by!r}: expected community or orientation")
    if color_by == "orientation" and kb is None:
        raise QueryError("colouring by orientation needs the knowledge base")
    graph = nx.Graph()
    for row in discovery.edges.to_pylist():
        graph.add_edge(row["a"], row["b"], weight=row["goldstein_sum"])
    fig, ax = _figure(8.0, 8.0, dates=False)
    ax.set_axis_off()
    ax.set_title(title or f"Alignment network {discovery.start} – {discovery.end}")
    if not len(graph):
        ax.text(0.5, 0.5, "no pair of states with enough events", ha="center")
        return _save(fig, out)
    top = max(abs(d["weight"]) for _, _, d in graph.edges(data=True)) or 1.0
    # Cooperation pulls states together; conflict edges pull only weakly, which keeps rival
    # camps apart yet on one page.
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(graph)
    layout_graph.add_edges_from(
        (u, v, {"weight": d["weight"] / top if d["weight"] > 0 else 0.02})
        for u, v, d in graph.edges(data=True)
    )
    pos = nx.spring_layout(layout_graph, weight="weight", seed=0)
    for u, v, d in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot([x1, x2], [y1, y2], color="#1b7837" if d["weight"] > 0 else "#d7191c",
                linewidth=0.5 + 3.5 * abs(d["weight"]) / top, alpha=0.6, zorder=1)
    colours = _node_colours(discovery, list(graph), color_by, kb)
    xs, ys = zip(*(pos[n] for n in graph), strict=True)
    ax.scatter(xs, ys, c=[colours[n] for n in graph], s=300, zorder=2, edgecolors="black")
    for node in graph:
        ax.annotate(node, pos[node], ha="center", va="center", fontsize=7, zorder=3)
    return _save(fig, out)


def _node_colours(discovery: BlocDiscovery, nodes: list[str], color_by: str,
                  kb: KBLike | None) -> dict[str, str]:
    if color_by == "orientation" and kb is not None:
        return {n: ORIENTATION_COLOURS.get(kb.orientation(n, discovery.end) or "", "#cccccc")
                for n in nodes}
    colours = dict.fromkeys(nodes, "#cccccc")
    for row in discovery.communities.to_pylist():
        for code in row["members"]:
            colours[code] = PALETTE[(row["community"] - 1) % len(PALETTE)]
    return colours
