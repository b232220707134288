"""Date expressions in English and Spanish, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocwatch.coder import dates
from blocwatch.coder.dates import DateMention, document_date, event_date, find_dates
from blocwatch.errors import BlocwatchError

D = dt.date  # short for the tables
DOC = D(2021, 9, 20)  # a Monday: the CELAC summit story, two days after the Saturday meeting

Case = tuple[str, dt.date, dt.date | None, str | None]

EN_CASES: list[Case] = [
    # Weekdays: the last such day on or before the publication date.
    ("Peruvian President Pedro Castillo met on Saturday in Mexico with Andrés Manuel López "
     "Obrador.", DOC, D(2021, 9, 18), "day"),
    ("The leaders met on Saturday.", D(2021, 9, 18), D(2021, 9, 18), "day"),
    ("The talks ended Sunday.", DOC, D(2021, 9, 19), "day"),
    ("The minister arrived on Monday.", DOC, D(2021, 9, 20), "day"),
    ("He spoke on Tuesday.", DOC, D(2021, 9, 14), "day"),
    ("The envoy arrived late Saturday.", DOC, D(2021, 9, 18), "day"),
    ("The minister left on Sunday.", D(2021, 1, 1), D(2020, 12, 27), "day"),
    ("Protesters marched last Saturday.", DOC, D(2021, 9, 18), "day"),
    ("Officials met last Monday.", DOC, D(2021, 9, 13), "day"),
    ("Ministers met this past Friday.", DOC, D(2021, 9, 17), "day"),
    ("The vote is due next Tuesday.", DOC, D(2021, 9, 21), "day"),
    ("The summit opens next Monday.", DOC, D(2021, 9, 27), "day"),
    ("Ministers will meet this coming Friday.", DOC, D(2021, 9, 24), "day"),
    ("They will meet this Thursday.", DOC, D(2021, 9, 23), "day"),
    # Fixed relative phrases.
    ("The ministry said yesterday that talks would go on.", DOC, D(2021, 9, 19), "day"),
    ("Troops were deployed today.", DOC, D(2021, 9, 20), "day"),
    ("Clashes broke out last night.", DOC, D(2021, 9, 19), "day"),
    ("The envoy arrived the day before yesterday.", DOC, D(2021, 9, 18), "day"),
    ("The president will address the nation tonight.", DOC, D(2021, 9, 20), "day"),
    ("Police cleared the square this morning.", DOC, D(2021, 9, 20), "day"),
    ("The delegation travels tomorrow.", DOC, D(2021, 9, 21), "day"),
    ("Talks resume the day after tomorrow.", DOC, D(2021, 9, 22), "day"),
    ("The two sides met last week.", DOC, D(2021, 9, 13), "day"),
    ("Negotiators will meet next week.", DOC, D(2021, 9, 27), "day"),
    ("The talks took place this week.", DOC, D(2021, 9, 20), "day"),
    ("The blockade began last month.", DOC, D(2021, 8, 1), "month"),
    ("The vote is scheduled for next month.", DOC, D(2021, 10, 1), "month"),
    ("Exports rose earlier this month.", DOC, D(2021, 9, 1), "month"),
    ("Turnout fell last year.", DOC, D(2020, 1, 1), "year"),
    ("The law passed earlier this year.", DOC, D(2021, 1, 1), "year"),
    ("The embargo ends next year.", DOC, D(2022, 1, 1), "year"),
    ("The blockade began last month.", D(2021, 1, 15), D(2020, 12, 1), "month"),
    # "N ... ago".
    ("Rebels attacked the town three days ago.", DOC, D(2021, 9, 17), "day"),
    ("The embassy closed 10 days ago.", DOC, D(2021, 9, 10), "day"),
    ("Two weeks ago, the army withdrew.", DOC, D(2021, 9, 6), "day"),
    ("The ambassador was expelled a week ago.", DOC, D(2021, 9, 13), "day"),
    ("Sanctions were imposed twenty-one days ago.", DOC, D(2021, 8, 30), "day"),
    ("The report came out a couple of weeks ago.", DOC, D(2021, 9, 6), "day"),
    ("The treaty was signed a month ago.", DOC, D(2021, 8, 1), "month"),
    ("Elections were held two years ago.", DOC, D(2019, 1, 1), "year"),
    ("Riots erupted an hour ago.", DOC, D(2021, 9, 20), "day"),
    ("The mission left more than three months ago.", DOC, D(2021, 6, 1), "month"),
    # Months.
    ("Congress approved the budget in March.", DOC, D(2021, 3, 1), "month"),
    ("The talks collapsed in September.", DOC, D(2021, 9, 1), "month"),
    ("The talks collapsed in October.", DOC, D(2020, 10, 1), "month"),
    ("The mission ended last March.", DOC, D(2021, 3, 1), "month"),
    ("The mission ended last March.", D(2021, 3, 10), D(2020, 3, 1), "month"),
    ("Talks stalled in early March.", DOC, D(2021, 3, 1), "month"),
    ("The offensive began in late August.", DOC, D(2021, 8, 1), "month"),
    ("The embassy reopened in March 2020.", DOC, D(2020, 3, 1), "month"),
    ("The reforms passed in June of 2018.", DOC, D(2018, 6, 1), "month"),
    ("The embassy reopened in March last year.", DOC, D(2020, 3, 1), "month"),
    ("The embassy closed in Sept.", DOC, D(2021, 9, 1), "month"),
    # Month and day.
    ("The leaders met on March 3.", DOC, D(2021, 3, 3), "day"),
    ("The accord was signed March 3rd.", DOC, D(2021, 3, 3), "day"),
    ("Troops entered on 3 March.", DOC, D(2021, 3, 3), "day"),
    ("The vote took place on October 5.", DOC, D(2020, 10, 5), "day"),
    ("It was announced on Sept. 18.", DOC, D(2021, 9, 18), "day"),
    ("The ceasefire started on 18 Sep.", DOC, D(2021, 9, 18), "day"),
    ("Talks began on the first of March.", DOC, D(2021, 3, 1), "day"),
    ("Talks began on the 3rd of March.", DOC, D(2021, 3, 3), "day"),
    ("He resigned on March 3 last year.", DOC, D(2020, 3, 3), "day"),
    ("The summit was held on Feb. 29.", DOC, D(2020, 2, 29), "day"),
    ("Talks resumed on December 31.", D(2021, 1, 5), D(2020, 12, 31), "day"),
    ("The CELAC summit was held on Saturday, September 18.", DOC, D(2021, 9, 18), "day"),
    ("Mexico's foreign minister spoke on Friday, Sept. 17.", DOC, D(2021, 9, 17), "day"),
    ("THE VOTE TOOK PLACE ON MARCH 3.", DOC, D(2021, 3, 3), "day"),
    # Explicit dates and years.
    ("The deal was signed on 3 March 2021.", D(2022, 1, 1), D(2021, 3, 3), "day"),
    ("The deal was signed on March 3, 2021.", D(2022, 1, 1), D(2021, 3, 3), "day"),
    ("It was announced on Sept. 18, 2020.", DOC, D(2020, 9, 18), "day"),
    ("The leaders met Saturday, Sept. 18, 2021, in Mexico City.", DOC, D(2021, 9, 18), "day"),
    ("The agreement was published on 2021-03-03.", DOC, D(2021, 3, 3), "day"),
    ("The order is dated 25/03/2021.", DOC, D(2021, 3, 25), "day"),
    ("The order is dated 03/25/2021.", DOC, D(2021, 3, 25), "day"),
    ("The order is dated 3/3/2021.", DOC, D(2021, 3, 3), "day"),
    ("The party won power in 2019.", DOC, D(2019, 1, 1), "year"),
    ("The dispute flared in mid-2019.", DOC, D(2019, 1, 1), "year"),
    ("The agreement, signed in 2016 by both governments, collapsed.", DOC, D(2016, 1, 1),
     "year"),
]

ES_CASES: list[Case] = [
    # Días de la semana.
    ("El presidente peruano Pedro Castillo se reunió el sábado en México con Andrés Manuel "
     "López Obrador.", DOC, D(2021, 9, 18), "day"),
    ("Los cancilleres se reunieron el sábado.", D(2021, 9, 18), D(2021, 9, 18), "day"),
    ("La cumbre terminó el domingo.", DOC, D(2021, 9, 19), "day"),
    ("El ministro llegó el lunes.", DOC, D(2021, 9, 20), "day"),
    ("El canciller habló el martes.", DOC, D(2021, 9, 14), "day"),
    ("El acuerdo se firmó el miércoles.", DOC, D(2021, 9, 15), "day"),
    ("El acuerdo se firmó el miercoles.", DOC, D(2021, 9, 15), "day"),
    ("Se reunieron el Sábado.", DOC, D(2021, 9, 18), "day"),
    ("La reunión del sábado fue tensa.", DOC, D(2021, 9, 18), "day"),
    ("El ministro se fue el domingo.", D(2021, 1, 1), D(2020, 12, 27), "day"),
    ("Los manifestantes marcharon el sábado pasado.", DOC, D(2021, 9, 18), "day"),
    ("Se reunieron el pasado lunes.", DOC, D(2021, 9, 13), "day"),
    ("La votación será el próximo martes.", DOC, D(2021, 9, 21), "day"),
    ("La cumbre empieza el lunes próximo.", DOC, D(2021, 9, 27), "day"),
    ("Se reunirán el jueves que viene.", DOC, D(2021, 9, 23), "day"),
    ("Se reunieron este viernes.", DOC, D(2021, 9, 17), "day"),
    # Expresiones fijas.
    ("El ministerio informó ayer que seguirá negociando.", DOC, D(2021, 9, 19), "day"),
    ("Las tropas fueron desplegadas hoy.", DOC, D(2021, 9, 20), "day"),
    ("Los enfrentamientos estallaron anoche.", DOC, D(2021, 9, 19), "day"),
    ("El enviado llegó anteayer.", DOC, D(2021, 9, 18), "day"),
    ("El enviado llegó antier.", DOC, D(2021, 9, 18), "day"),
    ("El enviado llegó antes de ayer.", DOC, D(2021, 9, 18), "day"),
    ("El presidente hablará esta noche.", DOC, D(2021, 9, 20), "day"),
    ("La policía desalojó la plaza esta mañana.", DOC, D(2021, 9, 20), "day"),
    ("La delegación viaja mañana.", DOC, D(2021, 9, 21), "day"),
    ("Las conversaciones se reanudan pasado mañana.", DOC, D(2021, 9, 22), "day"),
    ("Las partes se reunieron la semana pasada.", DOC, D(2021, 9, 13), "day"),
    ("Los negociadores se reunirán la próxima semana.", DOC, D(2021, 9, 27), "day"),
    ("Las conversaciones tuvieron lugar esta semana.", DOC, D(2021, 9, 20), "day"),
    ("El bloqueo comenzó el mes pasado.", DOC, D(2021, 8, 1), "month"),
    ("La votación está prevista para el próximo mes.", DOC, D(2021, 10, 1), "month"),
    ("Las exportaciones subieron a principios de mes.", DOC, D(2021, 9, 1), "month"),
    ("Las exportaciones subieron a principios de este mes.", DOC, D(2021, 9, 1), "month"),
    ("Se reunieron a finales del mes pasado.", DOC, D(2021, 8, 1), "month"),
    ("La participación cayó el año pasado.", DOC, D(2020, 1, 1), "year"),
    ("La ley se aprobó este año.", DOC, D(2021, 1, 1), "year"),
    ("El embargo termina el año que viene.", DOC, D(2022, 1, 1), "year"),
    # "hace N ...".
    ("Los rebeldes atacaron el pueblo hace tres días.", DOC, D(2021, 9, 17), "day"),
    ("La embajada cerró hace 10 días.", DOC, D(2021, 9, 10), "day"),
    ("Hace dos semanas, el ejército se retiró.", DOC, D(2021, 9, 6), "day"),
    ("El embajador fue expulsado hace una semana.", DOC, D(2021, 9, 13), "day"),
    ("Las sanciones se impusieron hace veintiún días.", DOC, D(2021, 8, 30), "day"),
    ("Las sanciones se impusieron hace quince días.", DOC, D(2021, 9, 5), "day"),
    ("El tratado se firmó hace un mes.", DOC, D(2021, 8, 1), "month"),
    ("Las elecciones se celebraron hace dos años.", DOC, D(2019, 1, 1), "year"),
    ("La misión partió hace más de tres meses.", DOC, D(2021, 6, 1), "month"),
    # Meses.
    ("El Congreso aprobó el presupuesto en marzo.", DOC, D(2021, 3, 1), "month"),
    ("Las conversaciones fracasaron en septiembre.", DOC, D(2021, 9, 1), "month"),
    ("Las conversaciones fracasaron en octubre.", DOC, D(2020, 10, 1), "month"),
    ("La misión terminó el pasado mes de marzo.", DOC, D(2021, 3, 1), "month"),
    ("La misión terminó en marzo pasado.", DOC, D(2021, 3, 1), "month"),
    ("La misión terminó en marzo pasado.", D(2021, 3, 10), D(2020, 3, 1), "month"),
    ("Las conversaciones se estancaron a principios de marzo.", DOC, D(2021, 3, 1), "month"),
    ("La ofensiva comenzó a finales de agosto.", DOC, D(2021, 8, 1), "month"),
    ("La embajada reabrió en marzo de 2020.", DOC, D(2020, 3, 1), "month"),
    ("La embajada reabrió en marzo del año pasado.", DOC, D(2020, 3, 1), "month"),
    # Día y mes.
    ("Los líderes se reunieron el 3 de marzo.", DOC, D(2021, 3, 3), "day"),
    ("El acuerdo se firmó el pasado 3 de marzo.", DOC, D(2021, 3, 3), "day"),
    ("El acuerdo se firmó el 3 de marzo pasado.", DOC, D(2021, 3, 3), "day"),
    ("La votación fue el 5 de octubre.", DOC, D(2020, 10, 5), "day"),
    ("Se anunció el 18 sep.", DOC, D(2021, 9, 18), "day"),
    ("El alto el fuego empezó el 18 de setiembre.", DOC, D(2021, 9, 18), "day"),
    ("Las conversaciones empezaron el primero de marzo.", DOC, D(2021, 3, 1), "day"),
    ("Las conversaciones empezaron el 1º de marzo.", DOC, D(2021, 3, 1), "day"),
    ("Renunció el 3 de marzo del año pasado.", DOC, D(2020, 3, 3), "day"),
    ("La cumbre se celebró el 29 de febrero.", DOC, D(2020, 2, 29), "day"),
    ("Las conversaciones se reanudaron el 31 de diciembre.", D(2021, 1, 5), D(2020, 12, 31),
     "day"),
    ("Los líderes se reunieron el sábado 18 de septiembre en Ciudad de México.", DOC,
     D(2021, 9, 18), "day"),
    ("Los líderes se reunieron el sábado 18 en Ciudad de México.", DOC, D(2021, 9, 18), "day"),
    ("La cumbre será el próximo 3 de octubre.", DOC, D(2021, 10, 3), "day"),
    # Fechas explícitas y años.
    ("El acuerdo se firmó el 3 de marzo de 2021.", D(2022, 1, 1), D(2021, 3, 3), "day"),
    ("El 3 de marzo de 2021 se firmó el acuerdo.", D(2022, 1, 1), D(2021, 3, 3), "day"),
    ("El acuerdo fue firmado el 3 marzo 2021.", D(2022, 1, 1), D(2021, 3, 3), "day"),
    ("El acuerdo se publicó el 2021-03-03.", DOC, D(2021, 3, 3), "day"),
    ("La orden tiene fecha 3/4/2021.", DOC, D(2021, 4, 3), "day"),
    ("La orden tiene fecha 25/03/2021.", DOC, D(2021, 3, 25), "day"),
    ("El partido llegó al poder en 2019.", DOC, D(2019, 1, 1), "year"),
    ("El partido llegó al poder en el 2019.", DOC, D(2019, 1, 1), "year"),
    ("La disputa estalló a mediados de 2019.", DOC, D(2019, 1, 1), "year"),
]

ALL_CASES = [("en", *case) for case in EN_CASES] + [("es", *case) for case in ES_CASES]


def test_tables_are_large_enough() -> None:
    assert len(EN_CASES) >= 60 and len(ES_CASES) >= 60


@pytest.mark.parametrize(("lang", "sentence", "doc", "expected", "precision"), ALL_CASES)
def test_event_date(lang: str, sentence: str, doc: dt.date, expected: dt.date,
                    precision: str) -> None:
    mention = event_date(sentence, lang=lang, doc_date=doc)
    assert mention is not None
    assert (mention.date, mention.precision) == (expected, precision)
    assert sentence[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(("lang", "sentence", "doc", "expected", "precision"), ALL_CASES)
def test_shortcuts_find_what_an_exhaustive_scan_finds(
        lang: str, sentence: str, doc: dt.date, expected: dt.date, precision: str) -> None:
    lex = dates._lexicon(lang)
    quick = [f.mention for f in dates._scan(sentence, lex, doc)]
    full = [f.mention for f in dates._scan(sentence, lex, doc, exhaustive=True)]
    assert quick == full


def test_celac_saturday() -> None:
    text = ("Pedro Castillo, Miguel Díaz-Canel and Nicolás Maduro met on Saturday in Mexico, "
            "together with Andrés Manuel López Obrador.")
    mention = event_date(text, lang="en", doc_date=D(2021, 9, 20), anchor=text.index("met"))
    assert mention == DateMention(start=text.index("Saturday"), end=text.index(" in Mexico"),
                                  text="Saturday", date=D(2021, 9, 18), precision="day",
                                  relative=True)


@pytest.mark.parametrize(("lang", "sentence", "texts"), [
    ("en", "They met last Saturday and will meet again next Tuesday.",
     ["last Saturday", "next Tuesday"]),
    ("en", "On Sept. 18, 2021 the ministers met in Mexico City.", ["Sept. 18, 2021"]),
    ("en", "Relations have been tense since early March.", ["early March"]),
    ("es", "Se reunieron el sábado pasado y volverán a verse el próximo martes.",
     ["el sábado pasado", "el próximo martes"]),
    ("es", "Desde el pasado 3 de marzo no hay diálogo.", ["el pasado 3 de marzo"]),
    ("es", "La tregua rige desde hace tres días.", ["hace tres días"]),
])
def test_mention_spans_leave_out_prepositions(lang: str, sentence: str,
                                              texts: list[str]) -> None:
    assert [m.text for m in find_dates(sentence, lang=lang, doc_date=DOC)] == texts


# Not dates: the month "May" against the verb "may", bare numbers, "Plaza de Mayo", decades.
@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "The minister may travel to Lima."),
    ("en", "Thousands march in Caracas every week."),
    ("en", "President May met the envoy."),
    ("en", "About 2000 troops were deployed."),
    ("en", "The report counted 1,500 victims in 2,019 villages."),
    ("en", "The order is dated 3/4/2021."),  # ambiguous in English
    ("en", "In the 1990s the country was at war."),
    ("en", "Protesters took to the streets of Caracas."),
    ("es", "Miles marcharon en la Plaza de Mayo."),
    ("es", "El presidente viajó a Santo Domingo."),
    ("es", "Unas 2000 personas protestaron."),
    ("es", "Las fragatas cruzaron el mar Caribe."),
    ("es", "Hace falta más diálogo entre las partes."),
    ("es", "Se reúnen los sábados en la plaza."),
    ("es", "La mañana del encuentro llovió."),
    ("es", "Hoy en día las relaciones son cordiales."),
])
def test_not_dates(lang: str, sentence: str) -> None:
    assert find_dates(sentence, lang=lang, doc_date=DOC) == []


@pytest.mark.parametrize(("lang", "sentence", "expected", "relative"), [
    ("en", "They met on Saturday.", None, True),
    ("en", "They met on March 3.", None, True),
    ("en", "They met three days ago.", None, True),
    ("en", "They met in March.", None, True),
    ("en", "They met on March 3, 2021.", D(2021, 3, 3), False),
    ("en", "They met in 2019.", D(2019, 1, 1), False),
    ("en", "They met on 2021-03-03.", D(2021, 3, 3), False),
    ("es", "Se reunieron el sábado pasado.", None, True),
    ("es", "Se reunieron hace tres días.", None, True),
    ("es", "Se reunieron el 3 de marzo.", None, True),
    ("es", "Se reunieron ayer.", None, True),
    ("es", "Se reunieron el 3 de marzo de 2021.", D(2021, 3, 3), False),
    ("es", "Se reunieron en 2019.", D(2019, 1, 1), False),
])
def test_without_publication_date(lang: str, sentence: str, expected: dt.date | None,
                                  relative: bool) -> None:
    [mention] = find_dates(sentence, lang=lang, doc_date=None)
    assert mention.date == expected and mention.relative is relative
    assert (mention.precision is None) == (expected is None)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "The report came out a few days ago."),
    ("en", "The report came out several weeks ago."),
    ("en", "The deal was signed on 31 February 2021."),
    ("es", "El informe salió hace unos días."),
    ("es", "El informe salió hace varias semanas."),
    ("es", "El acuerdo se firmó el 31 de febrero de 2021."),
])
def test_found_but_unresolved(lang: str, sentence: str) -> None:
    [mention] = find_dates(sentence, lang=lang, doc_date=DOC)
    assert mention.date is None and mention.precision is None


# (sentence, trigger, expected date or None): which mention dates the event.
EVENT_CASES: list[tuple[str, str, str, dt.date | None]] = [
    ("en", "Relations have been frozen since 2018.", "frozen", None),
    ("en", "The sanctions will remain until March.", "remain", None),
    ("en", "The 2019 election was disputed.", "disputed", None),
    ("en", "Talks held between 2018 and 2020 failed.", "failed", None),
    ("en", "After Saturday's vote, the leaders met on Monday.", "met", D(2021, 9, 20)),
    ("en", "On Saturday, the minister said that the two countries met in March.", "said",
     D(2021, 9, 18)),
    ("en", "On Saturday, the minister said that the two countries met in March.", "met",
     D(2021, 3, 1)),
    ("en", "The president, who took office in 2018, met the envoy on Friday.", "met",
     D(2021, 9, 17)),
    ("en", "The president, who took office in 2018, met the envoy on Friday.", "took",
     D(2018, 1, 1)),
    ("en", "The deal agreed by March was signed yesterday.", "signed", D(2021, 9, 19)),
    ("en", "Since 2018 the two leaders have met in March.", "met", D(2021, 3, 1)),
    ("en", "The minister visited Lima ahead of Saturday's summit.", "visited", None),
    ("en", "The OAS said on Sunday that its audit had found fraud in Bolivia's Oct. 20 election.",
     "found", D(2021, 9, 19)),
    ("en", "The March 3 vote was annulled.", "annulled", None),
    ("es", "Las relaciones están congeladas desde 2018.", "congeladas", None),
    ("es", "Las sanciones seguirán hasta marzo.", "seguirán", None),
    ("es", "Las elecciones de 2019 fueron impugnadas.", "impugnadas", None),
    ("es", "Tras la votación del sábado, los líderes se reunieron el lunes.", "reunieron",
     D(2021, 9, 20)),
    ("es", "El sábado, el canciller dijo que ambos países se reunieron en marzo.", "dijo",
     D(2021, 9, 18)),
    ("es", "El sábado, el canciller dijo que ambos países se reunieron en marzo.", "reunieron",
     D(2021, 3, 1)),
    ("es", "El presidente, quien asumió el cargo en 2018, se reunió con el enviado el viernes.",
     "reunió", D(2021, 9, 17)),
    ("es", "El presidente, quien asumió el cargo en 2018, se reunió con el enviado el viernes.",
     "asumió", D(2018, 1, 1)),
    ("es", "Castillo, quien ganó las elecciones de 2021, se reunió el sábado con López Obrador.",
     "reunió", D(2021, 9, 18)),
    ("es", "No hay diálogo desde el pasado 3 de marzo.", "diálogo", None),
    ("es", "El canciller viajó a Lima antes del lunes.", "viajó", None),
]


@pytest.mark.parametrize(("lang", "sentence", "trigger", "expected"), EVENT_CASES)
def test_event_date_picks_the_event_time(lang: str, sentence: str, trigger: str,
                                         expected: dt.date | None) -> None:
    mention = event_date(sentence, lang=lang, doc_date=DOC, anchor=sentence.index(trigger))
    assert (mention.date if mention else None) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "MEXICO CITY, Sept. 20, 2021 (Reuters) - Leaders met on Saturday.", D(2021, 9, 20)),
    ("en", "Title here\nPublished 3 March 2021\n\nBody text.", D(2021, 3, 3)),
    ("en", "Title\nPublished on: Monday, September 20, 2021 10:32 GMT\nBody", D(2021, 9, 20)),
    ("en", "Title\n2021-03-03T10:00:00Z\nBody", D(2021, 3, 3)),
    ("en", "Leaders meet in Mexico\nBy Jane Doe, September 20, 2021\nText.", D(2021, 9, 20)),
    ("en", "MEXICO CITY, Sept 20 (Reuters) - Leaders met on Saturday.", None),
    ("en", "Title\nUpdated: March 5, 2021\nBody", None),
    ("en", "The summit on 3 March 2021 was a success.", None),
    ("en", "MEXICO CITY (AP) — Leaders met on Saturday.", None),
    ("en", "Published 09/03/2021\nBody", None),  # ambiguous in English
    ("es", "Publicado el 3 de marzo de 2021\nEl presidente viajó.", D(2021, 3, 3)),
    ("es", "Ciudad de México, 20 de septiembre de 2021 (EFE).- El presidente", D(2021, 9, 20)),
    ("es", "Lima, 20/09/2021 | El presidente", D(2021, 9, 20)),
    ("es", "Título\nFecha de publicación: 03/09/2021\nTexto", D(2021, 9, 3)),
    ("es", "Madrid, 20 sep (EFE).- El presidente", None),
    ("es", "El presidente viajó el 3 de marzo de 2021 a Lima.", None),
])
def test_document_date(lang: str, text: str, expected: dt.date | None) -> None:
    assert document_date(text, lang=lang) == expected


def test_document_date_looks_only_at_the_top() -> None:
    text = "Title\n" + "Some text.\n" * 200 + "Published 3 March 2021\n"
    assert document_date(text, lang="en") is None


def test_language_codes() -> None:
    assert find_dates("Se reunieron ayer.", lang="es-MX", doc_date=DOC)[0].date == D(2021, 9, 19)
    assert find_dates("They met yesterday.", lang="EN", doc_date=DOC)[0].date == D(2021, 9, 19)
    with pytest.raises(BlocwatchError, match="fr"):
        find_dates("Ils se sont réunis hier.", lang="fr", doc_date=DOC)


def test_empty_text() -> None:
    assert find_dates("", lang="en", doc_date=DOC) == []
    assert event_date("", lang="es", doc_date=DOC, anchor=0) is None
    assert document_date("", lang="en") is None


# Property tests --------------------------------------------------------------------------------

EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ES_WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]
EN_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
              "eighteen", "nineteen", "twenty", *[f"twenty-{w}" for w in
                                                  ["one", "two", "three", "four", "five",
                                                   "six", "seven", "eight", "nine"]], "thirty"]
ES_NUMBERS = ["un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
              "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
              "dieciocho", "diecinueve", "veinte", "veintiún", "veintidós", "veintitrés",
              "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho",
              "veintinueve", "treinta"]

doc_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


def _weekday_sentence(lang: str, weekday: int, direction: str = "") -> str:
    if lang == "en":
        return f"The ministers met {direction or 'on'} {EN_WEEKDAYS[weekday]} in Lima."
    if direction:
        return f"Los ministros se reunieron el {ES_WEEKDAYS[weekday]} {direction} en Lima."
    return f"Los ministros se reunieron el {ES_WEEKDAYS[weekday]} en Lima."


@given(doc_dates, st.integers(0, 6), st.sampled_from(["en", "es"]))
def test_weekday_is_within_the_last_week(doc: dt.date, weekday: int, lang: str) -> None:
    mention = event_date(_weekday_sentence(lang, weekday), lang=lang, doc_date=doc)
    assert mention is not None and mention.date is not None
    assert 0 <= (doc - mention.date).days <= 6
    assert mention.date.weekday() == weekday


@given(doc_dates, st.integers(0, 6), st.sampled_from(["en", "es"]))
def test_last_and_next_weekday(doc: dt.date, weekday: int, lang: str) -> None:
    last = _weekday_sentence(lang, weekday, "last" if lang == "en" else "pasado")
    following = _weekday_sentence(lang, weekday, "next" if lang == "en" else "próximo")
    before = event_date(last, lang=lang, doc_date=doc)
    after = event_date(following, lang=lang, doc_date=doc)
    assert before is not None and before.date is not None
    assert after is not None and after.date is not None
    assert 1 <= (doc - before.date).days <= 7 and before.date.weekday() == weekday
    assert 1 <= (after.date - doc).days <= 7 and after.date.weekday() == weekday


@given(doc_dates, st.integers(0, 3000), st.sampled_from(["en", "es"]))
def test_days_ago_in_digits(doc: dt.date, days: int, lang: str) -> None:
    sentence = (f"The talks ended {days} days ago." if lang == "en"
                else f"Las conversaciones terminaron hace {days} días.")
    mention = event_date(sentence, lang=lang, doc_date=doc)
    assert mention is not None and mention.precision == "day" and mention.relative
    assert mention.date == doc - dt.timedelta(days=days)


@given(doc_dates, st.integers(1, 30), st.sampled_from(["en", "es"]))
def test_days_ago_in_words(doc: dt.date, days: int, lang: str) -> None:
    if lang == "en":
        sentence = f"The talks ended {EN_NUMBERS[days - 1]} days ago."
    else:
        sentence = f"Las conversaciones terminaron hace {ES_NUMBERS[days - 1]} días."
    mention = event_date(sentence, lang=lang, doc_date=doc)
    assert mention is not None and mention.date == doc - dt.timedelta(days=days)


@given(st.dates(), st.sampled_from(["en", "es"]), st.none() | doc_dates)
def test_iso_dates_round_trip(day: dt.date, lang: str, doc: dt.date | None) -> None:
    sentence = (f"The agreement was signed on {day.isoformat()}." if lang == "en"
                else f"El acuerdo se firmó el {day.isoformat()}.")
    mention = event_date(sentence, lang=lang, doc_date=doc)
    assert mention is not None
    assert (mention.date, mention.precision, mention.relative) == (day, "day", False)


@given(st.dates(min_value=D(1000, 1, 1)), st.sampled_from(["en", "es"]))
def test_written_dates_round_trip(day: dt.date, lang: str) -> None:
    if lang == "en":
        sentence = f"It was signed on {EN_MONTHS[day.month - 1]} {day.day}, {day.year}."
    else:
        sentence = f"Se firmó el {day.day} de {ES_MONTHS[day.month - 1]} de {day.year}."
    mention = event_date(sentence, lang=lang, doc_date=None)
    assert mention is not None and mention.date == day and not mention.relative


@given(doc_dates, st.integers(1, 12), st.integers(1, 28), st.sampled_from(["en", "es"]))
def test_month_day_without_year_is_the_last_year(doc: dt.date, month: int, day: int,
                                                 lang: str) -> None:
    sentence = (f"They met on {EN_MONTHS[month - 1]} {day}." if lang == "en"
                else f"Se reunieron el {day} de {ES_MONTHS[month - 1]}.")
    mention = event_date(sentence, lang=lang, doc_date=doc)
    assert mention is not None and mention.date is not None
    assert (mention.date.month, mention.date.day) == (month, day)
    assert 0 <= (doc - mention.date).days < 366
