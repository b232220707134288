"""`blocwatch ingest | query | export | recode`: the event store from the command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
import pyarrow as pa

from blocwatch.cli import main
from blocwatch.errors import BlocwatchError

_DB = click.option("--db", required=True, type=click.Path(dir_okay=False),
                   help="The store: a DuckDB file (created by `ingest`).")
_KB = click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
                   help="A user knowledge-base file that overrides or extends the shipped one.")
_BATCH = click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
                      help="Documents per transaction.")


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors become a one-line message and exit status 1."""
    try:
        yield
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e


class _ProgressLine:
    """documents, events, bad and rate on one stderr line (redrawn in place on a terminal)."""

    def __init__(self, *, label: str = "documents") -> None:
        self.label = label
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.drawn = False

    def __call__(self, docs: int, events: int, bad: int) -> None:
        rate = docs / max(time.monotonic() - self.started, 1e-9)
        shown = f"{rate:,.1f}" if rate < 10 else f"{rate:,.0f}"
        line = f"{docs:,} {self.label}, {events:,} events, {bad:,} bad, {shown} docs/s"
        click.echo(("\r" + line + "\x1b[K") if self.tty else line, err=True, nl=not self.tty)
        self.drawn = True

    def close(self) -> None:
        if self.drawn and self.tty:
            click.echo("", err=True)


def _coder(kb_file: str | None) -> Any:
    from blocwatch.coder import Coder
    from blocwatch.kb import load_kb

    # Every mention is stored, negated and hypothetical ones included; `events` keeps the
    # factual ones.
    return Coder(load_kb(kb_file), all_events=True)


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@_DB
@_KB
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date of plain-text and HTML files (YYYY-MM-DD).")
@click.option("--lang", type=click.Choice(["auto", "en", "es"]), default="auto",
              show_default=True, help="Language of the documents (auto: detect).")
@_BATCH
@click.option("--json", "as_json", is_flag=True, help="Print the run's report as JSON on stdout.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Code on this process or on a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (default: a local cluster of --workers).")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Local Dask workers when no --scheduler is given.")
def ingest_command(inputs: tuple[str, ...], db: str, kb_file: str | None,
                   date: dt.datetime | None, lang: str, batch_size: int, as_json: bool,
                   engine: str, scheduler: str | None, workers: int) -> None:
    """Read, code and store documents: files, folders, globs, JSONL, feeds and feed URLs.

    Idempotent and resumable: documents already stored are skipped, so rerunning after an
    interruption finishes the job.
    """
    if engine == "dask":
        from blocwatch.cli.scale import run_ingest_dask

        run_ingest_dask(inputs, db=db, date=date.date() if date else None, lang=lang,
                        kb_file=kb_file, scheduler=scheduler, workers=workers,
                        batch_size=batch_size, as_json=as_json)
        return
    from blocwatch.store import ingest, open_store

    progress = _ProgressLine()
    with _errors(), open_store(db) as store:
        try:
            report = ingest(store, list(inputs), coder=_coder(kb_file), batch_size=batch_size,
                            date=date.date() if date else None, lang=lang, progress=progress)
        finally:
            progress.close()
    _ingest_summary(report)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    if report.bad and report.read == len(report.bad):
        sys.exit(1)


def _ingest_summary(report: Any) -> None:
    click.echo(
        f"run {report.run_id}: read {report.read:,}, stored {report.documents:,} "
        f"({report.duplicates:,} wire copies), skipped {report.skipped:,} already stored, "
        f"{report.mentions:,} events, {len(report.bad):,} bad, {report.seconds:,.1f} s",
        err=True,
    )
    for bad in report.bad:
        where = f" [{bad.path}]" if bad.path and bad.path != bad.doc_id else ""
        click.echo(f"  bad: {bad.doc_id}{where}: {bad.reason}", err=True)


@main.command("query")
@_DB
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
def query_command(db: str, sql: str, fmt: str) -> None:
    """Run one read-only SQL query (SELECT, WITH, DESCRIBE, SHOW...) on the store.

    Tables: documents, sentences, event_mentions, events, event_links, bad_documents, runs.
    """
    from blocwatch.store import open_store

    with _errors(), open_store(db, read_only=True) as store:
        table = store.query(sql)
    _write_table(table, fmt)


def _write_table(table: pa.Table, fmt: str) -> None:
    if fmt == "csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, sys.stdout.buffer)
        return
    rows = table.to_pylist()
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    click.echo(_render(table.column_names, rows))


def _render(names: list[str], rows: list[dict[str, Any]], *, width: int = 40) -> str:
    """A plain text table; long cells are cut to `width` characters."""
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row[n]) for n in names] for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


@main.command("export")
@_DB
@click.option("--out", required=True, type=click.Path(),
              help="A directory for parquet (partitioned month=YYYY-MM/), a file otherwise.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]),
              default="parquet", show_default=True)
@click.option("--layout", type=click.Choice(["blocwatch", "gdelt", "polecat"]),
              default="blocwatch", show_default=True,
              help="Column names and granularity: see docs/EXPORT.md.")
@click.option("--overwrite", is_flag=True, help="Replace an existing export at --out.")
def export_command(db: str, out: str, fmt: str, layout: str, overwrite: bool) -> None:
    """Export the store's events (Parquet, CSV or JSON Lines; three layouts)."""
    from blocwatch.store import export, open_store

    with _errors(), open_store(db, read_only=True) as store:
        report = export(store, out, format=fmt, layout=layout,  # type: ignore[arg-type]
                        overwrite=overwrite)
    click.echo(f"wrote {report.rows:,} rows ({report.layout} layout, {report.format}) to "
               f"{report.path}", err=True)


@main.command("recode")
@_DB
@_KB
@_BATCH
def recode_command(db: str, kb_file: str | None, batch_size: int) -> None:
    """Code every stored document again with this coder and knowledge base.

    The new coding replaces the old one only when every document has been coded.
    """
    from blocwatch.store import open_store, recode

    progress = _ProgressLine()
    with _errors(), open_store(db) as store:
        try:
            report = recode(store, coder=_coder(kb_file), batch_size=batch_size,
                            progress=progress)
        finally:
            progress.close()
    click.echo(
        f"run {report.run_id}: recoded {report.documents:,} documents with "
        f"{report.coder_version} (KB {report.kb_version}): {report.mentions:,} events "
        f"(before: {report.previous_mentions:,}), {report.seconds:,.1f} s",
        err=True,
    )
