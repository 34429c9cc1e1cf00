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
