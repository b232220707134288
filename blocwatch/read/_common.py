"""Shared pieces of the read stage: limits, extensions, size checks and safe file reading."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO

from blocwatch.errors import ReadError

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("en", "es")
DEFAULT_MAX_BYTES = 5_000_000
"""Largest document text accepted, in bytes of UTF-8 (5 MB)."""
RAW_SIZE_FACTOR = 4
"""A file may be this many times `max_bytes` before decoding (UTF-16, HTML markup)."""

TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
JSONL_EXTENSIONS = (".jsonl",)
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSONL_EXTENSIONS + FEED_EXTENSIONS
SUPPORTED_EXTENSIONS_TEXT = ".txt, .html, .htm, .jsonl, .xml, .rss, .atom"


def format_size(n_bytes: int) -> str:
    """A human size: bytes below one megabyte, else MB with one decimal."""
    if n_bytes < 1_000_000:
        return f"{n_bytes:,} bytes"
    return f"{n_bytes / 1_000_000:.1f} MB"


def text_size(text: str) -> int:
    """The size of `text` in UTF-8 bytes."""
    return len(text.encode("utf-8", "surrogatepass"))


def too_large_error(doc_id: str, size: int, max_bytes: int, *, what: str = "text") -> ReadError:
    return ReadError(
        doc_id,
        f"document is too large: {format_size(size)} of {what}, "
        f"over the limit of {format_size(max_bytes)}",
        hint=f"split it into smaller documents of under {format_size(max_bytes)} each, "
        "or raise the limit with max_bytes",
    )


def check_text_size(text: str, *, doc_id: str, max_bytes: int) -> None:
    """Raise ReadError when `text` is over `max_bytes` of UTF-8."""
    if len(text) <= max_bytes // 4:
        return
    size = len(text) if len(text) > max_bytes else text_size(text)
    if size > max_bytes:
        raise too_large_error(doc_id, size, max_bytes)


def is_blank(text: str) -> bool:
    return not text.strip()


def empty_error(doc_id: str, *, what: str = "document") -> ReadError:
    return ReadError(
        doc_id, f"{what} is empty (no text, or only whitespace)",
        hint="remove it from the input or add its text",
    )


def open_binary(path: Path) -> BinaryIO:
    """Open a file for reading bytes (one place, so tests can simulate OS errors)."""
    return open(path, "rb")


def os_error(doc_id: str, exc: OSError) -> ReadError:
    """Turn an OSError met while reading a path into a ReadError with a hint."""
    if isinstance(exc, FileNotFoundError):
        return ReadError(doc_id, "file not found",
                         hint="check the path and its spelling; use '-' to read standard input")
    if isinstance(exc, PermissionError):
        return ReadError(doc_id, "permission denied: the file cannot be read",
                         hint="make it readable (chmod +r) or run as a user who can read it")
    if isinstance(exc, IsADirectoryError):
        return ReadError(doc_id, "is a folder, not a file", hint="pass the folder itself")
    reason = exc.strerror or str(exc)
    return ReadError(doc_id, f"cannot read the file: {reason}",
                     hint="check that the file exists and is readable")


def read_file_bytes(path: Path, *, doc_id: str, max_bytes: int) -> bytes:
    """Read a whole file, refusing (without reading it) one far over the size limit."""
    max_raw = max_bytes * RAW_SIZE_FACTOR
    try:
        size = path.stat().st_size
        if size > max_raw:
            raise too_large_error(doc_id, size, max_bytes, what="file")
        with open_binary(path) as handle:
            data = handle.read(max_raw + 1)
    except OSError as exc:
        raise os_error(doc_id, exc) from exc
    if len(data) > max_raw:
        raise too_large_error(doc_id, len(data), max_bytes, what="file")
    return data
