"""Fixtures: an in-memory `events` table with the store's columns, and a knowledge base."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

EVENTS_DDL = """
CREATE TABLE events (
    event_key VARCHAR, date DATE, year INTEGER, month DATE, type VARCHAR, mode VARCHAR,
    cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE, source_code VARCHAR,
    source_sector VARCHAR, target_code VARCHAR, target_sector VARCHAR,
    location_country VARCHAR, mentions INTEGER, sources INTEGER, confidence DOUBLE
)
"""

# PLOVER type -> (quad class, a typical Goldstein value of its CAMEO codes)
TYPICAL = {
    "AGREE": (1, 3.0), "CONSULT": (1, 1.0), "SUPPORT": (1, 3.5), "CONCEDE": (1, 5.0),
    "COOPERATE": (2, 6.0), "AID": (2, 7.0), "RETREAT": (2, 5.0), "REQUEST": (1, -1.0),
    "ACCUSE": (3, -2.0), "REJECT": (3, -4.0), "THREATEN": (3, -6.0), "PROTEST": (3, -6.5),
    "SANCTION": (4, -8.0), "MOBILIZE": (4, -7.2), "COERCE": (4, -7.0), "ASSAULT": (4, -10.0),
}


def event(
    date: str, source: str, target: str | None, type_: str, *, goldstein: float | None = None,
    mentions: int | None = 1, source_sector: str = "GOV", target_sector: str = "GOV",
) -> tuple[Any, ...]:
    """One row of `events` with the quad class and Goldstein value typical of `type_`."""
    quad, typical = TYPICAL[type_]
    day = dt.date.fromisoformat(date)
    return (
        f"{date}-{source}-{target}-{type_}-{id(object())}", day, day.year, day.replace(day=1),
        type_, None, "000", quad, typical if goldstein is None else goldstein, source,
        source_sector, target, target_sector, None, mentions, 1, 0.9,
    )


def make_con(rows: list[tuple[Any, ...]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(EVENTS_DDL)
    if rows:
        columns = [d[0] for d in con.execute("SELECT * FROM events").description]
        staged = pa.Table.from_pylist([dict(zip(columns, r, strict=True)) for r in rows])
        con.register("staged_rows", staged)
        con.execute(f"INSERT INTO events SELECT {', '.join(columns)} FROM staged_rows")
        con.unregister("staged_rows")
    return con


@pytest.fixture
def con_of() -> Iterator[Callable[[list[tuple[Any, ...]]], duckdb.DuckDBPyConnection]]:
    opened: list[duckdb.DuckDBPyConnection] = []

    def build(rows: list[tuple[Any, ...]]) -> duckdb.DuckDBPyConnection:
        opened.append(make_con(rows))
        return opened[-1]

    yield build
    for con in opened:
        con.close()


def _facts_module() -> Any:
    path = Path(__file__).with_name("kbfacts.py")
    spec = importlib.util.spec_from_file_location("blocwatch_tests_kbfacts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def kb() -> Any:
    """A real KnowledgeBase holding the fixed facts of kbfacts.py."""
    return _facts_module().test_kb()
