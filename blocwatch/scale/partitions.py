"""Stable partitions of the input: the same files and options always give the same partitions.

The input arguments (files, folders, globs) are expanded exactly as `iter_documents` reads them:
arguments in the order given, folders recursively in sorted order, ids of files found in a folder
or by a glob relative to it. JSON Lines files are cut into chunks of `partition_size` lines (each
chunk its own partition, located by byte offsets so a worker reads only its chunk); runs of other
files are grouped `partition_size` files to a partition. A partition's `key` hashes what it reads
(paths, byte ranges, sizes, modification times), so a changed input is never mistaken for work
already done.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from blocwatch.errors import BlocwatchError, ReadError
from blocwatch.read._common import JSONL_EXTENSIONS, SUPPORTED_EXTENSIONS, os_error

# The folder walk, ids and glob roots must match the single-process reader's exactly, so the
# planner uses the reader's own helpers (see docs/CLUSTER.md, "Reading").
from blocwatch.read.documents import (
    _GLOB_CHARS,
    _glob_root,
    _nothing_to_read,
    _relative_id,
    _walk,
)

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 500
"""JSON Lines lines (or other files) per partition."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One file to read, or one chunk of lines of a JSON Lines file.

    `doc_id` is the id the single-process reader gives the file (its label in errors);
    `explicit` is True when the file was named on the command line. A chunk covers bytes
    `[start, end)` and begins on line `first_line` (1-based); `end` is -1 for a whole file.
    """

    path: str
    doc_id: str
    explicit: bool
    start: int = 0
    end: int = -1
    first_line: int = 1

    @property
    def chunked(self) -> bool:
        return self.end >= 0


@dataclass(frozen=True, slots=True)
class Partition:
    """What one task reads: a few units, in reading order. `index` names its output file."""

    index: int
    units: tuple[Unit, ...]
    key: str

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass(slots=True)
class Plan:
    """All partitions of a run, and the errors met while listing the input."""

    partitions: list[Partition] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)


def plan_partitions(paths: Iterable[str | Path], *, partition_size: int = DEFAULT_PARTITION_SIZE,
                    salt: str = "") -> Plan:
    """Partitions of the input `paths`; `salt` (the run's options) goes into every key.

    Raises BlocwatchError for input the engine cannot split (standard input, URLs) or a
    partition size below 1.
    """
    if partition_size < 1:
        raise BlocwatchError(f"partition size must be at least 1, not {partition_size}")
    plan = Plan()
    groups: list[list[Unit]] = []
    loose: list[Unit] = []
    for unit in _expand(paths, plan.errors):
        chunks = _chunks(unit, partition_size) if _splittable(unit) else None
        if chunks is None:
            loose.append(unit)
            if len(loose) == partition_size:
                groups.append(loose)
                loose = []
            continue
        if loose:
            groups.append(loose)
            loose = []
        groups.extend([chunk] for chunk in chunks)
    if loose:
        groups.append(loose)
    plan.partitions = [Partition(i, tuple(units), _key(units, salt))
                       for i, units in enumerate(groups)]
    return plan


# -- expanding the arguments -------------------------------------------------------------------

def _expand(paths: Iterable[str | Path], errors: list[ReadError]) -> Iterator[Unit]:
    for argument in paths:
        label = str(argument)
        if label == "-" or label.lower().startswith(("http://", "https://")):
            raise BlocwatchError(
                f"{label}: the Dask engine reads files, folders and globs only; read standard "
                "input and feed URLs with the single-process engine")
        path = Path(argument)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:
            errors.append(os_error(label, exc))
            continue
        if is_dir:
            yield from _folder(path, root=path, label=label, errors=errors)
        elif exists:
            yield Unit(str(path), path.name, True)
        elif _GLOB_CHARS & set(label):
            yield from _glob(label, errors)
        else:
            errors.append(ReadError(label, "file or folder not found", hint="check the path"))


def _folder(folder: Path, *, root: Path, label: str, errors: list[ReadError]) -> Iterator[Unit]:
    files, listing_errors = _walk(folder, root=root)
    errors.extend(listing_errors)
    supported = [p for p in files if p.suffix.lower() in SUPPORTED_EXTENSIONS]
    if not supported and not listing_errors:
        errors.append(_nothing_to_read(label, skipped=len(files), what="in the folder"))
    for path in supported:
        yield Unit(str(path), _relative_id(path, root), False)


def _glob(pattern: str, errors: list[ReadError]) -> Iterator[Unit]:
    import glob

    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        errors.append(ReadError(pattern, "no file matches the pattern",
                                hint="check the pattern, or list the files"))
        return
    root = _glob_root(pattern)
    found_any = False
    for match in matches:
        path = Path(match)
        if path.is_dir():
            found_any = True
            yield from _folder(path, root=root, label=match, errors=errors)
        elif path.suffix.lower() in SUPPORTED_EXTENSIONS:
            found_any = True
            yield Unit(str(path), _relative_id(path, root), False)
    if not found_any:
        errors.append(_nothing_to_read(pattern, skipped=len(matches),
                                       what="matching the pattern"))


# -- cutting JSON Lines files into chunks ------------------------------------------------------

def _splittable(unit: Unit) -> bool:
    """A regular UTF-8 (or legacy 8-bit) JSON Lines file; UTF-16 ones are read whole."""
    path = Path(unit.path)
    if path.suffix.lower() not in JSONL_EXTENSIONS:
        return False
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        return False  # the worker's reader reports it
    return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _chunks(unit: Unit, size: int) -> list[Unit] | None:
    """Chunks of `size` lines holding at least one record; None to read the file whole (it
    has no record at all, so the reader's 'empty input' error is reported once)."""
    chunks: list[Unit] = []
    start = offset = 0
    first = line = 1
    lines = 0
    content = False
    try:
        with open(unit.path, "rb") as handle:
            for raw in handle:
                offset += len(raw)
                lines += 1
                content = content or bool(raw.strip())
                if lines == size:
                    if content:
                        chunks.append(Unit(unit.path, unit.doc_id, unit.explicit, start,
                                           offset, first))
                    start, first, lines, content = offset, line + 1, 0, False
                line += 1
    except OSError:
        return None
    if lines and content:
        chunks.append(Unit(unit.path, unit.doc_id, unit.explicit, start, offset, first))
    return chunks or None


def _key(units: list[Unit], salt: str) -> str:
    digest = hashlib.sha256(salt.encode("utf-8"))
    for unit in units:
        try:
            stat = os.stat(unit.path)
            seen: list[int | None] = [stat.st_size, stat.st_mtime_ns]
        except OSError:
            seen = [None, None]
        digest.update(json.dumps([unit.path, unit.doc_id, unit.explicit, unit.start, unit.end,
                                  unit.first_line, *seen]).encode("utf-8"))
    return digest.hexdigest()[:20]
