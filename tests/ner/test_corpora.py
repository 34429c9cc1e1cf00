"""Readers of the NER corpora: tag spellings, BIO repair, Wojood's nested layers."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.errors import DataFileError
from hadath.ner.corpora import normalize_tag, read_conll, read_wojood, repair_bio


@pytest.mark.parametrize(("raw", "tag"), [
    ("B-PERS", "B-PER"), ("I-PERS", "I-PER"), ("B-PER", "B-PER"), ("B-ORG", "B-ORG"),
    ("I--ORG", "I-ORG"), ("B-LOC", "B-LOC"), ("B-MISC", "B-MISC"), ("B-MIS1", "B-MISC"),
    ("B-MIS-2", "B-MISC"), ("B-MIS1`", "B-MISC"), ("B-GPE", "B-LOC"), ("B-FAC", "B-LOC"),
    ("IO", "O"), ("OO", "O"), ("O", "O"), ("B-DATE", "O"), ("B-ENGLISH", "O"),
])
def test_normalize_tag(raw: str, tag: str) -> None:
    assert normalize_tag(raw) == tag


def test_repair_bio() -> None:
    assert repair_bio(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == \
        ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-ORG"]


def test_read_conll(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("وقال O\nبرند B-PERS\nجوتشولك I-PERS\n\n\nفي O\nلبنان B-LOC\n",
                    encoding="utf-8")
    assert read_conll(path) == [(["وقال", "برند", "جوتشولك"], ["O", "B-PER", "I-PER"]),
                                (["في", "لبنان"], ["O", "B-LOC"])]


def test_read_conll_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("وقال O\nبرند\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_conll(path)
    assert e.value.line == 2


def test_read_wojood_nested(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text(
        "مراسلة O\nسكرتير B-OCC\nاللجنة I-OCC B-ORG\nالقومية I-OCC I-ORG\n"
        "في I-OCC\nنابلس I-OCC B-GPE\n( O\n1948 B-DATE\n) O\n$#$ O\n\n"
        "في O\nقرية B-GPE\nالمجدل I-GPE\n",
        encoding="utf-8")
    sents = read_wojood(path)
    assert sents[0][1] == ["O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "O", "O"]
    assert "$#$" not in sents[0][0]
    assert sents[1][1] == ["O", "B-LOC", "I-LOC"]


def test_read_wojood_outermost_wins(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text("مجلس B-ORG\nالأمن I-ORG\nضد I-ORG\nالأسد I-ORG B-PERS\n",
                    encoding="utf-8")
    assert read_wojood(path)[0][1] == ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]
