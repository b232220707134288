"""The service's store: one DuckDB connection, a cursor per request, ingest serialised."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from blocwatch.errors import StoreError
from blocwatch.store import Store, open_store

log = logging.getLogger(__name__)


class Database:
    """The store behind the service.

    Read-only unless `writable` (the service opens it for writing only when ingest is enabled
    with a token). Each request reads through its own cursor (a DuckDB connection to the same
    database, safe to use from its thread); ingests take a lock so one runs at a time.
    `version` counts the ingests this service ran: the response cache keys on it.
    """

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.store: Store = open_store(self.path, read_only=not writable)
        self.writable = writable
        self.ingest_lock = threading.Lock()
        self._cursor_lock = threading.Lock()
        self._coder: Any = None
        self.version = 0

    def _new_cursor(self) -> duckdb.DuckDBPyConnection:
        with self._cursor_lock:  # the parent connection object is not thread-safe
            return self.store.con.cursor()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._new_cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """A store on its own connection for one ingest (hold `ingest_lock`)."""
        if not self.writable:
            raise StoreError("the store is open read-only; start the server with --token")
        with self.cursor() as cur:
            yield Store(cur, path=self.path, read_only=False)

    def coder(self, kb: Any) -> Any:
        """The coder for ingests, built on first use (loading the spaCy pipelines is slow)."""
        if self._coder is None:
            from blocwatch.coder import Coder

            log.info("loading the coder for ingest")
            self._coder = Coder(kb, all_events=True)
        return self._coder

    def set_coder(self, coder: Any) -> None:
        self._coder = coder

    def close(self) -> None:
        self.store.close()
