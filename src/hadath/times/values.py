"""Normalisation: the ISO 8601 value of a :class:`Mention`, given the anchor.

Values follow ISO 8601 (with the ISO 8601-2 ``X`` for unspecified digits):

* days ``2024-06-13``, months ``2024-06``, years ``2024``, ISO weeks ``2018-W27``;
* decades ``198X`` (the eighties), centuries ``19XX`` (the twentieth);
* clock times ``2024-06-13T09:00`` (``Z`` appended for Greenwich time; ``T09:00``
  when no day is known); a part of the day is not written («صباح الخميس» is
  the day);
* durations ``P2D``, ``PT48H``, ``P1Y6M``; sets their period (``P1Y``);
* intervals ``1980/1988``; a Hijri month or year without a day is the interval
  of its Gregorian days (``2024-03-11/2024-04-09``).

Choices where the text leaves the value open:

* **Weekdays** resolve to the nearest matching day on or before the anchor
  (the anchor itself included: «الخميس» in an article of Thursday is that
  Thursday), or on or after it when the context is future; «الخميس الماضي» is
  strictly before, «الخميس المقبل» strictly after.
* **A date without a year** («12 مايو», «في مارس») is the last occurrence on or
  before the anchor if that lies within 300 days (a month: within 10 months), else
  the next one: news mostly looks back, but «في 12 مايو» written on 24 April is
  ahead. In a future context it is the next occurrence on or after the anchor,
  after «منذ» the last one; «الماضي», «المقبل» and «الجاري» force the previous,
  next or current occurrence.
* **«قبل» + duration** counts back from the anchor: days and weeks give a day
  («قبل أسبوع»), months and years give a month («قبل عام» → ``2017-07``).
* **Edges of a year**: «نهاية 2013» and «أواخر» give its December (``2013-12``),
  «مطلع/بداية/أوائل» its January; «منتصف» and any edge of a month or week leave
  the value as it is.
* Relative expressions need an anchor: with none (no publication date, dateline
  or full date in the article), they have no value and are not reported.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .hijri import hijri_month_span, hijri_year_of, hijri_year_span, to_gregorian
from .mention import Mention

__all__ = ["day_of", "resolve"]

_DAY_UNITS = {"D": 1, "W": 7}
# How far back a date without a year may lie before the next occurrence is preferred.
_DAYS_BACK = 300
_MONTHS_BACK = 10


def _ymd(d: date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _valid(y: int, m: int, d: int) -> date | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day if y < 9999 else 31
    return date(y, m, d) if d <= last else None


def _pick(cands: list[tuple[int, str]], at: int, shift: int | None, future: bool,
          past: bool = False, reach: int = 0) -> str | None:
    """The candidate (``(key, value)``, keys ordered in time) that the context points to.

    With no tense and no modifier, the latest one not after ``at`` if it lies within
    ``reach`` of it, else the first one after it.
    """
    if past:
        before = [c for c in cands if c[0] <= at]
        return max(before)[1] if before else None
    if shift == -1:
        before = [c for c in cands if c[0] < at]
        return max(before)[1] if before else None
    if shift == 1:
        after = [c for c in cands if c[0] > at]
        return min(after)[1] if after else None
    if future:
        after = [c for c in cands if c[0] >= at]
        return min(after)[1] if after else None
    before = [c for c in cands if c[0] <= at]
    after = [c for c in cands if c[0] > at]
    if before and (at - max(before)[0] <= reach or not after):
        return max(before)[1]
    return min(after)[1] if after else None


def _gregorian(m: Mention, anchor: date | None, future: bool) -> str | None:
    if m.month is None:
        if m.year is None:
            return None
        edge = {"end": "-12", "start": "-01"}.get(m.edge or "", "")
        return f"{m.year:04d}{edge}"
    if m.year is not None:
        if m.day is None:
            return _ym(m.year, m.month)
        d = _valid(m.year, m.month, m.day)
        return _ymd(d) if d else None
    if anchor is None:
        return None
    if m.unit == "Y":  # «فبراير من العام الماضي»
        return _gregorian(replace(m, year=anchor.year + m.offset, unit=None), anchor, future)
    years = [anchor.year] if m.shift == 0 else [anchor.year - 1, anchor.year, anchor.year + 1]
    if m.day is None:
        at = anchor.year * 12 + anchor.month
        cands = [(y * 12 + m.month, _ym(y, m.month)) for y in years]
        return _pick(cands, at, None if m.shift == 0 else m.shift, future, m.past, _MONTHS_BACK)
    days = [d for d in (_valid(y, m.month, m.day) for y in years) if d is not None]
    cands = [(d.toordinal(), _ymd(d)) for d in days]
    return _pick(cands, anchor.toordinal(), None if m.shift == 0 else m.shift, future, m.past,
                 _DAYS_BACK)


def _hijri(m: Mention, anchor: date | None, future: bool) -> str | None:
    if m.year is None:
        if anchor is None or m.month is None or m.day is None:
            return None
        hy = hijri_year_of(anchor)
        days = [d for d in (to_gregorian(y, m.month, m.day) for y in (hy - 1, hy, hy + 1)) if d]
        return _pick([(d.toordinal(), _ymd(d)) for d in days], anchor.toordinal(), m.shift,
                     future, m.past, _DAYS_BACK)
    if m.month is None:
        span = hijri_year_span(m.year)
        last = hijri_year_span(m.year + m.offset) if m.offset else span  # «1030-1093هـ»
        if span and last:
            span = (span[0], last[1])
    elif m.day is None:
        span = hijri_month_span(m.year, m.month)
    else:
        d = to_gregorian(m.year, m.month, m.day)
        return _ymd(d) if d else None
    return f"{_ymd(span[0])}/{_ymd(span[1])}" if span else None


def _weekday(m: Mention, anchor: date, future: bool) -> str | None:
    if m.weekday is None:
        return None
    back = (anchor.isoweekday() - m.weekday) % 7
    ahead = (m.weekday - anchor.isoweekday()) % 7
    if m.shift == -1:
        return _ymd(anchor - timedelta(days=back or 7))
    if m.shift == 1:
        return _ymd(anchor + timedelta(days=ahead or 7))
    return _ymd(anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back))


def _relgran(m: Mention, anchor: date) -> str | None:
    if m.unit == "W":
        y, w, _ = (anchor + timedelta(weeks=m.offset)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if m.unit == "M":
        k = anchor.year * 12 + anchor.month - 1 + m.offset
        return _ym(k // 12, k % 12 + 1)
    if m.unit == "Y":
        edge = {"end": "-12", "start": "-01"}.get(m.edge or "", "")
        return f"{anchor.year + m.offset:04d}{edge}"
    if m.unit == "CE":
        return f"{anchor.year // 100 + m.offset:02d}XX"
    return None


def _ago(m: Mention, anchor: date) -> str | None:
    n, unit = m.offset, m.unit or ""
    if unit in ("S", "MIN", "H"):
        return _ymd(anchor)
    if unit in _DAY_UNITS:
        return _ymd(anchor - timedelta(days=n * _DAY_UNITS[unit]))
    months = {"M": 1, "Y": 12}.get(unit)
    if months is not None:
        k = anchor.year * 12 + anchor.month - 1 - n * months
        return _ym(k // 12, k % 12 + 1)
    years = {"DE": 10, "CE": 100}.get(unit)
    return f"{anchor.year - n * years:04d}" if years else None


def _decade(m: Mention, anchor: date | None) -> str | None:
    digit = m.year
    if digit is None:
        return None
    if m.month is not None:  # «ثمانينيات القرن العشرين»: the nth century
        century = m.month - 1
    elif m.unit == "CE":
        if anchor is None:
            return None
        century = anchor.year // 100 + m.offset
    else:  # the latest such decade that has begun by the anchor
        ref = anchor.year if anchor else 1999
        century = ref // 100 if (ref // 100) * 100 + digit * 10 <= ref else ref // 100 - 1
    return f"{century:02d}{digit}X" if century >= 0 else None


def day_of(value: str) -> date | None:
    """The day a value names, if it names one (``2024-06-13``, ``2024-06-13T09:00``)."""
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:10].replace(
            "-", "").isdigit():
        return date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    return None


def resolve(m: Mention, anchor: date | None, future: bool = False,
            reference: date | None = None) -> tuple[str, str] | None:
    """``(type, value)`` of mention ``m``, or None when it has no value here.

    ``anchor`` is the article's date, ``future`` whether the context is future
    tense, ``reference`` the day a clock time without its own day is on.
    """
    value: str | None
    if m.kind == "fixed":
        return (m.tag, m.value) if m.value else None
    if m.kind == "date":
        value = _hijri(m, anchor, future) if m.hijri else _gregorian(m, anchor, future)
    elif m.kind == "century":
        value = f"{m.year - 1:02d}XX" if m.year and 1 <= m.year <= 30 else None
    elif m.kind == "decade":
        value = _decade(m, anchor)
    elif m.kind == "clock":
        day = reference
        if m.base is not None:
            base = resolve(m.base, anchor, future, reference)
            day = day_of(base[1]) if base else None
        clock = f"T{m.hour or 0:02d}:{m.minute:02d}" + ("Z" if m.zone == "Z" else "")
        return "TIME", (_ymd(day) if day else "") + clock
    elif anchor is None:
        return None
    elif m.kind == "weekday":
        value = _weekday(m, anchor, future)
    elif m.kind == "relday":
        value = _ymd(anchor + timedelta(days=m.offset))
    elif m.kind == "relgran":
        value = _relgran(m, anchor)
    elif m.kind == "ago":
        value = _ago(m, anchor)
    else:
        value = None
    return ("DATE", value) if value else None
