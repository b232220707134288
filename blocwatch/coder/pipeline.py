"""The coder: a pure function from a document to events, batched for speed.

read → split → prefilter (names and event verbs) → parse only what may hold an event →
actors → triggers and arguments → codes, dates, places → events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from blocwatch import __version__
from blocwatch.coder import codebook
from blocwatch.coder.actors import Actor, Context, find_actors
from blocwatch.coder.dates import event_date
from blocwatch.coder.events import Candidate, candidates
from blocwatch.coder.matcher import TOKEN, Mention, NameMatcher, build_matcher
from blocwatch.coder.sentences import split_sentences
from blocwatch.contract import Actor as ActorOut
from blocwatch.contract import Document, Event, Location
from blocwatch.kb import KnowledgeBase, default_kb
from blocwatch.kb.names import fold
from blocwatch.lang.base import Language, get_language, lemma_of

log = logging.getLogger(__name__)
CODER = f"blocwatch {__version__}"


@dataclass(slots=True)
class _Sentence:
    doc: Document
    index: int
    start: int
    end: int
    text: str
    lang: str
    mentions: list[Mention]
    parsed: Any = None


@dataclass(slots=True)
class _DocState:
    doc: Document
    lang: str
    sentences: list[_Sentence] = field(default_factory=list)


_FUNCTION_WORDS = {
    "en": frozenset({"the", "of", "and", "to", "in", "was", "with", "for", "on", "that", "by",
                     "is", "are", "has", "have", "from", "said", "its"}),
    "es": frozenset({"el", "la", "de", "que", "y", "en", "los", "del", "se", "las", "por", "con",
                     "para", "una", "al", "su", "dijo", "ha"}),
}


def sentence_language(text: str, doc_lang: str) -> str:
    """The sentence's language when it clearly differs from the document's (a quote in
    Spanish inside an English story): a vote of function words, cheap enough for every
    sentence."""
    words = [w.lower() for w in TOKEN.findall(text) if w.isalpha()]
    votes = {lang: sum(w in table for w in words) for lang, table in _FUNCTION_WORDS.items()}
    other = "es" if doc_lang == "en" else "en"
    if votes[other] >= 3 and votes[other] >= 3 * max(1, votes[doc_lang]):
        return other
    return doc_lang


class Coder:
    """Codes documents into events. Holds the KB, the name matcher and the parsers."""

    def __init__(self, kb: KnowledgeBase | None = None, *, all_events: bool = False,
                 batch_size: int = 256, n_process: int = 1) -> None:
        self.kb = kb or default_kb()
        self.all_events = all_events
        self.batch_size = batch_size
        self.n_process = n_process
        self.version = CODER
        self.matcher: NameMatcher = build_matcher(self.kb, title_words=_title_words())
        self.stats = {"sentences": 0, "parsed": 0}

    # -- public -----------------------------------------------------------------------------

    def code(self, doc: Document) -> list[Event]:
        """All events of one document (factual ones only unless all_events)."""
        return next(self.code_many([doc]))[1]

    def code_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Events document by document, parsing candidate sentences in batches."""
        batch: list[_DocState] = []
        pending = 0
        for doc in docs:
            state = self._prepare(doc)
            batch.append(state)
            pending += len(state.sentences)
            if pending >= self.batch_size:
                yield from self._finish(batch)
                batch, pending = [], 0
        if batch:
            yield from self._finish(batch)

    # -- stages -----------------------------------------------------------------------------

    def _prepare(self, doc: Document) -> _DocState:
        lang = doc.lang if doc.lang in ("en", "es") else "en"
        language = get_language(lang)
        state = _DocState(doc, lang)
        spans = split_sentences(doc.text, abbreviations=language.lexicon.words.get(
            "abbreviations", ()))
        self.stats["sentences"] += len(spans)
        switchable = doc.meta.get("lang_source") != "forced"
        for index, (start, end) in enumerate(spans):
            text = doc.text[start:end]
            mentions = self.matcher.find(text)
            sent_lang = sentence_language(text, lang) if switchable else lang
            sent_language = language if sent_lang == lang else get_language(sent_lang)
            if self._worth_parsing(text, mentions, sent_language):
                state.sentences.append(_Sentence(doc, index, start, end, text, sent_lang,
                                                 mentions))
        return state

    def _worth_parsing(self, text: str, mentions: list[Mention], language: Language) -> bool:
        if not any(m.kind not in ("place",) for m in mentions):
            return False
        patterns = language.lexicon.patterns
        lang = language.code
        irregular = language.lexicon.map("irregular_forms")
        deontic = language.lexicon.set("deontic_modals")   # 'said Russia must leave': a demand
        for token in TOKEN.findall(text):
            if len(token) > 2 and token.isalpha():
                low = fold(token) if lang == "en" else token.lower()
                if low in patterns or irregular.get(low) in patterns or low in deontic or \
                        lemma_of(token.lower(), lang) in patterns:
                    return True
        return False

    def _finish(self, batch: list[_DocState]) -> Iterator[tuple[Document, list[Event]]]:
        for lang in ("en", "es"):
            sents = [s for state in batch for s in state.sentences if s.lang == lang]
            if not sents:
                continue
            nlp = get_language(lang).nlp()
            texts = (s.text for s in sents)
            for sent, parsed in zip(sents, nlp.pipe(texts, batch_size=64,
                                                    n_process=self.n_process)):
                sent.parsed = parsed
            self.stats["parsed"] += len(sents)
        for state in batch:
            yield state.doc, self._events_of(state)

    def _events_of(self, state: _DocState) -> list[Event]:
        seen_people: set[str] = set()
        events: list[Event] = []
        keys: set[str] = set()
        for sent in state.sentences:
            language = get_language(sent.lang)
            for event in self._code_sentence(sent, language, seen_people):
                if event.event_id in keys:
                    continue
                if self.all_events or event.factual:
                    keys.add(event.event_id)
                    events.append(event)
        return events

    def _code_sentence(self, sent: _Sentence, language: Language,
                       seen_people: set[str]) -> list[Event]:
        doc_date = sent.doc.date
        # people are who they were when the sentence's event happened: 'Congress removed
        # President Gutiérrez on Wednesday', reported on Thursday, removed a president
        actors_date = doc_date
        if doc_date is not None:
            first = event_date(sent.text, lang=sent.lang, doc_date=doc_date)
            if first is not None and first.date is not None and first.date <= doc_date:
                actors_date = first.date
        ctx = Context(self.kb, language.lexicon, actors_date, seen_people)
        actors = find_actors(sent.parsed, sent.mentions, ctx)
        events = []
        question = sent.text.rstrip().endswith("?")
        for cand in candidates(sent.parsed, actors, language.lexicon):
            when = event_date(sent.text, lang=sent.lang, doc_date=doc_date,
                              anchor=cand.trigger.token.idx)
            date = when.date if when else doc_date
            precision = (when.precision if when else "day") if date else None
            hypothetical = cand.hypothetical or question or (
                when is not None and date is not None and doc_date is not None and date > doc_date)
            for source, target in _pairs(cand, self.kb):
                for ptype in cand.trigger.pattern.plover or (None,):
                    events.append(self._event(sent, cand, source, target, date, precision,
                                              hypothetical, ptype))
        return _one_per_dyad_and_type(events)

    def _event(self, sent: _Sentence, cand: Candidate, source: Actor, target: Actor | None,
               date: dt.date | None, precision: str | None, hypothetical: bool,
               ptype: str | None = None) -> Event:
        cameo = _refine_cameo(cand.trigger.pattern.cameo, source, target, cand.location, self.kb)
        cameo = _physical(cameo, source, target)
        negated = cand.negated
        if negated and cameo in _REFUSALS and not hypothetical:
            cameo, negated = _REFUSALS[cameo], False    # 'no reconocerá los resultados'
        elif cand.intent and not hypothetical:
            if target is None and codebook.lookup(cameo).quad_class == 4:
                hypothetical = True     # a threat names whom it threatens: 'Kenya would deploy
                #                         600 more officers' (to help Haiti) is none
            else:
                cameo, hypothetical = _intent(cameo)
        code = codebook.lookup(cameo)
        if ptype is not None and ptype != code.type:
            code = dataclasses.replace(code, type=ptype, mode=_PLOVER_MODES.get(ptype),
                                       quad_class=_QUAD.get(ptype, code.quad_class))
        if cameo.startswith("19") and source.kind in ("country", "capital") and \
                source.sector == "GOV":
            # 'Iran fired missiles at Israel': a state using conventional force acts through
            # its military
            source = dataclasses.replace(source, sector="MIL")
        token = cand.trigger.token
        return Event(
            doc_id=sent.doc.id, sentence_index=sent.index, sentence=sent.text,
            span=(sent.start, sent.end), lang=sent.lang, date=date, date_precision=precision,
            type=code.type, mode=code.mode, cameo=code.cameo, goldstein=code.goldstein,
            quad_class=code.quad_class, source=_actor_out(source),
            target=_actor_out(target) if target else None,
            location=_location_out(cand.location, self.kb),
            negated=negated, hypothetical=hypothetical,
            confidence=round(max(0.05, min(0.99, cand.confidence)), 2), coder=self.version,
            trigger=token.text, trigger_span=(sent.start + token.idx,
                                              sent.start + token.idx + len(token.text)),
        )


def _title_words() -> set[str]:
    """Words that may stand before a surname without being a first name ('President Boric',
    'la canciller Sommerfeld'): every language's titles, sector nouns and abbreviations."""
    words: set[str] = set()
    for code in ("en", "es"):
        lex = get_language(code).lexicon
        for key in ("titles", "sector_nouns"):
            words |= {w for phrase in lex.map(key) for w in phrase.split()}
        words |= {w.rstrip(".") for w in lex.set("abbreviations")}
    return {fold(w) for w in words}


def _one_per_dyad_and_type(events: list[Event]) -> list[Event]:
    """'Modi arrived in Kyiv and met Zelensky' is one consultation: within a sentence, one
    event per (source, target, type) and factuality, the first (most specific) kept."""
    kept: dict[tuple[Any, ...], Event] = {}
    for event in events:
        target = event.target
        # 'arrested Bolsonaro and 36 others' is one arrest; but 'the government and the ELN
        # signed' are two signatories
        key = (event.source.code, target.code if target else event.source.sector, event.type,
               event.negated, event.hypothetical)
        kept.setdefault(key, event)
    return list(kept.values())


def _pairs(cand: Candidate, kb: KnowledgeBase) -> list[tuple[Actor, Actor | None]]:
    def key(a: Actor) -> tuple[str | None, str | None]:
        return (a.code, a.sector)

    sources = _unique(cand.sources)
    if len(sources) == 2 and {key(t) for t in cand.targets} == {key(s) for s in sources}:
        return [(sources[0], sources[1]), (sources[1], sources[0])]   # on each other
    targets = [t for t in _unique(cand.targets) if key(t) not in {key(s) for s in sources}
               and not (t.code in {s.code for s in sources} and t.sector == "IGO")]
    if targets:
        return [(s, t) for s in sources for t in targets if s.code != t.code or
                s.sector != t.sector]
    # PLOVER: "A and B met" has both as actors and no recipient; one actor meeting nobody
    # named is not a consultation we can place
    if cand.trigger.pattern.cameo.startswith("04") and len(sources) < 2:
        return []
    reciprocal = len(sources) >= 2 and codebook.lookup(cand.trigger.pattern.cameo).type in \
        _RECIPROCAL
    if cand.trigger.pattern.target and cand.trigger.pattern.cameo not in _NO_TARGET_OK and \
            not reciprocal:
        return []   # a verb that acts on someone, with no one found: better missed than wrong
    if codebook.lookup(cand.trigger.pattern.cameo).type == "PROTEST":
        return [(s, _at_home(s, kb, _PUBLIC, "GOV")) for s in sources]
    if cand.trigger.pattern.cameo in _AT_HOME:
        return [(s, _at_home(s, kb, _STATE, None)) for s in sources]
    return [(s, None) for s in sources]


# a state of emergency or a curfew is imposed on the country's own people
_AT_HOME = frozenset({"1723", "1724"})
_STATE = frozenset({"GOV", "MIL", "COP", "LEG"})
_PUBLIC = frozenset({"CVL", "OPP", "PTY", "LAB", "NGO", "BUS", "MED", "REL", "EDU"})


def _at_home(actor: Actor, kb: KnowledgeBase, acting: frozenset[str], sector: str | None
             ) -> Actor | None:
    """The actor's own country as the target of an act aimed at no one named, when the actor's
    sector is among `acting`: citizens who protest against no one named protest against their
    own government (the PLOVER convention: 'thousands of Peruvians marched in Lima' is PER CVL →
    PER GOV); a state of emergency falls on the country itself (sector None)."""
    country = kb.country(actor.code) if actor.code else None
    if country is None or actor.sector not in acting:
        return None
    return Actor(actor.head, frozenset(), country.name_en, country.code, sector, "country",
                 name=country.name_en)


# modes of the PLOVER types a pattern names directly (see VerbPattern.plover)
_PLOVER_MODES = {"SANCTION": "convict", "COERCE": "arrest"}
_QUAD = {"SANCTION": 4, "COERCE": 4, "ASSAULT": 4, "MOBILIZE": 4, "ACCUSE": 3, "REJECT": 3,
         "THREATEN": 3, "PROTEST": 3, "REQUEST": 3}

# a stated refusal is an event of its own: not recognizing is rejecting (PLOVER REJECT)
_REFUSALS = {"054": "120", "057": "120"}

_RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})
# actions that are commonly reported with no recipient
_NO_TARGET_OK = frozenset({"1724", "154", "0841", "141", "140", "143", "057"})


def _unique(actors: list[Actor]) -> list[Actor]:
    """One actor per (country, sector); one with no sector adds nothing to one of the same
    country that has a sector ('Venezuela, Carlos Faría' before he took office)."""
    seen: set[tuple[str | None, str | None]] = set()
    with_sector = {a.code for a in actors if a.sector is not None}
    out = []
    for actor in actors:
        key = (actor.code, actor.sector)
        if key not in seen and not (actor.sector is None and actor.code in with_sector):
            seen.add(key)
            out.append(actor)
    return out


def _refine_cameo(cameo: str, source: Actor, target: Actor | None, location: Actor | None,
                  kb: KnowledgeBase) -> str:
    """A meeting's place tells a visit (042), hosting (043) or a third location (044)."""
    if cameo == "043":
        return "042"        # coded from the visitor's side
    if cameo != "040" or location is None:
        return cameo
    country = _place_country(location)
    if country is None:
        return cameo
    if target is not None and country == target.code and country != source.code:
        return "042"
    if target is not None and country == source.code and country != target.code:
        return "043"
    if country != source.code and (target is None or country != target.code):
        return "044" if target is not None else "042"
    return cameo


_INTENT = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "SUPPORT": "032",
           "AGREE": "030"}
_ARMED = frozenset({"MIL", "COP", "REB", "CRM", "CVL"})


def _intent(cameo: str) -> tuple[str, bool]:
    """PLOVER codes a stated intention as AGREE (cooperation) or THREATEN (force)."""
    code = codebook.lookup(cameo)
    if code.type in ("RETREAT", "CONCEDE"):
        return cameo, False     # the manual: future RETREAT and CONCEDE stay as they are
    if code.quad_class in (1, 2):
        return _INTENT.get(code.type, "030"), False
    if code.quad_class == 4:
        return "130", False
    return cameo, True


def _physical(cameo: str, source: Actor, target: Actor | None) -> str:
    """'attacked' between armed or civilian groups is force, between governments words."""
    if cameo != "111" or not ({source.sector, target.sector if target else None} & _ARMED):
        return cameo
    return "190" if {source.sector, target.sector if target else None} & {"MIL", "REB"} else "180"


def _place_country(actor: Actor) -> str | None:
    if actor.kind in ("country", "capital") or (actor.kind == "place" and actor.place):
        return actor.code
    return None


# Bodies of the UN system act as the UN, the EU's institutions as the EU; the body stays in
# the actor's name and kb_id.
_PARENT_BODY = {
    **{body: "UN" for body in ("UNGA", "UNSC", "UNHRC", "OHCHR", "UNHCR", "UNICEF", "UNDP",
                               "UNESCO", "UNODC", "WFP", "FAO", "ILO", "IOM")},
    **{body: "EU" for body in ("EU_COMMISSION", "EU_COUNCIL", "EU_PARLIAMENT")},
    "IACHR": "OAS",
}


def _actor_out(actor: Actor) -> ActorOut:
    code = _PARENT_BODY.get(actor.code or "", actor.code)
    return ActorOut(text=actor.text, name=actor.name, code=code, sector=actor.sector,
                    kb_id=actor.kb_id or (actor.code if code != actor.code else None))


def _location_out(actor: Actor | None, kb: KnowledgeBase) -> Location | None:
    if actor is None:
        return None
    if actor.kind == "country" and actor.code:
        c = kb.country(actor.code)
        return Location(actor.text, actor.code, c.lat if c else None, c.lon if c else None)
    if actor.kind == "capital" and actor.code:
        c = kb.country(actor.code)
        return Location(actor.text, actor.code, c.capital_lat if c else None,
                        c.capital_lon if c else None)
    place = actor.place
    if place is not None:
        row = kb.place(place.ref)
        if row is not None:
            return Location(actor.text, row.country, row.lat, row.lon)
    return Location(actor.text, actor.code, None, None)
