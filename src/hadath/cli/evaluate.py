"""``hadath eval ner``: exact-span scores of the NER model on a CoNLL file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..ner.corpora import read_conll
from ..ner.evaluate import SCORED_TYPES, evaluate
from ..ner.tagger import default_model, load_model
from .main import app

DOC_SIZE = 20

eval_app = typer.Typer(help="Score hadath's models on annotated data.", no_args_is_help=True,
                       rich_markup_mode=None)
app.add_typer(eval_app, name="eval")

EPILOG = """Examples:

  hadath eval ner ../shared/data/ner/anercorp/ANERCorp_CamelLab_test.txt

  hadath eval ner test.txt --json --types PER,ORG,LOC,MISC

FILE holds 'token TAG' lines (CoNLL, BIO tags; B-PERS or B-PER, ORG, LOC,
MISC), a blank line between sentences. An entity counts only when its type
and both boundaries are right. By default PER, ORG and LOC are scored and
MISC is ignored on both sides. As in the pipeline, where a whole article is
tagged at once and names are made consistent across its sentences, blocks
of --doc-size consecutive sentences are tagged together (ANERcorp keeps
articles in order but does not mark their ends); --doc-size 1 tags each
sentence alone. Speed is measured in this one process (single-threaded), feature
extraction included, caches cold.
"""


@eval_app.command("ner", epilog=EPILOG)
def eval_ner(
    file: Annotated[Path, typer.Argument(help="CoNLL file with gold tags.", exists=True,
                                         dir_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[Path | None, typer.Option(
        "--model", "-m", help="A model file instead of the packaged one.")] = None,
    types: Annotated[str, typer.Option(
        "--types", help="Comma-separated entity types to score.")] = ",".join(SCORED_TYPES),
    doc_size: Annotated[int, typer.Option(
        "--doc-size", min=1,
        help="Tag blocks of this many sentences as one document (1: each alone).")
    ] = DOC_SIZE,
) -> None:
    """Precision, recall and F1 of the NER model, per type and micro-averaged."""
    kinds = tuple(t.strip().upper() for t in types.split(",") if t.strip())
    if not kinds:
        raise typer.BadParameter("no types given", param_hint="--types")
    sentences = read_conll(file)
    tagger = load_model(model) if model is not None else default_model()
    report = evaluate(tagger, sentences, kinds, doc_size=doc_size)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{'type':<6} {'precision':>9} {'recall':>7} {'f1':>7} {'gold':>6} {'pred':>6}")
    rows = [*report.per_type.items(), ("micro", report.micro)]
    for name, s in rows:
        typer.echo(f"{name:<6} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f} "
                   f"{s.tp + s.fn:>6} {s.tp + s.fp:>6}")
    tps = report.tokens_per_second or 0.0
    typer.echo(f"{report.tokens:,} tokens in {report.sentences:,} sentences; "
               f"{tps:,.0f} tokens/s")
