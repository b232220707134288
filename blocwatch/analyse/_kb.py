"""What the analytics need from the knowledge base, and regions built from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from blocwatch.analyse._common import STATE_RE as ISO3
from blocwatch.analyse._common import check_codes, check_state
from blocwatch.errors import QueryError

LATIN_AMERICA_BLOC = "CELAC"
# CELAC was founded on 2011-12-03 with all 33 Latin American and Caribbean states; its membership
# on this date defines "Latin America", so that a later withdrawal (Brazil 2020-2023) does not
# shrink the region.
LATIN_AMERICA_DATE = dt.date(2012, 1, 1)
LATIN_SUBREGIONS = frozenset({
    "South America", "Central America", "Caribbean", "Latin America and the Caribbean",
})


class KBLike(Protocol):
    """The slice of `blocwatch.kb.KnowledgeBase` the analytics use."""

    @property
    def countries(self) -> Mapping[str, Any]: ...

    def members(self, org: str, date: dt.date) -> list[str]: ...

    def orientation(self, country: str, date: dt.date) -> str | None: ...

    def country(self, code: str) -> Any: ...


def state_codes(kb: KBLike | None) -> list[str] | None:
    """ISO3 codes of the KB's states and territories; None without a KB or countries."""
    if kb is None or not kb.countries:
        return None
    return sorted(code for code in kb.countries if ISO3.fullmatch(code))


def population(kb: KBLike, code: str) -> int:
    try:
        value = getattr(kb.country(code), "population", None)
    except (KeyError, LookupError):
        return 0
    return int(value or 0)


def _is_un_state(country: Any) -> bool:
    return getattr(country, "un_status", "member") in ("member", "observer")


def region_states(kb: KBLike, region: str | Sequence[str]) -> list[str]:
    """The states of a region: 'Latin America' (the 33 CELAC states), a KB region or subregion
    name such as 'Americas' or 'South America', or an explicit list of ISO3 codes."""
    if not isinstance(region, str):
        codes = sorted({check_state(c) for c in check_codes(region, what="state code")})
        if not codes:
            raise QueryError("the region's list of states is empty")
        return codes
    if region.casefold() == "latin america":
        codes = sorted(set(kb.members(LATIN_AMERICA_BLOC, LATIN_AMERICA_DATE)))
        if codes:
            return codes
        return _by_region(kb, lambda c: getattr(c, "subregion", None) in LATIN_SUBREGIONS)
    wanted = region.casefold()
    codes = _by_region(kb, lambda c: wanted in (
        str(getattr(c, "region", "") or "").casefold(),
        str(getattr(c, "subregion", "") or "").casefold(),
    ))
    if not codes:
        raise QueryError(
            f"unknown region {region!r}: use 'Latin America', a region or subregion of the "
            "knowledge base (e.g. 'Americas', 'South America') or a list of ISO3 codes"
        )
    return codes


def _by_region(kb: KBLike, keep: Any) -> list[str]:
    return sorted(
        code for code, country in kb.countries.items()
        if len(code) == 3 and _is_un_state(country) and keep(country)
    )
