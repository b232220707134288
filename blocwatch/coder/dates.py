"""Date expressions in English and Spanish, resolved against a document's publication date.

Rule-based: each language's words and regular expressions live in ``blocwatch.lang.<lang>.dates``;
this module runs them, resolves what they match and picks the date of an event. No dateparser:
it does not resolve Spanish relative dates ("el sábado pasado", "hace tres días").

Public interface: :class:`DateMention`, :func:`find_dates`, :func:`event_date`,
:func:`document_date`.

How expressions resolve (``doc`` is the publication date):

- A weekday ("on Saturday", "el sábado") is the last such day on or before ``doc`` (the same day
  counts); "last Saturday"/"el sábado pasado"/"el pasado sábado" is the last one strictly before;
  "next Tuesday"/"el próximo martes" the first one strictly after; "this Saturday"/"este
  sábado" the nearest one either way (ties go to the past), since the press uses it both ways.
- "today"/"hoy", "tonight"/"esta noche", "this morning"/"esta mañana": ``doc``; "yesterday"/
  "ayer", "last night"/"anoche": ``doc`` - 1; "the day before yesterday"/"anteayer"/"antier":
  ``doc`` - 2; "tomorrow"/"mañana": ``doc`` + 1. Precision "day".
- Weeks: "last week"/"la semana pasada" is ``doc`` - 7 days, "next week" ``doc`` + 7, "this
  week"/"esta semana" ``doc`` itself, all with precision "day" and ``relative`` set. A week has
  no precision of its own; this keeps the arithmetic simple and the error under a week.
- "last month"/"el mes pasado", "this month", "earlier this month"/"a principios de (este) mes":
  the month, precision "month"; "last year"/"el año pasado", "this year": precision "year".
- "N days/weeks/months/years ago", "hace N días/semanas/meses/años" (digits or words up to
  thirty, "a"/"un"): days and weeks give a day; months a month; years a year; hours and minutes
  give ``doc``. Vague counts ("a few days ago", "hace unos días") are found but unresolved.
- "in March"/"en marzo": the most recent March on or before ``doc``'s month; "last March"/"el
  pasado marzo" the most recent strictly before; "next March" strictly after.
- "March 3", "3 March", "el 3 de marzo", "el pasado 3 de marzo": the most recent on or before
  ``doc``; "el próximo 3 de marzo" the first strictly after. With a year, that date. "el sábado
  18": the most recent 18th on or before ``doc`` that is a Saturday.
- Explicit dates: "3 March 2021", "March 3, 2021", "Sept. 18, 2021", "el 3 de marzo de 2021",
  ISO "2021-03-03", numeric "3/3/2021" only when unambiguous (English: day and month equal, or
  one of them over 12; Spanish text is read day/month/year). "in 2019"/"en 2019": a year.
- Qualifiers ("early March", "mid-2019", "a finales de marzo") keep the month or year.
- A month-precision date is the 1st of the month, a year-precision date 1 January.
- Without a publication date, relative expressions are found with ``date=None``; absolute ones
  resolve as usual. An impossible date ("31 February 2021") is found with ``date=None``.

Mention spans leave out a leading preposition ("on", "in", "en", "since") but keep articles,
directions and qualifiers ("el sábado pasado", "last week", "early March").

Each language rule has a kind, which picks its resolver here: ``date`` (day and month, maybe a
year; ISO dates too), ``numeric`` (3/3/2021), ``month``, ``weekday``, ``weekday_day`` ("el
sábado 18"), ``year``, ``fixed`` (a phrase in the language's FIXED table) and ``ago``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from blocwatch.errors import UnsupportedLanguageError
from blocwatch.lang.en import dates as en_dates
from blocwatch.lang.es import dates as es_dates

__all__ = ["DateMention", "document_date", "event_date", "find_dates"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in a sentence, resolved against the publication date."""

    start: int  # character offsets in the text given to find_dates
    end: int
    text: str
    date: dt.date | None  # resolved date; None if it cannot be resolved
    precision: str | None  # "day" | "month" | "year"; None when date is None
    relative: bool  # the resolution depended on the publication date


_Rule = tuple[str, re.Pattern[str], frozenset[str]]
_Groups = dict[str, str | None]
# (date, precision, relative); a resolver returns None when the match is not a date after all.
_Res = tuple[dt.date | None, str | None, bool]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """One language's tables and rules, gathered from its blocwatch.lang.<lang>.dates module."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int | None]
    day_words: Mapping[str, int]
    units: Mapping[str, str]
    directions: Mapping[str, int]
    fixed: Mapping[str, tuple[str, int]]
    year_relative: Mapping[str, int]
    prep_roles: Mapping[str, str]
    year_det_is_modifier: bool
    modifier_before: re.Pattern[str] | None
    numeric_order: str | None
    name_case: Mapping[str, str]
    subordinators: re.Pattern[str]
    published: re.Pattern[str]
    rules: tuple[_Rule, ...]
    gate: frozenset[str]  # every rule's gate words
    word_rules: Mapping[str, tuple[int, ...]]  # gate word -> indices of the rules it opens
    date_words: frozenset[str]  # words that can occur inside a match


@dataclass(frozen=True, slots=True)
class _Found:
    mention: DateMention
    role: str  # "event", "bound" (since/until/before…) or "modifier" (the 2019 election)
    full: tuple[int, int]  # the match with its preposition, for overlaps
    order: int  # rule index, to break ties


_TOKEN = re.compile(r"[^\W_]+")
_DIGITS4 = re.compile(r"\d{4}")
# A match may start up to this many words before the gate word it contains ("a lo largo del
# pasado mes de marzo", "more than a couple of weeks ago").
_BACK = 9
_STRONG_BREAK = re.compile(r"[;()\[\]—–]|:(?!\d)|\s-\s")


def _shared_rules(prep: str) -> tuple[_Rule, ...]:
    """ISO and numeric dates, the same in every language; ``prep`` is the language's."""
    iso = (prep + r"(?P<core>(?<![\d/.-])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>[01]?\d)"
           r"(?P=sep)(?P<day>[0-3]?\d)(?!\d)(?![/.-]\d))")
    numeric = (prep + r"(?P<core>(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[0-3]?\d)"
               r"(?P=sep)(?P<year>\d{4})(?!\d)(?![/.-]\d))")
    gate = frozenset({"#4"})
    return (("date", re.compile(iso), gate), ("numeric", re.compile(numeric), gate))


class _LanguageDates(Protocol):
    """What a ``blocwatch.lang.<lang>.dates`` module provides (see blocwatch.lang.en.dates)."""

    @property
    def MONTHS(self) -> Mapping[str, int]: ...
    @property
    def WEEKDAYS(self) -> Mapping[str, int]: ...
    @property
    def NUMBERS(self) -> Mapping[str, int | None]: ...
    @property
    def DAY_WORDS(self) -> Mapping[str, int]: ...
    @property
    def UNITS(self) -> Mapping[str, str]: ...
    @property
    def DIRECTIONS(self) -> Mapping[str, int]: ...
    @property
    def FIXED(self) -> Mapping[str, tuple[str, int]]: ...
    @property
    def YEAR_RELATIVE(self) -> Mapping[str, int]: ...
    @property
    def PREP_ROLES(self) -> Mapping[str, str]: ...
    @property
    def YEAR_DET_IS_MODIFIER(self) -> bool: ...
    @property
    def MODIFIER_BEFORE(self) -> re.Pattern[str] | None: ...
    @property
    def NUMERIC_ORDER(self) -> str | None: ...
    @property
    def NAME_CASE(self) -> Mapping[str, str]: ...
    @property
    def SUBORDINATORS(self) -> re.Pattern[str]: ...
    @property
    def PUBLISHED(self) -> re.Pattern[str]: ...
    @property
    def PREP(self) -> str: ...
    @property
    def RULES(self) -> tuple[_Rule, ...]: ...
    @property
    def DATE_WORDS(self) -> frozenset[str]: ...


def _make_lexicon(module: _LanguageDates) -> _Lexicon:
    rules = _shared_rules(module.PREP) + module.RULES
    gate: frozenset[str] = frozenset().union(*(g for _, _, g in rules))
    word_rules = {word: tuple(i for i, (_, _, g) in enumerate(rules) if word in g)
                  for word in gate}
    return _Lexicon(
        months=module.MONTHS, weekdays=module.WEEKDAYS, numbers=module.NUMBERS,
        day_words=module.DAY_WORDS, units=module.UNITS, directions=module.DIRECTIONS,
        fixed=module.FIXED, year_relative=module.YEAR_RELATIVE, prep_roles=module.PREP_ROLES,
        year_det_is_modifier=module.YEAR_DET_IS_MODIFIER,
        modifier_before=module.MODIFIER_BEFORE, numeric_order=module.NUMERIC_ORDER,
        name_case=module.NAME_CASE, subordinators=module.SUBORDINATORS,
        published=module.PUBLISHED, rules=rules, gate=gate, word_rules=word_rules,
        date_words=module.DATE_WORDS)


_LEXICONS: dict[str, _Lexicon] = {"en": _make_lexicon(en_dates), "es": _make_lexicon(es_dates)}


def _lexicon(lang: str) -> _Lexicon:
    lex = _LEXICONS.get(lang.lower()[:2])
    if lex is None:
        raise UnsupportedLanguageError(
            "dates", f"no date rules for language {lang!r}", hint="supported: en, es")
    return lex


# ---------------------------------------------------------------------------------------------
# Small helpers


def _norm(phrase: str) -> str:
    """A table key: lower case, single spaces, no hyphens or final dot."""
    return " ".join(phrase.lower().replace("-", " ").split()).rstrip(".")


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _direction(gd: _Groups, lex: _Lexicon) -> int | None:
    for key in ("dir", "dir2", "art"):
        word = gd.get(key)
        if word and _norm(word) in lex.directions:
            return lex.directions[_norm(word)]
    return None


def _month_value(text: str | None, lex: _Lexicon) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        value = int(text)
        return value if 1 <= value <= 12 else None
    return lex.months.get(_norm(text))


def _day_value(gd: _Groups, lex: _Lexicon) -> int | None:
    digits, word = gd.get("day"), gd.get("dayw")
    value = int(digits) if digits else lex.day_words.get(_norm(word)) if word else None
    return value if value is not None and 1 <= value <= 31 else None


def _shift(doc: dt.date, unit: str, count: int) -> _Res:
    """``doc`` moved by ``count`` units, at the unit's precision."""
    try:
        if unit == "day":
            return doc + dt.timedelta(days=count), "day", True
        if unit == "week":
            return doc + dt.timedelta(days=7 * count), "day", True
        if unit == "month":
            year, month = _add_months(doc.year, doc.month, count)
            return dt.date(year, month, 1), "month", True
        if unit == "year":
            return dt.date(doc.year + count, 1, 1), "year", True
        return doc, "day", True  # hours and minutes: the same day
    except (ValueError, OverflowError):
        return None, None, True


def _recent_month_day(doc: dt.date, month: int, day: int, direction: int | None) -> dt.date | None:
    """The month-day nearest ``doc``: on or before it, or strictly after for direction +1."""
    if direction == 0:
        return _make_date(doc.year, month, day)
    step = 1 if direction == 1 else -1
    for k in range(9):  # 29 February recurs within 8 years
        year = doc.year + step * k
        if not 1 <= year <= 9999:
            return None
        candidate = _make_date(year, month, day)
        if candidate is not None and (candidate > doc if step == 1 else candidate <= doc):
            return candidate
    return None


def _recent_day_of_month(doc: dt.date, day: int, weekday: int | None,
                         direction: int | None) -> dt.date | None:
    """The nearest ``day`` of a month on or before ``doc`` (after it for +1), on ``weekday``
    when one within 14 months matches, else the nearest with the day alone."""
    step = 1 if direction == 1 else -1
    fallback: dt.date | None = None
    for k in range(15):
        year, month = _add_months(doc.year, doc.month, step * k)
        if not 1 <= year <= 9999:
            break
        candidate = _make_date(year, month, day)
        if candidate is None or (candidate <= doc if step == 1 else candidate > doc):
            continue
        if weekday is None or candidate.weekday() == weekday:
            return candidate
        fallback = fallback or candidate
    return fallback


def _weekday_date(doc: dt.date, weekday: int, direction: int | None) -> dt.date | None:
    back = (doc.weekday() - weekday) % 7
    ahead = (weekday - doc.weekday()) % 7
    try:
        if direction == -1:
            return doc - dt.timedelta(days=back or 7)
        if direction == 1:
            return doc + dt.timedelta(days=ahead or 7)
        if direction == 0 and ahead < back:
            return doc + dt.timedelta(days=ahead)
        return doc - dt.timedelta(days=back)
    except OverflowError:
        return None


# ---------------------------------------------------------------------------------------------
# Resolvers, one per rule kind


def _resolve_date(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    day, month = _day_value(gd, lex), _month_value(gd.get("month"), lex)
    if day is None or month is None:
        return None
    year, yrel = gd.get("year"), gd.get("yrel")
    if year:
        return _make_date(int(year), month, day), "day", False
    if doc is None:
        return None, None, True
    if yrel:
        return _make_date(doc.year + lex.year_relative[_norm(yrel)], month, day), "day", True
    return _recent_month_day(doc, month, day, _direction(gd, lex)), "day", True


def _resolve_numeric(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    first, second, year = int(gd["a"] or 0), int(gd["b"] or 0), int(gd["year"] or 0)
    if lex.numeric_order is None and first != second and first <= 12 and second <= 12:
        _log.debug("ambiguous numeric date %s/%s/%s skipped", first, second, year)
        return None
    orders = [(first, second), (second, first)]  # (month, day)
    if lex.numeric_order != "mdy":
        orders.reverse()
    for month, day in orders:
        found = _make_date(year, month, day)
        if found is not None:
            return found, "day", False
    return None


def _resolve_month(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    month = _month_value(gd.get("month"), lex)
    context = ("prep", "qual", "dir", "dir2", "art", "year", "yrel")
    if month is None or not any(gd.get(key) for key in context):
        return None  # a bare month name: "March" the verb, "May" the name
    year, yrel = gd.get("year"), gd.get("yrel")
    if year:
        return _make_date(int(year), month, 1), "month", False
    if doc is None:
        return None, None, True
    if yrel:
        return _make_date(doc.year + lex.year_relative[_norm(yrel)], month, 1), "month", True
    direction = _direction(gd, lex)
    if direction == 0:
        target = doc.year
    elif direction == 1:
        target = doc.year if month > doc.month else doc.year + 1
    elif direction == -1:
        target = doc.year if month < doc.month else doc.year - 1
    else:
        target = doc.year if month <= doc.month else doc.year - 1
    return (_make_date(target, month, 1) if 1 <= target <= 9999 else None), "month", True


def _resolve_weekday(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    weekday = lex.weekdays[_norm(gd["weekday"] or "")]
    if doc is None:
        return None, None, True
    return _weekday_date(doc, weekday, _direction(gd, lex)), "day", True


def _resolve_weekday_day(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    day = _day_value(gd, lex)
    if day is None:
        return None
    if doc is None:
        return None, None, True
    weekday = lex.weekdays[_norm(gd["weekday"] or "")]
    return _recent_day_of_month(doc, day, weekday, _direction(gd, lex)), "day", True


def _resolve_year(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    if not (gd.get("prep") or gd.get("det") or gd.get("qual")):
        return None  # a bare four-digit number is not read as a year
    return dt.date(int(gd["year"] or 0), 1, 1), "year", False


def _resolve_fixed(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    unit, offset = lex.fixed[_norm(gd.get("phrase") or gd.get("bare") or "")]
    if doc is None:
        return None, None, True
    return _shift(doc, unit, offset)


def _resolve_ago(gd: _Groups, lex: _Lexicon, doc: dt.date | None) -> _Res | None:
    text = gd["num"] or ""
    count = int(text) if text.isdigit() else lex.numbers[_norm(text)]
    unit = lex.units[_norm(gd["unit"] or "")]
    if doc is None or count is None:
        return None, None, True
    return _shift(doc, unit, -count)


_RESOLVERS: dict[str, Callable[[_Groups, _Lexicon, dt.date | None], _Res | None]] = {
    "date": _resolve_date,
    "numeric": _resolve_numeric,
    "month": _resolve_month,
    "weekday": _resolve_weekday,
    "weekday_day": _resolve_weekday_day,
    "year": _resolve_year,
    "fixed": _resolve_fixed,
    "ago": _resolve_ago,
}


# ---------------------------------------------------------------------------------------------
# Scanning


def _role(kind: str, gd: _Groups, lex: _Lexicon, text: str, start: int) -> str:
    prep = gd.get("prep")
    role = lex.prep_roles.get(_norm(prep), "event") if prep else "event"
    if role == "attr":
        role = "modifier" if kind in ("year", "month") else "event"
    if kind == "year" and gd.get("det") and role == "event" and (
            lex.year_det_is_modifier or not prep):
        role = "modifier"
    if (role == "event" and not prep and kind == "date" and lex.modifier_before is not None
            and lex.modifier_before.search(text, max(0, start - 8), start)):
        role = "modifier"
    return role


def _name_case_ok(kind: str, match: re.Match[str], text: str, lex: _Lexicon) -> bool:
    """The original spelling of a month or weekday name has the case its language wants."""
    wanted = lex.name_case.get(kind)
    if wanted is None:
        return True
    for group in ("month", "weekday"):
        if group not in match.re.groupindex or match.start(group) < 0:
            continue
        name = text[match.start(group):match.end(group)]
        if name[:1].isdigit():
            continue
        if not (name[:1].isupper() if wanted == "title" else name.islower()):
            return False
    return True


def _build(kind: str, match: re.Match[str], text: str, lex: _Lexicon, doc: dt.date | None,
           order: int) -> _Found | None:
    if not _name_case_ok(kind, match, text, lex):
        return None
    gd = match.groupdict()
    resolved = _RESOLVERS[kind](gd, lex, doc)
    if resolved is None:
        return None
    date, precision, relative = resolved
    start, end = match.span("core")
    mention = DateMention(start=start, end=end, text=text[start:end], date=date,
                          precision=precision if date is not None else None, relative=relative)
    return _Found(mention=mention, role=_role(kind, gd, lex, text, start), full=match.span(),
                  order=order)


def _select(found: list[_Found]) -> list[_Found]:
    """Non-overlapping matches, longest first (with their preposition, then without), in text
    order."""
    def key(f: _Found) -> tuple[int, int, int, int]:
        return (f.full[0] - f.full[1], f.mention.start - f.mention.end, f.full[0], f.order)

    kept: list[_Found] = []
    for cand in sorted(found, key=key):
        if all(cand.full[1] <= k.full[0] or cand.full[0] >= k.full[1] for k in kept):
            kept.append(cand)
    kept.sort(key=lambda f: f.mention.start)
    return kept


def _lowered(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _is_year_like(word: str) -> bool:
    return len(word) == 4 and word.isdigit()


def _scan(text: str, lex: _Lexicon, doc: dt.date | None, *,
          exhaustive: bool = False) -> list[_Found]:
    """All matches, resolved and de-overlapped.

    A cheap word check comes first. Then, for each word that opens a rule (its gate: a month
    name, "ago", "hace", a four-digit number…), the rule is tried at the start of that word and
    of the date words just before it ("last", "el pasado", "on"), skipping starts inside a match
    the rule already made. ``exhaustive`` tries every rule at every word start instead, to check
    those shortcuts in tests.
    """
    low = _lowered(text)
    words = _TOKEN.findall(low)
    if not exhaustive and lex.gate.isdisjoint(words) and _DIGITS4.search(low) is None:
        return []
    starts = [m.start() for m in _TOKEN.finditer(low)]
    every_rule = tuple(range(len(lex.rules)))
    reached = [0] * len(lex.rules)  # per rule: the end of its last match
    found: list[_Found] = []
    for i, word in enumerate(words):
        orders = every_rule if exhaustive else lex.word_rules.get(word)
        if orders is None:
            if not _is_year_like(word):
                continue
            orders = lex.word_rules["#4"]
        first = i
        while not exhaustive and first > 0 and i - first < _BACK and (
                words[first - 1] in lex.date_words or words[first - 1][0].isdigit()):
            first -= 1
        for order in orders:
            kind, pattern, _ = lex.rules[order]
            for start in starts[first:i + 1]:
                if start < reached[order] and not exhaustive:
                    continue
                match = pattern.match(low, start)
                if match is None:
                    continue
                item = _build(kind, match, text, lex, doc, order)
                if item is not None:
                    found.append(item)
                    reached[order] = max(reached[order], match.end())
    return _select(found) if len(found) > 1 else found


# ---------------------------------------------------------------------------------------------
# Public functions


def find_dates(text: str, *, lang: str, doc_date: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``doc_date``."""
    return [found.mention for found in _scan(text, _lexicon(lang), doc_date)]


def _distance(text: str, found: _Found, anchor: int, lex: _Lexicon) -> float:
    """How far a mention is from the trigger at ``anchor``: characters, clause breaks between
    them (semicolons and brackets, subordinating words, commas), and a small cost for coming
    before the trigger."""
    mention = found.mention
    if mention.start >= anchor:
        segment, before = text[anchor:mention.start], False
    elif mention.end <= anchor:
        segment, before = text[mention.end:anchor], True
    else:
        return 0.0
    breaks = (40 * len(_STRONG_BREAK.findall(segment))
              + 20 * len(lex.subordinators.findall(segment)) + 10 * segment.count(","))
    return len(segment) / 6 + (8 if before else 0) + breaks


def event_date(text: str, *, lang: str, doc_date: dt.date | None,
               anchor: int | None = None) -> DateMention | None:
    """The mention that best dates an event whose trigger word starts at ``anchor``.

    Mentions that are not an event's time are skipped: after "since", "until", "before",
    "after", "from", "by", "desde", "hasta", "antes de", "tras"…, and years that modify a noun
    ("the 2019 election", "las elecciones de 2019"). Of the rest, the one closest to the trigger
    wins, preferring the same clause and a mention after the trigger. Without ``anchor``, the
    first one. None when no mention qualifies.
    """
    lex = _lexicon(lang)
    found = [f for f in _scan(text, lex, doc_date) if f.role == "event"]
    if not found:
        return None
    if anchor is None:
        return found[0].mention
    best = min(found, key=lambda f: _distance(text, f, anchor, lex))
    return best.mention


_TOP_CHARS = 600
_TOP_LINES = 8
_DATELINE_PLACE = re.compile(r"^\s*[^\W\d_][^\n,:;]{0,60},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\(|[-–—|/]|\.-|$)")
_ALONE_AFTER = re.compile(
    r"^\s*(?:[,|·•–-]?\s*(?:T|at\s+|a\s+las\s+)?\d{1,2}[:.h]\d{2}\S*(?:\s*[A-Za-z]{1,5})?)?\s*$",
    re.IGNORECASE)


def _header_rank(prefix: str, suffix: str, lex: _Lexicon) -> int | None:
    """How clearly a full date on a top line is the publication date: 0 after a "Published"
    label, 1 in a dateline ("LIMA, 20 sep 2021 (AFP) -"), 2 alone on its line; else None."""
    if lex.published.search(prefix):
        return 0
    if _DATELINE_PLACE.match(prefix) and _DATELINE_AFTER.match(suffix):
        return 1
    if not prefix.strip() and _ALONE_AFTER.match(suffix):
        return 2
    return None


def document_date(text: str, *, lang: str) -> dt.date | None:
    """The publication date stated at the top of ``text``, or None when not clearly there.

    Read from the first lines only: a complete date (with year) after a label ("Published 3
    March 2021", "Publicado el 3 de marzo de 2021"), in a dateline ("MEXICO CITY, Sept. 20,
    2021 (Reuters) -"), or alone on a line. A dateline without a year gives None.
    """
    lex = _lexicon(lang)
    lines = [line for line in text[:_TOP_CHARS].splitlines() if line.strip()][:_TOP_LINES]
    best: tuple[int, dt.date] | None = None
    for line in lines:
        for found in _scan(line, lex, None):
            mention = found.mention
            if mention.date is None or mention.relative or mention.precision != "day":
                continue
            rank = _header_rank(line[:mention.start], line[mention.end:], lex)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, mention.date)
    return best[1] if best else None
