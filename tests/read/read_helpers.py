"""Helpers shared by the read-stage tests."""

from __future__ import annotations

from collections.abc import Iterable

from blocwatch.contract import Document
from blocwatch.errors import ReadError

ES_TEXT = (
    "El presidente peruano Pedro Castillo se reunió el sábado en Ciudad de México con "
    "Andrés Manuel López Obrador para hablar de la cumbre de la CELAC."
)
EN_TEXT = (
    "Peruvian President Pedro Castillo met Mexican President Andrés Manuel López Obrador "
    "in Mexico City on Saturday to discuss the CELAC summit."
)
FR_TEXT = (
    "Le président péruvien Pedro Castillo a rencontré samedi à Mexico le président "
    "mexicain pour parler du sommet de la CELAC."
)


def split(items: Iterable[Document | ReadError]) -> tuple[list[Document], list[ReadError]]:
    """Documents and errors of a stream, each in stream order."""
    docs: list[Document] = []
    errors: list[ReadError] = []
    for item in items:
        (errors if isinstance(item, ReadError) else docs).append(item)  # type: ignore[arg-type]
    return docs, errors


def assert_actionable(error: ReadError, doc_id: str, *fragments: str) -> None:
    """The error names the document, carries a hint, and says each of `fragments`."""
    message = str(error)
    assert isinstance(error, ReadError)
    assert doc_id in message, message
    assert error.hint and error.hint in message, message
    for fragment in fragments:
        assert fragment.lower() in message.lower(), message
