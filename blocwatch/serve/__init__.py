"""The web service: a REST API and a dashboard over a store (`blocwatch serve`).

Needs the `serve` extra (FastAPI, uvicorn, Jinja2). `create_app(db_path, kb=None, token=None)`
builds the application; templates and every static asset are bundled in this package.
"""

from blocwatch.serve.app import create_app

__all__ = ["create_app"]
