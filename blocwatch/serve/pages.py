"""The dashboard: server-rendered pages, each with a `.json` twin built by the same function.

A page's data comes from the functions the API calls (`blocwatch.analyse`, `queries`,
`actors`); the page adds only SVG charts and HTML. Filters live in the query string, so every
view is a shareable URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from blocwatch import analyse
from blocwatch.errors import QueryError
from blocwatch.kb import KnowledgeBase
from blocwatch.serve import geo, svg
from blocwatch.serve import params as p
from blocwatch.serve.actors import actor_profile, name_of, people_query, person_profile
from blocwatch.serve.api import KB, Con, region_arg
from blocwatch.serve.queries import (
    EventQuery,
    event_detail,
    relations_map,
    search_events,
    store_summary,
    table_rows,
    top_actors,
    top_dyads,
)

TEMPLATES = Jinja2Templates(directory=str(FilePath(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)
DEFAULT_BLOC = "CELAC"


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL's query string with some parameters changed (None removes one)."""
    query = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    target = path if path is not None else request.url.path
    return target + ("?" + urlencode(query) if query else "")


def _render(request: Request, template: str, data: dict[str, Any], **extra: Any) -> Response:
    context = {"data": data, "url_with": lambda *a, **k: url_with(request, *a, **k), **extra}
    return TEMPLATES.TemplateResponse(request, template, context)


def _twin(request: Request, template: str, data: dict[str, Any], as_json: bool,
          extra: Callable[[], dict[str, Any]] | None = None) -> Response:
    if as_json:
        return JSONResponse(data)
    return _render(request, template, data, **(extra() if extra else {}))


def _period_label(value: str | None, freq: str) -> str:
    if not value:
        return ""
    day = dt.date.fromisoformat(value)
    if freq == "year":
        return str(day.year)
    if freq == "quarter":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    if freq == "month":
        return f"{day.year}-{day.month:02d}"
    return value


def _section(build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """One panel's data, or the reason it is empty (a panel's error never breaks the page)."""
    try:
        return build()
    except QueryError as e:
        return {"error": str(e)}


# -- the overview --------------------------------------------------------------------------------

def _defaults(con: duckdb.DuckDBPyConnection, kb: KnowledgeBase) -> tuple[str, str, str]:
    actors = [r["code"] for r in top_actors(con, limit=20) if kb.is_actor_code(r["code"])]
    dyads = top_dyads(con, limit=1)
    actor = actors[0] if actors else "USA"
    a, b = (dyads[0]["a"], dyads[0]["b"]) if dyads else ("MEX", "VEN")
    return actor, a, b


def overview_data(con: duckdb.DuckDBPyConnection, kb: KnowledgeBase, *, actor: str | None,
                  a: str | None, b: str | None, bloc: str, start: dt.date | None,
                  end: dt.date | None, freq: str, period: str, camps: str,
                  min_events: int) -> dict[str, Any]:
    """Everything the overview shows: relations by country with `actor`, the a-b dyad, the
    bloc's cohesion, the correlation of forces and the discovered blocs."""
    d_actor, d_a, d_b = _defaults(con, kb)
    actor, a, b = actor or d_actor, a or d_a, b or d_b
    return {
        "params": {"actor": actor, "a": a, "b": b, "bloc": bloc, "start": _iso(start),
                   "end": _iso(end), "freq": freq, "period": period, "camps": camps,
                   "min_events": min_events},
        "summary": store_summary(con),
        "top_actors": top_actors(con, limit=12),
        "map": _section(lambda: relations_map(con, actor, kb=kb, start=start, end=end)),
        "dyad": _section(lambda: {"series": table_rows(analyse.dyad_series(
            con, a, b, freq=freq, start=start, end=end))}),
        "cohesion": _section(lambda: {"periods": table_rows(analyse.bloc_cohesion(
            con, bloc, kb=kb, freq=period, start=start, end=end))}),
        "forces": _section(lambda: _forces(con, kb, camps, period, start, end)),
        "blocs": _section(lambda: _blocs(con, kb, start, end, min_events)),
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _forces(con: duckdb.DuckDBPyConnection, kb: KnowledgeBase, camps: str, freq: str,
            start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    result = analyse.correlation_of_forces(con, kb=kb, region=region_arg("Latin America"),
                                           camps=camps, freq=freq, start=start, end=end)
    return {"camps": table_rows(result.camps), "summary": table_rows(result.summary)}


def _blocs(con: duckdb.DuckDBPyConnection, kb: KnowledgeBase, start: dt.date | None,
           end: dt.date | None, min_events: int) -> dict[str, Any]:
    found = analyse.discover_blocs(con, start=start, end=end, min_events=min_events, kb=kb)
    return {"start": found.start.isoformat(), "end": found.end.isoformat(),
            "communities": table_rows(found.communities), "edges": table_rows(found.edges)}


def _small_states(kb: KnowledgeBase) -> dict[str, tuple[float, float, str]]:
    shapes = geo.shape_codes()
    return {
        code: (c.lon, c.lat, c.name_en) for code, c in kb.countries.items()
        if code not in shapes and c.lat is not None and c.lon is not None
        and c.un_status in ("member", "observer")
    }


def overview_charts(data: dict[str, Any], kb: KnowledgeBase, *, view: str) -> dict[str, Any]:
    """The SVG of each overview panel (empty where the panel has an error)."""
    charts: dict[str, Any] = {}
    m = data["map"]
    if "error" not in m:
        charts["map"] = svg.world_map(
            m["countries"], focus=[m["actor"], *m["members"]], view=view,
            small_states=_small_states(kb), href=lambda code: f"/actors/{code}")
    params = data["params"]
    if "error" not in data["dyad"]:
        rows = data["dyad"]["series"]
        charts["dyad"] = svg.line_chart(
            [_period_label(r["period"], params["freq"]) for r in rows], [
                svg.Series("cooperative", [r["verbal_coop"] + r["material_coop"] for r in rows],
                           "#1a9641"),
                svg.Series("conflictual",
                           [r["verbal_conflict"] + r["material_conflict"] for r in rows],
                           "#d7191c"),
                svg.Series("net cooperation", [r["net_coop"] for r in rows], "#2d2a6e"),
            ], css="dyad")
    if "error" not in data["cohesion"]:
        rows = data["cohesion"]["periods"]
        charts["cohesion"] = svg.line_chart(
            [_period_label(r["period"], params["period"]) for r in rows], [
                svg.Series("inside mean Goldstein", [r["inside_goldstein_mean"] for r in rows],
                           "#1b9e77"),
                svg.Series("outside mean Goldstein", [r["outside_goldstein_mean"] for r in rows],
                           "#d95f02"),
                svg.Series("cohesion", [r["cohesion"] for r in rows], "#2d2a6e"),
            ], css="cohesion")
    if "error" not in data["forces"]:
        charts["forces"] = _forces_chart(data["forces"]["camps"], params["period"])
    if "error" not in data["blocs"]:
        charts["network"] = svg.network(data["blocs"]["edges"], data["blocs"]["communities"],
                                        href=lambda code: f"/actors/{code}")
    return charts


def _forces_chart(rows: list[dict[str, Any]], freq: str) -> Any:
    periods = sorted({r["period"] for r in rows})
    camps = sorted({r["camp"] for r in rows})
    share = {(r["period"], r["camp"]): r["population_share"] for r in rows}
    series = [
        svg.Series(camp, [share.get((period, camp)) for period in periods],
                   svg.CAMP_COLOURS.get(camp, svg.PALETTE[i % len(svg.PALETTE)]))
        for i, camp in enumerate(camps)
    ]
    return svg.stacked_bars([_period_label(x, freq) for x in periods], series, css="forces")


Actor = Annotated[str | None, p.code_param("State or bloc for the map.")]
View = Literal["americas", "world"]


@router.get("/", response_class=HTMLResponse)
@router.get("/index.json")
def overview(request: Request, con: Con, kb: KB, actor: Actor = None,
             a: Annotated[str | None, p.code_param("Dyad: first actor.")] = None,
             b: Annotated[str | None, p.code_param("Dyad: second actor.")] = None,
             bloc: Annotated[str, p.code_param("Bloc for cohesion.")] = DEFAULT_BLOC,
             start: p.Start = None, end: p.End = None,
             freq: Literal["week", "month", "quarter", "year"] = "month",
             period: Literal["year", "quarter", "month"] = "year",
             camps: Literal["orientation", "bloc", "community"] = "orientation",
             view: View = "americas",
             min_events: Annotated[int, Query(ge=1, le=1000)] = 2) -> Response:
    data = overview_data(con, kb, actor=p.upper(actor), a=p.upper(a), b=p.upper(b),
                         bloc=bloc.upper(), start=start, end=end, freq=freq, period=period,
                         camps=camps, min_events=min_events)
    data["params"]["view"] = view
    return _twin(request, "index.html", data, request.url.path.endswith(".json"),
                 lambda: {"charts": overview_charts(data, kb, view=view),
                          "name_of": lambda c: name_of(kb, c) or c})


# -- events --------------------------------------------------------------------------------------

@router.get("/events", response_class=HTMLResponse)
@router.get("/events.json")
def events_page(request: Request, con: Con,
                actor: Annotated[str | None, p.codes_param("Either side.")] = None,
                source: Annotated[str | None, p.codes_param("Source codes.")] = None,
                target: Annotated[str | None, p.codes_param("Target codes.")] = None,
                type: Annotated[str | None, Query(pattern=p.TYPES, max_length=180)] = None,
                quad: Annotated[int | None, Query(ge=1, le=4)] = None,
                start: p.Start = None, end: p.End = None,
                q: Annotated[str | None, Query(max_length=p.MAX_TEXT)] = None,
                limit: p.Limit = p.DEFAULT_PAGE, offset: p.Offset = 0) -> Response:
    query = EventQuery(actor=p.split_codes(actor), source=p.split_codes(source),
                       target=p.split_codes(target), types=p.split_codes(type), quad=quad,
                       start=start, end=end, text=q or None, limit=limit, offset=offset)
    data = search_events(con, query, totals=request.app.state.totals)
    data["params"] = {k: v for k, v in request.query_params.items()}
    return _twin(request, "events.html", data, request.url.path.endswith(".json"))


@router.get("/events/{event_id}.json")
def event_json(con: Con, event_id: Annotated[str, Path(pattern=p.EVENT_ID)]) -> Response:
    return JSONResponse(event_detail(con, event_id))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, con: Con,
               event_id: Annotated[str, Path(pattern=p.EVENT_ID)]) -> Response:
    return _render(request, "event.html", event_detail(con, event_id))


# -- actors and people ---------------------------------------------------------------------------

@router.get("/actors/{code}.json")
def actor_json(con: Con, kb: KB, code: Annotated[str, Path(pattern=p.CODE)],
               start: p.Start = None, end: p.End = None) -> Response:
    return JSONResponse(actor_profile(con, code.upper(), kb=kb, start=start, end=end))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, con: Con, kb: KB, code: Annotated[str, Path(pattern=p.CODE)],
               start: p.Start = None, end: p.End = None) -> Response:
    data = actor_profile(con, code.upper(), kb=kb, start=start, end=end)
    return _render(request, "actor.html", data)


@router.get("/people", response_class=HTMLResponse)
@router.get("/people.json")
def people_page(request: Request, kb: KB,
                country: Annotated[str | None, p.code_param("Country code.")] = None,
                role: Annotated[str | None, Query(pattern=p.ROLE)] = "head_of_state",
                date: Annotated[p.Day | None, Query()] = None,
                name: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    data = people_query(kb, country=p.upper(country), role=role or None, date=date,
                        name=name or None)
    return _twin(request, "people.html", data, request.url.path.endswith(".json"))


@router.get("/people/{kb_id}.json")
def person_json(kb: KB, kb_id: Annotated[str, Path(pattern=p.KB_ID)]) -> Response:
    return JSONResponse(person_profile(kb, kb_id))


@router.get("/people/{kb_id}", response_class=HTMLResponse)
def person_page(request: Request, kb: KB,
                kb_id: Annotated[str, Path(pattern=p.KB_ID)]) -> Response:
    return _render(request, "person.html", person_profile(kb, kb_id))
