"""English date words and patterns, read by :mod:`blocwatch.coder.dates`.

This module holds only vocabulary and regular expressions; the arithmetic lives in the
language-neutral resolver. Every pattern in :data:`RULES` matches one date expression, and its
named groups say what the expression means:

- ``prep``: a preposition before the expression ("on", "since"); outside the mention span, it
  decides whether the mention can be an event's time (:data:`PREP_ROLES`).
- ``core``: the mention span itself ("last Saturday", "Sept. 18, 2021", "early March").
- ``day`` (digits) or ``dayw`` (:data:`DAY_WORDS`), ``month`` (:data:`MONTHS`), ``year``
  (digits), ``weekday`` (:data:`WEEKDAYS`).
- ``dir``, ``dir2``, ``art``: looked up in :data:`DIRECTIONS` (last = -1, this = 0, next = +1).
- ``yrel``: "last year"/"this year"/"next year" after a month or date (:data:`YEAR_RELATIVE`).
- ``phrase``: a fixed relative phrase (:data:`FIXED`).
- ``num`` and ``unit``: "three weeks ago" (:data:`NUMBERS`, :data:`UNITS`).
- ``det``: a determiner before a year ("the 2019 election"); ``qual``: "early", "late", "mid".

Patterns are written in lower case and matched against the lower-cased sentence; month and
weekday names must then be capitalised in the original (:data:`NAME_CASE`: "May" the month, not
"may" the verb). Lookup keys are lower case with single spaces and no hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTH_NAMES: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# AP style abbreviates with a dot ("Sept. 18"); wire copy and feeds often drop it ("Sep 18").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTHS: dict[str, int] = {**MONTH_NAMES, **MONTH_ABBREVIATIONS}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
# Only used before a full date ("Sat, 18 Sep 2021"), where the weekday adds nothing.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]


def _cardinals() -> dict[str, int | None]:
    table: dict[str, int | None] = {word: i + 1 for i, word in enumerate(_ONES)}
    table.update({word: i + 10 for i, word in enumerate(_TEENS)})
    table["twenty"] = 20
    table.update({f"twenty {word}": 21 + i for i, word in enumerate(_ONES)})
    table["thirty"] = 30
    return table


# Counts before a unit ("three weeks ago", "a month ago"). None: a vague count ("a few days
# ago"), found but not resolved.
NUMBERS: dict[str, int | None] = {
    **_cardinals(), "a": 1, "an": 1, "one single": 1, "a couple of": 2, "a couple": 2,
    "a few": None, "few": None, "several": None, "some": None, "a number of": None,
    "many": None,
}

_ORDINAL_ONES = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth"]
_ORDINAL_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                  "sixteenth", "seventeenth", "eighteenth", "nineteenth"]


def _ordinals() -> dict[str, int]:
    table = {word: i + 1 for i, word in enumerate(_ORDINAL_ONES)}
    table.update({word: i + 10 for i, word in enumerate(_ORDINAL_TEENS)})
    table["twentieth"] = 20
    table.update({f"twenty {word}": 21 + i for i, word in enumerate(_ORDINAL_ONES)})
    table["thirtieth"] = 30
    table["thirty first"] = 31
    return table


# Day numbers in words: "the first of March".
DAY_WORDS: dict[str, int] = _ordinals()

UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "hour": "hour", "hours": "hour",
    "minute": "hour", "minutes": "hour",
}

DIRECTIONS: dict[str, int] = {
    "last": -1, "this past": -1, "past": -1, "next": 1, "this coming": 1, "coming": 1, "this": 0,
}

# Fixed relative phrases: (unit, offset) from the publication date.
FIXED: dict[str, tuple[str, int]] = {
    "today": ("day", 0), "tonight": ("day", 0), "this morning": ("day", 0),
    "this afternoon": ("day", 0), "this evening": ("day", 0),
    "yesterday": ("day", -1), "last night": ("day", -1), "the day before yesterday": ("day", -2),
    "tomorrow": ("day", 1), "the day after tomorrow": ("day", 2),
    "last week": ("week", -1), "this week": ("week", 0), "next week": ("week", 1),
    "last month": ("month", -1), "this month": ("month", 0), "next month": ("month", 1),
    "last year": ("year", -1), "this year": ("year", 0), "next year": ("year", 1),
}
FIXED_KEYWORDS: frozenset[str] = frozenset({
    "today", "tonight", "morning", "afternoon", "evening", "yesterday", "night", "tomorrow",
    "week", "month", "year",
})

# "in March last year", "on March 3 of last year".
YEAR_RELATIVE: dict[str, int] = {"last year": -1, "this year": 0, "next year": 1}

# What a preposition right before a date says about it. "event": it can be the event's time;
# "bound": a limit or a reference point, not the time ("since 2018", "until March", "after
# Saturday's vote"); "attr": "of" (a modifier for a bare year or month: "the crisis of 2019").
PREP_ROLES: dict[str, str] = {
    "in": "event", "on": "event", "at": "event", "during": "event", "throughout": "event",
    "for": "event", "around": "event", "over": "event", "on or about": "event",
    "since": "bound", "until": "bound", "till": "bound", "by": "bound", "before": "bound",
    "after": "bound", "from": "bound", "to": "bound", "through": "bound", "between": "bound",
    "as of": "bound", "prior to": "bound", "ahead of": "bound", "following": "bound",
    "beyond": "bound", "starting": "bound", "as early as": "bound", "no later than": "bound",
    "of": "attr",
}
QUALIFIERS: tuple[str, ...] = (
    "early", "late", "mid", "earlier", "later", "the end of", "the beginning of",
    "the start of", "the middle of", "the first half of", "the second half of",
)
# Before a year, these make it a modifier of a noun ("the 2019 election", "Mexico's 2018 vote").
DETERMINERS: tuple[str, ...] = (
    "the", "a", "an", "its", "his", "her", "their", "our", "your", "whose",
)
YEAR_DET_IS_MODIFIER = True
# Before a full date with no preposition, these make it a modifier of the noun that follows
# ("Bolivia's Oct. 20 election", "the March 3 vote"): the time of another event.
MODIFIER_BEFORE: re.Pattern[str] | None = re.compile(r"(?:['’]s|\bthe|\ba|\ban)\s+$",
                                                     re.IGNORECASE)
# Patterns see lower-cased text; the case of the original month or weekday name is checked
# after matching, by rule kind: "title" (English capitalises them) or "lower".
NAME_CASE: dict[str, str] = {
    "date": "title", "month": "title", "weekday": "title", "weekday_day": "title",
}
# "3/4/2021" is 3 April in London and 4 March in New York: only unambiguous forms are read.
NUMERIC_ORDER: str | None = None

# Words that open a new clause, for picking the date nearest an event's trigger.
SUBORDINATORS = re.compile(
    r"\b(?:that|which|who|whom|whose|when|while|whereas|where|because|although|though|"
    r"if|unless|but)\b", re.IGNORECASE)
# A publication date's label at the top of an article: "Published 3 March 2021".
PUBLISHED = re.compile(
    r"\b(?:first\s+published|published(?:\s+on)?|posted(?:\s+on)?|publication\s+date|"
    r"date\s+published|date)\b[^\d\n]{0,30}$", re.IGNORECASE)

ADVERBS: tuple[str, ...] = (
    "about", "around", "some", "nearly", "almost", "over", "more than", "less than", "just",
    "only", "roughly", "exactly", "barely", "precisely",
)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; spaces match spaces or hyphens."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"[\s-]+".join(map(re.escape, w.split())) for w in ordered) + ")"


def _word(words: Iterable[str]) -> str:
    """An alternation of names ending at a word edge."""
    return _alt(words) + r"\b"


PREP = r"(?:\b(?P<prep>" + _alt(PREP_ROLES) + r")\s+)?"
_QUAL = r"(?:(?P<qual>" + _alt(QUALIFIERS) + r")[\s-]+)?"
_DIR = r"(?:(?P<dir>" + _alt(DIRECTIONS) + r")\s+)?"
_MONTH_FULL = _word(MONTH_NAMES)
_MONTH_ABBR = _word(MONTH_ABBREVIATIONS)
_MONTH_ANY = r"(?P<month>" + _MONTH_FULL + "|" + _MONTH_ABBR + r"\.?)"
_MONTH_ALONE = r"(?P<month>" + _MONTH_FULL + "|" + _MONTH_ABBR + r"\.)"
_WEEKDAY = r"(?P<weekday>" + _word(WEEKDAYS) + ")"
_WEEKDAY_PREFIX = r"(?:(?:" + _word(WEEKDAYS) + "|" + _word(WEEKDAY_ABBREVIATIONS) + r"\.?),?\s+)?"
_SUFFIX = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_YREL = r"(?:,?\s+(?:of\s+)?(?P<yrel>" + _alt(YEAR_RELATIVE) + r"))?"
_DAY_WORD = r"(?P<dayw>" + _alt(DAY_WORDS) + r")(?=\s+of\b)"

_DATE_DAY_MONTH = (
    PREP + r"(?P<core>" + _WEEKDAY_PREFIX + r"(?:the\s+)?(?:\b(?P<day>[0-3]?\d)" + _SUFFIX
    + "|" + _DAY_WORD + r")(?!\d)\s+(?:of\s+)?" + _MONTH_ANY + r"(?:,?\s+" + _YEAR + ")?"
    + _YREL + ")"
)
_DATE_MONTH_DAY = (
    PREP + r"(?P<core>" + _WEEKDAY_PREFIX + _MONTH_ANY + r"\s+(?:the\s+)?(?P<day>[0-3]?\d)"
    + _SUFFIX + r"(?!\d)(?!:\d)(?:,?\s+" + _YEAR + ")?" + _YREL + ")"
)
_MONTH_RULE = (
    PREP + r"(?P<core>" + _QUAL + _DIR + _MONTH_ALONE + r"(?:,?\s+(?:of\s+)?" + _YEAR + ")?"
    + _YREL + ")"
)
_WEEKDAY_RULE = PREP + r"(?P<core>" + _QUAL + _DIR + _WEEKDAY + ")"
_WEEKDAY_DAY_RULE = (
    PREP + r"(?P<core>" + _DIR + _WEEKDAY + r",?\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b)"
)
_YEAR_RULE = (
    PREP + r"(?:\b(?P<det>" + _alt(DETERMINERS) + r")\s+)?(?P<core>" + _QUAL
    + r"(?<![\d$€£])(?<!\d[-/.,])(?P<year>(?:1[89]|2[01])\d\d)(?!\w)(?![-/.:,]\d))"
)
_FIXED_RULE = PREP + r"(?P<core>" + _QUAL + r"\b(?P<phrase>" + _alt(FIXED) + r"))(?!\w)"
_AGO_RULE = (
    PREP + r"(?P<core>(?:(?P<adv>" + _alt(ADVERBS) + r")\s+)?(?<![\w.,])(?P<num>\d{1,4}|"
    + _alt(NUMBERS) + r")\s+(?P<unit>" + _alt(UNITS) + r")\s+ago)\b"
)

_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset(WEEKDAYS)


def _words_of(*tables: Iterable[str]) -> frozenset[str]:
    return frozenset(word for table in tables for phrase in table
                     for word in re.findall(r"[^\W_]+", phrase))


# Every word that can occur in a match, numbers aside. Matches are looked for only where a run
# of these words ends in a gate word, so a word missing here is a date missed.
DATE_WORDS: frozenset[str] = _words_of(
    MONTHS, WEEKDAYS, WEEKDAY_ABBREVIATIONS, NUMBERS, DAY_WORDS, UNITS, DIRECTIONS, FIXED,
    YEAR_RELATIVE, PREP_ROLES, QUALIFIERS, DETERMINERS, ADVERBS, ("the", "of", "ago"))


# (kind, pattern, gate). Patterns are matched against the lower-cased sentence, at word starts
# up to nine words before a gate word ("#4" stands for a four-digit number). The kinds are
# explained in blocwatch.coder.dates.
RULES: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = (
    ("date", re.compile(_DATE_DAY_MONTH), _MONTH_WORDS),
    ("date", re.compile(_DATE_MONTH_DAY), _MONTH_WORDS),
    ("month", re.compile(_MONTH_RULE), _MONTH_WORDS),
    ("weekday", re.compile(_WEEKDAY_RULE), _WEEKDAY_WORDS),
    ("weekday_day", re.compile(_WEEKDAY_DAY_RULE), _WEEKDAY_WORDS),
    ("year", re.compile(_YEAR_RULE), frozenset({"#4"})),
    ("fixed", re.compile(_FIXED_RULE), FIXED_KEYWORDS),
    ("ago", re.compile(_AGO_RULE), frozenset({"ago"})),
)
