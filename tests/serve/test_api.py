"""The REST API and the pages over a store of the coded samples."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import TOKEN
from fastapi.testclient import TestClient

from blocwatch import analyse
from blocwatch.serve import params

# -- every endpoint answers ----------------------------------------------------------------------

OK_URLS = [
    "/api/events",
    "/api/events?limit=5&offset=2",
    "/api/events?actor=ven,col&type=ACCUSE,CONSULT",
    "/api/events?quad=1&start=2021-01-01&end=2025-12-31",
    "/api/events?cameo=04&sector=GOV",
    "/api/actors/VEN",
    "/api/actors/CELAC",
    "/api/people?country=MEX&role=head_of_state&date=2019-06-01",
    "/api/people/andres-manuel-lopez-obrador",
    "/api/dyad?a=COL&b=VEN&freq=month",
    "/api/alignment?a=COL&b=VEN",
    "/api/cohesion?bloc=CELAC",
    "/api/forces?camps=orientation",
    "/api/forces?camps=bloc&bloc=ALBA,LIMA_GROUP&freq=quarter",
    "/api/blocs?min_events=1",
    "/api/blocs?start=2022-01-01&end=2024-12-31&min_events=1",
    "/api/map?actor=VEN",
    "/api/map?actor=CELAC&start=2020-01-01&end=2025-12-31",
]


@pytest.mark.parametrize("url", OK_URLS)
def test_endpoint_answers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")


def test_events_page_has_total_and_rows(client: TestClient) -> None:
    body = client.get("/api/events?limit=5").json()
    assert body["total"] >= 20
    assert len(body["events"]) == 5
    dates = [e["date"] for e in body["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    assert all(e["event_id"] and e["sentence"] for e in body["events"])


def _all_events(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    return client.get(f"/api/events?limit=500&{query}").json()["events"]


FILTERS = [
    ("source=VEN", lambda e: e["source_code"] == "VEN"),
    ("target=COL,VEN", lambda e: e["target_code"] in ("COL", "VEN")),
    ("actor=MEX", lambda e: "MEX" in (e["source_code"], e["target_code"])),
    ("type=consult", lambda e: e["type"] == "CONSULT"),
    ("quad=3", lambda e: e["quad_class"] == 3),
    ("cameo=04", lambda e: e["cameo"].startswith("04")),
    ("start=2023-01-01&end=2023-12-31", lambda e: "2023-01-01" <= e["date"] <= "2023-12-31"),
    ("sector=GOV", lambda e: "GOV" in (e["source_sector"], e["target_sector"])),
]


@pytest.mark.parametrize(("query", "keep"), FILTERS)
def test_event_filters(client: TestClient, query: str, keep: Any) -> None:
    every = _all_events(client)
    got = _all_events(client, query)
    assert got, f"the sample has events matching {query}"
    assert {e["event_key"] for e in got} == {e["event_key"] for e in every if keep(e)}


def test_text_search_is_literal(client: TestClient, sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        sentence = con.sql("SELECT sentence FROM event_mentions WHERE NOT negated "
                           "AND NOT hypothetical LIMIT 1").fetchall()[0][0]
    word = sentence.split()[2]
    found = client.get("/api/events", params={"q": word.upper()}).json()
    assert found["total"] >= 1
    assert all(word.casefold() in e["sentence"].casefold() or e["sentence"] is None
               for e in found["events"])
    for text in ("%", "_", "' OR 1=1 --", "\\"):
        assert client.get("/api/events", params={"q": text}).json()["total"] == 0


def test_pagination_covers_every_event(client: TestClient) -> None:
    total = client.get("/api/events?limit=1").json()["total"]
    keys = []
    for offset in range(0, total, 7):
        keys += [e["event_key"] for e in _all_events(client, f"limit=7&offset={offset}")][:7]
    assert len(keys) == total == len(set(keys))


# -- provenance ----------------------------------------------------------------------------------

def test_event_provenance(client: TestClient, sample_db: Path) -> None:
    rows = _all_events(client)
    detail = client.get(f"/api/events/{rows[0]['event_id']}").json()
    assert detail["event_id"] == rows[0]["event_id"]
    with duckdb.connect(str(sample_db), read_only=True) as con:
        text = con.sql("SELECT text FROM documents WHERE doc_id = ?",
                       params=[detail["doc_id"]]).fetchall()[0][0]
    start, end = detail["span"]
    assert text[start:end] == detail["sentence"]
    assert "".join(s["text"] for s in detail["segments"]) == detail["sentence"]
    kinds = {h["kind"]: h for h in detail["highlights"]}
    assert "trigger" in kinds
    trigger = kinds["trigger"]
    assert detail["sentence"][trigger["start"]:trigger["end"]] == detail["trigger"]
    t0, t1 = detail["trigger_span"]
    assert text[t0:t1] == detail["trigger"]
    assert detail["document"]["doc_id"] == detail["doc_id"]
    assert detail["document"]["title"]


def test_event_by_key_gives_first_mention(client: TestClient) -> None:
    row = _all_events(client)[0]
    by_key = client.get(f"/api/events/{row['event_key']}").json()
    assert by_key["event_key"] == row["event_key"]


def test_every_listed_event_has_highlights(client: TestClient) -> None:
    for row in _all_events(client)[:15]:
        detail = client.get(f"/api/events/{row['event_id']}").json()
        assert "".join(s["text"] for s in detail["segments"]) == detail["sentence"]
        spans = sorted((h["start"], h["end"]) for h in detail["highlights"])
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), "highlights overlap"


# -- one query path ------------------------------------------------------------------------------

def test_dyad_is_the_library_function(client: TestClient, sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        expected = analyse.dyad_series(con, "COL", "VEN", freq="month").to_pylist()
    got = client.get("/api/dyad?a=col&b=ven&freq=month").json()["series"]
    assert [r["events"] for r in got] == [r["events"] for r in expected]
    assert [r["period"] for r in got] == [r["period"].isoformat() for r in expected]


def test_cohesion_is_the_library_function(client: TestClient, sample_db: Path, kb: Any) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        expected = analyse.bloc_cohesion(con, "CELAC", kb=kb, freq="year").to_pylist()
    got = client.get("/api/cohesion?bloc=CELAC&freq=year").json()["periods"]
    assert [r["inside_events"] for r in got] == [r["inside_events"] for r in expected]


def test_map_counts_match_events(client: TestClient) -> None:
    body = client.get("/api/map?actor=VEN").json()
    events = _all_events(client, "actor=VEN")
    for row in body["countries"]:
        dated = [e for e in events if e["date"] and row["country"] in
                 (e["source_code"], e["target_code"]) and e["source_code"] != e["target_code"]]
        assert row["events"] == len(dated)
        assert row["cooperation"] + row["conflict"] <= row["events"]


@pytest.mark.parametrize(("page", "api"), [
    ("/events.json?actor=VEN", "/api/events?actor=VEN"),
    ("/actors/VEN.json", "/api/actors/VEN"),
    ("/people/andres-manuel-lopez-obrador.json", "/api/people/andres-manuel-lopez-obrador"),
    ("/people.json?country=MEX&role=head_of_state", "/api/people?country=MEX&role=head_of_state"),
])
def test_page_twins_equal_the_api(client: TestClient, page: str, api: str) -> None:
    twin, direct = client.get(page).json(), client.get(api).json()
    twin.pop("params", None)
    assert twin == direct


def test_people_who_held_office(client: TestClient) -> None:
    body = client.get("/api/people?country=MEX&role=head_of_state&date=2019-06-01").json()
    assert [p["kb_id"] for p in body["people"]] == ["andres-manuel-lopez-obrador"]
    person = client.get("/api/people/andres-manuel-lopez-obrador").json()
    assert any("head_of_state" in r["roles"] and r["start"] == "2018-12-01"
               for r in person["roles"])


def test_actor_profiles(client: TestClient) -> None:
    ven = client.get("/api/actors/VEN").json()
    assert ven["kind"] == "state" and ven["name"] == "Venezuela"
    assert any(m["org"] == "ALBA" for m in ven["memberships"])
    assert ven["orientation"] and ven["heads_of_state"]
    celac = client.get("/api/actors/celac").json()
    assert celac["name"].startswith("Community of Latin American")
    assert {"MEX", "BRA"} <= {m["country"] for m in celac["members_now"]}


# -- bad input: a 4xx with a message, never a 500 ------------------------------------------------

BAD = [
    ("/api/events?limit=501", 422), ("/api/events?limit=0", 422),
    ("/api/events?offset=-1", 422), ("/api/events?source=M%27EX", 422),
    ("/api/events?source=MEX;DROP TABLE events", 422), ("/api/events?type=DANCE", 400),
    ("/api/events?quad=5", 422), ("/api/events?cameo=4x", 422),
    ("/api/events?start=2021-02-30", 422), ("/api/events?start=0001-01-01", 422),
    ("/api/events?start=2024-01-01&end=2023-01-01", 400),
    ("/api/events?q=" + "x" * 201, 422), ("/api/events/not-hex", 422),
    ("/api/events/0123456789abcdef01234567", 404), ("/api/actors/ZZZ", 404),
    ("/api/actors/M", 422), ("/api/people/Nobody", 422), ("/api/people/nobody-at-all", 404),
    ("/api/people?role=emperor", 400), ("/api/people?date=yesterday", 422),
    ("/api/dyad?a=MEX", 422), ("/api/dyad?a=MEX&b=MEX", 400),
    ("/api/dyad?a=MEX&b=VEN&freq=decade", 422), ("/api/alignment?a=MEX&b=VEN&window=ever", 422),
    ("/api/cohesion?bloc=NOTABLOC", 400), ("/api/cohesion", 422),
    ("/api/forces?camps=stars", 422), ("/api/forces?region=Atlantis", 400),
    ("/api/blocs?min_events=0", 422), ("/api/map", 422), ("/api/map?actor=%00", 422),
    ("/api/nowhere", 404),
]


@pytest.mark.parametrize(("url", "status"), BAD)
def test_bad_input_is_a_4xx_with_a_message(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]


def test_page_size_is_bounded(client: TestClient) -> None:
    assert client.get(f"/api/events?limit={params.MAX_PAGE}").status_code == 200
    assert client.get(f"/api/events?limit={params.MAX_PAGE + 1}").status_code == 422


def test_unknown_method_is_json(client: TestClient) -> None:
    response = client.delete("/api/events")
    assert response.status_code == 405
    assert "error" in response.json()


# -- ingest and tokens ---------------------------------------------------------------------------

DOC = {"id": "api-test-1", "date": "2023-03-01", "lang": "en",
       "text": "Mexican President Andrés Manuel López Obrador met Venezuelan President "
               "Nicolás Maduro in Mexico City on Tuesday."}


def _jsonl(*docs: dict[str, Any]) -> bytes:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()


def test_ingest_is_forbidden_without_a_configured_token(client: TestClient) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        response = client.post("/api/ingest", content=_jsonl(DOC), headers=headers)
        assert response.status_code == 403
        assert "token" in response.json()["error"]


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
    {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"},
])
def test_ingest_needs_the_right_token(writable_client: TestClient,
                                      headers: dict[str, str]) -> None:
    response = writable_client.post("/api/ingest", content=_jsonl(DOC), headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]


def test_ingest_with_the_token_stores_events(writable_client: TestClient) -> None:
    before = writable_client.get("/api/events?limit=1").json()["total"]
    dyad = "/api/events?source=MEX&target=VEN&q=Mexico City"
    assert writable_client.get(dyad).json()["total"] == 0
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable_client.post("/api/ingest", content=_jsonl(DOC, {"id": "bad"}),
                                    headers=auth)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["documents"] == 1 and report["mentions"] >= 1
    assert [b["doc_id"] for b in report["bad"]] == ["bad"]
    after = writable_client.get("/api/events?limit=1").json()["total"]
    assert after > before
    assert writable_client.get(dyad).json()["total"] >= 1
    again = writable_client.post("/api/ingest", content=_jsonl(DOC), headers=auth).json()
    assert again["skipped"] == 1 and again["documents"] == 0


@pytest.mark.parametrize(("body", "status"), [
    (b"x" * (64 * 1024 + 1), 413), (b"\xff\xfe\x00bad", 400), (b"   \n", 400),
])
def test_ingest_rejects_bad_bodies(writable_client: TestClient, body: bytes,
                                   status: int) -> None:
    response = writable_client.post("/api/ingest", content=body,
                                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == status
    assert response.json()["error"]


def test_streamed_body_is_bounded(writable_client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b"y" * 1024

    response = writable_client.post("/api/ingest", content=chunks(),
                                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


# -- pages ---------------------------------------------------------------------------------------

PAGES = ["/", "/?actor=CELAC&view=world", "/?a=COL&b=VEN&freq=year&camps=bloc", "/events",
         "/events?actor=VEN&q=Maduro", "/actors/VEN", "/actors/CELAC", "/people",
         "/people?country=MEX&date=2020-01-01", "/people/andres-manuel-lopez-obrador", "/docs"]
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_without_remote_assets(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert not REMOTE.search(response.text.replace('href="https://example.org', ""))
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_overview_has_a_coloured_map_and_charts(client: TestClient) -> None:
    html = client.get("/?actor=VEN").text
    assert html.count('class="country') > 30
    assert 'class="country data"' in html and 'class="country focus"' in html
    assert "line-chart dyad" in html and "chart network" in html


def test_event_page_highlights(client: TestClient) -> None:
    row = _all_events(client)[0]
    html = client.get(f"/events/{row['event_id']}").text
    assert '<mark class="trigger"' in html


def test_page_errors_are_html(client: TestClient) -> None:
    response = client.get("/actors/ZZZ")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("asset", ["/static/style.css", "/static/app.js", "/static/world.json",
                                   "/static/favicon.svg", "/openapi.json"])
def test_assets_are_served(client: TestClient, asset: str) -> None:
    assert client.get(asset).status_code == 200


def test_swagger_assets_are_local(client: TestClient) -> None:
    html = client.get("/docs").text
    for src in re.findall(r"""(?:src|href)=["']([^"']+)""", html):
        assert src.startswith("/"), src
        assert client.get(src).status_code == 200, src
