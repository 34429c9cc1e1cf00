"""Normalisation for matching, and its map back to the original text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hadath.errors import DataFileError
from hadath.resources import data_path
from hadath.text import normalize as nm
from hadath.text.normalize import Normalized, normalize, normalize_light, normalize_str

from . import corpus_sample, needs_corpus

# (original, normalised): words and phrases as written in the ANT corpus.
CASES = [
    # diacritics, shadda, tanween, superscript alef
    ("لوَّحت", "لوحت"),
    ("جائزةِ", "جائزه"),
    ("فوزاً", "فوزا"),
    ("أصداءً", "اصداء"),
    ("تحصيناً", "تحصينا"),
    ("ماسيّ", "ماسي"),
    ("قصّته", "قصته"),
    ("التَّرك", "الترك"),
    ("سُلم", "سلم"),
    ("وَذِكْرَىٰ", "وذكري"),
    ("ربىٰ", "ربي"),
    # tatweel
    ("بـ", "ب"),
    ("لـCNN", "لCNN"),
    ("للـ", "لل"),
    ("فھـد", "فهد"),
    ("وسـعيھا", "وسعيها"),
    # alef forms, alef maqsura, ta marbuta
    ("إلى", "الي"),
    ("آلاف", "الاف"),
    ("الإمارات", "الامارات"),
    ("أحلام", "احلام"),
    ("مستشفى", "مستشفي"),
    ("المتحدة", "المتحده"),
    ("مسؤولية", "مسؤوليه"),
    # Persian and Urdu letter variants
    ("المواطنین", "المواطنين"),
    ("المركزیة", "المركزيه"),
    ("مرکز", "مركز"),
    ("ھـذه", "هذه"),
    ("وغیرھا", "وغيرها"),
    # presentation forms (text copied from PDFs)
    ("ﻟﯾون", "ليون"),
    ("ﻷول", "لاول"),
    ("أﻣﺎ", "اما"),
    ("ﻣﺎ ﻳﺼﻞ", "ما يصل"),
    # digits and number punctuation
    ("٢٠١٥", "2015"),
    ("١٢.٧", "12.7"),
    ("2.5٪", "2.5%"),
    ("١٣٫٥", "13.5"),
    # quotation marks
    ("«دي فرانشيسكو»", '"دي فرانشيسكو"'),
    ("“أفاست”", '"افاست"'),
    ("‘الميا’", "'الميا'"),
    ("Ocean’s8", "Ocean's8"),
    # invisible characters
    ("\u200fاليمن", "اليمن"),
    ("\u2067\u202bالجوف\u2069", "الجوف"),
    ("\ufeffفي وثيق", "في وثيق"),
    ("كانت \u200e\u200fبعض", "كانت بعض"),
    ("سوق\u202d \u202cالسمك", "سوق السمك"),
    # spaces
    ("10\u00a0%", "10 %"),
    ("تموز\u2009يوليو", "تموز يوليو"),
    # kept as they are
    ("ماذا؟ نعم، لا؛ ربما", "ماذا؟ نعم، لا؛ ربما"),
    ("MBC مصر", "MBC مصر"),
]


@pytest.mark.parametrize(("original", "expected"), CASES)
def test_normalize_cases(original: str, expected: str) -> None:
    n = normalize(original)
    assert n.text == expected
    assert normalize_str(original) == expected
    _check_alignment(n)


def _check_alignment(n: Normalized) -> None:
    offsets = list(n.offsets)
    assert len(offsets) == len(n.text) + 1
    assert offsets[-1] == len(n.original)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(n.text):
        src = n.original[offsets[i]]
        assert ch in normalize_str(src)  # each character comes from its source


@pytest.mark.parametrize(
    ("original", "span", "covers"),
    [
        ("وَقَالَ الرَّئِيسُ", (5, 11), "الرَّئِيسُ"),
        ("وَقَالَ الرَّئِيسُ", (0, 4), "وَقَالَ"),
        ("\u200fاليمن", (0, 5), "اليمن"),
        ("بـ20", (0, 1), "بـ"),
        ("ﻻ بد", (0, 2), "ﻻ"),
        ("ﻻ بد", (1, 2), "ﻻ"),
        ("قال", (1, 1), ""),
    ],
)
def test_to_original(original: str, span: tuple[int, int], covers: str) -> None:
    n = normalize(original)
    a, b = n.to_original(*span)
    assert original[a:b] == covers


def test_from_original_round_trip() -> None:
    text = "وَقَالَ الرَّئِيسُ «إنّه» ﻻ بُدَّ"
    n = normalize(text)
    a, b = n.from_original(8, 18)
    assert n.text[a:b] == "الرئيس"
    assert n.to_original(a, b) == (8, 18)


def test_span_errors() -> None:
    n = normalize("قال")
    with pytest.raises(ValueError):
        n.to_original(2, 5)
    with pytest.raises(ValueError):
        n.from_original(-1, 2)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "...", "abc", "👍🏻 🇮🇶"])
def test_edge_cases(text: str) -> None:
    n = normalize(text)
    assert n.text == normalize_str(text)
    _check_alignment(n)


def test_unchanged_text_has_identity_offsets() -> None:
    n = normalize("قال الرئيس")
    assert isinstance(n.offsets, range)
    assert n.to_original(4, 10) == (4, 10)


def test_light_form_keeps_letters() -> None:
    assert normalize_light("مدينةٌ إلى الأُمم") == "مدينة إلى الأمم"
    assert normalize_light("ﻟﻼعبين") == "للاعبين"
    for text, _ in CASES:
        assert len(normalize_light(text)) == len(normalize_str(text))


def test_idempotent() -> None:
    for text, expected in CASES:
        assert normalize_str(expected) == expected, text


def test_offsets_sequence_protocol() -> None:
    n = normalize("قَالَ")
    assert list(n.offsets) == [0, 2, 3, 5]
    assert n.offsets[-1] == 5
    assert n.offsets[1:3] == [2, 3]
    assert n.offsets == [0, 2, 3, 5]
    with pytest.raises(IndexError):
        n.offsets[4]


@needs_corpus
def test_corpus_alignment() -> None:
    for text in corpus_sample(300):
        n = normalize(text)
        assert n.text == normalize_str(text)
        offsets = list(n.offsets)
        assert len(offsets) == len(n.text) + 1 and offsets[-1] == len(text)
        for i in range(0, len(n.text), 7):
            a, b = n.to_original(i, i + 1)
            assert n.text[i] in normalize_str(text[a:b])


def test_one_megabyte() -> None:
    """A long text in one call (its speed is a benchmark's business: BENCHMARKS.md)."""
    chunk = "وَقَالَ الرَّئِيسُ «إنّه» ﻻ بُدَّ مِن ذلك ١٣٫٥\u200f. "
    text = chunk * (1_000_000 // len(chunk))
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert n.text == normalize(chunk).text * (1_000_000 // len(chunk))


# -- the character map is validated on load ------------------------------------------

def _charmap() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(data_path(nm.CHARMAP).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("fold"),
        lambda d: d.update(extra={}),
        lambda d: d["fold"].update({"U+0660..U+0669": "0123"}),
        lambda d: d["fold"].update({"أ": "اا"}),
        lambda d: d["fold"].update({"U+ZZZZ": "x"}),
        lambda d: d["fold"].update({"U+0669..U+0660": "x"}),
        lambda d: d["compat"].update({"ـ": "x"}),
        lambda d: d["fold"].update({"x": "ـ"}),
        lambda d: d["fold"].update({"x": "أ"}),
        lambda d: d.update(presentation_forms="FB50"),
    ],
)
def test_bad_charmap_is_rejected(mutate: Any) -> None:
    data = _charmap()
    mutate(data)
    raw = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(DataFileError) as err:
        nm._build_tables(data, raw)
    assert err.value.input and err.value.input.endswith("charmap.json")


def test_bad_charmap_points_at_line() -> None:
    data = _charmap()
    data["fold"]["ڭ"] = "gg"
    raw = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(DataFileError) as err:
        nm._build_tables(data, raw)
    assert err.value.line is not None
    assert '"ڭ"' in raw.splitlines()[err.value.line - 1]
