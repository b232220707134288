"""Option parsing shared by the command modules."""

from __future__ import annotations

import datetime as dt

import click


def iso_date(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback: a YYYY-MM-DD option as a date, or a usage error that says so."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from e
