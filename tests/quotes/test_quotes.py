"""Quotes: detection (direct and indirect), names that are not quotes, speakers."""

from __future__ import annotations

import pytest

import hadath
from hadath.doc import Document
from hadath.errors import DataFileError
from hadath.quotes import lexicon as lexicon_module

from ..conftest import SEED, needs_shared


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer", "linker", "quotes"])


def speaker_name(doc: Document, speaker: str | None) -> str | None:
    return next((e.name for e in doc.entities if e.id == speaker), None)


@needs_shared
def test_seed_quotes(nlp: hadath.Pipeline) -> None:
    doc = nlp(SEED.read_text(encoding="utf-8"), published="2024-06-13")
    got = {q.text[:25]: speaker_name(doc, q.speaker) for q in doc.quotes}
    assert not any("ألترا عراق" in q.text for q in doc.quotes)
    expected = {
        "عمق العلاقات الثنائية بين": "عبد اللطيف رشيد",
        "أهمية التعاون في مجالات ا": "عبد اللطيف رشيد",
        "الاتفاق الأمني بين البلدي": "عبد اللطيف رشيد",
        "ثمّن اهتمام رئيس الجمهوري": "علي باقري كني",
        "حرص الجمهورية الإسلامية ع": "علي باقري كني",
        "يتم خلال الزيارة التركيز ": None,
        "بحثنا العلاقات بين البلدي": "علي باقري كني",
        "نشكر تعاطف العراق حكومة و": "علي باقري كني",
        "على الأمريكيين أن يوقفوا ": "علي باقري كني",
    }
    for start, who in expected.items():
        assert got[start] == who, start
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
        assert q.cue is None or doc.text[q.cue.start:q.cue.end] == q.cue.text


@pytest.mark.parametrize(
    ("text", "quote", "kind", "speaker"),
    [
        ('قال وزير الخارجية المصري سامح شكري إن "الحل السياسي هو الطريق الوحيد".',
         "الحل السياسي هو الطريق الوحيد", "direct", "سامح شكري"),
        ("أكد وزير الخارجية المصري سامح شكري أن بلاده ترفض أي تدخل في شؤونها الداخلية.",
         "بلاده ترفض أي تدخل في شؤونها الداخلية", "indirect", "سامح شكري"),
        ("قال سامح شكري إن المحادثات مثمرة، مضيفا أن الجانبين اتفقا على مواصلة التشاور.",
         "الجانبين اتفقا على مواصلة التشاور", "indirect", "سامح شكري"),
        ("«نرفض هذه الإجراءات بشكل قاطع»، قال سامح شكري للصحفيين.",
         "نرفض هذه الإجراءات بشكل قاطع", "direct", "سامح شكري"),
        ('ونقل البيان عن سامح شكري قوله إن "مصر تدعم الاستقرار في المنطقة".',
         "مصر تدعم الاستقرار في المنطقة", "direct", "سامح شكري"),
        ("شدد سامح شكري على ضرورة احترام سيادة الدول وعدم التدخل في شؤونها.",
         "ضرورة احترام سيادة الدول", "indirect", "سامح شكري"),
    ],
)
def test_quote_and_speaker(nlp: hadath.Pipeline, text: str, quote: str, kind: str,
                           speaker: str) -> None:
    doc = nlp(text, published="2018-06-01")
    hits = [q for q in doc.quotes if quote in q.text]
    assert len(hits) == 1, doc.quotes
    assert hits[0].kind == kind
    assert speaker_name(doc, hits[0].speaker) == speaker


def test_continuation_keeps_the_speaker(nlp: hadath.Pipeline) -> None:
    doc = nlp('قال سامح شكري إن "الوضع خطير جدا في المنطقة". وأضاف أن "الحوار هو الحل الوحيد".',
              published="2018-06-01")
    assert [speaker_name(doc, q.speaker) for q in doc.quotes] == ["سامح شكري"] * 2


def test_chained_quotes_share_a_speaker(nlp: hadath.Pipeline) -> None:
    doc = nlp('قال سامح شكري: "بحثنا العلاقات بين البلدين" و"نشكر الأشقاء على مواقفهم".',
              published="2018-06-01")
    assert len(doc.quotes) == 2
    assert doc.quotes[0].speaker == doc.quotes[1].speaker is not None


@pytest.mark.parametrize(
    "text",
    [
        'وفق بيان اطلع عليه "ألترا عراق" اليوم.',
        'زاد حزب "القوات اللبنانية" عدد مقاعده.',
        'احتجاجا على قانون "يهودية الدولة" الذي أقره البرلمان.',
        'أطلق التحالف عملية "عاصفة الحزم" في اليمن.',
        '"تمثيل نسبي"\nوبلغت نسبة الإقبال نحو 49 في المئة.',
    ],
)
def test_names_and_headings_are_not_quotes(nlp: hadath.Pipeline, text: str) -> None:
    assert nlp(text, published="2018-06-01").quotes == []


def test_a_broken_lexicon_names_file_and_line(tmp_path: object, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    from hadath import resources

    bad = '{\n  "verbs": ["قال",\n}\n'
    monkeypatch.setattr(resources, "read_text", lambda rel: bad)
    lexicon_module.lexicon.cache_clear()
    resources.load_json.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"quotes\.json:\d"):
            lexicon_module.lexicon()
    finally:
        monkeypatch.undo()
        lexicon_module.lexicon.cache_clear()
        resources.load_json.cache_clear()


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("وقال مصدر أمني عراقي إن الهجوم أسفر عن سقوط قتلى.", "الهجوم أسفر",
         ("مصدر أمني عراقي", "IRQ", "COP")),
        ("ويقول محللون إن الحكومة الجديدة ضعيفة.", "الحكومة الجديدة ضعيفة",
         ("محللون", None, "UNK")),
        ("وذكرت وسائل إعلام تركية أن الجيش تقدم في المنطقة.", "الجيش تقدم",
         ("وسائل إعلام تركية", "TUR", "MED")),
    ],
)
def test_unnamed_speakers_become_entities(nlp: hadath.Pipeline, text: str, quote: str,
                                          speaker: tuple[str, str | None, str]) -> None:
    doc = nlp(text, published="2018-06-01")
    (q,) = [q for q in doc.quotes if quote in q.text]
    ent = next(e for e in doc.entities if e.id == q.speaker)
    assert (ent.name, ent.country, ent.sector) == speaker
    assert doc.text[ent.mentions[0].start:ent.mentions[0].end] == ent.name
