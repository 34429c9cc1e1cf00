"""The web interface: server-rendered pages over the same queries as the REST API.

Pages (right-to-left, Arabic first with English labels): search (``/``), an
article (``/documents/{ref}``), the events table (``/events``), an actor
(``/actors/{id}``), the map (``/map``) and the API reference (``/api``).
Templates autoescape every value; the one script (``static/app.js``) builds
the details panel with ``textContent`` only, and the Content-Security-Policy
set by the app forbids inline scripts, so an article's text cannot run.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..api import queries as Q
from ..api.app import state_of
from ..api.errors import NotFound
from ..api.routes import DATE, filters, run_search
from ..errors import HadathError
from ..events.lexicon import EVENTS
from . import charts, geo
from .highlight import annotate, segments

router = APIRouter(include_in_schema=False)
PAGE = 25

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("hadath.web", "templates"),
    autoescape=True, trim_blocks=True, lstrip_blocks=True,
    undefined=jinja2.StrictUndefined)


def actor_href(actor_id: str | None) -> str | None:
    return f"/actors/{quote(actor_id, safe=':')}" if actor_id else None


_env.globals.update(actor_href=actor_href, country_name=geo.country_name, version=__version__,
                    event_types=EVENTS)


def static_app() -> StaticFiles:
    return StaticFiles(directory=str(resources.files("hadath.web").joinpath("static")))


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    html = _env.get_template(name).render(request_path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, err: HadathError, status: int) -> HTMLResponse:
    return render(request, "error.html", status=status, error=err.to_dict()["error"],
                  status_code=status, title="خطأ · Error")


def _query_without(request: Request, *drop: str, **extra: Any) -> str:
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in drop and v]
    items += [(k, str(v)) for k, v in extra.items() if v is not None]
    return urlencode(items)


def _filter_ctx(request: Request, f: Q.Filters) -> dict[str, Any]:
    return {"facets": state_of(request).facets(), "f": f, "params": dict(request.query_params)}


FiltersDep = Annotated[Q.Filters, Depends(filters)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, f: FiltersDep,
                q: Annotated[str, Query(max_length=500)] = "", page: PageNo = 1) -> HTMLResponse:
    offset = (page - 1) * PAGE
    if q.strip():
        rows, total = run_search(request, q, f, PAGE, offset)
    else:
        cur = state_of(request).cursor()
        try:
            rows, total = Q.list_documents(cur, f, limit=PAGE, offset=offset,
                                           counts=state_of(request).counts)
        finally:
            cur.close()
    return render(request, "search.html", title="بحث · Search", q=q, rows=rows, total=total,
                  page=page, pages=max(1, -(-total // PAGE)),
                  base=_query_without(request, "page"), **_filter_ctx(request, f))


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document_page(request: Request, ref: str) -> HTMLResponse:
    cur = state_of(request).cursor()
    try:
        key = Q.find_document_key(cur, ref)
        doc = Q.get_document(cur, key) if key else None
        keys = Q.entity_actor_keys(cur, key) if key else {}
    finally:
        cur.close()
    if doc is None or key is None:
        raise NotFound(f"no document with key or id {ref!r}", input="path", id=ref)
    hrefs = {eid: h for eid, k in keys.items() if (h := actor_href(k))}
    spans = annotate(doc, hrefs)
    anns = {a.id: a.to_json() for _, _, a in spans}
    ents = {e.id: e for e in doc.entities}
    return render(request, "document.html", title=doc.meta.title or doc.id, doc=doc, key=key,
                  segments=segments(doc.text, spans), anns=anns, ents=ents, hrefs=hrefs)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: FiltersDep, page: PageNo = 1) -> HTMLResponse:
    cur = state_of(request).cursor()
    try:
        rows, total = Q.list_events(cur, f, limit=PAGE * 2, offset=(page - 1) * PAGE * 2)
    finally:
        cur.close()
    return render(request, "events.html", title="الأحداث · Events", rows=rows, total=total,
                  page=page, pages=max(1, -(-total // (PAGE * 2))),
                  base=_query_without(request, "page"),
                  csv_href="/v1/events?" + _query_without(request, "page", "format",
                                                          format="csv"),
                  **_filter_ctx(request, f))


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    cur = state_of(request).cursor()
    try:
        prof = Q.actor_profile(cur, actor_id)
        recent, _ = Q.list_events(cur, Q.Filters(actor=actor_id), limit=15, offset=0) \
            if prof else ([], 0)
        as_recipient, _ = Q.list_events(cur, Q.Filters(recipient=actor_id), limit=15,
                                        offset=0) if prof else ([], 0)
    finally:
        cur.close()
    if prof is None:
        raise NotFound(f"no actor with id {actor_id!r}", input="path", id=actor_id)
    seen = set()
    events = []
    for ev in sorted(recent + as_recipient, key=lambda e: e["day"] or "", reverse=True):
        k = (ev["doc"]["key"], ev["id"])
        if k not in seen:
            seen.add(k)
            events.append(ev)
    cps = prof["counterparts"]
    net = charts.network(prof["name"] or actor_id, cps, [actor_href(c["actor_id"]) for c in cps])
    return render(request, "actor.html", title=prof["name"] or actor_id, a=prof,
                  timeline=charts.timeline(prof["timeline"]), net=net, events=events[:20],
                  events_href="/events?" + urlencode({"actor": actor_id}),
                  types_present=[t for t in EVENTS if t in prof["event_types"]])


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: FiltersDep) -> HTMLResponse:
    cur = state_of(request).cursor()
    try:
        points = geo.place_events(Q.event_places(cur, f))
    finally:
        cur.close()
    peak = max((p.count for p in points), default=1)
    box = geo.view_box(points)
    unit = box[2] / 360
    return render(request, "map.html", title="الخريطة · Map", world=geo.world_paths(),
                  points=points, box=" ".join(map(str, box)), unit=unit,
                  radius=lambda n: round(unit * (2 + 6 * (n / peak) ** 0.5), 3),
                  **_filter_ctx(request, f))


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary"),
                        "description": op.get("description", ""),
                        "params": [{"name": p["name"], "in": p["in"],
                                    "required": p.get("required", False),
                                    "description": p.get("description", "")}
                                   for p in op.get("parameters", [])]})
    return render(request, "api.html", title="API", ops=ops, info=spec.get("info", {}))


__all__ = ["DATE", "error_page", "router", "static_app"]
