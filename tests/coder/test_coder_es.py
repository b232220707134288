"""Spanish sentences and the events they must (and must not) give. Written for the tests;
accuracy is measured on held-out sentences in benchmarks/gold."""

from __future__ import annotations

import datetime as dt

import pytest

from blocwatch.coder import Coder
from blocwatch.contract import Document, Event

DOC_DATE = dt.date(2021, 9, 20)  # lunes


def code(coder: Coder, text: str, *, date: dt.date = DOC_DATE) -> list[Event]:
    return coder.code(Document(id="t", text=text, date=date, lang="es"))


def triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.type) for e in events}


def test_celac_meeting_in_spanish(coder: Coder) -> None:
    events = code(coder, "Pedro Castillo, Miguel Díaz-Canel y Nicolás Maduro se reunieron el "
                         "sábado en México con Andrés Manuel López Obrador.")
    assert triples(events) == {("PER", "MEX", "CONSULT"), ("CUB", "MEX", "CONSULT"),
                               ("VEN", "MEX", "CONSULT")}
    assert {e.date for e in events} == {dt.date(2021, 9, 18)}
    assert {e.source.sector for e in events} == {"GOV"}


@pytest.mark.parametrize(("text", "expected", "date"), [
    ("El mandatario venezolano se reunió ayer con su homólogo peruano.",
     {("VEN", "PER", "CONSULT")}, "2021-09-19"),
    ("La cancillería mexicana condenó el martes pasado el bloqueo de Estados Unidos.",
     {("MEX", "USA", "ACCUSE")}, "2021-09-14"),
    ("Perú expulsó anoche al embajador venezolano.",
     {("PER", "VEN", "SANCTION")}, "2021-09-19"),
    ("Estados Unidos impuso sanciones a funcionarios nicaragüenses hace tres días.",
     {("USA", "NIC", "SANCTION")}, "2021-09-17"),
    ("La Casa Rosada rechazó el 3 de marzo las acusaciones de Caracas.",
     {("ARG", "VEN", "REJECT")}, "2021-03-03"),
])
def test_events(coder: Coder, text: str, expected: set[tuple[str, str | None, str]],
                date: str) -> None:
    events = code(coder, text)
    assert triples(events) == expected
    assert {e.date for e in events} == {dt.date.fromisoformat(date)}


@pytest.mark.parametrize("text", [
    "Maduro podría reunirse con Castillo la próxima semana.",
    "Si Colombia reconociera al nuevo gobierno, Venezuela tendría que responder.",
    "Ojalá que México y Perú recuperen pronto el diálogo.",
    "Colombia no expulsó al embajador venezolano.",
    "Creemos que Argentina debería acercarse a Brasil.",
    "La economía chilena creció un tres por ciento el año pasado.",
])
def test_no_factual_event(coder: Coder, text: str) -> None:
    assert code(coder, text) == []


def test_mixed_languages_in_one_run(coder: Coder) -> None:
    docs = [Document(id="en", text="Colombia expelled the Venezuelan ambassador.", lang="en",
                     date=DOC_DATE),
            Document(id="es", text="Colombia expulsó al embajador venezolano.", lang="es",
                     date=DOC_DATE)]
    results = {doc.id: triples(events) for doc, events in coder.code_many(docs)}
    assert results["en"] == results["es"] == {("COL", "VEN", "SANCTION")}


def test_a_spanish_sentence_inside_an_english_document(coder: Coder) -> None:
    text = ("Colombia expelled the Venezuelan ambassador on Monday. "
            "Según la cancillería, Perú expulsó al embajador venezolano el martes pasado.")
    doc = Document(id="mixed", text=text, date=DOC_DATE, lang="en")
    events = coder.code(doc)
    assert {(e.source.code, e.lang) for e in events} == {("COL", "en"), ("PER", "es")}


def test_nominal_event_and_background_clause_es(coder: Coder) -> None:
    events = code(coder, "Evo Morales anunció ayer la expulsión de la agencia estadounidense "
                         "USAID.", date=dt.date(2013, 5, 2))
    assert triples(events) == {("BOL", "USA", "SANCTION")}
    events = code(coder, "España llamó a consultas a su embajadora en Israel, después de que "
                         "Israel expulsara a dos diplomáticos españoles.", date=dt.date(2024, 4, 2))
    assert triples(events) == {("ESP", "ISR", "SANCTION")}


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a periphrastic passive keeps its 'por' agent
    ("El embajador de Estados Unidos fue expulsado ayer por el Gobierno de Bolivia.",
     dt.date(2008, 9, 11), {("BOL", "USA", "SANCTION")}),
    # what a condemned attack is against is not the one condemned
    ("El Gobierno mexicano condenó el ataque israelí contra Irán.",
     dt.date(2025, 6, 14), {("MEX", "ISR", "ACCUSE")}),
    # a city after 'en' names the country an ambassador is recalled from
    ("Brasil llamó a consultas a su embajador en Tel Aviv.",
     dt.date(2024, 2, 20), {("BRA", "ISR", "SANCTION")}),
    # 'América Latina' is not the United States; a state of emergency targets the country
    ("El presidente Daniel Noboa decretó el estado de excepción en todo Ecuador.",
     dt.date(2024, 1, 9), {("ECU", "ECU", "COERCE")}),
    # evaluating a break is not breaking
    ("Argentina evalúa romper relaciones con Irán.", dt.date(2024, 5, 20), set()),
])
def test_spanish_constructions(coder: Coder, text: str, date: dt.date,
                               expected: set[tuple[str, str | None, str]]) -> None:
    assert triples(code(coder, text, date=date)) == expected
