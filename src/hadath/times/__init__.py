"""Time expressions in Arabic news: recognised, normalised to ISO 8601, anchored.

    >>> from hadath.times import extract_times
    >>> found = extract_times("استقبل الرئيس، يوم الخميس 13 حزيران/يونيو 2024، الوزير", None)
    >>> [(t.text, t.type, t.value) for t in found.times]
    [('يوم الخميس 13 حزيران/يونيو 2024', 'DATE', '2024-06-13')]
    >>> found.anchor.to_dict()
    {'date': '2024-06-13', 'source': 'dateline'}

Modules: :mod:`~hadath.times.lexicon` (the data files), :mod:`~hadath.times.reader`,
:mod:`~hadath.times.days`, :mod:`~hadath.times.grammar` and
:mod:`~hadath.times.durations` (recognition), :mod:`~hadath.times.values`
(ISO values), :mod:`~hadath.times.hijri` (Umm al-Qura conversion),
:mod:`~hadath.times.anchor` (anchor and tense), :mod:`~hadath.times.pipes`
(the ``timex`` component).
"""

from __future__ import annotations

from .anchor import Anchor
from .extract import Extraction, extract_times

__all__ = ["Anchor", "Extraction", "extract_times"]
