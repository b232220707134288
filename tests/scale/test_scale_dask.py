"""The Dask engine on a local cluster of two worker processes: the same events as one process,
a worker killed mid-job loses and duplicates nothing, and the store ends the same."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from scale_helpers import reference, reference_table, sorted_rows, synthetic_records, write_jsonl

from blocwatch.cli import main
from blocwatch.coder import Coder
from blocwatch.scale import code_with_dask, ingest_with_dask, iter_part_events, part_files
from blocwatch.store import ingest, open_store
from blocwatch.store.rows import MENTION_SCHEMA

pytestmark = pytest.mark.slow


def test_same_events_as_one_process(dask_client: Any, corpus: Path, coder: Coder,
                                    tmp_path: Path) -> None:
    out = tmp_path / "parts"
    report = code_with_dask([str(corpus)], out_dir=out, partition_size=4, client=dask_client)
    events, errors = reference([str(corpus)], coder)
    assert report.failed == []
    assert report.computed == report.partitions > 10
    assert report.events == len(events)
    assert sorted(e.doc_id for e in report.errors) == sorted(e.doc_id for e in errors)
    got = list(iter_part_events(out))
    assert sorted(e.event_id for e in got) == sorted(e.event_id for e in events)
    assert [e.to_dict() for e in got] == [e.to_dict() for e in events]
    table = pq.read_table(out, schema=MENTION_SCHEMA)
    assert sorted_rows(table) == sorted_rows(reference_table(events))

    again = code_with_dask([str(corpus)], out_dir=out, partition_size=4, client=dask_client)
    assert (again.skipped, again.computed, again.events) == (report.partitions, 0, len(events))


def test_killed_worker_loses_and_duplicates_nothing(dask_client: Any, coder: Coder,
                                                    tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "big.jsonl", synthetic_records(240, seed=5))
    out = tmp_path / "parts"
    pid = next(iter(dask_client.run(os.getpid).values()))
    state: dict[str, Any] = {}

    def kill_when_running() -> None:
        deadline = time.monotonic() + 120
        while not part_files(out) and time.monotonic() < deadline:
            time.sleep(0.02)
        state["parts_at_kill"] = len(part_files(out))
        os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_running)
    killer.start()
    report = code_with_dask([str(source)], out_dir=out, partition_size=8, client=dask_client,
                            retries=3)
    killer.join()
    assert 0 < state["parts_at_kill"] < report.partitions  # killed mid-job
    assert report.failed == []
    assert len(part_files(out)) == report.partitions == 30
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    events, _ = reference([str(source)], coder)
    table = pq.read_table(out, schema=MENTION_SCHEMA)
    ids = table.column("event_id").to_pylist()
    assert len(ids) == len(set(zip(ids, table.column("doc_id").to_pylist())))
    assert sorted_rows(table) == sorted_rows(reference_table(events))


def _rows(store: Any, table: str, drop: tuple[str, ...], order: str) -> list[dict[str, Any]]:
    rows = store.query(f"SELECT * EXCLUDE ({', '.join(drop)}) FROM {table} ORDER BY {order}")
    return rows.to_pylist()


def test_ingest_equals_single_process_ingest(dask_client: Any, corpus: Path, coder_all: Coder,
                                             tmp_path: Path) -> None:
    address = dask_client.scheduler.address
    report = ingest_with_dask([str(corpus)], db=tmp_path / "dask.duckdb", partition_size=4,
                              scheduler=address)
    with open_store(tmp_path / "one.duckdb") as one:
        single = ingest(one, [str(corpus)], coder=coder_all)
    assert report.ingest.documents == single.documents
    assert report.ingest.mentions == single.mentions
    assert sorted(b.doc_id for b in report.ingest.bad) == sorted(b.doc_id for b in single.bad)
    with open_store(tmp_path / "dask.duckdb", read_only=True) as got, \
            open_store(tmp_path / "one.duckdb", read_only=True) as want:
        checks = [
            ("documents", ("ingested_at",), "doc_id"),
            ("event_mentions", ("run_id",), "doc_id, mention_index"),
            ("events", ("mentions",), "event_key"),
            ("event_links", ("event_id",), "event_key"),
        ]
        for table, drop, order in checks:
            assert _rows(got, table, drop, order) == _rows(want, table, drop, order), table
    rerun = ingest_with_dask([str(corpus)], db=tmp_path / "dask.duckdb", partition_size=4,
                             scheduler=address)
    assert rerun.coding.computed == 0
    assert rerun.ingest.documents == 0


def test_scale_code_command(dask_client: Any, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli-parts"
    result = CliRunner().invoke(main, [
        "scale", "code", str(corpus), "--out", str(out), "--partition-size", "8",
        "--scheduler", dask_client.scheduler.address, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["partitions"] == len(part_files(out))
    assert report["events"] == pq.read_table(out).num_rows


def test_code_engine_dask_output_equals_code_command(dask_client: Any, corpus: Path,
                                                     tmp_path: Path) -> None:
    """What `code --engine dask` runs writes the same JSON Lines as the `code` command."""
    import click

    from blocwatch.cli.scale import run_code_dask

    @click.command()
    def dask_code() -> None:
        run_code_dask((str(corpus),), out=None, parts=str(tmp_path / "p"), partition_size=5,
                      scheduler=dask_client.scheduler.address)

    runner = CliRunner()
    got = runner.invoke(dask_code, [])
    want = runner.invoke(main, ["code", str(corpus)])
    assert got.exit_code == want.exit_code == 0, got.output
    assert got.stdout == want.stdout
    assert got.stdout.count("\n") > 20
