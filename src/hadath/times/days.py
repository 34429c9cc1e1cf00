"""Rules for days: calendar dates, weekdays, relative days, with a part of the day.

``[part [من]] [يوم] core`` where the core is

* a calendar date: ``day [و day]* [من] [شهر] month [mod] [،] [عام] [year [era]]``
  («13 حزيران/يونيو 2024», «الأول من سبتمبر الجاري», «9 و10 نيسان/أبريل»,
  «26 شوال 1436هـ») or a numeric one (13/6/2024, 2024-06-13);
* a weekday with a modifier or its date («الخميس الماضي», «الخميس 13 حزيران»,
  the night between two days «ليل الخميس الجمعة»);
* a relative day, with the weekday it names («أمس», «اليوم الجمعة», «اليوم (الاثنين)»).

A list of days shares the month that follows it: «9 و10 نيسان» gives two
mentions, «9» and «10 نيسان».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .mention import Mention
from .reader import Match, Parser

__all__ = ["calendar", "point_rule"]

_NUMERIC_DMY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
_NUMERIC_YMD = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})")
_CLOSE = {"(": ")", "[": "]"}
_THAT = ("هذا", "ذلك", "ذات", "نفس", "هذه", "تلك")


@dataclass(frozen=True, slots=True)
class _Day:
    start: int
    end: int
    day: int


def _numeric(p: Parser, i: int, begin: int) -> Match | None:
    """13/6/2024, 2024-06-13, «11 / 5 / 1439هـ» (a year of 1300-1500 is Hijri)."""
    w = p.word(i)
    m = _NUMERIC_DMY.fullmatch(w)
    ymd = _NUMERIC_YMD.fullmatch(w)
    end = i + 1
    if m is not None:
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif ymd is not None:
        y, mo, d = int(ymd.group(1)), int(ymd.group(3)), int(ymd.group(4))
    elif w.isdigit() and len(w) <= 2 and p.word(i + 1) == "/" == p.word(i + 3) \
            and p.is_num(i + 2) and len(p.word(i + 4)) == 4 and p.is_num(i + 4):
        d, mo, y, end = int(w), int(p.word(i + 2)), int(p.word(i + 4)), i + 5
    else:
        return None
    if mo > 12 and d <= 12:  # 6/13/2024 written the American way
        mo, d = d, mo
    era = p.get(end, "era")
    hijri = 1300 <= y <= 1500
    if era is not None and era.entry.value == ("H" if hijri else "G"):
        end = era.end
    if not (1 <= mo <= 12 and 1 <= d <= 31 and (hijri or 1900 <= y <= 2100)):
        return None
    return Match(end, (Mention(begin, p.end(end), "date", year=y, month=mo, day=d,
                               hijri=hijri),))


def calendar(p: Parser, i: int, begin: int) -> Match | None:
    """A calendar date starting at token ``i``; the first mention's span starts at ``begin``."""
    numeric = _numeric(p, i, begin)
    if numeric is not None:
        return numeric
    got = p.daynum(i)
    if got is None:
        return None
    days = [_Day(begin, p.end(got[0]), got[1])]
    j = got[0]
    while True:
        k, had = p.conj(j)
        nxt = p.daynum(k) if had else None
        if nxt is None:
            break
        days.append(_Day(p.starts[k], p.end(nxt[0]), nxt[1]))
        j = nxt[0]
    if p.word(j) == "من":
        j += 1
    noun = p.get(j, "month_noun")
    if noun is not None:
        j = noun.end
    mon = p.month(j)
    if mon is None:
        return None
    j, month, hijri, _, _ = mon
    j, shift, year, offset, hijri = p.after_month(j, hijri)
    if year is None and shift is None and offset is None and not hijri:
        year, offset = p.shared_year(j, month)
    out = [Mention(d.start, d.end, "date", year=year, month=month, day=d.day, shift=shift,
                   hijri=hijri, unit="Y" if offset is not None else None, offset=offset or 0)
           for d in days]
    out[-1] = replace(out[-1], end=p.end(j))
    return Match(j, tuple(out))


def point_rule(p: Parser, i: int) -> Match | None:
    """``[part [من]] [يوم] (calendar date | relative day | weekday)``."""
    if i >= p.n:
        return None
    j, prefix, bound, noun = i, None, False, 0
    for _ in range(2):  # «في وقت متأخر من ليل الأربعاء»
        h = p.get(j, "part", clitics=prefix is None, test=lambda e: e.aux in ("before", "both"))
        if h is None:
            break
        prefix, j, bound = h.prefix if prefix is None else prefix, h.end, True
        if p.word(j) == "من":
            j += 1
    h = p.get(j, "day_noun", clitics=prefix is None)
    if h is not None:
        noun, j = h.entry.n, h.end
        prefix = h.prefix if prefix is None else prefix
        bound = bound or noun == 1
    first = prefix is None
    begin = p.start(i, prefix or "")
    found = []
    cal = calendar(p, j, begin)
    if cal is not None:
        found.append(cal)
    if noun < 2:
        for core in (_relday, _weekday):
            got = core(p, j, first, begin, bound)
            if got is not None:
                found.append(got)
    if not found:
        return None
    return max(found, key=lambda mt: mt.end)


def _relday(p: Parser, i: int, first: bool, begin: int, bound: bool) -> Match | None:
    """«أمس», «غدا الثلاثاء», «اليوم (الاثنين)»; «الغد» only after a part of the day or «يوم»."""
    h = p.get(i, ("day", "day_bound") if bound else "day", clitics=first)
    if h is None:
        return None
    if first:
        begin = p.start(i, h.prefix)
    j = h.end
    wd = p.get(j, "weekday")
    if wd is not None:
        j = wd.end
    elif p.word(j) in _CLOSE:
        inner = p.get(j + 1, "weekday")
        if inner is not None and p.word(inner.end) == _CLOSE[p.word(j)]:
            j = inner.end + 1
    # «اليوم الأول», «اليوم الثلاثين», «ذلك اليوم» are not today («اليوم التالي» and
    # the like are blocked in the data).
    if h.entry.n == 0 and j == h.end and h.end - i == 1 and (
            p.get(j, ("ord", "ord_tens")) is not None or p.word(i - 1) in _THAT
            or _per_day(p, i, h.prefix)):
        return None
    return Match(j, (Mention(begin, p.end(j), "relday", offset=h.entry.n),))


def _per_day(p: Parser, i: int, prefix: str) -> bool:
    """«12 مليون برميل في اليوم», «ثلاث مرات في اليوم»: a rate, not today."""
    k = i if prefix.endswith("ف") else i - 1
    if not (p.word(k) == "في" or prefix.endswith("ف")):
        return False
    return any(p.is_num(x) or p.get(x, ("card", "tens", "hundred", "thousand")) is not None
               for x in range(max(0, k - 3), k))


def _weekday(p: Parser, i: int, first: bool, begin: int, bound: bool) -> Match | None:
    """«الخميس», «الخميس الماضي», «ليل الخميس الجمعة», «الخميس 13 حزيران/يونيو 2024»."""
    h = p.get(i, "weekday", clitics=first)
    if h is None:
        return None
    if first:
        begin = p.start(i, h.prefix)
    j, day, shift = h.end, h.entry.n, None
    mh = p.mod(j)
    if mh is not None and mh.entry.n in (-1, 1):
        shift, j = mh.entry.n, mh.end
    else:
        k = j + 1 if p.word(j) in ("/", "-") else j
        other = p.get(k, "weekday", test=lambda e: e.n == day % 7 + 1)
        if other is not None:
            j = other.end
    k = j + 1 if p.word(j) in ("،", "(", "في") else j
    cal = calendar(p, k, begin)
    if cal is not None and len(cal.mentions) == 1:
        end = cal.end + 1 if p.word(j) == "(" and p.word(cal.end) == ")" else cal.end
        return Match(end, (replace(cal.mentions[0], start=begin, end=p.end(end)),))
    return Match(j, (Mention(begin, p.end(j), "weekday", weekday=day, shift=shift),))
