"""`blocwatch serve`: the REST API and the dashboard over a store."""

from __future__ import annotations

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
def serve(db: str, host: str, port: int, token: str | None, kb_file: str | None) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a store."""
    require_serve_extra()
    import uvicorn

    from blocwatch.kb import load_kb
    from blocwatch.serve import create_app

    try:
        app = create_app(db, kb=load_kb(kb_file), token=token or None)
    except BlocwatchError as e:
        raise click.ClickException(str(e)) from e
    mode = "ingest enabled" if token else "read-only"
    click.echo(f"blocwatch serving {db} ({mode}) on http://{host}:{port}/ "
               f"(API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
