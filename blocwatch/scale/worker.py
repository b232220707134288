"""What runs on a Dask worker: one Coder per worker process, and one partition per task.

The Coder (knowledge base, name matcher, spaCy pipelines) is built on a worker's first task and
kept in a module-level cache for the life of the worker process, keyed by the knowledge-base file
content and the options that change coding. Tasks are idempotent: a partition whose part file
exists with the same key is not coded again, and a retried task overwrites its own temporary file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocwatch.contract import Document, Event
from blocwatch.errors import ReadError
from blocwatch.scale.partitions import Partition
from blocwatch.scale.parts import (
    PartInfo,
    error_to_dict,
    events_table,
    part_path,
    read_info,
    write_part,
)
from blocwatch.scale.reading import read_partition

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CodeOptions:
    """Everything that decides a partition's events; sent with every task (small)."""

    all_events: bool = False
    lang: str = "auto"
    date: dt.date | None = None
    kb_text: str | None = None  # the user's KB file, sent as text: workers need no shared disk
    kb_suffix: str = ".yaml"

    def fingerprint(self) -> str:
        from blocwatch.coder import CODER

        kb = hashlib.sha256(self.kb_text.encode("utf-8")).hexdigest() if self.kb_text else ""
        return "|".join([CODER, str(self.all_events), self.lang, str(self.date), kb])


class _Cached:
    def __init__(self, coder: Any) -> None:
        self.coder = coder
        self.lock = threading.Lock()  # one spaCy pipeline is not shared between threads


_CODERS: dict[tuple[str, bool], _Cached] = {}
_CODERS_LOCK = threading.Lock()


def _cache_key(options: CodeOptions) -> tuple[str, bool]:
    kb_hash = hashlib.sha256((options.kb_text or "").encode("utf-8")).hexdigest()
    return kb_hash, options.all_events


def install_coder(options: CodeOptions, coder: object) -> None:
    """Use `coder` in this process for `options` (to run partitions in-process, or to reuse a
    coder already built)."""
    with _CODERS_LOCK:
        _CODERS[_cache_key(options)] = _Cached(coder)


def cached_coder(options: CodeOptions) -> _Cached:
    """This process's Coder for `options`, built once."""
    key = _cache_key(options)
    with _CODERS_LOCK:
        found = _CODERS.get(key)
        if found is None:
            found = _Cached(_build_coder(options))
            _CODERS[key] = found
            log.info("built a coder (all_events=%s)", options.all_events)
        return found


def _build_coder(options: CodeOptions) -> object:
    from blocwatch.coder import Coder
    from blocwatch.kb import load_kb

    if options.kb_text is None:
        return Coder(load_kb(), all_events=options.all_events)
    with tempfile.TemporaryDirectory(prefix="blocwatch-kb-") as folder:
        path = Path(folder) / f"user_kb{options.kb_suffix}"
        path.write_text(options.kb_text, encoding="utf-8")
        return Coder(load_kb(path), all_events=options.all_events)


def warm_up(options: CodeOptions) -> int:
    """Build this worker's coder and code a short English and Spanish text, which loads the
    pipelines, lexicons and lemma tables now rather than in the first task. Returns the process
    id (handy for `client.run`)."""
    import os

    cached = cached_coder(options)
    for lang, text in (("en", "Mexico met with Peru on Monday."),
                       ("es", "México se reunió con Perú el lunes.")):
        try:
            with cached.lock:
                cached.coder.code(Document(id=f"warm-up-{lang}", text=text, lang=lang))
        except Exception as e:  # a missing Spanish pipeline is reported when it is needed
            log.info("could not warm up the %s pipeline: %s", lang, e)
    return os.getpid()


def run_partition(partition: Partition, out_dir: str, options: CodeOptions) -> PartInfo:
    """Read, code and write one partition; skip it when its part file is already there."""
    existing = read_info(part_path(out_dir, partition.index))
    if existing is not None and existing.key == partition.key:
        existing.skipped = True
        return existing
    info = PartInfo(index=partition.index, key=partition.key)
    docs: list[Document] = []
    for item in read_partition(partition, date=options.date, lang=options.lang):
        if isinstance(item, ReadError):
            info.errors.append(error_to_dict(item))
        else:
            docs.append(item)
    coded = _code(docs, options)
    kept: list[list[Event]] = []
    for doc, events in zip(docs, coded):
        if isinstance(events, ReadError):
            info.errors.append(error_to_dict(events))
            continue
        info.doc_ids.append(doc.id)
        info.origins.append(_origin(doc))
        kept.append(events)
    info.events = sum(len(events) for events in kept)
    write_part(out_dir, info, events_table(kept))
    return info


def _code(docs: list[Document], options: CodeOptions) -> list[list[Event] | ReadError]:
    """Events per document; a document the coder fails on becomes an error (the rest go on)."""
    from blocwatch.store.ingestion import code_together
    from blocwatch.store.runs import BadDocument

    cached = cached_coder(options)
    with cached.lock:
        coded = code_together(cached.coder, docs)
    out: list[list[Event] | ReadError] = []
    for doc, events in zip(docs, coded):
        if isinstance(events, BadDocument):
            out.append(ReadError(doc.id, events.reason, path=doc.source_path))
        else:
            out.append(events)
    return out


def _origin(doc: Document) -> str:
    where = doc.source_path or doc.id
    line = doc.meta.get("line")
    entry = doc.meta.get("entry")
    if line:
        return f"{where} line {line}"
    if entry:
        return f"{where} entry {entry}"
    return where
