"""A small, fixed knowledge base for the analytics tests, built with the real KB classes.

The tests need facts that do not move when the shipped data files are edited, so they build a
`blocwatch.kb.KnowledgeBase` from these tables. The facts are real and rounded (populations:
World Bank 2022 estimates; memberships: the blocs' Wikipedia articles; orientation: Wikipedia
articles on each government).
"""

from __future__ import annotations

import datetime as dt

from blocwatch.kb import Country, KnowledgeBase, Membership, Orientation, Tables

D = dt.date.fromisoformat


_COUNTRIES = [
    # code, name, population (millions, rounded), subregion
    ("ATG", "Antigua and Barbuda", 0.09, "Caribbean"),
    ("ARG", "Argentina", 46.2, "South America"),
    ("BHS", "Bahamas", 0.41, "Caribbean"),
    ("BRB", "Barbados", 0.28, "Caribbean"),
    ("BLZ", "Belize", 0.41, "Central America"),
    ("BOL", "Bolivia", 12.2, "South America"),
    ("BRA", "Brazil", 215.3, "South America"),
    ("CHL", "Chile", 19.6, "South America"),
    ("COL", "Colombia", 51.9, "South America"),
    ("CRI", "Costa Rica", 5.2, "Central America"),
    ("CUB", "Cuba", 11.2, "Caribbean"),
    ("DMA", "Dominica", 0.07, "Caribbean"),
    ("DOM", "Dominican Republic", 11.2, "Caribbean"),
    ("ECU", "Ecuador", 18.0, "South America"),
    ("SLV", "El Salvador", 6.3, "Central America"),
    ("GRD", "Grenada", 0.13, "Caribbean"),
    ("GTM", "Guatemala", 17.4, "Central America"),
    ("GUY", "Guyana", 0.81, "South America"),
    ("HTI", "Haiti", 11.6, "Caribbean"),
    ("HND", "Honduras", 10.4, "Central America"),
    ("JAM", "Jamaica", 2.8, "Caribbean"),
    ("MEX", "Mexico", 127.5, "Central America"),
    ("NIC", "Nicaragua", 6.9, "Central America"),
    ("PAN", "Panama", 4.4, "Central America"),
    ("PRY", "Paraguay", 6.8, "South America"),
    ("PER", "Peru", 34.0, "South America"),
    ("KNA", "Saint Kitts and Nevis", 0.05, "Caribbean"),
    ("LCA", "Saint Lucia", 0.18, "Caribbean"),
    ("VCT", "Saint Vincent and the Grenadines", 0.10, "Caribbean"),
    ("SUR", "Suriname", 0.62, "South America"),
    ("TTO", "Trinidad and Tobago", 1.5, "Caribbean"),
    ("URY", "Uruguay", 3.4, "South America"),
    ("VEN", "Venezuela", 28.3, "South America"),
    ("USA", "United States", 333.3, "Northern America"),
    ("CAN", "Canada", 38.9, "Northern America"),
    ("ESP", "Spain", 47.8, "Southern Europe"),
    ("CHN", "China", 1412.0, "Eastern Asia"),
    ("RUS", "Russia", 144.2, "Eastern Europe"),
]
_REGION = {"Northern America": "Americas", "Southern Europe": "Europe",
           "Eastern Europe": "Europe", "Eastern Asia": "Asia"}

CELAC_STATES = [c[0] for c in _COUNTRIES[:33]]

# org, country, start, end (None = ongoing)
_MEMBERS: list[tuple[str, str, str, str | None]] = [
    *[("CELAC", c, "2011-12-03", None) for c in CELAC_STATES if c != "BRA"],
    ("CELAC", "BRA", "2011-12-03", "2020-01-16"), ("CELAC", "BRA", "2023-01-05", None),
    ("ALBA", "VEN", "2004-12-14", None), ("ALBA", "CUB", "2004-12-14", None),
    ("ALBA", "BOL", "2006-04-29", "2019-11-15"), ("ALBA", "BOL", "2020-11-09", None),
    ("ALBA", "NIC", "2007-01-11", None), ("ALBA", "DMA", "2008-01-26", None),
    ("ALBA", "ECU", "2009-06-24", "2018-08-23"), ("ALBA", "ATG", "2009-06-24", None),
    ("ALBA", "VCT", "2009-06-24", None), ("ALBA", "LCA", "2013-07-30", None),
    ("ALBA", "GRD", "2014-12-14", None), ("ALBA", "KNA", "2014-12-14", None),
    *[("LIMA_GROUP", c, "2017-08-08", None)
      for c in ("BRA", "CAN", "CHL", "COL", "CRI", "GTM", "HND", "PAN", "PRY")],
    ("LIMA_GROUP", "ARG", "2017-08-08", "2021-03-24"),
    ("LIMA_GROUP", "PER", "2017-08-08", "2021-08-31"),
    ("LIMA_GROUP", "MEX", "2017-08-08", "2019-01-04"),
    *[("MERCOSUR", c, "1991-03-26", None) for c in ("ARG", "BRA", "PRY", "URY")],
    ("MERCOSUR", "VEN", "2012-07-31", None),
]
# Suspensions: org, country, start, end.
_SUSPENDED = [("MERCOSUR", "VEN", "2016-12-01", None), ("MERCOSUR", "PRY", "2012-06-29",
                                                          "2013-08-15")]

_ORIENTATION = [
    ("VEN", "1999-02-02", None, "left"), ("CUB", "1959-01-01", None, "left"),
    ("NIC", "2007-01-10", None, "left"),
    ("BOL", "2006-01-22", "2019-11-10", "left"), ("BOL", "2019-11-12", "2020-11-08", "right"),
    ("BOL", "2020-11-08", None, "left"),
    ("MEX", "2012-12-01", "2018-11-30", "centre"), ("MEX", "2018-12-01", None, "left"),
    ("COL", "2018-08-07", "2022-08-07", "right"), ("COL", "2022-08-07", None, "left"),
    ("BRA", "2019-01-01", "2022-12-31", "right"), ("BRA", "2023-01-01", None, "left"),
    ("ARG", "2015-12-10", "2019-12-10", "right"), ("ARG", "2019-12-10", "2023-12-10", "left"),
    ("CHL", "2018-03-11", "2022-03-11", "right"), ("CHL", "2022-03-11", None, "left"),
]


SOURCE = "blocwatch tests"


def _country(code: str, name: str, millions: float, subregion: str) -> Country:
    return Country(
        code=code, iso2=code[:2], name_en=name, name_es=name, aliases_en=(), aliases_es=(),
        adjectives_en=(), adjectives_es=(), demonyms_en=(), demonyms_es=(), capital_en="",
        capital_es="", capital_lat=None, capital_lon=None, lat=None, lon=None,
        population=round(millions * 1_000_000), un_status="member",
        region=_REGION.get(subregion, "Americas"), subregion=subregion, source=SOURCE,
    )


def _date(text: str | None) -> dt.date | None:
    return None if text is None else D(text)


def test_kb() -> KnowledgeBase:
    """A KnowledgeBase holding the facts above."""
    memberships = [Membership(o, c, "member", D(s), _date(e), SOURCE) for o, c, s, e in _MEMBERS]
    memberships += [Membership(o, c, "suspended", D(s), _date(e), SOURCE)
                    for o, c, s, e in _SUSPENDED]
    tables = Tables(
        countries=[_country(*row) for row in _COUNTRIES],
        memberships=memberships,
        orientation=[Orientation(c, D(s), _date(e), o, None, SOURCE)
                     for c, s, e, o in _ORIENTATION],
    )
    return KnowledgeBase(tables, version="tests")
