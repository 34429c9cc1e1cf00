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
