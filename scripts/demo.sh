#!/usr/bin/env bash
# The main job on the bundled sample: code it, store it, show what it found, then serve the
# dashboard (set DEMO_SERVE=0 to stop before serving).
set -euo pipefail
VENV="${1:-.venv}"
BW="$VENV/bin/blocwatch"
mkdir -p out
rm -f out/sample.duckdb out/sample.duckdb.wal
echo "== coding samples/ -> out/events.jsonl"
"$BW" code samples/ --out out/events.jsonl
echo "== storing samples/ in out/sample.duckdb"
"$BW" ingest samples/ --db out/sample.duckdb
echo "== the dyads it found"
"$BW" query --db out/sample.duckdb \
  "SELECT source_code, target_code, type, count(*) AS events, min(date) AS first
   FROM events GROUP BY ALL ORDER BY events DESC, first LIMIT 15"
echo "== who held Mexico's presidency on 2021-09-18"
"$BW" kb who MEX --role head_of_state --date 2021-09-18
"$BW" plot forces --db out/sample.duckdb --out out/forces.png >/dev/null 2>&1 \
  && echo "== chart: out/forces.png" || true
if [ "${DEMO_SERVE:-1}" != "0" ] && "$BW" serve --help >/dev/null 2>&1; then
  echo "== dashboard on http://127.0.0.1:8000 (Ctrl-C to stop)"
  exec "$BW" serve --db out/sample.duckdb
fi
