"""Plain-text files: one document each, the text kept exactly as decoded."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from blocwatch.contract import Document
from blocwatch.read._common import (
    DEFAULT_MAX_BYTES,
    check_text_size,
    empty_error,
    is_blank,
    read_file_bytes,
)
from blocwatch.read.dates import find_header_date, header_line_date
from blocwatch.read.decode import decode_bytes

logger = logging.getLogger(__name__)

TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
_SENTENCE_END = re.compile(r"[.,;:]\s*$")


def read_text_file(
    path: str | Path,
    *,
    doc_id: str | None = None,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one plain-text file as a Document; raise ReadError when it cannot be read.

    The id defaults to the file name. The date is `date` (the --date option), else one
    clearly stated near the top (a dateline or a "Published:"/"Publicado:" line), else None.
    The text is the file's text exactly (only a byte-order mark is dropped), so character
    offsets into it match the file.
    """
    path = Path(path)
    doc_id = doc_id or path.name
    data = read_file_bytes(path, doc_id=doc_id, max_bytes=max_bytes)
    text, encoding = decode_bytes(data, doc_id=doc_id)
    if is_blank(text):
        raise empty_error(doc_id, what="file")
    check_text_size(text, doc_id=doc_id, max_bytes=max_bytes)
    return text_to_document(text, doc_id=doc_id, date=date, source_path=str(path),
                            encoding=encoding)


def text_to_document(
    text: str,
    *,
    doc_id: str,
    date: dt.date | None = None,
    source_path: str | None = None,
    encoding: str = "utf-8",
) -> Document:
    """A Document for a decoded plain text, with its date and headline when clearly there."""
    header_date = None if date else find_header_date(text)
    date_source = "option" if date else ("text" if header_date else None)
    return Document(
        id=doc_id, text=text, date=date or header_date, title=guess_title(text),
        source_path=source_path, meta={"encoding": encoding, "date_source": date_source},
    )


def guess_title(text: str) -> str | None:
    """The first line, when it looks like a headline and more text follows it."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if not first or is_blank(rest):
        return None
    words = first.split()
    if len(first) > TITLE_MAX_CHARS or not 2 <= len(words) <= TITLE_MAX_WORDS:
        return None
    if _SENTENCE_END.search(first) or header_line_date(first):
        return None
    return first
