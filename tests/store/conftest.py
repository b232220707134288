"""Fixtures for the store: an in-memory store and the scripted coder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_helpers import ScriptedCoder

from blocwatch.store import Store, open_store


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store() as s:
        yield s


@pytest.fixture
def coder() -> ScriptedCoder:
    return ScriptedCoder()
