"""`blocwatch serve`: the REST API and the dashboard over a store."""

from __future__ import annotations

import os

import click

from blocwatch.cli import main
from blocwatch.errors import BlocwatchError, MissingExtraError


def require_serve_extra() -> None:
    """Raise MissingExtraError unless FastAPI, uvicorn and Jinja2 are installed."""
    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError as e:
        raise MissingExtraError("the web service", "serve") from e


@main.command("serve")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The store (opened read-only unless --token is given).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="BLOCWATCH_TOKEN", default=None,
              help="Enable POST /api/ingest for requests with 'Authorization: Bearer TOKEN' "
                   "(also read from BLOCWATCH_TOKEN); opens the store for writing.")
@click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file that extends or overrides the knowledge base.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes, each with its own read-only connection (more than one "
                   "only without --token: one process at a time may write a store).")
@click.option("--cache", "cache_entries", type=click.IntRange(0, 1_000_000), default=1024,
              show_default=True,
              help="Answers kept in memory per process (0: none); emptied by each ingest.")
def serve(db: str, host: str, port: int, token: str | None, kb_file: str | None,
          workers: int, cache_entries: int) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a store."""
    require_serve_extra()
    import uvicorn

    from blocwatch.kb import load_kb
    from blocwatch.serve import app as app_module

    if workers > 1 and token:
        raise click.UsageError("--workers above 1 serves a read-only store: drop --token")
    try:
        kb = load_kb(kb_file)
        if workers == 1:
            app = app_module.create_app(db, kb=kb, token=token or None,
                                        cache_entries=cache_entries)
        else:  # check the store here, where an error can be reported; workers reopen it
            from blocwatch.store import open_store

            open_store(db, read_only=True).close()
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e
    mode = "ingest enabled" if token else "read-only"
    click.echo(f"blocwatch serving {db} ({mode}, {workers} process"
               f"{'es' if workers > 1 else ''}) on http://{host}:{port}/ (API docs at /docs)",
               err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[app_module.ENV_DB] = db
    os.environ[app_module.ENV_KB] = kb_file or ""
    os.environ[app_module.ENV_CACHE] = str(cache_entries)
    uvicorn.run(f"{app_module.__name__}:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")
