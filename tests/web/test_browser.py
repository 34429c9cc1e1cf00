"""The web interface in a real browser: search, read an article, see a highlighted event,
follow to an actor, download the events as CSV, look at the map. Screenshots of the
pages go to docs/screenshots/ (shown in the README) when HADATH_SCREENSHOTS=1 (``make
screenshots``), else to a temporary folder, so a test run leaves the tree as it was."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ..api.demo_db import HOSTILE_ID

SHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots"
         if os.environ.get("HADATH_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "hadath-screenshots")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_search_article_actor(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=q]", "وزير الخارجية الإيرانيّ")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("ol.results li.result")
    assert "نتيجة" in page.inner_text("#result-count")
    assert page.locator("li.result mark").count() > 0
    shot(page, "search")

    page.click("li.result a.title >> text=رئيس الجمهورية يستقبل")
    page.wait_for_selector("#article-text")
    trigger = page.locator("#article-text .a.event").first
    assert trigger.is_visible()
    assert trigger.get_attribute("title")  # hover shows the code
    trigger.click()
    card = page.locator("#panel-body .card-event").first
    card.wait_for()
    assert "←" in card.inner_text() and page.locator("#panel-body dd").count() >= 4
    shot(page, "article")

    page.locator("#article-text .a.ent-PER").first.click()
    page.click("#panel-body .card-ent .actor-link")
    page.wait_for_selector("#actor-name")
    assert page.inner_text("#actor-name").strip()
    assert page.locator("#timeline rect").count() > 0
    assert page.locator("#dyads tbody tr").count() > 0
    assert not page.console_errors, page.console_errors


def test_actor_page_shot(page: Any, live_server: str) -> None:
    page.goto(live_server + "/v1/events?doc=seed-000&type=CONSULT")
    ev = page.evaluate("JSON.parse(document.body.innerText)")["items"][0]
    actor = ev["actor"][0]["actor_id"]
    page.goto(f"{live_server}/actors/{actor}")
    page.wait_for_selector("#timeline")
    shot(page, "actor")
    assert not page.console_errors, page.console_errors


def test_events_csv_download(page: Any, live_server: str) -> None:
    page.goto(live_server + "/events")
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*type=CONSULT*")
    n = int(page.inner_text("#event-count"))
    assert n > 0
    shot(page, "events")
    with page.expect_download() as info:
        page.click("#csv-download")
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == n and {r["event"] for r in rows} == {"CONSULT"}
    assert not page.console_errors, page.console_errors


def test_map(page: Any, live_server: str) -> None:
    page.goto(live_server + "/map")
    page.wait_for_selector("#map path.land")
    assert page.locator("#map path.land").count() > 100
    assert page.locator("#map circle.place").count() > 0
    shot(page, "map")
    assert not page.console_errors, page.console_errors


def test_hostile_article_runs_nothing(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}/documents/{HOSTILE_ID}")
    page.wait_for_selector("#article-text")
    assert "<script>window.__pwned = 4</script>" in page.inner_text("#article-text")
    assert "<script>" in page.inner_text("h1")
    page.locator("#article-text .a").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{live_server}/?q=pwned")
    page.wait_for_selector("li.result")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not [e for e in page.console_errors if "dialog" in e]
