"""The REST API over the demo database: documents, events, actors, search, CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hadath.doc import Document

from .demo_db import HOSTILE_ID


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_root_and_openapi(client: TestClient) -> None:
    root = get(client, "/v1/")
    assert root["api"] == "v1" and root["documents_indexed"] >= 4
    spec = get(client, "/v1/openapi.json")
    for path in ("/v1/extract", "/v1/documents", "/v1/documents/{ref}", "/v1/events",
                 "/v1/actors/{actor_id}", "/v1/search"):
        assert path in spec["paths"], path
    assert client.get("/api").status_code == 200


def test_documents_paginate(client: TestClient) -> None:
    first = get(client, "/v1/documents", limit=2)
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["items"]) == 2
    assert first["total"] >= 4 and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 2
    assert {d["key"] for d in first["items"]}.isdisjoint(d["key"] for d in second["items"])
    dates = [d["published"] for d in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)


def test_document_by_id_and_key_is_the_contract(client: TestClient) -> None:
    doc = get(client, "/v1/documents/seed-000")
    assert doc["schema"] == "hadath.document/1" and doc["id"] == "seed-000"
    Document.from_dict(doc).check_spans()
    by_key = get(client, f"/v1/documents/{doc['meta']['key']}")
    assert by_key["text"] == doc["text"]
    assert any(e["event"] == "CONSULT" for e in doc["events"])


def test_documents_filtered(client: TestClient) -> None:
    got = get(client, "/v1/documents", source="Ultra Iraq")
    assert [d["id"] for d in got["items"]] == ["seed-000"]
    got = get(client, "/v1/documents", **{"from": "2024-06-01", "to": "2024-06-30"})
    assert {d["id"] for d in got["items"]} == {"seed-000"}


def test_events_filters(client: TestClient) -> None:
    consult = get(client, "/v1/events", type="CONSULT", limit=1000)
    assert consult["total"] > 0 and all(e["event"] == "CONSULT" for e in consult["items"])
    both = get(client, "/v1/events", type="CONSULT,ASSAULT", limit=1)
    assert both["total"] >= consult["total"]
    irn = get(client, "/v1/events", actor="IRN", limit=1000)
    assert irn["total"] > 0
    assert all(any(a["country"] == "IRN" for a in e["actor"]) for e in irn["items"])
    # a name, written with other letter forms and diacritics, finds the same actor
    by_name = get(client, "/v1/events", actor="باقري كنِي", doc="seed-000")
    assert by_name["total"] > 0
    dated = get(client, "/v1/events", **{"from": "2024-06-13", "to": "2024-06-13"})
    assert dated["total"] > 0 and all(e["day"][:10] == "2024-06-13" for e in dated["items"])
    irq = get(client, "/v1/events", country="IRQ", limit=1000)
    assert all("IRQ" in {p["country"] for p in e["actor"] + e["recipient"]}
               | {(e["event_loc"] or {}).get("country_code")} for e in irq["items"])


def test_events_csv(client: TestClient) -> None:
    r = client.get("/v1/events", params={"format": "csv", "doc": "seed-000"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows and rows[0]["doc_id"] == "seed-000" and rows[0]["event"]
    json_total = get(client, "/v1/events", doc="seed-000")["total"]
    assert len(rows) == json_total
    # Accept: text/csv works too
    r = client.get("/v1/documents", headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")


def test_actor(client: TestClient) -> None:
    ev = get(client, "/v1/events", doc="seed-000", type="CONSULT")["items"][0]
    actor_id = next(p["actor_id"] for p in ev["actor"] + ev["recipient"] if p["actor_id"])
    a = get(client, f"/v1/actors/{actor_id}")
    assert a["id"] == actor_id and a["name"] and a["n_documents"] >= 1
    assert a["n_events"] >= 1 and a["timeline"] and a["counterparts"]
    assert all(c["count"] >= 1 for c in a["counterparts"])
    iraq = get(client, "/v1/actors/Q796")
    assert iraq["country"] == "IRQ" and iraq["name_en"] == "Iraq"


@pytest.mark.parametrize("query", ["الحكومة", "حكومه", "وبالحكومة", "الحكومةِ", "حكومته"])
def test_search_across_spellings(client: TestClient, query: str) -> None:
    got = get(client, "/v1/search", q=query)
    assert got["total"] > 0
    hit = got["items"][0]
    assert hit["snippet"]["match"] and hit["score"] > 0


def test_search_alef_forms_and_phrase(client: TestClient) -> None:
    a = get(client, "/v1/search", q="الإيراني", limit=100)
    b = get(client, "/v1/search", q="الايراني", limit=100)
    assert a["total"] == b["total"] > 0
    phrase = get(client, "/v1/search", q='"وزير الخارجية الإيراني"')
    assert "seed-000" in {d["id"] for d in phrase["items"]}
    assert get(client, "/v1/search", q='"الإيراني الخارجية وزير"')["total"] <= phrase["total"]
    prefix = get(client, "/v1/search", q="اسرائيل*")
    assert prefix["total"] >= get(client, "/v1/search", q="إسرائيل")["total"]


def test_search_filters_and_csv(client: TestClient) -> None:
    all_hits = get(client, "/v1/search", q="بغداد", limit=100)
    narrowed = get(client, "/v1/search", q="بغداد", source="Ultra Iraq")
    assert 0 < narrowed["total"] <= all_hits["total"]
    r = client.get("/v1/search", params={"q": "بغداد", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == all_hits["total"]


def test_hostile_text_is_data(client: TestClient) -> None:
    doc = get(client, f"/v1/documents/{HOSTILE_ID}")
    assert "<script>" in doc["text"]  # stored and returned as it came: JSON is not HTML
    html = client.get(f"/documents/{HOSTILE_ID}").text
    assert "<script>window" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert 'href="javascript:' not in html
