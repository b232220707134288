"""The `blocwatch` command: options in, library calls out.

Each stage's commands live in their own module and register on `main`.
"""

from __future__ import annotations

import logging

import click

from blocwatch import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blocwatch")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
def main(verbose: int) -> None:
    """blocwatch: political events from English and Spanish news, and the blocs they reveal."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    # Each module adds its commands to `main`; an optional part that is not installed
    # still registers its command, which explains the missing extra when run.
    import importlib

    for name in ("code", "kb", "evaluate", "store", "analyse", "serve", "scale"):
        try:
            importlib.import_module(f"blocwatch.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"blocwatch.cli.{name}":
                raise


_register()
