"""Accuracy of the coder on every evaluation set, as a markdown table for BENCHMARKS.md.

Run:  .venv/bin/python -m benchmarks.bench_accuracy [PLOVER_GSR_CAMEO.json]
The held-out sets (benchmarks/gold) are never used to tune the coder; the dev sets
(tests/data/dev) are. The PLOVER gold-standard records are scored when their path is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

from blocwatch.coder import Coder
from blocwatch.evaluate import evaluate, read_gold

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ("English held-out", ROOT / "benchmarks/gold/en_heldout.jsonl"),
    ("Spanish held-out", ROOT / "benchmarks/gold/es_heldout.jsonl"),
    ("English dev (tuned on)", ROOT / "tests/data/dev/en_dev.jsonl"),
    ("Spanish dev (tuned on)", ROOT / "tests/data/dev/es_dev.jsonl"),
    ("English dev 2 (tuned on)", ROOT / "tests/data/dev/en_dev2.jsonl"),
    ("Spanish dev 2 (tuned on)", ROOT / "tests/data/dev/es_dev2.jsonl"),
    ("English dev 3 (tuned on)", ROOT / "tests/data/dev/en_dev3.jsonl"),
    ("Spanish dev 3 (tuned on)", ROOT / "tests/data/dev/es_dev3.jsonl"),
    ("English dev 4 (tuned on)", ROOT / "tests/data/dev/en_dev4.jsonl"),
    ("Spanish dev 4 (tuned on)", ROOT / "tests/data/dev/es_dev4.jsonl"),
]


def main() -> None:
    sets = [(name, path) for name, path in SETS if path.exists()]
    if len(sys.argv) > 1:
        sets.append(("PLOVER GSR (CAMEO manual)", Path(sys.argv[1])))
    coder = Coder()
    print("| set | sentences | gold events | predicted | precision | recall | F1 | type acc. |"
          " sector acc. | date acc. | no-event items clean |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, path in sets:
        s = evaluate(read_gold(path), coder=coder, gsr=path.suffix == ".json").summary()
        print(f"| {name} | {s['items']} | {s['gold_events']} | {s['predicted_events']} | "
              f"{s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
              f"{s['type_accuracy']} | {s['sector_accuracy']} | {s['date_accuracy']} | "
              f"{s['no_event_items_clean']} |")


if __name__ == "__main__":
    main()
