"""Hijri (Islamic) dates to Gregorian.

The calendar is **Umm al-Qura**, the official calendar of Saudi Arabia and
the one most Arab newspapers print beside the Gregorian date, through the
``hijridate`` package (MIT), which covers 1343-1500 AH (1924-2077 CE).
Outside that range the **tabular** (arithmetic, civil epoch 16 July 622)
calendar is used. Both can differ by a day or two from dates fixed by moon
sighting in a given country; a day written past the end of a month in the
table («30 شعبان» where Umm al-Qura has 29 days) rolls over to the next month.
"""

from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian, Hijri

__all__ = ["hijri_month_span", "hijri_year_of", "hijri_year_span", "to_gregorian"]

_UMM_AL_QURA = (1343, 1500)
_EPOCH_ORDINAL = 227015  # 1 Muharram 1 AH, tabular: 16 July 622 Julian = date(622, 7, 19)


def _tabular_first(year: int, month: int) -> date:
    days = (year - 1) * 354 + (3 + 11 * year) // 30 + (295 * (month - 1) + 9) // 10
    return date.fromordinal(_EPOCH_ORDINAL + days)


def _first_of_month(year: int, month: int) -> date:
    if _UMM_AL_QURA[0] <= year <= _UMM_AL_QURA[1]:
        return Hijri(year, month, 1).to_gregorian()
    return _tabular_first(year, month)


def to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of Hijri ``year-month-day``, or None if it cannot be one."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1 <= year <= 9000):
        return None
    return _first_of_month(year, month) + timedelta(days=day - 1)


def hijri_month_span(year: int, month: int) -> tuple[date, date] | None:
    """The first and last Gregorian days of a Hijri month."""
    if not (1 <= month <= 12 and 1 <= year <= 9000):
        return None
    first = _first_of_month(year, month)
    nxt = _first_of_month(year + (month == 12), month % 12 + 1)
    return first, nxt - timedelta(days=1)


def hijri_year_span(year: int) -> tuple[date, date] | None:
    """The first and last Gregorian days of a Hijri year."""
    if not 1 <= year <= 9000:
        return None
    return _first_of_month(year, 1), _first_of_month(year + 1, 1) - timedelta(days=1)


def hijri_year_of(day: date) -> int:
    """The Hijri year that Gregorian ``day`` falls in."""
    if date(1924, 8, 1) <= day <= date(2077, 11, 16):
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    guess = int((day.toordinal() - _EPOCH_ORDINAL) / 354.36707) + 1
    while _tabular_first(guess, 1) > day:
        guess -= 1
    while _tabular_first(guess + 1, 1) <= day:
        guess += 1
    return guess
