"""The REST API under /api: every route checks its parameters, then calls one library function.

The analytics routes call `blocwatch.analyse` exactly as the CLI's analysis commands do; the
dashboard's pages call the same functions (see `pages.py`).
"""

from __future__ import annotations

import hmac
import io
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from blocwatch import analyse
from blocwatch.kb import KnowledgeBase
from blocwatch.serve import params as p
from blocwatch.serve.actors import actor_profile, people_query, person_profile
from blocwatch.serve.queries import (
    EventQuery,
    event_detail,
    relations_map,
    search_events,
    table_rows,
)

REGION = r"^([A-Za-z][A-Za-z ]{1,39}|[A-Za-z]{3}(,[A-Za-z]{3}){1,59})$"
WINDOW = r"^\d{1,2} (month|quarter|year)s?$"


class ErrorBody(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((400, "Bad request"), (404, "Not found"),
                         (422, "Invalid parameter"))
}

router = APIRouter(prefix="/api", responses=ERRORS)
bearer = HTTPBearer(auto_error=False, description="The token given to `blocwatch serve`.")


def get_con(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    with request.app.state.db.cursor() as cur:
        yield cur


def get_kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


Con = Annotated[duckdb.DuckDBPyConnection, Depends(get_con)]
KB = Annotated[KnowledgeBase, Depends(get_kb)]
CodeA = Annotated[str, p.code_param("First actor code, e.g. MEX.")]
CodeB = Annotated[str, p.code_param("Second actor code, e.g. VEN.")]
Freq = Literal["day", "week", "month", "quarter", "year"]
CoarseFreq = Literal["year", "quarter", "month"]


# -- events --------------------------------------------------------------------------------------

@router.get("/events", summary="Search deduplicated events")
def events(
    request: Request,
    con: Con,
    source: Annotated[str | None, p.codes_param("Source actor codes, comma-separated.")] = None,
    target: Annotated[str | None, p.codes_param("Target actor codes, comma-separated.")] = None,
    actor: Annotated[str | None, p.codes_param("Codes of either side, comma-separated.")] = None,
    sector: p.Sectors = None,
    type: Annotated[str | None, Query(pattern=p.TYPES, max_length=180,
                                      description="PLOVER types, e.g. CONSULT,ACCUSE.")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$",
                                       description="CAMEO code prefix, e.g. 04.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    start: p.Start = None,
    end: p.End = None,
    country: Annotated[str | None, p.code_param("Location country (ISO3).")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=p.MAX_TEXT,
                                   description="Text in the sentence (case-insensitive).")] = None,
    limit: p.Limit = p.DEFAULT_PAGE,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    query = EventQuery(
        source=p.split_codes(source), target=p.split_codes(target), actor=p.split_codes(actor),
        sectors=p.split_codes(sector), types=p.split_codes(type), cameo=cameo, quad=quad,
        start=start, end=end, country=p.upper(country), text=q, limit=limit, offset=offset,
    )
    return search_events(con, query, totals=request.app.state.totals)


@router.get("/events/{event_id}", summary="One event with its provenance")
def event(con: Con, event_id: Annotated[str, Path(pattern=p.EVENT_ID)]) -> dict[str, Any]:
    return event_detail(con, event_id)


# -- actors and people ---------------------------------------------------------------------------

@router.get("/actors/{code}", summary="A state or organization")
def actor(con: Con, kb: KB, code: Annotated[str, Path(pattern=p.CODE, max_length=20)],
          start: p.Start = None, end: p.End = None) -> dict[str, Any]:
    return actor_profile(con, code.upper(), kb=kb, start=start, end=end)


@router.get("/people", summary="Who held which office when")
def people(
    kb: KB,
    country: Annotated[str | None, p.code_param("Country or organization code.")] = None,
    role: Annotated[str | None, Query(pattern=p.ROLE, description="e.g. head_of_state.")] = None,
    date: Annotated[p.Day | None, Query(description="Offices held on this day.")] = None,
    name: Annotated[str | None, Query(min_length=2, max_length=100)] = None,
) -> dict[str, Any]:
    return people_query(kb, country=p.upper(country), role=role, date=date, name=name)


@router.get("/people/{kb_id}", summary="One person and their offices")
def person(kb: KB, kb_id: Annotated[str, Path(pattern=p.KB_ID)]) -> dict[str, Any]:
    return person_profile(kb, kb_id)


# -- analytics -----------------------------------------------------------------------------------

@router.get("/dyad", summary="Events between two actors per period")
def dyad(con: Con, a: CodeA, b: CodeB, freq: Freq = "month", start: p.Start = None,
         end: p.End = None, directed: bool = False, sector: p.Sectors = None
         ) -> dict[str, Any]:
    a, b = a.upper(), b.upper()
    series = analyse.dyad_series(con, a, b, freq=freq, start=start, end=end, directed=directed,
                                 sectors=p.split_codes(sector))
    return {"a": a, "b": b, "freq": freq, "series": table_rows(series)}


@router.get("/alignment", summary="Sliding-window alignment of two actors")
def alignment(
    con: Con, a: CodeA, b: CodeB,
    window: Annotated[str, Query(pattern=WINDOW, description="e.g. 12 months.")] = "12 months",
    step: Literal["1 month", "1 quarter", "1 year"] = "1 month",
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 3,
    both_directions: bool = False, start: p.Start = None, end: p.End = None,
    sector: p.Sectors = None,
) -> dict[str, Any]:
    a, b = a.upper(), b.upper()
    table = analyse.alignment(con, a, b, window=window, step=step, start=start, end=end,
                              min_events=min_events, both_directions=both_directions,
                              sectors=p.split_codes(sector))
    return {"a": a, "b": b, "window": window, "step": step, "windows": table_rows(table)}


@router.get("/cohesion", summary="Cohesion of a bloc per period")
def cohesion(con: Con, kb: KB, bloc: Annotated[str, p.code_param("Bloc code, e.g. CELAC.")],
             freq: CoarseFreq = "year", start: p.Start = None, end: p.End = None,
             sector: p.Sectors = None) -> dict[str, Any]:
    bloc = bloc.upper()
    table = analyse.bloc_cohesion(con, bloc, kb=kb, freq=freq, start=start, end=end,
                                  sectors=p.split_codes(sector))
    return {"bloc": bloc, "freq": freq, "periods": table_rows(table)}


@router.get("/forces", summary="The correlation of forces")
def forces(
    con: Con, kb: KB,
    camps: Literal["orientation", "bloc", "community"] = "orientation",
    region: Annotated[str, Query(pattern=REGION, max_length=240,
                                 description="'Latin America', a KB region, or ISO3 codes."
                                 )] = "Latin America",
    bloc: Annotated[str | None, p.codes_param("With camps=bloc: blocs, in order.")] = None,
    freq: CoarseFreq = "year", start: p.Start = None, end: p.End = None,
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 3, sector: p.Sectors = None,
) -> dict[str, Any]:
    result = analyse.correlation_of_forces(
        con, kb=kb, region=region_arg(region), camps=camps, blocs=p.split_codes(bloc),
        freq=freq, start=start, end=end, min_events=min_events, sectors=p.split_codes(sector))
    return {"camps_by": camps, "freq": freq, "camps": table_rows(result.camps),
            "relations": table_rows(result.relations), "summary": table_rows(result.summary)}


def region_arg(region: str) -> str | list[str]:
    if "," in region:
        return [c.upper() for c in region.split(",")]
    return region


@router.get("/blocs", summary="Blocs discovered from behaviour")
def blocs(con: Con, kb: KB, start: p.Start = None, end: p.End = None,
          min_events: Annotated[int, Query(ge=1, le=10_000)] = 5,
          compare: Annotated[str | None, p.codes_param("Formal blocs to compare with.")] = None,
          sector: p.Sectors = None) -> dict[str, Any]:
    found = analyse.discover_blocs(
        con, start=start, end=end, min_events=min_events, kb=kb,
        compare_with=p.split_codes(compare) or analyse.DEFAULT_BLOCS,
        sectors=p.split_codes(sector))
    return {"start": found.start.isoformat(), "end": found.end.isoformat(),
            "communities": table_rows(found.communities),
            "overlaps": table_rows(found.overlaps), "edges": table_rows(found.edges)}


@router.get("/map", summary="Relations of every country with a state or bloc")
def map_(con: Con, kb: KB, actor: Annotated[str, p.code_param("State or bloc, e.g. VEN.")],
         start: p.Start = None, end: p.End = None) -> dict[str, Any]:
    return relations_map(con, actor.upper(), kb=kb, start=start, end=end)


# -- writing -------------------------------------------------------------------------------------

def _authorise(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "ingest is disabled: start the server with --token to allow it")
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(403, "ingest needs the header 'Authorization: Bearer TOKEN'")


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is larger than {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest_text(request: Request, text: str) -> dict[str, Any]:
    from blocwatch.read import iter_documents
    from blocwatch.store import ingest_documents

    state = request.app.state
    with state.db.ingest_lock, state.db.writer() as store:
        try:
            docs = iter_documents(["-"], stdin=io.StringIO(text))
            report = ingest_documents(store, docs, coder=state.db.coder(state.kb))
        finally:  # even a failed run may have stored whole batches
            state.db.version += 1
            state.cache.clear()
            state.totals.clear()
    result: dict[str, Any] = report.to_dict()
    return result


@router.post(
    "/ingest", summary="Code and store documents (JSON Lines body)",
    responses={403: {"model": ErrorBody, "description": "No or wrong token"},
               413: {"model": ErrorBody, "description": "Body too large"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/x-ndjson": {"schema": {"type": "string"}}}}},
)
async def ingest(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                 ) -> dict[str, Any]:
    _authorise(request, credentials)
    body = await _read_body(request, request.app.state.max_body)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HTTPException(400, f"the body is not UTF-8: {e.reason} at byte {e.start}") from e
    if not text.strip():
        raise HTTPException(400, 'the body is empty: send JSON Lines, one {"id", "text"} a line')
    return await run_in_threadpool(_ingest_text, request, text)
