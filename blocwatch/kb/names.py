"""Name normalisation shared by the knowledge base and the actor matcher."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]", re.UNICODE)
PARTICLES = frozenset({"da", "de", "del", "do", "dos", "la", "las", "los", "van", "von", "y", "e",
                       "bin", "al", "el", "di"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without accents: 'Díaz-Canel' -> 'diaz-canel'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def tokens(text: str) -> list[str]:
    """Folded tokens of a name, the unit the matcher compares."""
    return [fold(t) for t in _TOKEN.findall(text)]


def surnames(name: str) -> list[str]:
    """Short forms the press uses on second mention: 'López Obrador', 'Obrador', 'Díaz-Canel'."""
    parts = name.split()
    if len(parts) < 2:
        return []
    forms = [parts[-1]]
    if len(parts) >= 3:
        tail = parts[-2:]
        if fold(tail[0]) in PARTICLES and len(parts) >= 4:
            tail = parts[-3:]
        forms.append(" ".join(tail))
        if fold(parts[-2]) in PARTICLES:
            forms = [" ".join(parts[-2:])]
    return [f for f in forms if fold(f) not in PARTICLES and len(f) > 2]
