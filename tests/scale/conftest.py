"""Fixtures for the Dask engine: a mixed corpus, and one local cluster of two worker processes
shared by the cluster tests (its workers build their coders once, up front)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scale_helpers import build_corpus

from blocwatch.scale.worker import CodeOptions, warm_up


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("scale"))


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    try:
        client.run(warm_up, CodeOptions(all_events=False))
        client.run(warm_up, CodeOptions(all_events=True))
        yield client
    finally:
        client.close()
        cluster.close()
