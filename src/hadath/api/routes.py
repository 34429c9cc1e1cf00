"""The REST API, version 1: extract, documents, events, actors, search.

Lists take ``limit`` (1–1000, default 50) and ``offset`` and answer
``{"items": [...], "total": N, "limit": L, "offset": O, "next": URL|null}``;
with ``format=csv`` (or ``Accept: text/csv``) they answer a CSV file
instead, of every matching row up to ``MAX_CSV_ROWS``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import HadathError, MalformedRecord
from ..events.lexicon import EVENTS
from ..io.readers import decode, record_from_json
from ..record import Record
from . import queries as Q
from .app import state_of
from .errors import BadRequest, NotFound, UnsupportedMediaType
from .search import snippet

router = APIRouter(prefix="/v1")

MAX_LIMIT = 1000
MAX_CSV_ROWS = 100_000
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: no bound (what an empty form field sends)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json or csv.")]


def filters(
    type: Annotated[str | None, Query(
        description="PLOVER event type(s), comma-separated (CONSULT,ASSAULT).",
        max_length=300)] = None,
    actor: Annotated[str | None, Query(
        description="Actor: an actor id, an ISO alpha-3 country code, or part of a name.",
        max_length=200)] = None,
    recipient: Annotated[str | None, Query(description="Recipient, as for actor.",
                                           max_length=200)] = None,
    country: Annotated[str | None, Query(
        description="ISO alpha-3 code of a participant or of the place.",
        pattern="^([A-Z]{3})?$")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE,
                                           description="From this day (YYYY[-MM[-DD]]).")
                         ] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE,
                                         description="Up to this day, inclusive.")] = None,
    source: Annotated[str | None, Query(description="Outlet.", max_length=300)] = None,
    doc: Annotated[str | None, Query(description="One document (key or id).",
                                     max_length=200)] = None,
) -> Q.Filters:
    types: tuple[str, ...] = ()
    if type:
        types = tuple(t.strip().upper() for t in type.split(",") if t.strip())
        unknown = [t for t in types if t not in EVENTS]
        if unknown:
            raise BadRequest(f"unknown event type(s) {unknown}; known: {', '.join(EVENTS)}",
                             input="query.type")
    return Q.Filters(types=types, actor=actor or None, recipient=recipient or None,
                     country=country or None, date_from=date_from or None,
                     date_to=date_to or None,
                     source=source or None, doc=doc or None)


FiltersDep = Annotated[Q.Filters, Depends(filters)]


def _wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def page(request: Request, items: list[Any], total: int, limit: int, offset: int
         ) -> dict[str, Any]:
    nxt = None
    if offset + len(items) < total:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt}


def csv_response(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    buf = io.StringIO()
    buf.write("\ufeff")  # so spreadsheet programs read the Arabic as UTF-8
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})


# -- extract -----------------------------------------------------------------------

@router.post("/extract", summary="Extract one article",
             responses={200: {"description": "The hadath document (spec/OUTPUT.md)."}})
async def extract(
    request: Request,
    id: Annotated[str, Query(max_length=200, description="Id (text/plain bodies).")] = "request",
    published: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}",
                                           description="Publication date (text/plain).")
                         ] = None,
    title: Annotated[str | None, Query(max_length=1000)] = None,
    url: Annotated[str | None, Query(max_length=2000)] = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    tokens: Annotated[bool, Query(description="Include the tokens layer.")] = True,
) -> JSONResponse:
    """Text in, document out.

    The body is either the article as ``text/plain`` (metadata in the query
    string) or a JSON record ``{"id", "text", "published", "title", "url",
    "source"}`` as ``application/json``.
    """
    body = await request.body()
    kind = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    if kind in ("text/plain", ""):
        text = decode(body, "body")
        record = Record(id=id, text=text, published=published, title=title, url=url,
                        source=source, input="body")
    elif kind in ("application/json", "application/x-ndjson") or kind.endswith("+json"):
        try:
            obj = json.loads(decode(body, "body"))
        except json.JSONDecodeError as e:
            raise MalformedRecord(f"body is not JSON: {e.msg} at line {e.lineno} column "
                                  f"{e.colno}", input="body") from e
        record = record_from_json(obj, "body")
        record.input = "body"
    else:
        raise UnsupportedMediaType(f"send text/plain or application/json, not {kind!r}",
                                   input="headers.content-type")
    state = state_of(request)
    try:
        doc = await run_in_threadpool(state.extract, record)
    except HadathError as e:
        e.input = "body"
        raise
    out = doc.to_dict()
    if not tokens:
        del out["tokens"]
    return JSONResponse(out)


# -- documents ---------------------------------------------------------------------

_DOC_CSV = ("key", "id", "title", "source", "url", "published", "n_chars", "n_events",
            "n_entities", "n_quotes")


@router.get("/documents", summary="List documents")
def documents(request: Request, f: FiltersDep, limit: Limit = 50, offset: Offset = 0,
              format: Format | None = None) -> Any:
    """Documents, newest first, filtered by date, outlet, and the events they report."""
    state = state_of(request)
    cur = state.cursor()
    try:
        if _wants_csv(request, format):
            rows, _ = Q.list_documents(cur, f, limit=MAX_CSV_ROWS, offset=0,
                                       counts=state.counts)
            return csv_response("documents", _DOC_CSV, ([r[c] for c in _DOC_CSV] for r in rows))
        rows, total = Q.list_documents(cur, f, limit=limit, offset=offset,
                                       counts=state.counts)
    finally:
        cur.close()
    return page(request, rows, total, limit, offset)


@router.get("/documents/{ref}", summary="One document")
def document(request: Request,
             ref: Annotated[str, Path(max_length=200, description="Document key or id.")]
             ) -> Any:
    """The stored document (spec/OUTPUT.md), without its tokens."""
    state = state_of(request)
    cur = state.cursor()
    try:
        key = Q.find_document_key(cur, ref)
        doc = Q.get_document(cur, key) if key else None
    finally:
        cur.close()
    if doc is None:
        raise NotFound(f"no document with key or id {ref!r}", input="path", id=ref)
    out = doc.to_dict()
    out["meta"].setdefault("key", key)
    return out


# -- events ------------------------------------------------------------------------

@router.get("/events", summary="List events")
def events(request: Request, f: FiltersDep, limit: Limit = 50, offset: Offset = 0,
           format: Format | None = None) -> Any:
    """Events, most recent first, with their actors and recipients."""
    state = state_of(request)
    cur = state.cursor()
    try:
        if _wants_csv(request, format):
            rows, _ = Q.list_events(cur, f, limit=MAX_CSV_ROWS, offset=0)
            return csv_response("events", Q.EVENT_CSV_COLUMNS, map(Q.event_csv_row, rows))
        rows, total = Q.list_events(cur, f, limit=limit, offset=offset)
    finally:
        cur.close()
    return page(request, rows, total, limit, offset)


# -- actors ------------------------------------------------------------------------

@router.get("/actors/{actor_id:path}", summary="One actor")
def actor(request: Request, actor_id: str) -> Any:
    """An actor across documents: names, country, sector, roles, a timeline of its
    events by month and type, and its most frequent counterparts.

    ``actor_id`` is the knowledge-base id (``Q796``) or ``name:`` and the name.
    """
    if len(actor_id) > 300:
        raise BadRequest("actor id over 300 characters", input="path")
    state = state_of(request)
    cur = state.cursor()
    try:
        prof = Q.actor_profile(cur, actor_id)
    finally:
        cur.close()
    if prof is None:
        raise NotFound(f"no actor with id {actor_id!r}", input="path", id=actor_id)
    return prof


# -- search ------------------------------------------------------------------------

_SEARCH_CSV = ("key", "id", "title", "source", "published", "score", "snippet")


def run_search(request: Request, q: str, f: Q.Filters, limit: int, offset: int
               ) -> tuple[list[dict[str, Any]], int]:
    """Search hits joined with their documents' metadata (shared with the web page)."""
    state = state_of(request)
    hits = state.index.search(q)
    by_key = {h.key: h for h in hits}
    cur = state.cursor()
    try:
        if f == Q.Filters() and state.meta:
            keys = [h.key for h in hits[offset:offset + limit]]
            rows = [dict(state.meta[k]) for k in keys if k in state.meta]
            for r in rows:
                r["n_events"], r["n_entities"], r["n_quotes"] = \
                    (state.counts or {}).get(r["key"], (0, 0, 0))
            total = len(hits)
        else:
            rows, total = Q.list_documents(cur, f, limit=limit, offset=offset,
                                           keys=[h.key for h in hits], counts=state.counts)
        texts = dict(cur.execute(
            "SELECT doc_key, text FROM documents WHERE list_contains(?, doc_key)",
            [[r["key"] for r in rows]]).fetchall()) if rows else {}
    finally:
        cur.close()
    for r in rows:
        h = by_key[r["key"]]
        before, match, after = snippet(texts[r["key"]], h.start, h.end)
        r["score"] = h.score
        r["snippet"] = {"before": before, "match": match, "after": after}
        r["hit"] = {"start": h.start, "end": h.end}
    return rows, total


@router.get("/search", summary="Full-text search")
def search(request: Request, f: FiltersDep,
           q: Annotated[str, Query(min_length=1, max_length=500,
                                   description="Arabic words; \"a phrase\"; prefix*.")],
           limit: Limit = 20, offset: Offset = 0, format: Format | None = None) -> Any:
    """Documents matching every word of ``q``, across diacritics, alef/ya/ta-marbuta
    variants and clitics («الحكومة» finds «وبالحكومةِ» and «حكومته»), best first."""
    if _wants_csv(request, format):
        rows, _ = run_search(request, q, f, MAX_CSV_ROWS, 0)
        return csv_response("search", _SEARCH_CSV, (
            [r["key"], r["id"], r["title"], r["source"], r["published"], r["score"],
             "".join(r["snippet"].values())] for r in rows))
    rows, total = run_search(request, q, f, limit, offset)
    return page(request, rows, total, limit, offset)


@router.get("/facets", summary="Filter values")
def facets(request: Request) -> Any:
    """The outlets, event types and countries in the database, and its date range."""
    return state_of(request).facets()


@router.get("/", summary="About this API")
def root(request: Request) -> Any:
    from .. import __version__

    state = state_of(request)
    return {"name": "hadath", "version": __version__, "api": "v1",
            "database": state.db, "documents_indexed": len(state.index),
            "openapi": "/v1/openapi.json", "docs": "/api"}
