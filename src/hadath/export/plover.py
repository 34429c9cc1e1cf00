"""Events as PLOVER JSON records and as a POLECAT-style TSV.

PLOVER records use the field names of the PLOVER manual's "JSON Data
Fields" chapter (openeventdata/PLOVER): ``id``, ``date``, ``source`` and
``recipient`` (lists of actor objects with ``code``, ``sector``,
``actor_text``, ``identifier_id``, ``identifier_text``, ``office``),
``event`` (a list), ``mode``, ``context``, ``event_loc`` (a location object
with geonames' field names and ``cc3``), ``event_text``, ``quad_code``,
``link`` (the happening: the same event in near-duplicate reports shares
it), ``text_info``, ``cite_info`` and ``coder``; hadath adds ``status``,
``cameo``, ``confidence``, ``num_sources`` and ``event_date`` (the date at
the precision the text gives). ``plover.schema.json`` beside this module
validates them.

The TSV has one row per event with POLECAT's column names where POLECAT has
the field (``Event ID``, ``Event Date``, ``Event Type``, ``Actor Country``,
…); lists are joined with ``;``, and tabs and line breaks inside fields become
spaces, so every record is one line and pandas (``read_csv(sep="\\t")``) and
R (``read.delim``) load it as is.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from importlib.resources import files
from typing import Any, TextIO

from .. import __version__
from ..store import Store

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
        "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
        "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODER = f"hadath {__version__}"

_EVENTS_SQL = """
SELECT e.doc_key, e.event_id, e.type, e.mode, e.context, e.status, e.date, e.sentence,
       e.has_loc, e.place, e.place_resolved, e.place_country, e.lat, e.lon,
       e.cameo, e.confidence, e.trigger_start, e.trigger_end, e.trigger_text, e.happening_key,
       e.doc_id, e.published, e.source, e.url, e.doc_title,
       coalesce(h.num_sources, 1) AS num_sources,
       s.start_char AS sentence_start, s.end_char AS sentence_end,
       substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence_text
FROM event_rows e
JOIN documents d USING (doc_key)
LEFT JOIN sentences s ON s.doc_key = e.doc_key AND s.sentence = e.sentence
LEFT JOIN happenings h ON h.happening = e.happening_key
{where}
ORDER BY e.published NULLS LAST, e.doc_key, e.position
"""

_ACTORS_SQL = """
SELECT a.doc_key, a.event_id, a.role, a.position, a.entity_id, a.name, a.text, a.country,
       a.sector, n.kb_id, n.title, n.name_en
FROM event_actors a
LEFT JOIN entities n ON n.doc_key = a.doc_key AND n.entity_id = a.entity_id
WHERE list_contains(?, a.doc_key)
ORDER BY a.doc_key, a.event_id, a.role, a.position
"""


def schema() -> dict[str, Any]:
    """The JSON Schema of a PLOVER record as hadath writes it."""
    text = files("hadath.export").joinpath("plover.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _events(store: Store, where: str = "", batch: int = 2000
            ) -> Iterator[tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]]:
    cur = store.con.execute(_EVENTS_SQL.format(where=f"WHERE {where}" if where else ""))
    cols = [d[0] for d in cur.description or ()]
    while True:
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchmany(batch)]
        if not rows:
            return
        keys = sorted({r["doc_key"] for r in rows})
        acur = store.con.cursor()
        acur.execute(_ACTORS_SQL, [keys])
        acols = [d[0] for d in acur.description or ()]
        sides: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
        for a in acur.fetchall():
            ad = dict(zip(acols, a, strict=True))
            sides.setdefault((ad["doc_key"], ad["event_id"]),
                             {"actor": [], "recipient": []})[ad["role"]].append(ad)
        acur.close()
        for r in rows:
            yield r, sides.get((r["doc_key"], r["event_id"]), {"actor": [], "recipient": []})


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    return {"code": a["country"], "sector": a["sector"], "actor_text": a["text"],
            "identifier_id": a["kb_id"], "identifier_text": a["name"], "office": a["title"]}


def plover_records(store: Store, where: str = "") -> Iterator[dict[str, Any]]:
    """One PLOVER record per stored event (``where``: a SQL condition on ``event_rows``)."""
    for r, sides in _events(store, where):
        date = r["date"] if isinstance(r["date"], str) and _FULL_DATE.match(r["date"]) else None
        loc = None
        if r["has_loc"]:
            loc = {"name": r["place_resolved"] or r["place"], "extracted_name": r["place"],
                   "latitude": r["lat"], "longitude": r["lon"], "cc3": r["place_country"]}
        yield {
            "id": f"{r['doc_key']}-{r['event_id']}",
            "has_event": True,
            "date": date or r["published"],
            "event_date": r["date"],
            "source": [_actor(a) for a in sides["actor"]],
            "recipient": [_actor(a) for a in sides["recipient"]],
            "event": [r["type"]],
            "mode": list(r["mode"] or []),
            "context": list(r["context"] or []),
            "event_loc": loc,
            "event_text": [r["sentence_text"]] if r["sentence_text"] else [r["trigger_text"]],
            "quad_code": QUAD.get(r["type"]),
            "link": r["happening_key"],
            "text_info": {"sequence": r["sentence"], "start": r["trigger_start"],
                          "end": r["trigger_end"], "trigger": r["trigger_text"]},
            "cite_info": {"citation": r["doc_id"], "url": r["url"], "title": r["doc_title"],
                          "language": "ar", "publication": r["source"],
                          "publication_date": r["published"], "coder": CODER,
                          "codebook": "plover"},
            "coder": CODER,
            "status": r["status"],
            "cameo": r["cameo"],
            "confidence": r["confidence"],
            "num_sources": r["num_sources"],
        }


def write_plover(store: Store, out: TextIO, where: str = "") -> int:
    """PLOVER records as JSON lines; returns how many."""
    n = 0
    for rec in plover_records(store, where):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "Country", "Latitude", "Longitude", "Raw Placename",
    "Source", "Publication Date", "Story ID", "URL", "Event Status", "CAMEO Code",
    "Confidence", "Num Sources", "Happening ID", "Event Text", "Language", "Version",
)
_CLEAN = re.compile(r"[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value if v is not None)
    if isinstance(value, float):
        return repr(value)
    return _CLEAN.sub(" ", str(value)).strip()


def _side(actors: list[dict[str, Any]]) -> list[Any]:
    sectors = [a["sector"] for a in actors if a["sector"]]
    return [[a["name"] or a["text"] for a in actors],
            sorted({a["country"] for a in actors if a["country"]}),
            sectors[0] if sectors else None, sorted(set(sectors)),
            [a["title"] for a in actors if a["title"]], [a["text"] for a in actors],
            [a["kb_id"] for a in actors if a["kb_id"]]]


def write_polecat(store: Store, out: TextIO, where: str = "") -> int:
    """Events as a POLECAT-style TSV with a header; returns the number of rows."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(POLECAT_COLUMNS)
    n = 0
    for r, sides in _events(store, where):
        row = [f"{r['doc_key']}-{r['event_id']}", r["date"] or r["published"], r["type"],
               r["mode"], QUAD.get(r["type"]), r["context"],
               *_side(sides["actor"]), *_side(sides["recipient"]),
               r["place_resolved"] or r["place"], r["place_country"], r["lat"], r["lon"],
               r["place"], r["source"], r["published"], r["doc_id"], r["url"], r["status"],
               r["cameo"], r["confidence"], r["num_sources"], r["happening_key"],
               r["sentence_text"] or r["trigger_text"], "ar", CODER]
        writer.writerow([_cell(v) for v in row])
        n += 1
    return n
