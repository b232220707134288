"""RSS and Atom feeds (files or http/https URLs): each entry is a document."""

from __future__ import annotations

import datetime as dt
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import feedparser

from blocwatch.contract import Document
from blocwatch.errors import ReadError
from blocwatch.read._common import (
    DEFAULT_MAX_BYTES,
    RAW_SIZE_FACTOR,
    check_text_size,
    is_blank,
    read_file_bytes,
    too_large_error,
)
from blocwatch.read.dates import parse_any_date
from blocwatch.read.htmltext import fragment_to_text

logger = logging.getLogger(__name__)

USER_AGENT = "blocwatch/0.1 (+feed reader)"
_FEED_HINT = "check that it is a well-formed RSS or Atom feed (an XML validator shows where)"
_URL_HINT = "check the URL and the network connection, or save the feed to a file and read that"


def iter_feed(
    path: str | Path,
    *,
    label: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadError]:
    """Stream one Document per entry of an RSS/Atom file (or ReadErrors).

    A file feedparser cannot make sense of (malformed, with no entries) is one ReadError named
    `label` (default: the file name). Entries of a slightly malformed feed are still read.
    """
    path = Path(path)
    name = label or path.name
    try:
        data = read_file_bytes(path, doc_id=name, max_bytes=max_bytes)
    except ReadError as error:
        yield error
        return
    yield from iter_feed_bytes(data, label=name, source_path=str(path), max_bytes=max_bytes)


def iter_feed_url(
    url: str,
    *,
    timeout: float = 10,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadError]:
    """Fetch an RSS/Atom feed over http(s) with urllib and stream its entries.

    A network or HTTP error is one ReadError named by the URL.
    """
    try:
        data, headers = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
    except ReadError as error:
        yield error
        return
    yield from iter_feed_bytes(data, label=url, source_path=url, headers=headers,
                               max_bytes=max_bytes)


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, dict[str, str]]:
    """GET `url`; return (body, lower-cased headers). Raise ReadError on any failure."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise ReadError(url, f"not an http or https URL (scheme {scheme or 'missing'!r})",
                        hint="give a feed URL starting with http:// or https://")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    max_raw = max_bytes * RAW_SIZE_FACTOR
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_raw + 1)
            headers = {key.lower(): value for key, value in response.headers.items()}
    except urllib.error.HTTPError as exc:
        raise ReadError(url, f"the server answered HTTP {exc.code} {exc.reason}",
                        hint=_URL_HINT) from exc
    except urllib.error.URLError as exc:
        raise ReadError(url, f"cannot fetch the feed: {exc.reason}", hint=_URL_HINT) from exc
    except TimeoutError as exc:
        raise ReadError(url, f"timed out after {timeout:g} s", hint=_URL_HINT) from exc
    except (OSError, ValueError) as exc:
        raise ReadError(url, f"cannot fetch the feed: {exc}", hint=_URL_HINT) from exc
    if len(data) > max_raw:
        raise too_large_error(url, len(data), max_bytes, what="feed")
    return data, headers


def iter_feed_bytes(
    data: bytes,
    *,
    label: str,
    source_path: str | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ReadError]:
    """Parse feed bytes with feedparser and stream one Document (or ReadError) per entry."""
    if not data.strip():
        yield ReadError(label, "the feed is empty", hint="remove it or download the feed again")
        return
    parsed = feedparser.parse(data, response_headers=dict(headers or {}))
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if problem is not None:
            yield ReadError(label, f"malformed feed: {problem}", hint=_FEED_HINT)
        elif not parsed.get("version"):
            yield ReadError(label, "not an RSS or Atom feed (no channel or feed element)",
                            hint=_FEED_HINT)
        else:
            logger.warning("%s: the feed has no entries", label)
        return
    if problem is not None:
        logger.warning("%s: feed is not well-formed (%s); reading its %d entries anyway",
                       label, problem, len(entries))
    feed_info = parsed.get("feed") or {}
    for index, entry in enumerate(entries, start=1):
        try:
            doc = entry_to_document(entry, label=label, index=index, feed=feed_info,
                                    max_bytes=max_bytes)
        except ReadError as error:
            yield error
            continue
        doc.source_path = source_path
        yield doc


def entry_to_document(
    entry: Mapping[str, Any],
    *,
    label: str,
    index: int,
    feed: Mapping[str, Any],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """One feed entry as a Document; raise ReadError when it has no text."""
    link = _http_link(entry.get("link"))
    doc_id = str(entry.get("id") or link or f"{label}#{index}").strip() or f"{label}#{index}"
    text = _entry_text(entry)
    if is_blank(text):
        raise ReadError(
            doc_id, f"feed entry {index} of {label} has no text (no content or summary)",
            hint="the feed carries only titles: fetch the linked pages and read them as HTML",
        )
    check_text_size(text, doc_id=doc_id, max_bytes=max_bytes)
    published = _entry_date(entry)
    meta: dict[str, Any] = {"feed": label, "entry": index,
                            "date_source": "feed" if published else None}
    if feed.get("title"):
        meta["feed_title"] = feed.get("title")
    if feed.get("language"):
        meta["declared_lang"] = feed.get("language")
    title = entry.get("title")
    return Document(
        id=doc_id, text=text, date=published,
        title=(fragment_to_text(title) or None) if isinstance(title, str) else None,
        url=link, meta=meta,
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The longest content block, else the summary; HTML reduced to text."""
    candidates = [item for item in entry.get("content") or [] if item.get("value")]
    if candidates:
        best = max(candidates, key=lambda item: len(item.get("value") or ""))
        return _as_text(best.get("value") or "", best.get("type"))
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary") or "", detail.get("type"))


def _as_text(value: str, content_type: str | None) -> str:
    if content_type == "text/plain" and "<" not in value:
        return value.strip()
    return fragment_to_text(value)


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    """Publication date as written in the feed (its own time zone), else the parsed UTC one."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        found = parse_any_date(raw) if isinstance(raw, str) else None
        if found:
            return found
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.date(parsed[0], parsed[1], parsed[2])
    return None


def _http_link(value: object) -> str | None:
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return value
    return None

