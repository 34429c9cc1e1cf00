"""The parts of neural training that need no torch: word and stem dropout, BIOES tags."""

from __future__ import annotations

import numpy as np
import pytest

from hadath.ner.train_neural import LABELS, NeuralConfig, bioes, drop_known, drops, labels_of

from .conftest import Trained, tiny_corpus

# tags: 0 is O, anything else is inside a name; ids 0 and 1 are padding and unknown
TAGS = np.array([[0, 1, 2, 0, 3, 0]] * 4000)
WORD = np.array([[5, 6, 7, 1, 8, 0]] * 4000)
STEM = np.array([[9, 9, 9, 9, 1, 0]] * 4000)


def dropped(cfg: NeuralConfig) -> tuple[np.ndarray, np.ndarray]:
    arrays = {"word": WORD.copy(), "stem": STEM.copy(), "tags": TAGS}
    drop_known(arrays, cfg, np.random.default_rng(0))
    return ((arrays["word"] == 1) & (WORD > 1)).mean(axis=0), \
        ((arrays["stem"] == 1) & (STEM > 1)).mean(axis=0)


@pytest.mark.parametrize("cfg, word_rate, stem_rate", [
    # outside names, inside, inside; the unknown word and padding never change
    (NeuralConfig(word_dropout=0.1), [0.1, 0.1, 0.1, 0, 0.1, 0], [0, 0, 0, 0, 0, 0]),
    (NeuralConfig(word_dropout=0.1, entity_word_dropout=0.4),
     [0.1, 0.4, 0.4, 0, 0.4, 0], [0, 0, 0, 0, 0, 0]),
    (NeuralConfig(word_dropout=0.0, entity_word_dropout=0.3, entity_stem_dropout=0.2),
     [0, 0.3, 0.3, 0, 0.3, 0], [0, 0.2, 0.2, 0, 0, 0]),
    (NeuralConfig(word_dropout=0.2, entity_word_dropout=0.0),
     [0.2, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]),
])
def test_dropout_rates_inside_and_outside_names(cfg: NeuralConfig, word_rate: list[float],
                                                stem_rate: list[float]) -> None:
    words, stems = dropped(cfg)
    np.testing.assert_allclose(words, word_rate, atol=0.03)
    np.testing.assert_allclose(stems, stem_rate, atol=0.03)


@pytest.mark.parametrize("cfg, expected", [
    (NeuralConfig(), True),
    (NeuralConfig(word_dropout=0.0), False),
    (NeuralConfig(word_dropout=0.0, entity_word_dropout=0.2), True),
    (NeuralConfig(word_dropout=0.0, entity_stem_dropout=0.2), True),
])
def test_whether_any_dropout(cfg: NeuralConfig, expected: bool) -> None:
    assert drops(cfg) is expected


def test_default_entity_dropout_is_the_word_dropout() -> None:
    """Unset, names drop words like everything else: the draws of earlier models."""
    cfg = NeuralConfig(word_dropout=0.25)
    arrays = {"word": WORD.copy(), "stem": STEM.copy(), "tags": TAGS}
    drop_known(arrays, cfg, np.random.default_rng(7))
    plain = WORD.copy()
    draw = np.random.default_rng(7).random(WORD.shape) < 0.25
    plain[draw & (WORD > 1)] = 1
    assert (arrays["word"] == plain).all()
    assert (arrays["stem"] == STEM).all()


@pytest.mark.parametrize("tags, expected", [
    ("O O", "O O"),
    ("B-PER", "S-PER"),
    ("B-PER I-PER", "B-PER E-PER"),
    ("B-ORG I-ORG I-ORG O B-LOC", "B-ORG I-ORG E-ORG O S-LOC"),
    ("B-PER B-PER I-PER", "S-PER B-PER E-PER"),  # two names side by side
    ("B-LOC I-PER", "S-LOC S-PER"),  # an I- of another type starts a name (as spans() reads it)
    ("I-MISC O", "S-MISC O"),
])
def test_bioes(tags: str, expected: str) -> None:
    assert bioes(tags.split()) == expected.split()


def test_labels_of() -> None:
    assert labels_of("BIO") == LABELS
    assert len(labels_of("BIOES")) == 17 and set(LABELS) < set(labels_of("BIOES"))
    with pytest.raises(ValueError, match="BIO or BIOES"):
        labels_of("IOB2")


def test_a_bioes_network_outputs_bio_tags(random_bioes_lm_nn: Trained) -> None:
    model, _ = random_bioes_lm_nn
    tags = {t for s in model.tag_sentences([t for t, _ in tiny_corpus()]) for t in s}
    assert tags <= set(LABELS) and len(tags) > 2
