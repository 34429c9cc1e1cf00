"""Sports clubs in the document pass (hadath.ner.clubs) and their data files."""

from __future__ import annotations

import pytest

from hadath.ner.clubs import Clubs, SportSentences, clubs, default_clubs
from hadath.ner.features import analyse


def forms(token: str) -> tuple[str, str]:
    a = analyse(token)
    return a.norm, a.core


def tag(sentence: str, tags: str) -> list[str]:
    """The tags after the club pass of a one-sentence document (tags space-separated)."""
    toks = sentence.split()
    before = tags.split()
    assert len(toks) == len(before)
    return clubs([toks], [before], forms)[0]


# (sentence, tags before, tags after)
CASES = [
    # a club's own name of two words, anywhere; a place inside it is taken in
    ("وقال مدرب المغرب الفاسي إن", "O O B-LOC O O", "O O B-ORG I-ORG O"),
    ("فاز الوداد على الرجاء البيضاوي أمس", "O O O O O O", "O B-ORG O B-ORG I-ORG O"),
    # a person inside a club's own name of two words or more
    ("أمام الوداد البيضاوي في", "O O B-PER O", "O B-ORG I-ORG O"),
    # a club only a club is called, read as a person
    ("ومنح هنري التقدم لارسنال", "O B-PER O B-PER", "O B-PER O B-ORG"),
    # a part found as an organisation is widened to the whole name
    ("تعادل أمام المولودية الوجدية", "O O B-ORG O", "O O B-ORG I-ORG"),
    # a country's nisba ending a listed name is not part of it
    ("لاعب الهلال السعودي", "O O O", "O B-ORG O"),
    ("مهاجم يوفنتوس الإيطالي", "O B-ORG I-ORG", "O B-ORG O"),
    ("جماهير النادي المصري", "O O O", "O B-ORG I-ORG"),
    # with a proclitic
    ("وخسر أمام للزمالك", "O O O", "O O B-ORG"),
    # a common word is a club only in a sentence about sport, next to a side's word
    ("أمام الهلال في مباراة الدوري", "O O O O O", "O B-ORG O O O"),
    ("ظهر الهلال في السماء", "O O O O", "O O O O"),
    ("لاعب الهلال في مباراة", "O O O O", "O B-ORG O O"),
    # … or next to another club across a connector
    ("مباراة تجمع النصر مع الوكرة", "O O O O O", "O O B-ORG O B-ORG"),
    # a club named after its town: the town after «في» stays a place
    ("فاز برشلونة في مباراة الكأس", "O B-LOC O O O", "O B-ORG O O O"),
    ("أقيمت مباراة الكأس في برشلونة", "O O O O B-LOC", "O O O O B-LOC"),
    ("خسر لاعبو ريال مدريد", "O O O B-LOC", "O O B-ORG I-ORG"),
    # a place that is not a whole club name is left alone
    ("في ريال مدريد الجديدة", "O O B-LOC I-LOC", "O O B-LOC I-LOC"),
    # organisations and longer names are not cut
    ("أعلن الاتحاد السعودي لكرة القدم", "O B-ORG I-ORG I-ORG I-ORG", "O B-ORG I-ORG I-ORG I-ORG"),
    # a common name outside sport
    ("وقعت القوات على الاتفاق", "O O O O", "O O O O"),
]


@pytest.mark.parametrize(("sentence", "before", "after"), CASES)
def test_clubs(sentence: str, before: str, after: str) -> None:
    assert tag(sentence, before) == after.split()


def test_sport_reaches_the_next_sentence() -> None:
    doc = [["انتهت", "مباراة", "الدوري", "بالتعادل"], ["وتقدم", "الهلال", "على", "النصر"]]
    tags = [["O"] * 4, ["O"] * 4]
    assert clubs(doc, tags, forms)[1] == ["O", "B-ORG", "O", "B-ORG"]
    far = [doc[0], ["ثم"], ["وهذا"], doc[1]]
    assert clubs(far, [["O"] * 4, ["O"], ["O"], ["O"] * 4], forms)[3] == ["O"] * 4


def test_sport_sentences() -> None:
    keyed = [(["انتهت", "المباراه"], ["انتهت", "المباراه"]), (["ثم"], ["ثم"]), (["و"], ["و"])]
    table = default_clubs()
    sporty = SportSentences(keyed, table.cues)
    assert [sporty[k] for k in range(3)] == [True, True, False]


def test_own_table() -> None:
    table = Clubs({"نادي المستقبل": False, "النجوم": True}, frozenset({"مباراه"}),
                  frozenset({"في"}), frozenset({"امام"}), frozenset({"مع"}))
    assert table.starts == frozenset({"نادي", "النجوم"}) and table.longest == 2
    toks = ["أمام", "النجوم", "في", "مباراة"]
    assert clubs([toks], [["O"] * 4], forms, table)[0] == ["O", "B-ORG", "O", "O"]


def test_packaged_data() -> None:
    table = default_clubs()
    assert len(table.names) > 600
    assert table.names["الزمالك"] is False and table.names["الهلال"] is True
    assert "مباراه" in table.cues and "في" in table.not_after
    assert "امام" in table.before and "مع" in table.connectors


def test_bad_rows_name_the_line(tmp_path: pytest.TempPathFactory,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import hadath.ner.clubs as C
    from hadath.errors import DataFileError

    def rows(_rel: str, _cols: tuple[str, ...]):  # type: ignore[no-untyped-def]
        yield 4, ("الزمالك", "EGY", "maybe")

    monkeypatch.setattr(C, "iter_tsv", rows)
    C.default_clubs.cache_clear()
    try:
        with pytest.raises(DataFileError) as e:
            C.default_clubs()
        assert e.value.line == 4
    finally:
        monkeypatch.undo()
        C.default_clubs.cache_clear()
