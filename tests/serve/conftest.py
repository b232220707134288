"""Fixtures: a store built once per session from the bundled samples with the real coder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")

from fastapi.testclient import TestClient

from blocwatch.coder import Coder
from blocwatch.kb import KnowledgeBase
from blocwatch.serve import create_app
from blocwatch.store import ingest, open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Publication dates of the plain-text samples (samples/README.md): their datelines give no year.
SAMPLE_DATES = {
    "us_mexico_security_dialogue_2021.txt": "2021-10-08",
    "colombia_venezuela_border_2022.txt": "2022-09-26",
    "boric_buenos_aires_2022.txt": "2022-04-04",
    "ruto_haiti_2024.txt": "2024-09-22",
    "maduro_investidura_2025.txt": "2025-01-10",
    "ecuador_conflicto_2024.txt": "2024-01-10",
    "dialogo_venezuela_mexico_2022.txt": "2022-11-26",
    "opinion_en_2024.txt": "2024-03-03",
    "opinion_es_2024.txt": "2024-05-15",
}
TOKEN = "test-token-7f3a"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, coder_all: Coder) -> Path:
    path = tmp_path_factory.mktemp("serve") / "sample.duckdb"
    with open_store(path) as store:
        for name, date in SAMPLE_DATES.items():
            ingest(store, [SAMPLES / name], coder=coder_all, date=date, compact=False)
        rest = [SAMPLES / n for n in ("feed.jsonl", "feed.xml", "amazon_summit_2023.html")]
        ingest(store, rest, coder=coder_all)
    return path


@pytest.fixture(scope="session")
def app(sample_db: Path, kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    return create_app(sample_db, kb=kb)


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writable_client(sample_db: Path, tmp_path: Path, kb: KnowledgeBase,
                    coder_all: Coder) -> Iterator[TestClient]:
    """A client over a copy of the store, with ingest enabled by a token."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, copy)
    app = create_app(copy, kb=kb, token=TOKEN, coder=coder_all, max_body=64 * 1024)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
