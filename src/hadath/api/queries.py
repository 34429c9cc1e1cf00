"""Read queries over the store, for the REST API and the web interface.

Every function takes a DuckDB connection (a per-request cursor) and returns
plain dicts and lists, ready for JSON. The tables are those of
``hadath/store/migrations`` (see :mod:`hadath.store.rows`).

An **actor** across documents is keyed by its knowledge-base id when it has
one (``Q796``, ``person:fuad_hussein``) and else by ``name:`` and its name as
written; :func:`actor_key_sql` is that rule in SQL. An event's **day** is its
own date, else its article's publication date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..doc import Document
from ..store.rows import LAYER_TABLES, document_from_rows

Con = duckdb.DuckDBPyConnection

_MARKS = "[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]"


def ar_norm_sql(expr: str) -> str:
    """SQL for the matching form of ``expr``: no marks or tatweel, one alef, ي, ه; lower case."""
    return (f"lower(translate(regexp_replace({expr}, '{_MARKS}', '', 'g'), "
            f"'أإآٱىة', 'اااايه'))")


def actor_key_sql(n: str = "n", a: str = "a") -> str:
    """SQL for the cross-document key of an event participant ``a`` with its entity ``n``."""
    return (f"coalesce({n}.kb_id, 'name:' || coalesce({n}.name, {a}.name, {a}.text))")


@dataclass(frozen=True, slots=True)
class Filters:
    """What the search page, the events table and the map filter on (all optional).

    ``actor``/``recipient``/``country`` take an actor key, an ISO alpha-3 code,
    or part of a name (matched across diacritics and letter variants);
    ``date_from``/``date_to`` bound the event's day (for documents, the
    publication date), inclusive.
    """

    types: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    doc: str | None = None


def _is_code(x: str) -> bool:
    return len(x) == 3 and x.isascii() and x.isalpha() and x.isupper()


def _norm_param(x: str) -> str:
    from ..text.normalize import normalize_str

    return normalize_str(x).lower().strip()


def _party(role: str, value: str) -> tuple[str, list[Any]]:
    """An EXISTS clause: the event has a participant in ``role`` matching ``value``."""
    if _is_code(value):
        match, params = "a.country = ?", [value]
    else:
        name = ar_norm_sql("coalesce(n.name, a.name, a.text)")
        match = (f"({actor_key_sql()} = ? OR {name} LIKE '%' || ? || '%' "
                 "OR lower(n.name_en) LIKE '%' || lower(?) || '%')")
        params = [value, _norm_param(value), value]
    return (
        "EXISTS (SELECT 1 FROM event_actors a LEFT JOIN entities n "
        "ON n.doc_key = a.doc_key AND n.entity_id = a.entity_id "
        f"WHERE a.doc_key = e.doc_key AND a.event_id = e.event_id AND a.role = '{role}' "
        f"AND {match})", params)


_DAY = "coalesce(e.date, d.published)"


def _event_where(f: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.types:
        clauses.append(f"e.type IN ({', '.join('?' for _ in f.types)})")
        params += list(f.types)
    for role, value in (("actor", f.actor), ("recipient", f.recipient)):
        if value:
            sql, p = _party(role, value)
            clauses.append(sql)
            params += p
    if f.country:
        clauses.append(
            "(e.place_country = ? OR EXISTS (SELECT 1 FROM event_actors a "
            "WHERE a.doc_key = e.doc_key AND a.event_id = e.event_id AND a.country = ?))")
        params += [f.country, f.country]
    if f.date_from:
        clauses.append(f"{_DAY} >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append(f"left({_DAY}, 10) <= ?")
        params.append(f.date_to)
    if f.source:
        clauses.append("d.source = ?")
        params.append(f.source)
    if f.doc:
        clauses.append("(d.doc_key = ? OR d.id = ?)")
        params += [f.doc, f.doc]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _doc_where(f: Filters) -> tuple[str, list[Any]]:
    """Documents filtered by their metadata and by the events they report."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.date_from:
        clauses.append("d.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("left(d.published, 10) <= ?")
        params.append(f.date_to)
    if f.source:
        clauses.append("d.source = ?")
        params.append(f.source)
    ev = Filters(types=f.types, actor=f.actor, recipient=f.recipient, country=f.country)
    if ev != Filters():
        sql, p = _event_where(ev)
        clauses.append(f"EXISTS (SELECT 1 FROM events e WHERE e.doc_key = d.doc_key AND "
                       f"{sql.removeprefix(' WHERE ')})")
        params += p
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _dicts(cur: Con) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description or ()]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


# -- documents ------------------------------------------------------------------

_DOC_COLUMNS = "d.doc_key AS key, d.id, d.title, d.source, d.url, d.published, d.n_chars"
_COUNTED = ("events", "entities", "quotes")


def layer_counts(con: Con) -> dict[str, tuple[int, int, int]]:
    """Document key → its numbers of events, entities and quotes (computed once per
    server: the database is opened read-only)."""
    out: dict[str, list[int]] = {}
    for i, table in enumerate(_COUNTED):
        for key, n in con.execute(f"SELECT doc_key, count(*) FROM {table} GROUP BY 1"
                                  ).fetchall():
            out.setdefault(str(key), [0, 0, 0])[i] = int(n)
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def _with_counts(rows: list[dict[str, Any]], counts: Mapping[str, tuple[int, int, int]] | None,
                 con: Con) -> list[dict[str, Any]]:
    if counts is None:
        counts = {}
        keys = [r["key"] for r in rows]
        for i, table in enumerate(_COUNTED):
            for key, n in con.execute(
                    f"SELECT doc_key, count(*) FROM {table} "
                    "WHERE doc_key IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1", [keys]
                    ).fetchall():
                c = list(counts.get(key, (0, 0, 0)))
                c[i] = int(n)
                counts[key] = (c[0], c[1], c[2])
    for r in rows:
        r["n_events"], r["n_entities"], r["n_quotes"] = counts.get(r["key"], (0, 0, 0))
    return rows


def list_documents(con: Con, f: Filters, *, limit: int, offset: int,
                   keys: Sequence[str] | None = None,
                   counts: Mapping[str, tuple[int, int, int]] | None = None
                   ) -> tuple[list[dict[str, Any]], int]:
    """A page of documents (newest first, or in the order of ``keys``) and the total;
    ``counts`` (from :func:`layer_counts`) saves counting each page's layers."""
    where, params = _doc_where(f)
    if keys is not None:
        where += (" AND " if where else " WHERE ") + "d.doc_key IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(keys))
    if keys is None:
        total = con.execute(f"SELECT count(*) FROM documents d{where}", params).fetchone()
        rows = _dicts(con.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d{where} "
            "ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
            [*params, limit, offset]))
        return _with_counts(rows, counts, con), int(total[0]) if total else 0
    rank = {k: i for i, k in enumerate(keys)}
    if f == Filters():  # every indexed key is a stored document
        matched = list(keys)
    else:
        matched = [r[0] for r in con.execute(f"SELECT d.doc_key FROM documents d{where}",
                                             params).fetchall()]
        matched.sort(key=rank.__getitem__)
    page = matched[offset:offset + limit]
    rows = _dicts(con.execute(
        f"SELECT {_DOC_COLUMNS} FROM documents d WHERE d.doc_key IN "
        "(SELECT unnest(?::VARCHAR[]))", [page]))
    rows.sort(key=lambda r: rank[r["key"]])
    return _with_counts(rows, counts, con), len(matched)


def find_document_key(con: Con, ref: str) -> str | None:
    """The key of the document ``ref`` names: its key, else its id (newest first)."""
    row = con.execute(
        "SELECT doc_key FROM documents WHERE doc_key = ? OR id = ? "
        "ORDER BY (doc_key = ?) DESC, published DESC NULLS LAST LIMIT 1",
        [ref, ref, ref]).fetchone()
    return str(row[0]) if row else None


def get_document(con: Con, key: str) -> Document | None:
    """The whole document stored under ``key`` (without tokens), or None."""
    cur = con.execute("SELECT * FROM documents WHERE doc_key = ?", [key])
    docs = _dicts(cur)
    if not docs:
        return None
    layers: dict[str, list[dict[str, Any]]] = {}
    for table in LAYER_TABLES:
        layers[table] = _dicts(con.execute(f"SELECT * FROM {table} WHERE doc_key = ?", [key]))
    return document_from_rows(docs[0], layers)


def document_meta_all(con: Con) -> dict[str, dict[str, Any]]:
    """Key → the listing columns of every document (kept by the server for search)."""
    return {r["key"]: r for r in _dicts(con.execute(f"SELECT {_DOC_COLUMNS} FROM documents d"))}


def entity_actor_keys(con: Con, key: str) -> dict[str, str]:
    """Entity id → actor key, for the entities of one document."""
    rows = con.execute(
        "SELECT entity_id, coalesce(kb_id, 'name:' || name) FROM entities WHERE doc_key = ?",
        [key]).fetchall()
    return {str(a): str(b) for a, b in rows}


# -- events ------------------------------------------------------------------------

_EVENT_COLUMNS = (
    "e.doc_key, d.id AS doc_id, d.title, d.source, d.published, e.event_id, e.type, "
    "e.mode, e.context, e.status, e.date, " + _DAY + " AS day, e.sentence, e.has_loc, "
    "e.place, e.place_resolved, e.place_country, e.lat, e.lon, e.place_entity, e.cameo, "
    "e.confidence, e.trigger_start, e.trigger_end, e.trigger_text")


def list_events(con: Con, f: Filters, *, limit: int, offset: int
                ) -> tuple[list[dict[str, Any]], int]:
    """A page of events (most recent day first) with their participants, and the total."""
    where, params = _event_where(f)
    base = f"FROM events e JOIN documents d ON d.doc_key = e.doc_key{where}"
    total_row = con.execute(f"SELECT count(*) {base}", params).fetchone()
    rows = _dicts(con.execute(
        f"SELECT {_EVENT_COLUMNS} {base} ORDER BY day DESC NULLS LAST, d.id, e.position "
        "LIMIT ? OFFSET ?", [*params, limit, offset]))
    return [_event_out(r, p) for r, p in zip(rows, _participants(con, rows), strict=True)], \
        int(total_row[0]) if total_row else 0


def _participants(con: Con, rows: list[dict[str, Any]]) -> list[dict[str, list[Any]]]:
    if not rows:
        return []
    keys = sorted({r["doc_key"] for r in rows})
    got = _dicts(con.execute(
        f"SELECT a.doc_key, a.event_id, a.role, a.position, a.entity_id, "
        f"coalesce(n.name, a.name) AS name, n.name_en, a.text, a.country, a.sector, "
        f"CASE WHEN a.entity_id IS NULL THEN NULL ELSE {actor_key_sql()} END AS actor_id "
        "FROM event_actors a LEFT JOIN entities n "
        "ON n.doc_key = a.doc_key AND n.entity_id = a.entity_id "
        "WHERE a.doc_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY a.position", [keys]))
    by_event: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for g in got:
        slot = by_event.setdefault((g["doc_key"], g["event_id"]), {"actor": [], "recipient": []})
        slot[g["role"]].append({k: g[k] for k in ("entity_id", "actor_id", "name", "name_en",
                                                  "text", "country", "sector")})
    return [by_event.get((r["doc_key"], r["event_id"]), {"actor": [], "recipient": []})
            for r in rows]


def _event_out(r: Mapping[str, Any], parties: Mapping[str, list[Any]]) -> dict[str, Any]:
    loc = ({"extracted_place": r["place"], "resolved_place": r["place_resolved"],
            "country_code": r["place_country"], "lat": r["lat"], "lon": r["lon"],
            "entity": r["place_entity"]} if r["has_loc"] else None)
    return {
        "doc": {"key": r["doc_key"], "id": r["doc_id"], "title": r["title"],
                "source": r["source"], "published": r["published"]},
        "id": r["event_id"], "event": r["type"], "mode": list(r["mode"] or []),
        "context": list(r["context"] or []), "actor": parties["actor"],
        "recipient": parties["recipient"], "date": r["date"], "day": r["day"],
        "event_loc": loc, "status": r["status"],
        "trigger": {"start": r["trigger_start"], "end": r["trigger_end"],
                    "text": r["trigger_text"]},
        "sentence": r["sentence"], "cameo": r["cameo"], "confidence": r["confidence"],
    }


EVENT_CSV_COLUMNS = ("doc_key", "doc_id", "published", "source", "event_id", "event", "mode",
                     "status", "date", "actor", "actor_country", "actor_sector", "recipient",
                     "recipient_country", "recipient_sector", "place", "place_country", "lat",
                     "lon", "cameo", "confidence", "trigger")


def event_csv_row(ev: Mapping[str, Any]) -> list[Any]:
    """One events-table CSV row (participants joined with «; »)."""
    def side(role: str, field: str) -> str:
        return "; ".join(str(p.get(field) or (p["text"] if field == "name" else "") or "")
                         for p in ev[role])

    loc = ev["event_loc"] or {}
    return [ev["doc"]["key"], ev["doc"]["id"], ev["doc"]["published"], ev["doc"]["source"],
            ev["id"], ev["event"], ";".join(ev["mode"]), ev["status"], ev["date"],
            side("actor", "name"), side("actor", "country"), side("actor", "sector"),
            side("recipient", "name"), side("recipient", "country"),
            side("recipient", "sector"), loc.get("resolved_place") or loc.get("extracted_place"),
            loc.get("country_code"), loc.get("lat"), loc.get("lon"), ev["cameo"],
            ev["confidence"], ev["trigger"]["text"]]


def event_places(con: Con, f: Filters, *, limit: int = 20_000) -> list[dict[str, Any]]:
    """Where events happened: type, coordinates, place and country, for the map."""
    where, params = _event_where(f)
    return _dicts(con.execute(
        "SELECT e.type AS event, e.lat, e.lon, coalesce(e.place_resolved, e.place) AS place, "
        "e.place_country AS country FROM events e JOIN documents d ON d.doc_key = e.doc_key"
        f"{where}{' AND' if where else ' WHERE'} (e.lat IS NOT NULL OR e.place_country IS NOT NULL)"
        " LIMIT ?", [*params, limit]))


# -- actors ------------------------------------------------------------------------

def actor_profile(con: Con, key: str, *, top: int = 15) -> dict[str, Any] | None:
    """Everything the actor page shows about the actor keyed ``key``, or None."""
    ents = _dicts(con.execute(
        "SELECT n.doc_key, n.entity_id, n.type, n.subtype, n.name, n.name_en, n.country, "
        "n.sector, n.title, n.kb_id, n.n_mentions FROM entities n "
        "WHERE coalesce(n.kb_id, 'name:' || n.name) = ?", [key]))
    if not ents:
        return None

    def top_of(field: str) -> Any:
        c = Counter(e[field] for e in ents if e[field])
        return c.most_common(1)[0][0] if c else None

    evs = _dicts(con.execute(
        f"SELECT a.doc_key, a.event_id, a.role, e.type, {_DAY} AS day FROM event_actors a "
        "JOIN entities n ON n.doc_key = a.doc_key AND n.entity_id = a.entity_id "
        "JOIN events e ON e.doc_key = a.doc_key AND e.event_id = a.event_id "
        "JOIN documents d ON d.doc_key = a.doc_key "
        f"WHERE {actor_key_sql()} = ?", [key]))
    timeline: dict[str, Counter[str]] = {}
    for ev in evs:
        month = (ev["day"] or "")[:7]
        if len(month) == 7:
            timeline.setdefault(month, Counter())[ev["type"]] += 1
    return {
        "id": key, "name": top_of("name"), "name_en": top_of("name_en"),
        "type": top_of("type"), "subtype": top_of("subtype"), "country": top_of("country"),
        "sector": top_of("sector"), "kb_id": top_of("kb_id"),
        "names": [n for n, _ in Counter(e["name"] for e in ents).most_common(8)],
        "roles": [{"title": t, "count": c}
                  for t, c in Counter(e["title"] for e in ents if e["title"]).most_common(8)],
        "n_documents": len({e["doc_key"] for e in ents}),
        "n_mentions": sum(e["n_mentions"] for e in ents),
        "n_events": len({(e["doc_key"], e["event_id"]) for e in evs}),
        "event_types": dict(Counter(e["type"] for e in evs).most_common()),
        "timeline": [{"month": m, "types": dict(c)} for m, c in sorted(timeline.items())],
        "counterparts": counterparts(con, key, top=top),
    }


def counterparts(con: Con, key: str, *, top: int = 15) -> list[dict[str, Any]]:
    """The actors that most often stand on the other side of ``key``'s events."""
    me = actor_key_sql("n", "a")
    other = actor_key_sql("m", "b")
    rows = _dicts(con.execute(
        f"SELECT CASE WHEN b.entity_id IS NULL THEN NULL ELSE {other} END AS actor_id, "
        "any_value(coalesce(m.name, b.name, b.text)) AS name, "
        "any_value(m.name_en) AS name_en, any_value(b.country) AS country, "
        "a.role AS my_role, e.type, count(*) AS n "
        "FROM event_actors a "
        "JOIN entities n ON n.doc_key = a.doc_key AND n.entity_id = a.entity_id "
        "JOIN event_actors b ON b.doc_key = a.doc_key AND b.event_id = a.event_id "
        "AND b.role <> a.role "
        "LEFT JOIN entities m ON m.doc_key = b.doc_key AND m.entity_id = b.entity_id "
        "JOIN events e ON e.doc_key = a.doc_key AND e.event_id = a.event_id "
        f"WHERE {me} = ? AND {other} <> ? GROUP BY ALL", [key, key]))
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        m = merged.setdefault(r["actor_id"] or f"text:{r['name']}", {
            "actor_id": r["actor_id"], "name": r["name"], "name_en": r["name_en"],
            "country": r["country"], "count": 0, "as_actor": 0, "as_recipient": 0,
            "types": Counter()})
        m["count"] += r["n"]
        # my_role is this actor's role: as actor, the counterpart is the recipient.
        m["as_recipient" if r["my_role"] == "actor" else "as_actor"] += r["n"]
        m["types"][r["type"]] += r["n"]
    ranked = sorted(merged.values(), key=lambda m: (-m["count"], m["name"] or ""))[:top]
    for m in ranked:
        m["types"] = dict(m["types"].most_common())
    return ranked


# -- facets --------------------------------------------------------------------------

def facets(con: Con) -> dict[str, Any]:
    """The values the filters offer: outlets, event types, countries, the date range."""
    def pairs(sql: str) -> list[tuple[Any, int]]:
        return [(a, int(b)) for a, b in con.execute(sql).fetchall()]

    span = con.execute("SELECT min(published), max(published), count(*) FROM documents"
                       ).fetchone() or (None, None, 0)
    return {
        "sources": pairs("SELECT source, count(*) FROM documents WHERE source IS NOT NULL "
                         "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200"),
        "types": pairs("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "countries": pairs(
            "SELECT c, count(*) FROM (SELECT country AS c FROM event_actors UNION ALL "
            "SELECT place_country FROM events) WHERE c IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 300"),
        "published": {"min": span[0], "max": span[1]},
        "n_documents": int(span[2] or 0),
    }
