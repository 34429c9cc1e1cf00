"""One validated settings object for a pipeline, instead of keyword sprawl."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from .errors import BadValue

DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and choices that shape how hadath treats its input.

    max_chars: longest article accepted, in characters; longer ones fail with
        ``TooLarge`` rather than tying up a worker (a news article is rarely
        over 50,000 characters).
    min_arabic_ratio: share of Arabic letters among all letters below which an
        article fails with ``NotArabic``. Articles quoting English names and
        brand names sit far above the default.
    min_letters: articles with fewer letters than this are judged too short
        to tell their language, and are not checked for it.
    min_trigger_weight: event cues whose lexicon weight is below this are not
        coded (frequent, ambiguous nouns such as «دعم» or «اتفاق» weigh least).
    """

    max_chars: int = DEFAULT_MAX_CHARS
    min_arabic_ratio: float = 0.2
    min_letters: int = 20
    min_trigger_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise BadValue(f"max_chars must be positive, not {self.max_chars}")
        if not 0.0 <= self.min_arabic_ratio <= 1.0:
            raise BadValue(f"min_arabic_ratio must be in [0, 1], not {self.min_arabic_ratio}")
        if self.min_letters < 0:
            raise BadValue(f"min_letters must be >= 0, not {self.min_letters}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise BadValue(f"unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
        return cls(**data)
