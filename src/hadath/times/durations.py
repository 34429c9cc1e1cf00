"""Rules for durations, points back in time, sets and clock times.

* durations: ``number unit [و fraction]`` («48 ساعة», «ثلاثة أسابيع», «ثلاثين يوما»,
  «عام ونصف عام»), the dual alone («يومين»), ``fraction unit`` («نصف ساعة»,
  «ربع قرن»), and the singular after a cue («لمدة يوم», «لأسبوع», «بعد يوم من»,
  «ليوم واحد»). A duration after a word of age («البالغ من العمر 32 عاما») is left out.
  After «منذ» the duration is the value (``منذ 9 سنوات`` → P9Y, the span without «منذ»);
* «قبل» + duration is a point back from the anchor («قبل أسبوع»); with «من»/«على»
  after it («قبل يومين من الهجوم») it is measured from another event, and only the
  duration is kept;
* sets: «كل» + duration («كل عام» P1Y, «كل أربع سنوات» P4Y) and frequency adverbs
  («سنويا»);
* clock times: ``[الساعة] (HH:MM | hour | hour word) [minutes] [part] [zone] [[من] day]``
  («الساعة العاشرة صباحًا بتوقيت غرينتش», «الساعة 8:45 مساء بالتوقيت المحلي»,
  «السادسة والنصف بتوقيت غرينيتش», «16:45 بتوقيت غرينتش»). An hour word needs the
  noun, the minutes, a part of the day or a zone with it; a bare HH:MM stands alone.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .days import point_rule
from .mention import Mention
from .reader import Match, Parser

__all__ = ["clock_rule", "duration_rule", "iso_duration", "set_rule"]

_HHMM = re.compile(r"(\d{1,2}):(\d{2})")
_HHMM_AFTER_NOUN = re.compile(r"(\d{1,2})[:.,](\d{2})")  # «الساعة 22,00»
# How a fraction of a unit is written in the next smaller one.
_SMALLER = {"CE": ("Y", 100), "DE": ("Y", 10), "Y": ("M", 12), "M": ("D", 30), "W": ("D", 7),
            "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
_YEARS = {"CE": 100, "DE": 10}  # decades and centuries are written in years




def _number(n: Fraction) -> str:
    if n.denominator == 1:
        return str(n.numerator)
    return f"{float(n):.2f}".rstrip("0").rstrip(".")


def iso_duration(n: Fraction, unit: str) -> str:
    """``n`` ``unit``\\ s as an ISO 8601 duration: 2 D → P2D, 48 H → PT48H, 1½ Y → P1Y6M.

    A fraction goes down to smaller units («ثلث قرن» = P33Y4M); what is still left
    in seconds is written as a decimal.
    """
    if unit in _YEARS:
        n, unit = n * _YEARS[unit], "Y"
    values: dict[str, Fraction] = {}
    amount = n
    while True:
        whole = int(amount)
        amount -= whole
        if unit not in _SMALLER or unit in ("DE", "CE") or not amount:
            values[unit] = values.get(unit, Fraction(0)) + whole + amount
            break
        if whole:
            values[unit] = values.get(unit, Fraction(0)) + whole
        unit, factor = _SMALLER[unit]
        amount *= factor
    date = "".join(_number(values[u]) + u for u in ("Y", "M", "W", "D") if values.get(u))
    time = "".join(_number(values[u]) + {"MIN": "M"}.get(u, u)
                   for u in ("H", "MIN", "S") if values.get(u))
    return "P" + (date or ("" if time else "0D")) + ("T" + time if time else "")


def _amount(p: Parser, i: int, cued: bool) -> tuple[int, Fraction, str, str] | None:
    """A duration at ``i``: ``(end, amount, unit, prefix)``."""
    j = i
    if p.word(i) == "ال" and p.adjacent(i + 1) and p.is_num(i + 1):
        j = i + 1  # «الـ24 ساعة»
    num = p.number(j, clitics=j == i)
    if num is not None:
        unit = p.get(num[0], "unit", test=lambda e: e.aux in ("n", "1"))
        if unit is None or num[1] == 0 or num[2] not in ("", "و", "ل", "ب", "ول", "وب"):
            return None
        if p.get(unit.end, ("weekday", "month", "hmonth")) is not None or p.is_num(unit.end):
            return None  # «3-1 يوم السبت», «القانون 377 عام 2001»: the noun of a date
        amount, end = Fraction(num[1]), unit.end
        frac = p.fraction(end)
        if frac is not None:
            end, amount = frac[0], amount + frac[1]
        return end, amount, unit.entry.value, num[2]
    h = p.get(i, "frac", clitics=True)
    if h is not None:
        unit = p.get(h.end, "unit", test=lambda e: e.aux == "1")
        if unit is None:
            return None
        a, b = h.entry.value.split("/")
        return unit.end, Fraction(int(a), int(b)), unit.entry.value, h.prefix
    h = p.get(i, "unit", clitics=True, test=lambda e: e.aux in ("1", "2", "2c"))
    if h is None or h.prefix not in ("", "و", "ل", "ب", "ول", "وب"):
        return None
    end, amount = h.end, Fraction(int(h.entry.aux[0]))
    frac = p.fraction(end)
    if frac is not None:
        return frac[0], amount + frac[1], h.entry.value, h.prefix
    if h.entry.aux == "2" or (h.entry.aux == "2c" and (
            cued or (p.word(end) == "من" and p.word(end + 1) == "الزمن"))):
        return end, amount, h.entry.value, h.prefix
    if h.entry.aux == "2c":
        return None
    one = p.get(end, "card", test=lambda e: e.n == 1)
    if one is not None:
        return one.end, amount, h.entry.value, h.prefix
    nxt = p.word(end)
    if not (cued or h.prefix.endswith("ل")) or p.definite(end) or nxt[:1].isdigit() \
            or p.get(end, ("weekday", "month", "hmonth")) is not None:
        return None
    return end, amount, h.entry.value, h.prefix


def _is_age(p: Parser, i: int, end: int, unit: str) -> bool:
    """An age (in years or months): after a word of age, or years alone between brackets
    or commas after a name («محمد (55 عاما)», «محمد الرضيع، 25 عاما،»)."""
    if unit not in ("Y", "M"):
        return False
    first = i
    if p.word(i - 1) == "و" and p.is_num(i - 2):  # «بين 18 و24 عاما»
        first = i - 3 if p.word(i - 3) == "بين" else i - 2
    if any(p.get(k, "age_cue", clitics=True) is not None for k in range(max(0, first - 3), i)):
        return True
    return unit == "Y" and p.word(i - 1) in ("(", "،", ",") and p.word(end) in (
        ")", "(", "،", ",")


def _span_start(p: Parser, i: int, prefix: str) -> int:
    """A duration's span keeps the preposition «ل» («لأسبوع», «ليوم واحد»)."""
    return p.start(i, prefix[:-1] if prefix.endswith("ل") else prefix)


def duration_rule(p: Parser, i: int) -> Match | None:
    """A duration, or «قبل» + duration as a point back from the anchor."""
    lead = p.get(i, ("ago", "since"), clitics=True, prefixes=("", "و", "ف"))
    if lead is not None:
        got = _amount(p, lead.end, True)
        if got is None or _is_age(p, lead.end, got[0], got[2]):
            return None
        end, amount, unit, prefix = got
        after = p.word(end)
        if lead.entry.kind == "ago" and after not in ("من", "على") and amount.denominator == 1:
            return Match(end, (Mention(p.start(i, lead.prefix), p.end(end), "ago",
                                       offset=int(amount), unit=unit),))
        start = _span_start(p, lead.end, prefix)
    else:
        got = _amount(p, i, p.cue_before(i, ("dur_cue",)) is not None)
        if got is None or _is_age(p, i, got[0], got[2]):
            return None
        end, amount, unit, prefix = got
        start = _span_start(p, i, prefix)
    return Match(end, (Mention(start, p.end(end), "fixed", tag="DURATION",
                               value=iso_duration(amount, unit)),))


def set_rule(p: Parser, i: int) -> Match | None:
    """«كل عام», «كل أربع سنوات»."""
    h = p.get(i, "every", clitics=True, prefixes=("", "و", "ف"))
    if h is None:
        return None
    begin = p.start(i, h.prefix)
    day = p.get(h.end, "unit", test=lambda e: e.value == "D" and e.aux == "1")
    wd = p.get(day.end, "weekday_bare") if day is not None else None
    if wd is not None:  # «كل يوم جمعة»
        return Match(wd.end, (Mention(begin, p.end(wd.end), "fixed", tag="SET",
                                      value=f"XXXX-WXX-{wd.entry.n}"),))
    got = _amount(p, h.end, True)
    if got is None:
        return None
    end, amount, unit, _ = got
    return Match(end, (Mention(begin, p.end(end), "fixed", tag="SET",
                               value=iso_duration(amount, unit)),))


def _hour_word(p: Parser, i: int) -> tuple[int, int] | None:
    """«العاشرة», «الحادية عشرة», «الثانية عشرة»: ``(end, hour)``."""
    h = p.get(i, ("ord", "ord_unit"))
    if h is None:
        return None
    teen = p.get(h.end, ("teen", "card"), test=lambda e: e.n == 10)
    if teen is not None and h.entry.n <= 2:
        return teen.end, 10 + h.entry.n
    return (h.end, h.entry.n) if h.entry.kind == "ord" else None


def _clock_hour(p: Parser, i: int, noun: bool) -> tuple[int, int, int, bool] | None:
    """``(end, hour, minute, needs_more)``; ``needs_more``: the hour alone is not enough."""
    w = p.word(i)
    m = (_HHMM_AFTER_NOUN if noun else _HHMM).fullmatch(w)
    if m is not None:
        h, mi = int(m.group(1)), int(m.group(2))
        return (i + 1, h, mi, False) if h <= 24 and mi <= 59 else None
    if noun and w == "ال" and p.adjacent(i + 1):
        i, w = i + 1, p.word(i + 1)
    if noun and w.isdigit() and len(w) <= 2 and int(w) <= 24:
        return i + 1, int(w), 0, False
    hw = _hour_word(p, i)
    if hw is None or hw[1] > 12:
        return None
    return hw[0], hw[1], 0, not noun


def _shift(hour: int, part: str) -> int:
    if part in ("AF", "EV") and hour < 12:
        return hour + 12
    if part == "MI" and 1 <= hour <= 5:
        return hour + 12
    if part == "NI":
        return 0 if hour == 12 else (hour + 12 if 6 <= hour < 12 else hour)
    return hour


def clock_rule(p: Parser, i: int) -> Match | None:
    """A clock time, with the day it is on when that follows («… من صباح الخميس»)."""
    noun = p.get(i, "clock_noun", clitics=True)
    j = noun.end if noun is not None else i
    got = _clock_hour(p, j, noun is not None)
    if got is None:
        return None
    k, hour, minute, needs_more = got
    mins = p.get(k, "clock_minutes", clitics=True, prefixes=("و", ""))
    if mins is not None and (mins.prefix == "و") == (mins.entry.n > 0):
        minute, k, needs_more = minute + mins.entry.n, mins.end, False
        if minute < 0:
            hour, minute = (hour - 1) % 24, minute + 60
    else:  # «الساعة السادسة وخمس دقائق», «… و 45 دقيقة»
        k2, had = p.conj(k)
        extra = p.number(k2, clitics=not had)
        if extra is not None and (extra[2] == "و") != had:
            unit = p.get(extra[0], "unit", test=lambda e: e.value == "MIN")
            if unit is not None and extra[1] < 60:
                minute, k, needs_more = extra[1], unit.end, False
    ampm = hour == 0 or hour > 12
    part = p.get(k, "part", test=lambda e: e.aux in ("after", "both"))
    if part is not None:
        hour, k, needs_more = _shift(hour, part.entry.value), part.end, False
        ampm = True
    zone = None
    z = p.get(k, "clock_zone")
    if z is not None:
        zone, k, needs_more = (z.entry.value if z.entry.value == "Z" else None), z.end, False
    if needs_more or hour > 24:
        return None
    base = None
    k2 = k + 1 if p.word(k) == "من" else k
    day = point_rule(p, k2)
    if day is not None and len(day.mentions) == 1:
        base, k = day.mentions[0], day.end
    begin = p.start(i, noun.prefix) if noun is not None else p.starts[i]
    return Match(k, (Mention(begin, p.end(k), "clock", tag="TIME", hour=hour % 24,
                             minute=minute, zone=zone, ampm=ampm, base=base),))
