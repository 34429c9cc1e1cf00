"""``hadath train ner``: retrain the named-entity model from the shared data."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ..ner.train import (
    ALL_LEXICON_SOURCES,
    EXTRA_CORPORA,
    LEXICON_SOURCES,
    TrainConfig,
    default_shared,
    repo_root,
    train_from_shared,
)
from .main import app

DEFAULT_KIND = "nn"
SILVER = 1200
SILVER2 = 5000
SILVER3 = 10000
SILVER4 = 0
DEFAULT_LM = "packaged"  # the language model in hadath's data folder (BENCHMARKS row 24)
LM_FILE = "models/ner-lm.npz"

train_app = typer.Typer(help="Train hadath's models.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(train_app, name="train")

EPILOG = """Examples:

  hadath train ner --no-dev          (what `make model` runs: the packaged model)

  hadath train ner                   (first a dev run that picks the epoch count)

  hadath train ner --kind crf --out /tmp/ner-crf.zip --seed 1

Reads ANERcorp's training split (and, with --extra, AQMAR and the Wojood
sample) from the shared data folder (default: ../shared beside the
repository), the gazetteers there, the actor knowledge base and the names
database of arabic-name-romanizer (pip install 'hadath[train]', which also
brings torch for the default BiLSTM-CRF). Stem vectors (nn) or word clusters
(crf) are built from the shared news corpus on the first run (several
minutes) and kept in build/ner/. For nn, --silver N (default 1200) first
trains a CRF and a BiLSTM-CRF on the gold data, tags N sampled corpus
articles with both, and keeps the sentences they agree on; --silver2 M
(default 5000) then trains a first student on the gold data and those
sentences, tags M more articles with all three models, and trains the model
on the gold data and the sentences all three agree on; --silver3 K (default
10000) then trains a second student on the gold data and the second round's
sentences, which replaces the first among the teachers for K articles;
--silver4 L (default 0: none) adds a fourth round the same way. The model
(not its teachers) also reads a language model pretrained on the corpus
(--lm; the packaged one is made by scripts/train_ner_lm.py). With --dev (the
default) the last 15% of the training split is held out first and scored;
the ANERcorp test split is never read. The same inputs and seed give the
same model file.
"""


@train_app.command("ner", epilog=EPILOG)
def train_ner(
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Where to write the model (default: the packaged model file).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for shuffling and clustering.")] = 0,
    shared: Annotated[Path | None, typer.Option(
        "--shared", help="The shared data folder (default: ../shared beside the repository).")
    ] = None,
    dev: Annotated[bool, typer.Option(
        "--dev/--no-dev", help="First train without a dev split and report its scores.")
    ] = True,
    extra: Annotated[str, typer.Option(
        "--extra", help=f"Comma-separated extra corpora: {', '.join(EXTRA_CORPORA)}.")] = "",
    kind: Annotated[str, typer.Option(
        "--kind", help="crf, or nn (a BiLSTM-CRF; needs torch to train).")] = DEFAULT_KIND,
    clusters: Annotated[Path | None, typer.Option(
        "--clusters", help="CRF: cluster table to read, or to build when missing.")] = None,
    vectors: Annotated[Path | None, typer.Option(
        "--vectors", help="nn: stem vectors (.npz) to read, or to build when missing.")
    ] = None,
    sources: Annotated[str, typer.Option(
        "--sources",
        help="Comma-separated lexicon sources ('' for none; known: "
             + ", ".join(ALL_LEXICON_SOURCES) + ").")
    ] = ",".join(LEXICON_SOURCES),
    iterations: Annotated[int | None, typer.Option(
        "--iterations", min=1, help="CRF: L-BFGS iterations; nn: epochs.")] = None,
    silver: Annotated[int, typer.Option(
        "--silver", min=0,
        help="nn: self-train on this many corpus articles tagged by two teachers (0: no).")
    ] = SILVER,
    silver2: Annotated[int, typer.Option(
        "--silver2", min=0,
        help="nn: a second round on this many articles tagged by three teachers (0: no).")
    ] = SILVER2,
    silver3: Annotated[int, typer.Option(
        "--silver3", min=0,
        help="nn: a third round on this many articles, the second student a teacher (0: no).")
    ] = SILVER3,
    silver4: Annotated[int, typer.Option(
        "--silver4", min=0,
        help="nn: a fourth round on this many articles, the third student a teacher (0: no).")
    ] = SILVER4,
    lm: Annotated[str, typer.Option(
        "--lm", help="nn: a pretrained language model (.npz) the model reads; 'packaged' "
                     "(the default) is hadath's own (scripts/train_ner_lm.py), 'none' none.")
    ] = DEFAULT_LM,
    networks: Annotated[int | None, typer.Option(
        "--networks", min=1, help="nn: an ensemble of this many networks trained alike "
                                  "(successive seeds; default: the recipe's).")] = None,
) -> None:
    """Train the named-entity model (PER, ORG, LOC; MISC internally) and write it."""
    extras = _csv(extra)
    unknown = [e for e in extras if e not in EXTRA_CORPORA]
    if unknown:
        raise typer.BadParameter(f"unknown corpus {unknown[0]!r}; known: "
                                 f"{', '.join(EXTRA_CORPORA)}", param_hint="--extra")
    lexicon_sources = _csv(sources)
    bad = [s for s in lexicon_sources if s not in ALL_LEXICON_SOURCES]
    if bad:
        raise typer.BadParameter(f"unknown source {bad[0]!r}; known: "
                                 f"{', '.join(ALL_LEXICON_SOURCES)}", param_hint="--sources")
    if kind not in ("crf", "nn"):
        raise typer.BadParameter(f"{kind!r} is not crf or nn", param_hint="--kind")
    target = out if out is not None else (
        repo_root() / "src" / "hadath" / "data" / "models" / "ner.zip")
    config = TrainConfig(seed=seed, extra=extras)
    nn_config = None
    if iterations is not None:
        config = replace(config, max_iterations=iterations)
    if kind == "nn":
        from ..ner.train_neural import NeuralConfig

        nn_config = NeuralConfig(seed=seed)
        if iterations is not None:
            nn_config = replace(nn_config, epochs=iterations)
        if networks is not None:
            nn_config = replace(nn_config, networks=networks)
    lm_file: Path | None = None
    if kind == "nn" and lm not in ("none", ""):
        from ..resources import data_path

        lm_file = data_path(LM_FILE) if lm == "packaged" else Path(lm)
    result = train_from_shared(shared if shared is not None else default_shared(), out=target,
                               kind=kind, config=config, nn_config=nn_config,
                               dev_fraction=0.15 if dev else 0.0, clusters=clusters,
                               vectors=vectors, lexicon_sources=lexicon_sources,
                               silver=silver, silver2=silver2, silver3=silver3,
                               silver4=silver4,  # (train_from_shared: nn only, in order)
                               lm=lm_file,
                               log=lambda m: typer.echo(m, err=True))
    summary = {"model": str(result.path), "seconds": round(result.seconds)}
    if result.dev is not None:
        summary["dev_f1"] = result.dev["entities"]["micro"]["f1"]
        summary["dev_f1_with_misc"] = result.dev["all_types"]["micro"]["f1"]
    typer.echo(json.dumps(summary))


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())
