"""Training the NER model: one reproducible function behind ``hadath train ner``.

Two kinds of model: ``nn``, the BiLSTM-CRF of :mod:`.neural` (trained with
torch by :mod:`.train_neural`; the packaged model), and ``crf``, a CRFsuite
model over the features of :mod:`.features`.

Data (under the shared folder, ``../shared`` beside the repository):

* ``data/ner/anercorp/ANERCorp_CamelLab_train.txt`` — the training split.
  Its last ``dev_fraction`` of sentences (a contiguous block, like the
  test split, which is the corpus's last sixth) is the **dev** split for
  tuning; the final model is trained on the whole training split.
* ``data/ner/aqmar/`` and ``data/ner/wojood-sample/`` — optional extra
  training data (``extra=("aqmar", "wojood")``).

The ANERcorp **test** split is never read here.

The lexicon (word lists, phrases and word clusters) comes from
:mod:`hadath.ner.lexicon` and is stored inside the model. Training is
deterministic: the same data, lexicon, parameters and seed give a
byte-identical model file.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from .. import __version__
from ..errors import InputNotFound
from .corpora import Sentence, read_conll, read_wojood
from .features import DEFAULT_GROUPS, Featurizer, Lexicon
from .tagger import FORMAT, CrfModel, NerModel

__all__ = ["ALL_LEXICON_SOURCES", "ANERCORP_TEST", "ANERCORP_TRAIN", "TrainConfig",
           "TrainResult", "default_shared", "load_training_data", "split_dev", "train",
           "train_from_shared"]

ANERCORP_TRAIN = "data/ner/anercorp/ANERCorp_CamelLab_train.txt"
ANERCORP_TEST = "data/ner/anercorp/ANERCorp_CamelLab_test.txt"
AQMAR = "data/ner/aqmar/AQMAR_Arabic_NER_corpus-1.0.txt"
WOJOOD = ("data/ner/wojood-sample/train.txt", "data/ner/wojood-sample/val.txt",
          "data/ner/wojood-sample/test.txt")
EXTRA_CORPORA = ("aqmar", "wojood")
LEXICON_SOURCES = ("kb", "names_db", "arabic_names", "cities")  # the default
# Every known source: the default ones and "orgs" (mined organisation names; not in
# the packaged model: no clear gain, see BENCHMARKS.md).
ALL_LEXICON_SOURCES = (*LEXICON_SOURCES, "orgs")
# Sources the silver data's teachers do without (the student alone sees them).
STUDENT_ONLY_SOURCES = ("orgs",)
SECOND_ROUND_RATE = 0.5  # share of the corpus the second round's larger sample draws


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Everything that decides the trained model."""

    groups: tuple[str, ...] = DEFAULT_GROUPS
    window: int = 2
    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 150
    min_freq: int = 1
    extra: tuple[str, ...] = ()
    seed: int = 0
    labels: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"groups": list(self.groups), "window": self.window, "c1": self.c1,
                "c2": self.c2, "max_iterations": self.max_iterations,
                "min_freq": self.min_freq, "extra": list(self.extra), "seed": self.seed,
                "labels": list(self.labels), "params": dict(self.params)}


def _need(path: Path) -> Path:
    if not path.is_file():
        raise InputNotFound(f"training data not found: {path}", input=str(path))
    return path


def split_dev(sentences: Sequence[Sentence], fraction: float) -> tuple[list[Sentence],
                                                                       list[Sentence]]:
    """(train, dev): dev is the last ``fraction`` of the sentences, by tokens."""
    total = sum(len(t) for t, _ in sentences)
    cut = len(sentences)
    seen = 0
    for i, (toks, _) in enumerate(sentences):
        seen += len(toks)
        if seen >= total * (1 - fraction):
            cut = i + 1
            break
    return list(sentences[:cut]), list(sentences[cut:])


def load_training_data(shared: str | Path, extra: Sequence[str] = (),
                       dev_fraction: float = 0.0) -> tuple[list[Sentence], list[Sentence],
                                                           list[Sentence]]:
    """(ANERcorp train part, ANERcorp dev part, extra corpora) from the shared folder."""
    shared = Path(shared)
    aner = read_conll(_need(shared / ANERCORP_TRAIN))
    train_part, dev_part = split_dev(aner, dev_fraction) if dev_fraction else (aner, [])
    more: list[Sentence] = []
    for name in extra:
        if name == "aqmar":
            more += read_conll(_need(shared / AQMAR))
        elif name == "wojood":
            for rel in WOJOOD:
                more += read_wojood(_need(shared / rel))
        else:
            raise ValueError(f"unknown extra corpus {name!r}; known: {EXTRA_CORPORA}")
    return train_part, dev_part, more


def _restrict(tags: Sequence[str], labels: Sequence[str]) -> list[str]:
    return [t if t == "O" or t[2:] in labels else "O" for t in tags]


def train(sentences: Sequence[Sentence], lexicon: Lexicon | None = None,
          config: TrainConfig | None = None, meta: Mapping[str, Any] | None = None) -> CrfModel:
    """Train a CRF on ``sentences`` (each ``(tokens, BIO tags)``) and return the model."""
    config = config or TrainConfig()
    lexicon = lexicon or Lexicon()
    featurizer = Featurizer(lexicon, groups=config.groups, window=config.window)
    order = list(range(len(sentences)))
    random.Random(config.seed).shuffle(order)
    trainer = pycrfsuite.Trainer(verbose=False)
    for i in order:
        tokens, tags = sentences[i]
        if tokens:
            trainer.append(featurizer.sentence(tokens), _restrict(tags, config.labels))
    params: dict[str, Any] = {"c1": config.c1, "c2": config.c2,
                              "max_iterations": config.max_iterations,
                              "feature.minfreq": config.min_freq,
                              "feature.possible_transitions": True}
    params.update(config.params)
    trainer.set_params(params)
    with tempfile.TemporaryDirectory(prefix="hadath-ner-") as tmp:
        path = Path(tmp) / "crf.bin"
        trainer.train(str(path))
        crf = path.read_bytes()
    info = {"format": FORMAT, "hadath": __version__, "groups": list(config.groups),
            "window": config.window, "config": config.to_dict(),
            "train_sentences": len(sentences),
            "train_tokens": sum(len(t) for t, _ in sentences)}
    info.update(meta or {})
    return CrfModel(crf, lexicon, info)


def repo_root() -> Path:
    """The source checkout hadath runs from (editable install), else the working directory."""
    here = Path(__file__).resolve().parents[3]
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def default_shared() -> Path:
    """``../shared`` beside the repository."""
    return repo_root().parent / "shared"


@dataclass(slots=True)
class TrainResult:
    """What :func:`train_from_shared` made: the model, where it went, and its dev scores."""

    model: NerModel
    path: Path | None
    dev: dict[str, Any] | None
    seconds: float


def _cache_dir() -> Path:
    return repo_root() / "build" / "ner"


def _corpus_stems_cached(shared: Path, say: Callable[[str], None]) -> list[list[str]]:
    """The stems of every article of the shared news corpus (cached in build/ner/)."""
    import gzip

    from .clusters import CORPUS, corpus_stems

    cache = _cache_dir() / "stems.txt.gz"
    if not cache.is_file():
        say(f"corpus: analysing {shared / CORPUS} (a few minutes)")
        cache.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(cache, "wt", encoding="utf-8") as f:
            for stems in corpus_stems(_need(shared / CORPUS)):
                f.write(" ".join(w.replace(" ", "_") for w in stems) + "\n")
    with gzip.open(cache, "rt", encoding="utf-8") as f:
        return [line.split() for line in f]


def get_clusters(shared: Path, path: str | Path | None, seed: int,
                 say: Callable[[str], None]) -> dict[str, str]:
    """The cluster table at ``path`` (default build/ner/clusters.tsv.gz), built when missing."""
    from .clusters import build_clusters, read_clusters, write_clusters

    cpath = Path(path) if path is not None else _cache_dir() / "clusters.tsv.gz"
    if cpath.is_file():
        say(f"clusters: reading {cpath}")
        return read_clusters(cpath)
    table = build_clusters(_corpus_stems_cached(shared, say), seed=seed)
    write_clusters(table, cpath, "ANT corpus v2.1")
    say(f"clusters: {len(table):,} stems written to {cpath}")
    return table


def get_vectors(shared: Path, path: str | Path | None, seed: int, size: int,
                say: Callable[[str], None]) -> tuple[list[str], Any]:
    """(stems, vectors) at ``path`` (default build/ner/vectors.npz), built when missing."""
    import numpy as np

    from .clusters import embed

    vpath = Path(path) if path is not None else _cache_dir() / "vectors.npz"
    if not vpath.is_file():
        say("vectors: building from the corpus")
        vocab, vecs = embed(_corpus_stems_cached(shared, say), vocab_size=60_000, seed=seed)
        np.savez_compressed(vpath, vocab=np.array(vocab), vecs=vecs.astype(np.float32))
    with np.load(vpath) as z:
        return [str(w) for w in z["vocab"][:size]], z["vecs"][:size]


def train_from_shared(shared: str | Path | None = None, *, out: str | Path | None = None,
                      kind: str = "crf", config: TrainConfig | None = None,
                      nn_config: Any = None, dev_fraction: float = 0.15,
                      clusters: str | Path | None = None, vectors: str | Path | None = None,
                      lexicon_sources: Sequence[str] = LEXICON_SOURCES, silver: int = 0,
                      silver2: int = 0, silver3: int = 0, silver4: int = 0,
                      lm: str | Path | None = None,
                      log: Callable[[str], None] | None = None) -> TrainResult:
    """The whole recipe behind ``hadath train ner``.

    1. Corpus resources (kept in ``build/ner/`` of the repository, built
       from the shared news corpus when missing): word clusters for the CRF
       (``clusters``), stem vectors for the neural tagger (``vectors``).
    2. The lexicon from ``lexicon_sources`` (plus the clusters).
    3. With ``dev_fraction`` > 0: a model trained without the last part of
       ANERcorp's training split and scored on it (the scores go into the
       final model's metadata); for the neural tagger this also picks the
       number of epochs.
    4. The final model, trained on the whole training split (and the extra
       corpora of ``config.extra``), written to ``out`` when given.

    ``kind`` is ``"crf"`` or ``"nn"`` (needs torch). For ``nn`` with
    ``silver`` > 0, a CRF and a BiLSTM-CRF are first trained on the gold data
    (``nn_config.teacher_epochs``), they tag ``silver`` articles of the news
    corpus (:mod:`.silver`), and the model is trained on the gold sentences
    plus the sentences both taggers agree on. The teachers' lexicon leaves
    out :data:`STUDENT_ONLY_SOURCES` (the mined organisation names, added
    after the teachers were fixed: the silver data stays what it was).
    With ``silver2`` > 0 there is a second round: a first student, trained
    on the gold data and that silver data
    (``nn_config.first_student_epochs``), joins the two teachers; the three
    tag ``silver2`` more articles (a larger sample), and the model is trained
    on the gold sentences plus the sentences all three agree on. With
    ``silver3`` > 0 there is a third round: a second student, trained on the
    gold data and the second round's silver data
    (``nn_config.second_student_epochs``), takes the first student's place
    among the teachers; the three tag ``silver3`` articles (the same seeded
    sample, larger), and the model is trained on the gold sentences plus the
    sentences they all agree on. ``silver4`` > 0 adds a fourth round the same
    way: the third student (``nn_config.third_student_epochs``) takes the
    second's place, and the three tag ``silver4`` articles. ``lm``, for
    ``nn``: a pretrained language model file (:mod:`.lm`) whose states the
    model (its dev and final runs; not the teachers) reads.
    """
    import time

    from .evaluate import evaluate
    from .lexicon import build_lexicon

    say = log or (lambda _msg: None)
    start = time.perf_counter()
    config = config or TrainConfig()
    if kind not in ("crf", "nn"):
        raise ValueError(f"unknown model kind {kind!r}; known: crf, nn")
    shared = Path(shared) if shared is not None else default_shared()
    table = (get_clusters(shared, clusters, config.seed, say)
             if (kind == "crf" or silver) and "clusters" in config.groups else None)
    lexicon = build_lexicon(shared, sources=lexicon_sources, clusters=table)
    say(f"lexicon: {len(lexicon.words):,} words, {len(lexicon.phrases):,} phrases, "
        f"{len(lexicon.clusters):,} clustered stems")
    crf_lexicon = lexicon
    teacher_lexicon: Lexicon | None = None
    if kind == "nn" and silver:
        teacher_sources = [s for s in lexicon_sources if s not in STUDENT_ONLY_SOURCES]
        if len(teacher_sources) < len(lexicon_sources):
            crf_lexicon = build_lexicon(shared, sources=teacher_sources, clusters=table)
            teacher_lexicon = Lexicon(crf_lexicon.words, crf_lexicon.phrases, {},
                                      crf_lexicon.max_phrase)
    if kind == "nn" and lexicon.clusters:  # the clusters serve the CRF teacher only
        lexicon = Lexicon(lexicon.words, lexicon.phrases, {}, lexicon.max_phrase)
    train_part, dev_part, more = load_training_data(shared, config.extra, dev_fraction)
    meta: dict[str, Any] = {"data": ["anercorp-train", *config.extra],
                            "lexicon_sources": list(lexicon_sources)}
    dev: dict[str, Any] | None = None
    everything = train_part + dev_part + more
    model: NerModel
    if kind == "crf":
        if dev_part:
            say(f"dev: training on {len(train_part) + len(more):,} sentences, "
                f"scoring {len(dev_part):,}")
            trial = train(train_part + more, lexicon, config)
            dev = _dev_report(evaluate, trial, dev_part, dev_fraction)
            say(f"dev: micro F1 {dev['entities']['micro']['f1']:.4f} (PER/ORG/LOC), "
                f"{dev['all_types']['micro']['f1']:.4f} (with MISC)")
            meta["dev"] = dev
        say(f"final: training on {len(everything):,} sentences")
        model = train(everything, lexicon, config, meta)
    else:
        teach = (_Teachers(shared, crf_lexicon, config, silver, say, teacher_lexicon, silver2,
                           silver3 if silver2 else 0, silver4 if silver2 and silver3 else 0)
                 if silver else None)
        model, dev = _train_nn(shared, lexicon, train_part + more, dev_part, everything,
                               nn_config, vectors, dev_fraction, meta, say, teach, lm)
    path = model.save(out) if out is not None else None
    if path is not None:
        say(f"model: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return TrainResult(model, path, dev, time.perf_counter() - start)


def _dev_report(evaluate: Callable[..., Any], model: Any, dev_part: Sequence[Sentence],
                fraction: float) -> dict[str, Any]:
    return {"entities": evaluate(model, dev_part).to_dict(),
            "all_types": evaluate(model, dev_part, ("PER", "ORG", "LOC", "MISC")).to_dict(),
            "fraction": fraction}


@dataclass(slots=True)
class _Teachers:
    """Makes silver data: trains the two teachers on gold data, tags the corpus with them."""

    shared: Path
    crf_lexicon: Lexicon
    crf_config: TrainConfig
    n_docs: int
    say: Callable[[str], None]
    nn_lexicon: Lexicon | None = None
    """The BiLSTM-CRF teacher's lexicon, when not the student's."""
    second_round: int = 0
    """Articles of the second round (0: one round)."""
    third_round: int = 0
    """Articles of the third round (0: at most two rounds)."""
    fourth_round: int = 0
    """Articles of the fourth round (0: at most three rounds)."""

    def silver(self, gold: list[Sentence], lexicon: Lexicon, stems: list[str], vecs: Any,
               cfg: Any) -> list[Sentence]:
        from dataclasses import replace

        from .clusters import CORPUS
        from .silver import silver_sentences
        from .tagger import NN_FORMAT, NeuralModel
        from .train_neural import LABELS, train_neural

        self.say(f"silver: training the CRF teacher on {len(gold):,} sentences")
        crf = train(gold, self.crf_lexicon, self.crf_config)
        self.say(f"silver: training the BiLSTM-CRF teacher ({cfg.teacher_epochs} epochs)")
        net, weights, _ = train_neural(gold, self.nn_lexicon or lexicon, stems, vecs,
                                       replace(cfg, epochs=cfg.teacher_epochs, networks=1),
                                       log=self.say)
        nn = NeuralModel(net, weights, {"format": NN_FORMAT, "labels": list(LABELS)})
        corpus = _need(self.shared / CORPUS)
        sents = silver_sentences(corpus, (crf, nn), n_docs=self.n_docs, seed=cfg.seed)
        self.say(f"silver: {len(sents):,} sentences from {self.n_docs:,} articles")
        # Later rounds: a student of the last round's silver data joins the two teachers
        # (the first student in the second round, the second in place of it in the third,
        # the third in the fourth).
        later = ((self.second_round, cfg.first_student_epochs),
                 (self.third_round, cfg.second_student_epochs),
                 (self.fourth_round, cfg.third_student_epochs))
        for n, (n_docs, epochs) in enumerate(later, start=2):
            if not n_docs:
                break
            self.say(f"silver: training the round-{n - 1} student ({epochs} epochs)")
            net, weights, _ = train_neural(gold + sents, lexicon, stems, vecs,
                                           replace(cfg, epochs=epochs, networks=1),
                                           log=self.say)
            student = NeuralModel(net, weights, {"format": NN_FORMAT, "labels": list(LABELS)})
            sents = silver_sentences(corpus, (crf, nn, student), n_docs=n_docs,
                                     seed=cfg.seed, rate=SECOND_ROUND_RATE)
            self.say(f"silver: {len(sents):,} sentences from {n_docs:,} articles "
                     f"(round {n}, three teachers)")
        return sents


def _train_nn(shared: Path, lexicon: Lexicon, train_part: list[Sentence],
              dev_part: list[Sentence], everything: list[Sentence], nn_config: Any,
              vectors: str | Path | None, dev_fraction: float, meta: dict[str, Any],
              say: Callable[[str], None], teachers: _Teachers | None = None,
              lm: str | Path | None = None) -> tuple[NerModel, dict[str, Any] | None]:
    from dataclasses import replace

    from .evaluate import evaluate
    from .tagger import NN_FORMAT, NeuralModel
    from .train_neural import LABELS, NeuralConfig, train_neural

    cfg: NeuralConfig = nn_config or NeuralConfig()
    stems, vecs = get_vectors(shared, vectors, cfg.seed, cfg.vocab, say)
    dev: dict[str, Any] | None = None
    with_lm: dict[str, Any] = {}
    if lm is not None:
        from .lm import load_lm

        lm_weights, lm_prefixes, lm_meta = load_lm(lm)
        with_lm = {"lm": lm_weights, "lm_prefixes": lm_prefixes}
        meta["lm"] = {"file": Path(lm).name, "hidden": lm_meta.get("hidden"),
                      "tokens": lm_meta.get("tokens")}
        say(f"language model: {lm} ({lm_meta.get('hidden')} units each way)")
    if teachers is not None:
        meta["silver_articles"] = teachers.n_docs
        if teachers.second_round:
            meta["silver_articles_second_round"] = teachers.second_round
        if teachers.third_round:
            meta["silver_articles_third_round"] = teachers.third_round
        if teachers.fourth_round:
            meta["silver_articles_fourth_round"] = teachers.fourth_round
    if dev_part:
        extra = (teachers.silver(train_part, lexicon, stems, vecs, cfg)
                 if teachers is not None else [])
        say(f"dev: training on {len(train_part) + len(extra):,} sentences, "
            f"scoring {len(dev_part):,}")
        net, weights, history = train_neural(train_part + extra, lexicon, stems, vecs, cfg,
                                             dev=dev_part, log=say, **with_lm)
        best = max((h for h in history if "dev_f1" in h), key=lambda h: h["dev_f1"])
        dev = _dev_report(evaluate, net, dev_part, dev_fraction)
        dev["epochs"] = best["epoch"]
        dev["history"] = history
        meta["dev"] = dev
        cfg = replace(cfg, epochs=best["epoch"])
        say(f"dev: micro F1 {dev['entities']['micro']['f1']:.4f} after {best['epoch']} epochs")
    extra = (teachers.silver(everything, lexicon, stems, vecs, cfg)
             if teachers is not None else [])
    data = everything + extra
    say(f"final: training on {len(data):,} sentences for {cfg.epochs} epochs")
    net, weights, _ = train_neural(data, lexicon, stems, vecs, cfg, log=say, **with_lm)
    meta.update({"format": NN_FORMAT, "hadath": __version__, "labels": list(LABELS),
                 "config": cfg.to_dict(), "train_sentences": len(everything),
                 "train_tokens": sum(len(t) for t, _ in everything),
                 "silver_sentences": len(extra)})
    return NeuralModel(net, weights, meta), dev
