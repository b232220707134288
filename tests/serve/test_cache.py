"""The response cache: an LRU of whole GET answers, keyed by path, query and store version."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TOKEN
from fastapi.testclient import TestClient

from blocwatch.cli import main
from blocwatch.serve import create_app
from blocwatch.serve.cache import Entry, ResponseCache, Totals, normalised_query

TODAY = dt.date(2024, 1, 1)


def _entry(size: int) -> Entry:
    return Entry(200, [], b"x" * size)


def test_lru_drops_the_least_recently_used() -> None:
    cache = ResponseCache(entries=2)
    cache.put(("/a", "", 0, TODAY), _entry(1))
    cache.put(("/b", "", 0, TODAY), _entry(1))
    assert cache.get(("/a", "", 0, TODAY)) is not None  # /a is now the most recent
    cache.put(("/c", "", 0, TODAY), _entry(1))
    assert cache.get(("/b", "", 0, TODAY)) is None
    assert cache.get(("/a", "", 0, TODAY)) is not None
    assert cache.get(("/c", "", 0, TODAY)) is not None


def test_bytes_are_bounded() -> None:
    cache = ResponseCache(entries=100, max_bytes=10, max_entry_bytes=6)
    cache.put(("/big", "", 0, TODAY), _entry(7))
    assert len(cache) == 0
    for name in "abc":
        cache.put((f"/{name}", "", 0, TODAY), _entry(4))
    assert len(cache) == 2 and cache.get(("/a", "", 0, TODAY)) is None


def test_totals_are_bounded() -> None:
    totals = Totals(entries=2)
    for i in range(3):
        totals.put(str(i), i)
    assert totals.get("0") is None and totals.get("2") == 2
    totals.clear()
    assert totals.get("2") is None


@pytest.mark.parametrize(("raw", "want"), [
    (b"b=2&a=1", "a=1&b=2"),
    (b"a=MEX&b=VEN", "a=MEX&b=VEN"),
    (b"x=2&x=1&a=", "a=&x=2&x=1"),
    (b"", ""),
])
def test_query_strings_are_normalised(raw: bytes, want: str) -> None:
    assert normalised_query(raw) == want


def test_repeated_gets_are_served_from_the_cache(sample_db: Path, kb: object) -> None:
    app = create_app(sample_db, kb=kb)
    with TestClient(app) as client:
        first = client.get("/api/dyad?a=MEX&b=VEN&freq=year")
        hits = app.state.cache.hits
        second = client.get("/api/dyad?freq=year&b=VEN&a=MEX")
        assert second.status_code == first.status_code == 200
        assert second.content == first.content
        assert app.state.cache.hits == hits + 1
        assert second.headers["x-content-type-options"] == "nosniff"
        assert client.get("/api/dyad?a=MEX&b=ZZZ9!").status_code == 422  # not cached
        assert client.get("/api/dyad?a=MEX&b=ZZZ9!").status_code == 422


def test_no_cache_when_disabled(sample_db: Path, kb: object) -> None:
    app = create_app(sample_db, kb=kb, cache_entries=0)
    with TestClient(app) as client:
        for _ in range(2):
            assert client.get("/api/events?limit=1").status_code == 200
    assert app.state.cache.hits == 0 and len(app.state.cache) == 0


def test_an_ingest_empties_the_cache(writable_client: TestClient) -> None:
    app = writable_client.app
    writable_client.get("/api/events?limit=1")
    assert len(app.state.cache) >= 1  # type: ignore[attr-defined]
    version = app.state.db.version  # type: ignore[attr-defined]
    doc = {"id": "cache-test-1", "date": "2023-03-01", "lang": "en",
           "text": "Mexico and Venezuela signed an agreement on Tuesday."}
    response = writable_client.post("/api/ingest", content=json.dumps(doc) + "\n",
                                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert app.state.db.version == version + 1  # type: ignore[attr-defined]
    assert len(app.state.cache) == 0  # type: ignore[attr-defined]


def test_several_workers_need_a_read_only_store(sample_db: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(sample_db), "--workers", "2",
                                       "--token", "x"])
    assert result.exit_code != 0 and "read-only" in result.output
