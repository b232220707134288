"""The knowledge base: loading, overrides, errors, consistency and who-held-what answers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

from blocwatch.errors import KBError
from blocwatch.kb import KnowledgeBase, load_kb
from blocwatch.kb.names import fold

D = dt.date.fromisoformat


@pytest.mark.parametrize(("country", "role", "date", "name"), [
    ("MEX", "head_of_state", "2019-06-01", "Andrés Manuel López Obrador"),
    ("MEX", "head_of_state", "2025-01-10", "Claudia Sheinbaum"),
    ("MEX", "head_of_state", "2010-05-05", "Felipe Calderón"),
    ("VEN", "head_of_state", "2008-01-01", "Hugo Chávez"),
    ("VEN", "head_of_state", "2019-06-01", "Nicolás Maduro"),
    ("BRA", "head_of_state", "2021-06-01", "Jair Bolsonaro"),
    ("BRA", "head_of_state", "2023-06-01", "Luiz Inácio Lula da Silva"),
    ("BRA", "head_of_state", "2017-06-01", "Michel Temer"),
    ("ARG", "head_of_state", "2024-06-01", "Javier Milei"),
    ("ARG", "head_of_state", "2012-06-01", "Cristina Fernández de Kirchner"),
    ("COL", "head_of_state", "2023-06-01", "Gustavo Petro"),
    ("COL", "head_of_state", "2015-06-01", "Juan Manuel Santos"),
    ("CHL", "head_of_state", "2023-06-01", "Gabriel Boric"),
    ("PER", "head_of_state", "2021-09-18", "Pedro Castillo"),
    ("PER", "head_of_state", "2023-06-01", "Dina Boluarte"),
    ("BOL", "head_of_state", "2020-06-01", "Jeanine Áñez"),
    ("ECU", "head_of_state", "2024-06-01", "Daniel Noboa"),
    ("CUB", "head_of_state", "2021-09-18", "Miguel Díaz-Canel"),
    ("NIC", "head_of_state", "2020-06-01", "Daniel Ortega"),
    ("USA", "head_of_state", "2021-06-01", "Joe Biden"),
    ("USA", "head_of_state", "2025-06-01", "Donald Trump"),
    ("USA", "foreign_minister", "2022-06-01", "Antony Blinken"),
    ("USA", "foreign_minister", "2019-06-01", "Mike Pompeo"),
    ("CAN", "head_of_government", "2020-06-01", "Justin Trudeau"),
    ("ESP", "head_of_government", "2020-06-01", "Pedro Sánchez"),
    ("ESP", "head_of_state", "2020-06-01", "Felipe VI"),
    ("GBR", "head_of_government", "2020-06-01", "Boris Johnson"),
    ("DEU", "head_of_government", "2015-06-01", "Angela Merkel"),
    ("FRA", "head_of_state", "2020-06-01", "Emmanuel Macron"),
    ("RUS", "head_of_state", "2020-06-01", "Vladimir Putin"),
    ("CHN", "head_of_state", "2020-06-01", "Xi Jinping"),
    ("JPN", "head_of_government", "2018-06-01", "Shinzo Abe"),
    ("IND", "head_of_government", "2020-06-01", "Narendra Modi"),
    ("OAS", "org_leader", "2020-06-01", "Luis Almagro"),
    ("UN", "org_leader", "2020-06-01", "António Guterres"),
])
def test_who_held_office(kb: KnowledgeBase, country: str, role: str, date: str,
                         name: str) -> None:
    held = [fold(p.name) for p, _ in kb.who(country, role, D(date))]
    assert fold(name) in held


def test_person_sector_follows_date(kb: KnowledgeBase) -> None:
    amlo = kb.find_people("López Obrador")[0]
    assert kb.standing(amlo.id, D("2017-05-01")).sector == "OPP"
    assert kb.standing(amlo.id, D("2020-05-01")).sector == "GOV"
    assert kb.standing(amlo.id, D("2020-05-01")).code == "MEX"


@pytest.mark.parametrize(("bloc", "date", "member", "expected"), [
    ("CELAC", "2021-06-01", "BRA", False),   # Brazil left CELAC in January 2020
    ("CELAC", "2023-06-01", "BRA", True),
    ("OAS", "2020-06-01", "VEN", False),
    ("OAS", "2015-06-01", "VEN", True),
    ("MERCOSUR", "2018-06-01", "VEN", False),  # suspended
    ("BRICS", "2024-06-01", "EGY", True),
    ("BRICS", "2023-06-01", "EGY", False),
    ("LIMA_GROUP", "2018-06-01", "PER", True),
])
def test_membership_on_a_date(kb: KnowledgeBase, bloc: str, date: str, member: str,
                              expected: bool) -> None:
    assert (member in kb.members(bloc, D(date))) is expected


def test_every_member_and_role_country_exists(kb: KnowledgeBase) -> None:
    for m in kb.tables.memberships:
        assert m.org in kb.organizations, m
        assert m.country in kb.countries, m
    for person in kb.tables.people:
        for role in person.roles:
            assert kb.is_actor_code(role.country), (person.id, role)


def test_head_of_state_terms_do_not_overlap(kb: KnowledgeBase) -> None:
    """Two non-acting holders of one office on the same day happen only where history has
    them (co-presidencies) or at a same-day handover."""
    overlaps = []
    by_office: dict[tuple[str, str], list] = defaultdict(list)
    for person in kb.tables.people:
        for role in person.roles:
            if "head_of_state" in role.roles and not role.acting and len(role.country) == 3:
                by_office[(role.country, person.id)].append(role)
    terms: dict[str, list] = defaultdict(list)
    for (country, pid), roles in by_office.items():
        terms[country] += [(r.start, r.end or dt.date.max, pid) for r in roles]
    for country, spans in terms.items():
        spans.sort()
        for (_, e1, p1), (s2, _, p2) in pairwise(spans):
            if p1 != p2 and s2 < e1:
                overlaps.append((country, p1, p2))
    # Nicaragua's co-presidency (2025 constitutional reform)
    allowed = {("NIC", "daniel-ortega", "rosario-murillo")}
    assert set(overlaps) - allowed == set()


def test_full_names_are_unique(kb: KnowledgeBase) -> None:
    seen: dict[str, str] = {}
    for person in kb.tables.people:
        key = fold(person.name)
        assert key not in seen, f"{person.id} and {seen[key]} share the name {person.name}"
        seen[key] = person.id


def test_user_file_overrides_and_adds(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "people:\n"
        "  - id: jane-example\n    name: Jane Example\n    country: MEX\n    gender: f\n"
        "    source: my notes\n    roles:\n"
        "      - {role: foreign_minister, country: MEX, sector: GOV, start: 2030-01-01,"
        " source: my notes}\n", encoding="utf-8")
    kb = load_kb(extra)
    assert "Jane Example" in [p.name for p, _ in kb.who("MEX", "foreign_minister",
                                                          D("2030-06-01"))]


@pytest.mark.parametrize(("content", "problem"), [
    ("people:\n  - id: Bad Id\n    name: X\n    country: MEX\n    source: s\n", "slug"),
    ("people:\n  - id: x\n    name: X\n    country: MEX\n    source: s\n    roles:\n"
     "      - {role: king, country: MEX, start: 2020-01-01}\n", "unknown role"),
    ("people:\n  - id: x\n    name: X\n    country: MEX\n    source: s\n    roles:\n"
     "      - {role: minister, country: MEX, start: 2020-01-01, end: 2019-01-01}\n",
     "before it starts"),
    ("memberships:\n  - {org: OAS, country: MEX, status: member, start: 2020-13-01,"
     " source: s}\n", "date"),
    ("countries: 3\n", "list"),
    ("planets: []\n", "unknown table"),
])
def test_bad_user_entry_names_file_entry_and_problem(tmp_path: Path, content: str,
                                                     problem: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(KBError) as info:
        load_kb(extra)
    assert "bad.yaml" in str(info.value) and problem in str(info.value)


def test_group_sector_follows_date(kb: KnowledgeBase) -> None:
    farc = kb.group("farc", D("2010-05-01"))
    assert farc is not None and (farc.country, farc.sector) == ("COL", "REB")
    later = kb.group("farc", D("2019-05-01"))
    assert later is not None and later.sector == "OPP"    # the party after disarmament


def test_user_group_is_added_and_validated(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "groups:\n  - {id: frente-example, name_en: Example Front, country: PER, sector: REB,"
        " start: 2020-01-01, kind: armed_group, source: my notes}\n", encoding="utf-8")
    kb = load_kb(extra)
    group = kb.group("frente-example", D("2021-01-01"))
    assert group is not None and group.country == "PER"
    extra.write_text(
        "groups:\n  - {id: frente-example, name_en: Example Front, country: PER, sector: REB,"
        " start: 2020-01-01, kind: militia, source: my notes}\n", encoding="utf-8")
    with pytest.raises(KBError) as info:
        load_kb(extra)
    assert "mine.yaml" in str(info.value) and "kind" in str(info.value)
