"""Reading the shipped knowledge-base files and a user's overrides into a KnowledgeBase."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import pickle
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from blocwatch.errors import KBError
from blocwatch.kb import schema
from blocwatch.kb.base import KnowledgeBase, Tables

T = TypeVar("T")
log = logging.getLogger(__name__)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# table name -> (file name, parser, key used by a user's override or None to append)
TABLES: dict[str, tuple[str, Callable[..., Any], str | None]] = {
    "countries": ("countries.csv", schema.parse_country, "code"),
    "metonyms": ("metonyms.csv", schema.parse_metonym, None),
    "organizations": ("organizations.csv", schema.parse_organization, "code"),
    "memberships": ("memberships.csv", schema.parse_membership, None),
    "orientation": ("orientation.csv", schema.parse_orientation, None),
    "places": ("places.csv", schema.parse_place, "name"),
    "groups": ("groups.csv", schema.parse_group, "id"),
}


def data_dir() -> Path:
    return Path(str(resources.files("blocwatch.kb") / "data"))


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    text = path.read_text(encoding="utf-8")
    for line_no, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            yield f"line {line_no}", row


def _parse_all(rows: Iterator[tuple[str, dict[str, Any]]], parser: Callable[..., T],
               *, file: str) -> list[T]:
    return [parser(raw, file=file, entry=entry) for entry, raw in rows]


def _cache_dir() -> Path:
    return Path(os.environ.get("BLOCWATCH_CACHE") or Path.home() / ".cache" / "blocwatch")


def _parse_yaml_cached(path: Path) -> Any:
    """YAML parsing is the slowest part of loading; parsed files are kept, keyed by content."""
    raw = path.read_bytes()
    cached = _cache_dir() / f"kb-{path.stem}-{hashlib.sha256(raw).hexdigest()[:20]}.pickle"
    try:
        with cached.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    data = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cached)
    except OSError:
        log.debug("could not cache %s", path.name)
    return data


def _yaml_list(path: Path) -> list[Any]:
    try:
        data = _parse_yaml_cached(path)
    except (yaml.YAMLError, ValueError) as e:
        raise KBError(path.name, "(file)", f"not valid YAML: {e}") from e
    if data is None:
        return []
    if not isinstance(data, list):
        raise KBError(path.name, "(file)", "must be a YAML list of persons")
    return data


def _read_people(paths: list[Path]) -> list[schema.Person]:
    people = []
    for path in paths:
        for i, raw in enumerate(_yaml_list(path)):
            entry = raw.get("id", f"#{i + 1}") if isinstance(raw, dict) else f"#{i + 1}"
            people.append(schema.parse_person(raw, file=f"people/{path.name}", entry=str(entry)))
    return people


def _read_shipped(root: Path) -> dict[str, list[Any]]:
    tables: dict[str, list[Any]] = {}
    for name, (file_name, parser, _) in TABLES.items():
        path = root / file_name
        tables[name] = _parse_all(_csv_rows(path), parser, file=file_name) if path.exists() else []
    tables["people"] = _read_people(sorted((root / "people").glob("*.yaml")))
    return tables


def _read_user(path: Path) -> dict[str, list[Any]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as e:
        raise KBError(str(path.name), "(file)", f"cannot be read: {e.strerror}") from e
    except (yaml.YAMLError, ValueError) as e:
        raise KBError(path.name, "(file)", f"not valid YAML (is every date YYYY-MM-DD?): {e}"
                      ) from e
    if not isinstance(data, dict):
        raise KBError(path.name, "(file)",
                      f"must be a mapping with keys among {sorted([*TABLES, 'people'])}")
    unknown = set(data) - {*TABLES, "people"}
    if unknown:
        raise KBError(path.name, "(file)", f"unknown table {sorted(unknown)[0]!r}; "
                      f"known: {sorted([*TABLES, 'people'])}")
    tables: dict[str, list[Any]] = {}
    for name, rows in data.items():
        if not isinstance(rows, list):
            raise KBError(path.name, name, "must be a list of entries")
        if name == "people":
            tables[name] = [schema.parse_person(raw, file=path.name, entry=f"people #{i + 1}")
                            for i, raw in enumerate(rows)]
            continue
        parser = TABLES[name][1]
        tables[name] = [parser(raw if isinstance(raw, dict) else {}, file=path.name,
                               entry=f"{name} #{i + 1}") for i, raw in enumerate(rows)]
    return tables


def _merge(shipped: dict[str, list[Any]], user: dict[str, list[Any]]) -> dict[str, list[Any]]:
    keys = {name: key for name, (_, _, key) in TABLES.items()} | {"people": "id"}
    merged = dict(shipped)
    for name, rows in user.items():
        key = keys[name]
        if key is None:
            merged[name] = [*shipped.get(name, []), *rows]
            continue
        replaced = {getattr(row, key) for row in rows}
        kept = [row for row in shipped.get(name, []) if getattr(row, key) not in replaced]
        merged[name] = [*kept, *rows]
    return merged


def _check_codes(tables: dict[str, list[Any]]) -> None:
    """An organization code must never be a country's ISO code."""
    countries = {c.code for c in tables["countries"]}
    periods: dict[str, list[Any]] = {}
    for group in tables.get("groups", []):
        if group.country not in countries:
            raise KBError("groups.csv", group.id, f"country {group.country!r} is not in "
                          "countries.csv")
        for other in periods.setdefault(group.id, []):
            if group.start <= (other.end or schema.FAR_FUTURE) and \
                    other.start <= (group.end or schema.FAR_FUTURE):
                raise KBError("groups.csv", group.id, f"periods {other.start}–{other.end} and "
                              f"{group.start}–{group.end} overlap")
        periods[group.id].append(group)
    for org in tables["organizations"]:
        if org.code in countries:
            raise KBError("organizations.csv", org.code,
                          "organization code is a country's ISO alpha-3 code; choose another")


def _version(root: Path, user_file: Path | None) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".csv", ".yaml"})
    for path in [*files, *([user_file] if user_file else [])]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_kb(user_file: str | Path | None = None, *, root: str | Path | None = None
            ) -> KnowledgeBase:
    """Load and validate the shipped knowledge base, then apply a user's YAML file over it."""
    root_path = Path(root) if root else data_dir()
    tables = _read_shipped(root_path)
    user_path = Path(user_file) if user_file else None
    if user_path is not None:
        tables = _merge(tables, _read_user(user_path))
    _check_codes(tables)
    return KnowledgeBase(Tables(**tables), version=_version(root_path, user_path))


_default: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    global _default
    if _default is None:
        _default = load_kb()
    return _default
