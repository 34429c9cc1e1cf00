"""The reader under the grammar: tokens, lexicon look-ups and shared sub-grammars.

A :class:`Parser` holds the tokens of one normalised text and answers the
questions every rule asks: which lexicon entries start at a token (with or
without proclitics), what cue stands before it, and where a number, an
ordinal, a day of the month, a month name (joined forms such as
«حزيران/يونيو» included) or a year is. Rules (:mod:`hadath.times.days`,
:mod:`hadath.times.grammar`, :mod:`hadath.times.durations`) return a
:class:`Match`: how far they read and what they found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .lexicon import TOKEN, Entry, Hit, Lexicon, lexicon
from .mention import Mention

__all__ = ["Match", "Parser"]

# Words between two dates of a range, in the matching form («إلى» is «الي»).
_LINKS = frozenset({"-", "الي", "حتي", "و", "او", "لغايه"})
# Particles that begin with «ال» in the matching form («إلى», «إلا»): not definite nouns.
_PARTICLES = frozenset({"الي", "الا"})

@dataclass(frozen=True, slots=True)
class Match:
    """A rule's result: it read tokens up to ``end`` (exclusive) and found ``mentions``."""

    end: int
    mentions: tuple[Mention, ...]


class Parser:
    """Token access and the shared sub-grammars (numbers, months, years, days)."""

    def __init__(self, text: str, lex: Lexicon | None = None) -> None:
        self.text = text
        self.lex = lex or lexicon()
        found = list(TOKEN.finditer(text))
        self.words: list[str] = [m.group() for m in found]
        self.starts: list[int] = [m.start() for m in found]
        self.ends: list[int] = [m.end() for m in found]
        self.n = len(found)
        # lexicon hits at each token, with and without proclitics, looked up on demand
        self._hits: tuple[list[list[Hit] | None], list[list[Hit] | None]] = (
            [None] * self.n, [None] * self.n)

    # -- tokens ------------------------------------------------------------------------

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def is_num(self, i: int) -> bool:
        return self.word(i).isdigit()

    def definite(self, i: int) -> bool:
        """Token ``i`` is a word with the article (a noun or adjective, not «إلى»)."""
        w = self.word(i)
        return w.startswith("ال") and w not in _PARTICLES

    def adjacent(self, i: int) -> bool:
        """Token ``i`` follows token ``i - 1`` with no space between."""
        return 0 < i < self.n and self.starts[i] == self.ends[i - 1]

    def start(self, i: int, prefix: str = "") -> int:
        """The span start of token ``i`` without its proclitics («لل» stays whole)."""
        skip = len(prefix) - 2 if prefix.endswith("لل") else len(prefix)
        return self.starts[i] + skip

    def end(self, j: int) -> int:
        """The span end after tokens ``[…, j)``."""
        return self.ends[j - 1]

    def hits(self, i: int, clitics: bool = False) -> list[Hit]:
        if not 0 <= i < self.n:
            return []
        cache = self._hits[clitics]
        found = cache[i]
        if found is None:
            found = cache[i] = self.lex.lookup(self.words, i, clitics=clitics)
        return found

    def get(self, i: int, kinds: tuple[str, ...] | str, clitics: bool = False,
            prefixes: tuple[str, ...] | None = None,
            test: Callable[[Entry], bool] | None = None) -> Hit | None:
        """The longest entry of one of ``kinds`` starting at token ``i``."""
        found = self.hits(i, clitics)
        if not found:
            return None
        if isinstance(kinds, str):
            kinds = (kinds,)
        for h in found:
            if h.entry.kind in kinds and (prefixes is None or h.prefix in prefixes) \
                    and (test is None or test(h.entry)):
                return h
        return None

    def conj(self, i: int) -> tuple[int, bool]:
        """Skip a separate «و» token: ``(next index, whether one was there)``."""
        return (i + 1, True) if self.word(i) == "و" else (i, False)

    def cue_before(self, i: int, kinds: tuple[str, ...]) -> Entry | None:
        """The ``kinds`` entry that ends right before token ``i`` (with clitics)."""
        for k in range(max(0, i - 3), i):
            for h in self.hits(k, True):
                if h.end == i and h.entry.kind in kinds:
                    return h.entry
        return None

    # -- numbers -----------------------------------------------------------------------

    def number(self, i: int, clitics: bool = False) -> tuple[int, int, str] | None:
        """A cardinal in digits or words at ``i``: ``(end, value, prefix)``.

        With ``clitics`` a word may carry «و», «ب», «ل» or the article
        («باثني عشر»، «الاثني عشر»).
        """
        w = self.word(i)
        if w.isdigit():
            return i + 1, int(w), ""
        kinds = ("card", "teen_unit", "teen", "tens", "hundred", "thousand")
        h = self.get(i, kinds, clitics=clitics)
        if h is None and w.startswith("ال"):
            h = next((x for x in self.lex.lookup([w[2:], *self.words[i + 1:i + 2]], 0,
                                                  clitics=False)
                      if x.entry.kind in kinds and x.end == 1), None)
            h = Hit(h.entry, i + 1, "") if h is not None else None
        if h is None:
            return None
        e = h.entry
        if e.kind in ("card", "teen_unit"):
            nxt = self.get(h.end, ("teen", "card"), test=lambda x: x.n == 10)
            if nxt is not None and e.n < 10:
                return nxt.end, 10 + e.n, h.prefix
            if e.kind == "teen_unit":
                return None
            tens = self.get(h.end, "tens", clitics=True, prefixes=("و",))
            if tens is not None and e.n < 10:
                return tens.end, tens.entry.n + e.n, h.prefix
        return h.end, e.n, h.prefix

    def ordinal(self, i: int) -> tuple[int, int] | None:
        """An ordinal with its article («الثالث عشر»، «الحادي والعشرين»): ``(end, value)``."""
        h = self.get(i, ("ord", "ord_unit", "ord_tens"))
        if h is None:
            return None
        e = h.entry
        if e.kind == "ord_tens":
            return h.end, e.n
        if e.n < 10:
            teen = self.get(h.end, ("teen", "card"), test=lambda x: x.n == 10)
            if teen is not None:
                return teen.end, 10 + e.n
            tens = self.get(h.end, "ord_tens", clitics=True, prefixes=("و",))
            if tens is not None:
                return tens.end, tens.entry.n + e.n
        return (h.end, e.n) if e.kind == "ord" else None

    def fraction(self, i: int) -> tuple[int, Fraction] | None:
        """«ونصف»، «وربع» after a unit: ``(end, fraction)``; also «ونصف عام»."""
        h = self.get(i, "frac", clitics=True, prefixes=("و",))
        if h is None:
            return None
        num, den = h.entry.value.split("/")
        end = h.end
        unit = self.get(end, "unit", test=lambda e: e.aux == "1")
        if unit is not None:
            end = unit.end
        return end, Fraction(int(num), int(den))

    # -- calendar parts ----------------------------------------------------------------

    def daynum(self, i: int) -> tuple[int, int] | None:
        """A day of the month: 1-31 in digits («13», «الـ13») or an ordinal."""
        w = self.word(i)
        if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31:
            return i + 1, int(w)
        if w == "ال" and self.adjacent(i + 1) and self.is_num(i + 1):
            return self.daynum(i + 1)
        return self.ordinal(i)

    def month(self, i: int, clitics: bool = False) -> tuple[int, int, bool, str, bool] | None:
        """A month name, joined forms included («حزيران/يونيو»، «يونيو (حزيران)»).

        ``(end, month, hijri, prefix, joined)``.
        """
        h = self.get(i, ("month", "hmonth"), clitics=clitics)
        if h is None:
            return None
        m, hijri, end = h.entry.n, h.entry.kind == "hmonth", h.end
        if hijri:
            return end, m, True, h.prefix, False
        sep = self.word(end)
        if sep in ("/", "-", "("):
            other = self.get(end + 1, "month", test=lambda e: e.n == m)
            if other is not None:
                if sep != "(":
                    return other.end, m, False, h.prefix, True
                if self.word(other.end) == ")":
                    return other.end + 1, m, False, h.prefix, True
        other = self.get(end, "month", test=lambda e: e.n == m)  # «كانون الثاني يناير»
        if other is not None:
            return other.end, m, False, h.prefix, True
        return end, m, False, h.prefix, False

    def year(self, i: int, hijri: bool = False,
             loose: bool = False) -> tuple[int, int, str | None] | None:
        """A year in digits and its era suffix («2015م»، «1436هـ»): ``(end, year, era)``.

        Gregorian years run from 1000 to 2100 (from 1 with ``loose``, after «عام»),
        Hijri years (era «هـ», or ``hijri`` for the year of a Hijri month) to 1600.
        """
        w = self.word(i)
        if not w.isdigit() or len(w) not in (3, 4) or w.startswith("0"):
            return None
        y = int(w)
        era_hit = self.get(i + 1, "era")
        era = era_hit.entry.value if era_hit is not None else None
        if era == "BC":
            return None
        end = era_hit.end if era_hit is not None else i + 1
        is_hijri = era == "H" or (hijri and era is None)
        lo, hi = (1, 1600) if is_hijri else ((1, 2200) if loose or era == "G" else (1000, 2100))
        if not lo <= y <= hi:
            return None
        return end, y, era

    def year_after(self, i: int, hijri: bool = False) -> tuple[int, int, str | None] | None:
        """The year that follows a month: «2024», «، 2024», «عام 2024», «من عام 2017»."""
        k = i + 1 if self.word(i) in ("،", "من") else i
        yn = self.get(k, "year_noun", test=lambda e: e.n == 1)
        if self.word(i) == "من" and yn is None:
            return None
        return self.year(yn.end if yn is not None else k, hijri=hijri)

    def relative_year(self, i: int) -> tuple[int, int] | None:
        """«من هذا العام», «(من) العام الماضي» after a month: ``(end, offset)``."""
        j = i + 1 if self.word(i) == "من" else i
        this = self.get(j, "this")
        if this is not None:
            j = this.end
        g = self.get(j, "gran", test=lambda e: e.value == "Y")
        if g is None:
            return None
        mh = self.mod(g.end)
        if mh is not None:
            return mh.end, mh.entry.n
        return (g.end, 0) if this is not None else None

    def mod(self, i: int) -> Hit | None:
        return self.get(i, "mod")

    def after_month(self, i: int, hijri: bool
                    ) -> tuple[int, int | None, int | None, int | None, bool]:
        """What follows a month name at ``i``: «الماضي» (a shift of -1, 0 or 1), else a
        year («2024», «عام 1438») or a relative year («من العام الماضي»).
        ``(end, shift, year, year offset, hijri)``."""
        mh = self.mod(i)
        if mh is not None and mh.entry.n in (-1, 0, 1):
            return mh.end, mh.entry.n, None, None, hijri
        got = self.year_after(i, hijri)
        if got is not None:
            end, year, era = got
            return end, None, year, None, hijri or era == "H"
        rel = self.relative_year(i)
        if rel is not None:
            return rel[0], None, None, rel[1], hijri
        return i, None, None, None, hijri

    def shared_year(self, i: int, month: int) -> tuple[int | None, int | None]:
        """The year of a range or pair that ends at ``i`` with a later date that has one.

        In «بين أيار/مايو وآب/أغسطس 2013» and «من 28 أيار/مايو إلى 12 آب/أغسطس 2013»
        the first month takes 2013 (2012 if it comes after the second month); in «في
        يوليو أو أغسطس من هذا العام» it takes the relative year. ``(year, offset)``:
        an absolute year, or an offset in years from the anchor's, or neither.
        """
        none: tuple[int | None, int | None] = (None, None)
        j = i + 1 if self.word(i) in _LINKS else i
        got = self.daynum(j)
        if got is not None:
            j = got[0] + (self.word(got[0]) == "من")
        mon = self.month(j, clitics=True)
        if mon is None or mon[2] or mon[3] not in ("", "و") or (j == i and mon[3] != "و"):
            return none
        back = int(month > mon[1])
        year = self.year_after(mon[0])
        if year is not None:
            return year[1] - back, None
        rel = self.relative_year(mon[0])
        return (None, rel[1] - back) if rel is not None else none


