"""Dask engine throughput: one local worker against two, and what GDELT's volume would need.

Writes a synthetic corpus (`benchmarks/corpus.py`, seeded) of N short documents to JSON Lines,
then for each worker count starts a local cluster, warms its workers up (coder, pipelines,
lexicons: a one-off cost per worker, reported apart), and times `code_with_dask` over the corpus
`--repeat` times into a fresh folder each time. Prints a markdown table with the median and the
speed-up, and a capacity estimate from the measured per-worker rate.

    python benchmarks/bench_dask.py [--docs 20000] [--per-doc 3] [--repeat 3] [--out result.json]

Run it on an otherwise idle machine: other processes on the same cores distort the ratio.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import documents
from blocwatch.scale import code_with_dask
from blocwatch.scale.worker import CodeOptions, warm_up

ROOT = Path(__file__).resolve().parents[1]

#: Assumptions of the capacity estimate (stated in the output and in docs/CLUSTER.md).
GDELT_ARTICLES_PER_DAY = 250_000
WORDS_PER_ARTICLE = 550  # an average news article
PEAK_FACTOR = 2.0  # news arrives unevenly over the day; size for twice the mean rate


def write_corpus(path: Path, *, docs: int, per_doc: int, es_share: float) -> int:
    """The corpus as JSON Lines; returns the number of sentences."""
    with open(path, "w", encoding="utf-8") as sink:
        for doc in documents(docs * per_doc, per_doc=per_doc, es_share=es_share):
            record = {"id": doc.id, "text": doc.text, "lang": doc.lang,
                      "date": doc.date.isoformat() if doc.date else None}
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return docs * per_doc


def measure(corpus: Path, *, workers: int, repeat: int, partition_size: int) -> dict[str, Any]:
    import distributed

    started = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    try:
        client.run(warm_up, CodeOptions())
        setup = time.perf_counter() - started
        times, events = [], 0
        for run in range(repeat):
            with tempfile.TemporaryDirectory(prefix="bench-dask-") as out:
                report = code_with_dask([str(corpus)], out_dir=out, client=client,
                                        partition_size=partition_size)
            if report.failed:
                raise SystemExit(f"partitions failed: {report.failed}")
            times.append(report.seconds)
            events = report.events
            print(f"  {workers} worker(s), run {run + 1}: {report.seconds:.1f} s, "
                  f"{report.documents:,} documents, {report.events:,} events", file=sys.stderr)
    finally:
        client.close()
        cluster.close()
    return {"workers": workers, "times": times, "median_s": statistics.median(times),
            "setup_s": setup, "events": events}


def in_process(corpus: Path) -> dict[str, float]:
    """The same corpus coded by `Coder.code_many` in this process (no Dask), after a warm-up."""
    from blocwatch.coder import Coder
    from blocwatch.contract import Document
    from blocwatch.read import iter_documents

    docs = [d for d in iter_documents([str(corpus)]) if isinstance(d, Document)]
    coder = Coder()
    list(coder.code_many(docs[:50]))
    started = time.perf_counter()
    for _ in coder.code_many(docs):
        pass
    seconds = time.perf_counter() - started
    words = sum(len(d.text.split()) for d in docs)
    return {"seconds": seconds, "docs_per_s": len(docs) / seconds, "words_per_s": words / seconds}


def real_style_rate(*, rounds: int = 5) -> dict[str, float]:
    """Words/s of `Coder.code_many` in this process on the wire-style articles of `samples/`
    (denser in events, and longer sentences, than the synthetic corpus)."""
    from blocwatch.coder import Coder
    from blocwatch.contract import Document
    from blocwatch.read import iter_documents

    docs = [d for d in iter_documents([str(ROOT / "samples")]) if isinstance(d, Document)]
    coder = Coder()
    list(coder.code_many(docs))
    started = time.perf_counter()
    for k in range(rounds):
        batch = [Document(id=f"{d.id}#{k}", text=d.text, date=d.date, lang=d.lang)
                 for d in docs]
        for _ in coder.code_many(batch):
            pass
    seconds = time.perf_counter() - started
    words = rounds * sum(len(d.text.split()) for d in docs)
    return {"documents": len(docs), "words": words / rounds, "words_per_s": words / seconds}


def capacity(worker_words_per_s: float) -> dict[str, float]:
    per_article = worker_words_per_s / WORDS_PER_ARTICLE
    mean_rate = GDELT_ARTICLES_PER_DAY / 86_400
    return {
        "articles_per_day": GDELT_ARTICLES_PER_DAY,
        "words_per_article": WORDS_PER_ARTICLE,
        "mean_articles_per_s": mean_rate,
        "worker_words_per_s": worker_words_per_s,
        "worker_articles_per_s": per_article,
        "worker_articles_per_day": per_article * 86_400,
        "workers_mean": mean_rate / per_article,
        "workers_peak": PEAK_FACTOR * mean_rate / per_article,
    }


def report(results: list[dict[str, Any]], *, docs: int, sentences: int,
           baseline: dict[str, float]) -> str:
    base = results[0]["median_s"]
    lines = [
        "| workers | runs | median time (s) | documents/s | sentences/s | speed-up vs 1 |"
        " one-off setup (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| none (one process, `Coder.code_many`) | 1 | {baseline['seconds']:.1f} | "
        f"{docs / baseline['seconds']:,.0f} | {sentences / baseline['seconds']:,.0f} | "
        f"{base / baseline['seconds']:.2f}× | |",
    ]
    for r in results:
        lines.append(
            f"| {r['workers']} | {len(r['times'])} | {r['median_s']:.1f} | "
            f"{docs / r['median_s']:,.0f} | {sentences / r['median_s']:,.0f} | "
            f"{base / r['median_s']:.2f}× | {r['setup_s']:.1f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--per-doc", type=int, default=3, help="sentences per document")
    parser.add_argument("--es-share", type=float, default=0.25)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-dask-corpus-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        sentences = write_corpus(corpus, docs=args.docs, per_doc=args.per_doc,
                                 es_share=args.es_share)
        results = [measure(corpus, workers=n, repeat=args.repeat,
                           partition_size=args.partition_size) for n in counts]
        baseline = in_process(corpus)
    real = real_style_rate()
    one = results[0]
    dask_share = (args.docs / one["median_s"] / one["workers"]) / baseline["docs_per_s"]
    estimate = capacity(real["words_per_s"] * dask_share)
    print(f"\n{args.docs:,} documents of {args.per_doc} sentences ({sentences:,} sentences, "
          f"{args.es_share:.0%} Spanish), partitions of {args.partition_size}, "
          f"{os.cpu_count()} CPUs\n")
    print(report(results, docs=args.docs, sentences=sentences, baseline=baseline))
    print(f"\nOne Dask worker runs at {dask_share:.0%} of the in-process rate. On the wire-style "
          f"articles of samples/ ({real['documents']} documents, {real['words']:,.0f} words) one "
          f"process codes {real['words_per_s']:,.0f} words/s, so one worker "
          f"{estimate['worker_words_per_s']:,.0f} words/s.")
    print(f"\nCapacity (assumptions: {GDELT_ARTICLES_PER_DAY:,} articles/day as GDELT's daily "
          f"volume, {WORDS_PER_ARTICLE} words per article, cost proportional to words of "
          f"wire-style text): one worker codes {estimate['worker_articles_per_s']:.1f} "
          f"articles/s = {estimate['worker_articles_per_day']:,.0f} articles/day; the mean rate "
          f"of {estimate['mean_articles_per_s']:.1f} articles/s needs "
          f"{estimate['workers_mean']:.2f} workers, {estimate['workers_peak']:.2f} with a "
          f"{PEAK_FACTOR:.0f}x peak margin.")
    if args.out:
        args.out.write_text(json.dumps({
            "docs": args.docs, "per_doc": args.per_doc, "sentences": sentences,
            "es_share": args.es_share, "cpus": os.cpu_count(), "results": results,
            "in_process": baseline, "real_style": real, "dask_share": dask_share,
            "capacity": estimate}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
