"""Generate blocwatch/kb/data/orientation.csv.

Inputs: `scripts/kb_curation/orientation.txt` (one row per head of government with start date,
either a Herre key or a hand-curated orientation) and the shared reference
`global_leader_ideologies.csv` (Herre, "Global Leader Ideologies", BJPolS 2023), from which the
orientation of each leader up to 2020 is derived. Each period ends the day before the next one
of the same country starts; rows marked "-" leave a gap.

Run: .venv/bin/python scripts/build_orientation.py
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections import Counter, defaultdict

from kbdata_common import CURATION_DIR, read_semicolon_table, reference_dir, slug, write_csv

log = logging.getLogger("build_orientation")

HEADER = ["country", "start", "end", "orientation", "leader", "source"]
HERRE_COUNTRY = {
    "ARG": "Argentina", "BHS": "Bahamas", "BRB": "Barbados", "BLZ": "Belize", "BOL": "Bolivia",
    "BRA": "Brazil", "CHL": "Chile", "COL": "Colombia", "CRI": "Costa Rica", "CUB": "Cuba",
    "DOM": "Dominican Republic", "ECU": "Ecuador", "SLV": "El Salvador", "GTM": "Guatemala",
    "GUY": "Guyana", "HTI": "Haiti", "HND": "Honduras", "JAM": "Jamaica", "MEX": "Mexico",
    "NIC": "Nicaragua", "PAN": "Panama", "PRY": "Paraguay", "PER": "Peru", "SUR": "Suriname",
    "TTO": "Trinidad and Tobago", "URY": "Uruguay", "VEN": "Venezuela",
    "USA": "United States of America", "CAN": "Canada", "ESP": "Spain", "AUS": "Australia",
    "CHN": "China", "FRA": "France", "DEU": "Germany", "IND": "India", "IDN": "Indonesia",
    "ITA": "Italy", "JPN": "Japan", "KOR": "South Korea", "RUS": "Russia",
    "SAU": "Saudi Arabia", "ZAF": "South Africa", "TUR": "Turkey", "GBR": "United Kingdom",
}
HERRE_LABEL = {"leftist": "left", "centrist": "centre", "rightist": "right"}
HERRE_LAST_YEAR = 2020
HERRE_SOURCE = "Herre 2023, Global Leader Ideologies (leader_ideology, {years})"
START_SOURCE = "start date: REIGN (Bell, Besaw and Frank) or Wikipedia"
COVERAGE_START = dt.date(2000, 1, 1)


def load_herre() -> dict[tuple[str, str], list[tuple[int, str]]]:
    path = reference_dir() / "global_leader_ideologies.csv"
    out: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(row["country_name"], row["leader"])].append(
                (int(row["year"]), row["leader_ideology"]))
    return out


def herre_orientation(
    herre: dict[tuple[str, str], list[tuple[int, str]]],
    country: str, key: str, start: dt.date, end: dt.date | None,
) -> tuple[str, str]:
    last = min(end.year if end else HERRE_LAST_YEAR, HERRE_LAST_YEAR)
    coded = [(y, ideo) for y, ideo in herre.get((HERRE_COUNTRY[country], key), [])
             if ideo in HERRE_LABEL]
    # A short spell may fall between Herre's country-years: use the leader's other years.
    years = [(y, ideo) for y, ideo in coded if start.year <= y <= last] or coded
    if not years:
        raise SystemExit(f"{country}: no Herre coding for {key!r} in {start.year}-{last}")
    label, _ = Counter(ideo for _, ideo in years).most_common(1)[0]
    span = f"{min(y for y, _ in years)}-{max(y for y, _ in years)}"
    return HERRE_LABEL[label], HERRE_SOURCE.format(years=span)


def build() -> int:
    herre = load_herre()
    by_country: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_semicolon_table(CURATION_DIR / "orientation.txt"):
        by_country[row["country"]].append(row)
    out = []
    for country, rows in sorted(by_country.items()):
        rows.sort(key=lambda r: r["start"])
        for i, row in enumerate(rows):
            start = dt.date.fromisoformat(row["start"])
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            end = dt.date.fromisoformat(nxt["start"]) - dt.timedelta(days=1) if nxt else None
            if end is not None and end < COVERAGE_START:
                continue
            if row["orientation"] == "-":
                continue
            if row["herre"]:
                orientation, source = herre_orientation(herre, country, row["herre"], start, end)
                note = row["source"].removeprefix("Herre 2023; ") or START_SOURCE
                source = f"{source}; {note}"
                if end is None or end.year > HERRE_LAST_YEAR:
                    source += "; in office after 2020: end date curated by hand (2026-11)"
            else:
                orientation, source = row["orientation"], row["source"]
            if orientation not in ("left", "centre", "right") or not source:
                raise SystemExit(f"{country} {row['start']}: bad orientation or missing source")
            out.append([country, row["start"], end.isoformat() if end else "", orientation,
                        slug(row["leader"]), source])
    return write_csv("orientation.csv", HEADER, out)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    log.info("orientation.csv: %d rows", build())
