"""The output contract as types: documents in, events out, JSON both ways.

The field names here are the public contract (see CONTRACT.md in the docs); fields may be
added, never renamed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SECTORS = (
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "BUS", "MED", "NGO", "REB", "CRM",
    "IGO",
)
PRECISIONS = ("day", "month", "year")


@dataclass(slots=True)
class Document:
    """One input document. `date` is the publication date relative dates resolve against."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    source_path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title, "url": self.url, "lang": self.lang,
        }


@dataclass(slots=True)
class Actor:
    text: str
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    kb_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Actor | None:
        if data is None:
            return None
        return cls(
            text=data["text"], name=data.get("name"), code=data.get("code"),
            sector=data.get("sector"), kb_id=data.get("kb_id"),
        )


@dataclass(slots=True)
class Location:
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        if data is None:
            return None
        return cls(text=data["text"], country=data.get("country"),
                   lat=data.get("lat"), lon=data.get("lon"))


@dataclass(slots=True)
class Event:
    """One (source, target) event, traceable to the sentence it came from."""

    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    lang: str
    date: dt.date | None
    date_precision: str | None
    type: str
    mode: str | None
    cameo: str
    goldstein: float
    quad_class: int
    source: Actor
    target: Actor | None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    coder: str = ""
    trigger: str | None = None
    trigger_span: tuple[int, int] | None = None
    event_id: str = ""

    def __post_init__(self) -> None:
        if not self.event_id:
            self.event_id = make_event_id(self)

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, in the contract's field order."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "span": list(self.span),
            "lang": self.lang,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "confidence": self.confidence,
            "coder": self.coder,
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span) if self.trigger_span else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        source = Actor.from_dict(data["source"])
        assert source is not None
        raw_date = data.get("date")
        trigger_span = data.get("trigger_span")
        return cls(
            event_id=data.get("event_id", ""),
            doc_id=data["doc_id"],
            sentence_index=int(data["sentence_index"]),
            sentence=data["sentence"],
            span=(int(data["span"][0]), int(data["span"][1])),
            lang=data["lang"],
            date=dt.date.fromisoformat(raw_date) if raw_date else None,
            date_precision=data.get("date_precision"),
            type=data["type"],
            mode=data.get("mode"),
            cameo=str(data["cameo"]),
            goldstein=float(data["goldstein"]),
            quad_class=int(data["quad_class"]),
            source=source,
            target=Actor.from_dict(data.get("target")),
            location=Location.from_dict(data.get("location")),
            negated=bool(data.get("negated", False)),
            hypothetical=bool(data.get("hypothetical", False)),
            confidence=float(data.get("confidence", 0.5)),
            coder=data.get("coder", ""),
            trigger=data.get("trigger"),
            trigger_span=tuple(trigger_span) if trigger_span else None,  # type: ignore[arg-type]
        )


def _actor_key(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.code or ''}/{actor.kb_id or actor.text}"


def make_event_id(event: Event) -> str:
    """A stable hash of document, sentence, source, type and target."""
    key = "\x1f".join((
        event.doc_id, str(event.sentence_index), _actor_key(event.source), event.type,
        _actor_key(event.target),
    ))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]
