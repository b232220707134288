"""The public names are a promise: this test changes only with the CHANGELOG."""

import blocwatch


def test_public_names() -> None:
    assert set(blocwatch.__all__) == {
        "Actor", "BlocwatchError", "Coder", "Document", "Event", "KBError", "KnowledgeBase",
        "Location", "MissingExtraError", "ReadError", "UnsupportedLanguageError", "__version__",
        "iter_documents", "load_kb", "open_store", "Store", "ingest", "recode", "export",
    }
    for name in blocwatch.__all__:
        assert getattr(blocwatch, name) is not None


def test_event_json_round_trip() -> None:
    import datetime as dt

    event = blocwatch.Event(
        doc_id="d", sentence_index=0, sentence="s", span=(0, 1), lang="en",
        date=dt.date(2021, 9, 18), date_precision="day", type="CONSULT", mode="visit",
        cameo="042", goldstein=1.9, quad_class=1,
        source=blocwatch.Actor(text="Pedro Castillo", code="PER", sector="GOV"),
        target=None)
    again = blocwatch.Event.from_dict(event.to_dict())
    assert again.to_dict() == event.to_dict()
    assert again.event_id == event.event_id
