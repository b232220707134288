"""Partitions are stable, and reading them gives exactly what the single-process reader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_helpers import synthetic_records, write_jsonl

from blocwatch.contract import Document
from blocwatch.errors import BlocwatchError, ReadError
from blocwatch.read import iter_documents
from blocwatch.scale import plan_partitions, read_partition


def _read_all(paths: list[str], size: int) -> tuple[list[Document], list[str]]:
    """Every partition read in order; ids repeated across partitions dropped (first wins),
    as the engine settles them after the run."""
    plan = plan_partitions(paths, partition_size=size)
    docs: list[Document] = []
    errors = [e.doc_id for e in plan.errors]
    seen: set[str] = set()
    for partition in plan.partitions:
        for item in read_partition(partition):
            if isinstance(item, ReadError):
                errors.append(item.doc_id)
            elif item.id in seen:
                errors.append(item.id)
            else:
                seen.add(item.id)
                docs.append(item)
    return docs, errors


def _single(paths: list[str]) -> tuple[list[Document], list[str]]:
    docs, errors = [], []
    for item in iter_documents(paths):
        if isinstance(item, ReadError):
            errors.append(item.doc_id)
        else:
            docs.append(item)
    return docs, errors


def _fields(doc: Document) -> tuple[object, ...]:
    return (doc.id, doc.text, doc.date, doc.title, doc.url, doc.lang, doc.source_path,
            doc.meta.get("line"), doc.meta.get("entry"))


@pytest.mark.parametrize("size", [1, 3, 4, 7, 500])
def test_partitions_read_like_one_process(corpus: Path, size: int) -> None:
    docs, errors = _read_all([str(corpus)], size)
    want_docs, want_errors = _single([str(corpus)])
    assert [_fields(d) for d in docs] == [_fields(d) for d in want_docs]
    assert sorted(errors) == sorted(want_errors)


def test_plan_is_stable_and_cuts_jsonl_by_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", synthetic_records(10))
    first = plan_partitions([str(path)], partition_size=4)
    again = plan_partitions([str(path)], partition_size=4)
    assert first.partitions == again.partitions
    assert [[u.first_line for u in p.units] for p in first.partitions] == [[1], [5], [9]]
    assert first.partitions[-1].units[0].end == path.stat().st_size
    assert [p.name for p in first.partitions] == ["part-00000", "part-00001", "part-00002"]


def test_key_changes_with_input_and_options(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", synthetic_records(4))
    before = plan_partitions([str(path)], partition_size=10).partitions[0].key
    salted = plan_partitions([str(path)], partition_size=10, salt="all").partitions[0].key
    write_jsonl(path, synthetic_records(5))
    after = plan_partitions([str(path)], partition_size=10).partitions[0].key
    assert len({before, salted, after}) == 3


def test_other_files_are_grouped_in_order(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.html", "d.txt", "e.txt"):
        (tmp_path / name).write_text("Mexico met Peru on Monday.", encoding="utf-8")
    plan = plan_partitions([str(tmp_path)], partition_size=2)
    assert [[u.doc_id for u in p.units] for p in plan.partitions] == [
        ["a.txt", "b.html"], ["c.txt", "d.txt"], ["e.txt"]]


def test_blank_only_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n \n\n", encoding="utf-8")
    docs, errors = _read_all([str(path)], 2)
    assert (docs, errors) == _single([str(path)])
    assert len(errors) == 1


@pytest.mark.parametrize("argument", ["-", "http://127.0.0.1:9/feed.xml"])
def test_stdin_and_urls_are_refused(argument: str) -> None:
    with pytest.raises(BlocwatchError, match="single-process"):
        plan_partitions([argument])


def test_missing_paths_are_errors_not_crashes(tmp_path: Path) -> None:
    plan = plan_partitions([str(tmp_path / "nope.txt"), str(tmp_path / "*.jsonl")])
    assert plan.partitions == []
    assert len(plan.errors) == 2
