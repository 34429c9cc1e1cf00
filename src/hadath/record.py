"""What goes into a pipeline (a Record) and what comes out when it can't (a Failure).

Readers turn files into records; a record is checked before any component
sees it, so every kind of bad input fails the same way, with the input's name
and line, whichever interface it came through.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import (
    BadValue,
    BinaryInput,
    EmptyText,
    HadathError,
    InputError,
    NotArabic,
    NotUtf8,
    TooLarge,
)
from .settings import Settings

_ARABIC_LETTER = re.compile(
    r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]")
_LANGUAGE_SAMPLE = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Record:
    """One article to process, with where it came from (``input``, ``line``)."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    input: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Failure:
    """A record (or a piece of input) that could not be processed, and why."""

    id: str | None
    code: str
    type: str
    message: str
    input: str | None = None
    line: int | None = None

    @classmethod
    def from_error(cls, err: HadathError) -> Failure:
        return cls(err.id, err.code, type(err).__name__, err.message, err.input, err.line)

    def where(self) -> str:
        parts = [p for p in (self.input, str(self.line) if self.line is not None else None) if p]
        return ":".join(parts) or "input"

    def to_dict(self) -> dict[str, Any]:
        """The one JSON error shape (see :mod:`hadath.errors`)."""
        return {"error": {"code": self.code, "type": self.type, "message": self.message,
                          "input": self.input, "line": self.line, "id": self.id}}


def parse_published(value: str | None) -> str | None:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date), or None."""
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise BadValue(f"published date {value!r} is not YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError as e:
        raise BadValue(f"published date {value!r} is not a real date") from e
    return value[:10]


def check_record(rec: Record, settings: Settings) -> None:
    """Raise an :class:`~hadath.errors.InputError` if ``rec`` can't be an article.

    The error names the record's input, line and id.
    """
    try:
        check_text(rec.text, settings)
        parse_published(rec.published)
    except InputError as e:
        e.input, e.line, e.id = rec.input, rec.line, rec.id
        raise


def check_text(text: str, settings: Settings) -> None:
    if not isinstance(text, str):
        raise EmptyText(f"text is {type(text).__name__}, not a string")
    if not text.strip():
        raise EmptyText("empty text")
    if len(text) > settings.max_chars:
        raise TooLarge(f"text is {len(text):,} characters, over the limit of "
                       f"{settings.max_chars:,} (Settings.max_chars, --max-chars)")
    bad = _SURROGATE.search(text)
    if bad:
        raise NotUtf8(f"text holds a lone surrogate (U+{ord(bad.group()):04X}) at character "
                      f"{bad.start()}, which is not valid Unicode")
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise BinaryInput(f"text looks binary ({controls} control characters)")
    # The language is judged on the opening of the text, which is plenty and keeps
    # the check cheap on long articles.
    sample = text[:_LANGUAGE_SAMPLE]
    letters = sum(map(str.isalpha, sample))
    arabic = len(sample) - len(_ARABIC_LETTER.sub("", sample))
    if letters == 0:
        raise NotArabic("text has no letters, so it is no Arabic article")
    if arabic == 0:
        raise NotArabic(f"text is not Arabic: none of its {letters} letters is Arabic")
    if letters >= settings.min_letters and arabic / letters < settings.min_arabic_ratio:
        raise NotArabic(f"text is not Arabic: {arabic} of {letters} letters are Arabic "
                        f"({arabic / letters:.0%}, below {settings.min_arabic_ratio:.0%})")
