"""Who led which state when: the knowledge base checked against an independent source.

tests/data/kb/who_checks_reign.csv (built by scripts/build_who_checks.py) holds 400 (country,
date) pairs drawn with a fixed seed for the 33 CELAC states, the United States, Canada, Spain and
the other G20 states, 2000-01-01 to 2021-02-28, each with the leader that REIGN (Bell, Besaw and
Frank, leader list of March 2021) names for that day.

The knowledge base answers a row correctly when REIGN's leader is one of the holders of
`head_of_state` or `head_of_government` (acting holders included) on that date. Names match when
every token of REIGN's name (accents and case folded; REIGN often gives the surname only, and
sometimes an initial such as "D.Barrow") is among the tokens of the person's name and aliases.

REIGN names one "effective leader" per state, and by its own rules that is sometimes a person
who holds neither office. These documented conventions are also accepted:

- One-party states (CUB, CHN, and VNM, LAO, PRK should they be added): REIGN follows the party
  leader, so the knowledge base's `party_leader` holders count too. Cuba: Raúl Castro stays
  REIGN's leader until 2021 although Díaz-Canel became president on 2018-04-19; China: Xi
  Jinping from 2012-11-15 (party congress), before his presidency on 2013-03-14.
- Saudi Arabia: REIGN dates King Abdullah's rule from 1996-01-01, when he became de facto regent
  after King Fahd's stroke; Fahd stayed king (head of state and government) until 2005-08-01.
  REIGN's "Abdullah" is accepted for SAU from 1996-01-01 to 2005-07-31.

REIGN's own spelling slips are repaired before matching (REPAIRS): it writes El Salvador's Saca
as "Saca Gonzšlez" (an encoding slip for González).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from blocwatch.kb import KnowledgeBase
from blocwatch.kb.names import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "kb" / "who_checks_reign.csv"
MIN_ACCURACY = 0.97
OFFICES = ("head_of_state", "head_of_government")
# States whose REIGN leader is the ruling party's leader (see the module docstring).
PARTY_STATES = frozenset({"CUB", "CHN", "VNM", "LAO", "PRK"})
# (country, REIGN name, first day, last day): a REIGN leader accepted by documented convention.
CONVENTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("SAU", "Abdullah", "1996-01-01", "2005-07-31"),
)
# REIGN's spelling slips -> the intended spelling.
REPAIRS = {"Gonzšlez": "González"}
_WORD = re.compile(r"[^\W_]+")


def name_tokens(text: str) -> list[str]:
    """Folded word tokens, without parenthesised remarks such as '(acting)'."""
    for slip, right in REPAIRS.items():
        text = text.replace(slip, right)
    return _WORD.findall(fold(re.sub(r"\([^)]*\)", " ", text)))


def names_match(reign: str, forms: list[str]) -> bool:
    """True when every token of REIGN's name is among the tokens of the KB person's forms."""
    known = {t for form in forms for t in name_tokens(form)}
    wanted = name_tokens(reign)
    if not wanted:
        return False
    return all(t in known or (len(t) == 1 and any(k.startswith(t) for k in known))
               for t in wanted)


def holders(kb: KnowledgeBase, country: str, date: dt.date) -> list[list[str]]:
    """Name forms of everyone REIGN's leader may be on `date`."""
    offices = OFFICES + (("party_leader",) if country in PARTY_STATES else ())
    return [[person.name, *person.aliases]
            for office in offices for person, _ in kb.who(country, office, date)]


def by_convention(country: str, leader: str, date: dt.date) -> bool:
    return any(country == c and fold(leader) == fold(name)
               and dt.date.fromisoformat(first) <= date <= dt.date.fromisoformat(last)
               for c, name, first, last in CONVENTIONS)


def read_checks() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_checks_file_is_well_formed() -> None:
    rows = read_checks()
    assert len(rows) == 400
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row["country"])
        assert dt.date(2000, 1, 1) <= dt.date.fromisoformat(row["date"]) <= dt.date(2021, 2, 28)
        assert row["leader"] and row["source"]


def test_who_agrees_with_reign(kb: KnowledgeBase) -> None:
    rows = read_checks()
    misses = []
    for row in rows:
        date = dt.date.fromisoformat(row["date"])
        found = holders(kb, row["country"], date)
        if any(names_match(row["leader"], forms) for forms in found):
            continue
        if by_convention(row["country"], row["leader"], date):
            continue
        misses.append(f"{row['country']} {row['date']}: REIGN {row['leader']!r}, "
                      f"KB {[forms[0] for forms in found]}")
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= MIN_ACCURACY, (
        f"accuracy {accuracy:.3f} < {MIN_ACCURACY}; {len(misses)} misses:\n" + "\n".join(misses))


def test_names_match() -> None:
    assert names_match("D.Barrow", ["Dean Barrow"])
    assert names_match("Fernandez de Kirchner", ["Cristina Fernández de Kirchner"])
    assert names_match("Evans Paul (acting)", ["Evans Paul"])
    assert not names_match("Castro", ["Miguel Díaz-Canel"])
