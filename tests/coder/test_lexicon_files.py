"""The language files load and every row of verbs.csv has the header's columns."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from blocwatch.lang.base import PLOVER_TYPES, get_language


@pytest.mark.parametrize("lang", ["en", "es"])
def test_verb_rows_fit_the_header(lang: str) -> None:
    path = resources.files("blocwatch.lang") / lang / "verbs.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    too_long = [i + 1 for i, row in enumerate(rows) if len(row) > len(header)]
    assert not too_long, f"rows with unquoted commas: {too_long[:5]}"
    for row in rows[1:]:
        if len(row) > header.index("plover") and row[header.index("plover")]:
            assert set(row[header.index("plover")].split("|")) <= PLOVER_TYPES


@pytest.mark.parametrize("lang", ["en", "es"])
def test_light_verbs_carry_event_nouns(lang: str) -> None:
    lexicon = get_language(lang).lexicon
    verb = lexicon.words["light_verbs"][0]
    noun = next(iter(lexicon.words["event_nouns"]))
    assert any(noun in p.objects for p in lexicon.patterns[verb])
