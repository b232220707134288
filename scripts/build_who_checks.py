"""Write tests/data/kb/who_checks_reign.csv: sampled (country, date) pairs with REIGN's leader.

Usage: python scripts/build_who_checks.py [--reign PATH] [--n 400] [--seed 20210301]

REIGN (Bell, Besaw and Frank), leader list of March 2021, gives every state's effective leader
with a day-precise start date (the end is given to the month only; a leader's term runs to the
next leader's start). This script draws, with a fixed seed, `n` pairs: a country uniformly from
the 33 CELAC states, the United States, Canada, Spain and the other G20 states, and a date
uniformly from 2000-01-01 to 2021-02-28. A date within two days of a REIGN leader change is
redrawn, because hand-over days are written differently by different sources. The output is an
input of tests/kb/test_who_accuracy.py; the test never reads REIGN itself.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REIGN = ROOT.parent / "shared" / "reference" / "REIGN_leaderlist_3_21.csv"
OUT = ROOT / "tests" / "data" / "kb" / "who_checks_reign.csv"
SOURCE = "REIGN (Bell, Besaw and Frank), leader list 2021-03"
FIRST, LAST = dt.date(2000, 1, 1), dt.date(2021, 2, 28)
MARGIN = dt.timedelta(days=2)

# ISO 3166-1 alpha-3 -> Correlates of War country code, as REIGN uses it.
COW: dict[str, int] = {
    # the 33 CELAC states
    "ARG": 160, "ATG": 58, "BHS": 31, "BRB": 53, "BLZ": 80, "BOL": 145, "BRA": 140, "CHL": 155,
    "COL": 100, "CRI": 94, "CUB": 40, "DMA": 54, "DOM": 42, "ECU": 130, "SLV": 92, "GRD": 55,
    "GTM": 90, "GUY": 110, "HTI": 41, "HND": 91, "JAM": 51, "MEX": 70, "NIC": 93, "PAN": 95,
    "PRY": 150, "PER": 135, "KNA": 60, "LCA": 56, "VCT": 57, "SUR": 115, "TTO": 52, "URY": 165,
    "VEN": 101,
    # the United States, Canada, Spain and the other G20 states
    "USA": 2, "CAN": 20, "ESP": 230, "AUS": 900, "CHN": 710, "FRA": 220, "DEU": 255,
    "IND": 750, "IDN": 850, "ITA": 325, "JPN": 740, "KOR": 732, "RUS": 365, "SAU": 670,
    "ZAF": 560, "TUR": 640, "GBR": 200,
}


@dataclass(frozen=True)
class Spell:
    """One REIGN leader spell: start day, and the month in which it ended (None = ongoing)."""

    leader: str
    start: dt.date
    end_month: tuple[int, int] | None


def decode(raw: bytes) -> str:
    """REIGN mixes UTF-8 and Windows-1252 lines: decode each line by itself."""
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines)


def read_reign(path: Path) -> dict[int, list[Spell]]:
    """REIGN spells per COW code, sorted by start."""
    spells: dict[int, list[Spell]] = {}
    for row in csv.DictReader(decode(path.read_bytes()).splitlines()):
        if not row.get("ccode") or not row.get("syear"):
            continue
        start = dt.date(int(row["syear"]), int(row["smonth"]), int(row["sdate"]))
        end = (int(row["eyear"]), int(row["emonth"])) if row.get("eyear") else None
        spells.setdefault(int(row["ccode"]), []).append(Spell(row["leader"].strip(), start, end))
    for rows in spells.values():
        rows.sort(key=lambda s: s.start)
    return spells


def leader_on(spells: list[Spell], date: dt.date) -> str | None:
    """REIGN's leader on `date`, or None if the date is too near a change or uncovered."""
    if any(abs(s.start - date) <= MARGIN for s in spells):
        return None
    current = [s for s in spells if s.start <= date]
    if not current:
        return None
    spell = current[-1]
    if spell.end_month is not None and spell.end_month < (date.year, date.month):
        return None
    return spell.leader


def sample(spells: dict[int, list[Spell]], *, n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    countries = sorted(COW)
    span = (LAST - FIRST).days
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, dt.date]] = set()
    while len(rows) < n:
        country = rng.choice(countries)
        date = FIRST + dt.timedelta(days=rng.randint(0, span))
        leader = leader_on(spells.get(COW[country], []), date)
        if leader is None or (country, date) in seen:
            continue
        seen.add((country, date))
        rows.append({"country": country, "date": date.isoformat(), "leader": leader,
                     "source": SOURCE})
    return sorted(rows, key=lambda r: (r["country"], r["date"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reign", type=Path, default=DEFAULT_REIGN)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20210301)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = sample(read_reign(args.reign), n=args.n, seed=args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["country", "date", "leader", "source"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
