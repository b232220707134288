"""Blocs discovered from behaviour: communities of the state cooperation/conflict network."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import networkx as nx
import pyarrow as pa

from blocwatch.analyse import _monthly
from blocwatch.analyse._common import (
    GOLDSTEIN_SUM,
    SIGN,
    Params,
    check_codes,
    in_states,
    make_filter,
    query,
    resolve_range,
)
from blocwatch.analyse._kb import KBLike, state_codes
from blocwatch.errors import QueryError

log = logging.getLogger(__name__)

DEFAULT_BLOCS = (
    "CELAC", "ALBA", "LIMA_GROUP", "UNASUR", "PROSUR", "MERCOSUR", "PACIFIC_ALLIANCE",
    "ANDEAN_COMMUNITY", "CARICOM", "SICA",
)

# Grouped by directed pair (cheaper than least/greatest over millions of strings); the few
# thousand rows are folded into undirected pairs in Python.
_PAIRS_SQL = """
SELECT {period} source_code AS a, target_code AS b, {sums}
FROM {table}
WHERE {where} AND source_code <> target_code AND {states}
GROUP BY ALL
ORDER BY ALL
"""


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    events: int
    goldstein_sum: float
    net_coop: int


@dataclass(frozen=True, slots=True)
class BlocDiscovery:
    """What `discover_blocs` found.

    communities: one row per community (community, members, size, internal_* and external_*
    events / net_coop / goldstein_mean, balance, best_bloc, best_jaccard);
    overlaps: community × formal bloc Jaccard indices; edges: the network (a, b, events,
    goldstein_sum, net_coop) with pairs of at least `min_events` events.
    """

    start: dt.date
    end: dt.date
    communities: pa.Table
    overlaps: pa.Table
    edges: pa.Table


_EVENT_SUMS = (f"count(*) AS events, CAST({GOLDSTEIN_SUM} AS DOUBLE) AS goldstein_sum, "
               f"sum({SIGN})::BIGINT AS net_coop")
_MONTHLY_SUMS = ("sum(events)::BIGINT AS events, "
                 "CAST(sum(goldstein_sum) AS DOUBLE) AS goldstein_sum, "
                 "sum(net_coop)::BIGINT AS net_coop")


def pair_sql(where: str, *, by_period: str | None = None, states: bool = True,
             monthly: bool = False) -> str:
    """SQL for undirected state-pair aggregates; `$states` (when `states`) lists the states.
    With `monthly`, it reads `dyad_month` (`where` over its columns) instead of `events`."""
    marker: list[str] | None = [] if states else None
    only = f"{in_states('source_code', marker)} AND {in_states('target_code', marker)}"
    day = "month" if monthly else "date"
    period = f"CAST(date_trunc('{by_period}', {day}) AS DATE) AS period," if by_period else ""
    return _PAIRS_SQL.format(
        period=period, where=where, states=only,
        table=_monthly.TABLE if monthly else "events",
        sums=_MONTHLY_SUMS if monthly else _EVENT_SUMS)


def fold_pairs(rows: Iterable[dict[str, Any]]) -> list[Pair]:
    """Merge directed pair rows (a, b, events, goldstein_sum, net_coop) into undirected pairs."""
    acc: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        key = (min(row["a"], row["b"]), max(row["a"], row["b"]))
        slot = acc.setdefault(key, [0, 0.0, 0])
        slot[0] += row["events"]
        slot[1] += row["goldstein_sum"] or 0.0  # NULL when no event had a Goldstein value
        slot[2] += row["net_coop"]
    return [Pair(a, b, int(n), g, int(net)) for (a, b), (n, g, net) in sorted(acc.items())]


def fetch_pairs(con: duckdb.DuckDBPyConnection, where: str, params: Params, *,
                states: Sequence[str] | None = None, monthly: bool = False) -> list[Pair]:
    sql = pair_sql(where, states=states is not None, monthly=monthly)
    table = query(con, sql, params | ({"states": list(states)} if states is not None else {}))
    return fold_pairs(table.to_pylist())


def signed_graph(pairs: Iterable[Pair], *, min_events: int) -> nx.Graph:
    """States as nodes; an edge for each pair with at least `min_events` events, weighted by
    the pair's net Goldstein (sum of Goldstein values)."""
    graph = nx.Graph()
    for p in pairs:
        if p.events >= min_events:
            graph.add_edge(p.a, p.b, weight=p.goldstein_sum, events=p.events, net_coop=p.net_coop)
    return graph


def find_communities(graph: nx.Graph, *, seed: int = 0, resolution: float = 1.0
                     ) -> list[list[str]]:
    """Louvain communities of the positive (cooperative) edges; states with no positive edge
    are singletons. Sorted by size, then by first member, so numbering is stable."""
    positive = nx.Graph()
    positive.add_nodes_from(graph.nodes)
    positive.add_edges_from(
        (u, v, {"weight": d["weight"]}) for u, v, d in graph.edges(data=True) if d["weight"] > 0
    )
    found = nx.community.louvain_communities(
        positive, weight="weight", seed=seed, resolution=resolution
    )
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


Stats = dict[str, float | int | None]


def _balance(pairs: Iterable[Pair], members: set[str], nodes: set[str]) -> Stats:
    stats: dict[str, list[float]] = {"internal": [0, 0, 0.0], "external": [0, 0, 0.0]}
    for p in pairs:
        inside = (p.a in members) + (p.b in members)
        if inside == 2:
            key = "internal"
        elif inside == 1 and {p.a, p.b} <= nodes:
            key = "external"
        else:
            continue
        stats[key][0] += p.events
        stats[key][1] += p.net_coop
        stats[key][2] += p.goldstein_sum
    out: Stats = {}
    for key, (n, net, g) in stats.items():
        out[f"{key}_events"] = int(n)
        out[f"{key}_net_coop"] = int(net)
        out[f"{key}_goldstein_mean"] = g / n if n else None
    inside_mean, outside_mean = out["internal_goldstein_mean"], out["external_goldstein_mean"]
    out["balance"] = (
        inside_mean - outside_mean if inside_mean is not None and outside_mean is not None
        else None
    )
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def formal_blocs(kb: KBLike | None, blocs: Sequence[str], date: dt.date, nodes: set[str]
                 ) -> dict[str, set[str]]:
    """Members of each formal bloc on `date` that appear in the network."""
    if kb is None:
        return {}
    out = {}
    for bloc in blocs:
        members = set(kb.members(bloc, date)) & nodes
        if members:
            out[bloc] = members
        else:
            log.info("no members of %s in the network on %s", bloc, date)
    return out


def discover_blocs(
    con: duckdb.DuckDBPyConnection,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    min_events: int = 5,
    kb: KBLike | None = None,
    compare_with: Sequence[str] = DEFAULT_BLOCS,
    states: Sequence[str] | None = None,
    seed: int = 0,
    resolution: float = 1.0,
    sectors: Sequence[str] | None = None,
) -> BlocDiscovery:
    """Communities of states in the signed cooperation/conflict network of [start, end].

    Edges join states with at least `min_events` events between them (both directions), weighted
    by net Goldstein; Louvain (seeded, so repeatable) runs on the positive edges. Each community
    is described by its internal and external relations (all events among members, and between
    members and other states of the network) and compared with formal blocs on `end` by Jaccard
    index (over states present in the network). `states` restricts the network to a list.
    """
    if not isinstance(min_events, int) or min_events < 1:
        raise QueryError(f"min_events must be a positive integer, got {min_events!r}")
    blocs = check_codes(compare_with, what="bloc code")
    only = (sorted(set(check_codes(states, what="state code"))) if states is not None
            else state_codes(kb))
    filt = make_filter(start, end, sectors)
    monthly = _monthly.usable(con, filt)
    base, params = filt.month_sql() if monthly else filt.sql()
    resolve = _monthly.resolve_range if monthly else resolve_range
    span = resolve(con, filt, base, params) or (filt.start or dt.date.min,
                                                filt.end or dt.date.max)
    pairs = fetch_pairs(con, base, params, states=only, monthly=monthly)
    graph = signed_graph(pairs, min_events=min_events)
    groups = find_communities(graph, seed=seed, resolution=resolution) if len(graph) else []
    nodes = set(graph.nodes)
    formal = formal_blocs(kb, blocs, span[1], nodes)
    return BlocDiscovery(
        start=span[0], end=span[1],
        communities=_community_table(groups, pairs, nodes, formal),
        overlaps=_overlap_table(groups, formal),
        edges=_edge_table(graph),
    )


def _community_table(groups: list[list[str]], pairs: list[Pair], nodes: set[str],
                     formal: dict[str, set[str]]) -> pa.Table:
    rows = []
    for i, members in enumerate(groups, start=1):
        scores = {bloc: jaccard(set(members), codes) for bloc, codes in formal.items()}
        best = max(scores, key=lambda k: (scores[k], k)) if scores else None
        rows.append({
            "community": i, "members": members, "size": len(members),
            **_balance(pairs, set(members), nodes),
            "best_bloc": best, "best_jaccard": scores[best] if best else None,
        })
    return pa.Table.from_pylist(rows, schema=_COMMUNITY_SCHEMA)


def _overlap_table(groups: list[list[str]], formal: dict[str, set[str]]) -> pa.Table:
    rows = [
        {"community": i, "bloc": bloc, "shared": len(set(members) & codes),
         "jaccard": jaccard(set(members), codes)}
        for i, members in enumerate(groups, start=1) for bloc, codes in formal.items()
    ]
    return pa.Table.from_pylist(rows, schema=_OVERLAP_SCHEMA)


def _edge_table(graph: nx.Graph) -> pa.Table:
    rows = [
        {"a": min(u, v), "b": max(u, v), "events": d["events"], "goldstein_sum": d["weight"],
         "net_coop": d["net_coop"]}
        for u, v, d in graph.edges(data=True)
    ]
    rows.sort(key=lambda r: (r["a"], r["b"]))
    return pa.Table.from_pylist(rows, schema=_EDGE_SCHEMA)


_COMMUNITY_SCHEMA = pa.schema([
    ("community", pa.int64()), ("members", pa.list_(pa.string())), ("size", pa.int64()),
    ("internal_events", pa.int64()), ("internal_net_coop", pa.int64()),
    ("internal_goldstein_mean", pa.float64()),
    ("external_events", pa.int64()), ("external_net_coop", pa.int64()),
    ("external_goldstein_mean", pa.float64()), ("balance", pa.float64()),
    ("best_bloc", pa.string()), ("best_jaccard", pa.float64()),
])
_OVERLAP_SCHEMA = pa.schema([
    ("community", pa.int64()), ("bloc", pa.string()), ("shared", pa.int64()),
    ("jaccard", pa.float64()),
])
_EDGE_SCHEMA = pa.schema([
    ("a", pa.string()), ("b", pa.string()), ("events", pa.int64()),
    ("goldstein_sum", pa.float64()), ("net_coop", pa.int64()),
])
