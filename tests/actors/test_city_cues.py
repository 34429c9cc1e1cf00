"""A name that is both a country and a city: the city after «العاصمة», «مدينة»."""

from __future__ import annotations

import pytest

import hadath


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer", "timex", "linker"])


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("شهد الأردن احتجاجات في العاصمة عمان ضد قانون الضريبة.", "عمان", "JOR"),
        ("وصل الوفد إلى مدينة عمان صباح الأحد.", "عمان", "JOR"),
        ("وزار وزير خارجية عمان يوسف بن علوي طهران.", "عمان", "OMN"),
    ],
)
def test_city_after_cue(nlp: hadath.Pipeline, text: str, name: str, country: str) -> None:
    doc = nlp(text)
    (ent,) = [e for e in doc.entities if e.name == name]
    assert ent.country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a nisba of another country after a known body's name: not that body
        ("احتجاجا على تجاهل حكومة الوفاق الفلسطيني لحقوق الموظفين.", None),
        ("قالت حكومة الوفاق الليبية إن قواتها تقدمت.", "LBY"),
    ],
)
def test_nisba_of_another_country(nlp: hadath.Pipeline, text: str, country: str | None) -> None:
    doc = nlp(text)
    gna = [e for e in doc.entities if e.kb_id == "org:gna"]
    assert [e.country for e in gna] == ([country] if country else [])


def test_spokesperson_takes_the_owner() -> None:
    nlp = hadath.load(["normalizer", "sentencizer", "tokenizer", "timex", "ner", "linker"])
    doc = nlp("وقالت مايا كوسيانتيش، المتحدثة باسم فيديريكا موغيريني منسقة السياسة الخارجية "
              "في الاتحاد الأوروبي، إن الاتحاد يعارض بناء المستوطنات.")
    (ent,) = [e for e in doc.entities if e.name == "مايا كوسيانتيش"]
    assert (ent.country, ent.sector) == ("EUR", "IGO")


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        # a title after a name, before «و» and the next name, is the first name's
        ("اتصل العاهل السعودي بالملك عبد الله الثاني ملك الأردن والشيخ صباح الأحمد أمير الكويت.",
         "الملك عبد الله الثاني", "ملك الأردن"),
        ("اتصل العاهل السعودي بالملك عبد الله الثاني ملك الأردن والشيخ صباح الأحمد أمير الكويت.",
         "الشيخ صباح الأحمد", "أمير الكويت"),
    ],
)
def test_title_in_apposition(nlp: hadath.Pipeline, text: str, person: str, title: str) -> None:
    doc = nlp(text)
    (ent,) = [e for e in doc.entities if e.name == person]
    assert title in [m.text for m in ent.mentions]
