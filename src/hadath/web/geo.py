"""The offline world map: country outlines as SVG paths, and where events happened.

The outlines are Natural Earth's 1:110m countries from the ``world-atlas``
npm package (``static/vendor/world-atlas/countries-110m.json``, TopoJSON),
decoded here and drawn in an equirectangular projection: x = longitude + 180,
y = 90 - latitude, so the SVG's ``viewBox`` is a box of degrees and zooming
to the events is choosing that box. Nothing is fetched at run time.

An event is placed at its resolved coordinates, else at the representative
point of its country (from the actor knowledge base, ``kb/countries.tsv``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..resources import iter_tsv

WORLD = "static/vendor/world-atlas/countries-110m.json"
_COUNTRY_COLUMNS = ("alpha3", "alpha2", "name", "name_en", "aliases", "qid", "lat", "lon",
                    "capital", "people")


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    name_en: str
    lat: float | None
    lon: float | None


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO alpha-3 → names and a representative point, from the knowledge base."""
    out: dict[str, Country] = {}
    for _, row in iter_tsv("kb/countries.tsv", _COUNTRY_COLUMNS):
        lat = float(row[6]) if row[6] != "-" else None
        lon = float(row[7]) if row[7] != "-" else None
        out[row[0]] = Country(row[0], row[2], row[3], lat, lon)
    return out


def country_name(code: str | None) -> str:
    """The Arabic name of a country code (the code itself when unknown)."""
    if not code:
        return ""
    c = countries().get(code)
    return c.name if c else code


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc[1:] if pts else arc)
    return pts


def _path(rings: Iterable[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        if len(ring) < 3:
            continue
        cmds = [f"{lon + 180:.2f},{90 - lat:.2f}" for lon, lat in ring]
        parts.append("M" + "L".join(cmds) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def world_paths() -> tuple[tuple[str, str], ...]:
    """``(country name, SVG path data)`` for every country outline."""
    raw = resources.files("hadath.web").joinpath(WORLD).read_text(encoding="utf-8")
    topo = json.loads(raw)
    arcs = _decode_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = [_ring(arcs, ring) for poly in polygons for ring in poly]
        out.append((str(geom.get("properties", {}).get("name", "")), _path(rings)))
    return tuple(out)


@dataclass(slots=True)
class Point:
    """Events at one place: where, how many, of which types."""

    lat: float
    lon: float
    place: str
    country: str | None
    count: int = 0
    types: dict[str, int] = field(default_factory=dict)

    @property
    def x(self) -> float:
        return self.lon + 180

    @property
    def y(self) -> float:
        return 90 - self.lat

    @property
    def label(self) -> str:
        kinds = "، ".join(f"{t} {n}" for t, n in sorted(self.types.items(), key=lambda kv: -kv[1]))
        return f"{self.place}: {self.count} — {kinds}"


def place_events(rows: Iterable[dict[str, Any]]) -> list[Point]:
    """Group event rows (``event``, ``lat``, ``lon``, ``place``, ``country``) by place."""
    points: dict[tuple[float, float], Point] = {}
    table = countries()
    for r in rows:
        lat, lon, place = r.get("lat"), r.get("lon"), r.get("place")
        code = r.get("country")
        if lat is None or lon is None:
            c = table.get(code) if code else None
            if c is None or c.lat is None or c.lon is None:
                continue
            lat, lon, place = c.lat, c.lon, c.name
        key = (round(float(lat), 1), round(float(lon), 1))
        p = points.get(key)
        if p is None:
            p = points[key] = Point(key[0], key[1], str(place or country_name(code)), code)
        p.count += 1
        p.types[r["event"]] = p.types.get(r["event"], 0) + 1
    return sorted(points.values(), key=lambda p: -p.count)


def view_box(points: list[Point], *, pad: float = 6.0, min_w: float = 40.0) -> tuple[float, ...]:
    """The box of degrees (x, y, w, h) that shows every point, at a 2:1 aspect."""
    if not points:
        return (0.0, 0.0, 360.0, 180.0)
    x0 = min(p.x for p in points) - pad
    x1 = max(p.x for p in points) + pad
    y0 = min(p.y for p in points) - pad
    y1 = max(p.y for p in points) + pad
    w = max(x1 - x0, 2 * (y1 - y0), min_w)
    h = w / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    x = min(max(cx - w / 2, 0.0), max(0.0, 360.0 - w))
    y = min(max(cy - h / 2, 0.0), max(0.0, 180.0 - h))
    return (round(x, 2), round(y, 2), round(min(w, 360.0), 2), round(min(h, 180.0), 2))
