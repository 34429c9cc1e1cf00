"""One JSON error shape for every error: bad routes, parameters, bodies, sizes, articles."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

KEYS = {"code", "type", "message", "input", "line", "id"}


def shape(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == KEYS, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("method", "url", "params", "status", "code"), [
    ("GET", "/v1/nowhere", {}, 404, "H601"),
    ("GET", "/v1/documents/no-such-doc", {}, 404, "H601"),
    ("GET", "/v1/actors/Q0000000", {}, 404, "H601"),
    ("GET", "/v1/events", {"limit": "abc"}, 400, "H603"),
    ("GET", "/v1/events", {"limit": "0"}, 400, "H603"),
    ("GET", "/v1/events", {"limit": "100000"}, 400, "H603"),
    ("GET", "/v1/events", {"offset": "-1"}, 400, "H603"),
    ("GET", "/v1/events", {"type": "NOT_A_TYPE"}, 400, "H603"),
    ("GET", "/v1/events", {"from": "13/06/2024"}, 400, "H603"),
    ("GET", "/v1/events", {"country": "iraq"}, 400, "H603"),
    ("GET", "/v1/events", {"format": "xml"}, 400, "H603"),
    ("GET", "/v1/search", {}, 400, "H603"),
    ("GET", "/v1/search", {"q": "x" * 600}, 400, "H603"),
    ("DELETE", "/v1/events", {}, 405, "H604"),
])
def test_error_shape(client: TestClient, method: str, url: str, params: dict[str, str],
                     status: int, code: str) -> None:
    shape(client.request(method, url, params=params), status, code)


def test_oversized_query_string(client: TestClient) -> None:
    shape(client.get("/v1/events", params={"actor": "ا" * 5000}), 413, "H602")


def test_extract_text(bare_client: TestClient) -> None:
    r = bare_client.post("/v1/extract", params={"id": "a1", "published": "2024-06-13"},
                         content="استقبل رئيس الجمهورية العراقي وزير الخارجية الإيراني في بغداد.",
                         headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["schema"] == "hadath.document/1" and doc["id"] == "a1"
    assert doc["meta"]["published"] == "2024-06-13" and doc["entities"]
    assert "events" in doc and doc["tokens"]


def test_extract_json(bare_client: TestClient, validate: Any) -> None:
    r = bare_client.post("/v1/extract", params={"tokens": "false"},
                         json={"id": "j1", "text": "قال وزير الخارجية المصري إن المحادثات مثمرة.",
                               "published": "2024-03-05", "outlet": "x"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["id"] == "j1" and doc["meta"]["source"] == "x" and "tokens" not in doc
    doc["tokens"] = []
    validate(doc)


@pytest.mark.parametrize(("body", "ctype", "status", "code"), [
    (b"{not json", "application/json", 400, "H106"),
    (b'["a list"]', "application/json", 400, "H106"),
    (b'{"id": "x"}', "application/json", 400, "H106"),
    (b'{"text": 5}', "application/json", 400, "H106"),
    (b"", "text/plain", 422, "H101"),
    (b"\xff\xfe\x00broken", "text/plain", 422, "H102"),
    (b"This is English text only, with no Arabic letters in it at all.", "text/plain", 422,
     "H104"),
    (b"<xml/>", "application/xml", 415, "H605"),
])
def test_extract_malformed(bare_client: TestClient, body: bytes, ctype: str, status: int,
                           code: str) -> None:
    shape(bare_client.post("/v1/extract", content=body, headers={"content-type": ctype}),
          status, code)


def test_extract_oversized(bare_client: TestClient) -> None:
    big = ("كلمة " * 20_000).encode()
    err = shape(bare_client.post("/v1/extract", content=big,
                                 headers={"content-type": "text/plain"}), 413, "H602")
    assert err["input"] == "body"

    def chunks() -> Any:  # no Content-Length: the limit is counted while reading
        for _ in range(20):
            yield ("كلمة " * 1000).encode()

    shape(bare_client.post("/v1/extract", content=chunks(),
                           headers={"content-type": "text/plain"}), 413, "H602")


def test_bad_published(bare_client: TestClient) -> None:
    shape(bare_client.post("/v1/extract", params={"published": "yesterday"},
                           content="نص عربي قصير", headers={"content-type": "text/plain"}),
          400, "H603")


def test_no_database(bare_client: TestClient) -> None:
    shape(bare_client.get("/v1/events"), 503, "H606")


def test_html_errors_for_pages(client: TestClient) -> None:
    r = client.get("/documents/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "H601" in r.text
    r = client.get("/documents/nope")  # no HTML asked for: the JSON shape
    shape(r, 404, "H601")


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
