"""The language data of time expressions, loaded once and checked against its schema.

Every word the grammar knows lives in a TSV file under
``hadath/data/ar/times/`` (month names of each system, Hijri months,
weekdays, parts of the day, number words, units, clock words, relative
words). Each file states its schema, source and licence in its header and
declares its columns; a bad value raises :class:`~hadath.errors.DataFileError`
with the file and line. The files are read on first use and cached for the
process.

Forms are stored under their matching form (:func:`hadath.text.normalize.normalize_str`)
split into the grammar's tokens, so «تشرين الأول» is the key
``("تشرين", "الاول")``. :meth:`Lexicon.lookup` finds the entries of a token,
trying it without its proclitics (و ف ب ل ك, «لل» = ل + ال) as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import DataFileError
from ..resources import data_path, iter_tsv
from ..text.normalize import normalize_str

__all__ = ["FILES", "TOKEN", "Entry", "Lexicon", "lexicon", "split_tokens"]

DIR = "ar/times"

#: A token of the grammar: a run of digits with the separators of dates and clock
#: times inside it, a run of letters, or one other visible character.
TOKEN = re.compile(r"\d+(?:[.:/\-,]\d+)*|[^\W\d_]+|[^\w\s]")

#: Each data file and the columns it must declare.
FILES: dict[str, tuple[str, ...]] = {
    "months.tsv": ("month", "system", "form"),
    "hijri_months.tsv": ("month", "form"),
    "weekdays.tsv": ("weekday", "form"),
    "parts_of_day.tsv": ("form", "part", "use"),
    "numbers.tsv": ("form", "kind", "value"),
    "units.tsv": ("form", "unit", "count"),
    "clock.tsv": ("form", "kind", "value"),
    "relative.tsv": ("form", "kind", "value"),
}

SYSTEMS = ("levantine", "egyptian", "maghrebi")
PARTS = ("DAWN", "MO", "MI", "AF", "EV", "NI")
UNITS = ("S", "MIN", "H", "D", "W", "M", "Y", "DE", "CE")
NUMBER_KINDS = ("card", "teen_unit", "teen", "tens", "hundred", "thousand", "ord", "ord_unit",
                "frac", "decade")
_INT = re.compile(r"-?\d+")
_FRAC = re.compile(r"([1-9])/([1-9])")

# relative.tsv: each kind and the check of its value.
_REL_KINDS: dict[str, Callable[[str], bool]] = {
    "day": lambda v: _INT.fullmatch(v) is not None and abs(int(v)) <= 7,
    "day_bound": lambda v: _INT.fullmatch(v) is not None and abs(int(v)) <= 7,
    "gran": lambda v: v in ("W", "M", "Y", "CE"),
    "mod": lambda v: v in ("-2", "-1", "0", "1", "2"),
    "this": lambda v: v == "0",
    "edge": lambda v: v in ("start", "mid", "end"),
    "ago": lambda v: v == "-1",
    "since": lambda v: v == "0",
    "dur_cue": lambda v: v == "1",
    "year_cue": lambda v: v in ("strong", "weak"),
    "month_cue": lambda v: v == "0",
    "quantity": lambda v: v == "0",
    "age_cue": lambda v: v == "0",
    "future": lambda v: v == "0",
    "function": lambda v: v == "0",
    "day_noun": lambda v: v in ("1", "2"),
    "month_noun": lambda v: v == "1",
    "year_noun": lambda v: v in ("1", "2"),
    "era": lambda v: v in ("G", "H", "BC"),
    "every": lambda v: v == "0",
    "block": lambda v: v == "0",
}
_CLOCK_KINDS: dict[str, Callable[[str], bool]] = {
    "noun": lambda v: v == "0",
    "minutes": lambda v: _INT.fullmatch(v) is not None and -59 <= int(v) <= 59,
    "zone": lambda v: v in ("Z", "local"),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """What one form means: ``kind`` (``month``, ``weekday``, ``card``, ``unit`` …),
    a ``value`` and, for some kinds, an ``aux`` (month system, unit count, part use)."""

    kind: str
    value: str
    aux: str = ""

    @property
    def n(self) -> int:
        """The value as an integer (for kinds whose value is one)."""
        return int(self.value)


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon match: ``entry`` spans tokens ``[start, end)``; the first token
    carries ``prefix`` (proclitics before the form: «و», «ب», «وب», «لل» …)."""

    entry: Entry
    end: int
    prefix: str


def split_tokens(text: str) -> list[str]:
    """The grammar's tokens of an already normalised ``text``."""
    return TOKEN.findall(text)


def _strip(word: str) -> Iterator[tuple[str, str]]:
    """``(prefix, rest)`` for ``word`` and each reading of it with proclitics removed.

    After a preposition three letters at least must be left: «باب» is not ب + «آب»
    (but «وآب» is و + «آب»).
    """
    yield "", word
    conj = ""
    rest = word
    if len(rest) > 2 and rest[0] in "وف":
        conj, rest = rest[0], rest[1:]
        yield conj, rest
    if len(rest) > 3 and rest.startswith("لل"):
        yield conj + "لل", "ال" + rest[2:]
    if len(rest) > 3 and rest[0] in "بلك":
        yield conj + rest[0], rest[1:]


@dataclass(slots=True)
class Lexicon:
    """Every form of the time grammar, keyed by its tuple of normalised tokens."""

    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)
    sources: dict[tuple[str, str, str], tuple[str, int]] = field(default_factory=dict)
    _readings: dict[str, tuple[tuple[str, str, int], ...]] = field(default_factory=dict)
    _firsts: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)
    _begins: dict[tuple[frozenset[str], str], bool] = field(default_factory=dict)

    def add(self, form: str, entry: Entry, rel: str, line: int) -> None:
        key = tuple(split_tokens(normalize_str(form)))
        if not key:
            raise DataFileError(f"form {form!r} has no letters or digits",
                                input=str(data_path(rel)), line=line)
        entries = self.phrases.setdefault(key, [])
        if entry in entries:
            seen = self.sources[(" ".join(key), entry.kind, entry.aux)]
            raise DataFileError(f"{form!r} is listed twice as {entry.kind} (first at "
                                f"{seen[0]}:{seen[1]}); spellings are folded when matching",
                                input=str(data_path(rel)), line=line)
        for other in entries:
            if other.kind == entry.kind and other.aux == entry.aux and other.value != entry.value:
                raise DataFileError(f"{form!r} is {entry.kind} {other.value} and {entry.value}",
                                    input=str(data_path(rel)), line=line)
        entries.append(entry)
        self.sources.setdefault((" ".join(key), entry.kind, entry.aux), (rel, line))
        self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
        if self._readings or self._firsts or self._begins:  # caches of the old entries
            self._readings.clear()
            self._firsts.clear()
            self._begins.clear()

    def entries(self, words: Iterable[str]) -> list[Entry]:
        """The entries of exactly this sequence of tokens (no clitics stripped)."""
        return self.phrases.get(tuple(words), [])

    def readings(self, word: str) -> tuple[tuple[str, str, int], ...]:
        """``(prefix, first, longest)`` for each reading of ``word`` (see :func:`_strip`)
        that begins some form: ``longest`` is the most tokens such a form has."""
        readings = self._readings.get(word)
        if readings is None:
            if len(self._readings) > 200_000:  # a cache, not a vocabulary
                self._readings.clear()
            readings = self._readings[word] = tuple(
                (prefix, first, self.longest[first]) for prefix, first in _strip(word)
                if first in self.longest)
        return readings

    def firsts(self, kinds: frozenset[str]) -> frozenset[str]:
        """The first tokens of the forms that have an entry of one of ``kinds``."""
        found = self._firsts.get(kinds)
        if found is None:
            found = self._firsts[kinds] = frozenset(
                key[0] for key, entries in self.phrases.items()
                if any(e.kind in kinds for e in entries))
        return found

    def begins(self, word: str, kinds: frozenset[str]) -> bool:
        """Whether a form with an entry of one of ``kinds`` can start at ``word`` (with
        proclitics): a cheap test, per word, before :meth:`lookup`."""
        k = (kinds, word)
        got = self._begins.get(k)
        if got is None:
            if len(self._begins) > 200_000:
                self._begins.clear()
            firsts = self.firsts(kinds)
            got = self._begins[k] = any(first in firsts for _, first, _ in self.readings(word))
        return got

    def lookup(self, tokens: list[str], i: int, *, clitics: bool = True) -> list[Hit]:
        """Every entry whose form starts at token ``i``, longest first.

        With ``clitics``, the first token may carry proclitics (see :func:`_strip`).
        """
        word = tokens[i]
        if clitics:
            readings = self._readings.get(word) or self.readings(word)
            if not readings:  # most words: nothing starts with them
                return []
        else:
            top = self.longest.get(word)
            if top is None:
                return []
            readings = (("", word, top),)
        hits: list[Hit] = []
        phrases = self.phrases
        left = len(tokens) - i
        for prefix, first, top in readings:
            for size in range(min(top, left), 0, -1):
                key = (first, *tokens[i + 1:i + size]) if size > 1 else (first,)
                found = phrases.get(key)
                if found:
                    end = i + size
                    hits.extend(Hit(entry, end, prefix) for entry in found)
        if len(hits) > 1:
            hits.sort(key=_hit_order)
        return hits


def _hit_order(h: Hit) -> tuple[int, int]:
    return -h.end, len(h.prefix)


def _bad(rel: str, line: int, message: str) -> DataFileError:
    return DataFileError(message, input=str(data_path(rel)), line=line)


def _int_in(rel: str, line: int, text: str, lo: int, hi: int, what: str) -> int:
    if not text.isdigit() or not lo <= int(text) <= hi:
        raise _bad(rel, line, f"{what} must be a number from {lo} to {hi}, not {text!r}")
    return int(text)


def _rows(name: str) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    rel = f"{DIR}/{name}"
    for line, fields in iter_tsv(rel, FILES[name]):
        yield rel, line, tuple(f.strip() for f in fields)


def _complete(rel: str, seen: dict[str, set[int]], expected: range, what: str) -> None:
    for group, values in seen.items():
        missing = sorted(set(expected) - values)
        if missing:
            raise DataFileError(f"{group}: no name for {what} {missing}", input=str(data_path(rel)))


def _load_calendar(lex: Lexicon) -> None:
    seen: dict[str, set[int]] = {s: set() for s in SYSTEMS}
    rel = f"{DIR}/months.tsv"
    for rel, line, (month, system, form) in _rows("months.tsv"):
        m = _int_in(rel, line, month, 1, 12, "month")
        if system not in SYSTEMS:
            raise _bad(rel, line, f"system must be one of {SYSTEMS}, not {system!r}")
        seen[system].add(m)
        lex.add(form, Entry("month", month, system), rel, line)
    _complete(rel, seen, range(1, 13), "month")

    hseen: dict[str, set[int]] = {"hijri": set()}
    rel = f"{DIR}/hijri_months.tsv"
    for rel, line, (month, form) in _rows("hijri_months.tsv"):
        hseen["hijri"].add(_int_in(rel, line, month, 1, 12, "month"))
        lex.add(form, Entry("hmonth", month), rel, line)
    _complete(rel, hseen, range(1, 13), "month")

    wseen: dict[str, set[int]] = {"weekdays": set()}
    rel = f"{DIR}/weekdays.tsv"
    for rel, line, (day, form) in _rows("weekdays.tsv"):
        wseen["weekdays"].add(_int_in(rel, line, day, 1, 7, "weekday"))
        if not normalize_str(form).startswith("ال"):
            raise _bad(rel, line, f"weekday {form!r} must be written with its article")
        lex.add(form, Entry("weekday", day), rel, line)
        lex.add(normalize_str(form)[2:], Entry("weekday_bare", day), rel, line)  # «كل يوم جمعة»
    _complete(rel, wseen, range(1, 8), "weekday")

    for rel, line, (form, part, use) in _rows("parts_of_day.tsv"):
        if part not in PARTS:
            raise _bad(rel, line, f"part must be one of {PARTS}, not {part!r}")
        if use not in ("before", "after", "both"):
            raise _bad(rel, line, f"use must be before, after or both, not {use!r}")
        lex.add(form, Entry("part", part, use), rel, line)


def _load_numbers(lex: Lexicon) -> None:
    for rel, line, (form, kind, value) in _rows("numbers.tsv"):
        if kind not in NUMBER_KINDS:
            raise _bad(rel, line, f"kind must be one of {NUMBER_KINDS}, not {kind!r}")
        if kind == "frac":
            if _FRAC.fullmatch(value) is None:
                raise _bad(rel, line, f"a fraction is written n/d, not {value!r}")
        elif kind == "decade":
            _int_in(rel, line, value, 2, 9, "a decade digit")
        else:
            _int_in(rel, line, value, 1, 2000, "a number")
        lex.add(form, Entry(kind, value), rel, line)
        if kind == "tens":  # «العشرين» is also the ordinal twentieth
            lex.add("ال" + form, Entry("ord_tens", value), rel, line)

    for rel, line, (form, unit, count) in _rows("units.tsv"):
        if unit not in UNITS:
            raise _bad(rel, line, f"unit must be one of {UNITS}, not {unit!r}")
        if count not in ("1", "2", "2c", "n"):
            raise _bad(rel, line, f"count must be 1, 2, 2c or n, not {count!r}")
        lex.add(form, Entry("unit", unit, count), rel, line)


def _load_words(lex: Lexicon) -> None:
    # Clock kinds are stored as clock_noun, clock_minutes, clock_zone.
    for name, kinds, prefix in (("clock.tsv", _CLOCK_KINDS, "clock_"),
                                ("relative.tsv", _REL_KINDS, "")):
        for rel, line, (form, kind, value) in _rows(name):
            check = kinds.get(kind)
            if check is None:
                raise _bad(rel, line, f"kind must be one of {sorted(kinds)}, not {kind!r}")
            if not check(value):
                raise _bad(rel, line, f"{value!r} is not a valid value for kind {kind!r}")
            lex.add(form, Entry(prefix + kind, value), rel, line)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon built from the packaged data files (once per process)."""
    lex = Lexicon()
    _load_calendar(lex)
    _load_numbers(lex)
    _load_words(lex)
    return lex
