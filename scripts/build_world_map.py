"""Build `blocwatch/serve/static/world.json`: simplified country shapes for the dashboard map.

Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), in the
copy that the geopandas 0.14.4 wheel on PyPI ships as `geopandas/datasets/naturalearth_lowres`
(geopandas removed these files in 1.0). Get the wheel without installing it:

    .venv/bin/pip download --no-deps -d "$TMPDIR"/ne geopandas==0.14.4
    .venv/bin/python scripts/build_world_map.py "$TMPDIR"/ne/geopandas-0.14.4-py3-none-any.whl

The shapefile is read with the standard library (no GIS packages), rings are simplified with
Douglas-Peucker and coordinates rounded; the output is a GeoJSON FeatureCollection keyed by ISO
3166-1 alpha-3 code. Countries too small for the 1:110m layer (most Caribbean islands) are not in
it: the dashboard draws those as circles at the knowledge base's coordinates.
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import zipfile
from itertools import pairwise
from pathlib import Path

SHAPES = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parents[1] / "blocwatch" / "serve" / "static" / "world.json"
# Natural Earth's own codes where ISO has none, mapped to the knowledge base's codes.
CODE_FIXES = {"KOS": "XKX"}
TOLERANCE = 0.12  # degrees
MIN_RING_AREA = 0.08  # square degrees; smaller islands are dropped unless a country has no other


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The records of a dBase III table, every value as a stripped string."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    offset = 32
    while data[offset] != 0x0D:
        raw = data[offset:offset + 32]
        name = raw[:11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, raw[16]))
        offset += 32
    records = []
    for i in range(count):
        start = header_len + i * record_len + 1  # skip the deletion flag
        record, pos = {}, start
        for name, length in fields:
            record[name] = data[pos:pos + length].decode("utf-8", "replace").strip()
            pos += length
        records.append(record)
    return records


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings (lists of lon/lat points) from a polygon shapefile."""
    shapes, pos = [], 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        kind = struct.unpack("<i", content[:4])[0]
        if kind == 0:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts]))
        base = 44 + 4 * n_parts
        coords = struct.unpack(f"<{2 * n_points}d", content[base:base + 16 * n_points])
        points = list(zip(coords[0::2], coords[1::2]))
        bounds = [*parts, n_points]
        shapes.append([points[bounds[i]:bounds[i + 1]] for i in range(n_parts)])
    return shapes


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings can have thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))) / 2


def country_rings(rings: list[list[tuple[float, float]]]) -> list[list[list[float]]]:
    out = []
    for ring in sorted(rings, key=area, reverse=True):
        if out and area(ring) < MIN_RING_AREA:
            continue
        simple = simplify(ring, TOLERANCE)
        if len(simple) < 4:
            simple = ring if len(ring) < 12 else simplify(ring, TOLERANCE / 4)
        if len(simple) >= 4:
            out.append([[round(x, 2), round(y, 2)] for x, y in simple])
    return out


def build(wheel: Path) -> dict[str, object]:
    with zipfile.ZipFile(wheel) as z:
        shp = z.read(SHAPES + ".shp")
        dbf = z.read(SHAPES + ".dbf")
    features = []
    for record, rings in zip(read_dbf(dbf), read_shp(shp)):
        code = CODE_FIXES.get(record["iso_a3"], record["iso_a3"])
        if len(code) != 3 or not code.isalpha() or not rings:
            continue  # e.g. Northern Cyprus, Somaliland: no ISO code
        polygons = [[ring] for ring in country_rings(rings)]  # outer rings only: holes unused
        features.append({
            "type": "Feature", "id": code,
            "properties": {"name": record["name"], "continent": record["continent"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    features.sort(key=lambda f: str(f["id"]))
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries, via the naturalearth_lowres copy in "
                  "the geopandas 0.14.4 wheel; simplified by scripts/build_world_map.py "
                  f"(Douglas-Peucker {TOLERANCE} degrees, 2 decimals)",
        "licence": "public domain (Natural Earth terms of use)",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.wheel)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{len(data['features'])} countries, {len(text.encode()):,} bytes -> {args.out}")


if __name__ == "__main__":
    main()
