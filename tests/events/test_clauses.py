"""Clause boundaries (hadath.events.clauses) and pronoun helpers (hadath.events.pronouns)."""

from __future__ import annotations

import pytest

import hadath
from hadath.doc import Token
from hadath.events.clauses import asides, blocked, clause_end, clause_start, embedded_start
from hadath.events.pronouns import counterpart, dropped_subject, has_pronoun, stem
from hadath.events.triggers import Trigger


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer"])


def tokens(nlp: hadath.Pipeline, text: str) -> list[Token]:
    return list(nlp(text).tokens)


def at(toks: list[Token], word: str) -> int:
    return next(k for k, t in enumerate(toks) if t.text == word)


def trigger(toks: list[Token], word: str, *, nominal: bool = False, event: str = "ACCUSE",
            last: str | None = None) -> Trigger:
    k = at(toks, word)
    m = at(toks, last) if last else k
    return Trigger(toks[k].start, toks[m].end, k, m, event, (), None, "test", {}, None,
                   False, nominal)


@pytest.mark.parametrize(
    ("text", "word", "first"),
    [
        ("قال الوزير، خلال المؤتمر، إن بلاده ترفض القرار.", "ترفض", "إن"),
        ("دانت مصر الهجوم ورفضت التبرير.", "ورفضت", "دانت"),
        ("وصل الوفد؛ ثم التقى الرئيس.", "التقى", "ثم"),
    ],
)
def test_clause_start(nlp: hadath.Pipeline, text: str, word: str, first: str) -> None:
    toks = tokens(nlp, text)
    assert toks[clause_start(toks, at(toks, word))].text == first


@pytest.mark.parametrize(
    ("text", "word", "first"),
    [
        ("أكدت مصر أن الهجوم مرفوض.", "الهجوم", "الهجوم"),  # after a complementizer
        ("دانت مصر الهجوم على السفارة.", "الهجوم", "دانت"),  # no embedded clause
    ],
)
def test_embedded_start(nlp: hadath.Pipeline, text: str, word: str, first: str) -> None:
    toks = tokens(nlp, text)
    assert toks[embedded_start(toks, at(toks, word))].text == first


def test_embedded_start_after_a_verb_whose_content_it_is(nlp: hadath.Pipeline) -> None:
    toks = tokens(nlp, "دانت البحرين الهجوم الحوثي.")
    verb = at(toks, "دانت")
    assert embedded_start(toks, at(toks, "الهجوم"), frozenset({verb})) == verb + 1


def test_blocked(nlp: hadath.Pipeline) -> None:
    toks = tokens(nlp, "التقى الوزير. وصل الرئيس")
    assert blocked(toks, 0, at(toks, "الرئيس"))
    assert not blocked(toks, 0, at(toks, "الوزير"))


@pytest.mark.parametrize(
    ("text", "word", "new_clause"),
    [
        ("دانت البحرين الهجوم، كما أكدت المنامة دعمها.", "دانت", "،"),
        ("دعا الرئيس الحكومة، ولمناقشة الوضع اجتمع المجلس.", "دعا", "،"),
        ("اتهمت الهند باكستان، التي ترفض الاتهام.", "اتهمت", "،"),
        ("اتهمت الهند باكستان، التي ترفض الاتهام، بدعم الإرهاب.", "اتهمت", None),
        ("اتهمت الهند باكستان بدعم الإرهاب.", "اتهمت", None),
        # a cause opens a clause of its own («بسبب تقديم الدوحة الدعم … وتعاملها مع إيران»)
        ("قطعت مصر علاقاتها مع قطر، بسبب تعاملها مع إيران.", "قطعت", "،"),
    ],
)
def test_clause_end(nlp: hadath.Pipeline, text: str, word: str, new_clause: str | None) -> None:
    toks = tokens(nlp, text)
    end = clause_end(toks, trigger(toks, word))
    assert (toks[end].text if end < len(toks) else None) == new_clause


def test_asides(nlp: hadath.Pipeline) -> None:
    toks = tokens(nlp, "دعا السيستاني -وهو رجل دين بارز- العبادي إلى الإصلاح.")
    inside = asides(toks, trigger(toks, "دعا"))
    assert at(toks, "رجل") in inside and at(toks, "العبادي") not in inside
    toks = tokens(nlp, "حض السيستاني في خطبة الجمعة، التي قرأها الكربلائي، الشعب على الهدوء.")
    inside = asides(toks, trigger(toks, "حض"))
    assert at(toks, "الكربلائي") in inside and at(toks, "الشعب") not in inside


@pytest.mark.parametrize(
    ("word", "pronoun", "its_stem"),
    [("إدانته", True, "ادانت"), ("ويتهمها", True, None), ("الهجوم", False, None)],
)
def test_pronoun_words(nlp: hadath.Pipeline, word: str, pronoun: bool,
                       its_stem: str | None) -> None:
    (tok,) = tokens(nlp, word)
    assert has_pronoun(tok) == pronoun
    if its_stem is not None:
        assert stem(tok) == its_stem


@pytest.mark.parametrize(("word", "yes"), [("نظيره", True), ("نظيرته", True),
                                           ("نظير", False), ("وزيره", False)])
def test_counterpart(nlp: hadath.Pipeline, word: str, yes: bool) -> None:
    (tok,) = tokens(nlp, word)
    assert counterpart(tok) == yes


@pytest.mark.parametrize(
    ("text", "word", "nominal", "material", "dropped"),
    [
        ("وأعرب عن إدانته للهجوم.", "إدانته", True, False, True),  # a speech act's doer
        ("وطالب باعتقاله فورا.", "باعتقاله", True, True, False),  # the one arrested
        ("وقالت إنها رفضت الطلب.", "رفضت", False, False, True),  # «إنها» before the verb
        ("الجهات التي تدعمهم كثيرة.", "تدعمهم", False, False, False),  # a relative's noun
        ("وأكد الوزير قرار الحكومة.", "قرار", True, False, False),
        ("وجاءت إدانته بالتخطيط للانقلاب.", "إدانته", True, False, False),  # he is accused
        ("وجاء اتهامه لإيران بدعم الإرهاب.", "اتهامه", True, False, True),  # he accuses
    ],
)
def test_dropped_subject(nlp: hadath.Pipeline, text: str, word: str, nominal: bool,
                         material: bool, dropped: bool) -> None:
    toks = tokens(nlp, text)
    assert dropped_subject(toks, trigger(toks, word, nominal=nominal), material) == dropped


def test_word_lists_are_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from hadath.errors import DataFileError
    from hadath.events import parties
    from hadath.resources import load_json

    words = parties._words()
    assert {"قد", "لم"} <= words.verb_particles and "كما" in words.clause_openers
    assert "انها" in words.pronoun_openers and "التي" in words.relatives
    raw = dict(load_json("ar/arguments.json"))
    del raw["clause_openers"]
    monkeypatch.setattr(parties, "load_json", lambda _path: raw)
    parties._words.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"ar/arguments\.json: expected .*clause_openers"):
            parties._words()
    finally:
        monkeypatch.undo()
        parties._words.cache_clear()
