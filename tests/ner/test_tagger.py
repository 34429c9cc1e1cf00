"""Training on a tiny fixture, determinism, and the model file round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.errors import DataFileError
from hadath.ner.features import Featurizer, Lexicon, analyse
from hadath.ner.tagger import CrfModel, default_model, load_model
from hadath.ner.train import split_dev, train

from .conftest import TINY_CONFIG, TINY_LEXICON, tiny_corpus


def test_training_is_deterministic(tiny_model: CrfModel) -> None:
    again = train(tiny_corpus(), TINY_LEXICON, TINY_CONFIG)
    assert again.to_bytes() == tiny_model.to_bytes()


def test_tiny_model_learns_its_data(tiny_model: CrfModel) -> None:
    tokens = ["وصل", "أحمد", "حسن", "إلى", "بيروت", "أمس", "."]
    assert tiny_model.tag(tokens) == ["O", "B-PER", "I-PER", "O", "B-LOC", "O", "O"]
    assert tiny_model.tag([]) == []


def test_save_load_round_trip(tiny_model: CrfModel, tmp_path: Path) -> None:
    path = tiny_model.save(tmp_path / "m.zip")
    loaded = load_model(path)
    assert isinstance(loaded, CrfModel)
    assert loaded.to_bytes() == tiny_model.to_bytes()
    assert loaded.lexicon == TINY_LEXICON
    sents = [toks for toks, _ in tiny_corpus()]
    assert loaded.tag_sentences(sents) == tiny_model.tag_sentences(sents)


def test_bad_model_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(DataFileError):
        load_model(path)
    with pytest.raises(DataFileError):
        load_model(tmp_path / "missing.zip")


def test_shipped_model_loads() -> None:
    model = default_model()
    assert model is default_model()  # once per process
    assert {"B-PER", "B-ORG", "B-LOC"} <= set(model.labels)
    assert model.meta["train_sentences"] > 1000


@pytest.mark.parametrize(("token", "norm", "core", "stem", "prefix"), [
    ("لبغداد", "لبغداد", "بغداد", "بغداد", "ل"),
    ("والعراق", "والعراق", "العراق", "عراق", "و+ال"),
    ("للأمم", "للامم", "الامم", "امم", "ل+ال"),
    ("بغداد", "بغداد", "بغداد", "بغداد", ""),
])
def test_analyse(token: str, norm: str, core: str, stem: str, prefix: str) -> None:
    a = analyse(token)
    assert (a.norm, a.core, a.stem) == (norm, core, stem)
    assert a.prefix == prefix


def test_phrase_tags_longest_match() -> None:
    lex = Lexicon(phrases={"الامم المتحده": "ORG", "جامعه الدول العربيه": "ORG",
                           "جامعه الدول": "LOC"})
    f = Featurizer(lex)
    assert f.phrase_tags(["وفي", "جامعة", "الدول", "العربية", "و", "للأمم", "المتحدة"]) == \
        ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG"]


def test_split_dev_is_the_last_block() -> None:
    sents = [([str(i)] * 10, ["O"] * 10) for i in range(10)]
    train_part, dev = split_dev(sents, 0.2)
    assert len(dev) == 2 and dev[0][0][0] == "8"
    assert len(train_part) + len(dev) == 10
