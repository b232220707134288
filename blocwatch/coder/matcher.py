"""Find knowledge-base names in raw sentence text: the fast first pass of actor finding.

Both the names and the text are cut into the same simple tokens and compared folded (lower
case, no accents), so 'Diaz-Canel' finds 'Díaz-Canel'. Proper names must be capitalised in
the text ('Chile', not 'chile'); acronyms must match exactly ('US', not 'us').
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from blocwatch.kb import KnowledgeBase
from blocwatch.kb.names import fold, surnames

# words joined by hyphens are one token, except before the suffixes that say whose a thing is
# ('British-flagged tanker', 'Iranian-made drones')
TOKEN = re.compile(r"\w+(?:-(?!(?:flagged|owned|registered|made|built)\b)\w+)*|[^\w\s]",
                   re.UNICODE)

# kinds of name, in the order a tie between equally long matches is decided
KINDS = ("blocked", "person", "group", "org", "country", "metonym", "capital", "adjective",
         "demonym", "place", "surname")
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    ref: str                 # ISO3, organization code, person kb_id or place name
    sector: str | None = None
    lang: str = "*"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int               # character offsets in the text
    end: int
    text: str
    entries: tuple[Entry, ...]

    @property
    def kind(self) -> str:
        return self.entries[0].kind


class _Name:
    __slots__ = ("case", "entries", "tokens")

    def __init__(self, tokens: tuple[str, ...], case: tuple[int, ...]) -> None:
        self.tokens = tokens
        self.case = case            # per token: 0 any, 1 capitalised, 2 exact upper case
        self.entries: list[Entry] = []


def _case_rule(token: str) -> int:
    letters = [c for c in token if c.isalpha()]
    if 2 <= len(letters) <= 3 and all(c.isupper() for c in letters):
        return 2            # US, UN, CAN: never 'us', 'un', 'can'; 'Unasur' may be 'UNASUR'

    if letters and letters[0].isupper():
        return 1
    return 0


class NameMatcher:
    """A dictionary of every name the knowledge base knows, matched longest first."""

    def __init__(self) -> None:
        self._names: dict[tuple[str, ...], _Name] = {}
        self._lengths: dict[str, list[int]] = defaultdict(list)
        self.given_names: set[str] = set()   # folded first names: 'Manuel' in 'José Manuel Soria'
        self.title_words: set[str] = set()   # folded titles that may precede a bare surname

    def add(self, name: str, entry: Entry) -> None:
        raw = TOKEN.findall(name)
        if not raw:
            return
        key = tuple(fold(t) for t in raw)
        node = self._names.get(key)
        case = tuple(_case_rule(t) for t in raw)
        if node is None:
            node = _Name(key, case)
            self._names[key] = node
            lengths = self._lengths[key[0]]
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)
        elif any(e.ref == entry.ref for e in node.entries):
            # one name of one actor written two ways ('Sinaloa Cartel', 'Sinaloa cartel'): the
            # looser rule; names of different actors keep the stricter ('MAS', not 'Más')
            node.case = tuple(min(a, b) for a, b in zip(node.case, case, strict=True))
        else:
            node.case = tuple(max(a, b) for a, b in zip(node.case, case, strict=True))
        if entry not in node.entries:
            node.entries.append(entry)
            node.entries.sort(key=lambda e: _KIND_RANK[e.kind])

    def find(self, text: str) -> list[Mention]:
        spans = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        folded = [fold(t) for _, _, t in spans]
        found: list[Mention] = []
        i = 0
        while i < len(spans):
            node = self._match_at(spans, folded, i)
            if node is None:
                i += 1
                continue
            j = i + len(node.tokens)
            if node.entries[0].kind == "blocked":
                i = j           # 'América Latina' is not the United States
                continue
            if all(e.kind == "surname" for e in node.entries) and \
                    not _lone_name(spans, i, j, self.given_names, self.title_words):
                i = j           # 'Kim' in 'Kim Jong Un', 'Friday' in 'on Friday'
                continue
            if i > 0 and folded[i - 1] in _PLACE_PREFIXES and spans[i - 1][2][:1].isupper() and \
                    node.entries[0].kind in ("country", "capital", "adjective"):
                i = j           # 'Puerto Jordán', 'Nueva Guinea': part of another place's name
                continue
            start, end = spans[i][0], spans[j - 1][1]
            found.append(Mention(start, end, text[start:end], tuple(node.entries)))
            i = j
        return found

    def _match_at(self, spans: list[tuple[int, int, str]], folded: list[str],
                  i: int) -> _Name | None:
        for n in self._lengths.get(folded[i], ()):
            node = self._names.get(tuple(folded[i:i + n]))
            if node is None:
                continue
            if all(_case_ok(spans[i + k][2], rule) for k, rule in enumerate(node.case)):
                return node
        return None


_MONTHS_AND_DAYS = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December lunes martes miércoles jueves "
    "viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre "
    "octubre noviembre diciembre")
_NOT_SURNAMES = frozenset(fold(w) for w in _MONTHS_AND_DAYS.split(" "))
# names of world regions that contain a country's name but are no actor
_REGIONS = ("Latin America", "América Latina", "Latinoamérica", "South America", "Sudamérica",
            "Suramérica", "América del Sur", "Central America", "Centroamérica",
            "América Central", "North America", "Norteamérica", "América del Norte",
            "the Americas", "las Américas", "Summit of the Americas", "Cumbre de las Américas")

_PLACE_PREFIXES = frozenset(fold(w) for w in (
    "Puerto", "Port", "San", "Santa", "Santo", "Nueva", "Nuevo", "New", "Ciudad", "Villa", "Isla",
    "Mar", "Río", "Lago", "Lake", "Cabo", "Monte", "Sierra", "Bahía", "Golfo", "Fort", "Fuerte",
    "Valle", "Punta"))
_NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "van", "von", "di", "la"})


def _lone_name(spans: list[tuple[int, int, str]], i: int, j: int, given: set[str],
               titles: frozenset[str] | set[str] = frozenset()) -> bool:
    """A surname alone names a person only when no other capitalised name runs into it:
    not 'Kim' in 'Kim Jong Un', not 'Soria' in 'José Manuel Soria'."""
    if fold(" ".join(t for _, _, t in spans[i:j])) in _NOT_SURNAMES:
        return False
    after = spans[j][2] if j < len(spans) else ""
    before = spans[i - 1][2] if i > 0 else ""
    if before[:1].isupper() and before.isalpha() and (
            fold(before) in given or (titles and i > 1 and fold(before) not in titles and
                                      fold(before) not in _NOT_SURNAMES)):
        return False    # 'José Manuel Soria', 'Timoleón Jiménez' — but 'President Boric'
    if before in _NAME_PARTICLES and i > 1 and fold(spans[i - 2][2]) in given:
        return False        # 'Alexandre de Moraes' (but 'el Gobierno de Maduro' is Maduro)
    return not (after[:1].isupper() and after.replace("-", "").isalpha())  # 'Kim Jong-un'


def _case_ok(token: str, rule: int) -> bool:
    if rule == 0:
        return True
    if rule == 2:
        return token.isupper()
    return token[:1].isupper()


def build_matcher(kb: KnowledgeBase, *, title_words: Iterable[str] = ()) -> NameMatcher:
    """Every country, organization, seat of power, place and person name in the KB."""
    m = NameMatcher()
    m.title_words = set(title_words)
    for c in kb.countries.values():
        for name in (c.name_en, c.name_es, *c.aliases_en, *c.aliases_es):
            m.add(name, Entry("country", c.code))
        for name in (*c.adjectives_en, *c.adjectives_es):
            m.add(name, Entry("adjective", c.code))
        for name in (*c.demonyms_en, *c.demonyms_es):
            m.add(name, Entry("demonym", c.code, "CVL"))
        for name in {c.capital_en, c.capital_es} - {""}:
            m.add(name, Entry("capital", c.code))
    for o in kb.organizations.values():
        for name in (o.name_en, o.name_es, *o.aliases_en, *o.aliases_es, o.code):
            if "_" not in name:
                m.add(name, Entry("org", o.code, "IGO"))
    for met in kb.tables.metonyms:
        m.add(met.text, Entry("metonym", met.code, met.sector, met.lang))
    for rows in kb.groups.values():
        g = rows[0]
        for name in {*(n for r in rows for n in (r.name_en, r.name_es, *r.aliases_en,
                                                 *r.aliases_es))}:
            m.add(name, Entry("group", g.id))
    for name in _REGIONS:
        m.add(name, Entry("blocked", name))
    for place in kb.tables.places:
        for name in (place.name, *place.aliases):
            m.add(name, Entry("place", place.name))
    # a bare surname names a person only for the states the KB covers in depth (the region, the
    # G20, Spain and Portugal) and for leaders of organizations: 'el Chapo' is not Mozambique's
    # president Daniel Chapo
    covered = {ms.country for org in ("CELAC", "OAS", "G20", "EU") for ms in kb.memberships(org)}
    covered |= {"USA", "CAN", "ESP", "PRT", "VAT", "GBR"} | set(kb.organizations)
    for person in kb.tables.people:
        for name in (person.name, *person.aliases):
            m.add(name, Entry("person", person.id))
        if not any(r.country in covered for r in person.roles) and person.country not in covered:
            continue
        for name in surnames(person.name):
            m.add(name, Entry("surname", person.id))
        words = person.name.split()
        m.given_names.update(fold(w) for w in words[:1] if w.isalpha() and len(w) > 2)
    return m
