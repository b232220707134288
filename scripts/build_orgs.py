"""Generate blocwatch/kb/data/organizations.csv and metonyms.csv from the hand curation in
`scripts/kb_curation/organizations.txt` and `metonyms.txt`.

Organization codes are checked against every ISO 3166-1 alpha-3 code in the shared reference
`countries.csv` (mledoze/countries), since an organization code must never be a country code.

Run: .venv/bin/python scripts/build_orgs.py
"""

from __future__ import annotations

import csv
import logging
import re

from kbdata_common import CURATION_DIR, read_semicolon_table, reference_dir, write_csv

log = logging.getLogger("build_orgs")

ORG_HEADER = ["code", "name_en", "name_es", "aliases_en", "aliases_es", "kind", "source"]
METONYM_HEADER = ["text", "lang", "code", "sector", "source"]
KINDS = {"global", "regional", "economic", "financial", "military", "court", "forum", "agency"}
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "BUS", "MED", "NGO", "REB", "CRM",
    "IGO",
}
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def iso3_codes() -> set[str]:
    with (reference_dir() / "countries.csv").open(encoding="utf-8", newline="") as fh:
        return {row["cca3"] for row in csv.DictReader(fh)} | {"XKX"}


def build_organizations(iso3: set[str]) -> tuple[int, set[str]]:
    rows = read_semicolon_table(CURATION_DIR / "organizations.txt")
    codes: set[str] = set()
    for row in rows:
        code = row["code"]
        if not CODE_RE.match(code) or code in iso3:
            raise SystemExit(f"bad organization code {code!r}")
        if code in codes:
            raise SystemExit(f"duplicate organization code {code!r}")
        if row["kind"] not in KINDS:
            raise SystemExit(f"{code}: bad kind {row['kind']!r}")
        codes.add(code)
    out = sorted(([r[h] for h in ORG_HEADER] for r in rows), key=lambda r: r[0])
    return write_csv("organizations.csv", ORG_HEADER, out), codes


def build_metonyms(iso3: set[str], org_codes: set[str]) -> int:
    rows = read_semicolon_table(CURATION_DIR / "metonyms.txt")
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (row["text"], row["lang"])
        if key in seen:
            raise SystemExit(f"duplicate metonym {key}")
        seen.add(key)
        if row["code"] not in iso3 and row["code"] not in org_codes:
            raise SystemExit(f"metonym {key}: unknown code {row['code']!r}")
        if row["sector"] not in SECTORS or row["lang"] not in ("en", "es"):
            raise SystemExit(f"metonym {key}: bad sector or language")
    out = sorted(([r[h] for h in METONYM_HEADER] for r in rows), key=lambda r: (r[0], r[1]))
    return write_csv("metonyms.csv", METONYM_HEADER, out)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    codes_iso3 = iso3_codes()
    n_orgs, org_set = build_organizations(codes_iso3)
    log.info("organizations.csv: %d rows", n_orgs)
    log.info("metonyms.csv: %d rows", build_metonyms(codes_iso3, org_set))
