"""The Dask engine: code a corpus on many workers into Parquet parts, or into the store.

`code_with_dask` plans stable partitions on the client, sends each to a worker (which reads,
codes with its cached Coder and writes one Parquet part atomically), then settles what only the
whole run can see (a document id repeated across partitions: the first one read wins, as in a
single-process run). Events are identical, event for event, to `Coder.code_many` over the same
input. `ingest_with_dask` then stores them with the store's own `ingest_documents`, replaying
the workers' events instead of coding again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from blocwatch.contract import Document, Event
from blocwatch.errors import BlocwatchError, ReadError
from blocwatch.read.language import check_lang_option
from blocwatch.scale.cluster import dask_client, require_dask
from blocwatch.scale.partitions import DEFAULT_PARTITION_SIZE, Partition, plan_partitions
from blocwatch.scale.parts import (
    PartInfo,
    error_to_dict,
    part_files,
    part_path,
    read_info,
    write_part,
)
from blocwatch.scale.worker import CodeOptions, run_partition
from blocwatch.store.rows import MENTION_SCHEMA, row_to_event

log = logging.getLogger(__name__)

Progress = Callable[[int, int, int], None]
"""progress(partitions done, partitions in all, events so far)"""

DEFAULT_RETRIES = 3


@dataclass(slots=True)
class DaskRunReport:
    """What a Dask run did. `computed` partitions were coded now, `skipped` ones were found
    already written; `failed` lists (partition, error) of those that could not be done."""

    out_dir: Path
    partitions: int = 0
    computed: int = 0
    skipped: int = 0
    documents: int = 0
    events: int = 0
    errors: list[ReadError] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    workers: int = 0
    seconds: float = 0.0

    @property
    def nothing_read(self) -> bool:
        return self.documents == 0

    @property
    def files(self) -> list[Path]:
        return part_files(self.out_dir)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir), "partitions": self.partitions,
            "computed": self.computed, "skipped": self.skipped, "documents": self.documents,
            "events": self.events, "errors": [error_to_dict(e) for e in self.errors],
            "failed": [{"partition": i, "error": m} for i, m in self.failed],
            "workers": self.workers, "seconds": round(self.seconds, 3),
        }


def code_with_dask(paths: Sequence[str | Path], *, out_dir: str | Path,
                   scheduler: str | None = None, workers: int = 2,
                   kb_file: str | Path | None = None, lang: str = "auto",
                   date: dt.date | None = None, all_events: bool = False,
                   partition_size: int = DEFAULT_PARTITION_SIZE,
                   retries: int = DEFAULT_RETRIES, client: Any = None,
                   progress: Progress | None = None) -> DaskRunReport:
    """Code files, folders and globs on a Dask cluster into `out_dir/part-NNNNN.parquet`.

    `scheduler` is a scheduler address (`tcp://host:8786`); without it a local cluster of
    `workers` processes is started (and stopped). An existing distributed `client` may be
    given instead. Rerunning skips the partitions already written. Raises MissingExtraError
    when Dask is not installed.
    """
    require_dask()
    started = time.perf_counter()
    options = _options(kb_file=kb_file, lang=lang, date=date, all_events=all_events)
    plan = plan_partitions(paths, partition_size=partition_size, salt=options.fingerprint())
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale(out, len(plan.partitions))
    report = DaskRunReport(out_dir=out, partitions=len(plan.partitions))
    infos = _done_already(out, plan.partitions)
    todo = [p for p in plan.partitions if p.index not in infos]
    if todo:
        if client is not None:
            _run(client, todo, out, options, retries, infos, report, progress)
        else:
            with dask_client(scheduler=scheduler, workers=workers) as own:
                _run(own, todo, out, options, retries, infos, report, progress)
    _settle_duplicates(out, [infos[i] for i in sorted(infos)])
    _summarise(report, plan.errors, infos)
    report.seconds = time.perf_counter() - started
    return report


def _options(*, kb_file: str | Path | None, lang: str, date: dt.date | None,
             all_events: bool) -> CodeOptions:
    lang = check_lang_option(lang)
    if isinstance(date, dt.datetime):
        date = date.date()
    kb_text = None
    suffix = ".yaml"
    if kb_file is not None:
        path = Path(kb_file)
        try:
            kb_text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise BlocwatchError(f"{path}: cannot read the knowledge-base file: {e}") from e
        suffix = path.suffix or suffix
    return CodeOptions(all_events=all_events, lang=lang, date=date, kb_text=kb_text,
                       kb_suffix=suffix)


def _remove_stale(out: Path, count: int) -> None:
    """Part files beyond this plan's partitions are left from a bigger input: remove them."""
    for path in part_files(out):
        try:
            index = int(path.stem.split("-")[1])
        except (IndexError, ValueError):
            continue
        if index >= count:
            log.warning("removing %s: not a partition of this input", path)
            path.unlink()


def _done_already(out: Path, partitions: list[Partition]) -> dict[int, PartInfo]:
    infos = {}
    for partition in partitions:
        info = read_info(part_path(out, partition.index))
        if info is not None and info.key == partition.key:
            info.skipped = True
            infos[partition.index] = info
    return infos


def _run(client: Any, todo: list[Partition], out: Path, options: CodeOptions, retries: int,
         infos: dict[int, PartInfo], report: DaskRunReport, progress: Progress | None) -> None:
    distributed = require_dask()
    report.workers = len(client.scheduler_info().get("workers", {}))
    keys = [f"blocwatch-{p.name}-{p.key}" for p in todo]
    futures = client.map(run_partition, todo, out_dir=str(out), options=options, key=keys,
                         retries=retries)
    index_of = {future.key: p.index for future, p in zip(futures, todo)}
    done = len(infos)
    events = sum(info.events for info in infos.values())
    for future in distributed.as_completed(futures):
        index = index_of[future.key]
        try:
            info = future.result()
        except Exception as e:  # one failed partition must not hide the others' results
            log.error("partition %d failed: %s: %s", index, type(e).__name__, e)
            report.failed.append((index, f"{type(e).__name__}: {e}"))
            continue
        finally:
            future.release()
        infos[index] = info
        done += 1
        events += info.events
        if progress:
            progress(done, report.partitions, events)
    report.failed.sort()


def _settle_duplicates(out: Path, infos: list[PartInfo]) -> None:
    """A document id read in an earlier partition makes later copies errors, as when one
    process reads everything (the first one read wins); their events are removed."""
    first: dict[str, str] = {}
    for info in infos:
        repeated: dict[str, str] = {}
        for doc_id, origin in zip(info.doc_ids, info.origins):
            if doc_id in first:
                repeated[doc_id] = origin
            else:
                first[doc_id] = origin
        if repeated:
            _drop_documents(out, info, repeated, first)


def _drop_documents(out: Path, info: PartInfo, repeated: dict[str, str],
                    first: dict[str, str]) -> None:
    path = part_path(out, info.index)
    table = pq.read_table(path, schema=MENTION_SCHEMA)
    keep = pc.invert(pc.is_in(table["doc_id"], value_set=_array(list(repeated))))
    table = table.filter(keep)
    pairs = [(d, o) for d, o in zip(info.doc_ids, info.origins) if d not in repeated]
    info.doc_ids = [d for d, _ in pairs]
    info.origins = [o for _, o in pairs]
    info.events = table.num_rows
    for doc_id, origin in repeated.items():
        same = first[doc_id] == origin
        reason = (f"duplicate id: {origin} was already read (given twice?)" if same
                  else f"duplicate id: {origin} repeats the id of {first[doc_id]}")
        info.errors.append(error_to_dict(ReadError(
            doc_id, reason, hint="give each document a unique id; this copy was skipped")))
    log.info("partition %d: %d repeated document ids removed", info.index, len(repeated))
    write_part(out, info, table)


def _array(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.array(values, type=pa.string())


def _summarise(report: DaskRunReport, plan_errors: list[ReadError],
               infos: dict[int, PartInfo]) -> None:
    report.errors.extend(plan_errors)
    for index in sorted(infos):
        info = infos[index]
        report.skipped += info.skipped
        report.computed += not info.skipped
        report.documents += info.documents
        report.events += info.events
        report.errors.extend(info.read_errors())


# -- ingest ------------------------------------------------------------------------------------

@dataclass(slots=True)
class DaskIngestReport:
    """A Dask ingest: the coding on the workers, then the store's ingest of the results."""

    coding: DaskRunReport
    ingest: Any  # blocwatch.store.IngestReport

    def to_dict(self) -> dict[str, Any]:
        return {"coding": self.coding.to_dict(), "ingest": self.ingest.to_dict()}


def ingest_with_dask(paths: Sequence[str | Path], *, db: str | Path | Any,
                     parts_dir: str | Path | None = None, scheduler: str | None = None,
                     workers: int = 2, kb_file: str | Path | None = None, lang: str = "auto",
                     date: dt.date | None = None,
                     partition_size: int = DEFAULT_PARTITION_SIZE,
                     batch_size: int = 500, retries: int = DEFAULT_RETRIES, client: Any = None,
                     progress: Progress | None = None,
                     store_progress: Callable[[int, int, int], None] | None = None,
                     ) -> DaskIngestReport:
    """Code on Dask workers (every mention, as the store keeps them), then store the events.

    `db` is a store path or an open `Store`. The parts go to `parts_dir` (default: the store
    file's name with `.parts` added); they are the run's resume state, so a rerun after a
    crash codes only the partitions that were not written, and the store's ingest skips the
    documents it already holds. The store ends with the rows a single-process `ingest` of the
    same input writes.
    """
    from blocwatch.read import iter_documents
    from blocwatch.store import Store, ingest_documents, open_store

    if parts_dir is None:
        if isinstance(db, Store):
            if db.path is None:
                raise BlocwatchError("give parts_dir for an in-memory store")
            parts_dir = Path(f"{db.path}.parts")
        else:
            parts_dir = Path(f"{db}.parts")
    coding = code_with_dask(paths, out_dir=parts_dir, scheduler=scheduler, workers=workers,
                            kb_file=kb_file, lang=lang, date=date, all_events=True,
                            partition_size=partition_size, retries=retries, client=client,
                            progress=progress)
    if coding.failed:
        failed = ", ".join(str(i) for i, _ in coding.failed)
        raise BlocwatchError(
            f"{len(coding.failed)} partitions could not be coded ({failed}); nothing was "
            "stored. Rerun the same command: the partitions already written are kept")
    replay = PartsCoder(coding.out_dir, kb_file=kb_file)
    docs = iter_documents(list(paths), date=date, lang=lang)
    if isinstance(db, Store):
        stored = ingest_documents(db, docs, coder=replay, batch_size=batch_size,
                                  progress=store_progress)
    else:
        with open_store(db) as store:
            stored = ingest_documents(store, docs, coder=replay, batch_size=batch_size,
                                      progress=store_progress)
    return DaskIngestReport(coding=coding, ingest=stored)


class PartsCoder:
    """A coder that answers with the events the workers wrote (for the store's ingest).

    Documents are asked for in reading order, so each part is loaded once. A document no part
    holds was not coded by the workers (the input changed during the run): that is an error,
    which the store records as a bad document.
    """

    def __init__(self, out_dir: str | Path, *, kb_file: str | Path | None = None) -> None:
        from blocwatch.coder import CODER
        from blocwatch.kb import load_kb

        self.version = CODER
        self.kb = load_kb(kb_file)
        self.out_dir = Path(out_dir)
        self._where: dict[str, int] = {}
        for path in part_files(self.out_dir):
            info = read_info(path)
            if info is not None:
                for doc_id in info.doc_ids:
                    self._where.setdefault(doc_id, info.index)
        self._loaded: tuple[int, dict[str, list[Event]]] | None = None

    def code(self, doc: Document) -> list[Event]:
        index = self._where.get(doc.id)
        if index is None:
            raise LookupError(f"{doc.id} was not coded by the Dask workers (did the input "
                              "change during the run?)")
        if self._loaded is None or self._loaded[0] != index:
            self._loaded = (index, _load_part(self.out_dir, index))
        return list(self._loaded[1].get(doc.id, []))

    def code_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            yield doc, self.code(doc)


def _load_part(out_dir: Path, index: int) -> dict[str, list[Event]]:
    table = pq.read_table(part_path(out_dir, index), schema=MENTION_SCHEMA)
    by_doc: dict[str, list[tuple[int, Event]]] = {}
    for row in table.to_pylist():
        by_doc.setdefault(row["doc_id"], []).append((row["mention_index"], row_to_event(row)))
    return {doc_id: [e for _, e in sorted(pairs, key=lambda p: p[0])]
            for doc_id, pairs in by_doc.items()}
