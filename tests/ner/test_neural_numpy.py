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
