"""`blocwatch code`: documents in, one JSON event per line out (the contract's command)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from typing import IO

import click

from blocwatch.cli import main
from blocwatch.cli.options import iso_date
from blocwatch.coder import Coder
from blocwatch.coder.batch import RunReport, code_stream
from blocwatch.errors import BlocwatchError, ReadError
from blocwatch.kb import load_kb
from blocwatch.read import iter_documents


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", callback=iso_date, help="Publication date of plain-text documents.")
@click.option("--lang", type=click.Choice(["auto", "en", "es"]), default="auto", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True),
              help="Write here, not stdout.")
@click.option("--all", "all_events", is_flag=True, help="Also negated and hypothetical events.")
@click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file that adds to or overrides the knowledge base.")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Local processes (or local Dask workers with --engine dask).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Code on this machine or on a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (default: a local cluster of --workers).")
def code_command(paths: tuple[str, ...], date: dt.date | None, lang: str, out: str | None,
                 all_events: bool, kb_file: str | None, workers: int, engine: str,
                 scheduler: str | None) -> None:
    """Code documents (.txt, .html, .jsonl, .xml/.rss/.atom, folders, '-') into events."""
    if engine == "dask":
        from blocwatch.cli.scale import run_code_dask

        run_code_dask(paths, out=out, date=date, lang=lang, all_events=all_events,
                      kb_file=kb_file, scheduler=scheduler, workers=max(workers, 1))
        return
    try:
        coder = Coder(load_kb(kb_file), all_events=all_events) if workers == 1 else None
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e
    report = RunReport()
    started = time.perf_counter()
    items = iter_documents(paths, date=date, lang=lang, stdin=sys.stdin)
    sink: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for item in code_stream(items, coder=coder, report=report, workers=workers,
                                kb_file=kb_file, all_events=all_events):
            if isinstance(item, ReadError):
                click.echo(f"blocwatch: skipped {item}", err=True)
                continue
            sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    seconds = time.perf_counter() - started
    click.echo(f"blocwatch: {report.documents} documents, {report.events} events, "
               f"{len(report.errors)} skipped in {seconds:.1f}s", err=True)
    if report.nothing_read:
        sys.exit(1)
