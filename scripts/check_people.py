"""Check the people files of the knowledge base for overlapping and missing office terms.

Loads every ``blocwatch/kb/data/people/*.yaml`` (or the files given), checks each entry against
the schema in ``docs/KB_SCHEMA.md`` and, for every (country, role) of a single-holder office,
reports

* overlaps: two holders at once. A one-day overlap where one term ends on the day the next
  begins (death or same-day handover) is accepted; an overlap where either term is ``acting``
  is accepted and counted; anything else is an error;
* gaps: days from 2000-01-01 (or the first term, if the office starts later) to today with no
  holder. Gaps listed in ``KNOWN_GAPS`` below are historical vacancies; others are reported as
  unexplained (data to fill in).

Usage: ``python scripts/check_people.py [--today YYYY-MM-DD] [--fail-on-gaps] [FILE ...]``.
Exit status 1 when there are errors (or unexplained gaps with ``--fail-on-gaps``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PEOPLE_DIR = ROOT / "blocwatch" / "kb" / "data" / "people"
EPOCH = dt.date(2000, 1, 1)

ROLES = {
    "head_of_state", "head_of_government", "foreign_minister", "minister", "vice_president",
    "opposition_leader", "party_leader", "former_head_of_state", "legislator", "judge",
    "military_chief", "org_leader", "diplomat",
}
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "BUS", "MED", "NGO", "REB", "CRM",
    "IGO",
}
# Offices held by one person at a time: these are checked for overlaps and gaps.
SINGLE_HOLDER = ("head_of_state", "head_of_government", "foreign_minister", "vice_president",
                 "org_leader")
# Roles expected to be filled every day; gaps in other single-holder roles are informational.
MUST_COVER = ("head_of_state", "head_of_government", "foreign_minister", "org_leader")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# (country, role): (start, end, reason). A gap wholly inside one of these is historical.
KNOWN_GAPS: dict[tuple[str, str], list[tuple[str, str, str]]] = {
    ("HTI", "head_of_state"): [
        ("2016-02-08", "2016-02-13", "vacancy after Martelly; PM Evans Paul governed"),
        ("2021-07-08", "2024-04-29", "vacancy after Moïse's assassination; PMs governed"),
        ("2026-02-08", "9999-12-31", "Transitional Presidential Council dissolved; PM governs"),
    ],
    ("HTI", "head_of_government"): [
        ("2012-02-25", "2012-05-15", "Conille resigned; Lamothe sworn 2012-05-16"),
    ],
    ("BOL", "head_of_state"): [("2019-11-11", "2019-11-11", "vacancy after Morales resigned")],
    ("BOL", "head_of_government"): [("2019-11-11", "2019-11-11", "vacancy (see head_of_state)")],
    ("PER", "head_of_state"): [
        ("2020-11-16", "2020-11-16", "vacancy after Merino resigned"),
        ("2026-07-28", "9999-12-31", "2026 inauguration: successor not yet curated"),
    ],
    ("PER", "head_of_government"): [
        ("2020-11-16", "2020-11-16", "vacancy after Merino resigned"),
        ("2026-07-28", "9999-12-31", "2026 inauguration: successor not yet curated"),
    ],
    ("COL", "head_of_state"): [
        ("2026-08-07", "9999-12-31", "2026 inauguration: successor not yet curated"),
    ],
    ("COL", "head_of_government"): [
        ("2026-08-07", "9999-12-31", "2026 inauguration: successor not yet curated"),
    ],
    ("DMA", "head_of_government"): [("2000-10-02", "2000-10-02", "Douglas died 2000-10-01")],
    ("LCA", "head_of_government"): [("2007-09-08", "2007-09-08", "Compton died 2007-09-07")],
    ("ARG", "foreign_minister"): [
        ("2001-12-21", "2001-12-22", "presidential crisis of December 2001"),
        ("2001-12-31", "2002-01-02", "presidential crisis of December 2001"),
    ],
    ("BRA", "foreign_minister"): [("2021-03-30", "2021-04-05", "Araújo resigned; França sworn")],
    ("COL", "foreign_minister"): [
        ("2021-05-14", "2021-05-18", "Blum resigned; Ramírez sworn"),
        ("2026-08-07", "9999-12-31", "new government 2026-08-07 not yet curated"),
    ],
    ("MEX", "foreign_minister"): [("2023-06-13", "2023-07-02", "Ebrard resigned; Bárcena sworn")],
    ("ATG", "foreign_minister"): [
        ("2014-06-13", "2014-06-17", "Browne sworn 2014-06-13; cabinet sworn 2014-06-18"),
    ],
    ("KNA", "foreign_minister"): [
        ("2022-08-06", "2022-08-12", "Drew sworn 2022-08-06; cabinet sworn 2022-08-13"),
    ],
    ("LCA", "foreign_minister"): [
        ("2006-12-15", "2006-12-18", "Compton sworn 2006-12-15; cabinet sworn 2006-12-19"),
        ("2021-07-28", "2021-08-04", "Pierre sworn 2021-07-28; cabinet sworn 2021-08-05"),
    ],
    ("VCT", "foreign_minister"): [
        ("2013-09-01", "2013-09-15", "Slater left for CARICOM; Camillo Gonsalves sworn 2013-09-16"),
        ("2025-11-28", "2025-12-01", "Friday sworn 2025-11-28; cabinet sworn 2025-12-02"),
    ],
    ("PER", "foreign_minister"): [
        ("2020-11-11", "2020-11-11", "Merino cabinet not yet sworn"),
        ("2020-11-16", "2020-11-17", "vacancy after Merino resigned"),
        ("2021-08-18", "2021-08-19", "Béjar resigned; Maúrtua sworn"),
        ("2022-12-08", "2022-12-09", "Boluarte cabinet not yet sworn"),
    ],
    ("BOL", "foreign_minister"): [("2019-11-11", "2019-11-12", "Morales resignation crisis")],
    ("CRI", "foreign_minister"): [("2019-12-02", "2020-01-05", "Campbell resigned")],
    ("ISR", "foreign_minister"): [
        ("2000-08-05", "2000-08-09", "Levy resigned; Ben-Ami acting from 2000-08-10"),
        ("2002-11-03", "2002-11-05", "Labor left the government; Netanyahu appointed 2002-11-06"),
        ("2006-01-17", "2006-01-17", "Shalom resigned with Likud's exit; Livni from 2006-01-18"),
    ],
    ("KOR", "foreign_minister"): [
        ("2006-11-10", "2006-11-30", "Ban left for the UN; Song Min-soon sworn 2006-12-01"),
        ("2010-09-05", "2010-10-07", "Yu Myung-hwan resigned; Kim Sung-hwan sworn 2010-10-08"),
    ],
    ("ECLAC", "org_leader"): [("2003-09-01", "2003-11-30", "acting heads not curated"),
                              ("2022-04-01", "2022-09-30", "acting head not curated")],
}
# Offices whose holders are only partly curated so far: their gaps are listed as "not curated"
# (data to add), not as unexplained gaps.
PARTLY_CURATED: dict[tuple[str, str], list[tuple[str, str, str]]] = {
    (code, "foreign_minister"): [("2000-01-01", "9999-12-31", "foreign ministers partly curated")]
    for code in ("ATG", "BHS", "BLZ", "BRB", "CRI", "DMA", "DOM", "GRD", "GTM", "GUY", "HND",
                 "JAM", "KNA", "LCA", "PAN", "SLV", "SUR", "TTO", "VCT")
}
PARTLY_CURATED[("PRY", "foreign_minister")] = [
    ("2000-01-01", "2003-08-14", "foreign ministers under González Macchi not curated"),
]
# Co-holders by law: overlaps here are not errors.
KNOWN_OVERLAPS: dict[tuple[str, str], str] = {
    ("NIC", "head_of_state"): "co-presidency (Ortega and Murillo) from 2025-02-18",
    ("NIC", "head_of_government"): "co-presidency (Ortega and Murillo) from 2025-02-18",
    ("EU", "org_leader"): "the EU has several leaders at once (Commission and European Council "
                          "presidents, High Representative)",
    ("UN", "org_leader"): "the UN system has several leaders at once (Secretary-General, High "
                          "Commissioners)",
}


@dataclass(frozen=True)
class Term:
    """One holder of one office over one period (end inclusive, None = ongoing)."""

    person: str
    start: dt.date
    end: dt.date | None
    acting: bool
    source_file: str


@dataclass
class Report:
    """Findings, grouped by severity."""

    errors: list[str]
    gaps: list[str]
    known_gaps: list[str]
    not_curated: list[str]
    info: list[str]


def as_date(value: Any) -> dt.date | None:
    """Return a date from a YAML scalar (date or ISO string); None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def role_names(value: Any) -> list[str]:
    """Return the role names of a role entry (a name or a list of names)."""
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def check_person(entry: Any, where: str, errors: list[str]) -> bool:
    """Check one person entry against the schema; append problems to ``errors``."""
    ok = True

    def bad(problem: str) -> None:
        nonlocal ok
        ok = False
        errors.append(f"{where}: {problem}")

    if not isinstance(entry, dict):
        bad("entry is not a mapping")
        return False
    for key in ("id", "name", "country", "gender", "source", "roles"):
        if not entry.get(key):
            bad(f"missing {key}")
    if not ok:
        return False
    if not ID_RE.match(str(entry["id"])):
        bad(f"id {entry['id']!r} is not a lower-case ASCII slug")
    if entry["gender"] not in ("m", "f"):
        bad(f"gender {entry['gender']!r} is not m or f")
    if not isinstance(entry.get("aliases", []), list):
        bad("aliases is not a list")
    for i, role in enumerate(entry["roles"]):
        rwhere = f"role {i}"
        if not isinstance(role, dict):
            bad(f"{rwhere} is not a mapping")
            continue
        for name in role_names(role.get("role")):
            if name not in ROLES:
                bad(f"{rwhere}: unknown role {name!r}")
        if role.get("sector") is not None and role["sector"] not in SECTORS:
            bad(f"{rwhere}: unknown sector {role['sector']!r}")
        if not role.get("country"):
            bad(f"{rwhere}: missing country")
        if not role.get("source"):
            bad(f"{rwhere}: missing source")
        try:
            start, end = as_date(role.get("start")), as_date(role.get("end"))
        except ValueError as exc:
            bad(f"{rwhere}: bad date ({exc})")
            continue
        if start is None:
            bad(f"{rwhere}: missing start")
        elif end is not None and end < start:
            bad(f"{rwhere}: end {end} before start {start}")
    return ok


def load(files: list[Path], errors: list[str]) -> dict[tuple[str, str], list[Term]]:
    """Load the files, check entries, and collect single-holder terms per (country, role)."""
    offices: dict[tuple[str, str], list[Term]] = defaultdict(list)
    seen: dict[str, str] = {}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            errors.append(f"{path.name}: top level is not a list")
            continue
        for n, entry in enumerate(data):
            where = f"{path.name}[{n}] {entry.get('id') if isinstance(entry, dict) else ''}"
            if not check_person(entry, where, errors):
                continue
            pid = str(entry["id"])
            if pid in seen:
                errors.append(f"{where}: id {pid!r} also in {seen[pid]}")
            seen[pid] = path.name
            for role in entry["roles"]:
                for name in role_names(role["role"]):
                    if name not in SINGLE_HOLDER:
                        continue
                    start = as_date(role["start"])
                    assert start is not None
                    offices[(str(role["country"]), name)].append(Term(
                        pid, start, as_date(role.get("end")), bool(role.get("acting")), path.name))
    return offices


def in_known_gap(
    key: tuple[str, str], start: dt.date, end: dt.date,
    table: dict[tuple[str, str], list[tuple[str, str, str]]] = KNOWN_GAPS,
) -> str | None:
    """Return the reason if [start, end] lies inside a span listed in ``table``."""
    for gs, ge, reason in table.get(key, []):
        if dt.date.fromisoformat(gs) <= start and end <= dt.date.fromisoformat(ge):
            return reason or "listed"
    return None


def check_office(key: tuple[str, str], terms: list[Term], today: dt.date, report: Report) -> None:
    """Report overlaps and gaps for one office."""
    label = f"{key[0]} {key[1]}"
    terms = sorted(terms, key=lambda t: (t.start, t.end or dt.date.max))
    far = dt.date.max
    for i, a in enumerate(terms):
        for b in terms[i + 1:]:
            if b.start > (a.end or far):
                break
            if a.person == b.person:
                continue
            overlap_end = min(a.end or far, b.end or far)
            days = (overlap_end - b.start).days + 1
            what = f"{label}: {a.person} ({a.start}..{a.end}) and {b.person} ({b.start}..{b.end})"
            if a.acting or b.acting:
                report.info.append(f"acting overlap {what}")
            elif key in KNOWN_OVERLAPS:
                report.info.append(f"{KNOWN_OVERLAPS[key]}: {what}")
            elif days == 1 and a.end == b.start:
                report.info.append(f"same-day handover {what}")
            else:
                report.errors.append(f"overlap of {days} days: {what}")
    if key[1] not in MUST_COVER and key[1] != "vice_president":
        return
    first = terms[0].start if terms else EPOCH
    cursor = EPOCH if key[1] in MUST_COVER and key[1] != "org_leader" else max(EPOCH, first)
    covered_to = cursor - dt.timedelta(days=1)
    spans: list[tuple[dt.date, dt.date]] = []
    for t in terms:
        if covered_to == far:
            break
        if t.start > covered_to + dt.timedelta(days=1):
            spans.append((covered_to + dt.timedelta(days=1), t.start - dt.timedelta(days=1)))
        covered_to = max(covered_to, t.end or far)
    if covered_to != far and covered_to < today:
        spans.append((covered_to + dt.timedelta(days=1), today))
    for gs, ge in spans:
        if ge < EPOCH or gs > today:
            continue
        gs = max(gs, EPOCH)
        text = f"{label}: no holder {gs}..{ge} ({(ge - gs).days + 1} days)"
        reason = in_known_gap(key, gs, ge)
        if reason:
            report.known_gaps.append(f"{text} — {reason}")
        elif partly := in_known_gap(key, gs, ge, PARTLY_CURATED):
            report.not_curated.append(f"{text} — {partly}")
        elif key[1] == "vice_president":
            report.info.append(f"vacancy or not curated: {text}")
        else:
            report.gaps.append(text)


def check_missing(offices: dict[tuple[str, str], list[Term]], report: Report) -> None:
    """Note countries that have a head of state but no foreign minister at all."""
    states = {c for c, r in offices if r == "head_of_state" and len(c) == 3 and c.isupper()}
    for code in sorted(states):
        if (code, "foreign_minister") not in offices:
            report.not_curated.append(f"{code} foreign_minister: no holders curated")


def main(argv: list[str] | None = None) -> int:
    """Run the checks and print a report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--fail-on-gaps", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    files = args.files or sorted(PEOPLE_DIR.glob("*.yaml"))
    report = Report([], [], [], [], [])
    offices = load(files, report.errors)
    for key in sorted(offices):
        check_office(key, offices[key], args.today, report)
    check_missing(offices, report)
    sections: list[tuple[str, list[str]]] = [("ERROR", report.errors), ("GAP", report.gaps)]
    if not args.quiet:
        sections += [("known gap", report.known_gaps), ("not curated", report.not_curated),
                     ("info", report.info)]
    for tag, lines in sections:
        for line in lines:
            print(f"{tag}: {line}")
    per_role = Counter(k[1] for k in offices)
    print(f"checked {len(files)} file(s), {len(offices)} offices "
          f"({', '.join(f'{r} {n}' for r, n in sorted(per_role.items()))})")
    print(f"{len(report.errors)} errors, {len(report.gaps)} unexplained gaps, "
          f"{len(report.known_gaps)} known gaps, {len(report.not_curated)} not curated, "
          f"{len(report.info)} notes")
    failed = bool(report.errors) or (args.fail_on_gaps and bool(report.gaps))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
