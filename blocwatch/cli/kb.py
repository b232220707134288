"""`blocwatch kb`: ask the knowledge base who held which office when, and who belongs where."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from blocwatch.cli import main
from blocwatch.cli.options import iso_date
from blocwatch.errors import BlocwatchError
from blocwatch.kb import load_kb
from blocwatch.kb import query as kbq


def _emit(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


@main.group("kb")
@click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file that adds to or overrides the knowledge base.")
@click.pass_context
def kb_group(ctx: click.Context, kb_file: str | None) -> None:
    """Inspect the knowledge base (output: JSON lines)."""
    try:
        ctx.obj = load_kb(kb_file)
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e


@kb_group.command("who")
@click.argument("country")
@click.option("--role", required=True,
              type=click.Choice(["head_of_state", "head_of_government", "foreign_minister",
                                 "vice_president", "minister", "org_leader"]))
@click.option("--date", required=True, callback=iso_date)
@click.pass_obj
def who_command(kb: Any, country: str, role: str, date: dt.date) -> None:
    """Who held ROLE in COUNTRY (ISO alpha-3 or organization code) on DATE."""
    try:
        _emit(kbq.who(kb, country.upper(), role, date))
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e


@kb_group.command("show")
@click.argument("name")
@click.option("--date", callback=iso_date)
@click.pass_obj
def show_command(kb: Any, name: str, date: dt.date | None) -> None:
    """A person's roles over time, by name, alias or kb_id."""
    try:
        _emit(kbq.show(kb, name, date))
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e


@kb_group.command("members")
@click.argument("bloc")
@click.option("--date", required=True, callback=iso_date)
@click.pass_obj
def members_command(kb: Any, bloc: str, date: dt.date) -> None:
    """Members of BLOC (a contract code: CELAC, UNASUR, LIMA_GROUP…) on DATE."""
    try:
        _emit(kbq.members(kb, bloc.upper(), date))
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e
