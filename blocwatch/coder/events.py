"""From a parsed sentence and its actors to events: trigger verbs, their arguments, modality.

Source and target come from the dependency structure: the subject (or the passive agent) of
an event verb is the source, its object or the object of the preposition its pattern names is
the target. A verb inside a clause governed by "could", "if", "plan to", "hope" or a negation
is flagged; a verb governed by a verb whose pattern absorbs it ("agreed to meet", "refused to
visit") is coded once, by the governor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from blocwatch.coder import codebook
from blocwatch.coder.actors import Actor
from blocwatch.lang.base import Lexicon, VerbPattern, lemma_of

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(slots=True)
class Trigger:
    token: Any
    pattern: VerbPattern


@dataclass(slots=True)
class Candidate:
    trigger: Trigger
    sources: list[Actor]
    targets: list[Actor]
    location: Actor | None
    negated: bool
    hypothetical: bool
    confidence: float
    intent: bool = False
    purpose_of: int | None = None
    notes: list[str] = field(default_factory=list)


def _children(token: Any, deps: frozenset[str]) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


_CONTRACTIONS = {"al": "a", "del": "de"}


def _prep_objects(token: Any, prep: str, lex: Lexicon) -> list[Any]:
    """Nominals a preposition links to `token`: 'met with X' (en), 'se reunió con X' (es)."""
    found = []
    for child in token.children:
        if child.dep_ in lex.set("prep_deps") and child.lemma_.lower() == prep:
            found.extend(_children(child, lex.set("pobj_deps")))
            found.extend(c for c in child.children if c.dep_ == "prep" and c.lemma_ == "with")
        elif child.dep_ in lex.set("oblique_deps") and any(
                c.dep_ == "case" and _CONTRACTIONS.get(c.lower_, c.lemma_.lower()) == prep
                for c in child.children):
            found.append(child)
    if prep == "with":
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ == "together":
                found.extend(_prep_objects(child, "with", lex))
    return found


_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "night", "morning", "afternoon", "evening",
    "week", "weekend", "month", "year", "day",
})


def _is_time_phrase(prep: Any) -> bool:
    """'on Friday', 'in March': a preposition that dates, not one that selects a verb sense."""
    return any(c.lower_ in _TIME_WORDS or c.like_num for c in prep.children)


def match_trigger(token: Any, lex: Lexicon) -> VerbPattern | None:
    if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
        return None
    patterns = lex.patterns.get(token.lemma_.lower()) or lex.patterns.get(
        lemma_of(token.lower_, token.lang_))
    if not patterns:
        return None
    objects = {form for c in token.children
               if c.dep_ in lex.set("object_deps") or c.dep_ in lex.set("passive_subject_deps")
               or c.dep_ == "npadvmod"      # 'gave the ambassador 48 hours'
               for t in (c, *(g for g in c.children if g.dep_ in ("compound", "conj")))
               for form in (t.lemma_.lower(), t.lower_)}   # 'German Ambassador Daniel Kriener',
    #                                                        'drones and missiles'
    # 'retiró a su embajador': Spanish marks a person object with 'a', and the parser often
    # calls it oblique
    objects |= {form for c in token.children if c.dep_ in lex.set("oblique_deps") and any(
        g.dep_ == "case" and g.lower_ in ("a", "al") for g in c.children)
        for form in (c.lemma_.lower(), c.lower_)}
    # 'responded with the expulsion of', 'respondió con la expulsión de': the noun after
    # 'with' carries the event as an object would
    objects |= {g.lemma_.lower() for c in token.children if c.lower_ in _WITH
                for g in c.children if g.dep_ in lex.set("pobj_deps")}
    objects |= {c.lemma_.lower() for c in token.children if c.dep_ in lex.set("oblique_deps")
                and any(g.dep_ == "case" and g.lower_ in _WITH for g in c.children)}
    transparent = lex.set("transparent_nouns")
    objects |= {form for c in token.children
                if c.dep_ in lex.set("object_deps") and c.lemma_.lower() in transparent
                for g in c.subtree if g.i > c.i and g.pos_ == "NOUN"
                for form in (g.lemma_.lower(), g.lower_)}   # 'el inicio de negociaciones'
    if not objects:     # 'imposed asset freezes', parsed as a clause: the words after it
        for follower in token.doc[token.i + 1:token.i + 5]:
            if follower.pos_ in ("ADP", "PUNCT", "SCONJ", "CCONJ"):
                break
            objects |= {follower.lower_, lemma_of(follower.lower_, token.lang_)}
    # 'took to the streets', 'removed Cuba from the list': the noun of a particle's phrase,
    # for patterns that name the particle
    phrase_nouns = {form for c in token.children if c.dep_ in lex.set("prep_deps")
                    and not _is_time_phrase(c) for g in c.children
                    if g.dep_ in lex.set("pobj_deps") for form in (g.lemma_.lower(), g.lower_)}
    phrase_nouns |= {form for c in token.children if c.dep_ in lex.set("oblique_deps")
                     and c.dep_ != "obj" for form in (c.lemma_.lower(), c.lower_)}
    particles = {c.lemma_.lower() for c in token.children
                 if (c.dep_ in lex.set("prep_deps") and not _is_time_phrase(c))
                 or c.dep_ in ("prt", "compound:prt")
                 or (c.dep_ == "advmod" and c.lower_ in ("back", "off", "out"))}  # 'hit back'
    particles |= {_CONTRACTIONS.get(g.lower_, g.lemma_.lower()) for c in token.children
                  if c.dep_ in lex.set("oblique_deps") for g in c.children if g.dep_ == "case"}
    for follower in token.doc[token.i + 1:token.i + 7]:     # the parse may have lost it
        if follower.pos_ == "VERB":
            break
        if follower.pos_ == "ADP":
            particles.add(_CONTRACTIONS.get(follower.lower_, follower.lower_))
    # '@oprd': 'called Petro an illegal drug leader' names, not phones
    particles |= {"@" + c.dep_ for c in token.children if c.dep_ in ("oprd", "attr")}
    for pattern in patterns:
        if pattern.objects and not (pattern.objects & objects) and not (
                pattern.particle and pattern.objects & phrase_nouns):
            continue
        if pattern.particle and pattern.particle not in particles:
            continue
        return pattern
    return None


_WITH = frozenset({"with", "con"})


_VISIT = VerbPattern(lemma="visit", particle=None, objects=frozenset(), cameo="042",
                     target=("to", "a", "al"), absorbs=False,
                     source="CAMEO 042: 'during a visit to X', by the clause's subject")
_VISIT_NOUNS = frozenset({"visit", "visita", "trip", "viaje"})
_VISIT_FRAMES = frozenset({"during", "on", "durante", "en"})


def _nominal_visit(token: Any) -> bool:
    """'… during a visit to Havana', '… durante una visita a La Habana'."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _VISIT_NOUNS:
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _VISIT_FRAMES:
        return token.head.head.pos_ == "VERB"
    return token.dep_ in ("obl", "nmod") and token.head.pos_ == "VERB" and any(
        c.dep_ == "case" and c.lower_ in _VISIT_FRAMES for c in token.children)


_DEMAND = VerbPattern(lemma="say", particle=None, objects=frozenset(), cameo="100",
                      target=(), absorbs=True,
                      source="CAMEO 100 demand: 'X said Y must / has to …', 'dijo que Y debe …'")


def _reported_demand(token: Any, lex: Lexicon) -> bool:
    """A reporting verb whose clause says what someone must do is a demand on them."""
    if token.lemma_.lower() not in lex.set("reporting_verbs") or token.pos_ != "VERB":
        return False
    for clause in token.children:
        if clause.dep_ not in ("ccomp", "xcomp") or not _children(clause,
                                                                  lex.set("subject_deps")):
            continue
        auxes = {form for c in clause.children if c.dep_ == "aux"
                 for form in (c.lower_, c.lemma_.lower())}
        # 'has to get out', 'tiene que salir': the clause's head is the modal verb itself
        periphrastic = clause.lemma_.lower() in ("have", "tener", "deber") and any(
            c.dep_ == "xcomp" for c in clause.children)
        if auxes & lex.set("deontic_modals") or periphrastic:
            return True
    return False


def find_triggers(doc: Any, lex: Lexicon) -> list[Trigger]:
    triggers = []
    for token in doc:
        pattern = match_trigger(token, lex)
        if pattern is None and _nominal_visit(token):
            pattern = _VISIT
        if pattern is None and _reported_demand(token, lex):
            pattern = _DEMAND
        if pattern is not None:
            triggers.append(Trigger(token, pattern))
    return triggers


def _actors_under(tokens: list[Any], actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """Actors whose head lies in the subtree of any of `tokens`, outside nested clauses and
    outside descriptive appositions ('Widodo, host of this year's G20')."""
    stop = lex.set("clause_stop_deps")
    heads = {a.head for a in actors}
    found: list[Actor] = []
    for token in tokens:
        inside = set()
        stack = [token]
        while stack:
            t = stack.pop()
            inside.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in stop and not (
                c.dep_ == "appos" and c.i not in heads and c.pos_ == "NOUN"))
        found.extend(a for a in actors if a.head in inside and a not in found)
    return found


def _is_periphrastic_passive(verb: Any) -> bool:
    """'fue recibido por', 'was received by' when the parser did not label it passive."""
    return "Part" in verb.morph.get("VerbForm") and any(
        c.dep_ in ("aux", "aux:pass", "cop") and c.lemma_.lower() == "ser"
        for c in verb.children)


def _subject_tokens(verb: Any, lex: Lexicon) -> tuple[list[Any], bool]:
    """The verb's subject tokens and whether they are a passive subject."""
    subj = _children(verb, lex.set("subject_deps"))
    if subj:
        return subj, _is_periphrastic_passive(verb)
    passive = _children(verb, lex.set("passive_subject_deps"))
    if passive:
        return passive, True
    return [], False


def _inherited_subject(verb: Any, lex: Lexicon) -> list[Any]:
    """'X met Y and signed …', 'India responded by expelling …': the verb borrows X."""
    token = verb
    if verb.pos_ == "NOUN":     # a nominal visit borrows the subject of its verb
        host = verb.head.head if verb.dep_ == "pobj" else verb.head
        subj, passive = _subject_tokens(host, lex)
        return subj if subj and not passive else []
    for _ in range(4):
        if token.dep_ == "acl" and (token.tag_ == "VBN" or (
                "Part" in token.morph.get("VerbForm") and token.lang_ != "en")):
            return []   # 'the accord signed in Cartagena', 'a deal brokered by Lula': background
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            head = token.head       # 'signed a decree imposing sanctions': Putin imposes
            nouns = lex.map("sector_nouns")
            people = head.lower_ in nouns or head.lemma_.lower() in nouns
            if token.dep_ == "acl" and head.dep_ in lex.set("object_deps") and not people:
                subj, passive = _subject_tokens(head.head, lex)
                if subj and not passive:
                    return subj
            return [head]
        if token.dep_ == "pcomp" and token.head.dep_ in ("prep", "mark", "case"):
            token = token.head
        if token.dep_ not in lex.set("complement_deps") | {"prep"} or token.head.i == token.i:
            return []
        token = token.head
        subj, passive = _subject_tokens(token, lex)
        if subj and not passive:
            return subj
    return []


def _has_mark(verb: Any) -> bool:
    return any(c.dep_ in ("mark", "aux") and c.pos_ in ("ADP", "SCONJ", "PART")
               for c in verb.children)


def _holders(trigger: Trigger, lex: Lexicon) -> list[Any]:
    """The verb, its objects ('sanctions on X') and, for absorbing verbs, the clause they
    govern ('agreed to restore relations with X')."""
    verb, pattern = trigger.token, trigger.pattern
    holders = [verb]
    # 'banned cruise ships from sailing to Cuba': the clause a preposition introduces
    holders += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in pattern.target
                for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
    if pattern.absorbs:
        holders += [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") or (
            c.dep_ == "advcl" and _has_mark(c))]
        # 'amenazó con dejar de venderle petróleo a Estados Unidos': one clause deeper
        holders += [g for c in list(holders[1:]) for g in c.children if g.dep_ == "xcomp"]
    for holder in list(holders):
        for obj in holder.children:
            if obj.dep_ in lex.set("object_deps"):
                holders.append(obj)
                holders += [g for g in obj.children if g.dep_ in ("conj", "amod", "acl")]
        if pattern.objects:     # 'respondió con la expulsión del embajador'
            holders += [g for c in holder.children if c.lower_ in _WITH for g in c.children
                        if g.lemma_.lower() in pattern.objects]
            holders += [c for c in holder.children if c.dep_ in lex.set("oblique_deps")
                        and c.lemma_.lower() in pattern.objects]
    return holders


def _targets(trigger: Trigger, actors: list[Actor], lex: Lexicon) -> tuple[list[Actor], str]:
    """Target actors and the relation that gave them ('obj' or a preposition). An absorbing
    verb looks at its own arguments before the clause it governs ('urged the OAS to …')."""
    if trigger.pattern.absorbs:
        own = Trigger(trigger.token, VerbPattern(**{
            **{f: getattr(trigger.pattern, f) for f in VerbPattern.__slots__}, "absorbs": False}))
        found, where = _targets_from(own, actors, lex, fallbacks=False)
        if found:
            return found, where
        found = _clause_subject(trigger, actors, lex)
        if found:
            return found, "clause-subject"
    return _targets_from(trigger, actors, lex, fallbacks=True)


def _clause_subject(trigger: Trigger, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """'demanded that Russia leave', 'exigió que Venezuela libere': the one asked."""
    clauses = [c for c in trigger.token.children if c.dep_ in ("ccomp", "xcomp")]
    subjects = [s for c in clauses for s in _children(c, lex.set("subject_deps"))]
    return _actors_under(subjects, actors, lex)


def _targets_from(trigger: Trigger, actors: list[Actor], lex: Lexicon, *, fallbacks: bool
                  ) -> tuple[list[Actor], str]:
    pattern = trigger.pattern
    holders = _holders(trigger, lex)
    for where in pattern.target or ("obj",):
        tokens: list[Any] = []
        for holder in holders:
            if where == "obj":
                tokens += [c for c in holder.children if c.dep_ in lex.set("object_deps")
                           and c.lemma_.lower() not in pattern.objects
                           and c.lower_ not in pattern.objects
                           and c.lemma_.lower() not in lex.set("non_actor_nouns")]
            else:   # ('envió a EE.UU. a 26 narcotraficantes': the ones sent are no target)
                linked = _prep_objects(holder, where, lex)
                others = [t for t in linked if t.lemma_.lower() not in pattern.objects
                          and t.lower_ not in pattern.objects]
                tokens += others or linked
        found = [a for a in _actors_under(tokens, actors, lex)
                 if not (a.kind == "generic" and a.sector in ("MIL", "GOV"))
                 and not (where == "obj" and len(tokens) == 1 and
                          _behind_preposition(a, tokens, trigger.token.doc, lex))
                 and not (where == "obj" and a.kind == "capital" and
                          (_in_location_phrase(a, trigger.token.doc, lex) or
                           _direction_of(a, trigger.token.doc)))
                 and (a.kind != "place" or where in lex.set("location_preps"))]
        # a city after the pattern's 'in' names its country ('recalled its ambassador in
        # Tel Aviv')
        territory = codebook.lookup(pattern.cameo).type == "MOBILIZE"   # (see _where_it_landed)
        found = [Actor(a.head, a.tokens, a.text, a.code, None if territory else "GOV",
                       "country", place=a.place) if a.kind == "place" else a for a in found]
        # ('met Chile's president in Lima': the city where, not whom)
        if not found and where == "obj" and not pattern.cameo.startswith("04"):
            found = _pronoun_antecedent(tokens, actors, trigger, lex)
        if found:
            return found, where
    if not fallbacks:
        return [], ""
    surface = _after_preposition(trigger, actors, lex)
    if surface:
        return surface, "surface"
    # 'eased restrictions on travel and remittances to Cuba': the one country deep inside
    # the object phrase
    objects = [c for h in holders for c in h.children if c.dep_ in lex.set("object_deps")]
    hostile = codebook.lookup(trigger.pattern.cameo).quad_class >= 3
    doc = trigger.token.doc
    deep = [a for a in _actors_under(objects, actors, lex) if a.code is not None
            and a.kind != "place" and not _hyphen_modifier(a, doc)
            and ((hostile and a.kind == "country") or
                 not _in_location_phrase(a, trigger.token.doc, lex))]
    # ('called the elections in Nicaragua a farce': a country in what is condemned is its
    # target; 'signed an agreement in Barbados' only says where)
    if len({a.code for a in deep}) == 1:
        return deep[:1], "deep"
    return [], ""


_DIRECTED = frozenset({"on", "against", "at", "to", "into", "toward", "towards", "over",
                       "upon", "contra", "sobre", "hacia"})


def _behind_preposition(actor: Actor, subject: list[Any], doc: Any, lex: Lexicon) -> bool:
    """'An Israeli air strike on Beirut's suburbs killed …': what a subject noun is directed
    at is not a doer."""
    token = doc[actor.head]
    heads = {t.i for t in subject}
    for _ in range(8):
        if token.i in heads or token.head.i == token.i:
            return False
        if token.dep_ in ("prep", "case") and token.lower_ in _DIRECTED:
            return True
        if any(c.dep_ == "case" and c.lower_ in _DIRECTED for c in token.children):
            return True
        token = token.head
    return False


_DIRECTIONS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast",
                         "southwest", "outskirts", "este", "oeste", "norte", "sur", "afueras"})


def _direction_of(actor: Actor, doc: Any) -> bool:
    """'east of Port-au-Prince', 'al sur de Bogotá': where, not whom."""
    token = doc[actor.head]
    prep = token.head if token.dep_ == "pobj" else token
    return prep.head.lower_ in _DIRECTIONS or any(
        c.lower_ in _DIRECTIONS for c in (prep.head, token.head))


_PAIR_WORDS = frozenset({"two", "both", "ambos", "ambas", "dos"})
_PAIR_NOUNS = frozenset({
    "governments", "leaders", "presidents", "countries", "nations", "sides", "neighbors",
    "neighbours", "ministers", "gobiernos", "mandatarios", "presidentes", "países", "líderes",
    "partes", "cancilleres", "vecinos", "naciones", "jefes"})


def _the_two(subject: list[Any], actors: list[Actor]) -> list[Actor]:
    """'Lula met Xi in Beijing, and the two governments signed 20 agreements', 'ambos
    mandatarios sellaron…': the two states named before."""
    for token in subject:
        if token.lower_ not in _PAIR_NOUNS or not any(
                c.lower_ in _PAIR_WORDS for c in token.children):
            continue
        before: list[Actor] = []
        for actor in sorted(actors, key=lambda a: a.head):
            if actor.head < token.i and actor.code is not None and len(actor.code) == 3 and \
                    actor.kind in ("person", "country", "adjective", "capital") and \
                    actor.code not in {b.code for b in before}:
                before.append(actor)
        return before if len(before) == 2 else []
    return []


def _hyphen_modifier(actor: Actor, doc: Any) -> bool:
    """'a U.S.-brokered declaration', 'a Venezuelan-led mission': the country qualifies the
    thing; it is not the one acted on."""
    last = max(actor.tokens, default=actor.head)
    return last + 1 < len(doc) and doc[last + 1].text.startswith("-")


def _right_after(verb: Any, actors: list[Actor]) -> list[Actor]:
    """The object the parse attached elsewhere: a coded actor right after the verb, with only
    determiners, adjectives and titles between ('hosted Honduran President Xiomara Castro')."""
    doc = verb.doc
    starts = {min(a.tokens) if a.tokens else a.head: a for a in actors
              if a.code is not None and a.kind != "place"}
    for token in doc[verb.i + 1:verb.i + 5]:
        if token.i in starts:
            return [starts[token.i]]
        if token.is_punct or not (token.pos_ in ("DET", "ADJ", "PROPN", "NUM") or (
                token.pos_ == "NOUN" and token.dep_ in ("compound", "amod"))):
            return []       # ('recognized opposition leader Juan Guaidó')
    return []


def _left_before(verb: Any, actors: list[Actor]) -> list[Actor]:
    """The subject the parse lost ('Trump recognized …' parsed with 'recognized' as an
    adjective): a coded actor ending right before the verb, only adverbs between."""
    ends = {max(a.tokens | {a.head}): a for a in actors if a.code is not None and
            a.kind != "place"}
    for token in reversed(verb.doc[max(0, verb.i - 3):verb.i]):
        if token.i in ends:
            return [ends[token.i]]
        if token.pos_ != "ADV":
            return []
    return []


def _after_preposition(trigger: Trigger, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """When the parse went astray ('se retiró el miércoles del Grupo de Lima'), an actor
    right after one of the pattern's prepositions, in the same clause, is the target."""
    doc, verb = trigger.token.doc, trigger.token
    wanted = {p for p in trigger.pattern.target if p != "obj"}
    if "obj" in trigger.pattern.target or not trigger.pattern.target:
        direct = _right_after(verb, actors)
        if direct:
            return direct
    for token in doc[verb.i + 1:]:
        if (token.pos_ == "VERB" and token.lower_ not in trigger.pattern.objects) or \
                token.lower_ in (";", ":") or token.dep_ == "mark":
            return []       # ('imposed asset freezes': a noun the parse took for a verb)
        if token.pos_ == "ADP" and _CONTRACTIONS.get(token.lower_, token.lower_) in wanted:
            for actor in actors:
                if actor.code is None or actor.kind == "place":
                    continue
                for first in sorted({min(actor.tokens, default=actor.head), actor.head}):
                    between = doc[token.i + 1:first]    # 'al alcalde de Caracas'
                    if first > token.i and all(t.pos_ in ("DET", "NUM") or t.lower_ in _QUANTITY
                                               for t in between):
                        return [actor]      # ('contra cientos de indígenas')
    return []


_QUANTITY = frozenset({"de", "of", "cientos", "miles", "decenas", "millares", "centenares",
                       "millones", "hundreds", "thousands", "dozens", "tens", "millions",
                       "scores", "más", "more", "than", "unos", "unas", "some", "about"})


def _in_location_phrase(actor: Actor, doc: Any, lex: Lexicon) -> bool:
    token = doc[actor.head]
    preps = lex.set("location_preps")
    if token.head.lower_ in preps and token.dep_ in lex.set("pobj_deps"):
        return True
    return any(c.dep_ == "case" and c.lower_ in preps for c in token.children)


def _pronoun_antecedent(tokens: list[Any], actors: list[Actor], trigger: Trigger,
                        lex: Lexicon) -> list[Actor]:
    """'… against Mexico, accusing it of …': an object pronoun names the last actor before it
    that is not the verb's own subject, nor a place where ('at a summit in Asunción'); 'him'
    and 'her' name a person."""
    pronouns = [t for t in tokens if t.pos_ == "PRON" and t.lower_ in _OBJECT_PRONOUNS]
    if not pronouns:
        return []
    doc = trigger.token.doc
    subject_heads = {c.i for c in trigger.token.children if c.dep_.startswith("nsubj")}
    person = pronouns[0].lower_ in _PERSONAL
    before = [a for a in actors if a.head < pronouns[0].i and a.head not in subject_heads
              and a.code is not None and a.kind != "place"
              and not (a.kind == "capital" and _in_location_phrase(a, doc, lex))
              and (a.kind in ("person", "associate") or not person or
                   doc[a.head].pos_ == "NOUN")]   # ('a U.S. Embassy official …, accusing him')
    if pronouns[0].lower_ in _PLURAL:   # 'los dispersó': the marchers, not Fujimori
        plural = [a for a in before if "Plur" in doc[a.head].morph.get("Number")
                  or doc[a.head].tag_ in ("NNS", "NNPS")]
        before = plural or before
    return before[-1:] if before else []


_PERSONAL = frozenset({"him", "her"})
_PLURAL = frozenset({"them", "los", "las", "les"})


_OBJECT_PRONOUNS = frozenset({"it", "him", "her", "them", "lo", "la", "le", "los", "las", "les"})


def _location(verb: Any, actors: list[Actor], lex: Lexicon) -> Actor | None:
    tokens: list[Any] = []
    for prep in lex.set("location_preps"):
        tokens += _prep_objects(verb, prep, lex)
    for actor in _actors_under(tokens, actors, lex):
        if actor.place is not None or actor.kind in ("country", "capital"):
            return actor
    return None


def _modal_kind(verb: Any, lex: Lexicon) -> str | None:
    """'intent' for will/shall or a future tense, 'hypothetical' for could/would/may/…"""
    intent_words = lex.set("intent_modals")
    modals = lex.set("modals")
    kind = None
    for child in verb.children:
        if child.dep_ not in ("aux", "aux:pass", "auxpass"):
            continue
        word = child.lower_
        if word in intent_words or child.lemma_.lower() in intent_words:
            kind = kind or "intent"
        elif word in modals or child.lemma_.lower() in modals:
            return "hypothetical"
    morph = verb.morph
    if "Cnd" in morph.get("Mood") or "Sub" in morph.get("Mood"):
        return "hypothetical"
    if "Fut" in morph.get("Tense"):
        kind = kind or "intent"
    return kind


_FUTURE_IN_PAST = frozenset({"would", "'d"})


def _future_in_past(verb: Any, lex: Lexicon) -> bool:
    """'X said Y would …', 'X anunció que Y reconocería …': reported speech shifts a stated
    intention into the conditional; it is no hypothesis unless a condition governs it."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lex.set("reporting_verbs"):
        return False
    if "Past" not in verb.head.morph.get("Tense") and verb.head.tag_ not in ("VBD", "VBN"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass", "auxpass")]
    if any(c.lower_ in lex.set("modals") and c.lower_ not in _FUTURE_IN_PAST for c in auxes):
        return False        # 'could', 'might', 'podría' stay hypothetical
    conditional = "Cnd" in verb.morph.get("Mood") and verb.lemma_.lower() not in (
        "poder", "deber")
    return (any(c.lower_ in _FUTURE_IN_PAST for c in auxes) or conditional) and \
        not _has_condition(verb, lex)


def _is_negated(verb: Any, lex: Lexicon) -> bool:
    negations = lex.set("negations")
    marks = lex.set("negating_marks")
    return any((c.dep_ in ("neg", "advmod") and c.lower_ in negations) or
               (c.dep_ in ("mark", "prep", "case") and c.lower_ in marks) for c in verb.children)


def _has_condition(verb: Any, lex: Lexicon) -> bool:
    conditionals = lex.set("conditionals")
    return any(c.dep_ == "mark" and c.lower_ in conditionals for c in verb.children)


@dataclass(slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    intent: bool = False
    absorbed: bool = False
    purpose_of: int | None = None

    def add(self, kind: str | None) -> None:
        if kind == "hypothetical":
            self.hypothetical = True
        elif kind == "intent":
            self.intent = True


def _is_purpose(verb: Any, lex: Lexicon) -> bool:
    """An infinitive of purpose: 'to protest', 'para exigir'."""
    marks = lex.set("purpose_marks")
    return any(c.dep_ in ("aux", "mark") and c.lower_ in marks for c in verb.children)


def modality(trigger: Trigger, triggers: list[Trigger], lex: Lexicon) -> Modality:
    """Negation, hypothesis, stated intent, or absorption by a governing trigger."""
    verb = trigger.token
    mod = Modality(negated=_is_negated(verb, lex))
    kind = _modal_kind(verb, lex)
    if kind == "hypothetical" and _future_in_past(verb, lex):
        kind = "intent"     # 'said her government would seek relations with China'
    mod.add(kind)
    mod.hypothetical = mod.hypothetical or _has_condition(verb, lex)
    if any(c.dep_ == "advmod" and c.lower_ in lex.set("habitual_adverbs") and
           c.doc[c.i - 1].lower_ != "as" for c in verb.children):   # (not 'as long as')
        mod.hypothetical = True     # 'Chile has long accused Bolivia': a stance, not news
    if verb.dep_ == "acl" and _is_purpose(verb, lex):
        mod.hypothetical = True     # 'an agreement to release funds' has not released them
    if verb.dep_ in ("acl", "pcomp", "nmod") and (
            verb.head.lemma_.lower() in lex.set("hypothetical_nouns") or (
                verb.head.dep_ == "prep" and
                verb.head.head.lemma_.lower() in lex.set("hypothetical_nouns"))):
        mod.hypothetical = True     # 'estudia la posibilidad de retirar', 'the option of'
    background = lex.set("background_marks")
    if verb.dep_ == "pcomp" and verb.head.lower_ in background:
        mod.absorbed = True     # 'shortly before flying back to Rome'
        return mod
    if verb.dep_ == "advcl" and (verb.head.lower_ in background or any(
            c.dep_ in ("mark", "case", "advmod", "fixed") and c.lower_ in background
            for c in verb.subtree if c.i < verb.i)):
        mod.absorbed = True     # 'after the Senate removed Rousseff': background, told before
        return mod
    governors = lex.set("hypothetical_governors")
    intent_governors = lex.set("intent_governors")
    reporting = lex.set("reporting_verbs")
    absorbing = {t.token.i for t in triggers if t.pattern.absorbs}
    trigger_heads = {t.token.i for t in triggers}
    token = verb
    for _ in range(4):
        if token.dep_ not in lex.set("complement_deps") or token.head.i == token.i:
            break
        clause_dep, token = token.dep_, token.head
        if clause_dep == "conj":
            continue
        if token.i in absorbing and (clause_dep in ("xcomp", "ccomp", "pcomp") or (
                clause_dep == "advcl" and _has_mark(verb))):
            mod.absorbed = True     # 'threatened to pull out' / 'amenazó con cerrar'
            return mod
        if token.i in trigger_heads and clause_dep in ("advcl", "xcomp") and _is_purpose(
                verb, lex):
            mod.purpose_of = token.i    # 'summoned the ambassador to protest …'
            return mod
        lemma = token.lemma_.lower()
        if lemma not in governors and lemma not in intent_governors and lemma not in reporting:
            lemma = lemma_of(token.lower_, token.lang_)     # 'evalúa' left unlemmatized
        if lemma in intent_governors and clause_dep in ("xcomp", "ccomp"):
            mod.intent = True
        elif lemma in governors and clause_dep != "advcl":
            mod.hypothetical = True
        mod.add(_modal_kind(token, lex))
        mod.hypothetical = mod.hypothetical or _has_condition(token, lex)
        if lemma in reporting:
            continue
        mod.negated = mod.negated or (_is_negated(token, lex) and clause_dep == "xcomp")
    return mod


def _reported_subject(verb: Any, lex: Lexicon) -> list[Any]:
    """The subject of the reporting verb whose clause a pronoun subject sits in."""
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in lex.set("reporting_verbs"):
        subj, passive = _subject_tokens(verb.head, lex)
        if subj and not passive and not all(t.pos_ == "PRON" for t in subj):
            return subj
    return []


_APPOSITION = frozenset({"appos", "compound", "flat", "nmod", "amod", "poss"})


def _merge_appositions(doc: Any, actors: list[Actor]) -> list[Actor]:
    """'Lula, Brazil's president' and 'his Argentine counterpart Javier Milei' are one actor
    each: of two same-country actors joined by apposition, the named person stays."""
    rank = {"person": 0, "org": 1}
    dropped: set[int] = set()
    for a in actors:
        for b in actors:
            if a is b or a.code != b.code or id(b) in dropped or id(a) in dropped:
                continue
            ta, tb = doc[a.head], doc[b.head]
            linked = (tb.head.i == ta.i and tb.dep_ in _APPOSITION) or \
                (ta.head.i == tb.i and ta.dep_ in _APPOSITION)
            if linked:
                weaker = a if rank.get(a.kind, 5) > rank.get(b.kind, 5) else b
                dropped.add(id(weaker))
    return [a for a in actors if id(a) not in dropped]


_FORCE_OF_STATE = frozenset({"COP", "MIL", "JUD"})
_MOVING_PEOPLE = re.compile(r"(?i)\b(migrant|refugee|deportee|asylum|migrante|refugiad|deportad|"
                            r"solicitantes de asilo)")


def _unnamed_individual(trigger: Trigger, code: str, source: Actor, lex: Lexicon
                        ) -> list[Actor]:
    """'Militares mexicanos detuvieron a Ovidio Guzmán': police, soldiers and judges acting
    on a named person the KB does not know act at home. `code` is the trigger's PLOVER type."""
    if source.sector in ("REB", "CRM") and code in ("COERCE", "ASSAULT", "RETREAT"):
        pass                # 'El ELN liberó a Luis Manuel Díaz': a hostage where they fight
    elif source.sector not in _FORCE_OF_STATE or code not in ("COERCE", "ASSAULT", "ACCUSE",
                                                               "SANCTION"):
        return []
    for obj in trigger.token.children:
        if obj.dep_ not in lex.set("object_deps") or \
                obj.lemma_.lower() in lex.set("non_actor_nouns"):
            continue
        near = [*obj.children, *(g for c in obj.children if c.dep_ == "amod"
                                  for g in c.children)]   # 'al líder indígena Leonidas Iza'
        named = [obj] if obj.pos_ == "PROPN" else [
            t for t in near if t.pos_ == "PROPN" and t.dep_ in (
                "appos", "flat", "compound", "nmod", "obj") and not any(
                c.dep_ == "case" for c in t.children)]
        if named and obj.pos_ in ("PROPN", "NOUN"):
            nouns = lex.map("sector_nouns")
            sector = nouns.get(obj.lower_) or nouns.get(obj.lemma_.lower())
            if sector == "GOV":
                sector = "CVL"      # a 'leader' the KB does not know holds no office
            return [Actor(obj.i, frozenset({t.i for t in named}), obj.text, source.code, sector,
                          "generic")]
    return []


# actions that are events with no target named (see pipeline._pairs): what such an action
# was for ('signed an agreement to release frozen funds') is no event of its own
_NO_TARGET_NEEDED = frozenset({"PROTEST", "SUPPORT", "AGREE", "CONSULT", "COOPERATE"})

def _where_it_landed(trigger: Trigger, kind: str, sources: list[Actor],
                     location: Actor | None, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """Force with no one named acts on the place: 'struck targets in Baghdad' is an attack on
    Iraq; 'ordered 2,000 troops to Los Angeles' a deployment in the United States (at home
    too). `kind` is the trigger's PLOVER type."""
    if kind == "ASSAULT" and location is not None and location.code is not None and \
            location.code not in {a.code for a in sources}:
        place = location
    elif kind == "MOBILIZE":
        tokens = [t for prep in trigger.pattern.target if prep != "obj"
                  for h in _holders(trigger, lex) for t in _prep_objects(h, prep, lex)]
        found = [a for a in _actors_under(tokens, actors, lex) if a.code is not None
                 and len(a.code) == 3 and a.kind in ("place", "capital", "country")]
        if not found and location is not None and location.code is not None:
            found = [location]      # 'putting the army in charge of security in Rio state'
        if not found:
            return []
        place = found[0]
    else:
        return []
    # a deployment's target is the territory (no sector), so one at home stays an event
    return [Actor(place.head, place.tokens, place.text, place.code,
                  "GOV" if kind == "ASSAULT" else None, "country", place=place.place)]


_MUTUAL = frozenset({"their", "each", "sus", "mutuamente", "recíprocamente"})


def _mutual(verb: Any, sources: list[Actor], actors: list[Actor]) -> bool:
    """The two subjects act on each other: 'their ambassadors', 'each other', 'sus
    embajadores' — unless the sentence names a third country they may act on ('Chile and
    Colombia recalled their ambassadors' from Israel)."""
    codes = {a.code for a in sources}
    if any(a.code not in codes and a.code is not None and len(a.code) == 3 for a in actors):
        return False
    return any(t.lower_ in _MUTUAL for t in verb.subtree if t.i > verb.i and t.i < verb.i + 6)


def _infer_generic(sources: list[Actor], targets: list[Actor], location: Actor | None,
                   sentence_codes: frozenset[str] = frozenset(), *, friendly: bool = False,
                   punitive: bool = False) -> tuple[list[Actor], list[Actor]]:
    """Groups named only by a noun ('police', 'opposition leaders') belong to the country of
    the other side (targets) or of the place (sources); otherwise they stay uncoded."""
    place = location.code if location is not None else None
    if place is None and len(sentence_codes) == 1:
        place = next(iter(sentence_codes))  # '… en el sur de Perú': the one country named
    domestic = {"OPP", "CVL", "JUD", "LEG", "COP", "PTY"}
    # 'La Policía Federal detuvo a Jair Bolsonaro': police, courts and armies act at home
    target_home = next((t.code for t in targets if t.code is not None and
                        (t.kind == "person" or t.sector in domestic)), None)
    for actor in sources:
        if actor.code is None and place:
            actor.code = place
        elif actor.code is None and actor.sector in ("COP", "JUD", "MIL", "LEG"):
            actor.code = target_home
    coded_sources = [s for s in sources if s.code is not None]
    home = coded_sources[0].code if coded_sources else None
    state_forces = bool(coded_sources) and coded_sources[0].sector in ("MIL", "COP", "GOV")
    for actor in targets:
        if actor.code is not None or _MOVING_PEOPLE.search(actor.text) or (
                friendly and actor.sector == "CVL"):
            continue    # migrants are not the expelling state's own; 'agreed to the release of
            #             hostages' is not an agreement with one's own people
        others = sentence_codes - {home}
        if actor.sector in domestic and coded_sources and coded_sources[0].sector == "MIL" \
                and place and place != home:
            actor.code = place      # soldiers abroad: the people where they fight
        elif actor.sector in domestic and coded_sources and coded_sources[0].sector == "GOV" \
                and others and punitive:
            # 'sanctioned 16 officials close to Maduro, among them Supreme Court judges':
            # a government acting on another country's judges
            actor.code = next(iter(others)) if len(others) == 1 else None
        elif actor.sector in domestic or (actor.sector == "MIL" and coded_sources and
                                          coded_sources[0].sector == "GOV"):
            actor.code = home       # ('destituyó al comandante del Ejército')
        elif state_forces and actor.sector in ("REB", "CRM"):
            actor.code = place or home      # armed groups where the fighting is
    return coded_sources, [t for t in targets if t.code is not None]


def _stands_alone(cand: Candidate) -> bool:
    """An event with no target: a protest, or a joint act of two or more ('A and B signed')."""
    kind = codebook.lookup(cand.trigger.pattern.cameo).type
    return kind == "PROTEST" or (kind in _NO_TARGET_NEEDED and len(cand.sources) > 1)


def candidates(doc: Any, actors: list[Actor], lex: Lexicon) -> Iterator[Candidate]:
    """Every trigger in the sentence with its sources, targets, place and modality."""
    triggers = find_triggers(doc, lex)
    coded = [a for a in actors if (a.code is not None or a.kind == "generic")
             and a.kind != "place"]
    first_person = lex.set("first_person")
    cities = [a for a in actors if a.kind == "place" and a.code is not None and a.place]
    countries = frozenset(a.code for a in actors if a.code is not None and len(a.code) == 3
                          and a.code.isupper())
    found: list[Candidate] = []
    for trigger in triggers:
        if trigger.pattern.cameo == "-":
            continue            # a construction that is no event by itself ('signed a decree')
        mod = modality(trigger, triggers, lex)
        if mod.absorbed:
            continue
        verb = trigger.token
        kind = codebook.lookup(trigger.pattern.cameo).type
        subj, passive = _subject_tokens(verb, lex)
        if verb.dep_ == "conj" and verb.head.pos_ in ("PROPN", "NOUN") and \
                verb.head.i < verb.i and not passive:
            subj = [verb.head, *subj]   # 'Cuba y la Unión Europea firmaron' parsed 'Cuba' root
        confidence = 0.85
        surface: list[Actor] = []
        if not subj:
            subj = _inherited_subject(verb, lex)
            confidence -= 0.15
            if not subj and verb.dep_ in ("amod", "compound", "ROOT"):
                surface = _left_before(verb, coded)
        elif all(t.pos_ == "PRON" for t in subj) and not passive:
            subj = _reported_subject(verb, lex) or subj   # 'X said it had recalled …'
            confidence -= 0.1
        if any(t.lower_ in first_person for t in subj):
            continue
        location = _location(verb, actors, lex)
        targets, relation = _targets(trigger, coded + cities, lex)
        sources = [a for a in _actors_under(subj, coded, lex)
                   if not _behind_preposition(a, subj, doc, lex)] or surface or \
            _the_two(subj, coded)
        if passive:
            agents: list[Any] = []
            for prep in lex.set("agent_preps"):
                agents += _prep_objects(verb, prep, lex)
            agents += [g for c in verb.children if c.dep_ == "agent"
                       for g in c.children if c.dep_ in lex.set("pobj_deps")]
            by_agent = _actors_under(agents, coded, lex)
            if targets and relation not in ("obj", "clause-subject", "surface", "deep", ""):
                sources = by_agent  # 'was extradited by Colombia to the United States'
            else:
                targets, sources = sources, by_agent
        if trigger.pattern.cameo == "043":
            sources, targets = targets, sources     # the visitor visits the host
        if location is not None:
            if relation not in lex.set("location_preps"):
                targets = [t for t in targets if t is not location]
            sources = [s for s in sources if s is not location]
        sources = [a for a in sources if not (a.kind == "capital" and _in_location_phrase(
            a, doc, lex))]      # 'killed by police gunfire in Lima'
        sources, targets = _infer_generic(
            sources, targets, location, countries, friendly=kind in _NO_TARGET_NEEDED,
            punitive=kind in ("SANCTION", "ACCUSE"))
        if sources and not targets:
            targets = _unnamed_individual(trigger, kind, sources[0], lex)
        if sources and not targets:
            targets = _where_it_landed(trigger, kind, sources, location, actors, lex)
        if not targets and len({a.code for a in sources}) == 2 and \
                _mutual(verb, sources, coded) and \
                kind not in _NO_TARGET_NEEDED | {"ASSAULT"}:
            # ('clashed along their border' is reciprocal already)
            targets = list(sources)     # 'Colombia and Venezuela recalled their ambassadors'
        sources, targets = _merge_appositions(doc, sources), _merge_appositions(doc, targets)
        if not sources:
            continue
        if trigger.pattern.target and not targets:
            confidence -= 0.1
        found.append(Candidate(trigger, sources, targets, location, mod.negated,
                               mod.hypothetical, confidence, mod.intent, mod.purpose_of))
    # a purpose ('… to protest', '… para ayudar a Italia') is its own event only when the
    # action it serves gave none
    served = {c.trigger.token.i for c in found if c.targets or _stands_alone(c)}
    yield from (c for c in found if c.purpose_of is None or c.purpose_of not in served)
