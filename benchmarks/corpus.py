"""A reproducible synthetic news corpus for speed benchmarks (seeded; no external data).

Each document mixes event sentences (actors and event verbs in wire-copy style) with the
background sentences that make up most of real news copy (context, figures, quotes), so the
share of sentences the coder must parse is realistic rather than 100%.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from blocwatch.contract import Document

ACTORS_EN = ["Mexico", "Venezuela", "Colombia", "Brazil", "Argentina", "Peru", "Chile", "Cuba",
             "Bolivia", "Ecuador", "the United States", "Canada", "Spain", "Nicaragua",
             "Venezuelan President Nicolás Maduro", "Mexican President Andrés Manuel López Obrador",
             "Brazil's foreign minister", "Colombian police", "the Organization of American States",
             "Peruvian lawmakers", "Chilean President Gabriel Boric", "Cuban diplomats"]
VERBS_EN = ["met with", "accused", "criticized", "praised", "signed an agreement with",
            "imposed sanctions on", "expelled the ambassador of", "called on", "threatened",
            "sent aid to", "held talks with", "rejected a proposal from", "visited"]
WHEN_EN = ["on Monday", "on Saturday", "last week", "on March 3", "yesterday", "", ""]
BACKGROUND_EN = [
    "The economy grew {n} percent in the third quarter, the central bank said.",
    "Inflation reached {n} percent in {m}, its highest level in a decade.",
    "The summit brought together delegations from {n} countries.",
    "Analysts expect the talks to continue through the end of the year.",
    "Turnout in the election was about {n} percent.",
    "The border crossing handles more than {n} trucks a day.",
    "Oil exports fell by {n} percent compared with the same month last year.",
    "The decision is expected to be debated at length in the coming weeks.",
    "Officials did not give further details.",
    "The region has faced a sharp rise in migration since {y}.",
]
ACTORS_ES = ["México", "Venezuela", "Colombia", "Brasil", "Argentina", "Perú", "Chile", "Cuba",
             "Bolivia", "Ecuador", "Estados Unidos", "el mandatario venezolano",
             "la cancillería mexicana", "el presidente colombiano", "la OEA", "España"]
VERBS_ES = ["se reunió con", "acusó a", "criticó a", "elogió a", "firmó un acuerdo con",
            "impuso sanciones a", "expulsó al embajador de", "instó a", "amenazó a",
            "envió ayuda a", "rechazó la propuesta de", "visitó"]
WHEN_ES = ["el lunes", "el sábado", "la semana pasada", "el 3 de marzo", "ayer", "", ""]
BACKGROUND_ES = [
    "La economía creció {n} por ciento en el tercer trimestre, según el banco central.",
    "La inflación alcanzó {n} por ciento en {m}, su nivel más alto en una década.",
    "La cumbre reunió a delegaciones de {n} países.",
    "Los analistas esperan que las conversaciones continúen hasta fin de año.",
    "La participación en las elecciones fue de alrededor del {n} por ciento.",
    "Las exportaciones de petróleo cayeron {n} por ciento frente al mismo mes del año pasado.",
    "Las autoridades no dieron más detalles.",
    "La región enfrenta un fuerte aumento de la migración desde {y}.",
]
MONTHS = ["January", "March", "June", "September"]


def _sentence(rng: random.Random, lang: str) -> str:
    if rng.random() < 0.35:
        actors, verbs, when = (ACTORS_EN, VERBS_EN, WHEN_EN) if lang == "en" else \
            (ACTORS_ES, VERBS_ES, WHEN_ES)
        a, b = rng.sample(actors, 2)
        text = f"{a} {rng.choice(verbs)} {b} {rng.choice(when)}".strip() + "."
        return text[0].upper() + text[1:]
    template = rng.choice(BACKGROUND_EN if lang == "en" else BACKGROUND_ES)
    return template.format(n=rng.randint(2, 90), m=rng.choice(MONTHS), y=rng.randint(2014, 2022))


def documents(n_sentences: int, *, seed: int = 7, es_share: float = 0.0,
              per_doc: int = 10) -> Iterator[Document]:
    """Documents of `per_doc` sentences each, `n_sentences` in all."""
    rng = random.Random(seed)
    made = 0
    i = 0
    while made < n_sentences:
        lang = "es" if rng.random() < es_share else "en"
        k = min(per_doc, n_sentences - made)
        text = " ".join(_sentence(rng, lang) for _ in range(k))
        date = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
        yield Document(id=f"bench-{i:06d}", text=text, date=date, lang=lang)
        made += k
        i += 1
