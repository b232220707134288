"""What a language brings to the language-neutral coder: a parser, words and verb patterns.

A language is a folder `blocwatch/lang/<code>/` with `lexicon.yaml` (function words, sector
nouns, titles, modal and reporting verbs, light verbs and the event nouns they carry) and
`verbs.csv`, plus a module that names the spaCy pipeline to load. Users can extend both files.

`verbs.csv` columns: `lemma`, `particle` (a preposition or particle the verb must govern),
`object` (`|`-separated object nouns a light verb needs: "held talks"), `cameo`, `target` (where
the target comes from: `obj` or prepositions, in order of preference), `absorbs` (1: the verb
codes the clause it governs, "agreed to meet"), `source` (where the row comes from) and the
optional `plover` (`|`-separated PLOVER types when CAMEO has no code for the act: a sentence to
prison is `SANCTION|COERCE`).
"""

from __future__ import annotations

import csv
import importlib
import logging
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from blocwatch.errors import KBError, ModelNotFoundError

log = logging.getLogger(__name__)
SUPPORTED = ("en", "es")


@dataclass(frozen=True, slots=True)
class VerbPattern:
    lemma: str
    particle: str | None          # a preposition or particle the verb must govern ("call for")
    objects: frozenset[str]       # object noun lemmas a light verb needs ("hold talks")
    cameo: str
    target: tuple[str, ...]       # where the target comes from: "obj" or a preposition
    absorbs: bool                 # codes the clause it governs ("agreed to meet", "refused to")
    source: str
    plover: tuple[str, ...] = ()  # PLOVER types when CAMEO has no code for the act: a court
    #                               sentence to prison is SANCTION (convict) and COERCE (arrest)

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.particle else 0)


@dataclass(slots=True)
class Lexicon:
    words: dict[str, Any]
    patterns: dict[str, list[VerbPattern]] = field(default_factory=dict)
    _sets: dict[str, frozenset[str]] = field(default_factory=dict)
    _maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def set(self, key: str) -> frozenset[str]:
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(self.words.get(key, ()))
        return found

    def map(self, key: str) -> dict[str, str]:
        found = self._maps.get(key)
        if found is None:
            found = self._maps[key] = dict(self.words.get(key, {}))
        return found


@dataclass(slots=True)
class Language:
    code: str
    lexicon: Lexicon
    model_names: tuple[str, ...]
    install_hint: str
    _nlp: Any = None

    def nlp(self) -> Any:
        """The spaCy pipeline, loaded once; a user's official model wins over the fallback."""
        if self._nlp is None:
            self._nlp = _load_spacy(self.model_names, self.install_hint)
        return self._nlp


def _load_spacy(names: tuple[str, ...], hint: str) -> Any:
    import warnings

    for name in names:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = importlib.import_module(name)
                nlp = module.load(exclude=["ner"])
        except ModuleNotFoundError:
            continue
        log.info("loaded spaCy pipeline %s", name)
        return nlp
    raise ModelNotFoundError(f"no spaCy pipeline found (tried {', '.join(names)}): {hint}")


@lru_cache(maxsize=500_000)
def lemma_of(word: str, lang: str) -> str:
    """A dictionary lemma (simplemma), cached: the prefilter's lemma and a second opinion
    when the parser's lemmatizer stumbles ('arremetió' → 'arremeter')."""
    import simplemma

    return str(simplemma.lemmatize(word, lang=lang)).lower()


PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def _read_patterns(path: Path, file: str) -> dict[str, list[VerbPattern]]:
    patterns: dict[str, list[VerbPattern]] = {}
    with path.open(encoding="utf-8") as f:
        for line_no, row in enumerate(csv.DictReader(f), start=2):
            if not (row.get("lemma") or "").strip() or row["lemma"].startswith("#"):
                continue
            if not (row.get("cameo") or "").strip():
                raise KBError(file, f"line {line_no}", "'cameo' is missing")
            pattern = VerbPattern(
                lemma=row["lemma"].strip(), particle=(row.get("particle") or "").strip() or None,
                objects=frozenset(o for o in (row.get("object") or "").split("|") if o),
                cameo=row["cameo"].strip(),
                target=tuple(t for t in (row.get("target") or "").split("|") if t),
                absorbs=(row.get("absorbs") or "").strip() in ("1", "yes", "true"),
                source=(row.get("source") or "").strip(),
                plover=tuple(t for t in (row.get("plover") or "").split("|") if t),
            )
            unknown = set(pattern.plover) - PLOVER_TYPES
            if unknown:
                raise KBError(file, f"line {line_no}",
                              f"'plover' has unknown types {sorted(unknown)}")
            patterns.setdefault(pattern.lemma, []).append(pattern)
    for rows in patterns.values():
        rows.sort(key=lambda p: -p.specificity)
    return patterns


def _add_nominal_events(patterns: dict[str, list[VerbPattern]], words: dict[str, Any]) -> None:
    """'announced the expulsion of', 'ordenó la suspensión de', 'respondió con la expulsión
    de': a light verb carries the event its noun names. Each (light verb, event noun) becomes a
    pattern after the verb's own ones, so a row in verbs.csv always wins."""
    nouns: dict[str, list[str]] = words.get("event_nouns") or {}
    for verb in words.get("light_verbs") or ():
        rows = patterns.setdefault(verb, [])
        for noun, (cameo, preps) in nouns.items():
            rows.append(VerbPattern(
                lemma=verb, particle=None, objects=frozenset({noun}), cameo=str(cameo),
                target=tuple(p for p in str(preps).split("|") if p), absorbs=False,
                source=f"lexicon event_nouns: '{verb} … {noun}'"))
        rows.sort(key=lambda p: -p.specificity)


def read_lexicon(code: str, *, extra: Path | None = None) -> Lexicon:
    root = Path(str(resources.files("blocwatch.lang") / code))
    words = yaml.safe_load((root / "lexicon.yaml").read_text(encoding="utf-8")) or {}
    patterns = _read_patterns(root / "verbs.csv", f"lang/{code}/verbs.csv")
    _add_nominal_events(patterns, words)
    if extra is not None:
        for lemma, rows in _read_patterns(extra, extra.name).items():
            patterns[lemma] = sorted([*rows, *patterns.get(lemma, [])],
                                     key=lambda p: -p.specificity)
    return Lexicon(words, patterns)


@cache
def get_language(code: str) -> Language:
    """The language layer for an ISO 639-1 code."""
    if code not in SUPPORTED:
        raise ValueError(f"unsupported language {code!r}; blocwatch codes {', '.join(SUPPORTED)}")
    module = importlib.import_module(f"blocwatch.lang.{code}")
    return Language(code=code, lexicon=read_lexicon(code), model_names=module.MODELS,
                    install_hint=module.INSTALL_HINT)
