"""Recognition: the time expressions of a normalised text, as :class:`Mention` objects.

The text is cut into tokens (:data:`hadath.times.lexicon.TOKEN`) and read left
to right; at each token every rule is tried and the longest match wins. The
words come from the data files (:mod:`hadath.times.lexicon`); the modules of
rules hold only how they combine:

* days (:mod:`hadath.times.days`): «يوم الخميس 13 حزيران/يونيو 2024»,
  «صباح الخميس», «مساء اليوم الجمعة», «26 شوال 1436هـ», «13/6/2024»;
* months and years (here): «في مارس/آذار», «أكتوبر الماضي», «تموز/يوليو 2013»,
  «عام 2011», «منذ 2013», «نهاية 2013», «عامي 1980 و1988», «1975-1990»;
* relative periods, decades and centuries (here): «الأسبوع الماضي», «هذا العام»,
  «نهاية الشهر الحالي», «الثمانينيات», «القرن الماضي»;
* durations, sets and clock times (:mod:`hadath.times.durations`): «يومين»,
  «48 ساعة», «عام ونصف», «قبل أسبوع», «كل عام»,
  «الساعة العاشرة صباحًا بتوقيت غرينتش».

Leading clitics (و ف ب ل ك) are left out of a span, except «لل» (ل + ال),
which stays whole, and the «ل» of a duration («لأسبوع», «ليوم واحد»). A phrase
of kind ``block`` in the data («روسيا اليوم», «اليوم التالي») is skipped whole.
A point after «منذ» is marked ``past``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .days import point_rule
from .durations import clock_rule, duration_rule, set_rule
from .lexicon import Entry
from .mention import Mention
from .reader import Match, Parser

__all__ = ["RULES", "START_KINDS", "may_start", "parse"]

_YEAR_RANGE = re.compile(r"(\d{4})-(\d{4})")


def month_rule(p: Parser, i: int) -> Match | None:
    """``[edge] [شهر] month [mod] [عام] [year]``.

    «في مارس/آذار», «أكتوبر الماضي», «تموز/يوليو 2013», «شباط/فبراير من العام الماضي».
    """
    j, edge, prefix = i, None, None
    h = p.get(i, "edge", clitics=True)
    if h is not None:
        edge, prefix, j = h.entry.value, h.prefix, h.end
    noun = p.get(j, "month_noun", clitics=prefix is None)
    if noun is not None:
        prefix = noun.prefix if prefix is None else prefix
        j = noun.end
    mon = p.month(j, clitics=prefix is None)
    if mon is None:
        return None
    k, month, hijri, mprefix, joined = mon
    if prefix is None:
        prefix = mprefix
    begin = p.start(i, prefix)
    k, shift, year, offset, hijri = p.after_month(k, hijri)
    if hijri and year is None:
        return None  # «شهر رمضان» is a season, not a date
    if year is None and shift is None and offset is None and not joined and noun is None \
            and edge is None and p.cue_before(i, ("month_cue",)) is None:
        return None  # a bare name needs «في», «منذ» …: «مارس الضغط», «لماي» (Theresa May)
    if year is None and shift is None and offset is None:
        year, offset = p.shared_year(k, month)
    return Match(k, (Mention(begin, p.end(k), "date", year=year, month=month, shift=shift,
                             edge=edge, hijri=hijri, unit="Y" if offset is not None else None,
                             offset=offset or 0),))


def year_rule(p: Parser, i: int) -> Match | None:
    """Years, year ranges and year pairs: «عام 2011», «منذ 2013», «عامي 1980 و1988», «1975-1990»."""
    j, edge, prefix, noun = i, None, None, 0
    h = p.get(i, "edge", clitics=True)
    if h is not None:
        edge, prefix, j = h.entry.value, h.prefix, h.end
    yn = p.get(j, "year_noun", clitics=prefix is None)
    if yn is not None:
        noun, j = yn.entry.n, yn.end
        prefix = yn.prefix if prefix is None else prefix
    begin = p.start(i, prefix or "")
    rng = _YEAR_RANGE.fullmatch(p.word(j))
    if rng is not None:
        a, b = int(rng.group(1)), int(rng.group(2))
        suffix = p.get(j + 1, "era")
        if suffix is not None and suffix.entry.value == "H" and a < b:  # «(1030-1093هـ)»
            return Match(suffix.end, (Mention(begin, p.end(suffix.end), "date", year=a,
                                              hijri=True, offset=b - a),))
        if 1000 <= a < b <= 2100:
            return Match(j + 1, (Mention(begin, p.end(j + 1), "fixed", value=f"{a}/{b}"),))
        return None
    got = p.year(j, loose=noun > 0)
    if got is None:
        return None
    k, year, era = got
    if era == "H":
        return Match(k, (Mention(begin, p.end(k), "date", year=year, hijri=True, edge=edge),))
    if noun == 0 and edge is None and era != "G" and (
            not 1900 <= year <= 2100 or not _bare_year_ok(p, i, k)):
        return None
    # two years: «عامي 1980 و1988», «بين 2011 و2014»
    k2, had = p.conj(k)
    if had and (noun == 2 or p.word(i - 1) == "بين" or p.word(j - 1) == "بين"):
        second = p.year(k2, loose=True)
        if second is not None and second[1] > year:
            return Match(second[0], (Mention(begin, p.end(second[0]), "fixed",
                                             value=f"{year}/{second[1]}"),))
    return Match(k, (Mention(begin, p.end(k), "date", year=year, edge=edge),))


def _bare_year_ok(p: Parser, i: int, end: int) -> bool:
    """A number of 1900-2100 with no «عام» before it: a year only after a cue."""
    if p.cue_before(i, ("quantity",)) is not None:
        return False
    cue = p.cue_before(i, ("year_cue",))
    if cue is None and p.word(i - 1) == "و" and p.adjacent(i):
        cue = Entry("year_cue", "weak")
    if cue is None:
        nxt = p.word(end)
        return p.is_num(i - 1) is False and (nxt == "" or not nxt[0].isalnum()) \
            and nxt not in ("%",) and p.word(i - 1) in ("،", "(", ",", "-", "")
    if cue.value == "strong":
        return True
    nxt = p.word(end)
    if nxt == "" or not nxt[0].isalnum() or nxt[0] in "وف" or nxt.isdigit():
        return nxt not in ("%", "$")
    return p.get(end, "function") is not None


def gran_rule(p: Parser, i: int) -> Match | None:
    """``[edge] [هذا] unit [mod]``: «الأسبوع الماضي», «هذا العام», «نهاية الشهر الحالي»."""
    j, edge, prefix, this = i, None, None, False
    h = p.get(i, "edge", clitics=True)
    if h is not None:
        edge, prefix, j = h.entry.value, h.prefix, h.end
    t = p.get(j, "this", clitics=prefix is None)
    if t is not None:
        this, j = True, t.end
        prefix = t.prefix if prefix is None else prefix
    g = p.get(j, "gran", clitics=prefix is None)
    if g is None:
        return None
    prefix = g.prefix if prefix is None else prefix
    k, offset = g.end, 0
    mh = p.mod(k)
    if mh is not None:
        offset, k = mh.entry.n, mh.end
    elif not this:
        return None
    begin = p.start(i, prefix)
    return Match(k, (Mention(begin, p.end(k), "relgran", unit=g.entry.value, offset=offset,
                             edge=edge),))


def decade_rule(p: Parser, i: int) -> Match | None:
    """«الثمانينيات», «ثمانينيات القرن الماضي», «القرن العشرين», «القرن الـ19»."""
    h = p.get(i, "decade", clitics=True)
    c = None if h is not None else p.get(i, "gran", clitics=True, test=lambda e: e.value == "CE")
    if h is None and c is None:
        return None
    hit = h if h is not None else c
    assert hit is not None
    begin = p.start(i, hit.prefix)
    j = hit.end if h is not None else i
    cent = _century(p, j)
    if h is not None:
        if p.word(j) == "من" and p.get(j + 1, "age_cue", clitics=True) is not None:
            return None  # «في الثمانينات من العمر» is an age
        if cent is None:
            return Match(j, (Mention(begin, p.end(j), "decade", year=h.entry.n),))
        end, nth, off = cent
        return Match(end, (Mention(begin, p.end(end), "decade", year=h.entry.n, month=nth,
                                   offset=off or 0, unit="CE" if off is not None else None),))
    if cent is None or cent[2] is not None:
        return None  # «القرن الماضي» is read by gran_rule
    end, nth, _ = cent
    return Match(end, (Mention(begin, p.end(end), "century", year=nth),))


def _century(p: Parser, i: int) -> tuple[int, int | None, int | None] | None:
    """«القرن» with its number or modifier: ``(end, nth, offset)``."""
    h = p.get(i, "gran", test=lambda e: e.value == "CE")
    if h is None:
        return None
    j = h.end
    mh = p.mod(j)
    if mh is not None:
        return mh.end, None, mh.entry.n
    o = p.ordinal(j)
    if o is not None:
        end, nth = o
    elif p.word(j) == "ال" and p.adjacent(j + 1) and p.is_num(j + 1):
        end, nth = j + 2, int(p.word(j + 1))
    else:
        return None
    if p.get(end, "era", test=lambda e: e.value == "BC") is not None:
        return None  # «القرن الرابع قبل الميلاد»
    return end, nth, None


RULES: tuple[Callable[[Parser, int], Match | None], ...] = (
    point_rule, month_rule, year_rule, gran_rule, decade_rule, clock_rule, duration_rule, set_rule)

#: The lexicon kinds that some rule (or the ``block`` skip) looks up at the token where
#: it starts. A word that is not a number, not «ال» and not «ال» + a known word starts
#: no rule unless one of its entries has such a kind: «في», «من», «أن» (cues, read only
#: before an expression) are passed over at once. Keep in step with the rules
#: (``tests/times`` checks it on every position of the test texts).
START_KINDS = frozenset({
    "block", "part", "day_noun", "day", "day_bound", "weekday", "ord", "ord_unit", "ord_tens",
    "edge", "month_noun", "month", "hmonth", "year_noun", "this", "gran", "decade",
    "clock_noun", "ago", "since", "every", "frac", "unit", "card", "teen_unit", "teen",
    "tens", "hundred", "thousand"})


def may_start(p: Parser, i: int) -> bool:
    """Whether a rule can match at token ``i`` (a cheap necessary condition)."""
    w = p.words[i]
    if w[0].isdigit() or w == "ال" or (w.startswith("ال") and w[2:] in p.lex.longest):
        return True
    return p.lex.begins(w, START_KINDS) and any(
        h.entry.kind in START_KINDS for h in p.hits(i, True))


def parse(text: str) -> list[Mention]:
    """The time expressions of ``text`` (already normalised), left to right."""
    p = Parser(text)
    out: list[Mention] = []
    i = 0
    while i < p.n:
        if not may_start(p, i):
            i += 1  # no rule starts at a word the lexicon does not know as a start
            continue
        block = p.get(i, "block", clitics=True)
        if block is not None:
            i = block.end
            continue
        best: Match | None = None
        for rule in RULES:
            m = rule(p, i)
            if m is not None and m.mentions and (best is None or m.end > best.end):
                best = m
        if best is None:
            i += 1
            continue
        if p.cue_before(i, ("since",)) is not None:  # «منذ 13 ديسمبر» is not ahead
            out.extend(replace(m, past=True) for m in best.mentions)
        else:
            out.extend(best.mentions)
        i = best.end
    return out
