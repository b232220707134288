"""Spanish date words and patterns, read by :mod:`blocwatch.coder.dates`.

The same names and named groups as :mod:`blocwatch.lang.en.dates` (see its docstring): this
module holds only vocabulary and regular expressions. Spanish writes months and weekdays in lower
case; a month named on its own ("en marzo") must be lower case, so that "Plaza de Mayo" or
"Cinco de Mayo" are not read as dates. A weekday needs an article or a direction word ("el
sábado", "este martes", "del lunes", "el pasado domingo"), so that "Santo Domingo" is not one.
Lookup keys are lower case with single spaces; common spellings without accents are listed too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTH_NAMES: dict[str, int] = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}
# Only read next to a day number ("18 sep", "3 de mar. de 2021"): "mar" is also the sea.
# "set" is the Peruvian and Uruguayan abbreviation of setiembre.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
    "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
}
MONTHS: dict[str, int] = {**MONTH_NAMES, **MONTH_ABBREVIATIONS}

WEEKDAYS: dict[str, int] = {
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
}

_ONES = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
_TEENS = ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
          "dieciocho", "diecinueve"]
_TWENTIES = ["veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
             "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
# Spellings without the accent, frequent in quick copy.
_UNACCENTED = {"dieciseis": 16, "veintidos": 22, "veintitres": 23, "veintiseis": 26}


def _cardinals() -> dict[str, int]:
    table = {word: i + 1 for i, word in enumerate(_ONES)}
    table.update({word: i + 10 for i, word in enumerate(_TEENS)})
    table["veinte"] = 20
    table.update({word: i + 21 for i, word in enumerate(_TWENTIES)})
    table.update(_UNACCENTED)
    table["veintiún"] = 21
    table["veintiun"] = 21
    table["veintiuna"] = 21
    table["treinta"] = 30
    return table


# Counts before a unit ("hace tres días", "hace un mes"). None: a vague count ("hace unos
# días"), found but not resolved.
NUMBERS: dict[str, int | None] = {
    **_cardinals(), "un": 1, "una": 1, "un par de": 2,
    "unos": None, "unas": None, "varios": None, "varias": None, "algunos": None,
    "algunas": None, "pocos": None, "pocas": None,
}

# Day numbers in words: "el primero de marzo", "el dos de mayo".
DAY_WORDS: dict[str, int] = {
    "primero": 1, **{word: value for word, value in _cardinals().items() if value > 1},
    "treinta y uno": 31,
}

UNITS: dict[str, str] = {
    "día": "day", "días": "day", "dia": "day", "dias": "day", "semana": "week",
    "semanas": "week", "mes": "month", "meses": "month", "año": "year", "años": "year",
    "hora": "hour", "horas": "hour", "minuto": "hour", "minutos": "hour",
}

DIRECTIONS: dict[str, int] = {
    "pasado": -1, "pasada": -1, "próximo": 1, "próxima": 1, "proximo": 1, "proxima": 1,
    "que viene": 1, "entrante": 1, "este": 0, "esta": 0,
}
_DIR_WORDS = ("pasado", "pasada", "próximo", "próxima", "proximo", "proxima")
_DIR_AFTER = (*_DIR_WORDS, "que viene", "entrante")

_WEEK_NEXT = ("próxima semana", "proxima semana", "semana próxima", "semana proxima",
              "semana que viene", "semana entrante")
_MONTH_NEXT = ("próximo mes", "proximo mes", "mes próximo", "mes proximo", "mes que viene",
               "mes entrante")
_YEAR_NEXT = ("próximo año", "proximo año", "año próximo", "año proximo", "año que viene",
              "año entrante")

# Fixed relative phrases: (unit, offset) from the publication date. An article before them
# ("la semana pasada", "el año pasado") is matched by the pattern.
FIXED: dict[str, tuple[str, int]] = {
    "hoy": ("day", 0), "esta noche": ("day", 0), "esta mañana": ("day", 0),
    "esta tarde": ("day", 0), "esta madrugada": ("day", 0),
    "ayer": ("day", -1), "anoche": ("day", -1), "anteayer": ("day", -2),
    "antier": ("day", -2), "antes de ayer": ("day", -2), "antes de anoche": ("day", -2),
    "anteanoche": ("day", -2), "mañana": ("day", 1), "pasado mañana": ("day", 2),
    "semana pasada": ("week", -1), "pasada semana": ("week", -1), "esta semana": ("week", 0),
    **{phrase: ("week", 1) for phrase in _WEEK_NEXT},
    "mes pasado": ("month", -1), "pasado mes": ("month", -1), "este mes": ("month", 0),
    "mes en curso": ("month", 0), **{phrase: ("month", 1) for phrase in _MONTH_NEXT},
    "año pasado": ("year", -1), "pasado año": ("year", -1), "este año": ("year", 0),
    "año en curso": ("year", 0), **{phrase: ("year", 1) for phrase in _YEAR_NEXT},
    # Only after a qualifier: "a principios de mes", "a finales de año".
    "mes": ("month", 0), "año": ("year", 0), "semana": ("week", 0),
}
_BARE = ("mes", "año", "semana")
FIXED_KEYWORDS: frozenset[str] = frozenset({
    "hoy", "noche", "mañana", "tarde", "madrugada", "ayer", "anoche", "anteayer", "antier",
    "anteanoche", "semana", "mes", "año",
})

# "en marzo del año pasado", "el 3 de marzo de este año".
YEAR_RELATIVE: dict[str, int] = {
    "del año pasado": -1, "del pasado año": -1, "de este año": 0, "de este mismo año": 0,
    "del año en curso": 0, "del próximo año": 1, "del proximo año": 1, "del año próximo": 1,
    "del año proximo": 1, "del año que viene": 1, "del año entrante": 1,
}

# What a preposition right before a date says about it (see blocwatch.lang.en.dates).
PREP_ROLES: dict[str, str] = {
    "en": "event", "durante": "event", "para": "event", "hacia": "event",
    "a lo largo de": "event", "a lo largo del": "event",
    "desde": "bound", "hasta": "bound", "antes de": "bound", "antes del": "bound",
    "después de": "bound", "después del": "bound", "despues de": "bound", "despues del": "bound",
    "a partir de": "bound", "a partir del": "bound", "tras": "bound", "entre": "bound",
    "previo a": "bound", "previo al": "bound", "luego de": "bound", "luego del": "bound",
    "de cara a": "bound", "de cara al": "bound",
    "de": "attr", "del": "attr",
}
_QUALIFIER_HEADS = ("principios", "comienzos", "inicios", "mediados", "finales", "fines")
QUALIFIERS: tuple[str, ...] = (
    *(f"{lead}{head} {de}" for lead in ("a ", "") for head in _QUALIFIER_HEADS
      for de in ("de", "del")),
    "a fin de", "a fin del",
)
# Before a year: "el 2019" is a modifier unless a preposition leads ("en el 2019").
DETERMINERS: tuple[str, ...] = ("el",)
YEAR_DET_IS_MODIFIER = False
# Spanish puts such modifiers after the noun with "de"/"del", which PREP_ROLES handles.
MODIFIER_BEFORE: re.Pattern[str] | None = None
# A month named on its own must be lower case in the original (patterns see lower-cased text).
NAME_CASE: dict[str, str] = {"month": "lower"}
# Spanish writes day/month/year: "3/4/2021" is 3 April.
NUMERIC_ORDER: str | None = "dmy"

SUBORDINATORS = re.compile(
    r"\b(?:que|quien|quienes|cual|cuales|cuando|mientras|donde|porque|aunque|si|pero|sino)\b",
    re.IGNORECASE)
PUBLISHED = re.compile(
    r"\b(?:publicad[oa](?:\s+(?:el|en))?|fecha\s+de\s+publicaci[oó]n|fecha)\b[^\d\n]{0,30}$",
    re.IGNORECASE)

ADVERBS: tuple[str, ...] = (
    "apenas", "solo", "sólo", "casi", "exactamente", "poco más de", "poco mas de", "más de",
    "mas de", "menos de", "ya", "aproximadamente", "cerca de",
)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; spaces match spaces or hyphens."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"[\s-]+".join(map(re.escape, w.split())) for w in ordered) + ")"


# "mañana" alone is tomorrow, but not in "la mañana", "esta mañana", "por la mañana"; "hoy" is
# today, but "hoy (en) día" is nowadays.
_TOMORROW = r"(?<!la\s)(?<!una\s)(?<!esta\s)(?<!cada\s)(?<!misma\s)mañana"
_TODAY = r"hoy(?!\s+(?:en\s+)?d[ií]a\b)"
_FIXED_ALT = (
    "(?:" + _alt(k for k in FIXED if k not in (*_BARE, "mañana", "hoy")) + "|" + _TOMORROW
    + "|" + _TODAY + ")"
)

# "antes de ayer" is a day (anteayer), not "before yesterday".
PREP = (
    r"(?:\b(?!antes\s+de\s+(?:ayer|anoche)\b)(?P<prep>" + _alt(PREP_ROLES) + r")\s+)?"
)
_QUAL = r"(?:(?P<qual>" + _alt(QUALIFIERS) + r")\s+)?"
_DIR = r"(?:(?P<dir>" + _alt(_DIR_WORDS) + r")\s+)?"
_DIR2 = r"(?:\s+(?P<dir2>" + _alt(_DIR_AFTER) + r")\b)?"
_MONTH_ANY = (
    r"(?P<month>" + _alt(MONTH_NAMES) + r"\b|" + _alt(MONTH_ABBREVIATIONS) + r"\b\.?)"
)
_MONTH_LOWER = r"(?P<month>" + _alt(MONTH_NAMES) + r")\b"
_WEEKDAY_ALT = _alt(WEEKDAYS)
_WEEKDAY = r"(?P<weekday>" + _WEEKDAY_ALT + r")\b"
_YEAR_TAIL = (
    r"(?:(?:\s+(?:de|del)\s+|,?\s+)(?:año\s+)?(?P<year>\d{4})(?!\d)|\s+(?P<yrel>"
    + _alt(YEAR_RELATIVE) + r")\b)?"
)
_DAY = (
    r"(?:\b(?P<day>[0-3]?\d)(?:º|°|ro|ero|o)?|\b(?P<dayw>" + _alt(DAY_WORDS) + r"))(?!\d)"
)

_DATE_RULE = (
    PREP + r"(?P<core>(?:(?P<art>el|este)\s+)?" + _DIR + r"(?:" + _WEEKDAY_ALT
    + r",?\s+)?(?:d[ií]a\s+)?" + _DAY + r"\s+(?:de\s+)?" + _MONTH_ANY + _YEAR_TAIL + _DIR2 + ")"
)
_MONTH_RULE = (
    PREP + r"(?P<core>" + _QUAL + r"(?:(?P<art>el|este)\s+)?" + _DIR + r"(?:mes\s+de\s+)?"
    + _MONTH_LOWER + _YEAR_TAIL + _DIR2 + ")"
)
_WEEKDAY_RULE = (
    PREP + r"(?P<core>(?:\b(?P<art>el|este|ese)\s+|(?<=\bdel\s)|(?<=\bal\s)|(?=(?:"
    + _alt(_DIR_WORDS) + r")\s))" + _DIR + _WEEKDAY + _DIR2 + ")"
)
_WEEKDAY_DAY_RULE = (
    PREP + r"(?P<core>(?:(?P<art>el|este)\s+)?" + _DIR + _WEEKDAY
    + r",?\s+(?:d[ií]a\s+)?(?P<day>[0-3]?\d)(?!\d)(?![:.,]\d)(?!\s*(?:%|horas?\b|hrs?\b)))"
)
_YEAR_RULE = (
    PREP + r"(?:\b(?P<det>" + _alt(DETERMINERS) + r")\s+(?:año\s+)?)?(?P<core>" + _QUAL
    + r"(?<![\d$€£])(?<!\d[-/.,])(?P<year>(?:1[89]|2[01])\d\d)(?!\w)(?![-/.:,]\d))"
)
_FIXED_RULE = (
    PREP + r"(?P<core>\b(?:(?:(?:" + _alt(QUALIFIERS) + r")\s+)?(?:(?:el|la)\s+)?(?P<phrase>"
    + _FIXED_ALT + r")|(?:" + _alt(QUALIFIERS) + r")\s+(?P<bare>" + _alt(_BARE) + r")))(?!\w)"
)
_AGO_RULE = (
    PREP + r"(?P<core>\bhace\s+(?:(?P<adv>" + _alt(ADVERBS) + r")\s+)?(?P<num>\d{1,4}|"
    + _alt(NUMBERS) + r")\s+(?P<unit>" + _alt(UNITS) + r"))(?!\w)"
)

_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)


def _words_of(*tables: Iterable[str]) -> frozenset[str]:
    return frozenset(word for table in tables for phrase in table
                     for word in re.findall(r"[^\W_]+", phrase))


# Every word that can occur in a match, numbers aside (see blocwatch.lang.en.dates).
DATE_WORDS: frozenset[str] = _words_of(
    MONTHS, WEEKDAYS, NUMBERS, DAY_WORDS, UNITS, DIRECTIONS, FIXED, YEAR_RELATIVE, PREP_ROLES,
    QUALIFIERS, DETERMINERS, ADVERBS,
    ("el", "la", "este", "ese", "del", "al", "de", "día", "dia", "mes", "año", "hace"))


# (kind, pattern, gate), as in blocwatch.lang.en.dates.
RULES: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = (
    ("date", re.compile(_DATE_RULE), _MONTH_WORDS),
    ("month", re.compile(_MONTH_RULE), _MONTH_WORDS),
    ("weekday", re.compile(_WEEKDAY_RULE), _WEEKDAY_WORDS),
    ("weekday_day", re.compile(_WEEKDAY_DAY_RULE), _WEEKDAY_WORDS),
    ("year", re.compile(_YEAR_RULE), frozenset({"#4"})),
    ("fixed", re.compile(_FIXED_RULE), FIXED_KEYWORDS),
    ("ago", re.compile(_AGO_RULE), frozenset({"hace"})),
)
