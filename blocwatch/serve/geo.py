"""Country shapes for the dashboard map, projected once to SVG path data.

`static/world.json` holds Natural Earth 1:110m countries (public domain), simplified by
scripts/build_world_map.py. States too small for that layer are drawn as circles at the
knowledge base's coordinates.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

WORLD_FILE = Path(__file__).parent / "static" / "world.json"

# (west, south, east, north) in degrees.
VIEWS = {
    "americas": (-170.0, -57.0, -25.0, 73.0),
    "world": (-180.0, -58.0, 180.0, 84.0),
}
WIDTH = 640.0


@dataclass(frozen=True, slots=True)
class Shape:
    code: str
    name: str
    path: str  # SVG path data in the view's pixel space


@dataclass(frozen=True, slots=True)
class View:
    name: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    west: float
    south: float
    east: float
    north: float

    def point(self, lon: float, lat: float) -> tuple[float, float] | None:
        """Pixel position of a point, or None outside the view."""
        if not (self.west <= lon <= self.east and self.south <= lat <= self.north):
            return None
        return _pixel(lon, lat, self.west, self.north, self._scale)

    @property
    def _scale(self) -> float:
        return self.width / (self.east - self.west)


def _miller(lat: float) -> float:
    """Miller cylindrical y in degrees-equivalent (keeps high latitudes from blowing up)."""
    phi = math.radians(max(-85.0, min(85.0, lat)))
    return math.degrees(1.25 * math.log(math.tan(math.pi / 4 + 0.4 * phi)))


def _pixel(lon: float, lat: float, west: float, north: float, scale: float
           ) -> tuple[float, float]:
    return (lon - west) * scale, (_miller(north) - _miller(lat)) * scale


@cache
def world() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    return data


def _ring_path(ring: list[list[float]], west: float, north: float, scale: float) -> str:
    points = [_pixel(lon, lat, west, north, scale) for lon, lat in ring]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


def _overlaps(coords: list[Any], west: float, south: float, east: float, north: float) -> bool:
    lons = [p[0] for poly in coords for ring in poly for p in ring]
    lats = [p[1] for poly in coords for ring in poly for p in ring]
    return max(lons) >= west and min(lons) <= east and max(lats) >= south and min(lats) <= north


@cache
def view(name: str) -> View:
    """The named view (`americas` or `world`) with every country inside it projected."""
    west, south, east, north = VIEWS[name]
    scale = WIDTH / (east - west)
    height = (_miller(north) - _miller(south)) * scale
    shapes = []
    for feature in world()["features"]:
        coords = feature["geometry"]["coordinates"]
        if not _overlaps(coords, west, south, east, north):
            continue
        path = "".join(_ring_path(ring, west, north, scale) for poly in coords for ring in poly)
        shapes.append(Shape(feature["id"], feature["properties"]["name"], path))
    return View(name, WIDTH, round(height, 1), tuple(shapes), west, south, east, north)


def shape_codes() -> frozenset[str]:
    return frozenset(f["id"] for f in world()["features"])
