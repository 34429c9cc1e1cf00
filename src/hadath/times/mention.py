"""A recognised time expression before it is given a value."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention"]


@dataclass(frozen=True, slots=True)
class Mention:
    """What the grammar found between ``start`` and ``end`` (offsets in the normalised text).

    ``kind`` says how to read the other fields:

    * ``date``: a calendar date, month or year (``year`` may be missing and is then
      inferred from the anchor); ``hijri`` for the Islamic calendar; ``shift`` is an
      explicit «الماضي» (-1), «المقبل» (1) or «الجاري» (0); ``edge`` a part of the
      period («نهاية» end, «مطلع» start, «منتصف» mid);
    * ``weekday``: ``weekday`` (ISO, 1 = Monday) with an optional ``shift``;
    * ``relday``: ``offset`` days from the anchor («أمس» = -1);
    * ``relgran``: ``offset`` ``unit``\\ s (W, M, Y, CE) from the anchor («الشهر الماضي»);
    * ``ago``: ``offset`` ``unit``\\ s back from the anchor («قبل أسبوع»);
    * ``fixed``: a value known without the anchor (a duration, a set, a year interval)
      in ``value``, of type ``tag``;
    * ``decade``: ``year`` holds the decade digit and ``offset``/``unit`` the century
      («الثمانينيات», «ثمانينيات القرن الماضي»);
    * ``century``: the ``year``-th century, or ``offset`` centuries from the anchor;
    * ``clock``: ``hour``:``minute`` in ``zone`` (``Z`` or None), on the day of ``base``
      if the expression names it, else on the day in context; ``ampm`` says whether
      the text fixes the half of the day (a part of the day, or a 24-hour time).

    ``past`` marks a point after «منذ» (since), which cannot be after the anchor.
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0
    unit: str | None = None
    shift: int | None = None
    edge: str | None = None
    value: str | None = None
    tag: str = "DATE"
    hour: int | None = None
    minute: int = 0
    zone: str | None = None
    ampm: bool = False
    past: bool = False
    hijri: bool = False
    base: Mention | None = None

    @property
    def absolute(self) -> bool:
        """Whether the value needs no anchor (a full date, a month or year with its year)."""
        return (self.kind in ("fixed", "century") and self.unit is None) or (
            self.kind == "date" and self.year is not None)

    @property
    def full_date(self) -> bool:
        """A calendar day with its year: what may anchor an article without a date."""
        return self.kind == "date" and None not in (self.year, self.month, self.day)
