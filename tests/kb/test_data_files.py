"""Checks on the shipped knowledge-base CSV files (blocwatch/kb/data), read as plain files.

These tests read only the package's own data files: the documented columns, a source on every
row, valid codes and dates, unique keys, and no overlapping membership or orientation periods.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from blocwatch.contract import SECTORS

DATA = Path(__file__).resolve().parents[2] / "blocwatch" / "kb" / "data"

COLUMNS = {
    "countries.csv": [
        "code", "iso2", "name_en", "name_es", "aliases_en", "aliases_es", "adjectives_en",
        "adjectives_es", "demonyms_en", "demonyms_es", "capital_en", "capital_es",
        "capital_lat", "capital_lon", "lat", "lon", "population", "un_status", "region",
        "subregion", "source",
    ],
    "metonyms.csv": ["text", "lang", "code", "sector", "source"],
    "organizations.csv": ["code", "name_en", "name_es", "aliases_en", "aliases_es", "kind",
                          "source"],
    "memberships.csv": ["org", "country", "status", "start", "end", "source"],
    "orientation.csv": ["country", "start", "end", "orientation", "leader", "source"],
    "places.csv": ["name", "aliases", "country", "lat", "lon", "kind", "source"],
}
KEYS = {
    "countries.csv": ("code",),
    "metonyms.csv": ("text", "lang"),
    "organizations.csv": ("code",),
    "memberships.csv": ("org", "country", "status", "start"),
    "orientation.csv": ("country", "start"),
    "places.csv": ("name",),
}
CONTRACT_ORGS = (
    "UN", "OAS", "CELAC", "UNASUR", "LIMA_GROUP", "PROSUR", "ALBA", "MERCOSUR",
    "PACIFIC_ALLIANCE", "ANDEAN_COMMUNITY", "CARICOM", "SICA", "EU", "NATO", "AU", "ASEAN",
    "BRICS", "G7", "G20", "G77", "OPEC", "IMF", "WORLD_BANK", "WTO", "IDB", "ICC", "ICJ", "WHO",
)
CELAC_33 = [
    "ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DMA", "DOM",
    "ECU", "SLV", "GRD", "GTM", "GUY", "HTI", "HND", "JAM", "MEX", "NIC", "PAN", "PRY", "PER",
    "KNA", "LCA", "VCT", "SUR", "TTO", "URY", "VEN",
]
ORG_KINDS = {"global", "regional", "economic", "financial", "military", "court", "forum",
             "agency"}
KB_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def items(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def country_codes() -> set[str]:
    return {r["code"] for r in rows("countries.csv")}


def org_codes() -> set[str]:
    return {r["code"] for r in rows("organizations.csv")}


# -- every file ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns_are_the_documented_ones(name: str) -> None:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == COLUMNS[name]
    assert rows(name), f"{name} has no rows"
    for row in rows(name):
        assert None not in row, f"{name}: a row has more fields than the header: {row}"
        assert all(v is not None for v in row.values()), f"{name}: short row {row}"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_row_has_a_source(name: str) -> None:
    missing = [r for r in rows(name) if not r["source"].strip()]
    assert not missing, f"{name}: rows without a source: {missing[:3]}"


@pytest.mark.parametrize("name", sorted(KEYS))
def test_keys_are_unique(name: str) -> None:
    seen: set[tuple[str, ...]] = set()
    for row in rows(name):
        key = tuple(row[k] for k in KEYS[name])
        assert key not in seen, f"{name}: duplicate key {key}"
        seen.add(key)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_is_sorted(name: str) -> None:
    keys = [tuple(r[k] for k in KEYS[name]) for r in rows(name)]
    if name == "places.csv":
        keys = [(r["country"], r["name"]) for r in rows(name)]
    assert keys == sorted(keys), f"{name} is not in its deterministic order"


# -- countries -------------------------------------------------------------------------------

def test_country_codes_and_un_status() -> None:
    statuses: dict[str, int] = defaultdict(int)
    for row in rows("countries.csv"):
        assert re.fullmatch(r"[A-Z]{3}", row["code"]), row["code"]
        assert re.fullmatch(r"[A-Z]{2}", row["iso2"]), row["iso2"]
        assert row["un_status"] in ("member", "observer", "none")
        statuses[row["un_status"]] += 1
    assert statuses["member"] == 193
    assert statuses["observer"] == 2
    by_code = {r["code"]: r for r in rows("countries.csv")}
    for code in ("TWN", "XKX", "ESH", "PRI"):
        assert by_code[code]["un_status"] == "none"
    assert {by_code["VAT"]["un_status"], by_code["PSE"]["un_status"]} == {"observer"}
    assert len({r["iso2"] for r in rows("countries.csv")}) == len(rows("countries.csv"))


def test_country_numbers() -> None:
    for row in rows("countries.csv"):
        for lat, lon in (("lat", "lon"), ("capital_lat", "capital_lon")):
            assert -90 <= float(row[lat]) <= 90 and -180 <= float(row[lon]) <= 180, row["code"]
        assert int(row["population"]) > 0, row["code"]
        assert row["name_en"] and row["name_es"] and row["capital_en"] and row["capital_es"]


def test_no_name_or_adjective_points_to_two_countries() -> None:
    owner: dict[str, str] = {}
    fields = ("name_en", "name_es", "aliases_en", "aliases_es", "adjectives_en",
              "adjectives_es", "demonyms_en", "demonyms_es")
    for row in rows("countries.csv"):
        for field in fields:
            for value in items(row[field]):
                other = owner.setdefault(value.lower(), row["code"])
                assert other == row["code"], f"{value!r} names both {other} and {row['code']}"


@pytest.mark.parametrize("code", [*CELAC_33, "USA", "CAN", "ESP"])
def test_spanish_adjectives_of_the_americas_and_spain(code: str) -> None:
    row = next(r for r in rows("countries.csv") if r["code"] == code)
    adjectives = items(row["adjectives_es"])
    demonyms = items(row["demonyms_es"])
    assert adjectives and demonyms, code
    assert all(a == a.lower() for a in adjectives), code
    assert set(demonyms) <= set(adjectives), code
    assert all(d.endswith("s") for d in demonyms), code


@pytest.mark.parametrize("code, forms", [
    ("VEN", {"venezolano", "venezolana", "venezolanos", "venezolanas"}),
    ("ESP", {"español", "española", "españoles", "españolas"}),
    ("USA", {"estadounidense", "estadounidenses"}),
    ("NIC", {"nicaragüense", "nicaragüenses"}),
    ("DEU", {"alemán", "alemana", "alemanes", "alemanas"}),
    ("FRA", {"francés", "francesa", "franceses", "francesas"}),
    ("MAR", {"marroquí", "marroquíes"}),
])
def test_spanish_adjective_forms(code: str, forms: set[str]) -> None:
    row = next(r for r in rows("countries.csv") if r["code"] == code)
    assert forms <= set(items(row["adjectives_es"]))


def test_press_aliases_of_the_united_states() -> None:
    row = next(r for r in rows("countries.csv") if r["code"] == "USA")
    assert {"U.S.", "US", "USA", "America"} <= set(items(row["aliases_en"]))
    assert {"EE.UU.", "EEUU", "EE UU"} <= set(items(row["aliases_es"]))


# -- organizations and metonyms ---------------------------------------------------------------

def test_organization_codes() -> None:
    countries = country_codes()
    for row in rows("organizations.csv"):
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row["code"]), row["code"]
        assert row["code"] not in countries, f"{row['code']} is a country code"
        assert row["kind"] in ORG_KINDS, row
        assert row["name_en"] and row["name_es"], row["code"]
    assert set(CONTRACT_ORGS) <= org_codes()


@pytest.mark.parametrize("code, acronym_es", [
    ("OAS", "OEA"), ("UN", "ONU"), ("ANDEAN_COMMUNITY", "CAN"), ("EU", "UE"), ("NATO", "OTAN"),
    ("IMF", "FMI"), ("IDB", "BID"), ("WHO", "OMS"), ("ICC", "CPI"), ("ICJ", "CIJ"),
])
def test_spanish_acronyms(code: str, acronym_es: str) -> None:
    row = next(r for r in rows("organizations.csv") if r["code"] == code)
    assert acronym_es in items(row["aliases_es"])


def test_metonyms() -> None:
    known = country_codes() | org_codes()
    for row in rows("metonyms.csv"):
        assert row["lang"] in ("en", "es"), row
        assert row["code"] in known, row
        assert row["sector"] in SECTORS, row
    texts = {(r["text"], r["lang"]): (r["code"], r["sector"]) for r in rows("metonyms.csv")}
    assert texts[("Miraflores", "es")] == ("VEN", "GOV")
    assert texts[("the Pentagon", "en")] == ("USA", "MIL")
    assert texts[("la Casa Rosada", "es")] == ("ARG", "GOV")


# -- dated tables -----------------------------------------------------------------------------

def periods_do_not_overlap(spans: list[tuple[dt.date, dt.date | None]]) -> bool:
    ordered = sorted((s, e or dt.date.max) for s, e in spans)
    return all(b_start > a_end for (_, a_end), (b_start, _) in itertools.pairwise(ordered))


def test_memberships_codes_and_dates() -> None:
    countries, orgs = country_codes(), org_codes()
    for row in rows("memberships.csv"):
        assert row["org"] in orgs, row
        assert row["country"] in countries, row
        assert row["status"] in ("member", "suspended", "observer", "associate"), row
        start, end = date(row["start"]), date(row["end"])
        assert start is not None, row
        assert end is None or start <= end, row


def test_membership_periods_never_overlap() -> None:
    spans: dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for row in rows("memberships.csv"):
        start = date(row["start"])
        assert start is not None
        spans[(row["org"], row["country"], row["status"])].append((start, date(row["end"])))
    for key, periods in spans.items():
        assert periods_do_not_overlap(periods), f"overlapping periods for {key}: {periods}"


def test_suspensions_fall_within_membership() -> None:
    members: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for row in rows("memberships.csv"):
        if row["status"] == "member":
            members[(row["org"], row["country"])].append(
                (date(row["start"]) or dt.date.min, date(row["end"]) or dt.date.max))
    for row in rows("memberships.csv"):
        if row["status"] == "suspended":
            start = date(row["start"]) or dt.date.min
            assert any(s <= start <= e for s, e in members[(row["org"], row["country"])]), row


def active(org: str, country: str, status: str, on: str) -> bool:
    day = dt.date.fromisoformat(on)
    return any(
        r["org"] == org and r["country"] == country and r["status"] == status
        and (date(r["start"]) or dt.date.min) <= day <= (date(r["end"]) or dt.date.max)
        for r in rows("memberships.csv")
    )


@pytest.mark.parametrize("org, country, status, on, expected", [
    ("OAS", "VEN", "member", "2019-04-26", True),
    ("OAS", "VEN", "member", "2019-05-01", False),
    ("OAS", "NIC", "member", "2023-12-01", False),
    ("OAS", "CUB", "suspended", "2000-01-01", True),
    ("CELAC", "BRA", "suspended", "2021-06-01", True),
    ("CELAC", "BRA", "suspended", "2023-06-01", False),
    ("MERCOSUR", "VEN", "suspended", "2020-01-01", True),
    ("MERCOSUR", "PRY", "suspended", "2013-01-01", True),
    ("MERCOSUR", "BOL", "member", "2024-07-08", True),
    ("ALBA", "BOL", "member", "2020-06-01", False),
    ("ALBA", "ECU", "member", "2019-01-01", False),
    ("OPEC", "ECU", "member", "2020-06-01", False),
    ("OPEC", "QAT", "member", "2019-06-01", False),
    ("OPEC", "VEN", "member", "2026-01-01", True),
    ("BRICS", "IRN", "member", "2024-01-01", True),
    ("BRICS", "IDN", "member", "2025-01-06", True),
    ("EU", "GBR", "member", "2020-02-01", False),
    ("NATO", "SWE", "member", "2024-03-07", True),
    ("LIMA_GROUP", "ARG", "member", "2021-06-01", False),
    ("UNASUR", "COL", "member", "2020-01-01", False),
])
def test_known_membership_facts(org: str, country: str, status: str, on: str,
                                expected: bool) -> None:
    assert active(org, country, status, on) is expected


def test_founding_memberships() -> None:
    celac = {r["country"] for r in rows("memberships.csv")
             if r["org"] == "CELAC" and r["status"] == "member" and r["start"] == "2011-12-03"}
    assert celac == set(CELAC_33)
    un_members = {r["country"] for r in rows("memberships.csv")
                  if r["org"] == "UN" and r["status"] == "member" and not r["end"]}
    assert un_members == {r["code"] for r in rows("countries.csv") if r["un_status"] == "member"}


def test_orientation() -> None:
    countries = country_codes()
    spans: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for row in rows("orientation.csv"):
        assert row["country"] in countries, row
        assert row["orientation"] in ("left", "centre", "right"), row
        assert not row["leader"] or KB_ID.match(row["leader"]), row
        start, end = date(row["start"]), date(row["end"])
        assert start is not None and (end is None or start <= end), row
        spans[row["country"]].append((start, end))
    for country, periods in spans.items():
        assert periods_do_not_overlap(periods), f"overlapping orientation periods in {country}"
    covered = set(spans)
    assert set(CELAC_33) - {"HTI"} <= covered
    assert {"USA", "CAN", "ESP", "DEU", "FRA", "GBR", "CHN", "RUS", "IND", "JPN"} <= covered


@pytest.mark.parametrize("country, on, expected", [
    ("ARG", "2024-01-01", "right"),
    ("BRA", "2023-06-01", "left"),
    ("CHL", "2023-01-01", "left"),
    ("CHL", "2026-06-01", "right"),
    ("PER", "2022-01-01", "left"),
    ("MEX", "2025-01-01", "left"),
    ("USA", "2025-06-01", "right"),
])
def test_known_orientations(country: str, on: str, expected: str) -> None:
    day = dt.date.fromisoformat(on)
    found = [r["orientation"] for r in rows("orientation.csv")
             if r["country"] == country
             and (date(r["start"]) or dt.date.min) <= day <= (date(r["end"]) or dt.date.max)]
    assert found == [expected]


# -- places -----------------------------------------------------------------------------------

def test_places() -> None:
    countries = country_codes()
    for row in rows("places.csv"):
        assert row["country"] in countries, row
        assert row["kind"] in ("city", "region", "site"), row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["name"] not in items(row["aliases"]), row


def test_every_capital_is_a_place() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows("places.csv"):
        names[row["country"]].update([row["name"], *items(row["aliases"])])
    for row in rows("countries.csv"):
        assert row["capital_en"] in names[row["code"]], row["code"]
        assert row["capital_es"] in names[row["code"]], row["code"]


@pytest.mark.parametrize("alias", ["Ciudad de México", "Nueva York", "Washington D. C.", "Pekín",
                                   "Moscú", "Bruselas", "Cartagena de Indias", "Punta del Este"])
def test_spanish_and_summit_place_names(alias: str) -> None:
    assert any(alias == r["name"] or alias in items(r["aliases"]) for r in rows("places.csv"))


def test_places_file_stays_small() -> None:
    assert (DATA / "places.csv").stat().st_size < 3_000_000
