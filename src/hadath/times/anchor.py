"""Anchoring: the date relative expressions count from, and the tense around them.

The anchor of an article is, in order of preference,

1. ``published``, its publication date;
2. ``dateline``: a full date (day, month and year, Gregorian or Hijri) on the
   article's first line, within its first 250 characters («طرابلس 26 شوال
   1436هـ الموافق 11 أغسطس 2015م»);
3. ``first_date``: the first full date anywhere in the article;

and none (``source`` null) when the article has none of them. The document
records it as ``meta.anchor = {"date": …, "source": …}``.

The tense decides which way a weekday or a date without a year goes
(:mod:`hadath.times.values`). It is future when a future marker stands before
the expression in the same clause: a verb with the future prefix «سـ» (from
the tokenizer's clitic split: «سيجتمعون», «وستحضر»), or a word of kind
``future`` in the data («سوف», «من المقرر», the imperfect of verbs of scheduled
events such as «تعقد», «يقام»). The clause is read back from the expression up
to fourteen words, stopping at punctuation other than commas («سيزور، الخميس،
…», «من المقرر أن تبدأ الكلية، في 8 أكتوبر»); a bracket right before the
expression is read through.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..doc import Token
from .lexicon import lexicon
from .mention import Mention
from .values import day_of, resolve

__all__ = ["Anchor", "Tense", "choose_anchor"]

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATELINE_CHARS = 250
_WINDOW = 14  # words
_PAST_NEGATION = frozenset({"لم", "ولم", "فلم"})
# Commas do not end a clause here: «من المقرر أن تبدأ الكلية، في 8 أكتوبر، …».
_BOUNDARY = frozenset(".؛;:!?؟«»\"“”()[]{}")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The date an article's relative expressions resolve against, and where it came from."""

    date: date | None
    source: str | None  # "published", "dateline", "first_date" or None

    def to_dict(self) -> dict[str, str | None]:
        return {"date": self.date.isoformat() if self.date else None, "source": self.source}


def parse_day(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (anything after it ignored) as a date, or None."""
    m = _ISO_DAY.match(value or "")
    if m is None:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return day_of(f"{y:04d}-{mo:02d}-{d:02d}") if d <= _month_days(y, mo) else None


def _month_days(y: int, m: int) -> int:
    nxt = date(y + (m == 12), m % 12 + 1, 1) if y < 9999 else date(9999, 12, 31)
    return (nxt - date(y, m, 1)).days or 31


def choose_anchor(published: str | None, text: str, mentions: Sequence[Mention]) -> Anchor:
    """The anchor of an article (``text`` normalised; ``mentions`` found in it, in order)."""
    day = parse_day(published)
    if day is not None:
        return Anchor(day, "published")
    first_line = text.find("\n")
    limit = min(_DATELINE_CHARS, first_line if first_line >= 0 else len(text))
    for m in mentions:
        if not m.full_date:
            continue
        got = resolve(m, None)
        found = day_of(got[1]) if got else None
        if found is not None:
            return Anchor(found, "dateline" if m.start < limit else "first_date")
    return Anchor(None, None)


class Tense:
    """Where the future markers of a document are, to tell the tense at an offset.

    Markers are looked for only where an expression asks (a few words before
    each), and each token is read at most once.
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self._tokens = tokens
        self._future: dict[int, bool] = {}

    def _marker(self, k: int) -> bool:
        """Whether token ``k`` is a future marker."""
        got = self._future.get(k)
        if got is None:
            t = self._tokens[k]
            got = self._future[k] = any(w.kind == "fut" for w in t.words) or (
                _future_word(t.norm)
                and not (k and self._tokens[k - 1].norm in _PAST_NEGATION))  # «لم تشارك»
        return got

    def is_future(self, start: int) -> bool:
        """Whether a future marker governs the expression that starts at ``start``."""
        tokens = self._tokens
        k = bisect_left(tokens, start, key=_start)
        if k == 0:
            return False
        sentence = tokens[k - 1].sentence if k == len(tokens) else tokens[k].sentence
        i = k - 1
        if tokens[i].text in _BOUNDARY and i > 0:  # «… سيزور (الخميس) …»
            i -= 1
        words = 0
        while i >= 0 and words < _WINDOW and tokens[i].sentence == sentence \
                and tokens[i].text not in _BOUNDARY:
            if self._marker(i):
                return True
            words += tokens[i].text[:1].isalnum()
            i -= 1
        return False


def _start(t: Token) -> int:
    return t.start


@lru_cache(maxsize=1 << 16)
def _future_word(norm: str) -> bool:
    """Whether the data lists ``norm`` (with or without proclitics) as a future marker."""
    return any(h.entry.kind == "future" for h in lexicon().lookup([norm], 0))
