"""One exception hierarchy with searchable codes, and one JSON error shape.

Every error hadath raises is a :class:`HadathError`. Its ``code`` (``H1xx``
input, ``H2xx`` pipeline, ``H3xx`` language data, ``H4xx`` documents) is
stable and searchable; ``to_dict()`` gives the shape every interface (CLI,
batch reports, REST API) uses::

    {"error": {"code": "H101", "type": "EmptyText", "message": "...",
               "input": "news.jsonl", "line": 12, "id": "doc-7"}}
"""

from __future__ import annotations

from typing import Any, ClassVar


class HadathError(Exception):
    """Base of every hadath error."""

    code: ClassVar[str] = "H000"

    def __init__(self, message: str, *, input: str | None = None, line: int | None = None,
                 id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.input = input
        self.line = line
        self.id = id

    def where(self) -> str:
        """``input:line`` (or what of it is known), for messages."""
        if self.input and self.line is not None:
            return f"{self.input}:{self.line}"
        return self.input or (f"line {self.line}" if self.line is not None else "")

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "type": type(self).__name__,
                          "message": self.message, "input": self.input,
                          "line": self.line, "id": self.id}}

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments do not survive the default pickling, and
        # errors cross process boundaries in batch runs.
        return (_rebuild, (type(self), self.message, self.input, self.line, self.id))


def _rebuild(cls: type[HadathError], message: str, input: str | None, line: int | None,
             id: str | None) -> HadathError:
    return cls(message, input=input, line=line, id=id)


# -- H1xx: bad input ---------------------------------------------------------

class InputError(HadathError):
    """The input cannot be processed as an article."""

    code = "H100"


class EmptyText(InputError):
    code = "H101"


class NotUtf8(InputError):
    code = "H102"


class BinaryInput(InputError):
    code = "H103"


class NotArabic(InputError):
    code = "H104"


class TooLarge(InputError):
    code = "H105"


class MalformedRecord(InputError):
    code = "H106"


class InputNotFound(InputError):
    code = "H107"


class UnsupportedFormat(InputError):
    code = "H108"


class BadValue(InputError):
    """A field has a value of the wrong form (e.g. a date that is not YYYY-MM-DD)."""

    code = "H109"


# -- H2xx: pipeline ----------------------------------------------------------

class PipelineError(HadathError):
    code = "H200"


class MissingRequirement(PipelineError):
    code = "H201"


class UnknownComponent(PipelineError):
    code = "H202"


# -- H3xx: language data -------------------------------------------------------

class DataFileError(HadathError):
    """A language data file is malformed; ``input`` and ``line`` point at it."""

    code = "H300"


# -- H4xx: documents -------------------------------------------------------------

class DocumentFormatError(HadathError):
    """A dict is not a valid hadath document."""

    code = "H401"


class SpanMismatch(DocumentFormatError):
    """A span's ``text`` is not ``text[start:end]``."""

    code = "H402"
