"""A document as table rows, and back: the one mapping between ``Document`` and the store.

:func:`doc_rows` runs where the document was made (a batch worker or a Dask
task), so the writer only appends ready rows. :func:`document_from_rows`
rebuilds the document from what the store holds; with the rows of
:func:`doc_rows` it gives back the document exactly, less its tokens (which
the store does not keep: they are cheap to recompute and would triple its
size).

The columns of each table are listed here in the order of the migrations'
``CREATE TABLE``; ``tests/store`` checks the two agree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..doc import (
    Actor,
    Document,
    Entity,
    Event,
    Mention,
    Meta,
    Place,
    Quote,
    Sentence,
    Span,
    Time,
)
from .dedup import minhash

Row = tuple[Any, ...]

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_key", "id", "title", "source", "url", "published", "anchor", "text",
                  "n_chars", "n_tokens", "meta_extra", "components", "input", "line",
                  "ingest_id", "minhash", "dup_group"),
    "sentences": ("doc_key", "sentence", "start_char", "end_char"),
    "entities": ("doc_key", "entity_id", "position", "type", "subtype", "name", "name_en",
                 "country", "sector", "title", "kb_id", "n_mentions"),
    "mentions": ("doc_key", "entity_id", "position", "start_char", "end_char", "text"),
    "times": ("doc_key", "position", "start_char", "end_char", "text", "type", "value"),
    "quotes": ("doc_key", "quote_id", "position", "start_char", "end_char", "text", "kind",
               "speaker", "cue_start", "cue_end", "cue_text", "via"),
    "events": ("doc_key", "event_id", "position", "type", "mode", "context", "status", "date",
               "sentence", "has_loc", "place", "place_resolved", "place_country", "lat", "lon",
               "place_entity", "cameo", "confidence", "trigger_start", "trigger_end",
               "trigger_text", "same_as", "happening"),
    "event_actors": ("doc_key", "event_id", "role", "position", "entity_id", "name", "text",
                     "country", "sector", "start_char", "end_char"),
}
LAYER_TABLES = tuple(t for t in COLUMNS if t != "documents")
ROLES = ("actor", "recipient")


def doc_key(text: str) -> str:
    """The content hash that keys a document: BLAKE2b-128 of its UTF-8 text, in hex.

    Two records with the same text are one document, whatever their ids.
    """
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(slots=True)
class DocRows:
    """One document's rows for every table, ready to append (picklable)."""

    key: str
    tables: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def n_tokens(self) -> int:
        return int(self.tables["documents"][0][COLUMNS["documents"].index("n_tokens")])


def doc_rows(doc: Document, *, input: str | None = None, line: int | None = None,
             source: str | None = None) -> DocRows:
    """Every row ``doc`` adds to the store. ``source`` overrides ``meta.source``."""
    key = doc_key(doc.text)
    m = doc.meta
    anchor = m.extra.get("anchor")
    anchor_date = anchor.get("date") if isinstance(anchor, Mapping) else None
    extra = json.dumps(m.extra, ensure_ascii=False, sort_keys=True) if m.extra else None
    n_tokens = len(doc.tokens) if doc.tokens else len(doc.text.split())
    tables: dict[str, list[Row]] = {
        "documents": [(key, doc.id, m.title, source or m.source, m.url, m.published,
                       anchor_date, doc.text, len(doc.text), n_tokens, extra,
                       list(doc.components), input, line, None,
                       minhash(doc.text).tolist(), None)],
        "sentences": [(key, i, s.start, s.end) for i, s in enumerate(doc.sentences)],
        "entities": [(key, e.id, i, e.type, e.subtype, e.name, e.name_en, e.country, e.sector,
                      e.title, e.kb_id, len(e.mentions)) for i, e in enumerate(doc.entities)],
        "mentions": [(key, e.id, j, mn.start, mn.end, mn.text)
                     for e in doc.entities for j, mn in enumerate(e.mentions)],
        "times": [(key, i, t.start, t.end, t.text, t.type, t.value)
                  for i, t in enumerate(doc.times)],
        "quotes": [(key, q.id, i, q.start, q.end, q.text, q.kind, q.speaker,
                    q.cue.start if q.cue else None, q.cue.end if q.cue else None,
                    q.cue.text if q.cue else None, q.via) for i, q in enumerate(doc.quotes)],
        "events": [],
        "event_actors": [],
    }
    names = {e.id: e.name for e in doc.entities}
    for i, ev in enumerate(doc.events):
        loc = ev.event_loc or Place()
        tables["events"].append((
            key, ev.id, i, ev.event, list(ev.mode), list(ev.context), ev.status, ev.date,
            ev.sentence, ev.event_loc is not None, loc.extracted_place, loc.resolved_place,
            loc.country_code, loc.lat, loc.lon, loc.entity, ev.cameo, ev.confidence,
            ev.trigger.start, ev.trigger.end, ev.trigger.text, list(ev.same_as), None))
        for role in ROLES:
            for j, a in enumerate(getattr(ev, role)):
                tables["event_actors"].append((
                    key, ev.id, role, j, a.entity, names.get(a.entity or ""), a.text,
                    a.country, a.sector, a.start, a.end))
    return DocRows(key, tables)


def document_from_rows(doc: Mapping[str, Any], layers: Mapping[str, Sequence[Mapping[str, Any]]]
                       ) -> Document:
    """Rebuild a document from its ``documents`` row and its rows of the other tables
    (each a mapping of column name to value, any order within a table)."""
    text: str = doc["text"]
    extra = doc.get("meta_extra")
    meta = Meta(published=doc.get("published"), source=doc.get("source"), url=doc.get("url"),
                title=doc.get("title"),
                extra=json.loads(extra) if isinstance(extra, str) else dict(extra or {}))

    def rows(table: str, *order: str) -> list[Mapping[str, Any]]:
        return sorted(layers.get(table, ()), key=lambda r: tuple(r[k] for k in order))

    mentions: dict[str, list[Mention]] = {}
    for r in rows("mentions", "entity_id", "position"):
        mentions.setdefault(r["entity_id"], []).append(
            Mention(r["start_char"], r["end_char"], r["text"]))
    actors: dict[tuple[str, str], list[Actor]] = {}
    for r in rows("event_actors", "event_id", "role", "position"):
        actors.setdefault((r["event_id"], r["role"]), []).append(Actor(
            text=r["text"], entity=r["entity_id"], country=r["country"], sector=r["sector"],
            start=r["start_char"], end=r["end_char"]))
    return Document(
        id=doc["id"], text=text, meta=meta,
        sentences=[Sentence(r["start_char"], r["end_char"], text[r["start_char"]:r["end_char"]])
                   for r in rows("sentences", "sentence")],
        entities=[Entity(id=r["entity_id"], type=r["type"], name=r["name"],
                         subtype=r["subtype"], name_en=r["name_en"], country=r["country"],
                         sector=r["sector"], title=r["title"], kb_id=r["kb_id"],
                         mentions=mentions.get(r["entity_id"], []))
                  for r in rows("entities", "position")],
        times=[Time(r["start_char"], r["end_char"], r["text"], r["type"], r["value"])
               for r in rows("times", "position")],
        quotes=[Quote(r["quote_id"], r["start_char"], r["end_char"], r["text"], r["kind"],
                      r["speaker"],
                      Span(r["cue_start"], r["cue_end"], r["cue_text"])
                      if r["cue_start"] is not None else None, r["via"])
                for r in rows("quotes", "position")],
        events=[_event(r, actors) for r in rows("events", "position")],
        components=list(doc.get("components") or []),
    )


def _event(r: Mapping[str, Any], actors: Mapping[tuple[str, str], list[Actor]]) -> Event:
    loc = Place(r["place"], r["place_resolved"], r["place_country"], r["lat"], r["lon"],
                r["place_entity"]) if r["has_loc"] else None
    return Event(id=r["event_id"], event=r["type"],
                 trigger=Span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
                 sentence=r["sentence"], mode=list(r["mode"] or []),
                 context=list(r["context"] or []),
                 actor=actors.get((r["event_id"], "actor"), []),
                 recipient=actors.get((r["event_id"], "recipient"), []),
                 date=r["date"], event_loc=loc, status=r["status"], cameo=r["cameo"],
                 confidence=r["confidence"], same_as=list(r["same_as"] or []))
