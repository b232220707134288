"""HTML pages: main text via trafilatura (with its title and date metadata), lxml as fallback."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from blocwatch.contract import Document
from blocwatch.errors import ReadError
from blocwatch.read import htmltext
from blocwatch.read._common import (
    DEFAULT_MAX_BYTES,
    check_text_size,
    is_blank,
    read_file_bytes,
)
from blocwatch.read.dates import parse_any_date
from blocwatch.read.decode import decode_bytes

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(slots=True)
class Extracted:
    """What an HTML page yields: main text, title, date (ISO string) and the extractor used."""

    text: str
    title: str | None
    date: str | None
    extractor: str


def read_html_file(
    path: str | Path,
    *,
    doc_id: str | None = None,
    date: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one HTML page as a Document; raise ReadError when it cannot be read.

    The id defaults to the file name. `date` (the --date option) wins over the page's own
    publication date from its meta tags; with neither the date is None.
    """
    path = Path(path)
    doc_id = doc_id or path.name
    data = read_file_bytes(path, doc_id=doc_id, max_bytes=max_bytes)
    markup, encoding = decode_bytes(data, doc_id=doc_id, declared=declared_charset(data))
    doc = html_to_document(markup, doc_id=doc_id, date=date, max_bytes=max_bytes)
    doc.source_path = str(path)
    doc.meta["encoding"] = encoding
    return doc


def html_to_document(
    markup: str,
    *,
    doc_id: str,
    date: dt.date | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Turn an HTML page (already decoded) into a Document; raise ReadError if it has no text."""
    if is_blank(markup):
        raise ReadError(doc_id, "the HTML file is empty", hint="remove it or save the page again")
    extracted = extract_html(markup)
    if is_blank(extracted.text):
        raise ReadError(
            doc_id, "no text found in the HTML page (after removing menus and boilerplate)",
            hint="check that the article text is in the HTML itself (pages filled in by "
            "JavaScript are not); otherwise save the text as a .txt file",
        )
    check_text_size(extracted.text, doc_id=doc_id, max_bytes=max_bytes)
    page_date = parse_any_date(extracted.date) if extracted.date else None
    meta: dict[str, object] = {"extractor": extracted.extractor}
    declared = htmltext.declared_language(markup)
    if declared:
        meta["declared_lang"] = declared
    meta["date_source"] = "option" if date else ("metadata" if page_date else None)
    return Document(
        id=doc_id, text=extracted.text, date=date or page_date, title=extracted.title,
        url=url, meta=meta,
    )


def extract_html(markup: str) -> Extracted:
    """Main text and metadata of a page: trafilatura first, lxml when it finds nothing.

    A page whose only text sits in menus, headers, footers and asides has no main text, even
    if trafilatura's recall fallbacks would return those.
    """
    root = htmltext.parse_document(markup)
    title = date = None
    fallback_text = ""
    if root is not None:
        title = htmltext.page_title(root)
        date = htmltext.page_date(root)
        fallback_text = htmltext.main_text(root)
    found = _extract_trafilatura(markup) if not is_blank(fallback_text) else None
    if found is not None and not is_blank(found.text):
        found.title = found.title or title
        found.date = found.date or date
        return found
    return Extracted(text=fallback_text, title=title, date=date, extractor="lxml")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:4_096])
    return match.group(1).decode("ascii") if match else None


def _extract_trafilatura(markup: str) -> Extracted | None:
    try:
        result = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # third-party parser: the lxml fallback takes over
        logger.debug("trafilatura failed; falling back to lxml", exc_info=True)
        return None
    if result is None:
        return None
    text = getattr(result, "text", None) or ""
    return Extracted(
        text=htmltext.tidy_lines(text),
        title=getattr(result, "title", None) or None,
        date=getattr(result, "date", None) or None,
        extractor="trafilatura",
    )
