"""`blocwatch evaluate`: score the coder on hand-coded sentences."""

from __future__ import annotations

import json

import click

from blocwatch.cli import main
from blocwatch.coder import Coder
from blocwatch.evaluate import evaluate, read_gold
from blocwatch.kb import load_kb


@main.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--kb", "kb_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", type=click.Path(dir_okay=False, writable=True),
              help="Write each sentence the coder got wrong here (JSON lines).")
def evaluate_command(gold: tuple[str, ...], kb_file: str | None, errors: str | None) -> None:
    """Precision, recall and F1 of (source, target, type), type, sector and date accuracy.

    GOLD is a blocwatch gold JSONL file or PLOVER_GSR_CAMEO.json.
    """
    coder = Coder(load_kb(kb_file))
    wrong = []
    for path in gold:
        score = evaluate(read_gold(path), coder=coder, gsr=path.endswith(".json"))
        click.echo(json.dumps({"file": click.format_filename(path), **score.summary()}))
        wrong.extend(score.errors)
    if errors:
        with open(errors, "w", encoding="utf-8") as f:
            for row in wrong:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
