"""The ``ner`` component with the shipped model, on real sentences."""

from __future__ import annotations

import pickle

import pytest

import hadath
from hadath.doc import Token, Word
from hadath.ner.pipes import EntityRecognizer, mention_start
from hadath.pipeline import Pipeline, registered
from hadath.settings import Settings

COMPONENTS = ("normalizer", "sentencizer", "tokenizer", "ner")


@pytest.fixture(scope="module")
def ner_nlp() -> Pipeline:
    return hadath.load(COMPONENTS)


# (sentence, entities that must be found as (type, mention text))
CASES = [
    ("استقبل رئيس الجمهورية عبد اللطيف رشيد، يوم الخميس 13 حزيران/يونيو 2024، في قصر "
     "بغداد، وزير الخارجية الإيراني بالإنابة علي باقري كني والوفد المرافق له، بحضور "
     "وزير الخارجية العراقي فؤاد حسين.",
     [("PER", "عبد اللطيف رشيد"), ("PER", "فؤاد حسين")]),
    ("ووصل علي باقري كني، صباح الخميس إلى العاصمة العراقية بغداد على رأس وفد.",
     [("LOC", "بغداد")]),
    ("وأكد الرئيس اللبناني ميشال عون أن لبنان لن يقبل بذلك.",
     [("PER", "ميشال عون"), ("LOC", "لبنان")]),
    ("وعقد مجلس الأمن الدولي جلسة طارئة في نيويورك لبحث الوضع في سوريا.",
     [("ORG", "مجلس الأمن الدولي"), ("LOC", "نيويورك"), ("LOC", "سوريا")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_finds_the_obvious_entities(ner_nlp: Pipeline, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    doc = ner_nlp(text)
    found = {(e.type, e.mentions[0].text) for e in doc.entities}
    for item in expected:
        assert item in found, f"{item} not in {sorted(found)}"


def test_seed_required_entities(ner_nlp: Pipeline) -> None:
    from tests.conftest import SEED, needs_shared

    if not SEED.exists():
        pytest.skip(needs_shared.kwargs["reason"])
    doc = ner_nlp(SEED.read_text(encoding="utf-8"), published="2024-06-13")
    found = {(e.type, e.mentions[0].text) for e in doc.entities}
    assert ("PER", "عبد اللطيف رشيد") in found
    assert ("LOC", "بغداد") in found
    names = {text for kind, text in found if kind == "PER"}
    assert any("باقري كني" in n for n in names)


def test_offsets_and_entity_shape(ner_nlp: Pipeline) -> None:
    text = "وزار وزير الخارجية لبغداد والتقى بالرئيس العراقي عبد اللطيف رشيد."
    doc = ner_nlp(text)
    assert doc.entities, "no entity found"
    for i, e in enumerate(doc.entities, 1):
        assert e.id == f"e{i}"
        assert e.type in ("PER", "ORG", "LOC")
        assert len(e.mentions) == 1
        m = e.mentions[0]
        assert text[m.start:m.end] == m.text == e.name
    mentions = {e.mentions[0].text for e in doc.entities}
    assert "بغداد" in mentions  # «لبغداد» without its preposition


def tok(text: str, words: list[tuple[str, str]]) -> Token:
    out, pos = [], 0
    for w, kind in words:
        out.append(Word(pos, pos + len(w), w, w, kind))
        pos += len(w)
    return Token(0, len(text), text, text, 0, out)


@pytest.mark.parametrize(("token", "start"), [
    (tok("لبغداد", [("ل", "prep"), ("بغداد", "stem")]), 1),
    (tok("والعراق", [("و", "conj"), ("ال", "det"), ("عراق", "stem")]), 1),   # ال stays
    (tok("وبالمدينة", [("و", "conj"), ("ب", "prep"), ("ال", "det"), ("مدينة", "stem")]), 2),
    (tok("العراق", [("ال", "det"), ("عراق", "stem")]), 0),
    (tok("و", [("و", "conj")]), None),
])
def test_mention_start(token: Token, start: int | None) -> None:
    assert mention_start(token) == start


def test_registered_and_requirements() -> None:
    assert registered()["ner"] is EntityRecognizer
    assert EntityRecognizer.requires == ("tokens",)
    assert EntityRecognizer.assigns == ("entities",)
    with pytest.raises(hadath.errors.MissingRequirement):
        Pipeline.from_names(["normalizer", "ner"])


def test_picklable_without_the_model(ner_nlp: Pipeline) -> None:
    comp = EntityRecognizer(Settings())
    comp(ner_nlp("بغداد"))  # the model is loaded
    data = pickle.dumps(comp)
    assert len(data) < 1000
    again = pickle.loads(data)
    assert again.name == "ner" and repr(again) == "<ner@1.0>"


def test_knowledge_base_pass(ner_nlp: Pipeline) -> None:
    text = "وأعلنت وزارة الداخلية اللبنانية أن الجيش الباكستاني لم يشارك، بحسب رويترز."
    with_kb = {(e.type, e.name)
               for e in EntityRecognizer(Settings(), use_kb=True)(ner_nlp(text)).entities}
    assert {("ORG", "وزارة الداخلية اللبنانية"), ("ORG", "الجيش الباكستاني"),
            ("ORG", "رويترز")} <= with_kb
    without = {e.name for e in EntityRecognizer(Settings())(ner_nlp(text)).entities}
    assert "الجيش الباكستاني" not in without


def test_no_entities(ner_nlp: Pipeline) -> None:
    doc = ner_nlp("كان الطقس جميلا في ذلك اليوم.")
    assert doc.entities == []
