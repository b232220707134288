"""Analysis commands: dyad, align, cohesion, blocs, forces and plot.

Each command opens the store read-only, calls one function of `blocwatch.analyse` and writes
the rows as an aligned table, CSV or JSON Lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import duckdb
import pyarrow as pa

from blocwatch.cli import main
from blocwatch.errors import BlocwatchError, StoreError

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "csv", "jsonl")


# -- shared options and plumbing -----------------------------------------------------------------

def _db_option(f: F) -> F:
    return click.option(
        "--db", "db", required=True, type=click.Path(exists=True, dir_okay=False),
        help="DuckDB event store (opened read-only).",
    )(f)


def _range_options(f: F) -> F:
    f = click.option("--end", help="Last day, YYYY-MM-DD (default: last event).")(f)
    return click.option("--start", help="First day, YYYY-MM-DD (default: first event).")(f)


def _sector_option(f: F) -> F:
    return click.option(
        "--sector", "sectors", multiple=True,
        help="Keep only events whose source and target have this sector (repeatable: GOV, MIL).",
    )(f)


def _format_option(f: F) -> F:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="Output format.")(f)


def _kb_option(f: F) -> F:
    return click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
                        help="A YAML file that extends or overrides the knowledge base.")(f)


@contextmanager
def _connect(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as e:
        raise click.ClickException(str(StoreError(f"cannot open {path} read-only: {e}"))) from e
    try:
        yield con
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e
    finally:
        con.close()


def _kb(kb_file: str | None) -> Any:
    from blocwatch.kb import load_kb

    try:
        return load_kb(kb_file)
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e


def _sectors(sectors: tuple[str, ...]) -> list[str] | None:
    return [s.upper() for s in sectors] if sectors else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _emit(table: pa.Table, fmt: str) -> None:
    rows = table.to_pylist()
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, default=_json_default, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([[_cell(v) for v in row.values()] for row in rows])
    else:
        _emit_table(table.column_names, [[_cell(v) for v in row.values()] for row in rows])


def _emit_table(header: list[str], cells: list[list[str]]) -> None:
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    click.echo("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for row in cells:
        click.echo("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    if not cells:
        click.echo("(no rows)", err=True)


# -- table commands ------------------------------------------------------------------------------

@main.command()
@_db_option
@click.argument("a")
@click.argument("b")
@click.option("--freq", type=click.Choice(("day", "week", "month", "quarter", "year")),
              default="month", show_default=True)
@_range_options
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@_sector_option
@_format_option
def dyad(db: str, a: str, b: str, freq: str, start: str | None, end: str | None,
         directed: bool, sectors: tuple[str, ...], fmt: str) -> None:
    """Events between actors A and B per period (counts by type and quad class, Goldstein,
    net cooperation)."""
    from blocwatch.analyse import dyad_series

    with _connect(db) as con:
        _emit(dyad_series(con, a.upper(), b.upper(), freq=freq, start=start, end=end,
                          directed=directed, sectors=_sectors(sectors)), fmt)


@main.command()
@_db_option
@click.argument("a")
@click.argument("b")
@click.option("--window", default="12 months", show_default=True, help="Window length.")
@click.option("--step", default="1 month", show_default=True, help="Window step.")
@click.option("--min-events", default=3, show_default=True,
              help="Events toward a third actor needed to count its stance.")
@click.option("--both-directions", is_flag=True,
              help="Stances also count the third actor's events toward A or B.")
@_range_options
@_sector_option
@_format_option
def align(db: str, a: str, b: str, window: str, step: str, min_events: int,
          both_directions: bool, start: str | None, end: str | None,
          sectors: tuple[str, ...], fmt: str) -> None:
    """Sliding-window alignment of A and B: direct relations and stance similarity."""
    from blocwatch.analyse import alignment

    with _connect(db) as con:
        _emit(alignment(con, a.upper(), b.upper(), window=window, step=step, start=start,
                        end=end, min_events=min_events, both_directions=both_directions,
                        sectors=_sectors(sectors)), fmt)


@main.command()
@_db_option
@click.argument("bloc")
@click.option("--freq", type=click.Choice(("year", "quarter", "month")), default="year",
              show_default=True)
@_range_options
@_kb_option
@_sector_option
@_format_option
def cohesion(db: str, bloc: str, freq: str, start: str | None, end: str | None,
             kb_file: str | None, sectors: tuple[str, ...], fmt: str) -> None:
    """Relations among a bloc's members versus with outsiders, per period."""
    from blocwatch.analyse import bloc_cohesion

    kb = _kb(kb_file)
    with _connect(db) as con:
        _emit(bloc_cohesion(con, bloc.upper(), kb=kb, freq=freq, start=start, end=end,
                            sectors=_sectors(sectors)), fmt)


@main.command()
@_db_option
@_range_options
@click.option("--min-events", default=5, show_default=True,
              help="Events a pair of states needs to be linked.")
@click.option("--compare", "compare_with", multiple=True,
              help="Formal bloc to compare communities with (repeatable; default: the main "
                   "Latin American blocs).")
@click.option("--show", type=click.Choice(("communities", "overlaps", "edges")),
              default="communities", show_default=True)
@_kb_option
@_sector_option
@_format_option
def blocs(db: str, start: str | None, end: str | None, min_events: int,
          compare_with: tuple[str, ...], show: str, kb_file: str | None,
          sectors: tuple[str, ...], fmt: str) -> None:
    """Communities of the cooperation/conflict network, compared with formal blocs."""
    from blocwatch.analyse import DEFAULT_BLOCS, discover_blocs

    kb = _kb(kb_file)
    with _connect(db) as con:
        found = discover_blocs(
            con, start=start, end=end, min_events=min_events, kb=kb,
            compare_with=[c.upper() for c in compare_with] or DEFAULT_BLOCS,
            sectors=_sectors(sectors),
        )
    _emit(getattr(found, show), fmt)


def _region(region: str) -> str | list[str]:
    """'Latin America', a KB region name, or a comma-separated list of ISO3 codes."""
    if "," in region:
        return [code.strip().upper() for code in region.split(",") if code.strip()]
    return region


@main.command()
@_db_option
@click.option("--camps", type=click.Choice(("orientation", "bloc", "community")),
              default="orientation", show_default=True)
@click.option("--region", default="Latin America", show_default=True,
              help="'Latin America', a region or subregion of the KB, or codes 'MEX,BRA,…'.")
@click.option("--bloc", "camp_blocs", multiple=True,
              help="With --camps bloc: a bloc that forms a camp (repeatable, in priority order).")
@click.option("--freq", type=click.Choice(("year", "quarter", "month")), default="year",
              show_default=True)
@click.option("--min-events", default=3, show_default=True,
              help="With --camps community: events a pair of states needs to be linked.")
@click.option("--show", type=click.Choice(("camps", "relations", "summary")), default="camps",
              show_default=True)
@_range_options
@_kb_option
@_sector_option
@_format_option
def forces(db: str, camps: str, region: str, camp_blocs: tuple[str, ...], freq: str,
           min_events: int, show: str, start: str | None, end: str | None,
           kb_file: str | None, sectors: tuple[str, ...], fmt: str) -> None:
    """The correlation of forces: camps' shares and the balance of relations between them."""
    from blocwatch.analyse import correlation_of_forces

    kb = _kb(kb_file)
    with _connect(db) as con:
        result = correlation_of_forces(
            con, kb=kb, region=_region(region), camps=camps,
            blocs=[b.upper() for b in camp_blocs] or None, freq=freq, start=start, end=end,
            min_events=min_events, sectors=_sectors(sectors),
        )
    _emit(getattr(result, show), fmt)


# -- charts --------------------------------------------------------------------------------------

def _out_option(f: F) -> F:
    return click.option("--out", required=True, type=click.Path(dir_okay=False),
                        help="Chart file, .png or .svg.")(f)


@main.group()
def plot() -> None:
    """Charts: dyad, cohesion, forces, network."""


@plot.command("dyad")
@_db_option
@click.argument("a")
@click.argument("b")
@click.option("--freq", type=click.Choice(("day", "week", "month", "quarter", "year")),
              default="month", show_default=True)
@_range_options
@click.option("--directed", is_flag=True)
@_sector_option
@_out_option
def plot_dyad_cmd(db: str, a: str, b: str, freq: str, start: str | None, end: str | None,
                  directed: bool, sectors: tuple[str, ...], out: str) -> None:
    """Quad-class bars and net cooperation of A and B."""
    from blocwatch.analyse import dyad_series
    from blocwatch.analyse.plots import plot_dyad

    with _connect(db) as con:
        series = dyad_series(con, a.upper(), b.upper(), freq=freq, start=start, end=end,
                             directed=directed, sectors=_sectors(sectors))
        _written(plot_dyad(series, out, title=f"{a.upper()} – {b.upper()}"))


@plot.command("cohesion")
@_db_option
@click.argument("bloc")
@click.option("--freq", type=click.Choice(("year", "quarter", "month")), default="year",
              show_default=True)
@_range_options
@_kb_option
@_sector_option
@_out_option
def plot_cohesion_cmd(db: str, bloc: str, freq: str, start: str | None, end: str | None,
                      kb_file: str | None, sectors: tuple[str, ...], out: str) -> None:
    """Cohesion of a bloc over time."""
    from blocwatch.analyse import bloc_cohesion
    from blocwatch.analyse.plots import plot_cohesion

    kb = _kb(kb_file)
    with _connect(db) as con:
        table = bloc_cohesion(con, bloc.upper(), kb=kb, freq=freq, start=start, end=end,
                              sectors=_sectors(sectors))
        _written(plot_cohesion(table, out, title=f"Cohesion of {bloc.upper()}"))


@plot.command("forces")
@_db_option
@click.option("--camps", type=click.Choice(("orientation", "bloc", "community")),
              default="orientation", show_default=True)
@click.option("--region", default="Latin America", show_default=True)
@click.option("--bloc", "camp_blocs", multiple=True)
@click.option("--freq", type=click.Choice(("year", "quarter", "month")), default="year",
              show_default=True)
@click.option("--share", type=click.Choice(("population", "states")), default="population",
              show_default=True)
@_range_options
@_kb_option
@_sector_option
@_out_option
def plot_forces_cmd(db: str, camps: str, region: str, camp_blocs: tuple[str, ...], freq: str,
                    share: str, start: str | None, end: str | None, kb_file: str | None,
                    sectors: tuple[str, ...], out: str) -> None:
    """Stacked camp shares with the balance between camps."""
    from blocwatch.analyse import correlation_of_forces
    from blocwatch.analyse.plots import plot_forces

    kb = _kb(kb_file)
    with _connect(db) as con:
        result = correlation_of_forces(
            con, kb=kb, region=_region(region), camps=camps,
            blocs=[b.upper() for b in camp_blocs] or None, freq=freq, start=start, end=end,
            sectors=_sectors(sectors),
        )
        _written(plot_forces(result, out, share=share))


@plot.command("network")
@_db_option
@_range_options
@click.option("--min-events", default=5, show_default=True)
@click.option("--color-by", type=click.Choice(("community", "orientation")),
              default="community", show_default=True)
@_kb_option
@_sector_option
@_out_option
def plot_network_cmd(db: str, start: str | None, end: str | None, min_events: int,
                     color_by: str, kb_file: str | None, sectors: tuple[str, ...],
                     out: str) -> None:
    """The alignment network of a period, coloured by community or orientation."""
    from blocwatch.analyse import discover_blocs
    from blocwatch.analyse.plots import plot_network

    kb = _kb(kb_file)
    with _connect(db) as con:
        found = discover_blocs(con, start=start, end=end, min_events=min_events, kb=kb,
                               sectors=_sectors(sectors))
        _written(plot_network(found, out, color_by=color_by, kb=kb))


def _written(path: Path) -> None:
    click.echo(f"wrote {path}", err=True)
