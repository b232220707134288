"""blocwatch: auditable political events from English and Spanish news.

    >>> import blocwatch
    >>> coder = blocwatch.Coder()
    >>> events = coder.code(blocwatch.Document(id="d1", text="…", lang="en"))

Public names are imported on first use, so `import blocwatch` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "Actor": "blocwatch.contract",
    "Document": "blocwatch.contract",
    "Event": "blocwatch.contract",
    "Location": "blocwatch.contract",
    "BlocwatchError": "blocwatch.errors",
    "KBError": "blocwatch.errors",
    "MissingExtraError": "blocwatch.errors",
    "ReadError": "blocwatch.errors",
    "UnsupportedLanguageError": "blocwatch.errors",
    "Coder": "blocwatch.coder",
    "KnowledgeBase": "blocwatch.kb",
    "load_kb": "blocwatch.kb",
    "iter_documents": "blocwatch.read",
    "open_store": "blocwatch.store",
    "Store": "blocwatch.store",
    "ingest": "blocwatch.store",
    "recode": "blocwatch.store",
    "export": "blocwatch.store",
}

__all__ = sorted([*_PUBLIC, "__version__"])


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'blocwatch' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
