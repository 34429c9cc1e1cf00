"""Label propagation across a document's sentences."""

from __future__ import annotations

import pytest

from hadath.ner.consistency import propagate
from hadath.ner.features import analyse


def forms(token: str) -> tuple[str, str]:
    a = analyse(token)
    return a.norm, a.core


# (sentences, predicted tags, expected tags after propagation)
CASES = [
    # a name found once is found again, with its proclitic
    ([["أعلنت", "نوكيا", "أمس"], ["وقالت", "لنوكيا", "إن"]],
     [["O", "B-ORG", "O"], ["O", "O", "O"]],
     [["O", "B-ORG", "O"], ["O", "B-ORG", "O"]]),
    # multi-token names, longest first
    ([["زار", "سعد", "الحريري", "باريس"], ["والتقى", "سعد", "الحريري", "ماكرون"]],
     [["O", "B-PER", "I-PER", "B-LOC"], ["O", "O", "O", "O"]],
     [["O", "B-PER", "I-PER", "B-LOC"], ["O", "B-PER", "I-PER", "O"]]),
    # a name seen with two types is left alone
    ([["الأردن", "بلد"], ["الأردن", "فريق"], ["في", "الأردن"]],
     [["B-LOC", "O"], ["B-ORG", "O"], ["O", "O"]],
     [["B-LOC", "O"], ["B-ORG", "O"], ["O", "O"]]),
    # tagged tokens are not overwritten, short words are not names
    ([["عون", "في", "بيروت"], ["بيروت", "عون"]],
     [["B-PER", "O", "B-LOC"], ["B-ORG", "I-ORG"]],
     [["B-PER", "O", "B-LOC"], ["B-ORG", "I-ORG"]]),
]


@pytest.mark.parametrize(("sentences", "tags", "expected"), CASES)
def test_propagate(sentences: list[list[str]], tags: list[list[str]],
                   expected: list[list[str]]) -> None:
    assert propagate(sentences, tags, forms) == expected


def test_model_tag_document(tiny_model: object) -> None:
    from hadath.ner.tagger import CrfModel

    assert isinstance(tiny_model, CrfModel)
    doc = [["وصل", "أحمد", "حسن", "إلى", "بيروت", "."], ["بيروت", "جميلة"]]
    tags = tiny_model.tag_document(doc)
    assert len(tags) == 2 and [len(t) for t in tags] == [6, 2]


NAMES = {"رويترز": "ORG", "وزاره الخارجيه": "ORG", "قطاع غزه": "LOC"}
BODIES = {"الجيش", "الشرطه"}
NISBA = {"الباكستاني", "اللبنانيه", "الامريكيه"}

# (sentence, tags before, tags after the knowledge-base pass)
FILL_CASES = [
    (["قالت", "رويترز", "إن"], ["O", "O", "O"], ["O", "B-ORG", "O"]),
    (["وأعلنت", "وزارة", "الخارجية", "الأمريكية"], ["O", "O", "O", "O"],
     ["O", "B-ORG", "I-ORG", "I-ORG"]),                      # name + nisba
    (["وقصف", "الجيش", "الباكستاني", "القرية"], ["O", "O", "O", "O"],
     ["O", "B-ORG", "I-ORG", "O"]),                          # body + nisba
    (["وقال", "الجيش", "إن"], ["O", "O", "O"], ["O", "O", "O"]),   # a body alone: no
    (["في", "قطاع", "غزة"], ["O", "B-LOC", "O"], ["O", "B-LOC", "O"]),  # tagged: kept
    (["مجلس", "الأمن", "اللبنانية"], ["B-ORG", "I-ORG", "O"], ["B-ORG", "I-ORG", "I-ORG"]),
]


@pytest.mark.parametrize(("sentence", "tags", "expected"), FILL_CASES)
def test_fill(sentence: list[str], tags: list[str], expected: list[str]) -> None:
    from hadath.ner.consistency import fill

    assert fill([sentence], [tags], forms, NAMES, BODIES, NISBA) == [expected]


def test_surnames_propagate() -> None:
    sents = [["التقى", "سعد", "الحريري", "الوزير"], ["وقال", "الحريري", "إن"]]
    tags = [["O", "B-PER", "I-PER", "O"], ["O", "O", "O"]]
    assert propagate(sents, tags, forms)[1] == ["O", "B-PER", "O"]
    assert propagate(sents, tags, forms, surnames=False)[1] == ["O", "O", "O"]


def test_silver_sentences(tmp_path: object, tiny_model: object) -> None:
    import gzip
    import json
    from pathlib import Path

    from hadath.ner.silver import silver_sentences
    from hadath.ner.tagger import CrfModel

    assert isinstance(tiny_model, CrfModel) and isinstance(tmp_path, Path)
    corpus = tmp_path / "corpus.jsonl.gz"
    texts = ["وصل محمد علي إلى بغداد أمس. وقال محمد علي إن الأمم المتحدة تدعم بغداد.",
             "كان الطقس جميلا جدا في ذلك اليوم الطويل."]
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": str(i), "category": "middleEast", "text": text}) + "\n")
    sents = silver_sentences(corpus, (tiny_model, tiny_model), n_docs=5, rate=1.0)
    assert sents, "two identical teachers agree on every sentence with an entity"
    for tokens, tags in sents:
        assert len(tokens) == len(tags) and any(t != "O" for t in tags)
    three = silver_sentences(corpus, (tiny_model,) * 3, n_docs=5, rate=1.0)
    assert three == sents, "any number of teachers; identical ones agree everywhere"
    with pytest.raises(ValueError):
        silver_sentences(corpus, (tiny_model,), n_docs=5, rate=1.0)


# (sentence, tags before, tags after the sports-club pass)
TEAM_CASES = [
    # a place after «فريق» is the club named after it
    (["تنتظر", "فريق", "المغرب", "التطواني", "رحلة"], ["O", "O", "B-LOC", "I-LOC", "O"],
     ["O", "O", "B-ORG", "I-ORG", "O"]),
    # an untagged definite name of one or two words after «فريقي»/«لفريق»
    (["التزام", "فريقي", "الرجاء", "البيضاوي", "والدفاع"], ["O"] * 5,
     ["O", "O", "B-ORG", "I-ORG", "O"]),
    (["الأفضلية", "لفريق", "الشمال", "في"], ["O"] * 4, ["O", "O", "B-ORG", "O"]),
    # a team of people is no club; a relative pronoun ends the name
    (["وصل", "فريق", "التحقيق", "الدولي"], ["O"] * 4, ["O"] * 4),
    (["مع", "نادي", "قطر", "الذي", "سيلاقي"], ["O", "O", "B-LOC", "O", "O"],
     ["O", "O", "B-ORG", "O", "O"]),
    # a place before its country in brackets, in a results list
    (["-", "برشلونة", "(", "إسبانيا", ")"], ["O", "B-LOC", "O", "B-LOC", "O"],
     ["O", "B-ORG", "O", "B-LOC", "O"]),
    # but not a place named with its country in running text
    (["وصل", "إلى", "برشلونة", "(", "إسبانيا", ")"], ["O", "O", "B-LOC", "O", "B-LOC", "O"],
     ["O", "O", "B-LOC", "O", "B-LOC", "O"]),
]


@pytest.mark.parametrize(("sentence", "tags", "expected"), TEAM_CASES)
def test_teams(sentence: list[str], tags: list[str], expected: list[str]) -> None:
    from hadath.ner.consistency import teams

    assert teams([sentence], [tags], forms) == [expected]


WORDS = {"الرئيس": "title title_GOV", "الشيخ": "kb_first kb_last", "الحريري": "kb_last surname"}

ADJECTIVE_CASES = [
    # a definite nisba after a definite noun agrees with it: an adjective
    (["دانت", "البحرين", "الهجوم", "الحوثي", "أمس"], ["O", "B-LOC", "O", "B-PER", "O"],
     ["O", "B-LOC", "O", "O", "O"]),
    (["واستنكر", "الانتهاك", "الحوثي"], ["O", "O", "B-PER"], ["O", "O", "O"]),
    # after a title or a name it is a person in apposition
    (["قال", "الرئيس", "الحريري"], ["O", "O", "B-PER"], ["O", "O", "B-PER"]),
    (["استقبل", "الشيخ", "الحريري"], ["O", "O", "B-PER"], ["O", "O", "B-PER"]),
    # a noun in construct has no article; longer names and other types stay
    (["اغتيال", "الحريري"], ["O", "B-PER"], ["O", "B-PER"]),
    (["الهجوم", "الحوثي", "الكبير"], ["O", "B-PER", "I-PER"], ["O", "B-PER", "I-PER"]),
    (["الهجوم", "الحوثي"], ["O", "B-ORG"], ["O", "B-ORG"]),
    (["الهجوم", "الحوثيون"], ["O", "B-PER"], ["O", "B-PER"]),
]


@pytest.mark.parametrize(("sentence", "tags", "expected"), ADJECTIVE_CASES)
def test_adjectives(sentence: list[str], tags: list[str], expected: list[str]) -> None:
    from hadath.ner.consistency import adjectives

    assert adjectives([sentence], [tags], forms, WORDS) == [expected]


ORG_WORDS = {"الناتو": "kb_last org_IGO", "اوبك": "org_IGO", "قنا": "city city_big org_MEDIA",
         "الليكود": "org_PARTY"}

# (sentence, tags before, tags after the organisations pass)
ORGANISATION_CASES = [
    (["بقيادة", "الناتو", "في", "أفغانستان"], ["O", "B-LOC", "O", "B-LOC"],
     ["O", "B-ORG", "O", "B-LOC"]),
    (["وقال", "الليكود", "إن"], ["O", "B-PER", "O"], ["O", "B-ORG", "O"]),
    (["من", "أوبك"], ["O", "B-LOC"], ["O", "B-ORG"]),                 # with hamza
    (["الدوحة", "-", "قنا"], ["B-LOC", "O", "B-LOC"], ["B-LOC", "O", "B-LOC"]),  # also a city
    (["قمة", "الناتو", "الجديدة"], ["O", "B-LOC", "I-LOC"], ["O", "B-LOC", "I-LOC"]),  # 2 words
    (["دعم", "الناتو"], ["O", "O"], ["O", "O"]),                      # untagged: fill's job
]


@pytest.mark.parametrize(("sentence", "before", "after"), ORGANISATION_CASES)
def test_organisations(sentence: list[str], before: list[str], after: list[str]) -> None:
    from hadath.ner.consistency import organisations

    assert organisations([sentence], [before], forms, ORG_WORDS) == [after]


# (sentence, tags before, tags after the place-head pass)
PLACE_CASES = [
    ("دورية في حي الدورة جنوبي العاصمة", "O O O O O O", "O O O B-LOC O O"),
    ("انفجار بشارع السعدون", "O O O", "O O B-LOC"),
    ("بين بلدتي الفارعة وطلوزة جنوب", "O O O O O", "O O B-LOC B-LOC O"),
    ("في منطقة الغوطة الشرقية", "O O O O", "O O O O"),        # a longer name
    ("قرب منطقة الحدود", "O O O", "O O O"),                  # a common noun
    ("احتجاج بلده الشديد", "O O O", "O O O"),                # his country
    ("في مدينة كبيرة", "O O O", "O O O"),                    # not definite
    ("في مدينة البصرة", "O O B-LOC", "O O B-LOC"),            # already tagged
]


@pytest.mark.parametrize(("sentence", "before", "after"), PLACE_CASES)
def test_places(sentence: str, before: str, after: str) -> None:
    from hadath.ner.consistency import places

    assert places([sentence.split()], [before.split()], forms) == [after.split()]


def test_place_heads_data() -> None:
    from hadath.ner.consistency import place_heads

    h = place_heads()
    assert "حي" in h.heads and "بلدتي" in h.duals and "الحدود" in h.not_names
