"""Partitions run in this process (no Dask): exact events, atomic and idempotent part files,
the store view over them."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scale_helpers import reference, reference_table, sorted_rows

from blocwatch.coder import Coder
from blocwatch.scale import attach_parquet, iter_part_events, part_files, plan_partitions
from blocwatch.scale.engine import _settle_duplicates
from blocwatch.scale.parts import read_info, write_events_jsonl
from blocwatch.scale.worker import CodeOptions, install_coder, run_partition
from blocwatch.store import open_store
from blocwatch.store.rows import MENTION_SCHEMA

OPTIONS = CodeOptions(all_events=False)


@pytest.fixture
def local_parts(corpus: Path, coder: Coder, tmp_path: Path) -> Path:
    """The corpus coded partition by partition in this process, as workers would."""
    install_coder(OPTIONS, coder)
    out = tmp_path / "parts"
    out.mkdir()
    plan = plan_partitions([str(corpus)], partition_size=4, salt=OPTIONS.fingerprint())
    infos = [run_partition(p, str(out), OPTIONS) for p in plan.partitions]
    _settle_duplicates(out, infos)
    return out


def test_parts_equal_single_process(corpus: Path, coder: Coder, local_parts: Path) -> None:
    events, _ = reference([str(corpus)], coder)
    assert events, "the corpus must produce events"
    got = list(iter_part_events(local_parts))
    assert [e.to_dict() for e in got] == [e.to_dict() for e in events]
    table = pq.read_table(local_parts, schema=MENTION_SCHEMA)
    assert sorted_rows(table) == sorted_rows(reference_table(events))


def test_jsonl_output_equals_code_command(corpus: Path, coder: Coder, local_parts: Path) -> None:
    events, _ = reference([str(corpus)], coder)
    sink = io.StringIO()
    assert write_events_jsonl(local_parts, sink) == len(events)
    assert sink.getvalue() == "".join(
        json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events)


def test_repeated_ids_become_errors(local_parts: Path) -> None:
    errors = [e for f in part_files(local_parts) for e in (read_info(f) or _no()).errors]
    repeated = sorted(e["doc_id"] for e in errors if "duplicate id" in e["reason"])
    assert repeated == ["sample-feed-01", "wire-0002"]


def _no() -> object:
    raise AssertionError("a part without metadata")


def test_rerun_skips_written_parts(corpus: Path, coder: Coder, local_parts: Path) -> None:
    install_coder(OPTIONS, coder)
    plan = plan_partitions([str(corpus)], partition_size=4, salt=OPTIONS.fingerprint())
    before = {p: p.stat().st_mtime_ns for p in part_files(local_parts)}
    infos = [run_partition(p, str(local_parts), OPTIONS) for p in plan.partitions]
    assert all(info.skipped for info in infos)
    assert {p: p.stat().st_mtime_ns for p in part_files(local_parts)} == before


def test_retry_overwrites_its_temporary_file(corpus: Path, coder: Coder, tmp_path: Path) -> None:
    install_coder(OPTIONS, coder)
    plan = plan_partitions([str(corpus)], partition_size=4, salt=OPTIONS.fingerprint())
    partition = plan.partitions[0]
    out = tmp_path / "parts"
    out.mkdir()
    (out / f".{partition.name}.parquet.tmp").write_bytes(b"half a file from a killed worker")
    (out / f"{partition.name}.parquet").write_bytes(b"not a part")  # unreadable: redone
    info = run_partition(partition, str(out), OPTIONS)
    assert not info.skipped
    assert [p.name for p in out.iterdir()] == [f"{partition.name}.parquet"]
    assert read_info(out / f"{partition.name}.parquet") is not None


def test_changed_options_are_not_reused(corpus: Path, coder: Coder, coder_all: Coder,
                                        local_parts: Path) -> None:
    options = CodeOptions(all_events=True)
    install_coder(options, coder_all)
    plan = plan_partitions([str(corpus)], partition_size=4, salt=options.fingerprint())
    info = run_partition(plan.partitions[0], str(local_parts), options)
    assert not info.skipped


def test_attach_parquet_is_a_view_like_event_mentions(local_parts: Path) -> None:
    with open_store() as store:
        name = attach_parquet(store, local_parts)
        view = store.query(f"SELECT * FROM {name}")
        empty = store.query("SELECT * FROM event_mentions")
        assert view.column_names == empty.column_names
        assert view.num_rows == pq.read_table(local_parts).num_rows
        union = store.query(f"SELECT count(*) AS n FROM (SELECT * FROM event_mentions "
                            f"UNION ALL SELECT * FROM {name})")
        assert union.column("n")[0].as_py() == view.num_rows
        keys = store.query(f"SELECT count(*) AS n FROM {name} WHERE event_key IS NULL")
        assert keys.column("n")[0].as_py() == 0
    assert not any(p.name.endswith(".duckdb") for p in local_parts.iterdir())


def test_duckdb_reads_the_folder(local_parts: Path) -> None:
    import duckdb

    pattern = os.path.join(local_parts, "*.parquet")
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall()[0][0]
    assert count == pq.read_table(local_parts).num_rows
