"""`iter_documents`: every input argument (file, folder, glob, URL, '-') as a stream of documents.

Nothing here raises for bad input: each document that cannot be read becomes a ReadError in
the stream, so a batch goes on. Ids are unique within a run: a repeated id is a ReadError.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from blocwatch.contract import Document
from blocwatch.errors import ReadError
from blocwatch.read._common import (
    DEFAULT_MAX_BYTES,
    FEED_EXTENSIONS,
    JSONL_EXTENSIONS,
    SUPPORTED_EXTENSIONS,
    SUPPORTED_EXTENSIONS_TEXT,
    TEXT_EXTENSIONS,
    os_error,
)
from blocwatch.read.feeds import iter_feed, iter_feed_url
from blocwatch.read.htmldoc import read_html_file
from blocwatch.read.jsonl import iter_jsonl
from blocwatch.read.language import assign_language, check_lang_option
from blocwatch.read.plaintext import read_text_file

logger = logging.getLogger(__name__)

STDIN_LABEL = "<stdin>"
_GLOB_CHARS = frozenset("*?[")

Item = Document | ReadError


def iter_documents(
    paths: Iterable[str | Path],
    *,
    date: dt.date | None = None,
    lang: str = "auto",
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 10,
) -> Iterator[Document | ReadError]:
    """Stream Documents, and a ReadError for each document that cannot be read.

    Each path is a file, a folder (read recursively in sorted order, keeping files with a
    supported extension), a glob pattern, an http(s) feed URL, or '-' for JSON Lines on
    `stdin` (default: sys.stdin). Ids of files found in a folder or by a glob are their paths
    relative to that folder (or the glob's fixed prefix), so they are unique.

    `date` (the --date option) is the date of plain-text and HTML files, and of JSON Lines
    records and feed entries that carry none. `lang` is 'auto' (a document's own `lang` field,
    else detection), 'en' or 'es' (forced). `max_bytes` caps the text of one document.
    Raises ValueError at once for an invalid `lang`.
    """
    option = check_lang_option(lang)
    if isinstance(date, dt.datetime):
        date = date.date()
    reader = _Reader(date=date, stdin=stdin, max_bytes=max_bytes, timeout=timeout)
    return _finish_all(reader.read_all(paths), date=date, lang=option)


def _finish_all(items: Iterator[Item], *, date: dt.date | None, lang: str) -> Iterator[Item]:
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        yield _finish(item, seen=seen, date=date, lang=lang)


def _finish(doc: Document, *, seen: dict[str, str], date: dt.date | None, lang: str) -> Item:
    """Reject a repeated id, fill in the default date, settle the language."""
    origin = _origin(doc)
    if doc.id in seen:
        first = seen[doc.id]
        reason = (f"duplicate id: {origin} was already read (given twice?)" if first == origin
                  else f"duplicate id: {origin} repeats the id of {first}")
        return ReadError(doc.id, reason,
                         hint="give each document a unique id; this copy was skipped")
    seen[doc.id] = origin
    if doc.date is None and date is not None:
        doc.date = date
        doc.meta["date_source"] = "option"
    try:
        return assign_language(doc, lang=lang)
    except ReadError as error:
        return error


def _origin(doc: Document) -> str:
    where = doc.source_path or STDIN_LABEL
    line = doc.meta.get("line")
    entry = doc.meta.get("entry")
    if line:
        return f"{where} line {line}"
    if entry:
        return f"{where} entry {entry}"
    return where


class _Reader:
    """Turns path arguments into raw documents (language and duplicates are settled later)."""

    def __init__(self, *, date: dt.date | None, stdin: TextIO | None, max_bytes: int,
                 timeout: float) -> None:
        self.date = date
        self.stdin = stdin
        self.max_bytes = max_bytes
        self.timeout = timeout

    def read_all(self, paths: Iterable[str | Path]) -> Iterator[Item]:
        for argument in paths:
            yield from _guarded(self.read_argument(argument), label=str(argument))

    def read_argument(self, argument: str | Path) -> Iterator[Item]:
        if isinstance(argument, str) and argument == "-":
            stream = self.stdin if self.stdin is not None else sys.stdin
            yield from iter_jsonl(stream, label=STDIN_LABEL, max_bytes=self.max_bytes)
            return
        if isinstance(argument, str) and argument.lower().startswith(("http://", "https://")):
            yield from iter_feed_url(argument, timeout=self.timeout, max_bytes=self.max_bytes)
            return
        path = Path(argument)
        label = str(argument)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:
            yield os_error(label, exc)
            return
        if is_dir:
            yield from self.read_folder(path, root=path, label=label)
        elif exists:
            yield from self.read_file(path, doc_id=path.name, explicit=True)
        elif _GLOB_CHARS & set(label):
            yield from self.read_glob(label)
        else:
            yield ReadError(label, "file or folder not found",
                            hint="check the path; use '-' to read JSON Lines from standard input")

    def read_file(self, path: Path, *, doc_id: str, explicit: bool) -> Iterator[Item]:
        """One file by its extension; unsupported ones are an error only when named."""
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_EXTENSIONS:
            if explicit:
                kind = f"'{path.suffix}'" if path.suffix else "without an extension"
                yield ReadError(doc_id, f"unsupported file type {kind}",
                                hint=f"blocwatch reads {SUPPORTED_EXTENSIONS_TEXT}; convert "
                                "the file, or rename it if it is one of these")
            else:
                logger.debug("skipping %s: unsupported extension", path)
            return
        if not path.is_file():
            yield ReadError(doc_id, "not a regular file", hint="pass a file or a folder")
            return
        yield from _guarded(self._read_supported(path, doc_id=doc_id, suffix=suffix),
                            label=doc_id)

    def _read_supported(self, path: Path, *, doc_id: str, suffix: str) -> Iterator[Item]:
        if suffix in JSONL_EXTENSIONS:
            yield from iter_jsonl(path, label=doc_id, max_bytes=self.max_bytes)
        elif suffix in FEED_EXTENSIONS:
            yield from iter_feed(path, label=doc_id, max_bytes=self.max_bytes)
        else:
            reader = read_text_file if suffix in TEXT_EXTENSIONS else read_html_file
            try:
                yield reader(path, doc_id=doc_id, date=self.date, max_bytes=self.max_bytes)
            except ReadError as error:
                yield error

    def read_folder(self, folder: Path, *, root: Path, label: str) -> Iterator[Item]:
        """Supported files under `folder`, recursively, sorted; ids relative to `root`."""
        files, errors = _walk(folder, root=root)
        yield from errors
        supported = [path for path in files if path.suffix.lower() in SUPPORTED_EXTENSIONS]
        for path in files:
            if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
                logger.debug("skipping %s: unsupported extension", path)
        if not supported and not errors:
            yield _nothing_to_read(label, skipped=len(files), what="in the folder")
        for path in supported:
            yield from self.read_file(path, doc_id=_relative_id(path, root), explicit=False)

    def read_glob(self, pattern: str) -> Iterator[Item]:
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            yield ReadError(pattern, "no file matches the pattern",
                            hint="check the pattern, or list the files")
            return
        root = _glob_root(pattern)
        found_any = False
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found_any = True
                yield from self.read_folder(path, root=root, label=match)
            elif path.suffix.lower() in SUPPORTED_EXTENSIONS:
                found_any = True
                yield from self.read_file(path, doc_id=_relative_id(path, root), explicit=False)
        if not found_any:
            yield _nothing_to_read(pattern, skipped=len(matches), what="matching the pattern")


def _guarded(items: Iterator[Item], *, label: str) -> Iterator[Item]:
    """Re-yield `items`; an unexpected exception becomes a ReadError, so the batch goes on."""
    try:
        yield from items
    except Exception as exc:  # third-party parsers can fail in unforeseen ways
        logger.exception("unexpected error while reading %s", label)
        yield ReadError(label, f"unexpected error while reading: {exc!r}",
                        hint="please report this as a bug, with the input if you can share it")


def _walk(folder: Path, *, root: Path) -> tuple[list[Path], list[ReadError]]:
    """All non-hidden files under `folder`, sorted by their path; errors for unlistable folders."""
    errors: list[ReadError] = []

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        errors.append(os_error(_relative_id(where, root) or str(folder), exc))

    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error):
        hidden = [name for name in dirnames if name.startswith(".")]
        for name in hidden:
            logger.debug("skipping hidden folder %s", Path(dirpath, name))
            dirnames.remove(name)
        files.extend(Path(dirpath, name) for name in filenames if not name.startswith("."))
    files.sort(key=lambda path: path.relative_to(folder).parts)
    return files, errors


def _relative_id(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        return path.name
    return relative if relative != "." else path.name


def _glob_root(pattern: str) -> Path:
    """The fixed folder a glob pattern starts from ('corpus/*/a.txt' -> 'corpus')."""
    fixed: list[str] = []
    for part in Path(pattern).parts[:-1]:
        if _GLOB_CHARS & set(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _nothing_to_read(label: str, *, skipped: int, what: str) -> ReadError:
    reason = (f"no supported files {what} ({skipped} other files skipped)" if skipped
              else f"no files {what}: it is empty")
    return ReadError(label, reason,
                     hint=f"blocwatch reads {SUPPORTED_EXTENSIONS_TEXT}; point it at such files")
