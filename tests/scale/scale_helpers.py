"""A mixed test corpus and the single-process reference the Dask engine must match."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa

from blocwatch.coder import Coder
from blocwatch.coder.batch import code_stream
from blocwatch.contract import Event
from blocwatch.errors import ReadError
from blocwatch.read import iter_documents
from blocwatch.store.rows import mentions_table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

ACTORS = ["Mexico", "Venezuela", "Colombia", "Brazil", "Argentina", "Peru", "Chile", "Cuba",
          "Bolivia", "Ecuador", "the United States", "Canada", "Spain",
          "Venezuelan President Nicolás Maduro", "Colombian police"]
VERBS = ["met with", "accused", "criticized", "praised", "signed an agreement with",
         "imposed sanctions on", "threatened", "sent aid to", "held talks with", "visited"]
ACTORS_ES = ["México", "Venezuela", "Colombia", "Brasil", "Argentina", "Perú", "la OEA"]
VERBS_ES = ["se reunió con", "acusó a", "criticó a", "firmó un acuerdo con", "amenazó a"]
FILLER = ["Officials did not give further details.",
          "The economy grew 3 percent in the third quarter, the central bank said.",
          "Analysts expect the talks to continue through the end of the year."]


def synthetic_records(n: int, *, seed: int = 11, prefix: str = "wire") -> list[dict[str, Any]]:
    """Short English and Spanish wire items, three sentences each, seeded."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        spanish = rng.random() < 0.3
        actors, verbs = (ACTORS_ES, VERBS_ES) if spanish else (ACTORS, VERBS)
        sentences = []
        for _ in range(3):
            if rng.random() < 0.6:
                a, b = rng.sample(actors, 2)
                sentences.append(f"{a} {rng.choice(verbs)} {b} el lunes." if spanish
                                 else f"{a} {rng.choice(verbs)} {b} on Monday.")
            else:
                sentences.append(rng.choice(FILLER))
        text = " ".join(s[0].upper() + s[1:] for s in sentences)
        records.append({"id": f"{prefix}-{i:04d}", "text": text,
                        "date": f"2022-0{1 + i % 9}-1{i % 10}",
                        "lang": "es" if spanish else "en"})
    return records


def build_corpus(root: Path) -> Path:
    """samples/ plus a JSON Lines file with a bad line, blank lines, a repeated id inside the
    file (in another chunk) and the id of a document of another file."""
    corpus = root / "corpus"
    shutil.copytree(SAMPLES, corpus)
    records = synthetic_records(40)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(5, "{not json")
    lines.insert(9, "")
    lines.insert(10, "   ")
    lines.append(json.dumps({"id": "wire-0002", "text": "Peru accused Chile on Monday."}))
    lines.append(json.dumps({"id": "sample-feed-01", "text": "Cuba praised Mexico on Monday."}))
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def reference(paths: list[str], coder: Coder) -> tuple[list[Event], list[ReadError]]:
    """What one process codes from `paths` (the `code` command's events and errors)."""
    events: list[Event] = []
    errors: list[ReadError] = []
    for item in code_stream(iter_documents(paths), coder=coder):
        (errors if isinstance(item, ReadError) else events).append(item)
    return events, errors


def reference_table(events: list[Event]) -> pa.Table:
    """The reference events as `event_mentions` rows (mention_index within each document)."""
    counters: dict[str, int] = {}
    pairs = []
    for event in events:
        index = counters.get(event.doc_id, 0)
        counters[event.doc_id] = index + 1
        pairs.append((index, event))
    return mentions_table(pairs)


def sorted_rows(table: pa.Table) -> list[dict[str, Any]]:
    return sorted(table.to_pylist(), key=lambda r: (r["event_id"], r["doc_id"],
                                                    r["mention_index"]))
