"""Events survive the store unchanged; near-duplicate keys match wire copies only."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blocwatch.contract import PLOVER_TYPES, SECTORS, Actor, Document, Event, Location
from blocwatch.store import event_to_row, ingest_documents, norm_hash, open_store, row_to_event

text = st.text(max_size=30)
maybe_text = st.none() | text
codes = st.none() | st.sampled_from(["MEX", "PER", "USA", "OAS", "LIMA_GROUP"])
sectors = st.none() | st.sampled_from(SECTORS)
floats = st.floats(allow_nan=False, allow_infinity=False)
# the contract's domains: Goldstein -10..10, confidence 0..1, coordinates on the globe
goldsteins = st.floats(-10, 10, allow_nan=False)
confidences = st.floats(0, 1, allow_nan=False)
lats = st.floats(-90, 90, allow_nan=False)
lons = st.floats(-180, 180, allow_nan=False)
small = st.integers(min_value=0, max_value=100_000)

actors = st.builds(Actor, text=text, name=maybe_text, code=codes, sector=sectors,
                   kb_id=maybe_text)
locations = st.builds(Location, text=text, country=codes, lat=st.none() | lats,
                      lon=st.none() | lons)


@st.composite
def events(draw: st.DrawFn, doc_id: str | None = None) -> Event:
    start = draw(small)
    trigger = draw(st.none() | st.tuples(small, small))
    return Event(
        doc_id=doc_id or draw(st.text(min_size=1, max_size=20)),
        sentence_index=draw(small), sentence=draw(text), span=(start, start + draw(small)),
        lang=draw(st.sampled_from(["en", "es"])),
        date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
        date_precision=draw(st.none() | st.sampled_from(["day", "month", "year"])),
        type=draw(st.sampled_from(PLOVER_TYPES)), mode=draw(maybe_text),
        cameo=draw(st.from_regex(r"\A[0-9]{2,4}\Z")), goldstein=draw(goldsteins),
        quad_class=draw(st.integers(1, 4)), source=draw(actors),
        target=draw(st.none() | actors), location=draw(st.none() | locations),
        negated=draw(st.booleans()), hypothetical=draw(st.booleans()),
        confidence=draw(confidences), coder=draw(text), trigger=draw(maybe_text),
        trigger_span=trigger,
    )


@given(events())
def test_event_row_round_trip(event: Event) -> None:
    assert row_to_event(event_to_row(event, mention_index=0)) == event


class ListCoder:
    """Returns the given events for the one document it is asked about."""

    version = "list 1"

    def __init__(self, events: list[Event]) -> None:
        self.events = events

    def code(self, doc: Document) -> list[Event]:
        return self.events


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(doc_id="doc-1"), min_size=1, max_size=6))
def test_events_round_trip_through_the_store(stored: list[Event]) -> None:
    with open_store() as store:
        ingest_documents(store, [Document(id="doc-1", text="some text")],
                         coder=ListCoder(stored))
        rows = store.query("SELECT * FROM event_mentions ORDER BY mention_index").to_pylist()
    assert [row_to_event(row) for row in rows] == stored


WIRE = "Peru's president met Mexico's president on Saturday, officials said."


@pytest.mark.parametrize("copy", [
    WIRE,
    f"LIMA (AP) — {WIRE}",
    f"LIMA, 20 sep (EFE).- {WIRE}",
    f"MEXICO CITY, Sept 20 (Reuters) - {WIRE} (Reporting by A. Writer; Editing by B. Editor)",
    f"BOGOTÁ, Colombia — {WIRE}",
    WIRE.upper(),
    WIRE.replace(" ", "  ").replace(",", " ,"),
    "  " + WIRE + "\n\n",
])
def test_wire_copies_share_the_norm_hash(copy: str) -> None:
    assert norm_hash(copy) == norm_hash(WIRE)


@pytest.mark.parametrize("other", [
    WIRE.replace("Saturday", "Sunday"),
    WIRE.replace("Peru's", "Chile's"),
    "Peru's president met Mexico's president.",
])
def test_different_stories_differ(other: str) -> None:
    assert norm_hash(other) != norm_hash(WIRE)


@pytest.mark.parametrize("empty", ["", "   ", "— . —", "LIMA (AP) —"])
def test_texts_without_words_have_no_norm_hash(empty: str) -> None:
    assert norm_hash(empty) is None
