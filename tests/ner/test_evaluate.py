"""Exact-span CoNLL scoring on hand-made tag sequences."""

from __future__ import annotations

import pytest

from hadath.ner.evaluate import score, spans

O_ = "O"


@pytest.mark.parametrize(("tags", "expected"), [
    ([O_, "B-PER", "I-PER", O_], [(1, 3, "PER")]),
    (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
    (["I-ORG", "I-ORG", O_], [(0, 2, "ORG")]),                  # conlleval: I- starts an entity
    (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),      # a type change ends it
    (["B-PER", "I-PER"], [(0, 2, "PER")]),                     # runs to the end
    ([O_, O_], []),
])
def test_spans(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert spans(tags) == expected


# (gold, predicted, tp, fp, fn) for one sentence, PER/ORG/LOC scored
CASES = [
    # «استقبل عبد اللطيف رشيد في بغداد»: all right
    (["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC"],
     ["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC"], 2, 0, 0),
    # a partial overlap is a false positive and a false negative
    (["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC"],
     ["O", "O", "B-PER", "I-PER", "O", "B-LOC"], 1, 1, 1),
    # too long is wrong too
    (["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "I-PER"], 0, 1, 1),
    # right span, wrong type
    (["B-ORG", "I-ORG"], ["B-LOC", "I-LOC"], 0, 1, 1),
    # MISC is ignored on both sides by default
    (["B-MISC", "O", "B-LOC"], ["O", "B-MISC", "B-LOC"], 1, 0, 0),
    # nothing predicted
    (["B-LOC", "O"], ["O", "O"], 0, 0, 1),
]


@pytest.mark.parametrize(("gold", "pred", "tp", "fp", "fn"), CASES)
def test_score_counts(gold: list[str], pred: list[str], tp: int, fp: int, fn: int) -> None:
    micro = score([gold], [pred]).micro
    assert (micro.tp, micro.fp, micro.fn) == (tp, fp, fn)


def test_score_per_type_and_micro() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O", "B-LOC"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "O", "B-LOC"]]
    report = score(gold, pred)
    assert report.per_type["PER"].f1 == 1.0
    assert report.per_type["LOC"].recall == 0.5 and report.per_type["LOC"].precision == 1.0
    assert report.per_type["ORG"].precision == 0.5 and report.per_type["ORG"].recall == 1.0
    assert report.micro.precision == pytest.approx(3 / 4)
    assert report.micro.recall == pytest.approx(3 / 4)
    assert report.micro.f1 == pytest.approx(3 / 4)
    d = report.to_dict()
    assert set(d["micro"]) >= {"precision", "recall", "f1"}
    assert set(d["per_type"]) == {"PER", "ORG", "LOC"}


def test_misc_scored_when_asked() -> None:
    report = score([["B-MISC", "O"]], [["O", "O"]], ("PER", "ORG", "LOC", "MISC"))
    assert report.micro.fn == 1 and report.per_type["MISC"].recall == 0.0


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="sentence 0"):
        score([["O", "O"]], [["O"]])


def test_empty_scores_are_zero() -> None:
    report = score([], [])
    assert report.micro.f1 == 0.0 and report.tokens == 0
