"""Score the coder against hand-coded sentences: type accuracy, triple P/R/F1, sectors, dates.

Two formats are read: blocwatch's gold JSONL (one sentence per line with its events, see
benchmarks/gold/README.md) and the PLOVER gold-standard records (PLOVER_GSR_CAMEO.json), whose
CAMEO actor codes are mapped to ISO and whose organizations are all coded `IGO`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.coder import Coder
from blocwatch.contract import Document, Event

OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT", "GMY": "DEU", "UK": "GBR"}


@dataclass(slots=True)
class GoldEvent:
    source: str | None
    target: str | None
    type: str
    source_sector: str | None = None
    target_sector: str | None = None
    date: str | None = None


@dataclass(slots=True)
class GoldItem:
    id: str
    text: str
    lang: str
    doc_date: dt.date | None
    events: list[GoldEvent]


@dataclass(slots=True)
class Score:
    items: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_hits: int = 0
    typed_items: int = 0
    sector_hits: int = 0
    sector_total: int = 0
    date_hits: int = 0
    date_total: int = 0
    empty_items: int = 0
    empty_clean: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "items": self.items, "gold_events": self.gold, "predicted_events": self.predicted,
            "matched": self.matched, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "type_accuracy": ratio(self.type_hits, self.typed_items),
            "sector_accuracy": ratio(self.sector_hits, self.sector_total),
            "date_accuracy": ratio(self.date_hits, self.date_total),
            "no_event_items": self.empty_items,
            "no_event_items_clean": ratio(self.empty_clean, self.empty_items),
        }


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def read_gold(path: str | Path) -> list[GoldItem]:
    """Items from a blocwatch gold JSONL file or a PLOVER GSR JSON file."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        return list(_read_gsr(json.loads(text)))
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        events = [GoldEvent(e.get("source"), e.get("target"), e["type"],
                            e.get("source_sector"), e.get("target_sector"), e.get("date"))
                  for e in row.get("events", [])]
        items.append(GoldItem(row["id"], row["text"], row.get("lang", "en"),
                              _date(row.get("doc_date")), events))
    return items


def _gsr_codes(actors: Any) -> list[str | None]:
    if not isinstance(actors, list) or not actors:
        return [None]
    codes = []
    for actor in actors:
        code = actor.get("code") if isinstance(actor, dict) else None
        codes.append(CAMEO_TO_ISO.get(code, code) if code else None)
    return codes


def _read_gsr(records: list[dict[str, Any]]) -> Iterator[GoldItem]:
    for record in records:
        if record.get("event") == "DOCUMENT" or "text" not in record:
            continue
        etype = OLD_PLOVER.get(record["event"], record["event"])
        events = [GoldEvent(s, t, etype) for s in _gsr_codes(record.get("source"))
                  for t in _gsr_codes(record.get("target"))]
        yield GoldItem(record["id"], record["text"], record.get("language", "en"), None, events)


def _as_gsr_code(code: str | None, coder: Coder) -> str | None:
    if code and code in coder.kb.organizations:
        return "IGO"
    return code


def _triples(events: Iterable[Any], key: Any) -> Counter[tuple[Any, ...]]:
    return Counter(key(e) for e in events)


def evaluate(items: list[GoldItem], *, coder: Coder, gsr: bool = False) -> Score:
    """Code every item's text alone and compare with its gold events."""
    score = Score()
    docs = [Document(id=i.id, text=i.text, date=i.doc_date, lang=i.lang) for i in items]
    for item, (_, predicted) in zip(items, coder.code_many(docs)):
        _score_item(score, item, predicted, coder=coder, gsr=gsr)
    return score


def _score_item(score: Score, item: GoldItem, predicted: list[Event], *, coder: Coder,
                gsr: bool) -> None:
    def pred_key(e: Event) -> tuple[str | None, str | None, str]:
        src, tgt = e.source.code, e.target.code if e.target else None
        if gsr:
            src, tgt = _as_gsr_code(src, coder), _as_gsr_code(tgt, coder)
        return (src, tgt, e.type)

    score.items += 1
    gold = _triples(item.events, lambda g: (g.source, g.target, g.type))
    pred = _triples(predicted, pred_key)
    matched = gold & pred
    score.gold += sum(gold.values())
    score.predicted += sum(pred.values())
    score.matched += sum(matched.values())
    if not item.events:
        score.empty_items += 1
        score.empty_clean += not predicted
    else:
        score.typed_items += 1
        score.type_hits += item.events[0].type in {e.type for e in predicted}
    sectors = _score_details(score, item, predicted, pred_key)
    if gold != pred or sectors:
        score.errors.append({"id": item.id, "text": item.text,
                             "missing": [list(k) for k in (gold - pred).elements()],
                             "extra": [list(k) for k in (pred - gold).elements()],
                             "sectors": sectors})


def _score_details(score: Score, item: GoldItem, predicted: list[Event], pred_key: Any
                   ) -> list[dict[str, Any]]:
    """Sector and date hits of the matched events; the sector mismatches, for the errors file."""
    mismatches: list[dict[str, Any]] = []
    for gold_event in item.events:
        key = (gold_event.source, gold_event.target, gold_event.type)
        match = next((e for e in predicted if pred_key(e) == key), None)
        if match is None:
            continue
        if gold_event.source_sector is not None or gold_event.target_sector is not None:
            score.sector_total += 1
            target_sector = match.target.sector if match.target else None
            hit = (match.source.sector == gold_event.source_sector and
                   target_sector == gold_event.target_sector)
            score.sector_hits += hit
            if not hit:
                mismatches.append({"event": list(key),
                                   "gold": [gold_event.source_sector, gold_event.target_sector],
                                   "coded": [match.source.sector, target_sector]})
        if gold_event.date is not None:
            score.date_total += 1
            score.date_hits += (match.date is not None and
                                match.date.isoformat() == gold_event.date)
    return mismatches
