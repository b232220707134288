"""The knowledge base's entry types and the validation of one raw entry into one typed entry.

The file formats are documented in docs/KB_SCHEMA.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from blocwatch.contract import SECTORS
from blocwatch.errors import KBError

ROLE_NAMES = frozenset({
    "head_of_state", "head_of_government", "foreign_minister", "minister", "vice_president",
    "opposition_leader", "party_leader", "former_head_of_state", "legislator", "judge",
    "military_chief", "org_leader", "diplomat",
})
MEMBERSHIP_STATUSES = frozenset({"member", "suspended", "observer", "associate"})
ORIENTATIONS = frozenset({"left", "centre", "right"})
ISO3 = re.compile(r"^[A-Z]{3}$")
ORG_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,24}$")
KB_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    iso2: str
    name_en: str
    name_es: str
    aliases_en: tuple[str, ...]
    aliases_es: tuple[str, ...]
    adjectives_en: tuple[str, ...]
    adjectives_es: tuple[str, ...]
    demonyms_en: tuple[str, ...]
    demonyms_es: tuple[str, ...]
    capital_en: str
    capital_es: str
    capital_lat: float | None
    capital_lon: float | None
    lat: float | None
    lon: float | None
    population: int | None
    un_status: str
    region: str
    subregion: str
    source: str


@dataclass(frozen=True, slots=True)
class Metonym:
    text: str
    lang: str
    code: str
    sector: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Organization:
    code: str
    name_en: str
    name_es: str
    aliases_en: tuple[str, ...]
    aliases_es: tuple[str, ...]
    kind: str
    source: str


@dataclass(frozen=True, slots=True)
class Membership:
    org: str
    country: str
    status: str
    start: dt.date
    end: dt.date | None
    source: str

    def active(self, date: dt.date) -> bool:
        return self.start <= date <= (self.end or FAR_FUTURE)


@dataclass(frozen=True, slots=True)
class Orientation:
    country: str
    start: dt.date
    end: dt.date | None
    orientation: str
    leader: str | None
    source: str

    def active(self, date: dt.date) -> bool:
        return self.start <= date <= (self.end or FAR_FUTURE)


@dataclass(frozen=True, slots=True)
class Group:
    """A non-state or sub-state actor with a home country: an armed or criminal group, a
    party or coalition, a state agency or court. One row per period of one sector (a party
    governs, then is in opposition)."""

    id: str
    name_en: str
    name_es: str
    aliases_en: tuple[str, ...]
    aliases_es: tuple[str, ...]
    country: str
    sector: str | None
    start: dt.date
    end: dt.date | None
    kind: str
    source: str

    def active(self, date: dt.date) -> bool:
        return self.start <= date <= (self.end or FAR_FUTURE)


GROUP_KINDS = frozenset({"armed_group", "criminal_group", "party", "coalition", "movement",
                         "agency", "court", "force", "union", "business", "media", "ngo"})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    aliases: tuple[str, ...]
    country: str
    lat: float | None
    lon: float | None
    kind: str
    source: str


@dataclass(frozen=True, slots=True)
class Role:
    kb_id: str
    roles: tuple[str, ...]
    country: str
    sector: str | None
    start: dt.date
    end: dt.date | None
    acting: bool
    title: str | None
    source: str

    def active(self, date: dt.date) -> bool:
        return self.start <= date <= (self.end or FAR_FUTURE)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    gender: str | None
    source: str
    roles: tuple[Role, ...] = field(default=())


# -- field parsers ---------------------------------------------------------------------------

class _Fields:
    """Reads typed fields out of one raw entry, raising KBError that names file and entry."""

    def __init__(self, raw: dict[str, Any], *, file: str, entry: str) -> None:
        self.raw = raw
        self.file = file
        self.entry = entry

    def fail(self, problem: str) -> KBError:
        return KBError(self.file, self.entry, problem)

    def text(self, name: str, *, required: bool = True) -> str:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(f"'{name}' is missing or empty")
            return ""
        return str(value).strip()

    def optional(self, name: str) -> str | None:
        return self.text(name, required=False) or None

    def items(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None:
            return ()
        if isinstance(value, (list, tuple)):
            parts = [str(v) for v in value]
        else:
            parts = str(value).split("|")
        return tuple(p.strip() for p in parts if p and p.strip())

    def number(self, name: str, kind: type = float) -> Any:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return kind(float(value)) if kind is int else kind(value)
        except (TypeError, ValueError) as e:
            raise self.fail(f"'{name}' is not a number: {value!r}") from e

    def date(self, name: str, *, required: bool = True) -> dt.date | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                raise self.fail(f"'{name}' is missing (a date YYYY-MM-DD)")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError as e:
            raise self.fail(f"'{name}' is not a date YYYY-MM-DD: {value!r}") from e

    def code(self, name: str, pattern: re.Pattern[str], what: str) -> str:
        value = self.text(name)
        if not pattern.match(value):
            raise self.fail(f"'{name}' is not {what}: {value!r}")
        return value

    def choice(self, name: str, allowed: frozenset[str], *, required: bool = True) -> str | None:
        value = self.text(name, required=required)
        if not value:
            return None
        if value not in allowed:
            raise self.fail(f"'{name}' must be one of {sorted(allowed)}, not {value!r}")
        return value

    def sector(self, name: str = "sector") -> str | None:
        value = self.raw.get(name)
        if value in (None, "", "null", "None"):
            return None
        if value not in SECTORS:
            raise self.fail(f"'{name}' must be one of {list(SECTORS)} or empty, not {value!r}")
        return str(value)

    def period(self) -> tuple[dt.date, dt.date | None]:
        start = self.date("start")
        end = self.date("end", required=False)
        assert start is not None
        if end is not None and end < start:
            raise self.fail(f"ends ({end}) before it starts ({start})")
        return start, end


def parse_country(raw: dict[str, Any], *, file: str, entry: str) -> Country:
    f = _Fields(raw, file=file, entry=entry)
    return Country(
        code=f.code("code", ISO3, "an ISO 3166-1 alpha-3 code"),
        iso2=f.text("iso2", required=False), name_en=f.text("name_en"),
        name_es=f.text("name_es", required=False) or f.text("name_en"),
        aliases_en=f.items("aliases_en"), aliases_es=f.items("aliases_es"),
        adjectives_en=f.items("adjectives_en"), adjectives_es=f.items("adjectives_es"),
        demonyms_en=f.items("demonyms_en"), demonyms_es=f.items("demonyms_es"),
        capital_en=f.text("capital_en", required=False),
        capital_es=f.text("capital_es", required=False),
        capital_lat=f.number("capital_lat"), capital_lon=f.number("capital_lon"),
        lat=f.number("lat"), lon=f.number("lon"), population=f.number("population", int),
        un_status=f.text("un_status", required=False) or "none",
        region=f.text("region", required=False), subregion=f.text("subregion", required=False),
        source=f.text("source"),
    )


def parse_metonym(raw: dict[str, Any], *, file: str, entry: str) -> Metonym:
    f = _Fields(raw, file=file, entry=entry)
    lang = f.choice("lang", frozenset({"en", "es", "*"}))
    assert lang is not None
    return Metonym(text=f.text("text"), lang=lang, code=f.text("code"), sector=f.sector(),
                   source=f.text("source"))


def parse_organization(raw: dict[str, Any], *, file: str, entry: str) -> Organization:
    f = _Fields(raw, file=file, entry=entry)
    code = f.code("code", ORG_CODE, "an organization code (upper case, digits, _)")
    return Organization(
        code=code, name_en=f.text("name_en"),
        name_es=f.text("name_es", required=False) or f.text("name_en"),
        aliases_en=f.items("aliases_en"), aliases_es=f.items("aliases_es"),
        kind=f.text("kind", required=False), source=f.text("source"),
    )


def parse_membership(raw: dict[str, Any], *, file: str, entry: str) -> Membership:
    f = _Fields(raw, file=file, entry=entry)
    start, end = f.period()
    status = f.choice("status", MEMBERSHIP_STATUSES)
    assert status is not None
    return Membership(org=f.code("org", ORG_CODE, "an organization code"),
                      country=f.code("country", ISO3, "an ISO alpha-3 code"),
                      status=status, start=start, end=end, source=f.text("source"))


def parse_orientation(raw: dict[str, Any], *, file: str, entry: str) -> Orientation:
    f = _Fields(raw, file=file, entry=entry)
    start, end = f.period()
    orientation = f.choice("orientation", ORIENTATIONS)
    assert orientation is not None
    return Orientation(country=f.code("country", ISO3, "an ISO alpha-3 code"), start=start,
                       end=end, orientation=orientation, leader=f.optional("leader"),
                       source=f.text("source"))


def parse_group(raw: dict[str, Any], *, file: str, entry: str) -> Group:
    f = _Fields(raw, file=file, entry=entry)
    start, end = f.period()
    kind = f.choice("kind", GROUP_KINDS)
    assert kind is not None
    return Group(
        id=f.code("id", KB_ID, "a lower-case id (letters, digits, '-')"),
        name_en=f.text("name_en"), name_es=f.text("name_es", required=False) or f.text("name_en"),
        aliases_en=f.items("aliases_en"), aliases_es=f.items("aliases_es"),
        country=f.code("country", ISO3, "an ISO 3166-1 alpha-3 code"), sector=f.sector(),
        start=start, end=end, kind=kind, source=f.text("source"),
    )


def parse_place(raw: dict[str, Any], *, file: str, entry: str) -> Place:
    f = _Fields(raw, file=file, entry=entry)
    return Place(name=f.text("name"), aliases=f.items("aliases"),
                 country=f.code("country", ISO3, "an ISO alpha-3 code"),
                 lat=f.number("lat"), lon=f.number("lon"),
                 kind=f.text("kind", required=False) or "city", source=f.text("source"))


def parse_role(raw: dict[str, Any], *, kb_id: str, file: str, entry: str) -> Role:
    f = _Fields(raw, file=file, entry=entry)
    roles = f.items("role")
    if not roles:
        raise f.fail("'role' is missing")
    unknown = [r for r in roles if r not in ROLE_NAMES]
    if unknown:
        raise f.fail(f"unknown role {unknown[0]!r}; known roles: {sorted(ROLE_NAMES)}")
    start, end = f.period()
    country = f.text("country")
    if not (ISO3.match(country) or ORG_CODE.match(country)):
        raise f.fail(f"'country' is neither an ISO alpha-3 nor an organization code: {country!r}")
    return Role(kb_id=kb_id, roles=roles, country=country, sector=f.sector(), start=start,
                end=end, acting=bool(raw.get("acting", False)), title=f.optional("title"),
                source=f.text("source", required=False) or "")


def parse_person(raw: dict[str, Any], *, file: str, entry: str) -> Person:
    if not isinstance(raw, dict):
        raise KBError(file, entry, "a person must be a mapping with id, name, country, roles")
    f = _Fields(raw, file=file, entry=entry)
    kb_id = f.code("id", KB_ID, "a lower-case slug (a-z, 0-9, -)")
    f.entry = kb_id
    source = f.text("source")
    raw_roles = raw.get("roles") or []
    if not isinstance(raw_roles, list):
        raise f.fail("'roles' must be a list")
    roles = []
    for i, raw_role in enumerate(raw_roles):
        if not isinstance(raw_role, dict):
            raise f.fail(f"role {i + 1} must be a mapping")
        role = parse_role(raw_role, kb_id=kb_id, file=file, entry=f"{kb_id} role {i + 1}")
        if not role.source:
            role = Role(**{**_role_fields(role), "source": source})
        roles.append(role)
    gender = f.optional("gender")
    if gender not in (None, "m", "f"):
        raise f.fail(f"'gender' must be m or f, not {gender!r}")
    return Person(id=kb_id, name=f.text("name"), aliases=f.items("aliases"),
                  country=f.code("country", ISO3, "an ISO alpha-3 code"), gender=gender,
                  source=source, roles=tuple(sorted(roles, key=lambda r: r.start)))


def _role_fields(role: Role) -> dict[str, Any]:
    return {name: getattr(role, name) for name in Role.__slots__}
