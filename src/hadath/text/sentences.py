"""Sentence splitting of Arabic news, in offsets of the original text.

Rules, in order:

* Every line break ends a sentence (``\\n``, ``\\r\\n``, ``\\r``, U+2028/2029
  and the other characters ``str.splitlines`` breaks on); blank lines give no
  sentence.
* Within a line a sentence ends after a run of ``! ? ؟ ؛ ۔`` (with any dots
  mixed in: ``؟!``, ``!..``), or after a single full stop. Closing quotes and
  brackets right after the terminator belong to the sentence.
* An ellipsis (``..``, ``...``, ``…``) does not end a sentence: in Arabic news
  it mostly marks a pause or an omission inside one («(...)»).
* A full stop does not end a sentence inside a number or date (13.5,
  13.6.2024), a URL, e-mail address or domain (alarabiya.net, «العربية.نت»),
  after a single letter (initials and abbreviations: U.S., «د. محمد»,
  «ق.م», «أ.د.»), after a Latin abbreviation (Dr., Inc.), after a list
  number at the start of a sentence (``1.``), or when it is glued to the next
  word unless both sides are Arabic words of three letters or more
  («البلاد.وقال» ends; «إف.بي.آي» does not).
* A terminator inside a quotation that closes on the same line within
  ``quote_lookahead`` characters does not end the sentence («قال: "هذا مهم.
  ونحن نرفض ذلك" ثم غادر.» is one sentence), unless the quotation closes
  right after it (``مهم."``): then the sentence ends after the closing quote.
  ASCII and curly double quotes toggle; « » nest, and so do parentheses
  («(بي. فلاسيباروم)» stays whole).

Sentences are trimmed of whitespace (``str.isspace``): every other character,
invisible controls included, belongs to exactly one sentence.
Data (abbreviations, Arabic domain words, the look-ahead) is in
``hadath/data/ar/sentences.json``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from ..resources import data_path, load_json
from ._patterns import patterns
from .normalize import normalize_light, removed_chars

__all__ = ["split_sentences"]

DATA = "ar/sentences.json"

_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TERMINATOR = re.compile(r"[.!?؟؛۔…]+")
_STRONG = frozenset("!?؟؛۔")
_TOGGLE_QUOTES = "\"“”„‟＂"
_OPENERS = "«("
_QUOTE = re.compile(f"[{_TOGGLE_QUOTES}«»()]")
_CLOSERS = frozenset(")]}»”’›'\"")
_WORD_AFTER = re.compile(r"[^\W_]+")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3]")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[^\W\d_])\)?$")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class _Settings:
    abbreviations: frozenset[str]
    domain_words: frozenset[str]
    lookahead: int
    strip: str  # the whitespace trimmed from sentence edges
    word_before: re.Pattern[str]  # the word (with its marks) that ends where a stop is


@lru_cache(maxsize=1)
def _settings() -> _Settings:
    data: Any = load_json(DATA)
    where = str(data_path(DATA))
    keys = {"_comment", "latin_abbreviations", "domain_words", "quote_lookahead"}
    if not isinstance(data, Mapping) or set(data) != keys:
        raise DataFileError(f"expected an object with the keys {sorted(keys)}", input=where)
    for key in ("latin_abbreviations", "domain_words"):
        if not isinstance(data[key], list) or not all(isinstance(w, str) and w
                                                      for w in data[key]):
            raise DataFileError(f"{key!r} must be a list of non-empty strings", input=where)
    lookahead = data["quote_lookahead"]
    if not isinstance(lookahead, int) or lookahead < 1:
        raise DataFileError("'quote_lookahead' must be a positive integer", input=where)
    spaces = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # U+3000 is the last
    marks = "".join(re.escape(c) for c in sorted(removed_chars())
                    if unicodedata.category(c) != "Cf")
    return _Settings(abbreviations=frozenset(w.lower() for w in data["latin_abbreviations"]),
                     domain_words=frozenset(normalize_light(w) for w in data["domain_words"]),
                     lookahead=lookahead, strip=spaces,
                     word_before=re.compile(rf"(?:[^\W_]|[{marks}])+$"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, in order.

    Spans are trimmed, non-empty and non-overlapping; every character that is
    not whitespace lies in exactly one of them.
    """
    settings = _settings()
    protected = [m.span() for m in patterns().url_like.finditer(text)]
    out: list[tuple[int, int]] = []
    start = 0
    for m in _LINE_BREAK.finditer(text):
        _split_line(text, start, m.start(), settings, protected, out)
        start = m.end()
    _split_line(text, start, len(text), settings, protected, out)
    return out


def _split_line(text: str, ls: int, le: int, settings: _Settings,
                protected: list[tuple[int, int]], out: list[tuple[int, int]]) -> None:
    """Append the sentences of the line ``text[ls:le]`` to ``out``."""
    if ls >= le:
        return
    cuts: list[int] = []
    quotes: _Quotes | None = None
    sent_start = ls
    for m in _TERMINATOR.finditer(text, ls, le):
        a, b = m.span()
        if _inside(protected, a):
            continue
        run = m.group()
        if not _STRONG.intersection(run):
            if len(run) > 1 or run == "…":
                continue  # an ellipsis
            if not _full_stop_ends(text, a, ls, le, sent_start, settings):
                continue
        if quotes is None:
            quotes = _Quotes(text, ls, le)
        end = quotes.end_after(a, b, settings.lookahead)
        if end is None:
            continue
        cuts.append(end)
        sent_start = end
    cuts.append(le)
    strip = settings.strip
    prev = ls
    for cut in cuts:
        if cut <= prev:
            continue
        seg = text[prev:cut]
        left = len(seg) - len(seg.lstrip(strip))
        right = len(seg.rstrip(strip))
        if right > left:
            out.append((prev + left, prev + right))
        prev = cut


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_left(spans, (pos + 1,)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _full_stop_ends(text: str, a: int, ls: int, le: int, sent_start: int,
                    settings: _Settings) -> bool:
    """Whether the single full stop at ``a`` may end a sentence."""
    before = text[a - 1] if a > ls else ""
    after = text[a + 1] if a + 1 < le else ""
    if before.isdigit() and after.isdigit():
        return False  # 13.5, 13.6.2024
    m = settings.word_before.search(text, max(ls, a - 40), a)
    word = normalize_light(m.group()) if m is not None else ""
    if m is not None and word:
        if len(word) == 1 and not word.isdigit():
            return False  # an initial or a one-letter abbreviation
        if word.lower() in settings.abbreviations and word.isascii():
            return False
        head = text[sent_start:m.start()]
        if not head.strip(settings.strip) and _LIST_MARKER.match(word):
            return False  # "1." opening a list item
    elif text[sent_start:a].strip(settings.strip) in ("", "(", "-"):
        return False
    if after and not after.isspace() and after not in _CLOSERS:
        # glued to what follows: a sentence end only between two Arabic words
        n = _WORD_AFTER.match(text, a + 1, le)
        if n is None:
            return True
        nxt = normalize_light(n.group())
        return (len(word) >= 3 and len(nxt) >= 3 and nxt not in settings.domain_words
                and _ARABIC_LETTER.match(word) is not None
                and _ARABIC_LETTER.match(nxt) is not None and not _DIGIT.search(nxt))
    return True


class _Quotes:
    """Quotation state along one line."""

    __slots__ = ("_depth", "_guillemets", "_le", "_text", "_toggles")

    def __init__(self, text: str, ls: int, le: int) -> None:
        self._text = text
        self._le = le
        self._toggles: list[int] = []
        self._guillemets: list[int] = []  # positions of « » ( )
        self._depth: list[int] = []       # nesting depth after each of them
        depth = 0
        for m in _QUOTE.finditer(text, ls, le):
            ch = m.group()
            if ch in _TOGGLE_QUOTES:
                self._toggles.append(m.start())
            else:
                depth = depth + 1 if ch in _OPENERS else max(depth - 1, 0)
                self._guillemets.append(m.start())
                self._depth.append(depth)

    def _open_at(self, pos: int) -> tuple[bool, bool]:
        """(inside a toggled quote, inside guillemets) just before ``pos``."""
        toggled = bisect_left(self._toggles, pos) % 2 == 1
        i = bisect_left(self._guillemets, pos)
        return toggled, i > 0 and self._depth[i - 1] > 0

    def _closing(self, pos: int, toggled: bool, nested: bool) -> int | None:
        """The position of the quote that closes what is open at ``pos``, if any."""
        found: list[int] = []
        if toggled:
            i = bisect_left(self._toggles, pos)
            if i < len(self._toggles):
                found.append(self._toggles[i])
        if nested:
            i = bisect_left(self._guillemets, pos)
            depth = self._depth[i - 1]
            for j in range(i, len(self._guillemets)):
                if self._depth[j] < depth:
                    found.append(self._guillemets[j])
                    break
        return min(found) if found else None

    def end_after(self, a: int, b: int, lookahead: int) -> int | None:
        """Where a sentence ending with the terminator ``[a, b)`` ends, or ``None``.

        ``None`` when the terminator lies inside a quotation that closes soon
        after with more text before the closing quote.
        """
        text = self._text
        toggled, nested = self._open_at(a)
        if toggled or nested:
            q = self._closing(b, toggled, nested)
            if q is not None and q - b <= lookahead and text[b:q].strip():
                return None
        # Closing quotes and brackets (and further terminators) stay with the sentence.
        end = b
        while end < self._le:
            ch = text[end]
            if ch in _TOGGLE_QUOTES:
                toggled, _ = self._open_at(end)
                after = text[end + 1] if end + 1 < self._le else " "
                if not toggled and not after.isspace():
                    break  # an opening quote glued to the next sentence
            elif ch not in _CLOSERS and ch not in ".!?؟؛۔…":
                break
            end += 1
        return end
