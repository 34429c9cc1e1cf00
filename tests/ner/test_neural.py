"""Training the BiLSTM-CRF with torch: determinism, numpy against torch, ensembles
(the numpy computation itself: test_neural_numpy.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hadath.ner.tagger import NeuralModel, load_model

from .conftest import TINY_LEXICON, tiny_corpus
from .nets import trained

torch = pytest.importorskip("torch")


def test_training_is_deterministic(tiny_nn: tuple[NeuralModel, list[dict[str, float]]]
                                   ) -> None:
    from hadath.ner.train_neural import NeuralConfig, train_neural

    model, _ = tiny_nn
    stems = ["بغداد", "بيروت", "محمد", "وزاره"]
    vecs = np.random.default_rng(0).standard_normal((len(stems), 8)).astype(np.float32)
    cfg = NeuralConfig(epochs=3, hidden=8, word_dim=4, char_dim=4, char_filters=6,
                       flag_dim=4, batch=4)
    _, weights, _ = train_neural(tiny_corpus(), TINY_LEXICON, stems, vecs, cfg)
    for k, v in weights.items():
        assert np.array_equal(v, model._weights[k]), k


@pytest.mark.parametrize("cfg_extra", [
    {"scheme": "BIOES"},
    {"entity_word_dropout": 0.5, "entity_stem_dropout": 0.3},
])
def test_training_variants_learn_and_tag_bio(cfg_extra: dict[str, object]) -> None:
    from dataclasses import replace

    from hadath.ner.evaluate import evaluate
    from hadath.ner.train_neural import NeuralConfig, labels_of, train_neural

    stems = ["بغداد", "بيروت", "محمد", "وزاره"]
    vecs = np.random.default_rng(0).standard_normal((len(stems), 8)).astype(np.float32)
    cfg = replace(NeuralConfig(epochs=30, lr=0.01, hidden=8, word_dim=4, char_dim=4,
                               char_filters=6, flag_dim=4, batch=4),
                  **cfg_extra)  # type: ignore[arg-type]
    net, _, history = train_neural(tiny_corpus(), TINY_LEXICON, stems, vecs, cfg)
    assert net.labels == list(labels_of(cfg.scheme))
    assert history[-1]["numpy_max_abs_diff"] < 1e-4
    model = NeuralModel(net, {}, {})
    tags = {t for s in model.tag_sentences([t for t, _ in tiny_corpus()]) for t in s}
    assert tags <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}
    assert evaluate(model, tiny_corpus()).micro.f1 > 0.9  # it learns its training data


def test_numpy_matches_torch(tiny_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    _, history = tiny_nn
    assert history[-1]["numpy_max_abs_diff"] < 1e-4


def test_language_model_numpy_matches_torch(
        tiny_lm_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    model, history = tiny_lm_nn
    assert model.net.lm is not None and model.net.lm.dim == 6
    # training reads the language model's states rounded to float16
    assert history[-1]["numpy_max_abs_diff"] < 5e-3


def test_language_model_round_trip(
        tiny_lm_nn: tuple[NeuralModel, list[dict[str, float]]], tmp_path: Path) -> None:
    model, _ = tiny_lm_nn
    loaded = load_model(model.save(tmp_path / "nn.zip"))
    assert isinstance(loaded, NeuralModel)
    assert loaded.net.lm is not None
    assert loaded.net.encoder.lm_prefixes == model.net.encoder.lm_prefixes
    sents = [toks for toks, _ in tiny_corpus()]
    assert loaded.tag_sentences(sents) == model.tag_sentences(sents)


@pytest.mark.parametrize(("single", "ens"), [("tiny_nn", "tiny_ens"),
                                             ("tiny_lm_nn", "tiny_lm_ens")])
def test_ensemble_scores_are_its_networks_mean(single: str, ens: str,
                                               request: pytest.FixtureRequest) -> None:
    from hadath.ner.neural import NeuralNet, is_shared, network_weights

    one, _ = request.getfixturevalue(single)
    model, history = request.getfixturevalue(ens)
    assert model.net.networks == 2 and history[-1]["networks"][0][-1]["numpy_max_abs_diff"] < 5e-3
    nets = network_weights(model._weights)
    # the first network is the single model trained with the same seed; the second differs
    assert all(np.array_equal(v, one._weights[k]) for k, v in nets[0].items())
    assert not np.array_equal(nets[0]["out_w"], nets[1]["out_w"])
    assert all(not k.startswith("1/") or not is_shared(k[2:]) for k in model._weights)
    sents = [toks for toks, _ in tiny_corpus()]
    each = [NeuralNet(w, model.net.encoder, model.labels).emissions(sents) for w in nets]
    assert np.allclose(model.net.emissions(sents), np.mean(each, axis=0), atol=1e-5)


def test_ensemble_needs_networks_alike(
        tiny_nn: tuple[NeuralModel, list[dict[str, float]]],
        tiny_lm_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    from hadath.ner.neural import ensemble

    plain, lm = tiny_nn[0]._weights, tiny_lm_nn[0]._weights
    with pytest.raises(ValueError, match="at least one"):
        ensemble([])
    with pytest.raises(ValueError, match="reads a language model"):
        ensemble([plain, lm])
    wider = dict(plain, w_hh_f=np.zeros((40, 10), np.float32))
    with pytest.raises(ValueError, match="'w_hh_f' is"):
        ensemble([plain, wider])
    assert ensemble([plain]) == plain


def test_ensemble_chooses_its_epochs_on_dev() -> None:
    model, history = trained(2, with_lm=False, dev=True)
    epochs = [h for h in history if "epoch" in h]
    assert [h["epoch"] for h in epochs] == [1, 2, 3]
    assert all(h["networks"] == 2 and 0.0 <= h["dev_f1"] <= 1.0 for h in epochs)
    assert len(history[-1]["networks"]) == 2  # each network's own training history
    assert model.net.networks == 2


def test_distillation_pulls_the_network_to_its_teacher(
        random_nn: tuple[NeuralModel, list[dict[str, float]]],
        tiny_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    from hadath.ner.train_neural import teacher_scores

    teacher, _ = random_nn
    sents = [toks for toks, _ in tiny_corpus()]
    target = np.concatenate(teacher_scores(teacher.net, sents)).astype(np.float32)

    def gap(model: NeuralModel) -> float:
        return float(np.mean((np.concatenate(teacher_scores(model.net, sents))
                              .astype(np.float32) - target) ** 2))

    unweighted, _ = trained(1, with_lm=False, teacher=teacher.net, distill=0.0)
    for k, v in unweighted._weights.items():  # weight 0: the plain network
        assert np.array_equal(v, tiny_nn[0]._weights[k]), k
    for networks in (1, 2):
        plain, _ = trained(networks, with_lm=False, epochs=15)
        pulled, _ = trained(networks, with_lm=False, teacher=teacher.net, distill=1.0,
                            epochs=15)
        assert gap(pulled) < 0.8 * gap(plain)


def test_training_goes_on_from_a_trained_network(
        tiny_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    from dataclasses import replace

    from hadath.ner.train_neural import NeuralConfig, train_neural

    from .nets import LM_PREFIXES, STEMS, lm_weights

    model, _ = tiny_nn
    vecs = np.random.default_rng(0).standard_normal((len(STEMS), 8)).astype(np.float32)
    cfg = NeuralConfig(epochs=1, hidden=8, word_dim=4, char_dim=4, char_filters=6,
                       flag_dim=4, batch=4, lr=0.0)
    start = (model.net.encoder, model._weights)
    net, weights, _ = train_neural(tiny_corpus(), TINY_LEXICON, STEMS, vecs, cfg, start=start)
    assert net.encoder is model.net.encoder
    for k, v in model._weights.items():  # nothing learnt: the network it started from
        assert np.allclose(weights[k], v), k
    _, moved, _ = train_neural(tiny_corpus(), TINY_LEXICON, STEMS, vecs,
                               replace(cfg, lr=1e-2), start=start)
    assert not np.allclose(moved["w_hh_f"], model._weights["w_hh_f"])
    with pytest.raises(ValueError, match="single network"):
        train_neural(tiny_corpus(), TINY_LEXICON, STEMS, vecs, replace(cfg, networks=2),
                     start=start)
    with pytest.raises(ValueError, match="another language model"):
        train_neural(tiny_corpus(), TINY_LEXICON, STEMS, vecs, cfg, start=start,
                     lm=lm_weights(), lm_prefixes=LM_PREFIXES)
