"""The KnowledgeBase: who held which office when, which state belongs to which bloc."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from blocwatch.kb.names import fold, surnames
from blocwatch.kb.schema import (
    Country,
    Group,
    Membership,
    Metonym,
    Organization,
    Orientation,
    Person,
    Place,
    Role,
)

# Which of a person's simultaneous roles decides their code and sector, most telling first.
ROLE_PRIORITY = (
    "head_of_state", "head_of_government", "foreign_minister", "vice_president", "minister",
    "org_leader", "military_chief", "judge", "diplomat", "legislator", "opposition_leader",
    "party_leader", "former_head_of_state",
)
_RANK = {name: i for i, name in enumerate(ROLE_PRIORITY)}


@dataclass(slots=True)
class Tables:
    countries: list[Country] = field(default_factory=list)
    metonyms: list[Metonym] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    orientation: list[Orientation] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Standing:
    """A person's code and sector on a date, and the role that decided it."""

    code: str | None
    sector: str | None
    role: Role | None


def role_rank(role: Role) -> int:
    return min(_RANK.get(r, len(_RANK)) for r in role.roles)


class KnowledgeBase:
    """Read-only queries over validated knowledge-base tables."""

    def __init__(self, tables: Tables, *, version: str) -> None:
        self.tables = tables
        self.version = version
        self.countries: dict[str, Country] = {c.code: c for c in tables.countries}
        self.organizations: dict[str, Organization] = {o.code: o for o in tables.organizations}
        self.people: dict[str, Person] = {p.id: p for p in tables.people}
        self.groups: dict[str, list[Group]] = defaultdict(list)
        for group in tables.groups:
            self.groups[group.id].append(group)
        self.places: dict[str, Place] = {}
        for place in tables.places:
            self.places.setdefault(place.name, place)
        self._by_office: dict[tuple[str, str], list[tuple[Person, Role]]] = defaultdict(list)
        for person in tables.people:
            for role in person.roles:
                for name in role.roles:
                    self._by_office[(role.country, name)].append((person, role))
        self._members: dict[str, list[Membership]] = defaultdict(list)
        for m in tables.memberships:
            self._members[m.org].append(m)
        self._orientation: dict[str, list[Orientation]] = defaultdict(list)
        for o in tables.orientation:
            self._orientation[o.country].append(o)

    # -- entities ---------------------------------------------------------------------------

    def country(self, code: str) -> Country | None:
        return self.countries.get(code)

    def organization(self, code: str) -> Organization | None:
        return self.organizations.get(code)

    def person(self, kb_id: str) -> Person | None:
        return self.people.get(kb_id)

    def group(self, group_id: str, date: dt.date | None) -> Group | None:
        """A group as it stood on `date` (its sector then), or its nearest period."""
        rows = self.groups.get(group_id)
        if not rows:
            return None
        if date is None:
            return max(rows, key=lambda g: g.start)
        for row in rows:
            if row.active(date):
                return row
        return min(rows, key=lambda g: min(abs((g.start - date).days),
                                           abs(((g.end or g.start) - date).days)))

    def place(self, name: str) -> Place | None:
        """A gazetteer entry by its name."""
        return self.places.get(name)

    def is_actor_code(self, code: str) -> bool:
        return code in self.countries or code in self.organizations

    # -- people over time -------------------------------------------------------------------

    def roles_on(self, kb_id: str, date: dt.date) -> list[Role]:
        person = self.people.get(kb_id)
        if person is None:
            return []
        return sorted((r for r in person.roles if r.active(date)), key=role_rank)

    def standing(self, kb_id: str, date: dt.date | None) -> Standing:
        """The person's country and sector on `date` (their latest role when date is None)."""
        person = self.people[kb_id]
        if date is None:
            roles = sorted(person.roles, key=lambda r: (r.end or dt.date.max), reverse=True)
        else:
            roles = self.roles_on(kb_id, date)
        if not roles:
            return Standing(person.country, None, None)
        role = roles[0]
        code = role.country if role.country in self.countries or role.country in \
            self.organizations else person.country
        return Standing(code, role.sector, role)

    def who(self, country: str, role: str, date: dt.date) -> list[tuple[Person, Role]]:
        """Who held `role` in `country` (ISO3 or organization code) on `date`."""
        held = [(p, r) for p, r in self._by_office.get((country, role), []) if r.active(date)]
        return sorted(held, key=lambda pr: (pr[1].acting, pr[1].start))

    def offices(self, country: str, role: str) -> list[tuple[Person, Role]]:
        return sorted(self._by_office.get((country, role), []), key=lambda pr: pr[1].start)

    def find_people(self, name: str) -> list[Person]:
        """People whose name, alias or surname is `name` (accents and case ignored)."""
        key = fold(name)
        found = []
        for person in self.tables.people:
            forms = [person.name, *person.aliases, *surnames(person.name)]
            if any(fold(f) == key for f in forms):
                found.append(person)
        return found

    # -- blocs and orientation --------------------------------------------------------------

    def memberships(self, org: str) -> list[Membership]:
        return list(self._members.get(org, []))

    def members(self, org: str, date: dt.date, *, include_suspended: bool = False,
                statuses: tuple[str, ...] = ("member",)) -> list[str]:
        """ISO3 codes of `org`'s members on `date`, leaving out suspended ones by default."""
        rows = [m for m in self._members.get(org, []) if m.active(date)]
        members = {m.country for m in rows if m.status in statuses}
        if not include_suspended:
            members -= {m.country for m in rows if m.status == "suspended"}
        return sorted(members)

    def orientation(self, country: str, date: dt.date) -> str | None:
        for row in self._orientation.get(country, []):
            if row.active(date):
                return row.orientation
        return None
