"""The numpy BiLSTM-CRF: file round trip, and (with torch) agreement with torch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hadath.ner.tagger import NeuralModel, load_model

from .conftest import TINY_LEXICON, tiny_corpus

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tiny_nn() -> tuple[NeuralModel, list[dict[str, float]]]:
    from hadath.ner.tagger import NN_FORMAT
    from hadath.ner.train_neural import LABELS, NeuralConfig, train_neural

    stems = ["بغداد", "بيروت", "محمد", "وزاره"]
    vecs = np.random.default_rng(0).standard_normal((len(stems), 8)).astype(np.float32)
    cfg = NeuralConfig(epochs=3, hidden=8, word_dim=4, char_dim=4, char_filters=6,
                       flag_dim=4, batch=4)
    net, weights, history = train_neural(tiny_corpus(), TINY_LEXICON, stems, vecs, cfg)
    meta = {"format": NN_FORMAT, "labels": list(LABELS)}
    return NeuralModel(net, weights, meta), history


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


def test_numpy_matches_torch(tiny_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    _, history = tiny_nn
    assert history[-1]["numpy_max_abs_diff"] < 1e-4


def test_round_trip(tiny_nn: tuple[NeuralModel, list[dict[str, float]]],
                    tmp_path: Path) -> None:
    model, _ = tiny_nn
    loaded = load_model(model.save(tmp_path / "nn.zip"))
    assert isinstance(loaded, NeuralModel)
    sents = [toks for toks, _ in tiny_corpus()]
    assert loaded.tag_sentences(sents) == model.tag_sentences(sents)
    assert loaded.tag(sents[0]) == model.tag_sentences(sents[:1])[0]
    assert all(len(t) == len(s) for t, s in zip(loaded.tag_document(sents), sents,
                                                  strict=True))


def _reference_tags(model: NeuralModel, tokens: list[str]) -> list[str]:
    """One sentence the plain way: torch's LSTM equations, token by token, and Viterbi
    over every path's score (no packing, caches, halved gates or lookup tables)."""
    import itertools

    from hadath.ner.neural import network_weights

    net = model.net
    ems, crfs = [], []
    for i, weights in enumerate(network_weights(model._weights)):
        w = {k: np.asarray(v, np.float32) for k, v in weights.items()}
        parts = [net.token_vectors(tokens, i), w["phrase_emb"][net.encoder.phrases(tokens)]]
        states = None
        if net.lm is not None:  # its own states are checked against plain equations in test_lm
            states = net.lm.states([tokens])
            parts.append(states @ w["lm_down_w"].T + w["lm_down_b"])
        x = np.concatenate(parts, axis=1)

        def run(seq: np.ndarray, d: str, w: dict[str, np.ndarray] = w) -> np.ndarray:
            h = np.zeros(net.hidden, np.float32)
            c = np.zeros(net.hidden, np.float32)
            out = []
            for v in seq:
                i, f, g, o = np.split(w[f"w_ih_{d}"] @ v + w[f"b_ih_{d}"] + w[f"w_hh_{d}"] @ h
                                      + w[f"b_hh_{d}"], 4)
                c = 1 / (1 + np.exp(-f)) * c + 1 / (1 + np.exp(-i)) * np.tanh(g)
                h = 1 / (1 + np.exp(-o)) * np.tanh(c)
                out.append(h)
            return np.array(out)

        hidden = np.concatenate([run(x, "f"), run(x[::-1], "b")[::-1]], axis=1)
        if states is not None:
            hidden = np.concatenate([hidden, states], axis=1)
        ems.append(hidden @ w["out_w"].T + w["out_b"])
        crfs.append((w["start"], w["end"], w["trans"]))
    # an ensemble's tag scores and CRF weights are its networks' means
    em = np.mean(ems, axis=0)
    w = {k: np.mean([c[j] for c in crfs], axis=0) for j, k in enumerate(("start", "end", "trans"))}
    best, best_path = -np.inf, ()
    for path in itertools.product(range(len(net.labels)), repeat=len(tokens)):
        s = w["start"][path[0]] + w["end"][path[-1]] + sum(em[t, p] for t, p in enumerate(path))
        s += sum(w["trans"][a, b] for a, b in itertools.pairwise(path))
        if s > best:
            best, best_path = s, path
    return [net.labels[p] for p in best_path]


# every test of the numpy computation runs with and without a language model, for one
# network and for an ensemble of two
MODELS = pytest.mark.parametrize("which", ["tiny_nn", "tiny_lm_nn", "tiny_ens", "tiny_lm_ens"])


@MODELS
def test_packed_batches_match_plain_computation(which: str,
                                                request: pytest.FixtureRequest) -> None:
    model, _ = request.getfixturevalue(which)
    sents = [["وصل", "محمد", "علي"], ["بغداد"], ["وقال", "سعد", "إن", "بيروت"], [],
             ["الأمم", "المتحدة", "."]]
    expected = [_reference_tags(model, s) if s else [] for s in sents]
    assert model.tag_sentences(sents) == expected
    assert [model.tag(s) for s in sents] == expected


@MODELS
def test_emissions_do_not_depend_on_the_batch(which: str,
                                              request: pytest.FixtureRequest) -> None:
    model, _ = request.getfixturevalue(which)
    sents = [toks for toks, _ in tiny_corpus()]
    together = model.net.emissions(sents)
    for i, s in enumerate(sents):
        alone = model.net.emissions([s])[0]
        assert np.allclose(together[i, :len(s)], alone, atol=1e-5)


@MODELS
def test_projection_cache_starts_afresh_when_full(which: str, request: pytest.FixtureRequest,
                                                  tmp_path: Path) -> None:
    model, _ = request.getfixturevalue(which)
    small = load_model(model.save(tmp_path / "nn.zip"))
    assert isinstance(small, NeuralModel)
    small.net.cache_size = 8  # fewer forms than one batch holds
    sents = [toks for toks, _ in tiny_corpus()]
    assert small.tag_sentences(sents) == model.tag_sentences(sents)
    assert small.tag_sentences(sents[:3]) == model.tag_sentences(sents[:3])
    assert len(small.net._rows) <= max(8, len({t for s in sents for t in s}))


def _lm_weights() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    hidden, d_in = 3, 8 + 2
    w = {"lm_prefix_emb": rng.standard_normal((3 + 2, 2))}
    for d in "fb":
        w |= {f"lm_w_ih_{d}": rng.standard_normal((4 * hidden, d_in)),
              f"lm_w_hh_{d}": rng.standard_normal((4 * hidden, hidden)),
              f"lm_b_ih_{d}": rng.standard_normal(4 * hidden),
              f"lm_b_hh_{d}": rng.standard_normal(4 * hidden)}
    return {k: v.astype(np.float32) for k, v in w.items()}


@pytest.fixture(scope="module")
def tiny_lm_nn() -> tuple[NeuralModel, list[dict[str, float]]]:
    from hadath.ner.tagger import NN_FORMAT
    from hadath.ner.train_neural import LABELS, NeuralConfig, train_neural

    stems = ["بغداد", "بيروت", "محمد", "وزاره"]
    vecs = np.random.default_rng(0).standard_normal((len(stems), 8)).astype(np.float32)
    cfg = NeuralConfig(epochs=3, hidden=8, word_dim=4, char_dim=4, char_filters=6,
                       flag_dim=4, batch=4, lm_dim=2)
    net, weights, history = train_neural(tiny_corpus(), TINY_LEXICON, stems, vecs, cfg,
                                         lm=_lm_weights(), lm_prefixes=["", "و", "ال"])
    meta = {"format": NN_FORMAT, "labels": list(LABELS)}
    return NeuralModel(net, weights, meta), history


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


def _tiny(networks: int, with_lm: bool, dev: bool = False
          ) -> tuple[NeuralModel, list[dict[str, float]]]:
    from hadath.ner.tagger import NN_FORMAT
    from hadath.ner.train_neural import LABELS, NeuralConfig, train_neural

    stems = ["بغداد", "بيروت", "محمد", "وزاره"]
    vecs = np.random.default_rng(0).standard_normal((len(stems), 8)).astype(np.float32)
    cfg = NeuralConfig(epochs=3, hidden=8, word_dim=4, char_dim=4, char_filters=6,
                       flag_dim=4, batch=4, networks=networks, **({"lm_dim": 2} if with_lm else {}))
    lm = {"lm": _lm_weights(), "lm_prefixes": ["", "و", "ال"]} if with_lm else {}
    net, weights, history = train_neural(tiny_corpus(), TINY_LEXICON, stems, vecs, cfg,
                                         dev=tiny_corpus()[:6] if dev else (), **lm)
    return NeuralModel(net, weights, {"format": NN_FORMAT, "labels": list(LABELS)}), history


@pytest.fixture(scope="module")
def tiny_ens() -> tuple[NeuralModel, list[dict[str, float]]]:
    return _tiny(2, with_lm=False)


@pytest.fixture(scope="module")
def tiny_lm_ens() -> tuple[NeuralModel, list[dict[str, float]]]:
    return _tiny(2, with_lm=True)


@pytest.mark.parametrize(("single", "ens"), [("tiny_nn", "tiny_ens"),
                                             ("tiny_lm_nn", "tiny_lm_ens")])
def test_ensemble_scores_are_its_networks_mean(single: str, ens: str,
                                               request: pytest.FixtureRequest) -> None:
    from hadath.ner.neural import SHARED_KEYS, NeuralNet, network_weights

    one, _ = request.getfixturevalue(single)
    model, history = request.getfixturevalue(ens)
    assert model.net.networks == 2 and history[-1]["networks"][0][-1]["numpy_max_abs_diff"] < 5e-3
    nets = network_weights(model._weights)
    # the first network is the single model trained with the same seed; the second differs
    assert all(np.array_equal(v, one._weights[k]) for k, v in nets[0].items())
    assert not np.array_equal(nets[0]["out_w"], nets[1]["out_w"])
    assert all(f"1/{k}" not in model._weights for k in SHARED_KEYS)
    sents = [toks for toks, _ in tiny_corpus()]
    each = [NeuralNet(w, model.net.encoder, model.labels).emissions(sents) for w in nets]
    assert np.allclose(model.net.emissions(sents), np.mean(each, axis=0), atol=1e-5)


def test_ensemble_round_trip(tiny_lm_ens: tuple[NeuralModel, list[dict[str, float]]],
                             tmp_path: Path) -> None:
    model, _ = tiny_lm_ens
    loaded = load_model(model.save(tmp_path / "nn.zip"))
    assert isinstance(loaded, NeuralModel) and loaded.net.networks == 2
    sents = [toks for toks, _ in tiny_corpus()]
    assert loaded.tag_sentences(sents) == model.tag_sentences(sents)


def test_ensemble_needs_networks_alike(
        tiny_nn: tuple[NeuralModel, list[dict[str, float]]],
        tiny_lm_nn: tuple[NeuralModel, list[dict[str, float]]]) -> None:
    from hadath.ner.neural import ensemble

    plain, lm = tiny_nn[0]._weights, tiny_lm_nn[0]._weights
    with pytest.raises(ValueError, match="at least one"):
        ensemble([])
    with pytest.raises(ValueError, match="does not share 'lm_prefix_emb'"):
        ensemble([plain, lm])
    wider = dict(plain, w_hh_f=np.zeros((40, 10), np.float32))
    with pytest.raises(ValueError, match="'w_hh_f' is"):
        ensemble([plain, wider])
    assert ensemble([plain]) == plain


def test_ensemble_chooses_its_epochs_on_dev() -> None:
    model, history = _tiny(2, with_lm=False, dev=True)
    epochs = [h for h in history if "epoch" in h]
    assert [h["epoch"] for h in epochs] == [1, 2, 3]
    assert all(h["networks"] == 2 and 0.0 <= h["dev_f1"] <= 1.0 for h in epochs)
    assert len(history[-1]["networks"]) == 2  # each network's own training history
    assert model.net.networks == 2
