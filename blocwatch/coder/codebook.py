"""CAMEO codes with their PLOVER type and mode, Goldstein score and quad class (data file)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Code:
    cameo: str
    label: str
    type: str
    mode: str | None
    goldstein: float
    quad_class: int


@lru_cache(maxsize=1)
def codebook() -> dict[str, Code]:
    path = resources.files("blocwatch") / "data" / "cameo.csv"
    with path.open(encoding="utf-8") as f:
        return {
            row["cameo"]: Code(row["cameo"], row["label"], row["type"], row["mode"] or None,
                               float(row["goldstein"]), int(row["quad_class"]))
            for row in csv.DictReader(f)
        }


def lookup(cameo: str) -> Code:
    """The entry for a CAMEO code; a missing four-digit code falls back to its parent."""
    book = codebook()
    if cameo in book:
        return book[cameo]
    if cameo[:3] in book:
        return book[cameo[:3]]
    raise KeyError(f"unknown CAMEO code {cameo!r}")
