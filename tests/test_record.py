"""Checks every record goes through before a component sees it."""

from __future__ import annotations

import pytest

from hadath.errors import (
    BadValue,
    BinaryInput,
    EmptyText,
    HadathError,
    NotArabic,
    NotUtf8,
    TooLarge,
)
from hadath.record import Record, check_record, parse_published
from hadath.settings import Settings

ARABIC = "أعلنت وزارة الخارجية العراقية اليوم عن زيارة مرتقبة لوزير الخارجية الإيراني. "


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("", EmptyText, "empty text"),
        (" \n\t\u00a0", EmptyText, "empty text"),
        ("abc\x00def" + ARABIC, BinaryInput, "binary"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" + ARABIC, BinaryInput, "binary"),
        ("The minister arrived in Baghdad on Thursday for talks with officials.", NotArabic,
         "none of its"),
        ("The minister arrived in Baghdad on Thursday for talks with officials. وصل", NotArabic,
         "below 20%"),
        ("Привет мир, это статья на русском языке о политике.", NotArabic, "not Arabic"),
        ("12345 67890 !!!", NotArabic, "no letters"),
        (ARABIC + "\ud800", NotUtf8, "lone surrogate"),
        (ARABIC * 20_000, TooLarge, "over the limit of 1,000,000"),
    ],
)
def test_bad_records_fail_clearly(text: str, error: type[HadathError], message: str) -> None:
    rec = Record("bad-1", text, input="in.jsonl", line=7)
    with pytest.raises(error, match=message) as info:
        check_record(rec, Settings())
    assert str(info.value).startswith("in.jsonl:7: ")
    assert info.value.to_dict()["error"]["id"] == "bad-1"


@pytest.mark.parametrize(
    "text",
    [
        ARABIC,
        "نشرت شركة Apple تحديثا جديدا لنظام iOS يدعم اللغة العربية.",
        "قال:\r\n\"نعم\"",
        "كلمة",  # too short to judge language, but Arabic
        "هاشتاغ #عاصي_الحلاني على تويتر 😀",
    ],
)
def test_good_records_pass(text: str) -> None:
    check_record(Record("ok", text), Settings())


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-06-13", "2024-06-13"), ("2024-06-13T09:00:00+03:00", "2024-06-13"), (None, None),
     ("", None)],
)
def test_published_dates(value: str | None, expected: str | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["13/6/2024", "2024-13-01", "yesterday", "2024-02-30"])
def test_bad_published_dates(value: str) -> None:
    with pytest.raises(BadValue):
        parse_published(value)


def test_settings_are_validated() -> None:
    with pytest.raises(BadValue):
        Settings(max_chars=0)
    with pytest.raises(BadValue, match="unknown setting"):
        Settings.from_dict({"max_char": 5})
    assert Settings.from_dict(Settings().to_dict()) == Settings()
