"""From name mentions in a parsed sentence to actors: who, which country, which sector.

A mention ("Venezuelan", "Peru", "Díaz-Canel") is climbed up to the noun it modifies
("Venezuelan protesters", "Peru's foreign minister") so that one noun phrase gives one actor,
with its sector from the head noun and a person found from a title when the KB knows who held
that office on the event's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from blocwatch.coder.matcher import Entry, Mention
from blocwatch.kb import KnowledgeBase
from blocwatch.lang.base import Lexicon


@dataclass(slots=True)
class Actor:
    head: int                 # index of the head token in the parsed sentence
    tokens: frozenset[int]    # token indices the actor's names cover
    text: str
    code: str | None
    sector: str | None
    kind: str                 # person, org, country, metonym, capital, adjective, demonym,
    #                           place, group (an armed group, party or agency: "FARC"),
    #                           associate (a person's people: "Morales supporters")
    #                           or generic (a sector noun with no country: "police")
    kb_id: str | None = None
    name: str | None = None
    place: Entry | None = None  # the gazetteer reading, when the words can be a place


@dataclass(slots=True)
class Context:
    """What the actor finder needs besides the sentence: KB, words, date, earlier names."""

    kb: KnowledgeBase
    lexicon: Lexicon
    date: dt.date | None
    seen_people: set[str]
    nearby: frozenset[str] = frozenset()    # countries the sentence names or places in


def _span_root(doc: Any, start: int, end: int) -> Any | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _climb(token: Any, lex: Lexicon, covered: set[int]) -> Any:
    """The head noun a name modifies: 'Venezuelan' -> 'protesters', 'Peru' -> 'minister'."""
    modifier_deps = lex.set("modifier_deps")
    of_preps = lex.set("of_preps")
    pobj_deps = lex.set("pobj_deps")
    nouns = lex.map("sector_nouns")
    for _ in range(5):
        if token.i not in covered and (token.lower_ in nouns or token.lemma_.lower() in nouns) \
                and not (token.dep_ in ("compound", "flat") or token.head.pos_ == "PROPN"):
            break   # 'la Asamblea Constituyente de Venezuela' in 'los resultados de …' (but
            #         'Guatemala's Attorney General Consuelo Porras' goes on to the name)
        head = token.head
        if token.dep_ == "conj" and head.dep_ in ("amod", "compound", "nmod", "poss") and \
                head.i != token.i:
            token = head        # 'Hungarian and Romanian officials': both modify 'officials'
            continue
        if head.pos_ == "NUM" and head.dep_ in ("nummod", "compound") and \
                head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i:
            head = head.head    # 'Turkish F-16 jets': the model number is not the noun
        if head.i == token.i or head.pos_ not in ("NOUN", "PROPN") or \
                head.lower_ in _TIME_NOUNS:
            break       # ('se retiró el miércoles del Grupo de Lima': not Wednesday's group)
        if token.dep_ in modifier_deps and token.dep_ != "appos":
            cases = [c.lower_ for c in token.children if c.dep_ == "case" and c.pos_ == "ADP"]
            if cases and not set(cases) & of_preps:
                break       # 'acuerdo con Estados Unidos' is not the United States' deal
            token = head
            continue
        if token.dep_ in pobj_deps and head.lemma_.lower() in of_preps:
            owner = head.head
            if owner.pos_ in ("NOUN", "PROPN") and owner.i != head.i:
                token = owner
                continue
        break
    return token


_TIME_NOUNS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "week", "weekend", "semana",
    "month", "mes", "year", "año", "day", "día", "night", "noche", "morning", "mañana",
    "afternoon", "tarde"})


def _title_role(head: Any, lex: Lexicon) -> str | None:
    titles = lex.map("titles")
    words = [head.lemma_.lower(), head.text.lower()]
    left = [t.text.lower() for t in head.lefts if t.dep_ in ("compound", "amod")]
    if left:
        words.insert(0, f"{left[-1]} {head.text.lower()}")
    for child in head.children:
        if child.dep_ == "prep":
            words.insert(0, f"{head.text.lower()} {child.text.lower()} " +
                         " ".join(t.text.lower() for t in child.children))
    for word in words:
        if word in titles:
            return titles[word]
    return None


def _sector_of(head: Any, lex: Lexicon) -> str | None:
    """The sector a head noun names, or the nearest title among its modifiers
    ('U.S. House Speaker Nancy Pelosi' -> LEG)."""
    nouns = lex.map("sector_nouns")
    for word in (head.text.lower(), head.lemma_.lower()):
        if word in nouns:
            return nouns[word]
    if head.pos_ == "PROPN":
        for child in reversed([c for c in head.lefts if c.dep_ in ("compound", "amod")]):
            for word in (child.lower_, child.lemma_.lower()):
                if word in nouns:
                    return nouns[word]
    return None


def resolve_person(entry: Entry, ctx: Context) -> tuple[str, str | None, str | None] | None:
    """(kb_id, code, sector) of a person on the date, or None when ambiguous."""
    standing = ctx.kb.standing(entry.ref, ctx.date)
    return entry.ref, standing.code, standing.sector


def _pick_surname(entries: tuple[Entry, ...], ctx: Context) -> Entry | None:
    people = [e for e in entries if e.kind == "surname"]
    seen = [e for e in people if e.ref in ctx.seen_people]
    if len({e.ref for e in seen}) == 1:
        return seen[0]
    if len({e.ref for e in people}) == 1:
        return people[0]
    if ctx.date is None:
        return None
    active = [e for e in people if any(
        r.sector is not None for r in ctx.kb.roles_on(e.ref, ctx.date))]
    if len({e.ref for e in active}) == 1:
        return active[0]
    # 'Morales supporters … in Senkata, near El Alto': the one whose country the sentence names
    local = [e for e in people if any(r.country in ctx.nearby
                                      for r in ctx.kb.roles_on(e.ref, ctx.date))]
    if len({e.ref for e in local}) == 1:
        return local[0]
    return None


def _nearby(mentions: list[Mention], kb: KnowledgeBase) -> frozenset[str]:
    codes = set()
    for mention in mentions:
        for entry in mention.entries:
            if entry.kind in ("country", "capital", "adjective", "demonym", "metonym"):
                codes.add(entry.ref)
            elif entry.kind == "place":
                place = kb.place(entry.ref)
                if place is not None:
                    codes.add(place.country)
    return frozenset(codes)


def _after_location_prep(token: Any, lex: Lexicon) -> bool:
    preps = lex.set("location_preps")
    return (token.head.lower_ in preps) or any(
        c.dep_ == "case" and c.lower_ in preps for c in token.children)


def _associate_of(root: Any, lex: Lexicon) -> Any | None:
    """The noun naming someone's people: 'Guaidó's chief of staff', 'Morales supporters',
    'partidarios de Morales'."""
    head = root.head
    if head.i == root.i or head.pos_ not in ("NOUN", "PROPN"):
        return None         # ('Seguidores de Evo Morales' opens a sentence: a PROPN to spaCy)
    associates = lex.map("associate_nouns")
    if head.lower_ not in associates and head.lemma_.lower() not in associates:
        return None
    if root.dep_ in ("poss", "compound"):
        return head
    if root.dep_ in ("nmod", "pobj") and (
            any(c.dep_ == "case" and c.lower_ in lex.set("of_preps") for c in root.children)
            or (root.dep_ == "pobj" and head.lower_ in lex.set("of_preps"))):
        return head
    return None


def _actor_from_mention(doc: Any, mention: Mention, ctx: Context) -> Actor | None:
    root = _span_root(doc, mention.start, mention.end)
    if root is None:
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    covered = {t.i for t in span}
    place = next((e for e in mention.entries if e.kind in ("place", "capital", "country")), None)
    entry = mention.entries[0]
    if entry.kind == "place" and any(e.kind == "surname" for e in mention.entries) and \
            not _after_location_prep(root, ctx.lexicon):
        entry = next(e for e in mention.entries if e.kind == "surname")   # Santos the person
    if entry.kind == "surname":
        picked = _pick_surname(mention.entries, ctx)
        if picked is None:
            return Actor(root.i, frozenset(covered), mention.text, None, None, "place",
                         place=place) if place else None
        entry = picked
    if entry.kind in ("person", "surname"):
        kb_id, code, sector = resolve_person(entry, ctx) or (entry.ref, None, None)
        person = ctx.kb.person(kb_id)
        ctx.seen_people.add(kb_id)
        owner = _associate_of(root, ctx.lexicon)
        if owner is not None:       # 'Guaidó's chief of staff' acts for Guaidó's side
            sector = ctx.lexicon.map("associate_nouns").get(owner.lower_) or sector
            return Actor(owner.i, frozenset(covered), _phrase(doc, owner), code, sector,
                         "associate")
        return Actor(root.i, frozenset(covered), mention.text, code, sector, "person", kb_id,
                     person.name if person else None, place)
    if entry.kind == "place":
        row = ctx.kb.place(entry.ref)     # a city is no actor, but it says in which country
        return Actor(root.i, frozenset(covered), mention.text, row.country if row else None,
                     None, "place", place=entry)
    if entry.kind == "group":
        group = ctx.kb.group(entry.ref, ctx.date)
        if group is None:
            return None
        head = _climb(root, ctx.lexicon, covered)    # 'FARC rebels', 'disidencias de las FARC'
        return Actor(head.i, frozenset(covered), _phrase(doc, head), group.country, group.sector,
                     "group", group.id, group.name_en, None)
    return _group_actor(doc, root, covered, mention, entry, ctx, place)


def _group_actor(doc: Any, root: Any, covered: set[int], mention: Mention, entry: Entry,
                 ctx: Context, place: Entry | None) -> Actor | None:
    lex = ctx.lexicon
    head = _climb(root, lex, covered)
    name = _entity_name(entry, ctx)
    code, sector = entry.ref, entry.sector
    if head.i != root.i:
        if head.lemma_.lower() in lex.set("non_actor_nouns") or \
                head.text.lower() in lex.set("non_actor_nouns"):
            # 'en el centro de Caracas': no actor, but still a place where things happen
            if place is None and entry.kind not in ("adjective", "country"):
                return None
            return Actor(root.i, frozenset(covered), mention.text,   # ('the Colombian border')
                         code if entry.kind in ("country", "capital", "adjective") else None,
                         None, "place", place=place)
        role = _title_role(head, lex)
        if role and ctx.date is not None and entry.kind != "org":
            held = ctx.kb.who(code, role, ctx.date)
            if held:
                person, office = held[0]
                ctx.seen_people.add(person.id)
                # the office named decides: Charles III as Australia's head of state is AUS
                return Actor(head.i, frozenset(covered), _phrase(doc, head), code,
                             office.sector or "GOV", "person", person.id, person.name, None)
        noun_sector = _sector_of(head, lex)
        if entry.kind == "org":
            sector = "IGO"
        elif noun_sector:
            sector = noun_sector
        elif role:
            sector = "GOV"
        elif entry.kind == "adjective" and root.pos_ in ("NOUN", "PROPN") and any(
                e.kind == "demonym" for e in mention.entries):
            sector = "CVL"      # 'un millar de colombianos': the people, not the state
        elif entry.kind in ("country", "capital", "metonym") or (
                entry.kind == "adjective" and head.pos_ == "NOUN"):
            sector = sector or "GOV"     # 'Chinese goods', 'Venezuela's airspace': the state
        return Actor(head.i, frozenset(covered), _phrase(doc, head), code, sector, entry.kind,
                     None, name, None)
    if entry.kind == "demonym":
        sector = "CVL"
    elif entry.kind == "adjective":
        noun_sector = _sector_of(root, lex)
        as_people = root.pos_ in ("NOUN", "PRON") and (
            root.tag_ == "NNS" or "Plur" in root.morph.get("Number") or
            any(e.kind == "demonym" for e in mention.entries))
        sector = noun_sector or ("CVL" if as_people else None)
        if sector is None and root.pos_ not in ("NOUN", "PROPN"):
            return None
    elif entry.kind in ("country", "capital") and sector is None:
        sector = "GOV"
    return Actor(root.i, frozenset(covered), mention.text, code, sector, entry.kind, None, name,
                 place)


def _entity_name(entry: Entry, ctx: Context) -> str | None:
    country = ctx.kb.country(entry.ref)
    if country is not None:
        return country.name_en
    org = ctx.kb.organization(entry.ref)
    return org.name_en if org else None


_PHRASE_CUT = frozenset({"relcl", "acl", "acl:relcl", "punct", "appos", "cc", "conj", "det",
                         "case", "advmod", "obl", "mark", "parataxis"})


def _phrase(doc: Any, head: Any) -> str:
    """The words of a noun phrase, without clauses, lists, articles or trailing adverbs."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _PHRASE_CUT and
             not (c.dep_ == "prep" and c.lower_ not in ("of", "de", "del"))]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _PHRASE_CUT)
    if not keep:
        return str(head.text)
    start = min(t.idx for t in keep)
    end = max(t.idx + len(t.text) for t in keep)
    return str(doc.text[start:end])


def find_actors(doc: Any, mentions: list[Mention], ctx: Context) -> list[Actor]:
    """One actor per head noun, the most specific reading winning (person > org > country)."""
    rank = {"person": 0, "group": 1, "org": 1, "associate": 1, "metonym": 2, "country": 3,
            "capital": 4, "adjective": 5, "demonym": 6, "place": 7, "generic": 8}
    by_head: dict[int, Actor] = {}
    ctx.nearby = _nearby(mentions, ctx.kb)
    for mention in mentions:
        actor = _actor_from_mention(doc, mention, ctx)
        if actor is None:
            continue
        other = by_head.get(actor.head)
        if other is not None and other.code != actor.code and \
                {other.kind, actor.kind} <= {"adjective", "country", "demonym"}:
            # 'Colombian and Venezuelan officials': two groups sharing one noun
            by_head[-(len(by_head) + 1) * 1000 - actor.head] = actor
            continue
        if other is None or rank[actor.kind] < rank[other.kind]:
            if other is not None:
                actor.tokens = actor.tokens | other.tokens
            by_head[actor.head] = actor
        else:
            other.tokens = other.tokens | actor.tokens
    covered = {i for a in by_head.values() for i in a.tokens} | {a.head for a in by_head.values()}
    nouns = ctx.lexicon.map("sector_nouns")
    for token in doc:
        if token.i in covered or token.pos_ not in ("NOUN", "PROPN") or (
                token.dep_ in ("compound", "amod", "flat") and (
                    token.pos_ == "PROPN" or token.head.pos_ == "PROPN" or
                    token.head.lower_ in nouns or token.head.lemma_.lower() in nouns)):
            continue    # 'opposition leaders' is one group; 'indígenas awajún' parsed as a
            #             compound still names people
        sector = nouns.get(token.lower_) or nouns.get(token.lemma_.lower())
        if token.i > 1 and doc[token.i - 1].text == "-":
            continue        # 'secretary-general', 'attorney-general' are titles, not soldiers
        modifiers = [nouns.get(c.lower_) for c in token.children if c.dep_ in ("compound", "amod")]
        if sector is None and token.pos_ == "NOUN" and any(m and m != "GOV" for m in modifiers):
            sector = "GOV"      # 'opposition politicians': the modifier decides below
        if sector == "GOV" and any(m and m != "GOV" for m in modifiers):
            sector = next(m for m in modifiers if m and m != "GOV")   # 'opposition leaders'
        if sector and sector not in ("GOV", "BUS", "MED"):
            by_head[token.i] = Actor(token.i, frozenset({token.i}), _phrase(doc, token), None,
                                     sector, "generic")
    _postnominal_adjectives(doc, by_head)
    return sorted(by_head.values(), key=lambda a: a.head)


def _postnominal_adjectives(doc: Any, by_head: dict[int, Actor]) -> None:
    """'las Fuerzas Armadas venezolanas' parsed as two objects: a country adjective right
    after a group with no country is that group's country."""
    for actor in list(by_head.values()):
        if actor.kind != "generic" or actor.code is not None:
            continue
        head = doc[actor.head]
        last = max([head.i, *(c.i for c in head.rights if c.dep_ in ("flat", "amod"))])
        follower = by_head.get(last + 1)
        if follower is not None and follower.kind in ("adjective", "demonym") and \
                follower.code is not None:
            actor.code = follower.code
            actor.tokens = actor.tokens | follower.tokens
            actor.text = doc.text[doc[min(actor.tokens | {head.i})].idx:
                                  doc[last + 1].idx + len(doc[last + 1].text)]
            del by_head[last + 1]
