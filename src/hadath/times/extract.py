"""The time expressions of one article, with their values: :func:`extract_times`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..doc import Time, Token
from ..text.normalize import Normalized, normalize, normalize_str
from ..text.sentences import split_sentences
from ..text.tokens import tokenize
from .anchor import Anchor, Tense, choose_anchor
from .grammar import parse
from .mention import Mention
from .values import day_of, resolve

__all__ = ["Extraction", "extract_times"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What :func:`extract_times` found: the times, sorted by start, and the anchor used."""

    times: list[Time] = field(default_factory=list)
    anchor: Anchor = field(default_factory=lambda: Anchor(None, None))


def extract_times(text: str, published: str | None = None, *,
                  norm: Normalized | None = None,
                  tokens: Sequence[Token] | None = None,
                  sentences: Sequence[tuple[int, int]] | None = None) -> Extraction:
    """Find, normalise and anchor the time expressions of ``text``.

    ``published`` is the article's date (``YYYY-MM-DD``) if known. ``norm``,
    ``tokens`` and ``sentences`` (``(start, end)`` offsets) may be passed when a
    pipeline already computed them; otherwise they are computed here.

        >>> [(t.text, t.value) for t in extract_times("وصل الوزير صباح الخميس", "2024-06-13").times]
        [('صباح الخميس', '2024-06-13')]
    """
    norm = norm if norm is not None else normalize(text)
    mentions = parse(norm.text)
    anchor = choose_anchor(published, norm.text, mentions)
    if sentences is None:
        sentences = split_sentences(text)
    if tokens is None:
        tokens = [t for i, (s, e) in enumerate(sentences) for t in tokenize(text, s, e, i)]
    tense = Tense(tokens)
    starts = [s for s, _ in sentences] or [0]
    last_day: dict[int, date] = {}
    ahead: set[int] = set()  # weekdays already read as future in this article
    last_hour: dict[int, int] = {}
    times: list[Time] = []
    for m in mentions:
        start, end = norm.to_original(m.start, m.end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        sentence = bisect_right(starts, start) - 1
        future = tense.is_future(start)
        if m.kind == "weekday" and m.weekday is not None:
            # A weekday named again after «المقبل» is the same day:
            # «الأحد المقبل» … «يوم الأحد» … «اجتماع الأحد».
            if m.shift == 1:
                ahead.add(m.weekday)
            elif m.shift is None and m.weekday in ahead:
                future = True
        if m.kind == "clock" and m.hour is not None:
            m = _half_of_day(m, last_hour.get(sentence))
            last_hour[sentence] = m.hour if m.hour is not None else 0
        got = resolve(m, anchor.date, future, last_day.get(sentence, anchor.date))
        if times and m.shift is None and _joined(text, times[-1], start):
            if m.kind == "weekday":
                got = _next_weekday(m, times[-1]) or got  # «الثلاثاء والأربعاء»
            elif m.kind == "date" and m.year is None and m.unit is None and got is not None:
                got = _not_before(got, times[-1])  # «بين 14 يونيو و15 يوليو»
        if got is None:
            continue
        kind, value = got
        day = day_of(value) if kind in ("DATE", "TIME") else None
        if day is not None:
            last_day[sentence] = day
        times.append(Time(start, end, text[start:end], kind, value))
    times.sort(key=lambda t: (t.start, t.end))
    return Extraction(times, anchor)


_LINKS = frozenset({"و", "الي", "حتي", "وحتي", "-", "او", "ولغايه", "لغايه"})


def _joined(text: str, previous: Time, start: int) -> bool:
    """``previous`` ends right before «و», «إلى», «حتى», «أو» and the expression at ``start``."""
    return previous.end <= start and normalize_str(text[previous.end:start]).strip() in _LINKS


def _not_before(got: tuple[str, str], previous: Time) -> tuple[str, str]:
    """The second date of a pair or range, moved a year on if it fell before the first."""
    kind, value = got
    first = previous.value or ""
    if previous.type != "DATE" or len(first) != len(value) or value >= first:
        return got
    return kind, f"{int(value[:4]) + 1:04d}{value[4:]}"


def _next_weekday(m: Mention, previous: Time) -> tuple[str, str] | None:
    """The second day of a pair («الجمعة والسبت») follows the first."""
    day = day_of(previous.value or "") if previous.type == "DATE" else None
    if day is None or m.weekday is None or len(previous.value or "") != 10:
        return None
    return "DATE", (day + timedelta(days=(m.weekday - day.isoweekday()) % 7 or 7)).isoformat()


def _half_of_day(m: Mention, previous: int | None) -> Mention:
    """An hour from 1 to 11 that the text leaves open takes the half of the day nearest
    the clock time before it in the sentence: «الخامسة مساء بتوقيت باريس، الثالثة
    بتوقيت غرينتش» is 15:00."""
    if m.ampm or previous is None or m.hour is None or not 1 <= m.hour < 12:
        return m
    if abs(m.hour + 12 - previous) < abs(m.hour - previous):
        return replace(m, hour=m.hour + 12)
    return m
