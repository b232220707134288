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
                   "bad_documents")


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
