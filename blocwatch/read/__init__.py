"""The read stage: files, folders, globs, feeds and standard input to Documents.

`iter_documents` is the entry point. It never raises for bad input: each document that cannot
be read is yielded as a `ReadError` (or `UnsupportedLanguageError`) naming the document and
saying what to do, so a batch goes on.
"""

from blocwatch.read._common import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    SUPPORTED_LANGUAGES,
)
from blocwatch.read.documents import iter_documents
from blocwatch.read.feeds import iter_feed, iter_feed_url
from blocwatch.read.htmldoc import read_html_file
from blocwatch.read.jsonl import iter_jsonl
from blocwatch.read.language import UNDETERMINED, assign_language, detect_language
from blocwatch.read.plaintext import read_text_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "SUPPORTED_LANGUAGES",
    "UNDETERMINED",
    "assign_language",
    "detect_language",
    "iter_documents",
    "iter_feed",
    "iter_feed_url",
    "iter_jsonl",
    "read_html_file",
    "read_text_file",
]
