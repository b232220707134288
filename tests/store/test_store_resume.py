"""A run killed with SIGKILL loses no committed batch; rerunning ends exactly as a clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import snapshot, write_corpus

from blocwatch.store import open_store

ROOT = Path(__file__).resolve().parents[2]
BATCH = 15


def _ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "blocwatch", "ingest", str(corpus), "--db", str(db),
            "--batch-size", str(BATCH)]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _run_to_end(corpus: Path, db: Path) -> None:
    subprocess.run(_ingest_command(corpus, db), cwd=ROOT, env=_env(), check=True,
                   capture_output=True, timeout=900)


def _kill_after(corpus: Path, db: Path, *, batches: int) -> None:
    """Start an ingest, wait until `batches` batches are committed, SIGKILL it mid-run."""
    proc = subprocess.Popen(_ingest_command(corpus, db), cwd=ROOT, env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = 0
    try:
        for line in proc.stderr:  # one progress line per committed batch (stderr is no tty)
            seen += " documents, " in line
            if seen >= batches:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    assert seen >= batches, "the ingest ended before it could be killed"
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sigkill_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    pytest.importorskip("blocwatch.coder")
    corpus = write_corpus(tmp_path / "corpus.jsonl", n=240, bad_lines=3)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    _run_to_end(corpus, clean)

    _kill_after(corpus, killed, batches=2)
    with open_store(killed, read_only=True) as store:
        stored = store.counts()["documents"]
    assert BATCH <= stored < 240  # committed batches survived; the run was cut short
    _kill_after(corpus, killed, batches=3)  # killed again, further on
    _run_to_end(corpus, killed)

    with open_store(clean, read_only=True) as a, open_store(killed, read_only=True) as b:
        assert a.counts()["events"] > 0
        assert snapshot(b) == snapshot(a)
        statuses = b.query("SELECT status FROM runs ORDER BY run_id")["status"].to_pylist()
        assert statuses == ["interrupted", "interrupted", "done"]
