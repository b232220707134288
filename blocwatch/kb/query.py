"""Answers to the `blocwatch kb` questions, as plain dicts ready for JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from blocwatch.errors import QueryError
from blocwatch.kb.base import KnowledgeBase
from blocwatch.kb.schema import ROLE_NAMES, Person, Role


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _role_row(person: Person, role: Role) -> dict[str, Any]:
    return {"name": person.name, "kb_id": person.id, "role": "|".join(role.roles),
            "country": role.country, "sector": role.sector, "start": _iso(role.start),
            "end": _iso(role.end), "acting": role.acting, "title": role.title,
            "source": role.source}


def who(kb: KnowledgeBase, country: str, role: str, date: dt.date) -> list[dict[str, Any]]:
    """Who held `role` in `country` on `date`."""
    if role not in ROLE_NAMES:
        raise QueryError(f"unknown role {role!r}; known roles: {', '.join(sorted(ROLE_NAMES))}")
    if not kb.is_actor_code(country):
        raise QueryError(f"unknown country or organization code {country!r}")
    return [_role_row(p, r) for p, r in kb.who(country, role, date)]


def show(kb: KnowledgeBase, name: str, date: dt.date | None = None) -> list[dict[str, Any]]:
    """A person's roles over time (on `date` only, when given), found by name or alias."""
    people = [kb.people[name]] if name in kb.people else kb.find_people(name)
    if not people:
        raise QueryError(f"no person called {name!r} in the knowledge base")
    rows = []
    for person in people:
        for role in person.roles:
            if date is None or role.active(date):
                rows.append(_role_row(person, role))
    return rows


def members(kb: KnowledgeBase, bloc: str, date: dt.date) -> list[dict[str, Any]]:
    """The members of `bloc` on `date`, with the membership row that makes them one."""
    if kb.organization(bloc) is None:
        raise QueryError(f"unknown organization code {bloc!r}")
    current = set(kb.members(bloc, date))
    rows = []
    for m in sorted(kb.memberships(bloc), key=lambda m: m.country):
        if m.country in current and m.status == "member" and m.active(date):
            country = kb.country(m.country)
            rows.append({"name": country.name_en if country else m.country, "kb_id": m.country,
                         "status": m.status, "start": _iso(m.start), "end": _iso(m.end),
                         "source": m.source})
    return rows
