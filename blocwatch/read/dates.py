"""Publication dates: ISO 8601 fields, and a date clearly stated at the top of a plain text.

Only unambiguous, complete dates are taken from text: ISO (2021-09-20), "20 September 2021",
"September 20, 2021", "20 de septiembre de 2021", on a "Published:"/"Publicado:" line or in a
dateline ("LIMA, 18 de septiembre de 2021 (AFP) -"). Numeric day/month forms are ambiguous and a
dateline without a year ("Sept 18 (Reuters)") is incomplete, so neither is used: the date then
stays unknown, never today.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "set": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
}
WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo",
)
HEADER_LINES = 12
HEADER_CHARS = 2_000

_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_YEAR = r"((?:19|20)\d\d)\b"
_ORDINAL = r"(?:st|nd|rd|th|\.?º|°)?"
_ISO = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_DAY_MONTH_YEAR = re.compile(
    rf"(\d{{1,2}}){_ORDINAL}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?{_YEAR}", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH}\s+(\d{{1,2}}){_ORDINAL},?\s+{_YEAR}", re.IGNORECASE)
_LABEL = re.compile(
    r"^\W*(?:published|posted|date|dated|publication date|publicado|publicada|fecha|"
    r"fecha de publicación)\b(?:\s+(?:on|el|en))?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_WEEKDAY_PREFIX = re.compile(rf"\s*{_WEEKDAY}", re.IGNORECASE)
# After a dateline's date: an optional time and agency, then a dash, colon, period or the end.
_DATELINE_END = re.compile(
    r"(?:,?\s+\d{1,2}[:.]\d\d\b[^(\-–—]{0,12})?\s*(?:\([^)]{1,30}\)\s*)?(?:[-–—:.]|$)"
)
_DATELINE = re.compile(
    r"^\s*[A-ZÁÉÍÓÚÑÜ][\w.'’ -]{1,40}?(?:\s*\([^)]{1,30}\))?,\s+", re.UNICODE
)


def parse_date_phrase(phrase: str) -> dt.date | None:
    """A complete date at the very start of `phrase` (after an optional weekday), or None."""
    found = _match_date(phrase)
    return found[0] if found else None


def _match_date(phrase: str) -> tuple[dt.date, int] | None:
    """(date, offset just after it) for a complete date opening `phrase`, else None."""
    weekday = _WEEKDAY_PREFIX.match(phrase)
    start = weekday.end() if weekday else 0
    match = _ISO.match(phrase, start)
    if match:
        found = _make_date(match.group(1), match.group(2), match.group(3))
    elif match := _DAY_MONTH_YEAR.match(phrase, start):
        found = _make_date(match.group(3), str(MONTHS[match.group(2).lower()]), match.group(1))
    elif match := _MONTH_DAY_YEAR.match(phrase, start):
        found = _make_date(match.group(3), str(MONTHS[match.group(1).lower()]), match.group(2))
    else:
        return None
    return (found, match.end()) if found else None


def find_header_date(text: str) -> dt.date | None:
    """The publication date stated near the top of a plain text, if clearly present."""
    lines = [line for line in text[:HEADER_CHARS].splitlines() if line.strip()]
    for line in lines[:HEADER_LINES]:
        found = header_line_date(line)
        if found:
            return found
    return None


def header_line_date(line: str) -> dt.date | None:
    """The date of a "Published: ..." line or of a dateline, else None."""
    label = _LABEL.match(line)
    if label:
        return parse_date_phrase(line[label.end():])
    dateline = _DATELINE.match(line)
    if not dateline:
        return None
    rest = line[dateline.end():]
    found = _match_date(rest)
    if found and _DATELINE_END.match(rest, found[1]):
        return found[0]
    return None


def parse_iso_date(value: str) -> dt.date:
    """An ISO 8601 date or datetime string to its (local) date; ValueError if not one."""
    text = value.strip()
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text).date()


def parse_any_date(value: str) -> dt.date | None:
    """ISO 8601 or RFC 822 (feeds, HTTP) to the date as written (no shift to UTC); or None."""
    if not value or not value.strip():
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        return None


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
