"""Contract objects to table rows and back: one `Event` is one flat `event_mentions` row."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from blocwatch.contract import Actor, Document, Event, Location

_ACTOR_FIELDS = ("text", "name", "code", "sector", "kb_id")

#: `event_mentions` columns the batch supplies, in table order (run_id and event_key are
#: added in SQL).
MENTION_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("mention_index", pa.int32()),
    ("sentence_index", pa.int32()), ("span_start", pa.int32()), ("span_end", pa.int32()),
    ("sentence", pa.string()), ("lang", pa.string()), ("date", pa.date32()),
    ("date_precision", pa.string()), ("type", pa.string()), ("mode", pa.string()),
    ("cameo", pa.string()), ("goldstein", pa.float64()), ("quad_class", pa.int32()),
    *[(f"source_{f}", pa.string()) for f in _ACTOR_FIELDS],
    *[(f"target_{f}", pa.string()) for f in _ACTOR_FIELDS],
    ("location_text", pa.string()), ("location_country", pa.string()),
    ("location_lat", pa.float64()), ("location_lon", pa.float64()),
    ("negated", pa.bool_()), ("hypothetical", pa.bool_()), ("confidence", pa.float64()),
    ("coder", pa.string()), ("trigger", pa.string()), ("trigger_start", pa.int32()),
    ("trigger_end", pa.int32()),
])

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("content_hash", pa.string()), ("norm_hash", pa.string()),
    ("dup_of", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("lang", pa.string()), ("pub_date", pa.date32()), ("source_path", pa.string()),
    ("text", pa.string()),
])

SENTENCE_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("sentence_index", pa.int32()), ("start", pa.int32()),
    ("end", pa.int32()), ("text", pa.string()),
])

BAD_SCHEMA = pa.schema([("doc_id", pa.string()), ("path", pa.string()), ("reason", pa.string())])


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    return {f"{prefix}_{f}": getattr(actor, f) if actor else None for f in _ACTOR_FIELDS}


def event_to_row(event: Event, *, mention_index: int) -> dict[str, Any]:
    """Flatten one event; `mention_index` keeps the coder's order within its document."""
    loc = event.location
    trigger = event.trigger_span
    return {
        "event_id": event.event_id, "doc_id": event.doc_id, "mention_index": mention_index,
        "sentence_index": event.sentence_index, "span_start": event.span[0],
        "span_end": event.span[1], "sentence": event.sentence, "lang": event.lang,
        "date": event.date, "date_precision": event.date_precision, "type": event.type,
        "mode": event.mode, "cameo": event.cameo, "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        **_actor_columns("source", event.source), **_actor_columns("target", event.target),
        "location_text": loc.text if loc else None,
        "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "negated": event.negated, "hypothetical": event.hypothetical,
        "confidence": event.confidence, "coder": event.coder, "trigger": event.trigger,
        "trigger_start": trigger[0] if trigger else None,
        "trigger_end": trigger[1] if trigger else None,
    }


def _actor_from(row: dict[str, Any], prefix: str) -> Actor | None:
    if row[f"{prefix}_text"] is None:
        return None
    return Actor(**{f: row[f"{prefix}_{f}"] for f in _ACTOR_FIELDS})


def row_to_event(row: dict[str, Any]) -> Event:
    """The inverse of `event_to_row`: the event exactly as the coder produced it."""
    source = _actor_from(row, "source")
    if source is None:
        raise ValueError(f"event {row['event_id']} has no source actor")
    location = None
    if row["location_text"] is not None:
        location = Location(text=row["location_text"], country=row["location_country"],
                            lat=row["location_lat"], lon=row["location_lon"])
    trigger_span = None
    if row["trigger_start"] is not None:
        trigger_span = (row["trigger_start"], row["trigger_end"])
    return Event(
        event_id=row["event_id"], doc_id=row["doc_id"], sentence_index=row["sentence_index"],
        sentence=row["sentence"], span=(row["span_start"], row["span_end"]), lang=row["lang"],
        date=row["date"], date_precision=row["date_precision"], type=row["type"],
        mode=row["mode"], cameo=row["cameo"], goldstein=row["goldstein"],
        quad_class=row["quad_class"], source=source, target=_actor_from(row, "target"),
        location=location, negated=row["negated"], hypothetical=row["hypothetical"],
        confidence=row["confidence"], coder=row["coder"], trigger=row["trigger"],
        trigger_span=trigger_span,
    )


def mentions_table(events: Iterable[tuple[int, Event]]) -> pa.Table:
    """(mention_index, event) pairs as an Arrow table in `MENTION_SCHEMA`."""
    return columnar((event_to_row(event, mention_index=i) for i, event in events),
                    MENTION_SCHEMA)


def columnar(records: Iterable[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Row dicts as an Arrow table (built column by column: faster than `from_pylist`)."""
    names = schema.names
    columns: list[list[Any]] = [[] for _ in names]
    for record in records:
        for column, name in zip(columns, names):
            column.append(record[name])
    return pa.Table.from_arrays(
        [pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


def sentences_of(doc_id: str, events: Sequence[Event]) -> list[dict[str, Any]]:
    """The sentences that carry events, once each (the coder reports no others)."""
    seen: dict[int, dict[str, Any]] = {}
    for event in events:
        seen.setdefault(event.sentence_index, {
            "doc_id": doc_id, "sentence_index": event.sentence_index,
            "start": event.span[0], "end": event.span[1], "text": event.sentence,
        })
    return [seen[i] for i in sorted(seen)]


def document_row(doc: Document, *, content_hash: str, norm_hash: str | None,
                 dup_of: str | None) -> dict[str, Any]:
    return {
        "doc_id": doc.id, "content_hash": content_hash, "norm_hash": norm_hash,
        "dup_of": dup_of, "title": doc.title, "url": doc.url, "lang": doc.lang,
        "pub_date": doc.date, "source_path": doc.source_path, "text": doc.text,
    }


def row_to_document(row: dict[str, Any]) -> Document:
    return Document(id=row["doc_id"], text=row["text"], date=row["pub_date"],
                    title=row["title"], url=row["url"], lang=row["lang"],
                    source_path=row["source_path"])


# -- hashes ------------------------------------------------------------------------------------

def content_hash(text: str) -> str:
    """Identity of a document's exact text: an already-stored text is skipped."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_AGENCIES = (
    "AP|AFP|EFE|Reuters|Reuter|ANSA|DPA|Xinhua|Europa Press|Prensa Latina|Sputnik|Notimex|"
    "T[eé]lam|Bloomberg|UPI|ANDINA|ABI|AVN|IPS|TASS|Kyodo|Yonhap"
)
# "CARACAS, 20 sep (EFE).-", "LIMA (AP) —", "MEXICO CITY, Sept 20 (Reuters) -"
_DATELINE_AGENCY = re.compile(
    rf"^\s*[^\n]{{0,80}}?\(\s*(?:{_AGENCIES})\s*\)\s*[-–—.:]*\s*", re.IGNORECASE)
# "BOGOTÁ, Colombia —", "WASHINGTON -" : a capitalised place, then a dash.
_DATELINE_CAPS = re.compile(
    r"^\s*[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ .'’]{2,40}(?:,[^\n—–-]{0,40})?\s+[-–—]+\s*")
_TRAILER = re.compile(r"\(\s*(?:reporting|writing|editing|additional reporting)\b[^)]*\)\s*$",
                      re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """Text with the wire dressing removed: dateline, credit line, case, punctuation, spaces."""
    body = _DATELINE_AGENCY.sub("", text, count=1)
    body = _DATELINE_CAPS.sub("", body, count=1)
    body = _TRAILER.sub("", body.rstrip())
    body = unicodedata.normalize("NFKC", body).casefold()
    return _NOT_WORD.sub("", body)


def norm_hash(text: str) -> str | None:
    """The near-duplicate key: equal for wire copies that differ only in dressing."""
    body = normalise_text(text)
    if not body:
        return None
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:24]


def as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
