"""Query-parameter types of the API: every value is checked here before it reaches a query.

Codes are matched by regular expressions, dates must be real days in a sane range, page sizes
are bounded. Values reach SQL only as bound parameters.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator

MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_OFFSET = 10_000_000
MAX_TEXT = 200
EARLIEST = dt.date(1800, 1, 1)
LATEST = dt.date(2200, 12, 31)

CODE = r"^[A-Za-z][A-Za-z0-9_]{1,19}$"
CODES = r"^[A-Za-z][A-Za-z0-9_]{1,19}(,[A-Za-z][A-Za-z0-9_]{1,19}){0,29}$"
SECTORS = r"^[A-Za-z]{3}(,[A-Za-z]{3}){0,15}$"
TYPES = r"^[A-Za-z]{4,10}(,[A-Za-z]{4,10}){0,15}$"
KB_ID = r"^[a-z0-9][a-z0-9-]{0,99}$"
EVENT_ID = r"^[0-9a-f]{8,64}$"
ROLE = r"^[a-z_]{2,40}$"


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_only(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would also read numbers as Unix timestamps."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    if not isinstance(value, str | dt.date):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


def _in_range(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"dates must lie between {EARLIEST} and {LATEST}")
    return day


Day = Annotated[dt.date, BeforeValidator(_iso_only), AfterValidator(_in_range)]

Start = Annotated[Day | None, Query(description="First day, YYYY-MM-DD (inclusive).")]
End = Annotated[Day | None, Query(description="Last day, YYYY-MM-DD (inclusive).")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Sectors = Annotated[str | None, Query(pattern=SECTORS, max_length=70,
                                      description="Comma-separated sectors, e.g. GOV,MIL.")]


def code_param(description: str) -> object:
    return Query(pattern=CODE, max_length=20, description=description)


def codes_param(description: str) -> object:
    return Query(pattern=CODES, max_length=630, description=description)


def split_codes(value: str | None) -> list[str] | None:
    """'mex,VEN' -> ['MEX', 'VEN']; None stays None."""
    if value is None:
        return None
    return [c.upper() for c in value.split(",") if c]


def upper(value: str | None) -> str | None:
    return value.upper() if value is not None else None
