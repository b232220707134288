"""Ingest overhead: what the store costs on top of coding.

Builds a JSON Lines corpus of N documents (default 20,000) from sample sentences (the files in
`samples/` when there are any, else built-in English and Spanish sentences), every tenth a wire
copy of an earlier story, then measures

1. coding alone: reading the corpus and `Coder.code_many` over it, nothing stored;
2. a full ingest into a new store file (reading, hashing, near-duplicate marking, coding,
   writing, rebuilding `events`);
3. the same ingest with a replay coder that returns the events of step 1 (the store's own cost);
4. a rerun over the filled store (everything skipped: the cost of idempotence).

overhead = (2) − (1), reported per document, next to (3). The difference of two long timings
is noisy (run nothing else meanwhile); (3) measures the store's cost directly.

Measured on the 2-core build machine, 20,000 documents, batch 500: coding 36,628 events took
~430-600 s; the replay ingest (everything but coding) 14.5 s = 0.72 ms per document; a rerun
that skips everything 2.7 s; store file 36 MB.

    python benchmarks/bench_ingest.py [--docs 20000] [--batch-size 500] [--out result.json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blocwatch.contract import Document, Event
from blocwatch.read import iter_documents
from blocwatch.store import ingest, open_store

ROOT = Path(__file__).resolve().parents[1]
FALLBACK = {
    "en": [
        "{a} accused {b} of interfering in its internal affairs.",
        "The government of {a} signed a trade agreement with {b} on Monday.",
        "{a} sent humanitarian aid to {b} after the floods.",
        "{a} expelled the ambassador of {b} on Tuesday.",
        "{a} threatened {b} with new sanctions.",
        "The foreign minister of {a} met his counterpart from {b} in the capital.",
        "{a} rejected the proposal made by {b}.",
        "Officials said the talks would continue next month.",
    ],
    "es": [
        "{a} acusó a {b} de injerencia en sus asuntos internos.",
        "El gobierno de {a} firmó un acuerdo comercial con {b} el lunes.",
        "{a} envió ayuda humanitaria a {b} tras las inundaciones.",
        "{a} expulsó al embajador de {b} el martes.",
        "{a} amenazó a {b} con nuevas sanciones.",
        "El canciller de {a} se reunió con su homólogo de {b}.",
        "Las conversaciones seguirán el próximo mes, según fuentes oficiales.",
    ],
}
COUNTRIES = {
    "en": ["Peru", "Mexico", "Venezuela", "Colombia", "Brazil", "Argentina", "Chile", "Bolivia",
           "Ecuador", "Cuba", "the United States", "China", "Russia"],
    "es": ["Perú", "México", "Venezuela", "Colombia", "Brasil", "Argentina", "Chile", "Bolivia",
           "Ecuador", "Cuba", "Estados Unidos", "China", "Rusia"],
}


def sample_sentences() -> dict[str, list[str]]:
    """Sentences from samples/*.jsonl and *.txt, split on full stops; the fallback if none."""
    found: dict[str, list[str]] = {"en": [], "es": []}
    for doc in iter_documents(sorted((ROOT / "samples").glob("*.jsonl"))
                              + sorted((ROOT / "samples").glob("*.txt"))):
        if isinstance(doc, Document) and doc.lang in found:
            found[doc.lang] += [s.strip() for s in re.findall(r"[^.!?]+[.!?]", doc.text)
                                if len(s.split()) > 4]
    if not found["en"] or not found["es"]:
        rng = random.Random(1)
        for lang, templates in FALLBACK.items():
            found[lang] = [t.format(a=a, b=b) for t in templates for a, b in
                           (rng.sample(COUNTRIES[lang], 2) for _ in range(20))]
    return found


def write_corpus(path: Path, n: int, *, seed: int = 20) -> None:
    rng = random.Random(seed)
    sentences = sample_sentences()
    originals: list[dict[str, Any]] = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            if i % 10 == 9 and originals:
                story = rng.choice(originals)
                record = {**story, "id": f"copy-{i:06d}",
                          "text": "CARACAS (AP) — " + story["text"]}
            else:
                lang = "es" if i % 3 == 0 else "en"
                text = " ".join(rng.choice(sentences[lang]) for _ in range(rng.randint(3, 8)))
                day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                record = {"id": f"doc-{i:06d}", "text": text, "date": day, "lang": lang}
                originals.append(record)
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


class ReplayCoder:
    """Returns the events recorded from the real coder: the store's cost without coding."""

    def __init__(self, coded: dict[str, list[Event]], version: str) -> None:
        self.coded = coded
        self.version = version

    def code(self, doc: Document) -> list[Event]:
        return self.coded[doc.id]


def _documents(corpus: Path) -> Iterator[Document]:
    for doc in iter_documents([corpus]):
        if isinstance(doc, Document):
            yield doc


def time_coding(coder: Any, corpus: Path, *,
                batch_size: int = 500) -> tuple[float, dict[str, list[Event]]]:
    """Reading and coding in the batches ingest uses, nothing stored."""
    started = time.perf_counter()
    coded: dict[str, list[Event]] = {}
    docs = _documents(corpus)
    while batch := list(islice(docs, batch_size)):
        coded.update((doc.id, events) for doc, events in coder.code_many(batch))
    return time.perf_counter() - started, coded


def time_ingest(db: Path, corpus: Path, coder: Any, batch_size: int) -> tuple[float, Any]:
    with open_store(db) as store:
        started = time.perf_counter()
        report = ingest(store, [corpus], coder=coder, batch_size=batch_size)
        return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--out", type=Path, help="write the result as JSON here too")
    args = parser.parse_args()

    from blocwatch.coder import Coder

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.docs)
        coder = Coder(all_events=True)
        warm = Path(tmp) / "warm.jsonl"
        write_corpus(warm, 300, seed=3)
        time_coding(coder, warm)  # load pipelines and fill caches before timing anything
        coding, coded = time_coding(coder, corpus, batch_size=args.batch_size)
        full, report = time_ingest(Path(tmp) / "full.duckdb", corpus, coder, args.batch_size)
        replay, _ = time_ingest(Path(tmp) / "replay.duckdb", corpus,
                                ReplayCoder(coded, coder.version), args.batch_size)
        rerun, _ = time_ingest(Path(tmp) / "full.duckdb", corpus, coder, args.batch_size)
        size = (Path(tmp) / "full.duckdb").stat().st_size

    n = args.docs
    result = {
        "documents": n, "batch_size": args.batch_size, "mentions": report.mentions,
        "wire_copies": report.duplicates,
        "coding_only_s": round(coding, 2), "ingest_s": round(full, 2),
        "overhead_s": round(full - coding, 2),
        "overhead_ms_per_doc": round(1000 * (full - coding) / n, 3),
        "overhead_share": round((full - coding) / full, 4),
        "replay_ingest_s": round(replay, 2),
        "replay_ms_per_doc": round(1000 * replay / n, 3),
        "rerun_all_skipped_s": round(rerun, 2), "store_bytes": size,
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
