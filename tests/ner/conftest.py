"""A tiny NER training set and a model trained on it (seconds, no shared data)."""

from __future__ import annotations

from typing import Any

import pytest

from hadath.ner.corpora import Sentence
from hadath.ner.features import Lexicon
from hadath.ner.tagger import CrfModel, NeuralModel
from hadath.ner.train import TrainConfig, train

_PEOPLE = [("محمد", "علي"), ("أحمد", "حسن"), ("فؤاد", "حسين"), ("سعد", "الحريري")]
_PLACES = ["بغداد", "بيروت", "عمان", "دمشق", "القاهرة"]
_ORGS = [("وزارة", "الخارجية"), ("الأمم", "المتحدة"), ("جامعة", "الدول", "العربية")]


def tiny_corpus() -> list[Sentence]:
    out: list[Sentence] = []
    for i, (first, last) in enumerate(_PEOPLE):
        place = _PLACES[i % len(_PLACES)]
        org = _ORGS[i % len(_ORGS)]
        out.append((["وصل", first, last, "إلى", place, "أمس", "."],
                    ["O", "B-PER", "I-PER", "O", "B-LOC", "O", "O"]))
        out.append((["وقال", first, last, "إن", *org, "تدعم", place, "."],
                    ["O", "B-PER", "I-PER", "O", "B-ORG", *["I-ORG"] * (len(org) - 1),
                     "O", "B-LOC", "O"]))
        out.append((["وأكدت", *org, "في", "بيان", "من", place, "."],
                    ["O", "B-ORG", *["I-ORG"] * (len(org) - 1), "O", "O", "O", "B-LOC",
                     "O"]))
    return out


TINY_LEXICON = Lexicon(words={"بغداد": "city", "محمد": "given", "حسين": "surname"},
                       phrases={"الامم المتحده": "ORG"},
                       clusters={"بغداد": "1 5", "بيروت": "1 5", "محمد": "2 7"})
TINY_CONFIG = TrainConfig(max_iterations=30)


@pytest.fixture(scope="session")
def tiny_model() -> CrfModel:
    return train(tiny_corpus(), TINY_LEXICON, TINY_CONFIG)


# Tiny BiLSTM-CRF models (tests/ner/nets.py): trained with torch (skipped without it), or
# random (numpy alone); with and without a language model, one network or two.
Trained = tuple[NeuralModel, list[dict[str, Any]]]


def _trained(networks: int, with_lm: bool) -> Any:
    @pytest.fixture(scope="session")
    def fixture() -> Trained:
        pytest.importorskip("torch")
        from .nets import trained

        return trained(networks, with_lm=with_lm)

    return fixture


def _random(networks: int, with_lm: bool, lm_parts: int = 1, scheme: str = "BIO") -> Any:
    @pytest.fixture(scope="session")
    def fixture() -> Trained:
        from hadath.ner.train_neural import labels_of

        from .nets import random_model

        return random_model(networks, with_lm=with_lm, lm_parts=lm_parts,
                            labels=labels_of(scheme)), []

    return fixture


tiny_nn = _trained(1, with_lm=False)
tiny_lm_nn = _trained(1, with_lm=True)
tiny_ens = _trained(2, with_lm=False)
tiny_lm_ens = _trained(2, with_lm=True)
random_nn = _random(1, with_lm=False)
random_lm_nn = _random(1, with_lm=True)
random_ens = _random(2, with_lm=False)
random_lm_ens = _random(2, with_lm=True)
random_lm2_ens = _random(2, with_lm=True, lm_parts=2)  # a language model of two parts
random_bioes_lm_nn = _random(1, with_lm=True, scheme="BIOES")  # E- and S- tags too
