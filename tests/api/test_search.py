"""The Arabic search index: diacritics, letter variants, clitics, phrases, prefixes."""

from __future__ import annotations

import pytest

from hadath.api.search import SearchIndex, snippet

DOCS = {
    "a": "قال وزيرُ الخارجيةِ إنّ الحكومةَ الإسرائيلية وافقت على الهدنة.",
    "b": "زار الرئيس بغداد أمس، وفي بغداد التقى رئيسَ الوزراء وبالحكومة العراقية.",
    "c": "أعلن المستشفى أن مستشفاه استقبل الجرحى، وقالت حكومته إنها ستحقق.",
}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    ix = SearchIndex()
    for key, text in DOCS.items():
        ix.add(key, text)
    ix.add("a", "ignored: a key is indexed once")
    return ix


@pytest.mark.parametrize(("query", "keys"), [
    ("الحكومة", {"a", "b", "c"}),      # clitics: وبالحكومة, pronoun: حكومته
    ("حكومه", {"a", "b", "c"}),        # ta marbuta written as ha
    ("الحكومةَ", {"a", "b", "c"}),     # diacritics
    ("ببغداد", {"b"}),                 # a clitic on the query
    ("اسرائيلية", {"a"}),              # hamza forms of alef
    ("إسرائيل*", {"a"}),               # prefix
    ("مستشفى", {"c"}),                 # alef maqsura, and مستشفاه
    ("وزير الخارجية", {"a"}),          # every word must match
    ('"وزير الخارجية"', {"a"}),        # a phrase
    ('"الخارجية وزير"', set()),        # the phrase in the wrong order
    ("بغداد هدنة", set()),
    ("", set()),
    ("؟!", set()),
])
def test_matches(index: SearchIndex, query: str, keys: set[str]) -> None:
    assert {h.key for h in index.search(query)} == keys


def test_ranking_and_offsets(index: SearchIndex) -> None:
    hits = index.search("بغداد")
    assert hits[0].key == "b" and DOCS["b"][hits[0].start:hits[0].end] == "بغداد"
    assert len(index) == 3 and "a" in index


def test_snippet() -> None:
    text = "كلمة " * 50 + "هدف" + " كلمة" * 50
    start = text.index("هدف")
    before, match, after = snippet(text, start, start + 3, width=20)
    assert match == "هدف" and before.startswith("…") and after.endswith("…")
    assert len(before) < 30
