"""Normalisation and anchoring rules, Hijri conversion, tense."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from hadath.text.normalize import normalize_str
from hadath.text.tokens import tokenize
from hadath.times import extract_times
from hadath.times.anchor import Tense, choose_anchor, parse_day
from hadath.times.durations import iso_duration
from hadath.times.grammar import parse
from hadath.times.hijri import hijri_month_span, hijri_year_of, hijri_year_span, to_gregorian
from hadath.times.mention import Mention
from hadath.times.values import resolve

THURSDAY = "2024-06-13"


def values(text: str, published: str | None = THURSDAY) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in extract_times(text, published).times]


# -- weekdays -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("قال الوزير الخميس إن", "2024-06-13"),          # the anchor's own weekday: that day
    ("قال الوزير الأربعاء إن", "2024-06-12"),        # the nearest before
    ("قال الوزير الجمعة إن", "2024-06-07"),          # past by default
    ("سيزور الوزير باريس الجمعة", "2024-06-14"),     # future prefix «سـ»
    ("سيزور الوزير باريس، الجمعة، في", "2024-06-14"),  # read through the comma
    ("من المقرر أن يصل الوزير الجمعة", "2024-06-14"),  # a future word
    ("وصل الخميس الماضي", "2024-06-06"),             # strictly before
    ("يصل الخميس المقبل", "2024-06-20"),             # strictly after
    ("يصل الجمعة القادم", "2024-06-14"),
])
def test_weekdays(text: str, expected: str) -> None:
    assert [v for _, v in values(text)] == [expected]


def test_a_future_marker_in_another_clause_does_not_count() -> None:
    assert values("سيزور الوزير باريس. وقال الجمعة إن") == [("الجمعة", "2024-06-07")]


def test_a_weekday_named_again_after_muqbil_is_the_same_day() -> None:
    text = "تعقد الدول الأحد المقبل اجتماعا. وتم الاتفاق على عقد اجتماع الأحد في مكة"
    assert [v for _, v in values(text, "2018-06-09")] == ["2018-06-10", "2018-06-10"]


def test_parts_of_the_day_keep_the_day() -> None:
    assert values("ووصل صباح الخميس إلى بغداد") == [("صباح الخميس", THURSDAY)]
    assert values("مساء أمس وفجر اليوم") == [("مساء أمس", "2024-06-12"),
                                                ("فجر اليوم", THURSDAY)]
    assert values("في وقت متأخر من ليل الأربعاء") == [
        ("في وقت متأخر من ليل الأربعاء", "2024-06-12")]


# -- relative days, weeks, months, years ----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("أمس", "2024-06-12"), ("اليوم", THURSDAY), ("غدًا", "2024-06-14"),
    ("أول أمس", "2024-06-11"), ("بعد غد", "2024-06-15"), ("يوم الغد", "2024-06-14"),
    ("الأسبوع الماضي", "2024-W23"), ("هذا الأسبوع", "2024-W24"),
    ("الأسبوع المقبل", "2024-W25"), ("الشهر المقبل", "2024-07"),
    ("الشهر الماضي", "2024-05"), ("الشهر الجاري", "2024-06"), ("العام الماضي", "2023"),
    ("السنة المقبلة", "2025"), ("العام قبل الماضي", "2022"), ("نهاية العام الماضي", "2023-12"),
    ("مطلع العام المقبل", "2025-01"), ("منتصف العام الحالي", "2024"),
    ("نهاية الشهر الحالي", "2024-06"), ("القرن الماضي", "19XX"),
    ("ثمانينيات القرن الماضي", "198X"), ("الثمانينيات", "198X"), ("العشرينيات", "202X"),
])
def test_relative_expressions(text: str, expected: str) -> None:
    assert values(f"قال {text} إن") == [(text, expected)]


@pytest.mark.parametrize(("text", "expected"), [
    ("قبل يومين", "2024-06-11"), ("قبل أسبوع", "2024-06-06"), ("قبل ثلاثة أشهر", "2024-03"),
    ("قبل عام", "2023-06"), ("قبل 20 عاما", "2004-06"),
])
def test_ago_counts_back_from_the_anchor(text: str, expected: str) -> None:
    assert values(f"وصل {text} إلى") == [(text, expected)]


def test_ago_from_another_event_is_a_duration() -> None:
    assert values("قبل يومين من الهجوم") == [("يومين", "P2D")]
    assert values("منذ ثلاث سنوات") == [("ثلاث سنوات", "P3Y")]


def test_today_that_is_not_today() -> None:
    assert values("في اليوم التالي وفي اليوم نفسه وفي ذلك اليوم واليوم الثالث") == []
    assert values("قالت روسيا اليوم إن") == []
    assert values("تبدأ اليوم المحادثات") == [("اليوم", THURSDAY)]


# -- calendar dates -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("يوم الخميس 13 حزيران/يونيو 2024", "2024-06-13"),
    ("13 يونيو (حزيران) 2024", "2024-06-13"),
    ("الثالث عشر من جوان 2024", "2024-06-13"),
    ("13 جويلية 2024", "2024-07-13"),
    ("١٣ كانون الثاني ٢٠٢٤", "2024-01-13"),
    ("13/6/2024", "2024-06-13"), ("2024-06-13", "2024-06-13"), ("6/13/2024", "2024-06-13"),
    ("الحادي والعشرين من أيلول/سبتمبر 2023", "2023-09-21"),
    ("تموز/يوليو 2013", "2013-07"), ("عام 2011", "2011"), ("نهاية 2013", "2013-12"),
    ("عامي 1980 و1988", "1980/1988"), ("1975-1990", "1975/1990"),
    ("ثمانينيات القرن العشرين", "198X"), ("القرن التاسع عشر", "18XX"),
    ("15 رمضان 1445 هـ", "2024-03-25"), ("26 شوال 1436ه", "2015-08-11"),
    ("رمضان 1445 هـ", "2024-03-11/2024-04-09"),
])
def test_absolute_dates(text: str, expected: str) -> None:
    assert values(f"في {text} قال", None) == [(text, expected)]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("في 12 مايو قال", "2018-04-24", "2018-05-12"),       # nearest: ahead
    ("في 19 ديسمبر قال", "2018-04-09", "2017-12-19"),     # nearest: behind
    ("منذ 13 ديسمبر قال", "2018-07-15", "2017-12-13"),    # after «منذ»: behind
    ("في 13 ديسمبر الماضي قال", "2018-12-10", "2017-12-13"),
    ("في الأول من سبتمبر الجاري قال", "2018-09-09", "2018-09-01"),
    ("في مارس قال", "2018-08-08", "2018-03"),
    ("في نوفمبر قال", "2018-02-26", "2017-11"),
    ("في أكتوبر الماضي قال", "2018-04-26", "2017-10"),
    ("في شهر أبريل/نيسان المقبل قال", "2018-03-01", "2018-04"),
    ("في فبراير من العام الماضي قال", "2018-08-18", "2017-02"),
])
def test_dates_without_a_year(text: str, published: str, expected: str) -> None:
    assert [v for _, v in values(text, published)] == [expected]


def test_a_range_shares_its_year() -> None:
    assert values("بين أيار/مايو وآب/أغسطس 2013", None) == [
        ("أيار/مايو", "2013-05"), ("آب/أغسطس 2013", "2013-08")]


def test_a_list_of_days_shares_its_month() -> None:
    assert values("زيارة في 9 و10 نيسان/أبريل", "2018-04-05") == [
        ("9", "2018-04-09"), ("10 نيسان/أبريل", "2018-04-10")]


def test_bare_months_need_a_cue() -> None:
    assert values("الذي مارس الضغط على باب المندب في نيسان") == [("نيسان", "2024-04")]


def test_bare_numbers_are_years_only_after_a_cue() -> None:
    assert values("وتشهد منذ 2013 حربا") == [("2013", "2013")]
    assert values("تقسيمها في 1947 بين الهند وباكستان") == [("1947", "1947")]
    assert values("قتل نحو 2000 شخص في 2000 منزل") == []


def test_relative_expressions_need_an_anchor() -> None:
    assert values("قال أمس إن الأسبوع الماضي كان صعبا في مارس", None) == []


# -- durations, sets, clock times -----------------------------------------------------------

@pytest.mark.parametrize(("n", "unit", "expected"), [
    (Fraction(2), "D", "P2D"), (Fraction(48), "H", "PT48H"), (Fraction(3, 2), "Y", "P1Y6M"),
    (Fraction(1, 2), "H", "PT30M"), (Fraction(1, 4), "CE", "P25Y"), (Fraction(3), "DE", "P30Y"),
    (Fraction(3, 2), "D", "P1DT12H"), (Fraction(1, 2), "S", "PT0.5S"),
    (Fraction(5, 2), "W", "P2W3DT12H"), (Fraction(1, 3), "CE", "P33Y4M"),
])
def test_iso_durations(n: Fraction, unit: str, expected: str) -> None:
    assert iso_duration(n, unit) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("يومين", "P2D"), ("48 ساعة", "PT48H"), ("ثلاثة أيام", "P3D"), ("ثلاثين يوما", "P30D"),
    ("خمسة وعشرين عاما", "P25Y"), ("ثلاثة عشر شهرا", "P13M"), ("عام ونصف عام", "P1Y6M"),
    ("نصف ساعة", "PT30M"), ("ربع قرن", "P25Y"), ("ليوم واحد", "P1D"), ("لأسبوع", "P1W"),
])
def test_durations(text: str, expected: str) -> None:
    assert values(f"استمر {text} فقط") == [(text, expected)]


def test_ages_are_not_durations() -> None:
    assert values("البالغ من العمر 32 عاما") == []
    assert values("وقال محمد (55 عاما) إن") == []
    assert values("في الثمانينات من العمر") == []


def test_a_singular_unit_needs_a_cue() -> None:
    assert values("نظم إضراب عام في البلاد") == []
    assert values("بعد يوم من الهجوم") == [("يوم", "P1D")]


def test_sets() -> None:
    assert values("يقام كل عام") == [("كل عام", "P1Y")]
    assert values("تجري كل يوم جمعة") == [("كل يوم جمعة", "XXXX-WXX-5")]


@pytest.mark.parametrize(("text", "expected"), [
    ("الساعة العاشرة صباحًا بتوقيت غرينتش", "2024-06-13T10:00Z"),
    ("الساعة 8:45 مساء بالتوقيت المحلي", "2024-06-13T20:45"),
    ("الساعة الثانية عشرة ظهرا", "2024-06-13T12:00"),
    ("الساعة الحادية عشرة ليلا", "2024-06-13T23:00"),
    ("الساعة العاشرة إلا ربعا", "2024-06-13T09:45"),
    ("الساعة الثالثة من فجر الجمعة", "2024-06-07T03:00"),
    ("16:45 بتوقيت غرينتش", "2024-06-13T16:45Z"),
])
def test_clock_times(text: str, expected: str) -> None:
    assert values(f"بدأ {text} واستمر") == [(text, expected)]


def test_a_clock_time_takes_the_day_of_its_sentence() -> None:
    assert values("وصل يوم 22 أغسطس. وبدأ الهجوم في الساعة التاسعة", "2018-08-08") == [
        ("يوم 22 أغسطس", "2018-08-22"), ("الساعة التاسعة", "2018-08-08T09:00")]
    assert values("وصل يوم 22 أغسطس في الساعة التاسعة", "2018-08-08") == [
        ("يوم 22 أغسطس", "2018-08-22"), ("الساعة التاسعة", "2018-08-22T09:00")]


def test_an_open_hour_takes_the_half_of_the_day_of_the_time_before() -> None:
    assert values("الساعة الخامسة مساء بتوقيت باريس، الثالثة بتوقيت غرينتش") == [
        ("الساعة الخامسة مساء", "2024-06-13T17:00"), ("الثالثة بتوقيت غرينتش", "2024-06-13T15:00Z")]


def test_a_clock_time_without_a_day() -> None:
    got = resolve(Mention(0, 1, "clock", hour=9, minute=5), None)
    assert got == ("TIME", "T09:05")


# -- Hijri ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("hijri", "gregorian"), [
    ((1436, 10, 26), date(2015, 8, 11)),   # Umm al-Qura (hijridate)
    ((1445, 9, 1), date(2024, 3, 11)),
    ((1439, 10, 1), date(2018, 6, 15)),
    ((1205, 1, 1), date(1790, 9, 10)),     # before 1343 AH: tabular
    ((1, 1, 1), date(622, 7, 19)),         # the epoch: 16 July 622 Julian
])
def test_hijri_to_gregorian(hijri: tuple[int, int, int], gregorian: date) -> None:
    assert to_gregorian(*hijri) == gregorian


def test_hijri_month_and_year_spans() -> None:
    assert hijri_month_span(1445, 9) == (date(2024, 3, 11), date(2024, 4, 9))
    span = hijri_year_span(1445)
    assert span is not None and span[0] == date(2023, 7, 19)
    assert hijri_year_of(date(2018, 7, 13)) == 1439
    assert hijri_year_of(date(1900, 1, 1)) == 1317


def test_a_thirtieth_day_past_the_table_rolls_over() -> None:
    assert hijri_month_span(1445, 8) == (date(2024, 2, 11), date(2024, 3, 10))
    assert to_gregorian(1445, 8, 30) == date(2024, 3, 11)
    assert to_gregorian(1445, 13, 1) is None


# -- anchors ----------------------------------------------------------------------------------

def _anchor(text: str, published: str | None) -> tuple[str | None, str | None]:
    norm = normalize_str(text)
    d = choose_anchor(published, norm, parse(norm)).to_dict()
    return d["date"], d["source"]


def test_anchor_sources() -> None:
    assert _anchor("قال أمس", "2024-06-13") == ("2024-06-13", "published")
    dateline = "طرابلس 26 شوال 1436ه الموافق 11 اغسطس 2015م\nتبدأ اليوم المحادثات"
    assert _anchor(dateline, None) == ("2015-08-11", "dateline")
    body = "قال الوزير أمس.\nوكان قد زار باريس في 3 مارس 2017 ثم عاد"
    assert _anchor(body, None) == ("2017-03-03", "first_date")
    assert _anchor("قال الوزير أمس إنه زار باريس في 2017", None) == (None, None)


def test_the_document_uses_its_anchor() -> None:
    found = extract_times("طرابلس 26 شوال 1436ه الموافق 11 اغسطس 2015م\nتبدأ اليوم المحادثات")
    assert found.anchor.to_dict() == {"date": "2015-08-11", "source": "dateline"}
    assert ("اليوم", "2015-08-11") in [(t.text, t.value) for t in found.times]


@pytest.mark.parametrize("value", ["2024-13-01", "2023-02-29", "yesterday", None, ""])
def test_bad_publication_dates_are_no_anchor(value: str | None) -> None:
    assert parse_day(value) is None


def test_tense_reads_the_clause_before() -> None:
    text = "سيزور الوزير باريس الخميس. وقال الخميس"
    tense = Tense(tokenize(text))
    first, second = (i for i in range(len(text)) if text.startswith("الخميس", i))
    assert tense.is_future(first) and not tense.is_future(second)
