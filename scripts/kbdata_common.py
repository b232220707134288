"""Shared helpers for the scripts that generate `blocwatch/kb/data/*.csv`.

The generators read reference data (the shared reference folder beside the repository, and
pip-installed data packages) and write the committed data files. The package never runs them.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "blocwatch" / "kb" / "data"
CURATION_DIR = Path(__file__).resolve().parent / "kb_curation"


def reference_dir() -> Path:
    """The shared reference folder (override with BLOCWATCH_REFERENCE)."""
    env = os.environ.get("BLOCWATCH_REFERENCE")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "reference"


def write_csv(name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write rows (already in their final order) to DATA_DIR/name with LF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"{name}: row has {len(row)} fields, expected {len(header)}: {row}")
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    (DATA_DIR / name).write_text(buf.getvalue(), encoding="utf-8")
    return count


def join(values: Iterable[str]) -> str:
    """Join list values with '|', dropping empties and duplicates but keeping order."""
    seen: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen.append(value)
    return "|".join(seen)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept)


def slug(name: str) -> str:
    """A kb_id-style slug: lower-case ASCII words joined by '-'."""
    ascii_name = strip_accents(name).lower().replace("'", "").replace("\u2019", "")
    out = []
    word = []
    for ch in ascii_name:
        if ch.isascii() and ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return "-".join(out)


def read_semicolon_table(path: Path) -> list[dict[str, str]]:
    """Read a ';'-separated curation table with '#' comment lines and a header row.

    The last field (the source) may itself contain ';'.
    """
    lines = [
        line.rstrip("\n")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = [h.strip() for h in lines[0].split(";")]
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        parts = [p.strip() for p in line.split(";", len(header) - 1)]
        if len(parts) != len(header):
            raise ValueError(f"{path.name}: data line {number} has {len(parts)} fields: {line}")
        rows.append(dict(zip(header, parts)))
    return rows
