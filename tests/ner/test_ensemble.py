"""Ensembles of networks with numpy alone (no torch): built from the shipped model's
weights and a perturbed copy of them (tests/ner/test_neural.py trains real ones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hadath.ner.neural import NeuralNet, ensemble, is_shared, network_weights
from hadath.ner.tagger import NeuralModel, default_model, load_model

SENTENCES = [
    ["استقبل", "الرئيس", "العراقي", "عبد", "اللطيف", "رشيد", "وزير", "الخارجية",
     "الإيراني", "في", "بغداد", "."],
    ["وقال", "المتحدث", "باسم", "الأمم", "المتحدة", "إن", "الوضع", "في", "غزة", "خطير"],
    ["بيروت"],
]


@pytest.fixture(scope="module")
def shipped() -> NeuralModel:
    model = default_model()
    assert isinstance(model, NeuralModel)
    return model


def _other(weights: dict[str, Any], seed: int) -> dict[str, Any]:
    """A second network: the same shapes, every own float array moved a little."""
    rng = np.random.default_rng(seed)
    out = dict(weights)
    for k, v in weights.items():
        if not is_shared(k) and np.asarray(v).dtype.kind == "f":
            a = np.asarray(v, np.float32)
            out[k] = a + rng.normal(0.0, 0.05, a.shape).astype(np.float32)
    return out


def _net(model: NeuralModel, weights: dict[str, Any]) -> NeuralNet:
    return NeuralNet(weights, model.net.encoder, model.labels)


def test_an_ensemble_of_one_network_is_that_network(shipped: NeuralModel) -> None:
    weights = dict(shipped._weights)
    assert ensemble([weights]) == weights
    assert network_weights(weights) == [weights]
    assert shipped.net.networks == 1


def test_ensemble_scores_are_the_mean(shipped: NeuralModel) -> None:
    first = dict(shipped._weights)
    members = [first, _other(first, 1), _other(first, 2)]
    weights = ensemble(members)
    assert all(not k.startswith("1/") or not is_shared(k[2:]) for k in weights)  # stored once
    split = network_weights(weights)
    assert len(split) == 3
    assert all(np.array_equal(split[2][k], members[2][k]) for k in members[2])
    net = _net(shipped, weights)
    assert net.networks == 3
    each = [_net(shipped, w).emissions(SENTENCES) for w in members]
    assert np.allclose(net.emissions(SENTENCES), np.mean(each, axis=0), atol=1e-4)


def test_identical_networks_tag_as_one(shipped: NeuralModel) -> None:
    twice = _net(shipped, ensemble([shipped._weights, shipped._weights]))
    assert twice.tag_sentences(SENTENCES) == shipped.net.tag_sentences(SENTENCES)


def test_ensemble_model_round_trip(shipped: NeuralModel, tmp_path: Path) -> None:
    weights = ensemble([shipped._weights, _other(dict(shipped._weights), 1)])
    model = NeuralModel(_net(shipped, weights), weights, shipped.meta)
    loaded = load_model(model.save(tmp_path / "ens.zip"))
    assert isinstance(loaded, NeuralModel) and loaded.net.networks == 2
    assert loaded.tag_sentences(SENTENCES) == model.tag_sentences(SENTENCES)
    assert loaded.tag_document(SENTENCES) == model.tag_document(SENTENCES)


@pytest.mark.parametrize(("change", "message"), [
    ({"stem_scale": None}, "does not share 'stem_scale'"),
    ({"w_hh_f": (4, 3)}, "'w_hh_f' is"),
    ({"out_w": (9, 5)}, "'out_w' is"),
])
def test_networks_must_be_alike(shipped: NeuralModel, change: dict[str, Any],
                                message: str) -> None:
    first = dict(shipped._weights)
    other = dict(first)
    for k, shape in change.items():
        other[k] = (np.asarray(first[k]) * 2 if shape is None
                    else np.zeros(shape, np.float32))
    with pytest.raises(ValueError, match=message):
        ensemble([first, other])
    with pytest.raises(ValueError, match="at least one"):
        ensemble([])


def test_networks_reading_different_language_models(shipped: NeuralModel) -> None:
    from hadath.ner.lm import is_lm_key

    first = dict(shipped._weights)
    own_lm = _other(first, 3)
    rng = np.random.default_rng(4)
    for k in [k for k in own_lm if is_lm_key(k)]:  # a language model of its own
        a = np.asarray(own_lm[k], np.float32)
        own_lm[k] = a + rng.normal(0.0, 0.05, a.shape).astype(np.float32)
    members = [first, own_lm, _other(first, 5)]  # the third shares the first's
    weights = ensemble(members)
    net = _net(shipped, weights)
    assert net.lm is not None and net.lm.hiddens == [128, 128]
    assert not any(k.startswith("lm2_") for k in weights)
    each = [_net(shipped, w).emissions(SENTENCES) for w in members]
    assert np.allclose(net.emissions(SENTENCES), np.mean(each, axis=0), atol=1e-4)


def test_language_models_of_other_sizes_and_parts(
        random_lm_nn: tuple[NeuralModel, list[Any]],
        random_lm2_ens: tuple[NeuralModel, list[Any]]) -> None:
    one, _ = random_lm_nn  # a language model of hidden 3
    two = network_weights(random_lm2_ens[0]._weights)[1]  # the same, and a part of hidden 2
    members = [dict(one._weights), two]
    weights = ensemble(members)
    enc, labels = one.net.encoder, one.labels
    net = NeuralNet(weights, enc, labels)
    assert net.lm is not None and net.lm.hiddens == [3, 2]
    sents = [["وصل", "محمد", "علي", "إلى", "بغداد"], ["بيروت"]]
    each = [NeuralNet(w, enc, labels).emissions(sents) for w in members]
    assert np.allclose(net.emissions(sents), np.mean(each, axis=0), atol=1e-5)



def test_every_network_or_none_reads_a_language_model(
        random_nn: tuple[NeuralModel, list[Any]],
        random_lm_nn: tuple[NeuralModel, list[Any]]) -> None:
    plain, with_lm = dict(random_nn[0]._weights), dict(random_lm_nn[0]._weights)
    with pytest.raises(ValueError, match="network 1 reads a language model"):
        ensemble([plain, with_lm])
    with pytest.raises(ValueError, match="network 1 lacks a language model"):
        ensemble([with_lm, plain])
