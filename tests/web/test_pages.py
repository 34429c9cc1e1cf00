"""The pieces of the web pages that need no browser: highlighting, the map, charts."""

from __future__ import annotations

from hadath.doc import Document, Entity, Event, Mention, Quote, Span
from hadath.web import charts, geo
from hadath.web.highlight import annotate, segments


def test_segments_tile_the_text_and_nest() -> None:
    text = "قال الوزير «نرحب بالاتفاق» أمس"
    doc = Document(id="d", text=text, entities=[
        Entity("e1", "PER", "الوزير", mentions=[Mention(4, 10, "الوزير")])],
        quotes=[Quote("q1", 12, 25, text[12:25], "direct", "e1", Span(0, 3, "قال"))],
        events=[Event("v1", "AGREE", Span(17, 25, text[17:25]), 0)])
    segs = segments(text, annotate(doc, {"e1": "/actors/x"}))
    assert "".join(s.text for s in segs) == text
    inner = next(s for s in segs if "v1" in s.ids)
    assert inner.ids.split() == ["q1", "v1"]  # quote outside, trigger inside
    assert "AGREE" in inner.title
    ent = next(s for s in segs if s.ids == "e1")
    assert ent.text == "الوزير" and "ent-PER" in ent.classes


def test_world_and_places() -> None:
    world = geo.world_paths()
    assert len(world) > 150 and all(d.startswith("M") for _, d in world)
    pts = geo.place_events([
        {"event": "ASSAULT", "lat": 33.3, "lon": 44.4, "place": "Baghdad", "country": "IRQ"},
        {"event": "PROTEST", "lat": 33.3, "lon": 44.4, "place": "Baghdad", "country": "IRQ"},
        {"event": "CONSULT", "lat": None, "lon": None, "place": None, "country": "JOR"},
        {"event": "CONSULT", "lat": None, "lon": None, "place": None, "country": None},
    ])
    assert [p.count for p in pts] == [2, 1] and pts[1].place == "الأردن"
    x, y, w, h = geo.view_box(pts)
    assert w == 2 * h and all(x <= p.x <= x + w and y <= p.y <= y + h for p in pts)
    assert geo.view_box([]) == (0.0, 0.0, 360.0, 180.0)


def test_charts() -> None:
    t = charts.timeline([{"month": "2024-01", "types": {"CONSULT": 2}},
                         {"month": "2024-03", "types": {"ASSAULT": 1, "CONSULT": 1}}])
    assert len(t["bars"]) == 3 and t["max"] == 2 and t["ticks"][0].label == "2024-01"
    net = charts.network("x", [{"name": "a", "count": 3}, {"name": "b", "count": 1}],
                         ["/actors/a", None])
    assert len(net["nodes"]) == 2 and net["nodes"][0].r > net["nodes"][1].r
