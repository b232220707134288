"""Cut a document into sentences with their character offsets (fast, rule based)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[¿¡]?[A-ZÁÉÍÓÚÑ0-9])|\n\s*\n|\n(?=\s*\S)")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")


def split_sentences(text: str, *, abbreviations: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`, whitespace trimmed."""
    abbrev = {a.lower() for a in abbreviations}
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        end = match.end()
        if _is_abbreviation(text, match.start(), match.end(), abbrev):
            continue
        _append(text, start, end, spans)
        start = end
    _append(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int, end: int, abbrev: set[str]) -> bool:
    if text[dot] != "." or "\n" in text[dot:end]:
        return False
    word_start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot)) + 1
    word = text[word_start:dot + 1]
    return word.lower() in abbrev or bool(_INITIAL.search(text[max(0, dot - 2):dot + 1]))


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
