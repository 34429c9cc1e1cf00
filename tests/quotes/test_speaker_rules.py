"""Speaker rules of issue #5, second round: relative clauses, places that do not speak,
statements and dual subjects, conjunctions that report nothing. Knowledge-base names
only (no NER), so the cases stay stable."""

from __future__ import annotations

import pytest

import hadath
from hadath.doc import Document


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer", "timex", "linker", "quotes"])


def speaker_of(doc: Document, quote: str) -> str | None:
    hits = [q for q in doc.quotes if quote in q.text]
    assert hits, [q.text for q in doc.quotes]
    return next((e.name for e in doc.entities if e.id == hits[0].speaker), None)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a relative clause is about the noun before it, even one a preposition governs
        ("وقدم أشرف غني عرضا لعقد محادثات مع باكستان، التي ترفض تلك الاتهامات وتشير إلى "
         "أن الآلاف من مواطنيها قتلوا.", "الآلاف من مواطنيها", "باكستان"),
        # a second relative clause («والذي») goes back to the head of the sentence
        ("وكان سامح شكري الذي التقى أحمد أبو الغيط والذي يزور بيروت، قال إن الحوار "
         "هو السبيل الوحيد.", "الحوار هو السبيل", "سامح شكري"),
        # a dual subject: the first of the two
        ("استقبل فلاديمير بوتين بشار الأسد في مدينة سوتشي الروسية، حيث اعتبر الرئيسان أن "
         "الظروف أصبحت مناسبة.", "الظروف أصبحت مناسبة", "فلاديمير بوتين"),
        # a capital speaks for its government
        ('واتهمت أنقرة القس أندرو برانسون بممارسة أنشطة "إرهابية" والتجسس.', "إرهابية",
         "أنقرة"),
        # «وتابع البيان»: the statement quoted before goes on
        ("وقالت الخارجية المصرية في بيان إن الهجوم مدان. وتابع البيان أن مصر تقف مع "
         "ضحايا الهجوم.", "مصر تقف مع ضحايا", "الخارجية المصرية"),
        # «وجاء في بيان X أن»: X says it
        ("وجاء في بيان الجيش الإسرائيلي أنه نفذ غارات جوية على أهداف في القطاع.",
         "نفذ غارات جوية", "الجيش الإسرائيلي"),
        # «و» + a speech verb with its own named subject ends the indirect speech before it
        ('قالت إيران إنها ستحترم النتائج ووصفت فرنسا التصويت بأنه "خطوة مهمة".',
         "خطوة مهمة", "فرنسا"),
        # a dateline is no subject
        ('دبي، الإمارات العربية المتحدة (CNN)-- أعرب سامح شكري عن أمله في الحل، داعيا '
         'الأطراف إلى "الحوار بين الجميع".', "الحوار بين الجميع", "سامح شكري"),
        # a title and its holder after a place («وزير … في مصر سامح شكري»)
        ('ويرفض وزير الخارجية في مصر سامح شكري هذه المقترحات. والسبت قال إن الحل '
         '"لن يكون عسكريا".', "لن يكون عسكريا", "سامح شكري"),
        # «شكر» reports what is said
        ('وشكر سامح شكري الوفود على "مشاركتهم الفعالة في المؤتمر".',
         "مشاركتهم الفعالة", "سامح شكري"),
    ],
)
def test_speaker(nlp: hadath.Pipeline, text: str, quote: str, speaker: str | None) -> None:
    assert speaker_of(nlp(text, published="2018-06-01"), quote) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "وندد الحزبان بحصول تزوير إلا أن اللجنة رفضت الاتهامات.",
        "وقال الرئيس اللبناني بعد أن التقى الوفد في بيروت.",
    ],
)
def test_conjunctions_report_nothing(nlp: hadath.Pipeline, text: str) -> None:
    assert nlp(text, published="2018-06-01").quotes == []


def test_unnamed_speakers_take_the_country_of_the_nisbas(nlp: hadath.Pipeline) -> None:
    doc = nlp("قال مسؤولون إن خمسة أشخاص قتلوا في تفجير في العاصمة الأفغانية. وصرح المتحدث "
              "باسم وزارة الداخلية الأفغانية بأن الهجوم وقع قرب المطار.", published="2018-06-01")
    (q,) = [q for q in doc.quotes if "خمسة أشخاص" in q.text]
    ent = next(e for e in doc.entities if e.id == q.speaker)
    assert (ent.name, ent.country, ent.sector) == ("مسؤولون", "AFG", "GOV")
