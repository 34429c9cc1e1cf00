"""The one JSON error shape of the REST API, and the HTTP status of each error.

Every error the API answers with — a bad article, a malformed or oversized
request, an unknown document, a wrong parameter, a route that does not exist,
a bug — has the shape of :meth:`hadath.errors.HadathError.to_dict`::

    {"error": {"code": "H601", "type": "NotFound", "message": "...",
               "input": "path", "line": null, "id": "doc-7"}}

``input`` names the part of the request at fault (``body``, ``query.limit``,
``path``); ``id`` the document concerned, when there is one. Codes ``H6xx``
belong to the API; the library's own errors keep their codes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..errors import (
    BadValue,
    DocumentFormatError,
    HadathError,
    InputError,
    InputNotFound,
    MalformedRecord,
    TooLarge,
)


class ApiError(HadathError):
    """An error of the HTTP layer; ``status`` is its HTTP status code."""

    code: ClassVar[str] = "H600"
    status: ClassVar[int] = 500


class InternalError(ApiError):
    code = "H600"
    status = 500


class NotFound(ApiError):
    code = "H601"
    status = 404


class RequestTooLarge(ApiError):
    code = "H602"
    status = 413


class BadRequest(ApiError):
    """The request is malformed: unreadable JSON, a parameter of the wrong form."""

    code = "H603"
    status = 400


class MethodNotAllowed(ApiError):
    code = "H604"
    status = 405


class UnsupportedMediaType(ApiError):
    code = "H605"
    status = 415


class NoDatabase(ApiError):
    """The server was started without a database, and the route needs one."""

    code = "H606"
    status = 503


class NotAcceptable(ApiError):
    code = "H607"
    status = 406


def status_of(err: HadathError) -> int:
    """The HTTP status for any hadath error."""
    if isinstance(err, ApiError):
        return err.status
    if isinstance(err, TooLarge):
        return 413
    if isinstance(err, InputNotFound):
        return 404
    if isinstance(err, BadValue | DocumentFormatError | MalformedRecord):
        return 400
    if isinstance(err, InputError):
        return 422  # well-formed, but not an article hadath can read
    from ..store import StoreLocked

    if isinstance(err, StoreLocked):
        return 503
    return 500


def error_body(err: HadathError) -> dict[str, Any]:
    return err.to_dict()


def from_status(status: int, message: str, *, input: str | None = None) -> ApiError:
    """An :class:`ApiError` for a status raised by the framework (404, 405, …)."""
    cls: type[ApiError] = {404: NotFound, 405: MethodNotAllowed, 413: RequestTooLarge,
                           415: UnsupportedMediaType, 406: NotAcceptable,
                           503: NoDatabase}.get(status, BadRequest if 400 <= status < 500
                                                else InternalError)
    return cls(message, input=input)
