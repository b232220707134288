"""Generate blocwatch/kb/data/memberships.csv from `scripts/kb_curation/memberships.txt`.

Each curated line may name several countries (separated by '|'); the script expands them,
checks every code against countries.csv and organizations.txt, checks that start <= end and
that the periods of one (org, country, status) never overlap, and writes the rows sorted.
Run after build_countries.py: .venv/bin/python scripts/build_memberships.py
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import logging
from collections import defaultdict

from kbdata_common import CURATION_DIR, DATA_DIR, read_semicolon_table, write_csv

log = logging.getLogger("build_memberships")

HEADER = ["org", "country", "status", "start", "end", "source"]
STATUSES = {"member", "suspended", "observer", "associate"}


def parse(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def expand() -> list[list[str]]:
    with (DATA_DIR / "countries.csv").open(encoding="utf-8", newline="") as fh:
        countries = {row["code"] for row in csv.DictReader(fh)}
    orgs = {r["code"] for r in read_semicolon_table(CURATION_DIR / "organizations.txt")}
    rows = []
    for line in read_semicolon_table(CURATION_DIR / "memberships.txt"):
        if line["org"] not in orgs:
            raise SystemExit(f"unknown organization {line['org']!r}")
        if line["status"] not in STATUSES:
            raise SystemExit(f"bad status {line['status']!r}")
        start, end = parse(line["start"]), parse(line["end"])
        if start is None or (end is not None and end < start):
            raise SystemExit(f"bad dates in {line}")
        for country in line["countries"].split("|"):
            if country not in countries:
                raise SystemExit(f"unknown country {country!r} in {line['org']}")
            rows.append([line["org"], country, line["status"], line["start"], line["end"],
                         line["source"]])
    return rows


def check_overlaps(rows: list[list[str]]) -> None:
    periods: dict[tuple[str, str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for org, country, status, start, end, _ in rows:
        periods[(org, country, status)].append((parse(start) or dt.date.min,
                                                parse(end) or dt.date.max))
    for key, spans in periods.items():
        spans.sort()
        for (_, end_a), (start_b, _) in itertools.pairwise(spans):
            if start_b <= end_a:
                raise SystemExit(f"overlapping periods for {key}: {spans}")


def build() -> int:
    rows = expand()
    check_overlaps(rows)
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return write_csv("memberships.csv", HEADER, rows)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    log.info("memberships.csv: %d rows", build())
