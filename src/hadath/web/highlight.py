"""An article's text cut into segments, each with the annotations that cover it.

The article page draws every entity mention, time, quote (and its cue) and
event trigger over the text. Spans nest and overlap (a mention inside a
quote, a trigger inside a mention), so the text is cut at every span
boundary and each piece lists the annotations covering it; the template
escapes each piece. Each annotation also has a short summary (the hover
title) and rows of details (the panel shown on click), as plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..doc import Document, Entity
from .geo import country_name


@dataclass(slots=True)
class Annotation:
    id: str
    kind: str  # ent | time | quote | cue | event
    classes: str
    summary: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    href: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "summary": self.summary,
                "rows": [list(r) for r in self.rows], "href": self.href}


@dataclass(slots=True)
class Segment:
    text: str
    anns: list[Annotation]

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(a.classes for a in self.anns))

    @property
    def ids(self) -> str:
        return " ".join(a.id for a in self.anns)

    @property
    def title(self) -> str:
        return "\n".join(a.summary for a in self.anns)


def _who(e: Entity | None, fallback: str = "") -> str:
    if e is None:
        return fallback
    code = "/".join(x for x in (e.country, e.sector) if x)
    return f"{e.name}{f' ({code})' if code else ''}"


def annotate(doc: Document, actor_href: dict[str, str]) -> list[tuple[int, int, Annotation]]:
    """``(start, end, annotation)`` for every highlighted span of ``doc``."""
    ents = {e.id: e for e in doc.entities}
    out: list[tuple[int, int, Annotation]] = []
    for e in doc.entities:
        rows = [("النوع · type", e.type + (f" / {e.subtype}" if e.subtype else "")),
                ("الاسم · name", e.name)]
        if e.name_en:
            rows.append(("English", e.name_en))
        if e.country:
            rows.append(("البلد · country", f"{country_name(e.country)} ({e.country})"))
        if e.sector:
            rows.append(("القطاع · sector", e.sector))
        if e.title:
            rows.append(("الصفة · title", e.title))
        ann = Annotation(e.id, "ent", f"ent ent-{e.type}",
                         f"{e.type} · {_who(e)}" + (f" · {e.name_en}" if e.name_en else ""),
                         rows, actor_href.get(e.id))
        out.extend((m.start, m.end, ann) for m in e.mentions)
    for i, t in enumerate(doc.times):
        ann = Annotation(f"t{i}", "time", "time", f"{t.type} {t.value or ''}".strip(),
                         [("النوع · type", t.type), ("القيمة · value", t.value or "—")])
        out.append((t.start, t.end, ann))
    for q in doc.quotes:
        speaker = ents.get(q.speaker or "")
        via = ents.get(q.via or "")
        rows = [("الاقتباس · quote", q.kind),
                ("المتحدث · speaker", _who(speaker, "—"))]
        if via:
            rows.append(("عبر · via", via.name))
        summary = f"quote ({q.kind}) · {_who(speaker, '—')}"
        out.append((q.start, q.end, Annotation(q.id, "quote", "quote", summary, rows)))
        if q.cue:
            out.append((q.cue.start, q.cue.end,
                        Annotation(f"{q.id}-cue", "cue", "cue", f"cue · {summary}", rows)))
    for ev in doc.events:
        actor = "، ".join(_who(ents.get(a.entity or ""), a.text) for a in ev.actor) or "—"
        recip = "، ".join(_who(ents.get(a.entity or ""), a.text) for a in ev.recipient) or "—"
        loc = ev.event_loc
        place = ""
        if loc:
            place = loc.resolved_place or loc.extracted_place or ""
            if loc.country_code:
                place += f" ({loc.country_code})"
        rows = [("الحدث · event", ev.event + (f" [{', '.join(ev.mode)}]" if ev.mode else "")),
                ("الفاعل ← المتلقي · actor → recipient", f"{actor} ← {recip}"),
                ("التاريخ · date", ev.date or "—"), ("المكان · place", place or "—"),
                ("الحالة · status", ev.status), ("CAMEO", ev.cameo or "—")]
        if ev.confidence is not None:
            rows.append(("الثقة · confidence", f"{ev.confidence:.2f}"))
        summary = f"{ev.event}: {actor} → {recip}" + (f" · {ev.date}" if ev.date else "")
        out.append((ev.trigger.start, ev.trigger.end,
                    Annotation(ev.id, "event", f"event ev-{ev.event}", summary, rows)))
    return out


def segments(text: str, spans: list[tuple[int, int, Annotation]]) -> list[Segment]:
    """``text`` cut at every span boundary; each piece with the annotations covering it
    (outermost first: quotes, then mentions and times, then triggers)."""
    n = len(text)
    spans = [(max(0, s), min(n, e), a) for s, e, a in spans if 0 <= s < e <= n]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    order = {"quote": 0, "cue": 1, "ent": 2, "time": 2, "event": 3}
    out = []
    for a, b in pairwise(cuts):
        covering = [ann for s, e, ann in spans if s <= a and b <= e]
        covering.sort(key=lambda x: order[x.kind])
        anns = list({x.id: x for x in reversed(covering)}.values())[::-1]
        out.append(Segment(text[a:b], anns))
    return out
