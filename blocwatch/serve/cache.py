"""An in-process LRU cache of whole GET responses, keyed by path, query, store version and day.

Valid because every answer is a function of the URL and the store: the service opens the store
read-only (nothing else can write it meanwhile: DuckDB refuses a writer while a reader holds the
file) unless ingest is enabled, and then each ingest bumps `Database.version`, which empties the
cache. Some answers depend on today's date (an organization's members now), so the key also
holds the day. The query string is normalised (parameters sorted by name, the order of repeated
ones kept), so `?a=MEX&b=VEN` and `?b=VEN&a=MEX` share an entry. Only 200 answers are kept, each
at most `max_entry_bytes`, in all at most `max_bytes`.

Concurrent misses for one key compute the answer once: the others wait for it (asynchronously,
holding no worker thread) and are then served from the cache.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

DEFAULT_ENTRIES = 1024
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_ENTRY_BYTES = 4 * 1024 * 1024
# Served by StaticFiles (with its own validators) or built once: nothing to gain.
UNCACHED_PREFIXES = ("/static", "/docs", "/openapi.json", "/api/ingest")

Key = tuple[str, str, int, dt.date]


@dataclass(frozen=True, slots=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """A thread-safe LRU map from keys to responses, bounded in entries and bytes."""

    def __init__(self, *, entries: int = DEFAULT_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_entry_bytes: int = DEFAULT_MAX_ENTRY_BYTES) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._items: OrderedDict[Key, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Key) -> Entry | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: Key, entry: Entry) -> None:
        size = len(entry.body)
        if self.entries < 1 or size > self.max_entry_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = entry
            self._bytes += size
            while self._items and (len(self._items) > self.entries
                                   or self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


class Totals:
    """Counts of events per search filter (the `total` of every page of one search), so that
    paging through a search counts its matches once. Bounded LRU; `clear()` on ingest."""

    def __init__(self, entries: int = 4096) -> None:
        self.entries = entries
        self._items: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> int | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, total: int) -> None:
        with self._lock:
            self._items[key] = total
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def normalised_query(raw: bytes) -> str:
    """The query string with parameters sorted by name (repeated names keep their order)."""
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda kv: kv[0]))


class CacheMiddleware:
    """Serve repeated GETs from a `ResponseCache`; `version()` is the store's version."""

    def __init__(self, app: ASGIApp, *, cache: ResponseCache, version: object) -> None:
        self.app = app
        self.cache = cache
        self.version = version
        self._inflight: dict[Key, asyncio.Lock] = {}

    def _key(self, scope: Scope) -> Key | None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.cache.entries < 1:
            return None
        path: str = scope["path"]
        if path.startswith(UNCACHED_PREFIXES):
            return None
        version = self.version() if callable(self.version) else 0
        return (path, normalised_query(scope.get("query_string", b"")), int(version),
                dt.date.today())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        entry = self.cache.get(key)
        if entry is None:
            lock = self._inflight.setdefault(key, asyncio.Lock())
            try:
                async with lock:
                    entry = self.cache.get(key)  # computed while this request waited?
                    if entry is None:
                        await self._compute(key, scope, receive, send)
                        return
            finally:
                if not lock.locked() and self._inflight.get(key) is lock:
                    del self._inflight[key]
        await _replay(entry, send)

    async def _compute(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        status, headers, chunks, size = 0, [], [], 0

        async def capture(message: Message) -> None:
            nonlocal status, headers, size
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                body = message.get("body", b"")
                size += len(body)
                if size <= self.cache.max_entry_bytes:
                    chunks.append(body)
                if not message.get("more_body", False) and status == 200 \
                        and size <= self.cache.max_entry_bytes:
                    self.cache.put(key, Entry(status, headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)


async def _replay(entry: Entry, send: Send) -> None:
    await send({"type": "http.response.start", "status": entry.status,
                "headers": list(entry.headers)})
    await send({"type": "http.response.body", "body": entry.body, "more_body": False})
