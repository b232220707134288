"""Charts as inline SVG, written by hand: line charts, stacked bars, the map and the network.

Every label goes through `escape`; every function returns `Markup` ready for a template.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from markupsafe import Markup, escape

from blocwatch.serve import geo

PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
           "#1f78b4", "#b2df8a", "#666666")
CAMP_COLOURS = {"left": "#d7191c", "centre": "#fdae61", "right": "#2c7bb6",
                "unknown": "#bdbdbd", "other": "#bdbdbd", "unaligned": "#bdbdbd"}
NO_DATA = "#e4e4e4"
FOCUS = "#2d2a6e"
COOP, NEUTRAL, CONFLICT = (26, 150, 65), (247, 247, 247), (215, 25, 28)


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str


def _empty(width: int, height: int, message: str) -> Markup:
    return Markup(
        f'<svg class="chart empty" viewBox="0 0 {width} {height}" role="img">'
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">{escape(message)}</text>'
        "</svg>")


def _range(series: Sequence[Series], *, zero: bool) -> tuple[float, float]:
    values = [v for s in series for v in s.values if v is not None and math.isfinite(v)]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    return lo, hi


def _ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1)]


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.2g}"


def _frame(width: int, height: int, pad: tuple[int, int, int, int], lo: float, hi: float,
           labels: Sequence[str]) -> tuple[list[str], Callable[[float], float]]:
    """Axes, grid and x labels; returns the parts and the value -> y function."""
    left, top, right, bottom = pad
    plot_h = height - top - bottom

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * plot_h

    parts = []
    for t in _ticks(lo, hi):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(t):.1f}" '
                     f'y2="{y(t):.1f}"/><text class="tick" x="{left - 4}" y="{y(t) + 3:.1f}" '
                     f'text-anchor="end">{_fmt(t)}</text>')
    if lo < 0 < hi:
        parts.append(f'<line class="zero" x1="{left}" x2="{width - right}" y1="{y(0):.1f}" '
                     f'y2="{y(0):.1f}"/>')
    n = len(labels)
    step = max(1, math.ceil(n / 8))
    plot_w = width - left - right
    for i in range(0, n, step):
        x = left + (i + 0.5) * plot_w / n
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - bottom + 14}" '
                     f'text-anchor="middle">{escape(labels[i])}</text>')
    return parts, y


def _legend(series: Sequence[tuple[str, str]], x0: int, y0: int) -> str:
    out, x = [], x0
    for name, colour in series:
        out.append(f'<rect x="{x}" y="{y0 - 8}" width="10" height="10" fill="{colour}"/>'
                   f'<text class="legend" x="{x + 14}" y="{y0 + 1}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return "".join(out)


def line_chart(labels: Sequence[str], series: Sequence[Series], *, width: int = 600,
               height: int = 220, zero: bool = True, css: str = "") -> Markup:
    """One line per series over the period labels; gaps where a value is None."""
    if not labels or not series:
        return _empty(width, height, "no data for this selection")
    pad = (42, 22, 10, 22)
    lo, hi = _range(series, zero=zero)
    parts, y = _frame(width, height, pad, lo, hi, labels)
    plot_w = width - pad[0] - pad[2]
    for s in series:
        points = [(pad[0] + (i + 0.5) * plot_w / len(labels), v) for i, v in enumerate(s.values)]
        runs: list[list[tuple[float, float]]] = [[]]
        for x, v in points:
            if v is None or not math.isfinite(v):
                runs.append([])
            else:
                runs[-1].append((x, v))
        runs = [r for r in runs if r]
        for r in runs:
            d = " ".join(f"{x:.1f},{y(v):.1f}" for x, v in r)
            parts.append(f'<polyline class="line" points="{d}" stroke="{s.colour}"/>')
            parts += [f'<circle cx="{x:.1f}" cy="{y(v):.1f}" r="2.5" fill="{s.colour}">'
                      f'<title>{escape(s.name)}: {v:.3g}</title></circle>' for x, v in r]
    parts.append(_legend([(s.name, s.colour) for s in series], pad[0], 12))
    return _svg(width, height, parts, f"chart line-chart {css}".strip())


def stacked_bars(labels: Sequence[str], series: Sequence[Series], *, width: int = 600,
                 height: int = 220, css: str = "") -> Markup:
    """Stacked bars of non-negative values (e.g. camp shares) per period."""
    if not labels or not series:
        return _empty(width, height, "no data for this selection")
    pad = (42, 22, 10, 22)
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(labels))]
    hi = max([*totals, 1e-9])
    parts, y = _frame(width, height, pad, 0.0, hi, labels)
    plot_w = width - pad[0] - pad[2]
    bar_w = plot_w / len(labels) * 0.8
    for i, label in enumerate(labels):
        x = pad[0] + (i + 0.1) * plot_w / len(labels)
        base = 0.0
        for s in series:
            v = s.values[i] or 0.0
            if v <= 0:
                continue
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y(base + v):.1f}" '
                         f'width="{bar_w:.1f}" height="{y(base) - y(base + v):.1f}" '
                         f'fill="{s.colour}"><title>{escape(label)} {escape(s.name)}: '
                         f'{v:.3g}</title></rect>')
            base += v
    parts.append(_legend([(s.name, s.colour) for s in series], pad[0], 12))
    return _svg(width, height, parts, f"chart bar-chart {css}".strip())


def _svg(width: float, height: float, parts: list[str], css: str) -> Markup:
    return Markup(f'<svg class="{css}" viewBox="0 0 {width} {height}" role="img" '
                  f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


# -- the map -------------------------------------------------------------------------------------

def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> str:
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b))
    return f"#{r:02x}{g:02x}{bl:02x}"


def diverging(rate: float | None) -> str:
    """Net cooperation per event in [-1, 1]: red (conflict) through pale grey to green."""
    if rate is None:
        return NO_DATA
    t = max(-1.0, min(1.0, rate))
    return _mix(NEUTRAL, COOP, t) if t >= 0 else _mix(NEUTRAL, CONFLICT, -t)


def _country_title(code: str, name: str, row: Mapping[str, Any] | None) -> str:
    if row is None:
        return f"{name} ({code}): no events"
    mean = row.get("goldstein_mean")
    mean_text = f"{mean:.2f}" if isinstance(mean, int | float) else "n/a"
    return (f"{name} ({code}): {row['events']} events, {row['cooperation']} cooperative, "
            f"{row['conflict']} conflictual, net {row['net_coop']:+d}, "
            f"mean Goldstein {mean_text}")


def world_map(rows: Sequence[Mapping[str, Any]], *, focus: Sequence[str], view: str,
              small_states: Mapping[str, tuple[float, float, str]],
              href: Callable[[str], str]) -> Markup:
    """Countries coloured by net cooperation with the focus actor; `small_states` maps codes
    absent from the shapes to (lon, lat, name), drawn as circles."""
    v = geo.view(view)
    by_code = {r["country"]: r for r in rows}
    focus_set = set(focus)
    parts = [f'<rect class="sea" width="{v.width}" height="{v.height}"/>']
    for shape in v.shapes:
        parts.append(_map_item(shape.code, shape.name, by_code.get(shape.code), focus_set, href,
                               f'<path d="{shape.path}"', "/>"))
    for code, (lon, lat, name) in sorted(small_states.items()):
        point = v.point(lon, lat)
        if point is None:
            continue
        parts.append(_map_item(code, name, by_code.get(code), focus_set, href,
                               f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3.5"',
                               "/>", extra=" small"))
    return _svg(v.width, v.height, parts, f"map map-{view}")


def _map_item(code: str, name: str, row: Mapping[str, Any] | None, focus: set[str],
              href: Callable[[str], str], open_tag: str, close: str, extra: str = "") -> str:
    if code in focus:
        fill, css = FOCUS, "country focus"
    else:
        fill = diverging(row.get("net_coop_rate") if row else None)
        css = "country data" if row else "country nodata"
    title = escape(_country_title(code, name, row))
    return (f'<a href="{escape(href(code))}"><g class="{css}{extra}" data-code="{code}">'
            f'{open_tag} fill="{fill}"{close}<title>{title}</title></g></a>')


# -- the network ---------------------------------------------------------------------------------

def network(edges: Sequence[Mapping[str, Any]], communities: Sequence[Mapping[str, Any]], *,
            width: int = 600, height: int = 360, href: Callable[[str], str]) -> Markup:
    """States as nodes (coloured by community), edges green (cooperative) or red."""
    if not edges:
        return _empty(width, height, "no pair of states with enough events")
    graph = nx.Graph()
    for e in edges:
        graph.add_edge(e["a"], e["b"], weight=max(1, e["events"]))
    pos = nx.spring_layout(graph, seed=0, weight="weight")
    group = {code: i for i, c in enumerate(communities) for code in c["members"]}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]

    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1

    def at(code: str) -> tuple[float, float]:
        x, y = pos[code]
        return (30 + (x - min(xs)) / span_x * (width - 60),
                20 + (y - min(ys)) / span_y * (height - 40))

    parts = []
    for e in edges:
        (x1, y1), (x2, y2) = at(e["a"]), at(e["b"])
        colour = "#1a9641" if e["goldstein_sum"] > 0 else "#d7191c"
        w = 1 + math.log1p(e["events"])
        parts.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                     f'y2="{y2:.1f}" stroke="{colour}" stroke-width="{w:.1f}"><title>'
                     f'{escape(e["a"])}–{escape(e["b"])}: {e["events"]} events, net '
                     f'{e["net_coop"]:+d}</title></line>')
    for code in graph.nodes:
        x, y = at(code)
        colour = PALETTE[group[code] % len(PALETTE)] if code in group else "#999"
        parts.append(f'<a href="{escape(href(code))}"><g class="node"><circle cx="{x:.1f}" '
                     f'cy="{y:.1f}" r="7" fill="{colour}"/><text x="{x:.1f}" y="{y - 10:.1f}" '
                     f'text-anchor="middle">{escape(code)}</text></g></a>')
    return _svg(width, height, parts, "chart network")
