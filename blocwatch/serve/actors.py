"""Actors and people from the knowledge base, with what the store holds about them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from blocwatch.analyse._common import check_code
from blocwatch.errors import QueryError
from blocwatch.kb import KnowledgeBase, Person, Role
from blocwatch.kb.schema import ROLE_NAMES
from blocwatch.serve.queries import NotFoundError, _fetch, clean, relations_map

MAX_PEOPLE = 500


def _span(start: dt.date, end: dt.date | None) -> dict[str, Any]:
    return {"start": start, "end": end}


def _membership_rows(kb: KnowledgeBase, rows: list[Any], *, by: str) -> list[dict[str, Any]]:
    out = []
    for m in sorted(rows, key=lambda m: (m.start, m.org, m.country)):
        code = m.org if by == "org" else m.country
        out.append({by: code, "name": name_of(kb, code), "status": m.status,
                    **_span(m.start, m.end), "source": m.source})
    return out


def name_of(kb: KnowledgeBase, code: str | None) -> str | None:
    if code is None:
        return None
    country = kb.country(code)
    if country is not None:
        return country.name_en
    org = kb.organization(code)
    return org.name_en if org is not None else None


def _event_counts(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any]:
    row = _fetch(con, """
        SELECT count(*) FILTER (WHERE source_code = $c) AS as_source,
               count(*) FILTER (WHERE target_code = $c) AS as_target,
               min(date) AS first, max(date) AS last
        FROM events WHERE source_code = $c OR target_code = $c""", {"c": code})[0]
    return dict(row)


def _offices(kb: KnowledgeBase, code: str, role: str) -> list[dict[str, Any]]:
    return [role_row(person, r) for person, r in kb.offices(code, role)]


def actor_profile(con: duckdb.DuckDBPyConnection, code: str, *, kb: KnowledgeBase,
                  start: dt.date | str | None = None, end: dt.date | str | None = None
                  ) -> dict[str, Any]:
    """A state or organization: names, memberships or members, orientation over time, who
    led it, and its events in the store (with its main partners over [start, end])."""
    check_code(code)
    country, org = kb.country(code), kb.organization(code)
    events = _event_counts(con, code)
    if country is None and org is None and not (events["as_source"] or events["as_target"]):
        raise NotFoundError(f"no actor {code} in the knowledge base or the store")
    out: dict[str, Any] = {"code": code, "kind": "unknown", "name": None, "events": events}
    if country is not None:
        out |= _country_part(kb, code, country)
    elif org is not None:
        out |= _org_part(kb, code, org)
    out["partners"] = relations_map(con, code, kb=kb, start=start, end=end)["countries"][:15]
    return clean(out)


def _country_part(kb: KnowledgeBase, code: str, country: Any) -> dict[str, Any]:
    orientation = sorted((o for o in kb.tables.orientation if o.country == code),
                         key=lambda o: o.start)
    return {
        "kind": "state", "name": country.name_en, "name_es": country.name_es,
        "region": country.region, "subregion": country.subregion,
        "population": country.population, "capital": country.capital_en,
        "lat": country.lat, "lon": country.lon,
        "memberships": _membership_rows(
            kb, [m for m in kb.tables.memberships if m.country == code], by="org"),
        "orientation": [{"orientation": o.orientation, "leader": o.leader,
                         **_span(o.start, o.end), "source": o.source} for o in orientation],
        "heads_of_state": _offices(kb, code, "head_of_state"),
        "heads_of_government": _offices(kb, code, "head_of_government"),
        "foreign_ministers": _offices(kb, code, "foreign_minister"),
    }


def _org_part(kb: KnowledgeBase, code: str, org: Any) -> dict[str, Any]:
    today = dt.date.today()
    return {
        "kind": org.kind, "name": org.name_en, "name_es": org.name_es,
        "members_now": [{"country": c, "name": name_of(kb, c)}
                        for c in kb.members(code, today)],
        "members": _membership_rows(kb, kb.memberships(code), by="country"),
        "leaders": _offices(kb, code, "org_leader"),
    }


# -- people --------------------------------------------------------------------------------------

def role_row(person: Person, role: Role) -> dict[str, Any]:
    return {
        "kb_id": person.id, "name": person.name, "roles": list(role.roles),
        "country": role.country, "sector": role.sector, "title": role.title,
        "acting": role.acting, "start": role.start, "end": role.end, "source": role.source,
    }


def person_profile(kb: KnowledgeBase, kb_id: str) -> dict[str, Any]:
    person = kb.person(kb_id)
    if person is None:
        raise NotFoundError(f"no person {kb_id!r} in the knowledge base")
    return clean({
        "kb_id": person.id, "name": person.name, "aliases": list(person.aliases),
        "country": person.country, "country_name": name_of(kb, person.country),
        "gender": person.gender, "source": person.source,
        "roles": [role_row(person, r) for r in person.roles],
    })


def people_query(kb: KnowledgeBase, *, country: str | None = None, role: str | None = None,
                 date: dt.date | None = None, name: str | None = None) -> dict[str, Any]:
    """Who held which office when: roles filtered by country, office and date (active that
    day), or people by name. Sorted by start date; at most 500 rows."""
    if country is not None:
        check_code(country, what="country code")
    if role is not None and role not in ROLE_NAMES:
        raise QueryError(f"unknown role {role!r}: expected one of {', '.join(sorted(ROLE_NAMES))}")
    people = kb.find_people(name) if name else list(kb.tables.people)
    rows = [
        role_row(person, r) for person in people for r in person.roles
        if (country is None or r.country == country)
        and (role is None or role in r.roles)
        and (date is None or r.active(date))
    ]
    rows.sort(key=lambda r: (r["start"], r["country"], r["name"]))
    return clean({"country": country, "role": role, "date": date, "name": name,
                  "total": len(rows), "people": rows[:MAX_PEOPLE]})
