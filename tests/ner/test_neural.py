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
