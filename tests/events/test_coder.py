"""The event coder (not yet in the default pipeline): arguments, status, date, place."""

from __future__ import annotations

import pytest

import hadath
import hadath.events.coder  # registers the component
from hadath.doc import Event

from ..conftest import SEED, needs_shared


@pytest.fixture(scope="module")
def nlp() -> hadath.Pipeline:
    return hadath.load(["normalizer", "sentencizer", "tokenizer", "timex", "linker", "quotes",
                        "events"])


def dyad(ev: Event) -> tuple[set[tuple[str | None, str | None]], ...]:
    return ({(a.country, a.sector) for a in ev.actor},
            {(a.country, a.sector) for a in ev.recipient})


@needs_shared
def test_seed_visit_and_demand(nlp: hadath.Pipeline) -> None:
    doc = nlp(SEED.read_text(encoding="utf-8"), published="2024-06-13")
    visit = next(ev for ev in doc.events if ev.trigger.text == "استقبل")
    assert (visit.event, visit.mode, visit.date, visit.status) == (
        "CONSULT", ["visit"], "2024-06-13", "asserted")
    assert dyad(visit) == ({("IRN", "GOV")}, {("IRQ", "GOV")})
    assert visit.event_loc is not None and visit.event_loc.country_code == "IRQ"
    demand = next(ev for ev in doc.events if ev.trigger.text.startswith("على الأمريكيين"))
    assert (demand.event, dyad(demand)) == ("REQUEST", ({("IRN", "GOV")}, {("USA", "GOV")}))
    for ev in doc.events:
        assert doc.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("لم يجتمع وزير الخارجية المصري سامح شكري مع نظيره الأردني أيمن الصفدي.", "negated"),
        ("سيلتقي وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي.", "future"),
        ("التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي.", "asserted"),
    ],
)
def test_status(nlp: hadath.Pipeline, text: str, status: str) -> None:
    doc = nlp(text, published="2018-06-01")
    (ev,) = [ev for ev in doc.events if ev.trigger.text in ("يجتمع", "سيلتقي", "التقى")]
    assert ev.status == status
    if status == "future":
        assert ev.event == "AGREE"  # PLOVER: a cooperative future event is an agreement
    else:
        assert ev.event == "CONSULT"
        assert dyad(ev) == ({("EGY", "GOV")}, {("JOR", "GOV")})


def test_no_events_without_political_parties(nlp: hadath.Pipeline) -> None:
    doc = nlp("سجل الفريق هدفين في الشوط الثاني وفاز بالمباراة بعد هجوم منظم.",
              published="2018-06-01")
    assert doc.events == []
