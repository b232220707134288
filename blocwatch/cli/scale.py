"""`blocwatch scale code | scale ingest` (the Dask engine) and `blocwatch watch` (poll feeds).

`run_code_dask` and `run_ingest_dask` are also what `code --engine dask` and
`ingest --engine dask` call.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from blocwatch.cli import main
from blocwatch.errors import BlocwatchError

_SCHEDULER = click.option("--scheduler", metavar="ADDRESS",
                          help="A Dask scheduler (tcp://host:8786); default: local workers.")
_WORKERS = click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
                        help="Local worker processes (without --scheduler).")
_PARTITION = click.option("--partition-size", type=click.IntRange(min=1), default=500,
                          show_default=True,
                          help="JSON Lines lines (or other files) per partition.")
_KB = click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
                   help="A YAML file that adds to or overrides the knowledge base.")
_LANG = click.option("--lang", type=click.Choice(["auto", "en", "es"]), default="auto",
                     show_default=True)
_DATE = click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                     help="Publication date of plain-text and HTML files (YYYY-MM-DD).")


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors become a one-line message and exit status 1; Dask's own INFO and
    WARNING chatter (worker start and stop) is shown only with -v."""
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        yield
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


class _Progress:
    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int, events: int) -> None:
        line = f"{done:,}/{total:,} partitions, {events:,} events"
        click.echo(("\r" + line + "\x1b[K") if self.tty else line, err=True, nl=not self.tty)
        self.drawn = True

    def close(self) -> None:
        if self.drawn and self.tty:
            click.echo("", err=True)


def _coding_summary(report: Any) -> None:
    for error in report.errors:
        click.echo(f"blocwatch: skipped {error}", err=True)
    for index, message in report.failed:
        click.echo(f"blocwatch: partition {index} failed: {message}", err=True)
    click.echo(
        f"blocwatch: {report.documents:,} documents, {report.events:,} events, "
        f"{len(report.errors):,} skipped; {report.partitions:,} partitions ({report.computed:,} "
        f"coded, {report.skipped:,} already done) on {report.workers} workers in "
        f"{report.seconds:.1f}s", err=True)


# -- library entry points for the commands (and for `code/ingest --engine dask`) ----------------

def run_code_dask(paths: tuple[str, ...], *, out: str | None, parts: str | None = None,
                  date: dt.date | None = None, lang: str = "auto", all_events: bool = False,
                  kb_file: str | None = None, scheduler: str | None = None, workers: int = 2,
                  partition_size: int = 500) -> None:
    """Code on Dask and write JSON Lines to `out` (or stdout), exactly as `code` does.

    The parts go to `parts` (kept, for resuming) or to a temporary folder (removed)."""
    from blocwatch.scale import code_with_dask
    from blocwatch.scale.parts import write_events_jsonl

    with tempfile.TemporaryDirectory(prefix="blocwatch-parts-") as temp:
        progress = _Progress()
        with _errors():
            try:
                report = code_with_dask(
                    list(paths), out_dir=parts or temp, scheduler=scheduler, workers=workers,
                    kb_file=kb_file, lang=lang, date=_day(date), all_events=all_events,
                    partition_size=partition_size, progress=progress)
            finally:
                progress.close()
        sink: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
        try:
            write_events_jsonl(report.out_dir, sink)
        finally:
            if out:
                sink.close()
    _coding_summary(report)
    if report.failed or report.nothing_read:
        sys.exit(1)


def run_ingest_dask(paths: tuple[str, ...], *, db: str, parts: str | None = None,
                    date: dt.date | None = None, lang: str = "auto", kb_file: str | None = None,
                    scheduler: str | None = None, workers: int = 2, partition_size: int = 500,
                    batch_size: int = 500, as_json: bool = False) -> None:
    """Code on Dask, then store the events (what `ingest --engine dask` runs)."""
    from blocwatch.scale import ingest_with_dask

    progress = _Progress()
    with _errors():
        try:
            report = ingest_with_dask(
                list(paths), db=db, parts_dir=parts, scheduler=scheduler, workers=workers,
                kb_file=kb_file, lang=lang, date=_day(date), partition_size=partition_size,
                batch_size=batch_size, progress=progress)
        finally:
            progress.close()
    _coding_summary(report.coding)
    stored = report.ingest
    click.echo(
        f"run {stored.run_id}: read {stored.read:,}, stored {stored.documents:,} "
        f"({stored.duplicates:,} wire copies), skipped {stored.skipped:,} already stored, "
        f"{stored.mentions:,} events, {len(stored.bad):,} bad, {stored.seconds:,.1f} s",
        err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    if stored.bad and stored.read == len(stored.bad):
        sys.exit(1)


# -- commands -----------------------------------------------------------------------------------

@main.group("scale")
def scale_group() -> None:
    """Run the coder on a Dask cluster or on local worker processes (needs blocwatch[dask])."""


@scale_group.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="A folder for the Parquet parts (part-NNNNN.parquet), one per partition.")
@_SCHEDULER
@_WORKERS
@_PARTITION
@_KB
@_LANG
@_DATE
@click.option("--all", "all_events", is_flag=True, help="Also negated and hypothetical events.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's report as JSON on stdout.")
def scale_code_command(paths: tuple[str, ...], out: str, scheduler: str | None, workers: int,
                       partition_size: int, kb_file: str | None, lang: str,
                       date: dt.datetime | None, all_events: bool, as_json: bool) -> None:
    """Code files, folders and globs on Dask workers into Parquet parts in --out.

    The parts have the store's event_mentions columns; read them with DuckDB's
    read_parquet('OUT/*.parquet'). Rerunning skips the partitions already written.
    """
    from blocwatch.scale import code_with_dask

    progress = _Progress()
    with _errors():
        try:
            report = code_with_dask(
                list(paths), out_dir=out, scheduler=scheduler, workers=workers, kb_file=kb_file,
                lang=lang, date=_day(date), all_events=all_events,
                partition_size=partition_size, progress=progress)
        finally:
            progress.close()
    _coding_summary(report)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    if report.failed or report.nothing_read:
        sys.exit(1)


@scale_group.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False),
              help="The store: a DuckDB file (created if needed).")
@click.option("--parts", type=click.Path(file_okay=False),
              help="Where the workers write their parts (default: DB.parts); kept for resuming.")
@_SCHEDULER
@_WORKERS
@_PARTITION
@_KB
@_LANG
@_DATE
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Documents per store transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's report as JSON on stdout.")
def scale_ingest_command(paths: tuple[str, ...], db: str, parts: str | None,
                         scheduler: str | None, workers: int, partition_size: int,
                         kb_file: str | None, lang: str, date: dt.datetime | None,
                         batch_size: int, as_json: bool) -> None:
    """Code on Dask workers, then store the events (as `ingest` would, but coded in parallel)."""
    run_ingest_dask(paths, db=db, parts=parts, date=_day(date), lang=lang, kb_file=kb_file,
                    scheduler=scheduler, workers=workers, partition_size=partition_size,
                    batch_size=batch_size, as_json=as_json)


def _every(_: click.Context, __: click.Parameter, value: str) -> float:
    from blocwatch.scale.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


@main.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED...")
@click.option("--db", required=True, type=click.Path(dir_okay=False),
              help="The store: a DuckDB file (created if needed).")
@click.option("--every", default="15m", show_default=True, callback=_every,
              help="Time between rounds: 90s, 15m, 1h30m...")
@click.option("--once", is_flag=True, help="Run one round and stop.")
@_KB
@_LANG
@click.option("--timeout", type=float, default=10, show_default=True,
              help="Seconds to wait for a feed URL.")
@click.option("--json", "as_json", is_flag=True, help="One JSON report per round on stdout.")
def watch_command(feeds: tuple[str, ...], db: str, every: float, once: bool,
                  kb_file: str | None, lang: str, timeout: float, as_json: bool) -> None:
    """Poll feeds (URLs or files), code what is new and append it to the store.

    The store is the only state: a restarted watcher stores only what it does not hold. A
    failing feed is reported and tried again next round. Stop with Ctrl-C.
    """
    from blocwatch.scale.watch import watch

    with _errors():
        try:
            for report in watch(list(feeds), db=db, every=every, once=once, kb_file=kb_file,
                                lang=lang, timeout=timeout):
                _round_summary(report, as_json=as_json)
        except KeyboardInterrupt:
            click.echo("blocwatch: watch stopped", err=True)


def _round_summary(report: Any, *, as_json: bool) -> None:
    for _feed, error in report.feed_errors:
        click.echo(f"blocwatch: feed failed, retrying next round: {error}", err=True)
    if report.store_error:
        click.echo(f"blocwatch: store not written, retrying next round: {report.store_error}",
                   err=True)
    click.echo(
        f"round {report.number} ({report.started:%Y-%m-%d %H:%M:%S} UTC): {report.read:,} "
        f"items from {report.feeds} feeds, {report.new:,} new, {report.events:,} events, "
        f"{report.bad:,} bad, {len(report.feed_errors)} feeds failed", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
