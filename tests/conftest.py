"""Shared fixtures: the shipped knowledge base and a coder, built once per test session."""

from __future__ import annotations

import pytest

from blocwatch.coder import Coder
from blocwatch.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def coder(kb: KnowledgeBase) -> Coder:
    return Coder(kb)


@pytest.fixture(scope="session")
def coder_all(kb: KnowledgeBase) -> Coder:
    return Coder(kb, all_events=True)
