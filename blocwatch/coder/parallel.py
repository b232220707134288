"""Code documents on several local processes, in input order, each with its own Coder.

The coder is pure, so each worker builds the knowledge base and parsers once and then only
receives documents and returns events.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from blocwatch.coder.pipeline import Coder
from blocwatch.contract import Document, Event

_worker_coder: Coder | None = None


def _init(kb_file: str | None, all_events: bool) -> None:
    global _worker_coder
    from blocwatch.kb import load_kb

    _worker_coder = Coder(load_kb(kb_file), all_events=all_events)


def _code_chunk(docs: list[Document]) -> list[tuple[str, list[Event]]]:
    assert _worker_coder is not None
    return [(doc.id, events) for doc, events in _worker_coder.code_many(docs)]


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def code_parallel(docs: Iterable[Document], *, workers: int, kb_file: str | Path | None = None,
                  all_events: bool = False, chunk_size: int = 32
                  ) -> Iterator[tuple[Document, list[Event]]]:
    """Like `Coder.code_many`, on `workers` processes; results keep the input order."""
    pending: dict[str, Document] = {}

    def remember(chunks: Iterator[list[Document]]) -> Iterator[list[Document]]:
        for chunk in chunks:
            for doc in chunk:
                pending[doc.id] = doc
            yield chunk

    context = mp.get_context("forkserver")
    with context.Pool(workers, initializer=_init,
                      initargs=(str(kb_file) if kb_file else None, all_events)) as pool:
        for results in pool.imap(_code_chunk, remember(_chunks(docs, chunk_size))):
            for doc_id, events in results:
                yield pending.pop(doc_id), events
