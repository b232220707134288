"""Watch mode: poll feeds, code what is new, append it to the store.

The store is the only state: a feed item is new when the store holds no document with its exact
text (the store's content hash), so a watcher restarted at any time picks up where it was. A feed
that cannot be fetched or parsed is logged and tried again next round; the other feeds go on. The
store is opened for each round and closed after it, so other processes can read it in between.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.contract import Document
from blocwatch.errors import BlocwatchError, ReadError, StoreError

log = logging.getLogger(__name__)

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds in an interval such as '15m', '90s', '1h30m', '2h' or '600' (seconds)."""
    spec = text.strip().lower().replace(" ", "")
    total = 0.0
    position = 0
    for match in _PART.finditer(spec):
        if match.start() != position:
            break
        total += float(match.group(1)) * _UNIT[match.group(2)]
        position = match.end()
    if not spec or position != len(spec) or total <= 0:
        raise ValueError(f"{text!r} is not an interval (write e.g. 15m, 90s, 1h30m)")
    return total


@dataclass(slots=True)
class WatchRound:
    """One polling round: what was read, what was new, and which feeds failed."""

    number: int
    started: dt.datetime
    feeds: int = 0
    read: int = 0
    new: int = 0
    events: int = 0
    bad: int = 0
    run_id: int | None = None
    feed_errors: list[tuple[str, str]] = field(default_factory=list)
    store_error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.number, "started": self.started.isoformat(timespec="seconds"),
            "feeds": self.feeds, "read": self.read, "new": self.new, "events": self.events,
            "bad": self.bad, "run_id": self.run_id,
            "feed_errors": [{"feed": f, "error": e} for f, e in self.feed_errors],
            "store_error": self.store_error, "seconds": round(self.seconds, 3),
        }


def watch(feeds: Sequence[str], *, db: str | Path, every: float, coder: Any = None,
          kb_file: str | Path | None = None, lang: str = "auto", once: bool = False,
          rounds: int | None = None, timeout: float = 10,
          sleep: Callable[[float], None] = time.sleep) -> Iterator[WatchRound]:
    """Poll `feeds` (URLs or files) every `every` seconds, storing new items in `db`.

    Yields each round's report. Runs one round when `once`, `rounds` rounds when given, else
    until interrupted. The coder (built once, with every mention as the store keeps them) is
    `coder`, else one built from `kb_file`.
    """
    if not feeds:
        raise BlocwatchError("give at least one feed to watch")
    if every <= 0:
        raise BlocwatchError(f"the interval must be positive, not {every}")
    if coder is None:
        from blocwatch.coder import Coder
        from blocwatch.kb import load_kb

        coder = Coder(load_kb(kb_file), all_events=True)
    limit = 1 if once else rounds
    number = 0
    while limit is None or number < limit:
        number += 1
        started = time.monotonic()
        yield watch_round(feeds, db=db, coder=coder, lang=lang, timeout=timeout, number=number)
        if limit is not None and number >= limit:
            return
        sleep(max(0.0, every - (time.monotonic() - started)))


def watch_round(feeds: Sequence[str], *, db: str | Path | Any, coder: Any, lang: str = "auto",
                timeout: float = 10, number: int = 1) -> WatchRound:
    """One round: read every feed, store the items the store does not hold yet.

    `db` is a store path (opened for the round) or an open `Store`.
    """
    from blocwatch.store import Store, open_store

    report = WatchRound(number=number, started=dt.datetime.now(dt.UTC), feeds=len(feeds))
    began = time.perf_counter()
    items = _read_feeds(feeds, lang=lang, timeout=timeout, report=report)
    try:
        if isinstance(db, Store):
            _store_new(db, items, coder=coder, report=report)
        else:
            with open_store(db) as store:
                _store_new(store, items, coder=coder, report=report)
    except StoreError as e:  # e.g. another process holds the file: try again next round
        log.warning("round %d: the store could not be written: %s", number, e)
        report.store_error = str(e)
    report.seconds = time.perf_counter() - began
    return report


def _read_feeds(feeds: Sequence[str], *, lang: str, timeout: float,
                report: WatchRound) -> list[Document | ReadError]:
    from blocwatch.read import iter_documents

    items: list[Document | ReadError] = []
    for feed in feeds:
        names = {feed, Path(feed).name}
        got: list[Document | ReadError] = []
        failed = None
        for item in iter_documents([feed], lang=lang, timeout=timeout):
            if isinstance(item, ReadError) and item.doc_id in names:
                failed = str(item)
            else:
                got.append(item)
        if failed is not None:
            log.warning("feed %s failed (tried again next round): %s", feed, failed)
            report.feed_errors.append((feed, failed))
        items.extend(got)
    report.read = sum(isinstance(item, Document) for item in items)
    return items


def _store_new(store: Any, items: list[Document | ReadError], *, coder: Any,
               report: WatchRound) -> None:
    from blocwatch.store import ingest_documents

    fresh = _not_stored(store, items)
    if not fresh:
        return
    result = ingest_documents(store, fresh, coder=coder)
    report.run_id = result.run_id
    report.new = result.documents
    report.events = result.mentions
    report.bad = len(result.bad)


def _not_stored(store: Any, items: list[Document | ReadError]) -> list[Document | ReadError]:
    """Items the store does not hold: documents by content hash, errors by document id and
    reason (so a bad entry is recorded once, not every round)."""
    from blocwatch.store.rows import content_hash

    docs = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if isinstance(item, ReadError)]
    hashes = [content_hash(doc.text) for doc in docs]
    stored = {row[0] for row in store.con.execute(
        "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest($1))",
        [hashes]).fetchall()} if docs else set()
    known = {(row[0], row[1]) for row in store.con.execute(
        "SELECT doc_id, reason FROM bad_documents WHERE doc_id IN (SELECT unnest($1))",
        [[e.doc_id for e in errors]]).fetchall()} if errors else set()
    fresh: list[Document | ReadError] = [d for d, h in zip(docs, hashes) if h not in stored]
    fresh += [e for e in errors if (e.doc_id, _reason(e)) not in known]
    return fresh


def _reason(error: ReadError) -> str:
    """The reason as the store records it (see `blocwatch.store.ingestion`)."""
    return error.reason + (f" ({error.hint})" if error.hint else "")
