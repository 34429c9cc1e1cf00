"""Charts for the actor page, laid out here and drawn by the templates as SVG.

No chart library runs in the browser: the layout (bars of a timeline, nodes
of a counterpart network) is computed in Python and the template writes the
SVG elements, colouring them by event type through CSS classes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..events.lexicon import EVENTS


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    type: str
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out: list[str] = []
    while (y, m) <= (ly, lm) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def timeline(points: list[dict[str, Any]], *, width: float = 1000, height: float = 160,
             pad: float = 24) -> dict[str, Any]:
    """Stacked bars of events per month and type (``points``: ``{"month", "types"}``)."""
    if not points:
        return {"bars": [], "ticks": [], "width": width, "height": height, "max": 0}
    months = _months(points[0]["month"], points[-1]["month"])
    counts = {p["month"]: p["types"] for p in points}
    peak = max(sum(t.values()) for t in counts.values()) or 1
    slot = (width - 2 * pad) / len(months)
    bar_w = min(max(2.0, slot * 0.8), 40.0)
    scale = (height - 2 * pad) / peak
    bars: list[Bar] = []
    for i, month in enumerate(months):
        y = height - pad
        types = counts.get(month, {})
        for t in sorted(types, key=lambda t: EVENTS.index(t) if t in EVENTS else 99):
            h = types[t] * scale
            y -= h
            x = pad + i * slot + (slot - bar_w) / 2
            bars.append(Bar(round(x, 2), round(y, 2), round(bar_w, 2),
                            round(h, 2), t, f"{month} · {t}: {types[t]}"))
    step = max(1, math.ceil(len(months) / 8))
    ticks = [Tick(round(pad + i * slot + slot / 2, 2), m)
             for i, m in enumerate(months) if i % step == 0]
    return {"bars": bars, "ticks": ticks, "width": width, "height": height, "max": peak,
            "base": height - pad, "pad": pad}


@dataclass(frozen=True, slots=True)
class Node:
    x: float
    y: float
    r: float
    label: str
    href: str | None
    count: int
    lx: float
    ly: float
    anchor: str


def network(center: str, others: list[dict[str, Any]], hrefs: list[str | None], *,
            size: float = 420, top: int = 12) -> dict[str, Any]:
    """A star of the actor and its most frequent counterparts, edges weighted by count."""
    c = size / 2
    ring = size / 2 - 70
    others = others[:top]
    peak = max((o["count"] for o in others), default=1)
    nodes: list[Node] = []
    edges = []
    for i, (o, href) in enumerate(zip(others, hrefs, strict=False)):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(others))
        x, y = c + ring * math.cos(angle), c + ring * math.sin(angle)
        r = 5 + 9 * math.sqrt(o["count"] / peak)
        lx, ly = c + (ring + r + 6) * math.cos(angle), c + (ring + r + 6) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 \
            else "middle"
        nodes.append(Node(round(x, 1), round(y, 1), round(r, 1), str(o["name"] or "?"), href,
                          int(o["count"]), round(lx, 1), round(ly + 4, 1), anchor))
        edges.append({"x": round(x, 1), "y": round(y, 1),
                      "w": round(1 + 5 * o["count"] / peak, 1), "count": o["count"]})
    return {"size": size, "cx": c, "cy": c, "center": center, "nodes": nodes, "edges": edges}
