"""Helpers for the store tests: real Events from a scripted coder, and table snapshots.

`ScriptedCoder` stands in for the NLP coder only (the store is always real): it reads events
written in a tiny notation, one per sentence, so tests control exactly which events a document
yields:

    "PER/GOV CONSULT MEX/GOV 2021-09-18 042." -> PER(GOV) consults MEX(GOV) on 2021-09-18
    "VEN ACCUSE USA - 112 not."               -> negated, no date
    "OAS/IGO SUPPORT - 2021-09-01 050 maybe." -> hypothetical, no target
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from blocwatch.contract import Actor, Document, Event, Location
from blocwatch.store import Store

_SENTENCE = re.compile(r"[^.]+\.")
_NOTATION = re.compile(
    r"(?P<src>[A-Z_]+)(?:/(?P<ss>[A-Z]+))? (?P<type>[A-Z]+) (?P<tgt>[A-Z_]+|-)(?:/(?P<ts>[A-Z]+))?"
    r" (?P<date>\d{4}-\d{2}-\d{2}|-) (?P<cameo>\d{2,4})(?P<flag> not| maybe)?\."
)
QUAD = {"0": 1, "1": 3, "2": 2}


class ScriptedCoder:
    """Codes the notation above; raises on a sentence containing 'CRASH'."""

    def __init__(self, version: str = "scripted 1", *, confidence: float = 0.8) -> None:
        self.version = version
        self.confidence = confidence

    def code(self, doc: Document) -> list[Event]:
        events = []
        for index, match in enumerate(_SENTENCE.finditer(doc.text)):
            text = match.group().strip()
            if "CRASH" in text:
                raise RuntimeError("scripted failure")
            notation = _NOTATION.search(text)
            if notation:
                start = match.start() + match.group().index(text)
                events.append(self._event(doc, index, (start, start + len(text)), text,
                                          notation))
        return events

    def _event(self, doc: Document, index: int, span: tuple[int, int], text: str,
               m: re.Match[str]) -> Event:
        target = None if m["tgt"] == "-" else Actor(text=m["tgt"].title(), code=m["tgt"],
                                                    sector=m["ts"])
        return Event(
            doc_id=doc.id, sentence_index=index, sentence=text, span=span,
            lang=doc.lang or "en",
            date=None if m["date"] == "-" else dt.date.fromisoformat(m["date"]),
            date_precision=None if m["date"] == "-" else "day", type=m["type"], mode=None,
            cameo=m["cameo"], goldstein=float(len(m["cameo"])),
            quad_class=QUAD.get(m["cameo"][1], 4),
            source=Actor(text=m["src"].title(), name=m["src"], code=m["src"], sector=m["ss"]),
            target=target, location=Location(text="Lima", country="PER", lat=-12.05, lon=-77.04),
            negated=m["flag"] == " not", hypothetical=m["flag"] == " maybe",
            confidence=self.confidence, coder=self.version,
        )


def doc(doc_id: str, text: str, *, date: str | None = "2021-09-20", **kw: Any) -> Document:
    return Document(id=doc_id, text=text, date=dt.date.fromisoformat(date) if date else None,
                    lang=kw.pop("lang", "en"), **kw)


# Columns that legitimately differ between two runs over the same input.
VOLATILE = {"ingested_at", "run_id", "seen_at"}
COMPARED_TABLES = ("documents", "sentences", "event_mentions", "events", "event_links",
                   "bad_documents", "dyad_month")


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every compared table's rows, volatile columns dropped, sorted: two stores with equal
    snapshots answer every query alike."""
    out = {}
    for table in COMPARED_TABLES:
        columns = [c for c in store.query(f"SELECT * FROM {table} LIMIT 0").column_names
                   if c not in VOLATILE]
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = store.con.execute(f"SELECT {quoted} FROM {table}").fetchall()
        out[table] = sorted((tuple(row) for row in rows), key=repr)
    return out


# -- a generated corpus of real news-like text (for the real coder) --------------------------

COUNTRIES = {
    "en": ["Peru", "Mexico", "Venezuela", "Colombia", "Brazil", "Argentina", "Chile", "Bolivia",
           "Ecuador", "Cuba", "the United States", "China", "Russia"],
    "es": ["Perú", "México", "Venezuela", "Colombia", "Brasil", "Argentina", "Chile", "Bolivia",
           "Ecuador", "Cuba", "Estados Unidos", "China", "Rusia"],
}
TEMPLATES = {
    "en": [
        "{a} accused {b} of interfering in its internal affairs.",
        "The government of {a} signed a trade agreement with {b} on Monday.",
        "{a} sent humanitarian aid to {b} after the floods.",
        "{a} expelled the ambassador of {b} on Tuesday.",
        "{a} threatened {b} with new sanctions.",
        "The foreign minister of {a} met his counterpart from {b} in the capital.",
        "{a} rejected the proposal made by {b}.",
        "{a} did not condemn {b}.",
    ],
    "es": [
        "{a} acusó a {b} de injerencia en sus asuntos internos.",
        "El gobierno de {a} firmó un acuerdo comercial con {b} el lunes.",
        "{a} envió ayuda humanitaria a {b} tras las inundaciones.",
        "{a} expulsó al embajador de {b} el martes.",
        "{a} amenazó a {b} con nuevas sanciones.",
        "El canciller de {a} se reunió con su homólogo de {b}.",
        "{a} rechazó la propuesta de {b}.",
    ],
}


def corpus_lines(n: int, *, seed: int = 7, bad_lines: int = 0) -> list[str]:
    """`n` JSON Lines documents (every tenth a wire copy of an earlier one) and `bad_lines`
    lines the reader rejects, spread through the file."""
    import json
    import random

    rng = random.Random(seed)
    lines: list[str] = []
    for i in range(n):
        if i % 10 == 9:
            j = rng.randrange(len(lines))
            original = json.loads(lines[j - 1 if j % 10 == 9 else j])  # copy an original
            record = {**original, "id": f"copy-{i:05d}",
                      "text": f"CARACAS, {i} sep (EFE).- " + original["text"]}
        else:
            record = _generated(i, rng)
        lines.append(json.dumps(record, ensure_ascii=False))
    for k in range(bad_lines):
        lines.insert(rng.randrange(len(lines) + 1), "{not json at all" + "!" * k)
    return lines


def _generated(i: int, rng: Any) -> dict[str, Any]:
    lang = "es" if i % 3 == 0 else "en"
    sentences = []
    for _ in range(rng.randint(1, 3)):
        a, b = rng.sample(COUNTRIES[lang], 2)
        text = rng.choice(TEMPLATES[lang]).format(a=a, b=b)
        sentences.append(text[0].upper() + text[1:])
    day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    return {"id": f"doc-{i:05d}", "text": " ".join(sentences), "date": day.isoformat(),
            "lang": lang}


def write_corpus(path: Any, *, n: int, bad_lines: int = 0, seed: int = 7) -> Any:
    path.write_text("\n".join(corpus_lines(n, seed=seed, bad_lines=bad_lines)) + "\n",
                    encoding="utf-8")
    return path
