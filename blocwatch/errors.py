"""The exception hierarchy: every error a user can meet, each with a message they can act on."""

from __future__ import annotations


class BlocwatchError(Exception):
    """Base class of every error blocwatch raises on purpose."""


class ReadError(BlocwatchError):
    """A document could not be read. Names the document and says what to do."""

    def __init__(self, doc_id: str, reason: str, *, hint: str = "", path: str | None = None
                 ) -> None:
        self.doc_id = doc_id
        self.path = path
        self.reason = reason
        self.hint = hint
        message = f"{doc_id}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class UnsupportedLanguageError(ReadError):
    """The document is in a language blocwatch does not code."""


class KBError(BlocwatchError):
    """A knowledge-base file has a bad entry: names the file, the entry and the problem."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        self.file = file
        self.entry = entry
        self.problem = problem
        super().__init__(f"{file}: entry {entry}: {problem}")


class MissingExtraError(BlocwatchError):
    """An optional part is not installed; the message names the pip command that fixes it."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional '{extra}' dependencies: "
            f"pip install 'blocwatch[{extra}]'"
        )


class ModelNotFoundError(BlocwatchError):
    """No spaCy pipeline for a language is installed."""


class StoreError(BlocwatchError):
    """The event store could not be opened, migrated or written."""


class QueryError(BlocwatchError):
    """A query or analysis request is malformed (unknown actor, bad period, unsafe SQL)."""
