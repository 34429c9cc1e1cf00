"""PLOVER status of an event, and its date, from the words and times around the trigger.

- ``negated``: «لم», «لن», «لا», «ما», «ليس», «عدم», «دون» just before the
  trigger, or a denial verb governing it («نفى أن»).
- ``hypothetical``: a condition earlier in the clause («إذا», «في حال», «لو»).
- ``future``: the future clitic «سـ» on the trigger, «سوف», «من المقرر», «من
  المفترض», «يعتزم» … before it, or a date after the article's date.
- ``historical``: a date more than a year before the article's date, or «سبق أن».
- otherwise ``asserted``.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from ..doc import Document, Time, Token
from ..text.normalize import normalize_str
from .arguments import bare_norm, clause_start
from .triggers import Trigger

_NEGATION = frozenset(("لم", "لن", "لا", "ما", "ليس", "ليست", "عدم", "دون", "بدون", "غير",
                       "لما"))
_DENIAL = frozenset(("نفي", "نفت", "ينفي", "تنفي", "نفوا", "نافيا", "نافيه"))
_CONDITION = frozenset(("اذا", "لو", "حال", "لولا", "ان"))
_FUTURE_WORDS = frozenset(("سوف", "المقرر", "المفترض", "يعتزم", "تعتزم", "يعتزمون", "ينوي", "تنوي",
                           "المرتقب", "المرتقبه", "المزمع", "المزمعه", "سيتم", "يرتقب", "يتوقع",
                           "ستكون", "سيكون"))
_HISTORICAL_WORDS = frozenset(("سبق", "سابقا"))


def status_of(doc: Document, t: Trigger, date: str | None, anchor: str | None) -> str:
    toks = doc.tokens
    first = toks[t.token]
    lo = clause_start(toks, t.token)
    window = [toks[k] for k in range(max(lo, t.token - 3), t.token)]
    if any(tok.norm in _NEGATION for tok in window[-2:]) or any(
            bare_norm(tok) in _DENIAL for tok in window):
        return "negated"
    clause = [toks[k] for k in range(lo, t.token)]
    if any(tok.norm in _CONDITION and tok.norm != "ان" for tok in clause) or _in_case(clause):
        return "hypothetical"
    if any(w.kind == "fut" for w in first.words) or any(
            bare_norm(tok) in _FUTURE_WORDS for tok in window):
        return "future"
    if date and anchor:
        when, ref = _day(date), _day(anchor)
        if when and ref:
            if when > ref:
                return "future"
            if (ref - when).days > 365:
                return "historical"
    if any(bare_norm(tok) in _HISTORICAL_WORDS for tok in clause):
        return "historical"
    return "asserted"


def _in_case(clause: list[Token]) -> bool:
    """«في حال», «في حالة»."""
    return any(a.norm == "في" and b.norm in ("حال", "حاله") for a, b in pairwise(clause))


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_of(doc: Document, t: Trigger, anchor: str | None) -> str | None:
    """The day of the event: a date in its sentence (the nearest day; a month only close
    to the trigger), else one earlier in its paragraph, else the article's anchor date.
    A time after «منذ» («يتظاهرون منذ مارس») dates the start of a state, not the event."""
    return dated(doc, t, anchor)[0]


def dated(doc: Document, t: Trigger, anchor: str | None) -> tuple[str | None, bool]:
    """:func:`date_of` and whether the date was read from the text (not the anchor)."""
    toks = doc.tokens
    sent = toks[t.token].sentence
    s0, s1 = doc.sentences[sent].start, doc.sentences[sent].end
    began = [tm for tm in doc.times if t.end <= tm.start <= t.end + _SINCE_REACH
             and _is_day(tm) and _since(doc, tm)]
    if began:  # «المعتقل منذ أكتوبر الماضي»: held since then, so taken then
        return began[0].value, True
    same = [tm for tm in doc.times if s0 <= tm.start < s1 and _is_day(tm) and not _since(doc, tm)]
    days = [tm for tm in same if len(tm.value or "") == 10]
    months = [tm for tm in same if len(tm.value or "") in (4, 7) and _near(doc, tm, t)]
    if days or months:
        return min(days or months, key=lambda tm: abs(tm.start - t.start)).value, True
    para = doc.text.rfind("\n", 0, t.start) + 1
    earlier = [tm for tm in doc.times if para <= tm.start < t.start and _is_day(tm)
               and len(tm.value or "") >= 7 and not _since(doc, tm)]
    if earlier:
        return earlier[-1].value, True
    return anchor, False


_SINCE = frozenset(("منذ", "ومنذ"))
_MONTH_REACH = 60  # characters: a month-only date this close to the trigger dates it
_SINCE_REACH = 6  # characters: «منذ X» right after a trigger says when its state began


def _since(doc: Document, tm: Time) -> bool:
    before = doc.text[max(0, tm.start - 12):tm.start].split()
    return bool(before) and normalize_str(before[-1]) in _SINCE


def _near(doc: Document, tm: Time, t: Trigger) -> bool:
    gap = tm.start - t.end if tm.start >= t.end else t.start - tm.end
    return gap <= _MONTH_REACH


_MONTH_OR_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _is_day(tm: Time) -> bool:
    """A date of year, month or day precision (not a week, season or interval); a year
    or month dates an event only close to its trigger."""
    return tm.type == "DATE" and _MONTH_OR_DAY.fullmatch(tm.value or "") is not None
