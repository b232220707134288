"""Coder speed and memory on this machine, beside bare spaCy on the same sentences.

Run:  .venv/bin/python -m benchmarks.bench_speed [--sentences 10000] [--lang en|es] [--stream]
Prints a markdown table for BENCHMARKS.md. Each rate is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.corpus import documents
from blocwatch.coder import Coder
from blocwatch.coder.sentences import split_sentences
from blocwatch.lang.base import get_language


def _coder_rate(n: int, lang: str) -> tuple[float, int, int]:
    coder = Coder()
    docs = list(documents(n, es_share=1.0 if lang == "es" else 0.0))
    coder.code(docs[0])  # load the parser before timing
    coder.stats = {"sentences": 0, "parsed": 0}
    start = time.perf_counter()
    events = sum(len(ev) for _, ev in coder.code_many(docs))
    seconds = time.perf_counter() - start
    return coder.stats["sentences"] / seconds, coder.stats["parsed"], events


def _spacy_rate(n: int, lang: str) -> float:
    nlp = get_language(lang).nlp()
    sents = [d.text[s:e] for d in documents(n, es_share=1.0 if lang == "es" else 0.0)
             for s, e in split_sentences(d.text)]
    list(nlp.pipe(sents[:50]))
    start = time.perf_counter()
    for _ in nlp.pipe(sents, batch_size=64):
        pass
    return len(sents) / (time.perf_counter() - start)


def _worker(args: tuple[int, str, int]) -> tuple[int, float]:
    n, lang, seed = args
    coder = Coder()
    docs = list(documents(n, seed=seed, es_share=1.0 if lang == "es" else 0.0))
    coder.code(docs[0])
    start = time.perf_counter()
    for _ in coder.code_many(docs):
        pass
    return coder.stats["sentences"], time.perf_counter() - start


def _two_process_rate(n: int, lang: str) -> float:
    with mp.get_context("spawn").Pool(2) as pool:
        results = pool.map(_worker, [(n // 2, lang, 1), (n // 2, lang, 2)])
    return sum(r[0] for r in results) / max(r[1] for r in results)


def _stream_peak_mb(n_docs: int, lang: str, tmp: Path) -> float:
    """Peak RSS of `blocwatch code` over a JSONL file of n_docs documents (a fresh process)."""
    path = tmp / f"stream-{n_docs}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for doc in documents(n_docs * 5, es_share=1.0 if lang == "es" else 0.0, per_doc=5):
            f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    proc = psutil.Popen([sys.executable, "-m", "blocwatch", "code", str(path), "--out",
                         os.devnull], stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.2)
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stream", action="store_true",
                        help="Also measure peak memory of `blocwatch code` on growing input.")
    args = parser.parse_args()
    coder_runs = [_coder_rate(args.sentences, args.lang) for _ in range(args.repeat)]
    spacy_runs = [_spacy_rate(args.sentences, args.lang) for _ in range(args.repeat)]
    two = _two_process_rate(args.sentences, args.lang)
    coder_rate = statistics.median(r[0] for r in coder_runs)
    spacy_rate = statistics.median(spacy_runs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    parsed = coder_runs[0][1]
    print(f"| measure ({args.lang}, {args.sentences} sentences) | value |")
    print("|---|---|")
    print(f"| coder, 1 process, sentences/s (median of {args.repeat}) | {coder_rate:,.0f} |")
    print(f"| coder, 2 processes, sentences/s | {two:,.0f} |")
    print(f"| bare spaCy parse of every sentence, 1 process, sentences/s | {spacy_rate:,.0f} |")
    print(f"| coder / bare spaCy (1 process) | {coder_rate / spacy_rate:.2f} |")
    print(f"| sentences parsed by the coder | {parsed} of {args.sentences} "
          f"({parsed / args.sentences:.0%}) |")
    print(f"| events | {coder_runs[0][2]} |")
    print(f"| peak RSS, main process / largest worker, MB | {peak_mb:,.0f} / {child_mb:,.0f} |")
    if args.stream:
        with tempfile.TemporaryDirectory() as tmp:
            small = _stream_peak_mb(2_000, args.lang, Path(tmp))
            large = _stream_peak_mb(20_000, args.lang, Path(tmp))
        print(f"| `blocwatch code` peak RSS on 10,000 / 100,000 sentences of JSONL, MB | "
              f"{small:,.0f} / {large:,.0f} |")


if __name__ == "__main__":
    main()
