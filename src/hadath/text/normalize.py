"""Arabic normalisation for matching, with a map back to the original text.

``normalize_str(text)`` is the fast form used for lexicon keys;
``normalize(text)`` gives the same string together with ``offsets``, so that
a span found in the normalised text can be mapped back to the original
(:meth:`Normalized.to_original`). What changes is data, not code: see
``hadath/data/ar/charmap.json``, validated when first used. In short:

* removed: harakat and other Arabic combining marks, superscript alef,
  Quranic marks, tatweel, zero-width and bidi controls, BOM, soft hyphen;
* standardised (also in the light form): Persian/Urdu letter variants
  (ی ک ھ) and Arabic presentation forms (ﻻ → لا);
* folded for matching: أ إ آ ٱ → ا, ى → ي, ة → ه, Arabic-Indic and Persian
  digits → ASCII, Arabic decimal/thousands separators and percent sign →
  ``. , %``, every double-quote style → ``"``, single-quote styles → ``'``,
  Unicode spaces → space, line/paragraph separators → ``\\n``.

Arabic comma, semicolon and question mark are kept. Latin case is kept.

``normalize_light(text)`` only removes and standardises (it keeps hamza
forms, ى and ة): it is the key under which clitic splitting is decided,
where «مدينة» and «مدينه» must not look alike. Both forms remove exactly
the same characters, so they always have the same length.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NoReturn, overload

from ..errors import DataFileError
from ..resources import data_path, load_json

__all__ = ["Normalized", "normalize", "normalize_light", "normalize_str", "removed_chars"]

CHARMAP = "ar/charmap.json"

_SECTIONS = ("_comment", "remove", "compat", "presentation_forms", "fold")


class _Offsets(Sequence[int]):
    """``offsets[i]`` for a text where some characters were removed or expanded.

    Stored as segments: from normalised index ``ns[k]`` on, normalised
    characters map to ``os[k] + (i - ns[k]) * slope[k]`` (slope 0 inside
    the expansion of one original character, 1 elsewhere).
    """

    __slots__ = ("_len", "_ns", "_os", "_slope")

    def __init__(self, ns: list[int], os: list[int], slope: list[int], length: int) -> None:
        self._ns = ns
        self._os = os
        self._slope = slope
        self._len = length

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...
    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self._at(j) for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        return self._at(i)

    def _at(self, i: int) -> int:
        k = bisect_right(self._ns, i) - 1
        return self._os[k] + (i - self._ns[k]) * self._slope[k]

    def __iter__(self) -> Iterator[int]:
        ns, os, slope, n = self._ns, self._os, self._slope, self._len
        for k in range(len(ns)):
            stop = ns[k + 1] if k + 1 < len(ns) else n
            if slope[k]:
                yield from range(os[k], os[k] + stop - ns[k])
            else:
                for _ in range(ns[k], stop):
                    yield os[k]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"_Offsets({list(self)!r})"


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and the map back to the text it came from.

    ``offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the index in
    ``original`` of the character that produced ``text[i]``, and
    ``offsets[len(text)] == len(original)``. Offsets never decrease.
    """

    original: str
    text: str
    offsets: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that covers normalised span ``[start, end)``.

        It runs from the source of ``text[start]`` to just after the source of
        ``text[end - 1]`` plus the combining marks and tatweel that follow it
        (they belong to that letter: «كتبَ» stays whole). An empty span maps to
        an empty span at ``offsets[start]``.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text "
                             f"of length {len(self.text)}")
        first = self.offsets[start]
        if start == end:
            return first, first
        last = self.offsets[end - 1] + 1
        if last < len(self.original):
            m = _tables().trailing.match(self.original, last)
            if m is not None:
                last = m.end()
        return first, last

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span made of what original span ``[start, end)`` produced."""
        if not 0 <= start <= end <= len(self.original):
            raise ValueError(f"span [{start}, {end}) outside original text "
                             f"of length {len(self.original)}")
        n = len(self.text)
        return bisect_left(self.offsets, start, 0, n), bisect_left(self.offsets, end, 0, n)


@dataclass(frozen=True, slots=True)
class _Tables:
    light: dict[int, str | None]
    full: dict[int, str | None]
    removed: frozenset[str]
    special: re.Pattern[str]   # a run of removed characters, or one expanding character
    trailing: re.Pattern[str]  # combining marks and tatweel after a letter


def normalize_str(text: str) -> str:
    """The normalised form of ``text`` (equals ``normalize(text).text``)."""
    return text.translate(_tables().full)


def normalize_light(text: str) -> str:
    """``text`` without marks and invisible characters, letter variants standardised.

    Hamza forms, ى and ة are kept. Same length as ``normalize_str(text)``.
    """
    return text.translate(_tables().light)


def removed_chars() -> frozenset[str]:
    """The characters normalisation deletes (marks, tatweel, invisible controls)."""
    return _tables().removed


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the alignment to it."""
    tables = _tables()
    norm = text.translate(tables.full)
    special = tables.special
    if special.search(text) is None:
        return Normalized(text, norm, range(len(text) + 1))
    full = tables.full
    ns = [0]
    os = [0]
    slope = [1]
    j = 0
    prev = 0
    for m in special.finditer(text):
        s, e = m.span()
        j += s - prev
        prev = e
        rep = full[ord(text[s])]
        if rep:  # one character written as several
            ns.append(j)
            os.append(s)
            slope.append(0)
            j += len(rep)
        ns.append(j)
        os.append(e)
        slope.append(1)
    return Normalized(text, norm, _Offsets(ns, os, slope, len(norm) + 1))


# -- the character map ---------------------------------------------------------------

def _parse_key(key: str, where: str, raw: str) -> list[str]:
    """``"أ"``, ``"U+0623"`` or ``"U+0660..U+0669"`` → the characters it names."""
    if len(key) == 1:
        return [key]
    m = re.fullmatch(r"U\+([0-9A-Fa-f]{4,6})(?:\.\.U\+([0-9A-Fa-f]{4,6}))?", key)
    if m is None:
        _bad(f"{where}: key {key!r} is not a character, U+XXXX or U+XXXX..U+YYYY", key, raw)
    lo = int(m.group(1), 16)
    hi = int(m.group(2), 16) if m.group(2) else lo
    if hi < lo or hi > 0x10FFFF:
        _bad(f"{where}: bad range {key!r}", key, raw)
    return [chr(c) for c in range(lo, hi + 1)]


def _line_of(raw: str, key: str) -> int | None:
    at = raw.find(f'"{key}"')
    return raw.count("\n", 0, at) + 1 if at >= 0 else None


def _bad(message: str, key: str | None, raw: str) -> NoReturn:
    line = _line_of(raw, key) if key else None
    raise DataFileError(message, input=str(data_path(CHARMAP)), line=line)


def _is_arabic_letter(c: str) -> bool:
    return 0x0600 <= ord(c) <= 0x06FF and unicodedata.category(c) == "Lo"


def _build_tables(data: Any, raw: str) -> _Tables:
    if not isinstance(data, Mapping):
        _bad("the character map must be a JSON object", None, raw)
    unknown = set(data) - set(_SECTIONS)
    missing = set(_SECTIONS) - set(data) - {"_comment"}
    if unknown or missing:
        _bad(f"sections: unknown {sorted(unknown)}, missing {sorted(missing)}",
             next(iter(unknown), None), raw)
    for name in ("remove", "compat", "fold"):
        if not isinstance(data[name], Mapping):
            _bad(f"{name!r} must be an object", name, raw)

    seen: dict[str, str] = {}

    def claim(c: str, section: str, key: str) -> None:
        if c in seen:
            _bad(f"{section}: U+{ord(c):04X} is already in {seen[c]!r}", key, raw)
        seen[c] = section

    removed: set[str] = set()
    for key, what in data["remove"].items():
        if not isinstance(what, str):
            _bad(f"remove: the value of {key!r} must be a description string", key, raw)
        for c in _parse_key(key, "remove", raw):
            claim(c, "remove", key)
            removed.add(c)

    compat: dict[str, str] = {}
    for key, value in data["compat"].items():
        chars = _parse_key(key, "compat", raw)
        if not isinstance(value, str) or len(chars) != 1:
            _bad(f"compat: {key!r} must be one character mapped to a string", key, raw)
        claim(chars[0], "compat", key)
        compat[chars[0]] = value

    fold: dict[str, str] = {}
    for key, value in data["fold"].items():
        chars = _parse_key(key, "fold", raw)
        if not isinstance(value, str) or len(value) != len(chars):
            _bad(f"fold: {key!r} must map each of its {len(chars)} character(s) "
                 f"to exactly one character", key, raw)
        for c, v in zip(chars, value, strict=True):
            claim(c, "fold", key)
            fold[c] = v

    ranges = data["presentation_forms"]
    if not isinstance(ranges, list) or not all(isinstance(r, str) for r in ranges):
        _bad("'presentation_forms' must be a list of U+XXXX..U+YYYY ranges",
             "presentation_forms", raw)
    for key in ranges:
        for c in _parse_key(key, "presentation_forms", raw):
            if c in seen or unicodedata.category(c) == "Cn":
                continue
            nfkc = unicodedata.normalize("NFKC", c)
            if nfkc == c:
                continue
            letters = "".join(compat.get(x, x) for x in nfkc if x not in removed and x != " ")
            if not letters:
                removed.add(c)
                seen[c] = "presentation_forms"
            elif " " not in nfkc and all(_is_arabic_letter(x) for x in letters):
                compat[c] = letters
                seen[c] = "presentation_forms"

    light: dict[int, str | None] = {ord(c): None for c in removed}
    light.update((ord(c), v) for c, v in compat.items())
    full: dict[int, str | None] = dict(light)
    for c, v in compat.items():
        full[ord(c)] = "".join(fold.get(x, x) for x in v)
    full.update((ord(c), v) for c, v in fold.items())

    # Normalising twice must change nothing: no output character may be removed or mapped.
    for code, value in full.items():
        for x in value or "":
            if x in removed or ord(x) in full:
                _bad(f"U+{code:04X} maps to {x!r}, which is itself removed or mapped",
                     None, raw)

    cls = "".join(re.escape(c) for c in sorted(removed))
    expanding = "".join(re.escape(chr(c)) for c, v in sorted(full.items()) if v and len(v) > 1)
    special = f"[{cls}]+|[{expanding}]" if expanding else f"[{cls}]+"
    marks = "".join(re.escape(c) for c in sorted(removed)
                    if unicodedata.category(c) in ("Mn", "Me") or c == "\u0640")
    return _Tables(light=light, full=full, removed=frozenset(removed),
                   special=re.compile(special), trailing=re.compile(f"[{marks}]*"))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_json(CHARMAP)
    raw = data_path(CHARMAP).read_text(encoding="utf-8")
    return _build_tables(data, raw)
