"""The numpy BiLSTM-CRF against the plain computation: packed batches, the caches, the
file round trip — for random networks (always) and trained ones (with torch)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hadath.ner.tagger import NeuralModel, load_model

from .conftest import tiny_corpus
from .nets import reference_tags

# with and without a language model, one network and an ensemble of two; random
# networks always, trained ones where torch is installed
MODELS = pytest.mark.parametrize("which", [
    "random_nn", "random_lm_nn", "random_ens", "random_lm_ens", "random_lm2_ens",
    "random_bioes_lm_nn",
    "tiny_nn", "tiny_lm_nn", "tiny_ens", "tiny_lm_ens"])


@MODELS
def test_packed_batches_match_plain_computation(which: str,
                                                request: pytest.FixtureRequest) -> None:
    model, _ = request.getfixturevalue(which)
    sents = [["وصل", "محمد", "علي"], ["بغداد"], ["وقال", "سعد", "إن", "بيروت"], [],
             ["الأمم", "المتحدة", "."]]
    expected = [reference_tags(model, s) if s else [] for s in sents]
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




@MODELS
def test_round_trip(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    model, _ = request.getfixturevalue(which)
    loaded = load_model(model.save(tmp_path / "nn.zip"))
    assert isinstance(loaded, NeuralModel)
    assert loaded.net.networks == model.net.networks
    assert (loaded.net.lm is None) == (model.net.lm is None)
    sents = [toks for toks, _ in tiny_corpus()]
    # the file keeps weights as float16: close to the model's scores, and a second
    # round trip changes nothing
    scores = loaded.net.emissions(sents)
    assert np.allclose(scores, model.net.emissions(sents), atol=0.05)
    again = load_model(loaded.save(tmp_path / "again.zip"))
    assert isinstance(again, NeuralModel)
    assert np.array_equal(again.net.emissions(sents), scores)
    assert again.tag_document(sents) == loaded.tag_document(sents)


@pytest.mark.parametrize("which", ["random_lm_nn", "random_lm_ens"])
def test_teacher_scores_are_each_sentences_centred_scores(
        which: str, request: pytest.FixtureRequest) -> None:
    from hadath.ner.train_neural import teacher_scores

    model, _ = request.getfixturevalue(which)
    sents = [toks for toks, _ in tiny_corpus()]
    scores = teacher_scores(model.net, sents, batch=5)  # several batches, longest first
    assert len(scores) == len(sents)
    for s, got in zip(sents, scores, strict=True):
        alone = model.net.emissions([s])[0]
        assert got.dtype == np.float16 and got.shape == alone.shape
        assert np.allclose(got, alone - alone.mean(axis=1, keepdims=True), atol=1e-2)
        assert np.allclose(got.astype(np.float32).sum(axis=1), 0.0, atol=1e-2)


def test_teacher_needs_the_same_labels(random_nn: tuple[NeuralModel, list[object]]) -> None:
    import copy

    from hadath.ner.train_neural import teacher_scores

    model, _ = random_nn
    other = copy.copy(model.net)
    other.labels = ["O", "B-PER", "I-PER"]
    with pytest.raises(ValueError, match="labels"):
        teacher_scores(other, [["بغداد"]])
