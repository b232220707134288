"""Dask itself: imported only here, only inside functions, so blocwatch works without it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from blocwatch.errors import MissingExtraError

log = logging.getLogger(__name__)

FEATURE = "the Dask engine"
EXTRA = "dask"


def require_dask() -> ModuleType:
    """The `distributed` module; MissingExtraError when Dask is not installed."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as e:
        raise MissingExtraError(FEATURE, EXTRA) from e
    return distributed


@contextmanager
def dask_client(*, scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A Client of the scheduler at `scheduler`, else of a new local cluster of `workers`
    single-threaded worker processes (closed on exit)."""
    distributed = require_dask()
    if scheduler:
        client = distributed.Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()
